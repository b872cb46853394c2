"""NHA309: two listeners on one host use the same port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA309",
    Severity.ERROR,
    Scope.TREE,
    "two listeners on one host use the same port",
)
def port_clash(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two listening sockets on one machine use one port: the coordinator client port,
    the quorum and election ports of a coordinator's own `server.N` line, the `ha.server` port
    (6361 by default), the web port (7474 by default), the HTTPS port when enabled, the online
    backup port (6362) and remote shell port (1337) when enabled, and under
    `--zookeeper 3.8` ZooKeeper's AdminServer (8080 unless `admin.enableServer=false`).
    Defaults count. On a Neo4j 1.9 member the cluster (`ha.cluster_server`), HA (`ha.server`)
    and backup (`online_backup_server`, or `online_backup_port`) listeners count when they are
    set to one port; a port range takes its first free port at start, and NHA315 judges it.

    A database node's machine is the host of its `ha.server`; a coordinator's is the host of
    its own `server.<myid>` line; `localhost`, `127.x.x.x` and `::1` are one host. Nodes whose
    host is unknown are not compared. One node may clash with itself.

    **Why:** only one process can bind a port. The second process fails at start
    (`Failed to bind master server to port 6001` in the tutorial variant that gave three
    nodes one `ha.server` port); ZooKeeper and the HA port bind all interfaces, so a different
    bind address does not help. Co-located coordinators need distinct client, quorum and
    election ports.

    **How to fix:** give every listener on a machine its own port. The first listener (in tree
    order) keeps the port; every other one is reported with the first as related site.

    **Example:** (one machine)

    ```properties
    # db1/conf/neo4j.properties
    ha.server=localhost:6001
    # db2/conf/neo4j.properties (reported)
    ha.server=localhost:6001
    ```
    """
    for members in ctx.port_clashes:
        anchor = members[0]
        for listener in members[1:]:
            if (
                listener.node is anchor.node
                and listener.key == anchor.key
                and listener.key.startswith("server.")
            ):
                continue  # quorum port = election port of one line is NHA207
            yield port_clash.diag(
                listener.location,
                f"port {listener.port} on host {listener.host}: {listener.describe()} is also "
                f"{anchor.describe()}; only one of them can bind it",
                node=listener.node.name,
                key=listener.key,
                related=[anchor.location],
                group=f"host {listener.host}",
            )
