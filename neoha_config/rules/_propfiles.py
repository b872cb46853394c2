"""The properties files of a node that the file-level rules read, and how messages quote text."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config.tree import FileRole, Node, SourceFile

_PROPERTIES_ROLES = (FileRole.SERVER, FileRole.DATABASE, FileRole.COORD, FileRole.MISNAMED_SERVER)


def quote(text: str) -> str:
    """``text`` in single quotes, as the user wrote it (the reports escape control characters)."""
    return f"'{text}'"


def property_sources(node: Node) -> Iterator[SourceFile]:
    """The properties files of ``node`` that were read and parsed, in role order."""
    for role in _PROPERTIES_ROLES:
        source = node.files.get(role)
        if source is not None and source.document is not None:
            yield source
