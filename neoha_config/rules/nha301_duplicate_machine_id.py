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
    releases="1.3-1.8",  # the ZooKeeper-based clusters
)
def duplicate_machine_id(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two database nodes of one HA cluster (same `ha.cluster_name`, coordinator lists
    that share an endpoint) have the same `ha.server_id` (`ha.machine_id` before 1.5).

    **Why:** a node's ZooKeeper root is `/<storeCreationTime>_<storeRandomId>` (the znode
    `/<ha.cluster_name>` only holds the serialized store id, from 1.6 on). Each node registers
    the ephemeral znode `<root>/ha-servers/<id>` (its backup port and `ha.server`) and
    `<root>/<id>_<sequence>` for the election, and deletes every `<id>_*` at start. Two nodes
    with one id fight over those znodes: on 1.3-1.7, on `NODEEXISTS` a node logs `HA server
    info already present, trying again`, deletes the *other* instance's znode and writes its
    own, so the two keep erasing each other, the published address is whichever wrote last,
    and the election sees only one of them. On 1.8 a node deletes only what it created and
    retries at once, without end (a flood of that message, NHA403). Machine ids and
    coordinator `myid`s are separate id spaces: only machine ids are compared here (duplicate
    `myid`s are NHA306).

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
                f"{owner.name} ({owner_key}) in {cluster.label}: both register "
                f"<root>/ha-servers/{machine_id} in ZooKeeper; "
                f"{_effect(ctx.releases(node))}; give every node of the cluster its own id",
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


def _effect(releases: tuple[str, ...]) -> str:
    """What two nodes with one id do in ``releases`` (the node's candidate releases)."""
    early = (
        "on 1.3-1.7 each deletes the other's znode and writes its own, so the published "
        "address is whichever wrote last and the election sees only one of them"
    )
    late = (
        "on 1.8 the second retries without end (HA server info already present, trying "
        "again) and never registers"
    )
    wanted = set(releases)
    parts = []
    if wanted & {"1.3", "1.4", "1.5", "1.6", "1.7"} or not wanted:
        parts.append(early)
    if "1.8" in wanted or not wanted:
        parts.append(late)
    if not parts:
        parts.append("every node of an HA cluster needs its own id")
    return "; ".join(parts)
