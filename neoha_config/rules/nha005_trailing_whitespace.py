"""NHA005: trailing blanks that Neo4j keeps in a value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import RAW_SERVER_KEYS
from neoha_config.properties import split_lines
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import property_sources, quote
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.properties import Entry
    from neoha_config.tree import Node


@rule(
    "NHA005",
    Severity.WARNING,
    Scope.NODE,
    "value has trailing whitespace that Neo4j keeps (not in coord.cfg, which ZooKeeper trims)",
)
def trailing_whitespace(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    r"""
    **What:** a value in `neo4j-server.properties` or the database file ends in blanks (spaces,
    tabs) that are not escaped. The column points at the first trailing blank.

    **Why:** `java.util.Properties` keeps trailing whitespace, and Neo4j 1.x uses values as they
    are: `ha.server_id=1 ` fails `Integer.parseInt`, `ha.pull_interval=10 ` fails with
    `Unrecognized unit`, a blank after a port in `ha.coordinators` is a NumberFormatException in
    the ZooKeeper client, and a file name ending in a blank names another file. ZooKeeper trims
    `coord.cfg` values, so they are not reported here (`server.N` lines have their own rule,
    NHA212). The server reads `neo4j-server.properties` with Commons Configuration, which trims
    every value; only the start-up preflight reads the file raw, and only
    `org.neo4j.server.database.mode` and `org.neo4j.server.db.tuning.properties`, so in that file
    only those two keys keep their blanks (`HA ` is not a mode; `conf/neo4j.properties ` names
    another file).

    **How to fix:** delete the trailing blanks; if one is really wanted, escape it (`\ `).

    **Example:** `ha.server_id=1␠␠` (two trailing spaces).
    """
    for source in property_sources(node):
        if source.role is FileRole.COORD:
            continue  # ZooKeeper trims values; server.N lines are NHA212's
        assert source.document is not None
        trimmed = source.role is not FileRole.DATABASE  # Commons Configuration trims
        for entry in source.document.entries:
            if entry.value == entry.value.rstrip(_BLANKS):
                continue
            if trimmed and entry.key not in RAW_SERVER_KEYS:
                continue
            column = _trailing_column(entry)
            if column is None:
                continue
            blanks = len(entry.value) - len(entry.value.rstrip(_BLANKS))
            reader = "the start-up preflight keeps" if trimmed else "Neo4j keeps"
            yield trailing_whitespace.diag(
                source.loc(entry.end_line, column),
                f"value of {quote(entry.key)} ends in {blanks} blank(s) that {reader}: "
                f"{quote(entry.value)} is read, not {quote(entry.value.rstrip(_BLANKS))}",
                node=node.name,
                key=entry.key,
            )


_BLANKS = " \t\f"


def _trailing_column(entry: Entry) -> int | None:
    """The column of the first unescaped trailing blank on the entry's last line, or None."""
    lines = split_lines(entry.raw)
    if not lines:
        return None
    content = lines[-1]
    stripped = content.rstrip(_BLANKS)
    if len(stripped) == len(content):
        return None
    slashes = len(stripped) - len(stripped.rstrip("\\"))
    start = len(stripped) + (1 if slashes % 2 else 0)  # an escaped blank is meant
    if start >= len(content):
        return None
    return start + 1
