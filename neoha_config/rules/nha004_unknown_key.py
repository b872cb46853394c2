"""NHA004: an unknown key in a namespace Neo4j or ZooKeeper owns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import COORD, DATABASE, SERVER, KeySpec, keys, reading_answer
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.names import HA_NAMESPACES, SERVER_PREFIX
from neoha_config.registry import Scope, rule
from neoha_config.release import describe
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

    Keys are looked up in the key catalogue of every release (`docs/key-catalogue.md`). A key
    that only other releases read than the node's (see "Neo4j releases" in the README) is a
    warning that says which ones ("read from 1.9 on"), a note when some of the node's candidate
    releases read it; a key the vendor ships but no release reads
    (`org.neo4j.server.webserver.http.enabled`) and a plugin's key are known and silent.

    **How to fix:** correct the spelling (keys are case-sensitive), or remove the line.

    **Example:** `ha.sever_id=1` (did you mean `ha.server_id`?), `ticktime=2000` (did you mean
    `tickTime`?).
    """
    from neoha_config.catalogue import lookup
    from neoha_config.models.coordkeys import COORD_KEY_SINCE, coord_key_since

    profile = _version(ctx.profile.value)
    for source in property_sources(node):
        assert source.document is not None
        for entry in source.document.entries:
            key = entry.key
            if not key:
                continue
            where = source.loc(entry.line, entry.column)
            if source.role is FileRole.COORD:
                since = coord_key_since(key)
                spec = lookup(COORD, key) if since is None else None
                if spec is not None and ctx.profile.value in spec.releases:
                    continue  # a 3.3 extra (jmx.log4j.disable, authProvider.N, group*, ...)
                if since is None and spec is None:
                    yield unknown_key.diag(
                        where,
                        f"unknown coord.cfg key {quote(key)}: ZooKeeper sets it as the system "
                        f"property 'zookeeper.{key}' and ignores it"
                        + _suggest(key, set(COORD_KEY_SINCE) | {"server.1"}),
                        node=node.name,
                        key=key,
                    )
                elif since is None or _version(since) > profile:
                    known = (
                        f"known to ZooKeeper {since}+" if since else "not read by this ZooKeeper"
                    )
                    yield unknown_key.diag(
                        where,
                        f"{quote(key)} is {known}; "
                        f"ZooKeeper {ctx.profile.value} sets it as the system property "
                        f"'zookeeper.{key}' and ignores it",
                        severity=Severity.INFO,
                        node=node.name,
                        key=key,
                    )
                continue
            file = DATABASE if source.role is FileRole.DATABASE else SERVER
            spec = lookup(file, key)
            if spec is None:
                owned = HA_NAMESPACES if file == DATABASE else (SERVER_PREFIX,)
                if key.startswith(owned):
                    names = {
                        s.key for s in keys(file) if s.family is None and s.key.startswith(owned)
                    }
                    reader = "Neo4j" if file == DATABASE else "the Neo4j server"
                    yield unknown_key.diag(
                        where,
                        f"unknown key {quote(key)}: {reader} 1.3-1.9 never reads it"
                        + _suggest(key, names),
                        node=node.name,
                        key=key,
                    )
                continue
            if spec.inert or spec.plugin:
                continue  # known: shipped but read by no release, or read by a plugin
            yield from _not_read(node, ctx, spec, key, where)


def _not_read(
    node: Node, ctx: CheckContext, spec: KeySpec, key: str, where: Location
) -> Iterator[Diagnostic]:
    """A known key the node's releases do not all read: a warning when none does, a note when
    some do."""
    candidates = ctx.releases(node)
    missing = [r for r in candidates if not spec.reads_in(r)]
    if not missing:
        return
    reading = reading_answer(spec, candidates[-1])
    if len(missing) == len(candidates):
        yield unknown_key.diag(
            where,
            f"{quote(key)} is {reading}: Neo4j {describe(candidates)} ignores it",
            node=node.name,
            key=key,
        )
        return
    readers = [r for r in candidates if r not in missing]
    yield unknown_key.diag(
        where,
        f"{quote(key)} is read by Neo4j {describe(readers)} only; {describe(missing)} ignores it",
        severity=Severity.INFO,
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
