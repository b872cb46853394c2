"""NHA006: a byte-order mark or a non-ASCII byte, read as ISO-8859-1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.properties import split_lines
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import keys_by_line, property_sources, quote

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node, SourceFile


@rule(
    "NHA006",
    Severity.WARNING,
    Scope.NODE,
    (
        "byte-order mark or non-ASCII byte: the JVM reads ISO-8859-1, so a UTF-8 BOM becomes "
        "part of the first key"
    ),
)
def encoding(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    r"""
    **What:** the file starts with a UTF-8 byte-order mark, or a key or value line holds a byte
    outside ASCII. Comments are not checked.

    **Why:** `Properties.load(InputStream)` decodes ISO-8859-1. A UTF-8 BOM becomes the three
    characters `ï»¿` at the start of the first key, so `ha.server_id` on the first line is read
    as `ï»¿ha.server_id` and is not found. A UTF-8 `é` (two bytes) becomes `Ã©`.

    **How to fix:** save the file without a BOM, and write characters outside ASCII as `\uXXXX`
    escapes (`native2ascii` does it).

    **Example:** an editor saving `conf/neo4j.properties` as "UTF-8 with BOM".
    """
    for source in property_sources(node):
        assert source.document is not None
        data = source.data or b""
        if data.isascii():  # no BOM and no byte above 0x7F: the common case, in C
            continue
        comments = {c.line for c in source.document.comments}
        keys: dict[int, str] | None = None  # built on the first non-ASCII line, once per file
        for number, raw in enumerate(split_lines(data), start=1):
            if number == 1 and raw.startswith(_BOM):
                yield _bom(node, source)
            elif number not in comments:
                offset = next((i for i, b in enumerate(raw) if b > 0x7F), None)
                if offset is not None:
                    if keys is None:
                        keys = keys_by_line(source)
                    yield _non_ascii(node, source, number, raw, offset, key=keys.get(number))


_BOM = b"\xef\xbb\xbf"


def _bom(node: Node, source: SourceFile) -> Diagnostic:
    assert source.document is not None
    first = source.document.entries[0] if source.document.entries else None
    if first is not None and first.line == 1:
        reading = (
            f"the first key is read as {quote(first.key)}, not {quote(first.key[3:])}"
            if first.key.startswith("\xef\xbb\xbf")
            else f"the first line is read as {quote(split_lines(first.raw)[0])}"
        )
    else:
        reading = "the JVM reads it as the three characters 'ï»¿'"
    return encoding.diag(
        source.loc(1, 1),
        f"the file starts with a UTF-8 byte-order mark; the JVM reads ISO-8859-1, so {reading}",
        node=node.name,
        key=first.key if first is not None and first.line == 1 else None,
    )


def _non_ascii(
    node: Node, source: SourceFile, line: int, raw: bytes, offset: int, *, key: str | None
) -> Diagnostic:
    end = offset
    while end < len(raw) and raw[end] > 0x7F:
        end += 1
    run = raw[offset:end]
    latin1 = run.decode("latin-1")
    try:
        meant = run.decode("utf-8")
    except UnicodeDecodeError:
        meant = None
    if meant is not None and meant != latin1:
        reading = f"UTF-8 {quote(meant)} is read as {quote(latin1)}"
    else:
        reading = f"it is read as {quote(latin1)}"
    return encoding.diag(
        source.loc(line, offset + 1),
        f"non-ASCII byte 0x{run[0]:02X}: the JVM reads ISO-8859-1, so {reading}; "
        "write it as a \\uXXXX escape",
        node=node.name,
        key=key,
    )
