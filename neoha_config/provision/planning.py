"""Plan a consistent Neo4j 1.x HA cluster from host lists: ids, coordinator lists and ports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from neoha_config import names
from neoha_config.errors import NeohaConfigError
from neoha_config.facts import asked_session_timeout, session_bounds
from neoha_config.hosts import LOOPBACK, host_key
from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerLine, ServerSettings
from neoha_config.models.base import SettingsModel
from neoha_config.models.coord import SERVER_KEY
from neoha_config.models.values import PORT_MAX
from neoha_config.ports import coordinator_sockets, database_sockets
from neoha_config.profile import DEFAULT_PROFILE, Profile
from neoha_config.provision import facts
from neoha_config.provision.facts import (
    COORD_FILE,
    COORDINATORS_KEY,
    DATABASE_FILE,
    SERVER_FILE,
    SERVER_ID_KEY,
)
from neoha_config.provision.inputs import check_extra, check_inputs, check_port

PULL_INTERVAL = "10s"  # with a unit: releases disagree on what a bare number means (NHA115)
DEFAULT_TICK_TIME = 2000  # keeps Neo4j's default 5000 ms session timeout inside [2, 20] ticks
DEFAULT_INIT_LIMIT = 10
DEFAULT_SYNC_LIMIT = 5

# The keys a plan writes, by file, in the order a new file lists them (for coord.cfg the shape
# of ZooKeeper's sample zoo.cfg); the server.N block follows them. An ``extra`` may not
# override them (the plan would no longer be consistent). The legacy names are owned too:
# writing both names of a setting is NHA104.
SERVER_KEYS = (names.MODE_KEY, names.TUNING_KEY, names.LOCATION_KEY, names.WEB_PORT_KEY)
DATABASE_KEYS = (
    SERVER_ID_KEY,
    COORDINATORS_KEY,
    names.HA_SERVER_KEY,
    names.CLUSTER_NAME_KEY,
    names.PULL_INTERVAL_KEY,
)
COORD_KEYS = (
    "tickTime",
    "initLimit",
    "syncLimit",
    "dataDir",
    names.CLIENT_PORT_KEY,
    "clientPortAddress",
    "admin.enableServer",
)
# Writing a setting's current name removes its pre-1.5 name: both set is NHA104.
LEGACY_NAMES = facts.CURRENT_NAMES
OWNED_SERVER_KEYS = frozenset(SERVER_KEYS)
OWNED_DATABASE_KEYS = frozenset(DATABASE_KEYS) | frozenset(LEGACY_NAMES.values())
OWNED_COORD_KEYS = frozenset(COORD_KEYS)
_M = TypeVar("_M", bound=SettingsModel)
# Which plan() argument decides an owned key: the hint of the error that refuses it in extra.
_OWNED_HINTS = {
    names.WEB_PORT_KEY: "base_ports.web",
    names.HA_SERVER_KEY: "db_hosts and base_ports.ha",
    SERVER_ID_KEY: "the order of db_hosts",
    "ha.machine_id": "the order of db_hosts",
    COORDINATORS_KEY: "coordinator_hosts and base_ports.client",
    "ha.zoo_keeper_servers": "coordinator_hosts and base_ports.client",
    names.CLUSTER_NAME_KEY: "cluster_name",
    names.CLIENT_PORT_KEY: "base_ports.client",
    "tickTime": "tick_time",
    "initLimit": "init_limit",
    "syncLimit": "sync_limit",
    "admin.enableServer": "profile",
    "clientPortAddress": "profile",
}


@dataclass(frozen=True, slots=True)
class BasePorts:
    """The first port of each listener on a host; the k-th node of a kind on one host gets
    ``base + k`` (0-based), the way the 1.x HA tutorial lays out three nodes on one machine.

    ``client``/``quorum``/``election`` are a coordinator's clientPort and ``server.N`` ports,
    ``ha`` the port of ``ha.server``, ``web`` ``org.neo4j.server.webserver.port``.
    """

    client: int = 2181
    quorum: int = 2888
    election: int = 3888
    ha: int = 6001
    web: int = 7474


@dataclass(frozen=True, slots=True)
class HomePlan:
    """One NEO4J_HOME of a plan: a database node (``server`` and ``database`` set) or a
    coordinator (``coord`` and ``myid`` set), on ``host``."""

    name: str
    host: str
    server: ServerSettings | None = None
    database: DatabaseSettings | None = None
    coord: CoordConfig | None = None
    myid: MyId | None = None

    @property
    def is_database(self) -> bool:
        """True for a database node home."""
        return self.database is not None or self.server is not None

    @property
    def is_coordinator(self) -> bool:
        """True for a coordinator home."""
        return self.coord is not None

    def listeners(self, profile: Profile = DEFAULT_PROFILE) -> list[tuple[str, int]]:
        """Every (listener, port) this home binds under ``profile``, defaults included, as
        ``check`` counts them (``ports.database_sockets``/``ports.coordinator_sockets``)."""
        found = list(database_sockets(self.server, self.database)) if self.is_database else []
        if self.coord is not None:
            found += coordinator_sockets(self.coord, self.myid, profile)
        return [(s.what, s.port) for s in found]


@dataclass(frozen=True, slots=True)
class ClusterPlan:
    """A whole cluster: database homes ``db1..dbN`` then coordinator homes ``coord1..coordM``."""

    cluster_name: str
    profile: Profile
    homes: tuple[HomePlan, ...]

    @property
    def databases(self) -> tuple[HomePlan, ...]:
        """The database node homes, in order."""
        return tuple(h for h in self.homes if h.is_database)

    @property
    def coordinators(self) -> tuple[HomePlan, ...]:
        """The coordinator homes, in order."""
        return tuple(h for h in self.homes if h.is_coordinator)

    def home(self, name: str) -> HomePlan:
        """The home called ``name``; raises KeyError when the plan has none."""
        for home in self.homes:
            if home.name == name:
                return home
        raise KeyError(name)


def host_identity(host: str) -> str:
    """The identity under which ports must not clash, as ``check`` compares hosts
    (``topology.host_key``): ``localhost`` and 127.0.0.0/8 fold to ``loopback``, names compare
    case-insensitively without a trailing dot."""
    return host_key(host)


def _offset_port(base: int, index: int, listener: str, host: str, count: int) -> int:
    port = base + index
    if port > PORT_MAX:
        raise NeohaConfigError(
            f"{count} nodes on host {host!r} need {listener} ports {base}-{base + count - 1}: "
            f"ports above {PORT_MAX} do not exist; use fewer nodes per host or lower base ports"
        )
    return port


def _build(model: type[_M], props: Mapping[str, str], where: str) -> _M:
    built, issues = model.from_properties(props)
    if issues:
        issue = issues[0]
        raise NeohaConfigError(
            f"{where}: {issue.key} = {issue.value!r}: {issue.message}", key=issue.key
        )
    return built


def _merge_extra(
    props: dict[str, str],
    extra: Mapping[str, str],
    owned: frozenset[str],
    where: str,
    *,
    servers_owned: bool = False,
) -> None:
    for key, value in extra.items():
        if key in owned or (servers_owned and SERVER_KEY.match(key)):
            hint = _OWNED_HINTS.get(key, "the host lists and base_ports")
            raise NeohaConfigError(
                f"{where}: extra setting {key!r} is one the plan derives; set it through "
                f"{hint}, or change it afterwards in a cluster description "
                "(neoha-config import, then plan and apply)",
                key=key,
            )
        if value != value.strip():
            raise NeohaConfigError(
                f"{where}: extra setting {key!r} has whitespace around its value {value!r}, "
                "which Neo4j keeps",
                key=key,
            )
        props[key] = value


def _check_listeners(homes: Sequence[HomePlan], profile: Profile) -> None:
    seen: dict[tuple[str, int], str] = {}
    for home in homes:
        identity = host_identity(home.host)
        for listener, port in home.listeners(profile):
            owner = seen.setdefault((identity, port), f"{home.name} {listener}")
            if owner != f"{home.name} {listener}":
                raise NeohaConfigError(
                    f"port {port} on host {home.host!r} would be bound twice: by {owner} and "
                    f"by {home.name} {listener}; choose other base ports or fewer nodes per host"
                )


def _check_session_timeouts(homes: Sequence[HomePlan]) -> None:
    """Raise unless every coordinator grants every database node its session timeout as
    asked, by the rules of ``check`` (NHA209, NHA310)."""
    coords = [(h.name, h.coord) for h in homes if h.coord is not None]
    for name, coord in coords:
        bounds = session_bounds(coord)
        if bounds is None:
            raise NeohaConfigError(
                f"{name}: minSessionTimeout is above maxSessionTimeout (with their defaults "
                "of 2 and 20 x tickTime), so ZooKeeper refuses to start (NHA209); "
                "set both bounds in extra, minimum below maximum",
                key="minSessionTimeout",
            )
        for home in homes:
            timeout = asked_session_timeout(home.database) if home.database is not None else None
            if timeout is not None and not bounds.allows(timeout):
                raise NeohaConfigError(
                    f"{home.name}: session timeout {timeout} ms is outside [{bounds.low}, "
                    f"{bounds.high}] ms, which coordinator {name} allows "
                    f"({bounds.how}); ZooKeeper would clamp it silently. "
                    "Choose another tick_time or set ha.zk_session_timeout in extra",
                    key="ha.zk_session_timeout",
                )


def plan(
    db_hosts: Sequence[str],
    coordinator_hosts: Sequence[str],
    *,
    cluster_name: str = "neo4j.ha",
    profile: Profile | str = DEFAULT_PROFILE,
    base_ports: BasePorts | None = None,
    extra: Mapping[str, Mapping[str, str]] | None = None,
    tick_time: int = DEFAULT_TICK_TIME,
    init_limit: int = DEFAULT_INIT_LIMIT,
    sync_limit: int = DEFAULT_SYNC_LIMIT,
    allow_poor_fault_tolerance: bool = False,
) -> ClusterPlan:
    """Plan one HA cluster: a home ``dbK`` per entry of ``db_hosts`` and ``coordK`` per entry of
    ``coordinator_hosts`` (a host may repeat, and may carry both kinds).

    Database nodes get ``ha.server_id`` 1..N, ``ha.server`` on their host, the client endpoint of
    every coordinator in ``ha.coordinators`` (never a quorum port), the cluster name, HA mode with
    ``conf/neo4j.properties`` as tuning file, and ``ha.pull_interval=10s``. HTTPS, online backup
    and the remote shell stay off (unset). Coordinators get ``myid`` 1..M, one identical
    ``server.N=host:quorum:election`` block, ``dataDir=data/coordinator`` (relative: ZooKeeper
    resolves it against its working directory, which Neo4j's coordinator script sets to the
    home, so each home's ``data/coordinator/myid`` is read; start a JVM per coordinator home with
    the home as working directory), tickTime/initLimit/syncLimit and a clientPort.

    Ports: nodes of one kind on one host are offset from ``base_ports`` (the k-th coordinator on
    a host gets ``client+k``, ``quorum+k``, ``election+k``; the k-th database node ``ha+k`` and
    ``web+k``); nodes on different hosts keep the base ports. ``localhost`` and 127.0.0.0/8 count
    as one host. No two listeners of one host share a port, across kinds.

    Profile ``3.8`` adds ``admin.enableServer=false`` (else every ZooKeeper JVM binds 8080) and,
    for loopback coordinators only, ``clientPortAddress`` set to the host, which keeps a one-host
    test ensemble off the network; on real hosts the client port listens on all interfaces, as
    Neo4j's coordinators always did. Profile ``3.3`` writes only keys ZooKeeper 3.3 knows.

    ``extra`` maps a home name to settings added to its files (keys starting with
    ``org.neo4j.server.`` go to the server file, others to ``neo4j.properties``; for a
    coordinator to ``coord.cfg``); they may not override a key the plan owns.

    Ensemble size: a ZooKeeper ensemble tolerates failures only with an odd size of at least 3
    (NHA208). Any other size raises unless ``allow_poor_fault_tolerance`` is true, in which case
    the plan is written as asked and ``check`` will warn. Every other plan (without ``extra``)
    checks with no error and no warning under its profile.

    Raises NeohaConfigError naming the problem: an empty host list, an invalid host (IPv6 and the
    wildcard address included), loopback hosts mixed with other hosts (peers elsewhere could not
    reach them), more than 255 coordinators, ports above 65535 or clashing on one host, a bad
    cluster name, base port or limit, an unknown home or owned key in ``extra``, an invalid
    extra value, or a default session timeout ZooKeeper would clamp.
    """
    dbs, coords, profile = check_inputs(
        db_hosts,
        coordinator_hosts,
        cluster_name=cluster_name,
        profile=profile,
        limits=(tick_time, init_limit, sync_limit),
        allow_poor_fault_tolerance=allow_poor_fault_tolerance,
    )
    if base_ports is not None and not isinstance(base_ports, BasePorts):
        raise TypeError(f"base_ports must be a BasePorts, not {type(base_ports).__name__}")
    ports = base_ports or BasePorts()
    for name in ("client", "quorum", "election", "ha", "web"):
        check_port(getattr(ports, name), f"base port {name}")
    extras = check_extra(extra, len(dbs), len(coords))
    servers, client_ports = _coordinator_ports(coords, ports)
    endpoints = ",".join(f"{h}:{p}" for h, p in zip(coords, client_ports, strict=True))
    homes = _database_homes(dbs, ports, endpoints, cluster_name, extras)
    homes += _coordinator_homes(
        coords,
        client_ports,
        servers,
        profile=profile,
        limits=(tick_time, init_limit, sync_limit),
        extras=extras,
    )
    _check_listeners(homes, profile)
    _check_session_timeouts(homes)
    return ClusterPlan(cluster_name=cluster_name, profile=profile, homes=tuple(homes))


def _offsets(hosts: list[str]) -> tuple[list[int], Counter[str]]:
    """The index of each entry among the entries on its host, and how many share each host."""
    seen: Counter[str] = Counter()
    out = []
    for host in hosts:
        key = host_identity(host)
        out.append(seen[key])
        seen[key] += 1
    return out, seen


def _coordinator_ports(
    coords: list[str], ports: BasePorts
) -> tuple[dict[int, ServerLine], list[int]]:
    index, count = _offsets(coords)
    servers: dict[int, ServerLine] = {}
    client_ports: list[int] = []
    for sid, (host, k) in enumerate(zip(coords, index, strict=True), 1):
        n = count[host_identity(host)]
        quorum = _offset_port(ports.quorum, k, "quorum", host, n)
        election = _offset_port(ports.election, k, "election", host, n)
        client_ports.append(_offset_port(ports.client, k, "client", host, n))
        servers[sid] = ServerLine(id=sid, host=host, quorum_port=quorum, election_port=election)
    return servers, client_ports


def _database_homes(
    dbs: list[str],
    ports: BasePorts,
    endpoints: str,
    cluster_name: str,
    extras: Mapping[str, Mapping[str, str]],
) -> list[HomePlan]:
    index, count = _offsets(dbs)
    homes: list[HomePlan] = []
    for server_id, (host, k) in enumerate(zip(dbs, index, strict=True), 1):
        name = f"db{server_id}"
        n = count[host_identity(host)]
        server_props = {
            names.MODE_KEY: "ha",
            names.TUNING_KEY: DATABASE_FILE,
            names.LOCATION_KEY: names.DEFAULT_DATABASE_LOCATION,
            names.WEB_PORT_KEY: str(_offset_port(ports.web, k, "web", host, n)),
        }
        db_props = {
            SERVER_ID_KEY: str(server_id),
            COORDINATORS_KEY: endpoints,
            names.HA_SERVER_KEY: f"{host}:{_offset_port(ports.ha, k, 'ha.server', host, n)}",
            names.CLUSTER_NAME_KEY: cluster_name,
            names.PULL_INTERVAL_KEY: PULL_INTERVAL,
        }
        home_extra = extras.get(name, {})
        server_where = f"{name}/{SERVER_FILE}"
        db_where = f"{name}/{DATABASE_FILE}"
        _merge_extra(
            server_props,
            {k2: v for k2, v in home_extra.items() if k2.startswith(names.SERVER_PREFIX)},
            OWNED_SERVER_KEYS,
            server_where,
        )
        _merge_extra(
            db_props,
            {k2: v for k2, v in home_extra.items() if not k2.startswith(names.SERVER_PREFIX)},
            OWNED_DATABASE_KEYS,
            db_where,
        )
        server = _build(ServerSettings, server_props, server_where)
        database = _build(DatabaseSettings, db_props, db_where)
        homes.append(HomePlan(name, host, server=server, database=database))
    return homes


def _coordinator_homes(
    coords: list[str],
    client_ports: list[int],
    servers: Mapping[int, ServerLine],
    *,
    profile: Profile,
    limits: tuple[int, int, int],
    extras: Mapping[str, Mapping[str, str]],
) -> list[HomePlan]:
    tick_time, init_limit, sync_limit = limits
    block = {f"server.{sid}": str(line) for sid, line in servers.items()}
    homes: list[HomePlan] = []
    for sid, (host, client_port) in enumerate(zip(coords, client_ports, strict=True), 1):
        name = f"coord{sid}"
        props = {
            "tickTime": str(tick_time),
            "initLimit": str(init_limit),
            "syncLimit": str(sync_limit),
            "dataDir": names.COORD_DATA_DIR,
            names.CLIENT_PORT_KEY: str(client_port),
        }
        if profile.modern:
            if host_identity(host) == LOOPBACK:
                props["clientPortAddress"] = host
            props["admin.enableServer"] = "false"
        where = f"{name}/{COORD_FILE}"
        _merge_extra(props, extras.get(name, {}), OWNED_COORD_KEYS, where, servers_owned=True)
        props.update(block)
        coord = _build(CoordConfig, props, where)
        homes.append(HomePlan(name, host, coord=coord, myid=MyId(value=sid)))
    return homes
