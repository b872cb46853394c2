"""NHA003: a key set more than once in one file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import RAW_SERVER_KEYS
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import property_sources, quote
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.properties import Entry
    from neoha_config.tree import Node, SourceFile


@rule(
    "NHA003",
    Severity.WARNING,
    Scope.NODE,
    (
        "key set more than once in one file; the last wins. Two server.N lines for one N in "
        "coord.cfg is an error"
    ),
)
def duplicate_key(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** one key is assigned on two or more lines of one file. Both lines are reported: the
    finding sits on the later one and the earlier is a related site. In `coord.cfg`, two
    `server.N` lines for the same id (also spelled differently, like `server.1` and `server.01`,
    which ZooKeeper reads as the same number) are an error.

    **Why:** `java.util.Properties` silently keeps the last value, so an edit made to the first
    line has no effect, and readers of the file believe the wrong value. The server reads
    `neo4j-server.properties` with Commons Configuration instead, which keeps both values and
    returns the first, so there the first line wins; only the start-up preflight reads
    `org.neo4j.server.database.mode` and `org.neo4j.server.db.tuning.properties` with
    `java.util.Properties`, so for those two keys the preflight and the server disagree. Two
    `server.N` lines for one id describe two machines of which ZooKeeper keeps only one: the
    ensemble loses a member and other coordinators disagree about its address.

    **How to fix:** delete the line that should not count, keeping one assignment per key. For
    `server.N`, give each coordinator its own id.

    **Example:**

    ```properties
    ha.server_id=1
    # ... fifty lines later
    ha.server_id=2
    ```
    """
    for source in property_sources(node):
        assert source.document is not None
        seen: dict[str, Entry] = {}
        ids: dict[int, Entry] = {}
        for entry in source.document.entries:
            earlier = seen.get(entry.key)
            if earlier is not None:
                yield _finding(node, source, entry, earlier, exact=True)
            seen[entry.key] = entry
            if source.role is not FileRole.COORD:
                continue
            sid = _server_id(entry.key)
            if sid is None:
                continue
            other = ids.get(sid)
            if other is not None and other.key != entry.key:
                yield _finding(node, source, entry, other, exact=False, server_id=sid)
            ids[sid] = entry


def _server_id(key: str) -> int | None:
    from neoha_config.models.plain import SERVER_KEY, parse_server_id

    if not SERVER_KEY.match(key):
        return None
    try:
        return parse_server_id(key)
    except ValueError:
        return None


def _finding(
    node: Node,
    source: SourceFile,
    entry: Entry,
    earlier: Entry,
    *,
    exact: bool,
    server_id: int | None = None,
) -> Diagnostic:
    is_server = source.role is FileRole.COORD and (
        server_id is not None or _server_id(entry.key) is not None
    )
    if exact:
        message = (
            f"{quote(entry.key)} is set more than once: line {earlier.line} sets "
            f"{quote(earlier.value)}, line {entry.line} sets {quote(entry.value)}; "
            + _winner(source.role, entry.key)
        )
        if is_server:
            message += ", so ZooKeeper never sees the first server line"
    else:
        message = (
            f"{quote(earlier.key)} (line {earlier.line}) and {quote(entry.key)} both define "
            f"server id {server_id}: ZooKeeper reads both as {server_id} and keeps only one of "
            f"{quote(earlier.value)} and {quote(entry.value)}"
        )
    return duplicate_key.diag(
        source.loc(entry.line, entry.column),
        message,
        severity=Severity.ERROR if is_server else None,
        node=node.name,
        key=entry.key,
        related=[source.loc(earlier.line, earlier.column)],
    )


def _winner(role: FileRole | None, key: str) -> str:
    """Which of the values wins, as the file's reader reads it."""
    if role is not FileRole.SERVER:
        return "the last one wins"
    if key in RAW_SERVER_KEYS:
        return (
            "the start-up preflight reads the last one, the server (Commons Configuration) "
            "the first"
        )
    return "the server reads the first one (Commons Configuration keeps both, returns the first)"
