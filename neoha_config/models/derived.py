"""What the models and the checker's views both derive from a file's values: one mixin a file.

``ServerSettings`` and ``ServerView`` (and the database and coordinator pairs) inherit the same
properties from here, so the value the checker reads and the value an API caller reads are
computed once, in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.models import plain as p
from neoha_config.names import (
    DEFAULT_ADMIN_PORT,
    DEFAULT_BACKUP_PORT,
    DEFAULT_CLUSTER_NAME,
    DEFAULT_DATABASE_LOCATION,
    DEFAULT_HA_PORT,
    DEFAULT_HTTPS_PORT,
    DEFAULT_SHELL_PORT,
    DEFAULT_TICK_TIME,
    DEFAULT_WEB_PORT,
)


class ServerFacts:
    """The server file's derived values (``ServerSettings`` and its view)."""

    __slots__ = ()

    if TYPE_CHECKING:
        mode: p.ServerMode | None
        webserver_port: int | None
        https_enabled: bool | None
        https_port: int | None
        database_location: str | None

    @property
    def effective_mode(self) -> p.ServerMode:
        """The mode the server runs in: ``single`` unless set."""
        return self.mode or p.ServerMode.SINGLE

    @property
    def effective_web_port(self) -> int:
        """The HTTP port, 7474 unless set."""
        return self.webserver_port or DEFAULT_WEB_PORT

    @property
    def effective_https_port(self) -> int | None:
        """The HTTPS port when HTTPS is enabled, else None."""
        return (self.https_port or DEFAULT_HTTPS_PORT) if self.https_enabled else None

    @property
    def effective_database_location(self) -> str:
        """The store directory, ``data/graph.db`` unless set."""
        return self.database_location or DEFAULT_DATABASE_LOCATION


class DatabaseFacts:
    """The database file's derived values (``DatabaseSettings`` and its view)."""

    __slots__ = ()

    if TYPE_CHECKING:
        server_id: int | None
        machine_id: int | None
        coordinators: list[p.HostPort] | None
        zoo_keeper_servers: list[p.HostPort] | None
        ha_server: p.HostPort | None
        cluster_name: str | None
        online_backup_enabled: bool | None
        online_backup_port: int | None
        enable_online_backup: p.ServiceSwitch | None
        remote_shell_enabled: bool | None
        remote_shell_port: int | None
        enable_remote_shell: p.ServiceSwitch | None

    @property
    def effective_server_id(self) -> int | None:
        """``ha.server_id``, else ``ha.machine_id``."""
        return self.server_id if self.server_id is not None else self.machine_id

    @property
    def effective_coordinators(self) -> list[p.HostPort] | None:
        """``ha.coordinators``, else ``ha.zoo_keeper_servers``."""
        return self.coordinators if self.coordinators is not None else self.zoo_keeper_servers

    @property
    def effective_cluster_name(self) -> str:
        """``ha.cluster_name``, ``neo4j.ha`` unless set."""
        return self.cluster_name or DEFAULT_CLUSTER_NAME

    @property
    def effective_ha_port(self) -> int:
        """The port of ``ha.server``, 6361 unless set."""
        return self.ha_server.port if self.ha_server else DEFAULT_HA_PORT

    @property
    def backup_port(self) -> int | None:
        """The online backup port when backup is enabled, else None."""
        return _service_port(
            self.online_backup_enabled,
            self.online_backup_port,
            self.enable_online_backup,
            DEFAULT_BACKUP_PORT,
        )

    @property
    def shell_port(self) -> int | None:
        """The remote shell port when the shell is enabled, else None."""
        return _service_port(
            self.remote_shell_enabled,
            self.remote_shell_port,
            self.enable_remote_shell,
            DEFAULT_SHELL_PORT,
        )


def _service_port(
    enabled: bool | None, port_value: int | None, switch: p.ServiceSwitch | None, default: int
) -> int | None:
    """A service's port from its 1.8 keys (``*_enabled``, ``*_port``) or else its 1.3-1.7
    switch; None when the service is off."""
    if enabled or port_value is not None:
        if enabled is False:
            return None
        return port_value or default
    if switch is not None and switch.enabled:
        return switch.port or default
    return None


class CoordFields:
    """``coord.cfg``'s derived values (``CoordConfig`` and its view)."""

    __slots__ = ()

    if TYPE_CHECKING:
        tick_time: int | None
        servers: dict[int, p.ServerLine]
        admin_enable_server: bool | None
        admin_server_port: int | None

    @property
    def effective_tick_time(self) -> int:
        """tickTime in ms, 3000 unless set."""
        return self.tick_time if self.tick_time is not None else DEFAULT_TICK_TIME

    @property
    def participants(self) -> dict[int, p.ServerLine]:
        """The voting members (observers excluded)."""
        return {k: v for k, v in self.servers.items() if v.peer_type is p.PeerType.PARTICIPANT}

    @property
    def admin_port(self) -> int | None:
        """The AdminServer port of ZooKeeper 3.5+, None when disabled."""
        if self.admin_enable_server is False:
            return None
        return self.admin_server_port or DEFAULT_ADMIN_PORT
