"""NHA109: ha.server on loopback in an HA cluster whose other nodes name other hosts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import LOOPBACK, host_key
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.plain import HostPort
    from neoha_config.tree import Node, Site


@rule(
    "NHA109",
    Severity.WARNING,
    Scope.TREE,
    "ha.server host is loopback while the cluster spans more than one host",
)
def loopback_ha_server(ctx: CheckContext) -> Iterator[Diagnostic]:
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
    """
    nodes = ctx.tree.nodes
    if not any(n.database is not None and n.database.ha_server is not None for n in nodes):
        return  # nothing to compare: spare building the topology
    for cluster in ctx.topology.clusters:
        # Nodes without a valid ha.server have an unknown host and are left out.
        hosts: list[tuple[Node, HostPort, Site | None]] = []
        for node in cluster.nodes:
            if node.database is not None and node.database.ha_server is not None:
                source = node.files.get(FileRole.DATABASE)
                site = source.site("ha.server") if source is not None else None
                hosts.append((node, node.database.ha_server, site))
        remote = [h for h in hosts if host_key(h[1].host) != LOOPBACK]
        if not remote:
            continue
        names = ", ".join(sorted({host_key(h[1].host) for h in remote}))
        for node, address, site in hosts:
            if host_key(address.host) != LOOPBACK or site is None:
                continue
            yield loopback_ha_server.diag(
                site.location,
                f"ha.server = {site.value!r} is a loopback address, but other nodes of its "
                f"HA cluster ({cluster.name}) run on {names}: the address is published "
                "in ZooKeeper, and slaves on other machines cannot reach this node as master",
                node=node.name,
                key="ha.server",
                related=[r[2].location for r in remote if r[2] is not None],
                group=cluster.label or cluster.name,
            )
