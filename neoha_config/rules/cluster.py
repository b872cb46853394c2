"""Cluster rules (NHA301, NHA302, NHA308, NHA311), and the check that runs every NHA3xx rule."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.values import ServerMode
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules import endpoints, ensemble
from neoha_config.rules._clusterfacts import MODE_KEY, coord_list_location, majority, mode
from neoha_config.topology import (
    Endpoint,
    HACluster,
    Topology,
    coordinator_entries,
    endpoint,
    key_location,
)
from neoha_config.tree import FileRole, Node, Tree

DUPLICATE_MACHINE_ID = define(
    "NHA301",
    Severity.ERROR,
    "two database nodes of one HA cluster share a machine id",
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
    """,
)

DIFFERENT_COORDINATORS = define(
    "NHA302",
    Severity.WARNING,
    "database nodes of one HA cluster list different coordinators",
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
    """,
)

SINGLE_MODE_MEMBER = define(
    "NHA308",
    Severity.WARNING,
    "a node of an HA cluster runs in single mode",
    """
    **What:** a database node's coordinator list puts it into an HA cluster whose other nodes
    run with `org.neo4j.server.database.mode=ha`, but its own server file says `single` or
    does not set the mode (the default is `SINGLE`).

    **Why:** in single mode the server skips every HA setting: the node starts a standalone
    database that neither replicates from the master nor takes part in elections, while its
    configuration says it belongs to the cluster. Writes to it are lost to the cluster.

    **How to fix:** set `org.neo4j.server.database.mode=HA` in the node's
    `neo4j-server.properties`, or remove its HA settings if it is meant to stand alone.

    **Example:**

    ```properties
    # db3/conf/neo4j-server.properties (reported; db1 and db2 say mode=HA)
    org.neo4j.server.database.mode=single
    ```
    """,
)

SHARED_CLUSTER_NAME = define(
    "NHA311",
    Severity.WARNING,
    "two HA clusters on one ensemble have the same ha.cluster_name",
    """
    **What:** two groups of database nodes use the same ensemble of the tree and the same
    `ha.cluster_name` (default `neo4j.ha`), but their coordinator lists have no endpoint in
    common, so they look like two separate clusters.

    **Why:** since 1.6 one ensemble can serve several clusters, each under its own root znode
    `/<cluster_name>`. Two groups with one name share the root znode: at run time they are one
    cluster, elect one master between them, and fight over duplicate machine ids.

    **How to fix:** give each cluster its own `ha.cluster_name`, or, if they are meant to be
    one cluster, the same coordinator list. Every node of each later group is reported, with a
    node of the first group as related site.

    **Example:**

    ```properties
    # shop/db1: ha.coordinators=zk1:2181         (ha.cluster_name unset)
    # crm/db1:  ha.coordinators=zk2:2181,zk3:2181 (reported: same name, same ensemble)
    ```
    """,
)


@check(Scope.TREE)
def check_cluster(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA301 to NHA311 over the clusters and ensembles of ``tree``; never raises on content.

    The ensemble rules (NHA305-NHA307, NHA310) and endpoint rules (NHA303, NHA304, NHA309) live
    in their own modules and run from here. Facts absent from the tree (a coordinator not
    checked, an unknown host) make the rules that need them stay silent.
    """
    topo = topology.build(tree)
    for cluster in topo.clusters:
        if len(cluster.nodes) > 1:
            yield from _duplicate_machine_ids(cluster)
            yield from _different_coordinators(cluster)
            yield from _single_mode_members(cluster)
    yield from endpoints.check_coordinator_lists(topo)
    yield from ensemble.check_ensembles(topo)
    yield from endpoints.check_port_clashes(tree, ctx)
    yield from _shared_cluster_names(topo)


# --- helpers ----------------------------------------------------------------------------------


def _id_key(node: Node) -> str:
    db = node.database
    if db is not None and db.server_id is None and db.machine_id is not None:
        return "ha.machine_id"
    return "ha.server_id"


def _names(nodes: Sequence[Node], limit: int = 3) -> str:
    names = [n.name for n in nodes[:limit]]
    if len(nodes) > limit:
        names.append(f"{len(nodes) - limit} more")
    return ", ".join(names)


# --- NHA301, NHA302, NHA308: within one HA cluster --------------------------------------------


def _duplicate_machine_ids(cluster: HACluster) -> Iterator[Diagnostic]:
    first: dict[int, Node] = {}
    for node in cluster.nodes:
        machine_id = node.database.effective_server_id if node.database is not None else None
        if machine_id is None:
            continue
        owner = first.setdefault(machine_id, node)
        if owner is node:
            continue
        key, owner_key = _id_key(node), _id_key(owner)
        yield DUPLICATE_MACHINE_ID.diag(
            key_location(node, FileRole.DATABASE, key),
            f"{key}={machine_id} of node {node.name} is also the machine id of node "
            f"{owner.name} ({owner_key}) in {cluster.label}: every node of an HA cluster needs "
            "its own id, or the two fight over one ZooKeeper znode",
            node=node.name,
            key=key,
            related=[key_location(owner, FileRole.DATABASE, owner_key)],
            group=cluster.label,
        )


def _different_coordinators(cluster: HACluster) -> Iterator[Diagnostic]:
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
    if len(listed) < 2:
        return
    common = majority([eps for _, eps in listed])
    holders = [node for node, eps in listed if eps == common]
    if len(holders) == len(listed):
        return

    def show(eps: frozenset[Endpoint]) -> str:
        return ",".join(sorted(shown[ep] for ep in eps))

    ref = holders[0]
    for node, eps in listed:
        if eps == common:
            continue
        diff = []
        if common - eps:
            diff.append(f"lacks {show(common - eps)}")
        if eps - common:
            diff.append(f"has {show(eps - common)} in addition")
        key, loc = coord_list_location(node)
        yield DIFFERENT_COORDINATORS.diag(
            loc,
            f"{key} of node {node.name} lists {show(eps)}, but {len(holders)} of the "
            f"{len(listed)} nodes of {cluster.label} (e.g. {ref.name}) list {show(common)}: "
            f"{node.name} {' and '.join(diff)}",
            node=node.name,
            key=key,
            related=[coord_list_location(ref)[1]],
            group=cluster.label,
        )


def _mode_setting(node: Node) -> str:
    """``<key>=<value as written>``, or that the key is unset."""
    source = node.files.get(FileRole.SERVER)
    entry = source.document.get(MODE_KEY) if source and source.document else None
    if entry is not None:
        return f"{MODE_KEY}={entry.value}"
    if node.server is not None and node.server.mode is not None:
        return f"{MODE_KEY}={node.server.mode.value}"
    return f"{MODE_KEY} is unset (default single)"


def _single_mode_members(cluster: HACluster) -> Iterator[Diagnostic]:
    ha_nodes = [n for n in cluster.nodes if mode(n) is ServerMode.HA]
    if not ha_nodes:
        return
    ref = ha_nodes[0]
    for node in cluster.nodes:
        if mode(node) is not ServerMode.SINGLE:
            continue
        setting = _mode_setting(node)
        yield SINGLE_MODE_MEMBER.diag(
            key_location(node, FileRole.SERVER, MODE_KEY),
            f"node {node.name} runs in single mode ({setting}) although its coordinator list "
            f"puts it into {cluster.label}, whose node {ref.name} runs in ha mode: in single "
            "mode every HA setting is ignored and the node does not join the cluster",
            node=node.name,
            key=MODE_KEY,
            related=[key_location(ref, FileRole.SERVER, MODE_KEY)],
            group=cluster.label,
        )


# --- NHA311: one name, one ensemble, two clusters ----------------------------------------------


def _shared_cluster_names(topo: Topology) -> Iterator[Diagnostic]:
    by_name: dict[tuple[str, int], list[HACluster]] = {}
    for cluster in topo.clusters:
        if cluster.ensemble is None:
            continue
        if not any(coordinator_entries(n) for n in cluster.nodes):
            continue
        by_name.setdefault((cluster.name, id(cluster.ensemble)), []).append(cluster)
    key = "ha.cluster_name"
    for clusters in by_name.values():
        if len(clusters) < 2:
            continue
        first = clusters[0]
        ref = first.nodes[0]
        ens_label = first.ensemble.label if first.ensemble is not None else "one ensemble"
        for cluster in clusters[1:]:
            for node in cluster.nodes:
                yield SHARED_CLUSTER_NAME.diag(
                    key_location(node, FileRole.DATABASE, key),
                    f"node {node.name} ({cluster.label}) and {_names(first.nodes)} (another "
                    f"{first.label}) use {ens_label} under the same {key}={cluster.name}, but "
                    "their coordinator lists share no endpoint: both groups use the root znode "
                    f"/{cluster.name} and act as one cluster",
                    node=node.name,
                    key=key,
                    related=[key_location(ref, FileRole.DATABASE, key)],
                    group=cluster.label,
                )
