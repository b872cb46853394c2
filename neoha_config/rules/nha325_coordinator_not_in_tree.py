"""NHA325: --complete: a coordinator list entry that no coordinator of the tree serves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import Endpoint, endpoint
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location
from neoha_config.topology import client_port, coordinator_entries

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA325",
    Severity.ERROR,
    Scope.TREE,
    "with --complete: a coordinator list entry matches no coordinator of the tree",
    releases="1.3-1.8",
)
def coordinator_not_in_tree(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** under `--complete` (or `complete = true` in `[tool.neoha_config]`), an entry of a
    database node's coordinator list (`ha.coordinators` or `ha.zoo_keeper_servers`) names a
    `host:port` that no coordinator of the checked tree takes clients on.

    **Why:** by default a coordinator missing from the tree may simply live elsewhere, so the
    cluster rules stay silent about it. `--complete` says the tree is the whole system: then
    the entry is a dead address. The ZooKeeper client tries the listed endpoints in turn, so a
    dead one delays every connection and session re-establishment, and a list with no live
    entry keeps the database from starting. Entries NHA303 explains (a quorum or election port
    of a coordinator in the tree) are left to it; a coordinator whose host the tree does not
    tell counts as serving its client port on any host.

    **How to fix:** list only the coordinators of the ensemble, as `host:clientPort`, or add the
    missing coordinator's home to the tree.

    **Example:**

    ```properties
    # the tree holds zk1, zk2, zk3 (clientPort=2181)
    ha.coordinators=zk1:2181,zk2:2181,zk4:2181   # reported: no coordinator zk4
    ```
    """
    if not ctx.complete:
        return
    from neoha_config.liveness import client_endpoints

    served: set[Endpoint] = set()
    anywhere: set[int] = set()  # client ports of live coordinators of unknown host
    for ens in ctx.topology.ensembles:
        served.update(ens.client_endpoints)
        for coordinator in ens.coordinators:
            candidates = client_endpoints(coordinator)
            served.update(candidates)
            port = client_port(coordinator)
            if not candidates and port is not None:
                anywhere.add(port)
    for cluster in ctx.topology.clusters:
        facts = ctx.ensemble_facts(cluster.ensemble) if cluster.ensemble is not None else None
        for node in cluster.nodes:
            entries = coordinator_entries(node)
            if not entries:
                continue
            key, loc = coord_list_location(node)
            for hp in entries:
                if endpoint(hp.host, hp.port) in served or hp.port in anywhere:
                    continue
                if facts is not None and facts.not_client(hp.host, hp.port) is not None:
                    continue  # NHA303 says what the port is instead
                yield coordinator_not_in_tree.diag(
                    loc,
                    f"{key} of node {node.name} lists {hp}, but no coordinator of the tree "
                    "takes clients there, and --complete says the tree is the whole system: "
                    "the ZooKeeper client tries a dead address",
                    node=node.name,
                    key=key,
                    group=cluster.label,
                )
