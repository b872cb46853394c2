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


def key_at(source: SourceFile, line: int) -> str | None:
    """The key of the entry that spans physical line ``line``, or None."""
    assert source.document is not None
    for entry in source.document.entries:
        if entry.line <= line <= entry.end_line:
            return entry.key
    return None
