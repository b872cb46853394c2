"""NHA311: two HA clusters on one ensemble have the same ha.cluster_name."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.topology import HACluster, coordinator_entries
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

_KEY = "ha.cluster_name"


@rule(
    "NHA311",
    Severity.WARNING,
    Scope.TREE,
    "two HA clusters on one ensemble have the same ha.cluster_name",
    releases="1.3-1.8",  # clusters on a ZooKeeper ensemble
)
def shared_cluster_name(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two groups of database nodes use the same ensemble of the tree and the same
    `ha.cluster_name` (default `neo4j.ha`), but their coordinator lists have no endpoint in
    common, so they look like two separate clusters.

    **Why:** since 1.6 one ensemble can serve several clusters, each found through the znode
    `/<cluster_name>`, which holds the cluster's store id; the cluster's root znode is derived
    from that store id. Two groups with one name therefore find one cluster: whichever group
    starts first creates it, and a node of the other group that has a store of its own stops
    at start with `StoreId in database doesn't match that of the ZK cluster`; only nodes with
    an empty store join the other cluster (and copy its store). Before 1.6 there is no
    `ha.cluster_name`: the root is keyed by the local store, and a new node with an empty
    store on a shared ensemble stops with `Multiple roots found`.

    **How to fix:** give each cluster its own `ha.cluster_name`, or, if they are meant to be
    one cluster, the same coordinator list. Every node of each later group is reported, with a
    node of the first group as related site.

    **Example:**

    ```properties
    # shop/db1: ha.coordinators=zk1:2181         (ha.cluster_name unset)
    # crm/db1:  ha.coordinators=zk2:2181,zk3:2181 (reported: same name, same ensemble)
    ```
    """
    by_name: dict[tuple[str, int], list[HACluster]] = {}
    for cluster in ctx.topology.clusters:
        if cluster.ensemble is None:
            continue
        if not any(coordinator_entries(n) for n in cluster.nodes):
            continue
        by_name.setdefault((cluster.name, id(cluster.ensemble)), []).append(cluster)
    for clusters in by_name.values():
        if len(clusters) < 2:
            continue
        first = clusters[0]
        ref = first.nodes[0]
        ens_label = first.ensemble.label if first.ensemble is not None else "one ensemble"
        for cluster in clusters[1:]:
            for node in cluster.nodes:
                yield shared_cluster_name.diag(
                    node.where(FileRole.DATABASE, _KEY),
                    f"node {node.name} ({cluster.label}) and {_names(first.nodes)} (another "
                    f"{first.label}) use {ens_label} under the same {_KEY}={cluster.name}, but "
                    f"their coordinator lists share no endpoint: "
                    f"{_consequence(cluster.name, ctx.releases(node))}",
                    node=node.name,
                    key=_KEY,
                    related=[ref.where(FileRole.DATABASE, _KEY)],
                    group=cluster.label,
                )


def _names(nodes: Sequence[Node], limit: int = 3) -> str:
    names = [n.name for n in nodes[:limit]]
    if len(nodes) > limit:
        names.append(f"{len(nodes) - limit} more")
    return ", ".join(names)


def _consequence(name: str, releases: tuple[str, ...]) -> str:
    """What two groups under one name do in the candidate ``releases``: from 1.6 on they find
    one cluster by name; before, no name is read and the ensemble's roots collide."""
    from neoha_config.release import describe

    early = [r for r in releases if r in _BEFORE_NAMES]
    late = [r for r in releases if r not in _BEFORE_NAMES]
    parts = []
    if late or not early:
        where = f"on {describe(late)} " if early else ""
        parts.append(
            f"{where}both groups find one cluster through the znode /{name}, and a node of the "
            "group that starts second stops with: StoreId in database doesn't match that of "
            "the ZK cluster (a node with an empty store joins the other cluster instead)"
        )
    if early:
        parts.append(
            f"on {describe(early)} no {_KEY} is read, and a new node with an empty store on a "
            "shared ensemble stops with: Multiple roots found"
        )
    return "; ".join(parts)


_BEFORE_NAMES = ("1.3", "1.4", "1.5")
"""The releases before ``ha.cluster_name`` (1.6.M03)."""
