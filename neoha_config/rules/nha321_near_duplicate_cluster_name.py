"""NHA321: HA clusters on one ensemble whose ha.cluster_name differs only slightly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import CLUSTER_NAME_KEY
from neoha_config.registry import Scope, rule
from neoha_config.topology import coordinator_entries
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.topology import HACluster

# Per-name clusters on one ensemble arrived in 1.6 (1.6.M03, "one ZK cluster managing many HA
# clusters"); before that the name does not split the nodes this way.
_RELEASES = frozenset({"1.6", "1.7", "1.8"})


def edit_distance(a: str, b: str, limit: int) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def near(a: str, b: str) -> bool:
    """Whether two different names look like one name mistyped: equal ignoring case, or one
    edit apart (two for names of eight characters or more). Names that differ only in digits
    (``shop-1``, ``shop-2``) are numbered on purpose."""
    if a == b:
        return False
    if a.lower() == b.lower():
        return True
    if len(a) == len(b) and all(
        x == y or (x.isdigit() and y.isdigit()) for x, y in zip(a, b, strict=True)
    ):
        return False
    limit = 2 if min(len(a), len(b)) >= 8 else 1
    return min(len(a), len(b)) >= 3 and edit_distance(a.lower(), b.lower(), limit) <= limit


@rule(
    "NHA321",
    Severity.WARNING,
    Scope.TREE,
    "nodes on one ensemble use ha.cluster_name values that differ only slightly",
    releases="1.6-1.8",
)
def near_duplicate_cluster_name(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** database nodes that use the same ensemble of the tree set `ha.cluster_name`
    values that differ only in case or by a typo (one edit apart, two for names of eight
    characters or more), on Neo4j 1.6-1.8. Names that differ only in digits (`shop-1`,
    `shop-2`) are taken as numbered on purpose.

    **Why:** since 1.6 one ensemble serves several HA clusters, one per name, each under its
    own znode `/<ha.cluster_name>`; names are compared exactly. A node whose name is `neo4j.HA`
    while the others use `neo4j.ha` finds no cluster under its name, creates one
    (`ha.allow_init_cluster` defaults to true) and becomes the master of a cluster of its own:
    a second master, writing to a store that branches from the others'. The node of the
    smaller group (the later one on a tie) is reported, with a node of the larger as related
    site. Names that differ more are taken as meant (two clusters on one ensemble).

    **How to fix:** use one spelling of the name on every node of the cluster.

    **Example:**

    ```properties
    # db1, db2
    ha.cluster_name=neo4j.ha
    # db3, reported
    ha.cluster_name=neo4j.HA
    ```
    """
    by_ensemble: dict[int, list[HACluster]] = {}
    for cluster in ctx.topology.clusters:
        if cluster.ensemble is None or not any(coordinator_entries(n) for n in cluster.nodes):
            continue
        if not all(_RELEASES.intersection(ctx.releases(n)) for n in cluster.nodes):
            continue
        by_ensemble.setdefault(id(cluster.ensemble), []).append(cluster)
    for clusters in by_ensemble.values():
        names: dict[str, list[HACluster]] = {}
        for cluster in clusters:
            names.setdefault(cluster.name, []).append(cluster)
        if len(names) < 2:
            continue
        size = {name: sum(len(c.nodes) for c in group) for name, group in names.items()}
        order = list(names)
        for name in order:
            rivals = [
                other
                for other in order
                if near(name, other)
                and (size[other], -order.index(other)) > (size[name], -order.index(name))
            ]
            if not rivals:
                continue
            main = rivals[0]
            ref = names[main][0].nodes[0]
            for cluster in names[name]:
                for node in cluster.nodes:
                    yield near_duplicate_cluster_name.diag(
                        node.where(FileRole.DATABASE, CLUSTER_NAME_KEY),
                        f"{CLUSTER_NAME_KEY} = {name!r} on node {node.name}, but {ref.name} and "
                        f"the other nodes on {cluster.ensemble.label if cluster.ensemble else ''}"
                        f" use {main!r}: names are compared exactly, so this node creates a "
                        "cluster of its own and becomes a second master",
                        node=node.name,
                        key=CLUSTER_NAME_KEY,
                        related=[ref.where(FileRole.DATABASE, CLUSTER_NAME_KEY)],
                        group=cluster.label,
                    )
