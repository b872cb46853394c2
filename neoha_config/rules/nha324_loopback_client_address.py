"""NHA324: a coordinator takes clients on loopback only, but databases on other hosts list it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import LOOPBACK, endpoint, host_key
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location
from neoha_config.topology import coordinator_entries, coordinator_host, database_host
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA324",
    Severity.WARNING,
    Scope.TREE,
    "a coordinator's clientPortAddress is loopback but databases on other hosts list it",
    releases="1.3-1.8",
)
def loopback_client_address(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a coordinator's `coord.cfg` sets `clientPortAddress` to `localhost`, an address
    in `127.0.0.0/8` or `::1`, and database nodes whose `ha.server` names another host list
    that coordinator's client endpoint.

    **Why:** ZooKeeper binds its client port to `clientPortAddress` alone
    (`new InetSocketAddress(InetAddress.getByName(clientPortAddress), clientPort)`), so only
    processes on the coordinator's own machine can connect. A database on another machine
    gets `Connection refused` from that entry and fails over to the next one; when every
    entry is like that, it cannot reach the ensemble at all.

    **How to fix:** remove `clientPortAddress` (ZooKeeper then listens on every interface) or
    set it to an address the database machines reach.

    **Example:**

    ```properties
    # coord.cfg on zk1, bad
    clientPortAddress=127.0.0.1
    # good: unset, or
    clientPortAddress=10.0.0.11
    ```
    """
    for cluster in ctx.topology.clusters:
        ens = cluster.ensemble
        if ens is None:
            continue
        for node in cluster.nodes:
            db_host = database_host(node)
            if db_host is None or db_host == LOOPBACK:
                continue
            key, loc = coord_list_location(node)
            for hp in coordinator_entries(node):
                coordinator = ens.client_endpoints.get(endpoint(hp.host, hp.port))
                if coordinator is None or coordinator.coord is None:
                    continue
                address = coordinator.coord.client_port_address
                if not address or host_key(address) != LOOPBACK:
                    continue
                if coordinator_host(coordinator) == db_host:
                    continue  # the same machine: loopback may be what it uses
                yield loopback_client_address.diag(
                    loc,
                    f"{key} of node {node.name} (host {db_host}) lists {hp}, but coordinator "
                    f"{coordinator.name} takes clients only on clientPortAddress = "
                    f"{address!r}: the connection from another machine is refused",
                    node=node.name,
                    key=key,
                    related=[coordinator.where(FileRole.COORD, "clientPortAddress")],
                    group=cluster.label,
                )
