"""Database node rules on addresses: duplicate coordinator (NHA106), loopback ha.server (NHA109)."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.values import HostPort
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules._dbsite import COORD_KEYS, Site, find_site
from neoha_config.tree import FileRole, Node, Tree

DUPLICATE_COORDINATOR = define(
    "NHA106",
    Severity.WARNING,
    "coordinator list names the same endpoint twice",
    """
    **What:** the coordinator list holds one `host:port` twice (host names compared
    case-insensitively; `localhost`, `127.0.0.0/8` and `::1` are one host).

    **Why:** the ZooKeeper client only tries the same address twice; it is almost always a
    copy-and-paste slip where another coordinator was meant, so that coordinator is missing
    and the node loses failover to it.

    **How to fix:** name each coordinator once, and check that none is missing (NHA304).

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-01:2181
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """,
)

LOOPBACK_HA_SERVER = define(
    "NHA109",
    Severity.WARNING,
    "ha.server host is loopback while the cluster spans more than one host",
    """
    **What:** a database node's `ha.server` names `localhost`, an address in `127.0.0.0/8` or
    `::1`, while other nodes of the same HA cluster (same `ha.cluster_name`, coordinator
    lists sharing an endpoint) name other hosts.

    **Why:** `ha.server` is not only bound: its host is published in ZooKeeper, and slaves
    dial the master at that address. A loopback address published from one machine sends
    the other machines to themselves, so they cannot reach the master. Nodes whose host is
    unknown (no `ha.server`) do not count.

    **How to fix:** set the host to a name or address the other machines reach this one by.

    **Example:**

    ```properties
    # db1 (machine neo4j-01), bad
    ha.server=localhost:6361
    # good
    ha.server=neo4j-01:6361
    ```
    """,
)


def find_duplicate_coordinators(node: Node) -> Iterator[Diagnostic]:
    """NHA106: an endpoint named twice in the node's coordinator list(s). Raises nothing."""
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, endpoints in (
        (COORD_KEYS[0], db.coordinators),
        (COORD_KEYS[1], db.zoo_keeper_servers),
    ):
        site = find_site(source, key)
        if not endpoints or site is None:
            continue
        seen: dict[tuple[str, int], HostPort] = {}
        for endpoint in endpoints:
            ident = (topology.host_key(endpoint.host), endpoint.port)
            earlier = seen.get(ident)
            if earlier is None:
                seen[ident] = endpoint
                continue
            same = "" if str(earlier) == str(endpoint) else f" (the same endpoint as {earlier})"
            yield DUPLICATE_COORDINATOR.diag(
                site.location,
                f"{key} = {site.value!r}: names {endpoint}{same} twice; another coordinator "
                "was probably meant",
                node=node.name,
                key=key,
            )


# --- cluster-wide check ---------------------------------------------------------------------


@check(Scope.TREE)
def check_loopback_ha_server(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA109: ``ha.server`` on loopback in an HA cluster whose other nodes name other hosts.

    Nodes without a valid ``ha.server`` have an unknown host and are left out.
    """
    if not any(n.database is not None and n.database.ha_server is not None for n in tree.nodes):
        return  # nothing to compare: spare building the topology
    for cluster in topology.build(tree).clusters:
        hosts: list[tuple[Node, HostPort, Site | None]] = []
        for node in cluster.nodes:
            if node.database is not None and node.database.ha_server is not None:
                site = find_site(node.files.get(FileRole.DATABASE), "ha.server")
                hosts.append((node, node.database.ha_server, site))
        remote = [h for h in hosts if topology.host_key(h[1].host) != topology.LOOPBACK]
        if not remote:
            continue
        others = {topology.host_key(h[1].host) for h in remote}
        for node, address, site in hosts:
            if topology.host_key(address.host) != topology.LOOPBACK or site is None:
                continue
            names = ", ".join(sorted(others))
            yield LOOPBACK_HA_SERVER.diag(
                site.location,
                f"ha.server = {site.value!r} is a loopback address, but other nodes of its "
                f"HA cluster ({cluster.name}) run on {names}: the address is published "
                "in ZooKeeper, and slaves on other machines cannot reach this node as master",
                node=node.name,
                key="ha.server",
                related=[r[2].location for r in remote if r[2] is not None],
                group=cluster.label or cluster.name,
            )
