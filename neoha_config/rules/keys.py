"""Key rules (NHA003-NHA005): duplicate keys, unknown keys with suggestions, trailing blanks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules._files import property_sources, quote
from neoha_config.tree import FileRole, Node, SourceFile

if TYPE_CHECKING:
    from neoha_config.properties import Entry

DUPLICATE_KEY = define(
    "NHA003",
    Severity.WARNING,
    "key set more than once in one file; the last wins. Two server.N lines for one N in coord.cfg "
    "is an error",
    """
    **What:** one key is assigned on two or more lines of one file. Both lines are reported: the
    finding sits on the later one and the earlier is a related site. In `coord.cfg`, two
    `server.N` lines for the same id (also spelled differently, like `server.1` and `server.01`,
    which ZooKeeper reads as the same number) are an error.

    **Why:** `java.util.Properties` silently keeps the last value, so an edit made to the first
    line has no effect, and readers of the file believe the wrong value. Two `server.N` lines for
    one id describe two machines of which ZooKeeper keeps only one: the ensemble loses a member
    and other coordinators disagree about its address.

    **How to fix:** delete the line that should not count, keeping one assignment per key. For
    `server.N`, give each coordinator its own id.

    **Example:**

    ```properties
    ha.server_id=1
    # ... fifty lines later
    ha.server_id=2
    ```
    """,
)

UNKNOWN_KEY = define(
    "NHA004",
    Severity.WARNING,
    "unknown key in a known namespace (ha.*, org.neo4j.server.*, online_backup*, "
    "enable_online_backup, every coord.cfg key), with a did-you-mean suggestion",
    """
    **What:** a key in a namespace Neo4j or ZooKeeper owns that neither knows: `ha.*`,
    `online_backup*` and `enable_online_backup` in the database file, `org.neo4j.server.*` in the
    server file, and any key of `coord.cfg`. The message suggests the closest known key. Other
    keys (kernel tuning such as `neostore.nodestore.db.mapped_memory`) are not checked.

    **Why:** nothing complains about a misspelt key: Neo4j never looks it up, and ZooKeeper
    turns an unknown `coord.cfg` key into the system property `zookeeper.<key>` and goes on. The
    setting the author meant keeps its default.

    `coord.cfg` keys are checked against what ZooKeeper 3.3 to 3.9 know. A key only a newer
    ZooKeeper than the chosen profile knows (for example `autopurge.purgeInterval`, 3.4+, under
    `--zookeeper 3.3`) is reported as `info`: the bundled coordinator ignores it, a newer one
    would use it.

    **How to fix:** correct the spelling (keys are case-sensitive), or remove the line.

    **Example:** `ha.sever_id=1` (did you mean `ha.server_id`?), `ticktime=2000` (did you mean
    `tickTime`?).
    """,
)

TRAILING_WHITESPACE = define(
    "NHA005",
    Severity.WARNING,
    "value has trailing whitespace that Neo4j keeps (not in coord.cfg, which ZooKeeper trims)",
    """
    **What:** a value in `neo4j-server.properties` or the database file ends in blanks (spaces,
    tabs) that are not escaped. The column points at the first trailing blank.

    **Why:** `java.util.Properties` keeps trailing whitespace, and Neo4j 1.x uses values as they
    are: `ha.server_id=1 ` fails `Integer.parseInt`, `ha.pull_interval=10 ` fails with
    `Unrecognized unit`, a blank after a port in `ha.coordinators` is a NumberFormatException in
    the ZooKeeper client, and a file name ending in a blank names another file. ZooKeeper trims
    `coord.cfg` values, so they are not reported here (`server.N` lines have their own rule,
    NHA212).

    **How to fix:** delete the trailing blanks; if one is really wanted, escape it (`\\ `).

    **Example:** `ha.server_id=1␠␠` (two trailing spaces).
    """,
)

_BLANKS = " \t\f"
_SERVER_PREFIX = "org.neo4j.server."


def _server_id(key: str) -> int | None:
    from neoha_config.models.coord import SERVER_KEY, parse_server_id

    if not SERVER_KEY.match(key):
        return None
    try:
        return parse_server_id(key)
    except ValueError:
        return None


@check(Scope.NODE)
def duplicates(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA003: keys set twice (warning), ``server.N`` ids defined twice in coord.cfg (error)."""
    for source in property_sources(node):
        assert source.document is not None
        seen: dict[str, Entry] = {}
        ids: dict[int, Entry] = {}
        for entry in source.document.entries:
            earlier = seen.get(entry.key)
            if earlier is not None:
                yield _duplicate(node, source, entry, earlier, exact=True)
            seen[entry.key] = entry
            if source.role is not FileRole.COORD:
                continue
            sid = _server_id(entry.key)
            if sid is None:
                continue
            other = ids.get(sid)
            if other is not None and other.key != entry.key:
                yield _duplicate(node, source, entry, other, exact=False, server_id=sid)
            ids[sid] = entry


def _duplicate(
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
            "the last one wins"
        )
        if is_server:
            message += ", so ZooKeeper never sees the first server line"
    else:
        message = (
            f"{quote(earlier.key)} (line {earlier.line}) and {quote(entry.key)} both define "
            f"server id {server_id}: ZooKeeper reads both as {server_id} and keeps only one of "
            f"{quote(earlier.value)} and {quote(entry.value)}"
        )
    return DUPLICATE_KEY.diag(
        source.loc(entry.line, entry.column),
        message,
        severity=Severity.ERROR if is_server else None,
        node=node.name,
        key=entry.key,
        related=[source.loc(earlier.line, earlier.column)],
    )


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _suggest(key: str, known: frozenset[str] | set[str]) -> str:
    folded = {k.lower(): k for k in known}
    match = folded.get(key.lower())
    if match is None:
        import difflib  # only when a key is unknown: keeps the check hook's start-up small

        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
        if not close:
            close = difflib.get_close_matches(key.lower(), sorted(folded), n=1, cutoff=0.75)
            close = [folded[c] for c in close]
        match = close[0] if close else None
    return f"; did you mean {quote(match)}?" if match else ""


@check(Scope.NODE)
def unknown_keys(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA004: unknown keys in the namespaces Neo4j and ZooKeeper own, with a suggestion."""
    from neoha_config.models.coord import COORD_KEY_SINCE, coord_key_since
    from neoha_config.models.database import HA_NAMESPACES
    from neoha_config.models.database import KNOWN_KEYS as DATABASE_KEYS
    from neoha_config.models.server import KNOWN_KEYS as SERVER_KEYS

    profile = _version(ctx.profile.value)
    for source in property_sources(node):
        assert source.document is not None
        for entry in source.document.entries:
            key = entry.key
            if not key:
                continue
            if source.role is FileRole.COORD:
                since = coord_key_since(key)
                if since is None:
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown coord.cfg key {quote(key)}: ZooKeeper sets it as the system "
                        f"property 'zookeeper.{key}' and ignores it"
                        + _suggest(key, set(COORD_KEY_SINCE) | {"server.1"}),
                        node=node.name,
                        key=key,
                    )
                elif _version(since) > profile:
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"{quote(key)} is known to ZooKeeper {since}+; "
                        f"ZooKeeper {ctx.profile.value} sets it as the system property "
                        f"'zookeeper.{key}' and ignores it",
                        severity=Severity.INFO,
                        node=node.name,
                        key=key,
                    )
            elif source.role is FileRole.DATABASE:
                if key.startswith(HA_NAMESPACES) and key not in DATABASE_KEYS:
                    known = {k for k in DATABASE_KEYS if k.startswith(HA_NAMESPACES)}
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown key {quote(key)}: Neo4j never reads it" + _suggest(key, known),
                        node=node.name,
                        key=key,
                    )
            elif key.startswith(_SERVER_PREFIX) and key not in SERVER_KEYS:
                yield UNKNOWN_KEY.diag(
                    source.loc(entry.line, entry.column),
                    f"unknown key {quote(key)}: the Neo4j server never reads it"
                    + _suggest(key, SERVER_KEYS),
                    node=node.name,
                    key=key,
                )


def _trailing_column(entry: Entry) -> int | None:
    """The column of the first unescaped trailing blank on the entry's last line, or None."""
    lines = entry.raw.splitlines()
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


@check(Scope.NODE)
def trailing_whitespace(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA005: unescaped trailing blanks in values of the server and database files."""
    for source in property_sources(node):
        if source.role is FileRole.COORD:
            continue  # ZooKeeper trims values; server.N lines are NHA212's
        assert source.document is not None
        for entry in source.document.entries:
            if entry.value == entry.value.rstrip(_BLANKS):
                continue
            column = _trailing_column(entry)
            if column is None:
                continue
            blanks = len(entry.value) - len(entry.value.rstrip(_BLANKS))
            yield TRAILING_WHITESPACE.diag(
                source.loc(entry.end_line, column),
                f"value of {quote(entry.key)} ends in {blanks} blank(s) that Neo4j keeps: "
                f"{quote(entry.value)} is read, not {quote(entry.value.rstrip(_BLANKS))}",
                node=node.name,
                key=entry.key,
            )
