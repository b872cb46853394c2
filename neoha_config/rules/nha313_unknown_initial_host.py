"""NHA313: an ha.initial_hosts entry matches no member's cluster endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.cluster19 import by_host, possible_ports
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import INITIAL_HOSTS_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster19 import all_members, initial_hosts_location

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA313",
    Severity.WARNING,
    Scope.TREE,
    "an ha.initial_hosts entry matches no member's ha.cluster_server",
    releases="1.9",
)
def unknown_initial_host(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** an entry of a Neo4j 1.9 member's `ha.initial_hosts` names a host where members of
    its cluster run in the checked tree, but a port that none of their cluster listeners
    (`ha.cluster_server`) can be on.

    A listener given a range (the default `0.0.0.0:5001-5099`) binds the first free port of
    it when it starts, so one member on a host is on the range's first port, two members
    sharing a range on one host are on its first two ports, and so on; a single port is that
    port. The host of a member is the host of its `ha.cluster_server`, else of its
    `ha.server`. The rule never guesses: it is silent for a host with no member in the tree,
    and for a cluster with a member whose host is unknown.

    **Why:** `ha.initial_hosts` is where a starting member looks for the cluster: it contacts
    each entry to join. An entry that no member listens on is a dead address. A member that
    reaches none of its entries waits `ha.join_timeout` and, with `ha.allow_init_cluster` on
    (the default), forms a cluster of its own: a second master.

    **How to fix:** list every member as `host:port` of its cluster listener: the port of its
    `ha.cluster_server`, or the first port of its range.

    **Example:**

    ```properties
    # db3/conf/neo4j.properties: ha.cluster_server=db3:5003
    ha.initial_hosts=db1:5001,db2:5001,db3:5001   # reported: db3 listens on 5003
    ```
    """
    machines = by_host(all_members(ctx))
    reach = {id(m): possible_ports(m, same) for same in machines.values() for m in same}
    for cluster in ctx.clusters_19:
        if any(m.host is None or m.cluster is None for m in cluster.members):
            continue
        own = by_host(cluster.members)
        for m in cluster.members:
            for entry in m.entries or ():
                there = own.get(entry.host) if entry.host is not None else None
                if not there or entry.host is None:
                    continue
                if any(entry.port in reach[id(o)] for o in there):
                    continue
                shown = ", ".join(f"{o.node.name} on {_ports(reach[id(o)])}" for o in there)
                yield unknown_initial_host.diag(
                    initial_hosts_location(m),
                    f"{INITIAL_HOSTS_KEY} of node {m.node.name} lists {entry.text}, but no "
                    f"member of {cluster.label} listens there for the cluster (on that host: "
                    f"{shown})",
                    node=m.node.name,
                    key=INITIAL_HOSTS_KEY,
                    related=[o.cluster.location for o in there if o.cluster is not None],
                    group=cluster.label,
                )


def _ports(ports: range) -> str:
    if len(ports) == 1:
        return f"port {ports[0]}"
    return f"a port of {ports[0]}-{ports[-1]}"
