"""NHA108: an ha.server that is not host:port as the node's release reads it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import DATABASE, Kind
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import HA_SERVER_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, file_site, rejected_values
from neoha_config.rules._releases import (
    Verdict,
    all_refuse,
    from_result,
    readings,
    settled,
    spec_of,
)
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA108",
    Severity.ERROR,
    Scope.NODE,
    "ha.server is not host:port with a port in 1-65535",
    keys=VALUE_KEYS["NHA108"],
)
def bad_ha_server(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.server` is not `host:port` as the node's release reads it: Neo4j 1.3 to 1.8
    split it at the first `:` and read the rest as an integer port, so a bracketed IPv6
    address (`[::1]:6361`), a missing port, a port out of range or blanks around a part are
    errors there, as is a host other nodes cannot dial. Neo4j 1.9 reads `host:port` or
    `host:first-last`, and an empty host (`:6001`) means every interface.

    **Why:** Neo4j binds the port of `ha.server` and publishes the whole value in ZooKeeper
    for the other nodes to dial. A value it cannot split or parse stops the database from
    starting (`[::1]:6361` is `Integer.parseInt(":1]:6361")`, a `NumberFormatException`;
    `db1` is a `StringIndexOutOfBoundsException`), and a malformed host is published and
    unreachable.

    **How to fix:** give the host name or address other nodes reach this one by, and a free
    port (6361 by default); on 1.x, an IPv6 node is named by a host name, not a literal.

    **Example:**

    ```properties
    # bad
    ha.server=[fd00::1]:6361
    # good
    ha.server=neo4j-01:6361
    ```
    """
    site = file_site(node, FileRole.DATABASE, HA_SERVER_KEY)
    spec = spec_of(DATABASE, HA_SERVER_KEY)
    if site is None or spec is None:
        return
    rejected = next(iter(rejected_values(node, bad_ha_server.keys.__contains__)), None)
    found: dict[str, Verdict] = {}
    for release, result in readings(spec, site.value, ctx.releases(node)).items():
        verdict = from_result(result)
        # The release splits the value, but the host the model refuses is published for the
        # other nodes to dial (1.3-1.8; 1.9 binds an empty host on every interface).
        published = spec.kind(release) is Kind.HOST_PORT
        if verdict.severity is None and rejected is not None and published:
            verdict = Verdict(Severity.ERROR, rejected.model_reason)
        found[release] = verdict
    level, text = settled(found)
    if level is None:
        return
    if rejected is not None and all_refuse(found) and not site.value.startswith("["):
        text = rejected.model_reason
    yield bad_ha_server.diag(
        site.location,
        f"{HA_SERVER_KEY} = {site.value!r}: {text}",
        severity=level,
        node=node.name,
        key=HA_SERVER_KEY,
    )
