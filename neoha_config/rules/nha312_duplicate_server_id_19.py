"""NHA312: two members of one Neo4j 1.9 cluster share an ha.server_id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext

KEY = "ha.server_id"


@rule(
    "NHA312",
    Severity.ERROR,
    Scope.TREE,
    "two members of one Neo4j 1.9 cluster share an ha.server_id",
    releases="1.9",
)
def duplicate_server_id_19(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two members of one Neo4j 1.9 cluster (database nodes whose `ha.initial_hosts`
    share an endpoint, or list each other's cluster endpoint) have the same `ha.server_id`.
    Clusters of 1.3-1.8, grouped by their coordinators, are NHA301's, and so are two 1.9
    members that also list the same coordinators (during a rolling upgrade from 1.8).

    **Why:** 1.9 has no coordinators: the members agree among themselves on who is in the
    cluster, and they know each member by its `ha.server_id` (`ClusterSettings.server_id`:
    "Id for a cluster instance. Must be unique within the cluster."). The cluster
    configuration the members share maps each id to one member address
    (`Map<InstanceId, URI>` in `ClusterConfiguration`), so two members with one id cannot both
    be in it: one is taken for the other, and heartbeats and master elections count the two as
    one instance.

    **How to fix:** give every member of the cluster its own id. The first member with an id
    keeps it; every later member with the same id is reported, with the first as related site.

    **Example:**

    ```properties
    # db1/conf/neo4j.properties
    ha.server_id=1
    ha.initial_hosts=db1:5001,db2:5001
    # db2/conf/neo4j.properties (reported)
    ha.server_id=1
    ha.initial_hosts=db1:5001,db2:5001
    ```
    """
    for cluster in ctx.clusters_19:
        if len(cluster.members) < 2:
            continue
        first: dict[int, Node] = {}
        for m in cluster.members:
            db = m.node.database
            server_id = db.server_id if db is not None else None
            if server_id is None:
                continue
            owner = first.setdefault(server_id, m.node)
            if owner is m.node or _same_ha_cluster(ctx, owner, m.node):
                continue
            yield duplicate_server_id_19.diag(
                m.node.where(FileRole.DATABASE, KEY),
                f"{KEY}={server_id} of node {m.node.name} is also the id of node {owner.name} "
                f"in {cluster.label}: the members know each other by this id, so the two are "
                "taken for one instance",
                node=m.node.name,
                key=KEY,
                related=[owner.where(FileRole.DATABASE, KEY)],
                group=cluster.label,
            )


def _same_ha_cluster(ctx: CheckContext, a: Node, b: Node) -> bool:
    """True when the two also share coordinators: NHA301 reports them."""
    cluster = ctx.topology.cluster_of.get(id(a))
    return cluster is not None and cluster is ctx.topology.cluster_of.get(id(b))
