"""NHA302: database nodes of one HA cluster list different coordinators."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import Endpoint, endpoint
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location, odd_sets
from neoha_config.topology import HACluster, coordinator_entries

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA302",
    Severity.WARNING,
    Scope.TREE,
    "database nodes of one HA cluster list different coordinators",
)
def different_coordinators(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the database nodes of one HA cluster do not all list the same set of coordinator
    endpoints (`ha.coordinators` / `ha.zoo_keeper_servers`). Entries are compared as sets of
    `host:port`, with `localhost`, `127.x.x.x` and `::1` as one host and host names in any case,
    so order and spelling do not matter.

    **Why:** the ZooKeeper client connects to one listed coordinator and fails over only to the
    others on its own list. A node that lists a subset loses failover; a node that lists another
    ensemble's coordinators ends up in another cluster. The 1.x tutorial gives every node the
    same list.

    **How to fix:** use one coordinator list on every node. The set that most nodes use is taken
    as the intended one: every node that differs is reported, naming what it lacks and what it
    has in addition, with a node that has the common set as related site.

    **Example:**

    ```properties
    # db1 and db2
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    # db3 (reported: lacks zk3:2181)
    ha.coordinators=zk1:2181,zk2:2181
    ```
    """
    for cluster in ctx.topology.clusters:
        if len(cluster.nodes) > 1:
            yield from _cluster(cluster)


def _cluster(cluster: HACluster) -> Iterator[Diagnostic]:
    listed: list[tuple[Node, frozenset[Endpoint]]] = []
    shown: dict[Endpoint, str] = {}
    for node in cluster.nodes:
        entries = coordinator_entries(node)
        if not entries:
            continue
        found = []
        for hp in entries:
            ep = endpoint(hp.host, hp.port)
            shown.setdefault(ep, str(hp))
            found.append(ep)
        listed.append((node, frozenset(found)))
    odd = odd_sets(listed, shown)
    if odd is None:
        return
    show, common, holders = odd.show, odd.common, odd.holders
    ref = holders[0]
    for node, eps in odd.odd:
        diff = odd.difference(eps)
        key, loc = coord_list_location(node)
        yield different_coordinators.diag(
            loc,
            f"{key} of node {node.name} lists {show(eps)}, but {len(holders)} of the "
            f"{odd.total} nodes of {cluster.label} (e.g. {ref.name}) list {show(common)}: "
            f"{node.name} {diff}",
            node=node.name,
            key=key,
            related=[coord_list_location(ref)[1]],
            group=cluster.label,
        )
