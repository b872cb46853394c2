"""NHA320: a database node lists coordinators of more than one ensemble."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.hosts import endpoint
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location
from neoha_config.topology import coordinator_entries

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.topology import Ensemble
    from neoha_config.tree import Node


@rule(
    "NHA320",
    Severity.ERROR,
    Scope.TREE,
    "a database node lists coordinators of more than one ensemble, or several standalone ones",
    releases="1.3-1.8",
)
def several_ensembles(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the coordinator list of a database node names client endpoints of coordinators
    that belong to more than one ensemble of the tree: coordinators whose `server.N` blocks
    share no member, or standalone coordinators whose `coord.cfg` lists only themselves (one
    `server.N` line, or none).

    **Why:** the ZooKeeper client connects to one listed endpoint at a time, picked at random,
    and fails over to the next. Each ensemble keeps its own data, so nodes (and one node after
    a reconnect) that land on different ensembles see different clusters: each may elect its
    own master, and the stores branch. A standalone coordinator is an ensemble of its own:
    this is the classic result of starting the stock `coord.cfg` on every machine.

    **How to fix:** make the coordinators one ensemble: the same `server.N` block, listing
    every coordinator, in each `coord.cfg`, and a `myid` for each.

    **Example:**

    ```properties
    # zk1, zk2, zk3 each: server.1=localhost:2888:3888 only (standalone)
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181   # reported: three separate coordinators
    ```
    """
    from neoha_config.liveness import client_endpoints

    owner: dict[tuple[str, int], tuple[Ensemble, Node]] = {}
    for ens in ctx.topology.ensembles:
        for ep, coordinator in ens.client_endpoints.items():
            owner.setdefault(ep, (ens, coordinator))
    for ens in ctx.topology.ensembles:
        # A coordinator without a myid has no known host: its server.N hosts stand in.
        placed = {id(n) for n in ens.client_endpoints.values()}
        for coordinator in ens.coordinators:
            if id(coordinator) not in placed:
                for ep in client_endpoints(coordinator):
                    owner.setdefault(ep, (ens, coordinator))
    if len({id(e) for e, _ in owner.values()}) < 2:
        return
    for cluster in ctx.topology.clusters:
        for node in cluster.nodes:
            hit: dict[int, tuple[Ensemble, Node]] = {}
            for hp in coordinator_entries(node):
                found = owner.get(endpoint(hp.host, hp.port))
                if found is not None:
                    hit.setdefault(id(found[0]), found)
            if len(hit) < 2:
                continue
            key, loc = coord_list_location(node)
            groups = list(hit.values())
            alone = all(len(e.coordinators) == 1 and _standalone(c) for e, c in groups)
            names = ", ".join(c.name for _, c in groups)
            if alone:
                what = (
                    f"{len(groups)} standalone coordinators ({names}), each an ensemble of its own"
                )
            else:
                what = f"coordinators of {len(groups)} separate ensembles ({names})"
            yield several_ensembles.diag(
                loc,
                f"{key} of node {node.name} lists {what}: ZooKeeper clients that reach "
                "different ensembles see different clusters, and each may elect its own "
                "master",
                node=node.name,
                key=key,
                related=[_client_site(c) for _, c in groups],
                group=cluster.label,
            )


def _standalone(node: Node) -> bool:
    coord = node.coord
    return coord is not None and len(coord.servers) <= 1


def _client_site(node: Node) -> Location:
    from neoha_config.facts import client_location

    return client_location(node)
