"""Facts over models and topology that rules and provisioning share: endpoints, session bounds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.diagnostics import Location
from neoha_config.hosts import Endpoint, endpoint, host_key
from neoha_config.models.plain import ServerLine
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT, SESSION_TIMEOUT_KEY
from neoha_config.records import dataclass
from neoha_config.topology import (
    Ensemble,
    client_port,
    coordinator_host,
    own_server_line,
)
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.models.coord import CoordConfig
    from neoha_config.models.database import DatabaseSettings


def client_location(node: Node) -> Location:
    """Where a coordinator's client port is set: ``clientPort``, or the own ``server.<myid>``
    line that stands in for an unset one (``...;clientPort``, ZooKeeper 3.5+)."""
    line = own_server_line(node)
    coord = node.coord
    if coord is not None and coord.client_port is None and line is not None:
        return node.where(FileRole.COORD, f"server.{line.id}")
    return node.where(FileRole.COORD, "clientPort")


@dataclass(frozen=True, slots=True)
class PeerPort:
    """A quorum or election endpoint that a ``server.N`` line of an ensemble names."""

    coordinator: Node | None  # the coordinator in the tree whose own line this is, if any
    line: ServerLine
    what: str  # "quorum port" or "election port"
    location: Location  # the line in the first file that names the endpoint


@dataclass(frozen=True, slots=True)
class NotClient:
    """Why a ``host:port`` is no client endpoint of an ensemble.

    ``peer`` is set when the port is a quorum or election port of the ensemble; otherwise
    ``coordinators`` are the ensemble's coordinators on that host, none taking clients there.
    """

    peer: PeerPort | None = None
    coordinators: tuple[Node, ...] = ()


@dataclass(slots=True)
class EnsembleFacts:
    """What the tree tells about an ensemble's hosts and ports.

    Built once per ensemble and check (``CheckContext.ensemble_facts``); never raises.
    """

    ensemble: Ensemble
    peers: dict[Endpoint, PeerPort]
    on_host: dict[str, list[Node]]  # coordinators in the tree by host key
    absent_hosts: set[str]  # hosts of server.N members that are not in the tree
    unplaced_ports: set[int | None]  # client ports of coordinators in the tree with no known host

    @classmethod
    def of(cls, ens: Ensemble) -> EnsembleFacts:
        """The facts of ``ens``."""
        on_host: dict[str, list[Node]] = {}
        for node in ens.coordinators:
            host = coordinator_host(node)
            if host is not None:
                on_host.setdefault(host, []).append(node)
        # A port on the host of a member missing from the tree may be that member's client
        # port, which the tree cannot tell.
        present = {line.id for node in ens.coordinators if (line := own_server_line(node))}
        absent_hosts = {
            host_key(line.host)
            for node in ens.coordinators
            if node.coord is not None
            for line in node.coord.servers.values()
            if line.id not in present
        }
        # A coordinator without its own server.<myid> line (a standalone one whose myid has no
        # line, say) still takes clients on its clientPort, on a host the tree cannot tell.
        unplaced = {client_port(node) for node in ens.coordinators if own_server_line(node) is None}
        return cls(ens, _peer_ports(ens), on_host, absent_hosts, unplaced)

    def not_client(self, host: str, port: int) -> NotClient | None:
        """Why ``host:port`` is no client endpoint of the ensemble; None when it is one or the
        tree cannot tell (a member missing from the tree, a coordinator of unknown host)."""
        ep = endpoint(host, port)
        if ep in self.ensemble.client_endpoints:
            return None
        peer = self.peers.get(ep)
        if peer is not None:
            return NotClient(peer=peer)
        coordinators = self.on_host.get(ep[0])
        if not coordinators or ep[0] in self.absent_hosts:
            return None
        if port in self.unplaced_ports or None in self.unplaced_ports:
            return None
        return NotClient(coordinators=tuple(coordinators))


def _peer_ports(ens: Ensemble) -> dict[Endpoint, PeerPort]:
    """Every quorum and election endpoint named by the ensemble's ``server.N`` lines; a
    coordinator's own line wins over the copies in other files."""
    out: dict[Endpoint, PeerPort] = {}
    owners = {id(line): node for node in ens.coordinators if (line := own_server_line(node))}
    for pass_own in (True, False):
        for node in ens.coordinators:
            servers = node.coord.servers if node.coord is not None else {}
            for sid in sorted(servers):
                line = servers[sid]
                if (id(line) in owners) != pass_own:
                    continue
                loc = node.where(FileRole.COORD, f"server.{sid}")
                owner = owners.get(id(line))
                for what, port in (
                    ("quorum port", line.quorum_port),
                    ("election port", line.election_port),
                ):
                    if port is not None:
                        out.setdefault(endpoint(line.host, port), PeerPort(owner, line, what, loc))
    return out


@dataclass(frozen=True, slots=True)
class SessionBounds:
    """The session timeouts a coordinator grants: ``[low, high]`` ms, how they come about, and
    the ``coord.cfg`` key that sets them (``tickTime`` when both are tick multiples)."""

    low: int
    high: int
    how: str
    key: str

    def allows(self, timeout: int) -> bool:
        """True when the coordinator grants ``timeout`` as asked, without clamping it."""
        return self.low <= timeout <= self.high


def session_bounds(coord: CoordConfig) -> SessionBounds | None:
    """The session timeout range of ``coord``; None when a value it depends on was rejected
    (NHA201/NHA111), the tick is not positive, or the minimum exceeds the maximum (NHA209).

    ``minSessionTimeout``/``maxSessionTimeout`` of -1 mean the default, 2 and 20 ticks; any
    other value is the bound itself, 0 too (ZooKeeper 3.3 and 3.8 alike: only -1 is "unset").
    """
    for key, value in (
        ("tickTime", coord.tick_time),
        ("minSessionTimeout", coord.min_session_timeout),
        ("maxSessionTimeout", coord.max_session_timeout),
    ):
        if value is None and coord.location(key) is not None:
            return None  # a rejected value: other rules report it, the bounds are unknown
    tick = coord.effective_tick_time
    if tick <= 0:
        return None
    minimum, maximum = coord.min_session_timeout, coord.max_session_timeout
    low_set = minimum is not None and minimum != -1
    high_set = maximum is not None and maximum != -1
    low = minimum if minimum is not None and low_set else 2 * tick
    high = maximum if maximum is not None and high_set else 20 * tick
    if low > high:
        return None
    if low_set and high_set:
        how = f"minSessionTimeout={low}, maxSessionTimeout={high}"
    elif low_set:
        how = f"minSessionTimeout={low}, 20 x tickTime={tick}"
    elif high_set:
        how = f"2 x tickTime={tick}, maxSessionTimeout={high}"
    else:
        how = f"2 and 20 x tickTime={tick}"
    key = "tickTime" if not (low_set or high_set) else "minSessionTimeout"
    if not low_set and high_set:
        key = "maxSessionTimeout"
    return SessionBounds(low, high, how, key)


def asked_session_timeout(database: DatabaseSettings) -> int | None:
    """The session timeout (ms) a database node asks its coordinators for:
    ``ha.zk_session_timeout``, else Neo4j's 5000; None when its value was rejected (NHA111)."""
    if database.zk_session_timeout is not None:
        return database.zk_session_timeout
    if database.location(SESSION_TIMEOUT_KEY) is not None:
        return None
    return DEFAULT_ZK_SESSION_TIMEOUT
