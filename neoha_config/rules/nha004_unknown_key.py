"""NHA004: an unknown key in a namespace Neo4j or ZooKeeper owns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import HA_NAMESPACES, SERVER_PREFIX
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import property_sources, quote
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA004",
    Severity.WARNING,
    Scope.NODE,
    (
        "unknown key in a known namespace (ha.*, org.neo4j.server.*, online_backup*, "
        "enable_online_backup, every coord.cfg key), with a did-you-mean suggestion"
    ),
)
def unknown_key(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
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
    """
    from neoha_config.models.coord import COORD_KEY_SINCE, coord_key_since
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
                    yield unknown_key.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown coord.cfg key {quote(key)}: ZooKeeper sets it as the system "
                        f"property 'zookeeper.{key}' and ignores it"
                        + _suggest(key, set(COORD_KEY_SINCE) | {"server.1"}),
                        node=node.name,
                        key=key,
                    )
                elif _version(since) > profile:
                    yield unknown_key.diag(
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
                    yield unknown_key.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown key {quote(key)}: Neo4j never reads it" + _suggest(key, known),
                        node=node.name,
                        key=key,
                    )
            elif key.startswith(SERVER_PREFIX) and key not in SERVER_KEYS:
                yield unknown_key.diag(
                    source.loc(entry.line, entry.column),
                    f"unknown key {quote(key)}: the Neo4j server never reads it"
                    + _suggest(key, SERVER_KEYS),
                    node=node.name,
                    key=key,
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
