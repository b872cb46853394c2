"""NHA301: two database nodes of one HA cluster share a machine id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA301",
    Severity.ERROR,
    Scope.TREE,
    "two database nodes of one HA cluster share a machine id",
)
def duplicate_machine_id(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two database nodes of one HA cluster (same `ha.cluster_name`, coordinator lists
    that share an endpoint) have the same `ha.server_id` (`ha.machine_id` before 1.5).

    **Why:** each node registers itself in ZooKeeper as the ephemeral znode
    `/<cluster_name>/ha-servers/<id>` and deletes the `<id>_*` children at start. Two nodes with
    one id fight over that znode: the second logs `HA server info already present, trying again`
    (NHA403) and never joins, or the two take turns. Machine ids and coordinator `myid`s are
    separate id spaces: only machine ids are compared here (duplicate `myid`s are NHA306).

    **How to fix:** give every database node of the cluster its own id. The first node with an
    id keeps it; every later node with the same id is reported, with the first as related site.
    Nodes of other clusters (another name, or lists with no common coordinator) may reuse ids.

    **Example:**

    ```properties
    # db1/conf/neo4j.properties
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    # db2/conf/neo4j.properties
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    ```
    """
    for cluster in ctx.topology.clusters:
        if len(cluster.nodes) < 2:
            continue
        first: dict[int, Node] = {}
        for node in cluster.nodes:
            machine_id = node.database.effective_server_id if node.database is not None else None
            if machine_id is None:
                continue
            owner = first.setdefault(machine_id, node)
            if owner is node:
                continue
            key, owner_key = _id_key(node), _id_key(owner)
            yield duplicate_machine_id.diag(
                node.where(FileRole.DATABASE, key),
                f"{key}={machine_id} of node {node.name} is also the machine id of node "
                f"{owner.name} ({owner_key}) in {cluster.label}: every node of an HA cluster "
                "needs its own id, or the two fight over one ZooKeeper znode",
                node=node.name,
                key=key,
                related=[owner.where(FileRole.DATABASE, owner_key)],
                group=cluster.label,
            )


def _id_key(node: Node) -> str:
    db = node.database
    if db is not None and db.server_id is None and db.machine_id is not None:
        return "ha.machine_id"
    return "ha.server_id"
