"""The per-host port map: every listener a node opens, with its owner and setting (NHA309)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from neoha_config.catalogue._query import LISTENERS
from neoha_config.catalogue._spec import span
from neoha_config.diagnostics import Location
from neoha_config.hosts import Endpoint, host_key, is_wildcard
from neoha_config.models.plain import ServerMode
from neoha_config.names import DEFAULT_BACKUP_PORT, DEFAULT_SHELL_PORT, SERVER_PREFIX
from neoha_config.profile import Profile
from neoha_config.records import dataclass
from neoha_config.release import RELEASES
from neoha_config.topology import UnionFind, coordinator_host, database_host, own_server_line
from neoha_config.tree import FileRole, Node, Tree

if TYPE_CHECKING:
    from neoha_config.models.coord import CoordConfig, MyId
    from neoha_config.models.database import DatabaseSettings
    from neoha_config.models.plain import ServiceSwitch
    from neoha_config.models.server import ServerSettings

WEB_PORT_KEY = SERVER_PREFIX + "webserver.port"
HTTPS_PORT_KEY = SERVER_PREFIX + "webserver.https.port"
HTTPS_ENABLED_KEY = SERVER_PREFIX + "webserver.https.enabled"


@dataclass(frozen=True, slots=True)
class Listener:
    """One listening socket a node opens.

    ``host`` is the host key of the node's machine, ``key`` the setting that chooses the port
    (for a default, the setting that would), ``location`` where that setting is (line 1 of the
    file when the port is a default), ``default`` whether the port is a default. ``releases``
    lists the Neo4j releases that open this socket on this port (empty: every release, and
    every coordinator socket); ``master_only`` those in which only the cluster's master binds
    it (``ha.server`` before 1.8).
    """

    node: Node
    host: str
    port: int
    what: str
    key: str
    location: Location
    default: bool = False
    releases: tuple[str, ...] = ()
    master_only: tuple[str, ...] = ()

    def opens(self, release: str) -> bool:
        """True when the listener opens its port in Neo4j ``release`` (``releases`` empty:
        in every release, e.g. a coordinator's)."""
        return not self.releases or release in self.releases

    def describe(self) -> str:
        """``the web port (org.neo4j.server.webserver.port) of node db1``, for messages."""
        setting = f"{self.key}, default" if self.default else self.key
        return f"the {self.what} ({setting}) of node {self.node.name}"


COORDINATOR_LISTENERS = frozenset(
    {"coordinator client port", "quorum port", "election port", "AdminServer port"}
)
"""What the coordinator role of a node opens; the database role opens every other listener."""


def listener_role(listener: Listener) -> str:
    """``coordinator`` or ``database``: the role of its node that opens ``listener``."""
    return "coordinator" if listener.what in COORDINATOR_LISTENERS else "database"


class _Located(Protocol):
    def location(self, key: str) -> Location | None: ...


def _valid(model: _Located | None, key: str, value: object) -> bool:
    """False when ``key`` is in the file but its value was rejected (reported elsewhere)."""
    return not (value is None and model is not None and model.location(key) is not None)


@dataclass(frozen=True, slots=True)
class Socket:
    """One listening socket that a node's settings open, known from its models alone.

    ``role`` is the file whose setting chooses the port, ``key`` that setting (for a default,
    the setting that would), ``site`` the key whose place a message points at (for a default
    HTTPS port, the switch that enables it), ``default`` whether the port is a default;
    ``releases`` and ``master_only`` as for ``Listener``. Provisioning uses these over the
    models it plans; :func:`listeners` places them on a node's machine and in its files.
    """

    role: FileRole
    port: int
    what: str
    key: str
    site: str
    default: bool = False
    releases: tuple[str, ...] = ()
    master_only: tuple[str, ...] = ()


def database_sockets(
    server: ServerSettings | None, database: DatabaseSettings | None
) -> Iterator[Socket]:
    """The sockets a database node with these server and database settings opens: the web
    port, the HTTPS port when enabled, ``ha.server`` in HA mode (without a server file the mode
    is unknown and counts as HA), online backup and the remote shell when enabled. Values that
    failed validation are left out. Never raises."""
    if server is not None and _valid(server, WEB_PORT_KEY, server.webserver_port):
        default = server.webserver_port is None
        port = server.effective_web_port
        yield Socket(FileRole.SERVER, port, "web port", WEB_PORT_KEY, WEB_PORT_KEY, default)
    if server is not None and _valid(server, HTTPS_PORT_KEY, server.https_port):
        https = server.effective_https_port
        if https is not None:
            default = server.https_port is None
            site = HTTPS_ENABLED_KEY if default else HTTPS_PORT_KEY
            yield Socket(
                FileRole.SERVER, https, "HTTPS port", HTTPS_PORT_KEY, site, default, HTTPS_RELEASES
            )
    db = database
    if db is None:
        return
    runs_ha = server is None or server.effective_mode is ServerMode.HA
    if runs_ha and _valid(db, "ha.server", db.ha_server):
        default = db.ha_server is None
        # 1.9 picks the first free port of 6001-6011 unless ha.server names one.
        opens = HA_RELEASES if default else (*HA_RELEASES, "1.9")
        port = db.effective_ha_port
        yield Socket(
            FileRole.DATABASE,
            port,
            "HA port",
            "ha.server",
            "ha.server",
            default,
            opens,
            MASTER_ONLY_RELEASES,
        )
    for what, keys, by_release in (
        ("online backup port", _BACKUP_KEYS, _backup),
        ("remote shell port", _SHELL_KEYS, _shell),
    ):
        # A rejected value makes the port unknown: guessing a default could invent a clash.
        if not all(_valid(db, k, getattr(db, k)) for k in keys):
            continue
        grouped: dict[Opening, list[str]] = {}
        for release in RELEASES:
            found = by_release(db, release)
            if found is not None:
                grouped.setdefault(found, []).append(release)
        for (port, key, default), releases in grouped.items():
            yield Socket(FileRole.DATABASE, port, what, key, key, default, tuple(releases))


# The setting that chooses the port first, then the older switch, then the enabling boolean.
_BACKUP_KEYS = ("online_backup_port", "enable_online_backup", "online_backup_enabled")
_SHELL_KEYS = ("remote_shell_port", "enable_remote_shell", "remote_shell_enabled")

HTTPS_RELEASES = tuple(r for x in LISTENERS if x.name == "HTTPS" for r in x.releases)
"""The releases whose server has an HTTPS connector (the catalogue's listener table)."""
HA_RELEASES = span("1.3-1.8")
"""The releases that bind ``ha.server``'s port as given (1.9 also when it names one port)."""
MASTER_ONLY_RELEASES = span("1.3-1.7")
"""The releases in which only the master binds ``ha.server`` (1.8 adds the SlaveServer)."""
SWITCH_RELEASES = span("1.3-1.7")
"""The releases that read ``enable_online_backup``/``enable_remote_shell`` directly; 1.8's
migrator turns them into the ``*_enabled``/``*_port`` settings."""

Opening = tuple[int, str, bool]
"""A port, the key that places it, and whether it is a default."""


def _switched(switch: ServiceSwitch | None, switch_key: str, default_port: int) -> Opening | None:
    if switch is None or not switch.enabled:
        return None
    return (switch.port or default_port, switch_key, switch.port is None)


def _service(
    db: DatabaseSettings, release: str, keys: tuple[str, str, str], default_port: int
) -> Opening | None:
    """Where the backup or shell service listens in ``release``, or None when it is off.

    1.3-1.7 read only the switch (unset is off). From 1.8 the service is on only when
    ``*_enabled`` says so (default off); a port alone enables nothing. 1.8's migrator reads an
    old switch for an unset ``*_enabled`` (``port=N`` enables it on N).
    """
    port_key, switch_key, bool_key = keys
    switch: ServiceSwitch | None = getattr(db, switch_key)
    if release in SWITCH_RELEASES:
        return _switched(switch, switch_key, default_port)
    written: bool | None = getattr(db, bool_key)
    port: int | None = getattr(db, port_key)
    migrated = switch if release == "1.8" and switch is not None and switch.enabled else None
    enabled = written if written is not None else migrated is not None
    if not enabled:
        return None
    if port is not None:
        return (port, port_key, False)
    if migrated is not None and migrated.port is not None:
        return (migrated.port, switch_key, False)
    return (default_port, bool_key if written is not None else switch_key, True)


def _backup(db: DatabaseSettings, release: str) -> Opening | None:
    # 1.9 takes the first free port of online_backup_server's range (6362-6372): no clash.
    if release == "1.9":
        return None
    return _service(db, release, _BACKUP_KEYS, DEFAULT_BACKUP_PORT)


def _shell(db: DatabaseSettings, release: str) -> Opening | None:
    return _service(db, release, _SHELL_KEYS, DEFAULT_SHELL_PORT)


def coordinator_sockets(
    coord: CoordConfig, myid: MyId | None, profile: Profile = Profile.ZK33
) -> Iterator[Socket]:
    """The sockets a coordinator with this ``coord.cfg`` and ``myid`` opens: the client port
    (``clientPort``, else the ``;clientPort`` of its own ``server.<myid>`` line, ZooKeeper
    3.5+), the quorum and election ports of its own line, and under a modern profile the
    AdminServer (8080 unless moved or disabled). Never raises."""
    line = coord.servers.get(myid.value) if myid is not None else None
    port = coord.client_port
    if port is None and line is not None:
        port = line.client_port
    if port is not None:
        # A 3.5+ "server.N=...;clientPort" line stands in for an unset clientPort.
        key = "clientPort" if coord.client_port is not None or line is None else f"server.{line.id}"
        yield Socket(FileRole.COORD, port, "coordinator client port", key, key)
    if line is not None:
        key = f"server.{line.id}"
        yield Socket(FileRole.COORD, line.quorum_port, "quorum port", key, key)
        if line.election_port is not None:
            yield Socket(FileRole.COORD, line.election_port, "election port", key, key)
    if profile.modern and coord.admin_port is not None:
        key = "admin.serverPort"
        if _valid(coord, key, coord.admin_server_port):
            default = coord.admin_server_port is None
            yield Socket(FileRole.COORD, coord.admin_port, "AdminServer port", key, key, default)


def _placed(node: Node, host: str, sockets: Iterable[Socket]) -> Iterator[Listener]:
    for s in sockets:
        loc = node.where(s.role, s.site)
        yield Listener(node, host, s.port, s.what, s.key, loc, s.default, s.releases, s.master_only)


def _listeners_19(node: Node, host: str) -> Iterator[Listener]:
    """A 1.9 member's cluster, HA and backup listeners that have one port; a port range
    takes the first free port when the member starts, which NHA315 judges instead."""
    from neoha_config.cluster19 import backup_listener, cluster_listener, ha_listener

    for found in (cluster_listener(node), ha_listener(node), backup_listener(node)):
        if found is not None and found.fixed:
            what = f"{found.what} port"
            yield Listener(node, host, found.first, what, found.key, found.location, found.default)


def listeners(
    node: Node,
    profile: Profile = Profile.ZK33,
    *,
    trust_own_line: bool = True,
    is_19: bool = False,
) -> list[Listener]:
    """Every listener ``node`` opens whose machine is known, in a stable order.

    The machine is the host of ``ha.server`` for the database role and the host of the
    coordinator's own ``server.<myid>`` line for the coordinator role; when one role's host is
    unknown the other's stands in (one directory is one machine), and a coordinator's
    ``clientPortAddress`` is the last resort. ``trust_own_line=False`` says the own line does
    not tell the coordinator's host (another coordinator claims the same line: NHA306).
    Defaults count: the web port 7474, ``ha.server``'s 6361 in HA mode, 6362/1337 when
    backup/shell are enabled, ZooKeeper 3.5+'s AdminServer 8080. Values that failed validation
    are left out (other rules report them). ``is_19`` says the node is a Neo4j 1.9 member: its
    machine is the host of ``ha.cluster_server`` or ``ha.server``, and its cluster, HA and backup
    listeners count when they have one port (``cluster19``). Never raises.
    """
    if is_19:
        from neoha_config.cluster19 import member_host

        db_host = member_host(node)
    else:
        db_host = database_host(node)
    coord_host = coordinator_host(node) if trust_own_line else None
    if coord_host is None and node.coord is not None:
        address = node.coord.client_port_address
        if address and not is_wildcard(address):
            coord_host = host_key(address)
    out: list[Listener] = []
    host = db_host or coord_host
    if node.is_database and host is not None and is_19:
        out.extend(_placed(node, host, database_sockets(node.server, None)))
        out.extend(_listeners_19(node, host))
    elif node.is_database and host is not None:
        out.extend(_placed(node, host, database_sockets(node.server, node.database)))
    host = coord_host or db_host
    if node.coord is not None and host is not None:
        out.extend(_placed(node, host, coordinator_sockets(node.coord, node.myid, profile)))
    return out


def _shared_own_lines(tree: Tree) -> set[int]:
    """ids of coordinators whose own ``server.<myid>`` line another coordinator claims too:
    the line then says nothing about where either of them runs."""
    claims: dict[Endpoint, list[int]] = {}
    for node in tree.nodes:
        line = own_server_line(node)
        if line is not None:
            claims.setdefault((host_key(line.host), line.quorum_port), []).append(id(node))
    return {i for ids in claims.values() if len(ids) > 1 for i in ids}


def tree_listeners(
    tree: Tree,
    profile: Profile = Profile.ZK33,
    *,
    is_19: Callable[[Node], bool] | None = None,
) -> list[Listener]:
    """Every listener of the tree whose machine is known: node by node in tree order, each
    node's own in :func:`listeners` order. ``is_19`` tells the Neo4j 1.9 members. Never
    raises."""
    shared = _shared_own_lines(tree)
    out: list[Listener] = []
    for node in tree.nodes:
        member = is_19 is not None and is_19(node)
        out.extend(listeners(node, profile, trust_own_line=id(node) not in shared, is_19=member))
    return out


def port_map(all_listeners: Iterable[Listener]) -> dict[Endpoint, list[Listener]]:
    """The listeners by ``(host_key, port)``, in the given order."""
    out: dict[Endpoint, list[Listener]] = {}
    for listener in all_listeners:
        out.setdefault((listener.host, listener.port), []).append(listener)
    return out


def clashes(all_listeners: Iterable[Listener]) -> list[list[Listener]]:
    """Groups of two or more listeners that bind one port on one machine, in node order.

    ``all_listeners`` is as :func:`tree_listeners` returns it. Two listeners clash when their
    host keys and ports are equal, or when one node opens the port twice under two spellings of
    its own machine. Linear in the number of listeners.
    """
    by_endpoint: dict[Endpoint, list[Listener]] = {}
    uf: UnionFind[Endpoint] = UnionFind()
    hosts_by_port: dict[tuple[int, int], str] = {}  # (id(node), port) -> first host
    order: dict[int, int] = {}  # id(node) -> position of its first listener
    for listener in all_listeners:
        order.setdefault(id(listener.node), len(order))
        ep = (listener.host, listener.port)
        by_endpoint.setdefault(ep, []).append(listener)
        uf.add(ep)
        other = hosts_by_port.setdefault((id(listener.node), listener.port), listener.host)
        if other != listener.host:
            uf.union((other, listener.port), ep)
    groups: dict[Endpoint, list[Listener]] = {}
    for ep, members in by_endpoint.items():
        groups.setdefault(uf.find(ep), []).extend(members)
    out = []
    for members in groups.values():
        if len(members) > 1:
            # Stable sort: a node's own listeners keep their order after the node order.
            members.sort(key=lambda item: order[id(item.node)])
            out.append(members)
    return out
