"""What the file-level rules share: the parsed properties files of a node, lines and quoting."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config.tree import FileRole, Node, SourceFile

PROPERTIES_ROLES = (FileRole.SERVER, FileRole.DATABASE, FileRole.COORD, FileRole.MISNAMED_SERVER)


def quote(text: str) -> str:
    """``text`` in single quotes, as the user wrote it (the reports escape control characters)."""
    return f"'{text}'"


def property_sources(node: Node) -> Iterator[SourceFile]:
    """The properties files of ``node`` that were read and parsed, in role order."""
    for role in PROPERTIES_ROLES:
        source = node.files.get(role)
        if source is not None and source.document is not None:
            yield source


def keys_by_line(source: SourceFile) -> dict[int, str]:
    """The key of the entry covering each physical line of ``source``, built in one pass."""
    assert source.document is not None
    keys: dict[int, str] = {}
    for entry in source.document.entries:
        for line in range(entry.line, entry.end_line + 1):
            keys.setdefault(line, entry.key)
    return keys
