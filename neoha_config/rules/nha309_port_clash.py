"""NHA309: two listeners on one host use the same port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.ports import Listener


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
    Defaults count. Which of them a node opens depends on its Neo4j release:

    - online backup: 1.3-1.7 open it only for `enable_online_backup=true` or `port=N`; 1.8
      only for `online_backup_enabled=true` (default false; its migrator also reads an old
      `enable_online_backup`), on `online_backup_port`; a port alone enables nothing. 1.9
      takes the first free port of `online_backup_server` (6362-6372), so it is not counted.
    - remote shell: 1.3-1.7 `enable_remote_shell`; 1.8-1.9 `remote_shell_enabled` (default
      false) on `remote_shell_port`.
    - `ha.server`: 1.3-1.7 bind it only on the master, so two nodes of one cluster sharing it
      on one machine are harmless there (a note); 1.8 binds it on master and slaves; 1.9 binds
      it when it names one port, else the first free port of 6001-6011.
    - HTTPS exists from 1.5; the web and HTTPS connectors bind
      `org.neo4j.server.webserver.address` (default `localhost`), so two servers on distinct
      specific addresses of one machine do not clash.

    - a Neo4j 1.9 member's cluster (`ha.cluster_server`), HA (`ha.server`) and backup
      (`online_backup_server`, or `online_backup_port`) listeners count when they are set to
      one port; a port range takes its first free port at start, and NHA315 judges it.

    A finding holds at the level every candidate release of the node agrees on, and names the
    releases where it differs.

    A database node's machine is the host of its `ha.server`; a coordinator's is the host of
    its own `server.<myid>` line; `localhost`, `127.x.x.x` and `::1` are one host. Nodes whose
    host is unknown are not compared. One node may clash with itself.

    **Why:** only one process can bind a port. The second process fails at start
    (`Failed to bind master server to port 6001` in the tutorial variant that gave three
    nodes one `ha.server` port, on a release where slaves bind it too). ZooKeeper, the HA,
    backup and shell servers bind every interface, so a different address does not help them.
    Co-located coordinators need distinct client, quorum and election ports.

    **How to fix:** give every listener on a machine its own port. The first listener (in tree
    order) keeps the port; every other one is reported with the first as related site.

    **Example:** (one machine, Neo4j 1.8)

    ```properties
    # db1/conf/neo4j.properties
    ha.server=localhost:6001
    # db2/conf/neo4j.properties (reported)
    ha.server=localhost:6001
    ```
    """
    from neoha_config.release import RELEASES, settle

    for members in ctx.port_clashes:
        anchor = members[0]
        for listener in members[1:]:
            if (
                listener.node is anchor.node
                and listener.key == anchor.key
                and listener.key.startswith("server.")
            ):
                continue  # quorum port = election port of one line is NHA207
            mine = ctx.releases(listener.node) or RELEASES
            theirs = set(ctx.releases(anchor.node) or RELEASES)
            candidates = [r for r in mine if r in theirs] or list(mine)
            outcomes = {r: _clash(anchor, listener, r) for r in candidates}
            level, note = settle(outcomes)
            if level is None:
                continue
            if level is Severity.INFO:
                effect = (
                    "harmless where only the master binds the HA port (1.3-1.7), a clash where "
                    "slaves bind it too (1.8 on)"
                )
            else:
                effect = "only one of them can bind it"
            yield port_clash.diag(
                listener.location,
                f"port {listener.port} on host {listener.host}: {listener.describe()} is also "
                f"{anchor.describe()}; {effect}{note}",
                severity=level,
                node=listener.node.name,
                key=listener.key,
                related=[anchor.location],
                group=f"host {listener.host}",
            )


_WEB = ("web port", "HTTPS port")


def _clash(first: Listener, second: Listener, release: str) -> Severity | None:
    """How serious the two listeners' shared port is in ``release``: None when one of them
    does not open it there, or they bind distinct addresses; a note when only a master binds
    both (two masters are never up at once); else an error."""
    if not first.opens(release) or not second.opens(release):
        return None
    if release in first.master_only and release in second.master_only:
        return Severity.INFO
    if first.what in _WEB and second.what in _WEB and _distinct_addresses(first, second, release):
        return None
    return Severity.ERROR


def _distinct_addresses(first: Listener, second: Listener, release: str) -> bool:
    """True when both web servers bind specific, different addresses in ``release``."""
    from neoha_config.catalogue import releases_reading
    from neoha_config.hosts import host_key, is_wildcard

    if release not in releases_reading(_ADDRESS_KEY, "neo4j-server.properties"):
        return False  # every interface
    addresses = []
    for listener in (first, second):
        server = listener.node.server
        address = (server.webserver_address if server is not None else None) or "localhost"
        if is_wildcard(address):
            return False
        addresses.append(host_key(address))
    return addresses[0] != addresses[1]


_ADDRESS_KEY = "org.neo4j.server.webserver.address"
