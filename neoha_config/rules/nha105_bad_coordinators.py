"""NHA105: a coordinator list the ZooKeeper client or the server preflight refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import DATABASE, span
from neoha_config.catalogue.parsers import java_split
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import TUNING_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, file_site, rejected_values, server_mode
from neoha_config.rules._releases import FINE, Verdict, all_refuse, from_result, settled, spec_of
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.catalogue import KeySpec
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

PREFLIGHT = span("1.4-1.8")
"""The releases whose server runs the HA preflight on the coordinator list."""


@rule(
    "NHA105",
    Severity.ERROR,
    Scope.NODE,
    "coordinator list malformed",
    keys=VALUE_KEYS["NHA105"],
)
def bad_coordinators(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.coordinators` (or `ha.zoo_keeper_servers`) has blanks around an entry, a
    port that is not an integer in 0 to 65535, or an empty entry between two commas; or, on a
    server in `ha` mode, an entry without `:`. An error on every release the node's files
    are consistent with; an empty entry in a list only embedded HA reads is a warning.

    **Why:** the ZooKeeper client splits the value on `,` as Java's `split` does (a trailing
    comma makes no entry), takes the port after the last `:` (none, or nothing after it, is
    port 2181) and does not trim: ` localhost` is looked up as a host name with a blank in
    it and `host:2181 ` is a `NumberFormatException`; Neo4j then fails with
    `Unable to create zoo keeper client`. The 1.4 to 1.8 server also runs a preflight in `ha`
    mode that stops at an entry without `:` (an empty one too) with
    `Invalid server config "<entry>" for ha.server_id in <file>` (it names the wrong key).
    Embedded HA has no preflight: a bare `zk1` there is `zk1:2181`, and an empty entry makes
    the client dial `localhost:2181`. `zk1:2181,zk2:2181,` and `zk1:` are fine everywhere.

    **How to fix:** list every coordinator's `host:clientPort`, separated by commas only.

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181, neo4j-02:2181,,neo4j-03:2181
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    mode, _ = server_mode(node)
    preflight = mode is not None and mode == "ha"
    server = node.files.get(FileRole.SERVER)
    tuning = server.raw(TUNING_KEY) if server else None
    model = {r.key: r for r in rejected_values(node, bad_coordinators.keys.__contains__)}
    for key in bad_coordinators.keys:
        site = file_site(node, FileRole.DATABASE, key)
        spec = spec_of(DATABASE, key)
        if site is None or spec is None:
            continue
        found: dict[str, Verdict] = {}
        for release in ctx.releases(node):
            if not spec.reads_in(release):
                continue
            checked = preflight and release in PREFLIGHT
            found[release] = _verdict(spec, release, site.value, checked, tuning or source.display)
        level, text = settled(found)
        rejected = model.get(key)
        if level is None:
            if rejected is not None and found and any(w in rejected.reason for w in _KEPT):
                level, text = Severity.ERROR, rejected.model_reason
            else:
                continue
        elif rejected is not None and all_refuse(found) and not _preflight_only(found):
            text = rejected.model_reason
        yield bad_coordinators.diag(
            site.location,
            f"{key} = {site.value!r}: {text}",
            severity=level,
            node=node.name,
            key=key,
        )


_PREFLIGHT_WORDS = "the server preflight"
_KEPT = ("valid host", "outside 1-65535")
"""The model's complaints the client's parse does not make but that still hold: a host no
resolver knows, a port (0) nothing listens on."""


def _preflight_only(found: dict[str, Verdict]) -> bool:
    return any(v.reason.startswith(_PREFLIGHT_WORDS) for v in found.values())


def _verdict(spec: KeySpec, release: str, value: str, preflight: bool, tuning: str) -> Verdict:
    from neoha_config.catalogue import parse

    result = parse(spec, release, value)
    if result is None:
        return FINE
    if not result.ok:
        return from_result(result)
    if preflight:
        # Neo4jHAPropertiesMustExistRule: value.split(",") and contains(":"), before any client.
        for entry in java_split(value, ","):
            if ":" not in entry:
                return Verdict(
                    Severity.ERROR,
                    f"{_PREFLIGHT_WORDS} refuses the entry {entry!r} and stops the server: "
                    f'Invalid server config "{entry}" for ha.server_id in {tuning}',
                )
        return FINE
    connect = value.split("/", 1)[0]
    if "" in java_split(connect, ","):
        return Verdict(
            Severity.WARNING,
            "the list has an empty entry, which the ZooKeeper client reads as localhost:2181",
        )
    return FINE
