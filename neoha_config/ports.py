"""The per-host port map: every listener a node opens, with its owner and setting (NHA309)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from neoha_config.diagnostics import Location
from neoha_config.hosts import Endpoint, host_key, is_wildcard
from neoha_config.models.base import SettingsModel
from neoha_config.models.server import P as SERVER_PREFIX
from neoha_config.models.values import ServerMode
from neoha_config.profile import Profile
from neoha_config.topology import (
    UnionFind,
    client_port,
    coordinator_host,
    database_host,
    own_server_line,
)
from neoha_config.tree import FileRole, Node, Tree

WEB_PORT_KEY = SERVER_PREFIX + "webserver.port"
HTTPS_PORT_KEY = SERVER_PREFIX + "webserver.https.port"
HTTPS_ENABLED_KEY = SERVER_PREFIX + "webserver.https.enabled"


@dataclass(frozen=True, slots=True)
class Listener:
    """One listening socket a node opens.

    ``host`` is the host key of the node's machine, ``key`` the setting that chooses the port
    (for a default, the setting that would), ``location`` where that setting is (line 1 of the
    file when the port is a default), ``default`` whether the port is a default.
    """

    node: Node
    host: str
    port: int
    what: str
    key: str
    location: Location
    default: bool = False

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


def _valid(model: SettingsModel | None, key: str, value: object) -> bool:
    """False when ``key`` is in the file but its value was rejected (reported elsewhere)."""
    return not (value is None and model is not None and model.location(key) is not None)


def _runs_ha(node: Node) -> bool:
    # Without a server file (embedded HA) the mode is unknown: the HA settings decide.
    return node.server is None or node.server.effective_mode is ServerMode.HA


def _coordinator_listeners(node: Node, host: str, profile: Profile) -> Iterator[Listener]:
    coord = node.coord
    if coord is None:
        return
    port = client_port(node)
    line = own_server_line(node)
    if port is not None:
        # A 3.5+ "server.N=...;clientPort" line stands in for an unset clientPort.
        key = "clientPort" if coord.client_port is not None or line is None else f"server.{line.id}"
        loc = node.where(FileRole.COORD, key)
        yield Listener(node, host, port, "coordinator client port", key, loc)
    if line is not None:
        key = f"server.{line.id}"
        loc = node.where(FileRole.COORD, key)
        yield Listener(node, host, line.quorum_port, "quorum port", key, loc)
        if line.election_port is not None:
            yield Listener(node, host, line.election_port, "election port", key, loc)
    if profile.modern and coord.admin_port is not None:
        key = "admin.serverPort"
        if _valid(coord, key, coord.admin_server_port):
            default = coord.admin_server_port is None
            loc = node.where(FileRole.COORD, key)
            yield Listener(node, host, coord.admin_port, "AdminServer port", key, loc, default)


def _database_listeners(node: Node, host: str) -> Iterator[Listener]:
    server, db = node.server, node.database
    if server is not None and _valid(server, WEB_PORT_KEY, server.webserver_port):
        loc = node.where(FileRole.SERVER, WEB_PORT_KEY)
        default = server.webserver_port is None
        yield Listener(
            node, host, server.effective_web_port, "web port", WEB_PORT_KEY, loc, default
        )
    if server is not None and _valid(server, HTTPS_PORT_KEY, server.https_port):
        https = server.effective_https_port
        if https is not None:
            default = server.https_port is None
            key = HTTPS_ENABLED_KEY if default else HTTPS_PORT_KEY
            loc = node.where(FileRole.SERVER, key)
            yield Listener(node, host, https, "HTTPS port", HTTPS_PORT_KEY, loc, default)
    if db is None:
        return
    if _runs_ha(node) and _valid(db, "ha.server", db.ha_server):
        loc = node.where(FileRole.DATABASE, "ha.server")
        default = db.ha_server is None
        yield Listener(node, host, db.effective_ha_port, "HA port", "ha.server", loc, default)
    for what, port, keys in (
        ("online backup port", db.backup_port, _BACKUP_KEYS),
        ("remote shell port", db.shell_port, _SHELL_KEYS),
    ):
        port_key, switch_key, bool_key = keys
        # A rejected value makes the port unknown: guessing a default could invent a clash.
        if port is None or not all(_valid(db, k, getattr(db, k)) for k in keys):
            continue
        if getattr(db, port_key) is not None:
            key, default = port_key, False
        elif getattr(db, bool_key) is not None:
            key, default = bool_key, True
        else:
            switch = getattr(db, switch_key)
            key, default = switch_key, switch is None or switch.port is None
        loc = node.where(FileRole.DATABASE, key)
        yield Listener(node, host, port, what, key, loc, default)


# The setting that chooses the port first, then the older switch, then the enabling boolean.
_BACKUP_KEYS = ("online_backup_port", "enable_online_backup", "online_backup_enabled")
_SHELL_KEYS = ("remote_shell_port", "enable_remote_shell", "remote_shell_enabled")


def listeners(
    node: Node, profile: Profile = Profile.ZK33, *, trust_own_line: bool = True
) -> list[Listener]:
    """Every listener ``node`` opens whose machine is known, in a stable order.

    The machine is the host of ``ha.server`` for the database role and the host of the
    coordinator's own ``server.<myid>`` line for the coordinator role; when one role's host is
    unknown the other's stands in (one directory is one machine), and a coordinator's
    ``clientPortAddress`` is the last resort. ``trust_own_line=False`` says the own line does
    not tell the coordinator's host (another coordinator claims the same line: NHA306).
    Defaults count: the web port 7474, ``ha.server``'s 6361 in HA mode, 6362/1337 when
    backup/shell are enabled, ZooKeeper 3.5+'s AdminServer 8080. Values that failed validation
    are left out (other rules report them). Never raises.
    """
    db_host = database_host(node)
    coord_host = coordinator_host(node) if trust_own_line else None
    if coord_host is None and node.coord is not None:
        address = node.coord.client_port_address
        if address and not is_wildcard(address):
            coord_host = host_key(address)
    out: list[Listener] = []
    host = db_host or coord_host
    if node.is_database and host is not None:
        out.extend(_database_listeners(node, host))
    host = coord_host or db_host
    if node.coord is not None and host is not None:
        out.extend(_coordinator_listeners(node, host, profile))
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


def tree_listeners(tree: Tree, profile: Profile = Profile.ZK33) -> list[Listener]:
    """Every listener of the tree whose machine is known: node by node in tree order, each
    node's own in :func:`listeners` order. Never raises."""
    shared = _shared_own_lines(tree)
    out: list[Listener] = []
    for node in tree.nodes:
        out.extend(listeners(node, profile, trust_own_line=id(node) not in shared))
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
