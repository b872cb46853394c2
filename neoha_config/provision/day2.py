"""Day-2 changes to a cluster description: members in and out, hosts, settings, keys, releases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from neoha_config import names
from neoha_config.errors import NeohaConfigError
from neoha_config.facts import session_bounds
from neoha_config.hosts import LOOPBACK, host_key
from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.ports import coordinator_sockets, database_sockets
from neoha_config.profile import Profile
from neoha_config.provision import facts, render
from neoha_config.provision.description import (
    Cluster,
    Coordinator,
    Database,
    Description,
    Release,
    validate,
)
from neoha_config.provision.planning import (
    DEFAULT_INIT_LIMIT,
    DEFAULT_SYNC_LIMIT,
    DEFAULT_TICK_TIME,
    PULL_INTERVAL,
    BasePorts,
)

_Member = TypeVar("_Member", Database, Coordinator)

# Base ports of each listener a new member gets (the first free one upward on its host): the
# ones plan() starts from.
_BASE = BasePorts()
BASE_PORTS = {
    "web": _BASE.web,
    "ha": _BASE.ha,
    "cluster": names.DEFAULT_CLUSTER_PORT,
    "client": _BASE.client,
    "quorum": _BASE.quorum,
    "election": _BASE.election,
}
# Derived keys a setting cannot override, and where to change them instead.
_DERIVED_HINTS = {
    facts.SERVER_ID_KEY: "the member's id",
    "ha.machine_id": "the member's id",
    facts.COORDINATORS_KEY: "the cluster's coordinators (add_coordinator, remove_coordinator)",
    "ha.zoo_keeper_servers": "the cluster's coordinators (add_coordinator, remove_coordinator)",
    names.INITIAL_HOSTS_KEY: "the hosts and cluster_port of the cluster's databases",
    names.CLUSTER_SERVER_KEY: "the member's host and cluster_port",
    names.CLUSTER_NAME_KEY: "the cluster's name",
    names.HA_SERVER_KEY: "the member's host and ha_port",
}


def _cluster(description: Description, name: str | None) -> Cluster:
    if name is not None:
        for cluster in description.clusters:
            if cluster.name == name:
                return cluster
        raise NeohaConfigError(f"the description has no cluster named {name!r}")
    if len(description.clusters) == 1:
        return description.clusters[0]
    if not description.clusters:
        cluster = Cluster(name="neo4j.ha")
        description.clusters.append(cluster)
        return cluster
    raise NeohaConfigError("the description has several clusters: name the one to change")


def _check(description: Description) -> None:
    problem = next(iter(validate(description)), None)
    if problem is not None:
        raise NeohaConfigError(problem[1])


def _append_checked(description: Description, members: list[_Member], member: _Member) -> None:
    """Append ``member`` to ``members`` (a list of the description); when the description is
    then no longer valid, take it out again and raise NeohaConfigError."""
    members.append(member)
    try:
        _check(description)
    except NeohaConfigError:
        members.remove(member)
        raise


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, not {type(value).__name__}")
    return value


def used_ports(description: Description, host: str, *, skip: object = None) -> set[int]:
    """Every port bound on ``host`` (as ``check`` compares hosts) by a member of the
    description, defaults included, as ``check`` counts them (``ports.database_sockets`` and
    ``ports.coordinator_sockets`` over the rendered files)."""
    identity = host_key(host)
    used: set[int] = set()
    for cluster, member in description.members():
        if member is skip or member.host is None or host_key(member.host) != identity:
            continue
        profile = Profile(cluster.zookeeper)
        if isinstance(member, Database):
            files = {f.rel: f.values for f in render.database_files(cluster, member)}
            server, _ = ServerSettings.from_properties(files.get(facts.SERVER_FILE, {}))
            database, _ = DatabaseSettings.from_properties(files.get(facts.DATABASE_FILE, {}))
            used |= {s.port for s in database_sockets(server, database)}
            if member.cluster_port is not None:
                used.add(member.cluster_port)
        else:
            files = {f.rel: f.values for f in render.coordinator_files(cluster, member)}
            coord, _ = CoordConfig.from_properties(files.get(facts.COORD_FILE, {}))
            found = coordinator_sockets(coord, MyId(value=member.id), profile)
            used |= {s.port for s in found}
            used |= {p for p in (member.quorum_port, member.election_port) if p is not None}
    return used


def _free(used: set[int], base: int) -> int:
    port = base
    while port in used:
        port += 1
    if port > 65535:
        raise NeohaConfigError(f"no free port from {base} upward")
    used.add(port)
    return port


def _session_timeout(cluster: Cluster) -> str | None:
    """A session timeout the cluster's coordinators grant, when Neo4j's default is not one."""
    if not cluster.coordinators:
        return None
    first = cluster.coordinators[0]
    values = render.coordinator_files(cluster, first)[0].values
    coord, _ = CoordConfig.from_properties(values)
    bounds = session_bounds(coord)
    default = DEFAULT_ZK_SESSION_TIMEOUT
    if bounds is None or bounds.allows(default):
        return None  # no timeout is granted as asked (NHA209), or the default is
    return str(bounds.low if default < bounds.low else bounds.high)


def add_database(
    description: Description, name: str, host: str, *, cluster: str | None = None
) -> Database:
    """Add a database member ``name`` on ``host`` to ``cluster`` (the only one when None).

    It gets the next id above every id of the cluster, the first free HA, web (and in 1.9
    cluster) ports on its host, HA mode with ``conf/neo4j.properties``, ``ha.pull_interval=10s``,
    and a session timeout the coordinators grant when Neo4j's default is outside their range.
    No other member changes, except that the others' coordinator lists do not move and 1.9
    members' ``ha.initial_hosts`` gain the new endpoint. Raises NeohaConfigError for a name
    taken, a bad host or an unknown cluster.
    """
    _text(name, "name")
    _text(host, "host")
    target = _cluster(description, cluster)
    if any(isinstance(m, Database) and m.name == name for _, m in description.members()):
        raise NeohaConfigError(f"there is already a database member called {name!r}")
    used = used_ports(description, host)
    member = Database(
        name=name,
        host=host,
        id=max((d.id or 0 for d in target.databases), default=0) + 1,
        ha_port=_free(used, BASE_PORTS["ha"]),
        web_port=_free(used, BASE_PORTS["web"]),
        server={
            names.MODE_KEY: "ha",
            names.TUNING_KEY: facts.DATABASE_FILE,
            names.LOCATION_KEY: names.DEFAULT_DATABASE_LOCATION,
        },
        neo4j={names.PULL_INTERVAL_KEY: PULL_INTERVAL},
    )
    if not facts.release_has_coordinators(target.release):
        member.cluster_port = _free(used, BASE_PORTS["cluster"])
    timeout = _session_timeout(target)
    if timeout is not None:
        member.neo4j[names.SESSION_TIMEOUT_KEY] = timeout
    _append_checked(description, target.databases, member)
    return member


def _find_database(description: Description, name: str) -> tuple[Cluster, Database]:
    for cluster, member in description.members():
        if isinstance(member, Database) and member.name == name:
            return cluster, member
    raise NeohaConfigError(f"the description has no database member called {name!r}")


def _find_coordinator(description: Description, name: str) -> tuple[Cluster, Coordinator]:
    for cluster, member in description.members():
        if isinstance(member, Coordinator) and member.name == name:
            return cluster, member
    raise NeohaConfigError(f"the description has no coordinator called {name!r}")


def remove_database(description: Description, name: str) -> Database:
    """Remove the database member ``name``; returns it. Its home stays on disk until applied
    with ``prune``; no other member is renumbered or re-hosted."""
    cluster, member = _find_database(description, _text(name, "name"))
    cluster.databases.remove(member)
    return member


def _coord_settings(cluster: Cluster, host: str) -> dict[str, str]:
    if cluster.coordinators:
        settings = dict(cluster.coordinators[0].coord)
        settings.pop("clientPortAddress", None)
    else:
        settings = {
            "tickTime": str(DEFAULT_TICK_TIME),
            "initLimit": str(DEFAULT_INIT_LIMIT),
            "syncLimit": str(DEFAULT_SYNC_LIMIT),
            "dataDir": names.COORD_DATA_DIR,
        }
        if Profile(cluster.zookeeper).modern:
            settings["admin.enableServer"] = "false"
    if Profile(cluster.zookeeper).modern and host_key(host) == LOOPBACK:
        settings["clientPortAddress"] = host
    return settings


def add_coordinator(
    description: Description, name: str, host: str, *, cluster: str | None = None
) -> Coordinator:
    """Add a coordinator ``name`` on ``host`` to ``cluster``: the next free id, the first free
    client, quorum and election ports on its host, and the settings of the cluster's first
    coordinator (tickTime, initLimit, syncLimit, dataDir...). Every coordinator's ``server.N``
    block and every database's coordinator list gain it. Raises NeohaConfigError in a 1.9
    cluster, for a name taken, a bad host, or more than 255 coordinators."""
    _text(name, "name")
    _text(host, "host")
    target = _cluster(description, cluster)
    if not facts.release_has_coordinators(target.release):
        raise NeohaConfigError(f"Neo4j {target.release} has no coordinators")
    if any(isinstance(m, Coordinator) and m.name == name for _, m in description.members()):
        raise NeohaConfigError(f"there is already a coordinator called {name!r}")
    ids = {c.id for c in target.coordinators}
    new_id = max(ids, default=0) + 1
    if new_id > 255:
        raise NeohaConfigError("ZooKeeper ids (myid) run from 1 to 255")
    used = used_ports(description, host)
    member = Coordinator(
        name=name,
        host=host,
        id=new_id,
        client_port=_free(used, BASE_PORTS["client"]),
        quorum_port=_free(used, BASE_PORTS["quorum"]),
        election_port=_free(used, BASE_PORTS["election"]),
        coord=_coord_settings(target, host),
    )
    _append_checked(description, target.coordinators, member)
    return member


def remove_coordinator(description: Description, name: str) -> Coordinator:
    """Remove the coordinator ``name``; returns it. The others keep their ids and ports; their
    ``server.N`` blocks and the databases' coordinator lists lose it. Its files stay on disk
    until applied with ``prune``."""
    cluster, member = _find_coordinator(description, _text(name, "name"))
    cluster.coordinators.remove(member)
    return member


def replace_coordinator_host(description: Description, name: str, host: str) -> Coordinator:
    """Move the coordinator ``name`` to ``host``, keeping its id and, where they are free on the
    new host, its ports (else the first free ones). The ``server.N`` blocks and coordinator
    lists follow."""
    _text(host, "host")
    _, member = _find_coordinator(description, _text(name, "name"))
    used = used_ports(description, host, skip=member)
    old = member.model_copy()
    member.host = host
    for field, base in (
        ("client_port", "client"),
        ("quorum_port", "quorum"),
        ("election_port", "election"),
    ):
        port = getattr(member, field)
        if port is None or port in used:
            setattr(member, field, _free(used, BASE_PORTS[base]))
        else:
            used.add(port)
    try:
        _check(description)
    except NeohaConfigError:
        for field in ("host", "client_port", "quorum_port", "election_port"):
            setattr(member, field, getattr(old, field))
        raise
    return member


def _member(
    description: Description, name: str, role: str | None
) -> tuple[Cluster, Database | Coordinator]:
    found = [(c, m) for c, m in description.members() if m.name == name]
    if role is not None:
        if role not in {"database", "coordinator"}:
            raise NeohaConfigError(f"role must be 'database' or 'coordinator', not {role!r}")
        kind = Database if role == "database" else Coordinator
        found = [(c, m) for c, m in found if isinstance(m, kind)]
    if not found:
        raise NeohaConfigError(f"the description has no member called {name!r}")
    if len(found) > 1:
        raise NeohaConfigError(
            f"{name!r} is both a database and a coordinator: pass role='database' or "
            "role='coordinator'"
        )
    return found[0]


def _derived_field(member: Database | Coordinator, key: str, value: str | None) -> bool:
    """Set (or clear) the field that decides ``key``; False when ``key`` is not such a key."""
    decides = (isinstance(member, Database) and key == names.WEB_PORT_KEY) or (
        isinstance(member, Coordinator) and key == names.CLIENT_PORT_KEY
    )
    if not decides:
        return False
    port = None
    if value is not None:
        number = value.strip()
        if not number.isdigit() or not 1 <= int(number) <= 65535:
            raise NeohaConfigError(f"{key} = {value!r} is not a port in 1-65535", key=key)
        port = int(number)
    if isinstance(member, Database) and key == names.WEB_PORT_KEY:
        member.web_port = port
        return True
    if isinstance(member, Coordinator) and key == names.CLIENT_PORT_KEY:
        member.client_port = port
        return True
    return False


def set_setting(
    description: Description, name: str, key: str, value: str, *, role: str | None = None
) -> None:
    """Set ``key`` to ``value`` in the member ``name``'s files (server keys go to the server
    file, others to ``conf/neo4j.properties``; a coordinator's to ``coord.cfg``). A port the
    description derives (web port, clientPort) sets that field. Raises TypeError for values
    that are not strings and NeohaConfigError for other derived keys (naming where to change
    them) or values with blanks around them, which Neo4j would keep."""
    _text(key, "key")
    _text(value, "value")
    _, member = _member(description, _text(name, "name"), role)
    if value != value.strip():
        raise NeohaConfigError(
            f"{key} = {value!r} has blanks around it, which Neo4j keeps in the value", key=key
        )
    if _derived_field(member, key, value):
        return
    hint = _DERIVED_HINTS.get(key)
    if isinstance(member, Database) and hint is not None:
        raise NeohaConfigError(f"{key} is derived from {hint}: change that instead", key=key)
    if isinstance(member, Coordinator) and key.startswith("server."):
        raise NeohaConfigError(
            f"{key} is derived from the coordinators' ids, hosts and ports: change those", key=key
        )
    table = _table(member, key)
    table[key] = value
    _check(description)


def unset_setting(
    description: Description, name: str, key: str, *, role: str | None = None
) -> bool:
    """Remove ``key`` from the member ``name``'s settings (a derived port: clear the field, so
    the key is no longer written); True when something was removed."""
    _text(key, "key")
    _, member = _member(description, _text(name, "name"), role)
    if _derived_field(member, key, None):
        return True
    return _table(member, key).pop(key, None) is not None


def _table(member: Database | Coordinator, key: str) -> dict[str, str]:
    if isinstance(member, Coordinator):
        return member.coord
    return member.server if key.startswith(names.SERVER_PREFIX) else member.neo4j


def rename_legacy_keys(description: Description, names: Iterable[str] | None = None) -> list[str]:
    """Write the current names (``ha.server_id``, ``ha.coordinators``) for the pre-1.5 ones in
    the given members (every database member when None); ``apply`` renames each key in place,
    on its own line, under its own comment. Returns the members that changed."""
    wanted = set(names) if names is not None else None
    changed: list[str] = []
    for _, member in description.members():
        if not isinstance(member, Database) or (wanted is not None and member.name not in wanted):
            continue
        if member.legacy_keys:
            member.legacy_keys = []
            changed.append(member.name)
        for old, new in facts.LEGACY_NAMES.items():
            if old in member.neo4j and new not in member.neo4j:
                member.neo4j = {(new if k == old else k): v for k, v in member.neo4j.items()}
                changed.append(member.name)
    return sorted(set(changed))


def upgrade(
    description: Description, release: Release = "1.9", *, cluster: str | None = None
) -> list[Coordinator]:
    """Set the cluster's Neo4j ``release``; returns the coordinators retired.

    To 1.9 from a coordinator release: each database gets a cluster port (the first free from
    5001 on its host) and so ``ha.cluster_server`` and ``ha.initial_hosts``; the coordinator
    settings (``ha.coordinators``, ``ha.zoo_keeper_servers``, ``ha.zk_session_timeout``) go; the
    pre-1.5 names give way to the current ones (1.9 reads only ``ha.server_id``); and the
    coordinators leave the description (their files go when applied with ``prune``).
    ``plan_changes`` then states the rolling-upgrade order. Raises NeohaConfigError for an
    unknown release, a downgrade from 1.9, or a jump to 1.9 from before 1.8 (the 1.9 rolling
    upgrade starts from a 1.8 cluster).
    """
    if release not in facts.RELEASES:
        raise NeohaConfigError(
            f"unknown Neo4j release {release!r}: use one of {', '.join(facts.RELEASES)}"
        )
    target = _cluster(description, cluster)
    if not facts.release_has_coordinators(target.release) and facts.release_has_coordinators(
        release
    ):
        raise NeohaConfigError(
            f"going back from Neo4j {target.release} to {release} is not supported: "
            "a 1.9 store cannot be downgraded"
        )
    if (
        facts.release_has_coordinators(target.release)
        and not facts.release_has_coordinators(release)
        and facts.RELEASES.index(target.release) < facts.RELEASES.index("1.8")
    ):
        raise NeohaConfigError(
            f"the rolling upgrade to {release} starts from a 1.8 cluster: upgrade this "
            f"{target.release} cluster to 1.8 first (upgrade(description, '1.8'))"
        )
    target.release = release
    retired = _retire_coordinators(description, target)
    _check(description)
    return retired


def _retire_coordinators(description: Description, target: Cluster) -> list[Coordinator]:
    """Bring a cluster whose release has no coordinators into that release's shape."""
    if facts.release_has_coordinators(target.release):
        return []
    retired = list(target.coordinators)
    target.coordinators = []
    gone = set(facts.COORDINATOR_KEYS) | {names.SESSION_TIMEOUT_KEY}
    nine_keys = {names.INITIAL_HOSTS_KEY, names.CLUSTER_SERVER_KEY, *gone}
    for db in target.databases:
        if any(k in gone for k in db.neo4j):
            db.neo4j = {k: v for k, v in db.neo4j.items() if k not in gone}
        if retired and any(k in nine_keys for k in db.unset):
            db.unset = [k for k in db.unset if k not in nine_keys]
    rename_legacy_keys(description, [d.name for d in target.databases])
    if retired:
        for db in target.databases:
            if db.host is not None and db.cluster_port is None:
                used = used_ports(description, db.host, skip=db)
                db.cluster_port = _free(used, BASE_PORTS["cluster"])
    return retired


def normalized(description: Description) -> Description:
    """A copy of ``description`` in which each cluster whose release has no coordinators (1.9)
    but still lists some is upgraded (``upgrade``): the form ``plan_changes`` follows, so that
    editing ``release = "1.9"`` into a 1.8 description plans the whole upgrade."""
    copy = description.model_copy(deep=True)
    for cluster in copy.clusters:
        if not facts.release_has_coordinators(cluster.release) and cluster.coordinators:
            _retire_coordinators(copy, cluster)
    return copy
