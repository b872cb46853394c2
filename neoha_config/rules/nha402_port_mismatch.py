"""NHA402: the port the log says the HA server was bound to differs from ha.server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.names import DEFAULT_HA_PORT
from neoha_config.registry import Scope, rule
from neoha_config.rules._logs import quote, where
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node, Site


@rule(
    "NHA402",
    Severity.WARNING,
    Scope.NODE,
    'the port in "MasterServer/SlaveServer communication server started and bound to N" '
    "differs from ha.server",
)
def port_mismatch(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the newest `MasterServer communication server started and bound to <port>` (or
    `SlaveServer …`, 1.8) record of a node's `messages.log` names a port other than the port of
    its `ha.server` setting (6361 when unset).

    **Why:** Neo4j binds the `ha.server` port and publishes `ha.server` in ZooKeeper for the
    other nodes. A different port in the log means the running instance was started with other
    settings than the files checked here (edited since, or another file is read), so the
    checked configuration is not what runs; peers dial the published address.

    Only the master and slave servers bind the `ha.server` port. The online backup server
    (`BackupServer communication server started and bound to 6362`, `online_backup_port`) logs
    the same sentence to the same file and is not compared; on 1.3-1.7 a slave binds no HA
    server at all, so its newest such record is often the backup server's.

    **How to fix:** find out which configuration the running instance uses (its
    `org.neo4j.server.db.tuning.properties`), make the files agree, and restart the node.

    **Example:**

    ```properties
    # conf/neo4j.properties
    ha.server=db1.example.com:6001
    ```

    ```text
    2012-07-01 10:00:00.123+0000: MasterServer communication server started and bound to 6361
    ```
    """
    facts = ctx.log_facts(node)
    bound = facts.last_ha_binding if facts is not None else None
    if bound is None or bound.port is None:
        return
    configured = _ha_server_port(node)
    if configured is None or configured[0] == bound.port:
        return
    port, site = configured
    related: list[Location] = []
    if site is not None:
        related.append(site.location)
        setting = f"ha.server={site.value} (port {port})"
    else:
        setting = f"ha.server is unset (default port {port})"
    yield port_mismatch.diag(
        where(bound),
        f"node {node.name}: the log says the HA communication server was bound to port "
        f"{bound.port} ({quote(bound)}), but {setting}: the running instance did not use "
        "this configuration",
        node=node.name,
        key="ha.server",
        related=related,
    )


def _ha_server_port(node: Node) -> tuple[int, Site | None] | None:
    """The configured ``ha.server`` port and its site; None when it is not known.

    Unknown means: no database settings (file absent or unreadable), or an ``ha.server`` value
    that did not parse (NHA108 reports it), so a default must not be assumed.
    """
    if node.database is None:
        return None
    source = node.files.get(FileRole.DATABASE)
    site = source.site("ha.server") if source is not None else None
    host_port = node.database.ha_server
    if host_port is None:
        return (DEFAULT_HA_PORT, None) if site is None else None
    return host_port.port, site
