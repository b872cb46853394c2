"""What each file of a described cluster must hold: the derived keys, then the member's own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from neoha_config import names
from neoha_config.provision import facts
from neoha_config.provision.description import (
    DATABASE_DERIVED,
    Cluster,
    Coordinator,
    Database,
    Description,
)

# Every name a derived key of conf/neo4j.properties can have, pre-1.5 names included.
DATABASE_KEYS_ALL = frozenset(DATABASE_DERIVED) | frozenset(facts.LEGACY_NAMES)
GENERATED_MARK = "# Written by neoha_config: "
_WHAT = {
    facts.SERVER_FILE: "server settings",
    facts.DATABASE_FILE: "HA settings",
    facts.COORD_FILE: "coordinator settings",
}


def header(rel: str) -> str:
    """The comment a new file opens with. It names nothing that can change later (no host,
    id or cluster name), so it never goes stale."""
    return (
        f"{GENERATED_MARK}{_WHAT[rel]} of this home.\n"
        "# Settings it manages are updated in place; other lines are kept as they are.\n"
    )


@dataclass(frozen=True, slots=True)
class DesiredFile:
    """One file of a member: ``values`` in the order a new file lists them (a properties file),
    or ``myid`` (the id file). ``trim``: the reader trims values (ZooKeeper's ``coord.cfg``)."""

    home: str
    rel: str
    values: dict[str, str] = field(default_factory=dict)
    myid: int | None = None
    trim: bool = False

    @property
    def path(self) -> str:
        """``home/rel``, ``/``-separated."""
        return f"{self.home}/{self.rel}"


def key_name(db: Database, key: str) -> str:
    """The name ``db`` writes ``key`` under: its pre-1.5 name when the member keeps that."""
    old = facts.CURRENT_NAMES.get(key)
    return old if old is not None and old in db.legacy_keys else key


def coordinator_endpoints(cluster: Cluster) -> list[str]:
    """The client endpoints of the cluster's coordinators, in member order (``ha.coordinators``)."""
    return [
        f"{c.host}:{c.client_port}"
        for c in cluster.coordinators
        if c.host is not None and c.client_port is not None
    ]


def initial_hosts(cluster: Cluster) -> list[str]:
    """The 1.9 cluster endpoints of the databases, in member order (``ha.initial_hosts``); a
    member without ``cluster_port`` listens on Neo4j's default 5001."""
    return [
        f"{d.host}:{d.cluster_port or names.DEFAULT_CLUSTER_PORT}"
        for d in cluster.databases
        if d.host is not None and d.id is not None
    ]


def server_lines(cluster: Cluster) -> dict[str, str]:
    """The ``server.N`` block every coordinator of the cluster carries."""
    out: dict[str, str] = {}
    for c in sorted(cluster.coordinators, key=lambda c: c.id):
        if c.host is None or c.quorum_port is None:
            continue
        value = f"{c.host}:{c.quorum_port}"
        if c.election_port is not None:
            value += f":{c.election_port}"
        out[f"server.{c.id}"] = value
    return out


def derived_database(cluster: Cluster, db: Database) -> dict[str, str]:
    """The keys of ``conf/neo4j.properties`` that ids, hosts and ports decide."""
    out: dict[str, str] = {}
    if db.id is not None:
        out[facts.SERVER_ID_KEY] = str(db.id)
    if facts.release_has_coordinators(cluster.release):
        endpoints = coordinator_endpoints(cluster)
        if endpoints:
            out[facts.COORDINATORS_KEY] = ",".join(endpoints)
    else:
        hosts = initial_hosts(cluster)
        if hosts:
            out[names.INITIAL_HOSTS_KEY] = ",".join(hosts)
    if db.host is not None and db.ha_port is not None:
        out[names.HA_SERVER_KEY] = f"{db.host}:{db.ha_port}"
    if cluster.name is not None:
        out[names.CLUSTER_NAME_KEY] = cluster.name
    nine = not facts.release_has_coordinators(cluster.release)
    if nine and db.host is not None and db.cluster_port is not None:
        out[names.CLUSTER_SERVER_KEY] = f"{db.host}:{db.cluster_port}"
    return out


def derived_server(db: Database) -> dict[str, str]:
    """The keys of ``conf/neo4j-server.properties`` the member's ports decide."""
    return {names.WEB_PORT_KEY: str(db.web_port)} if db.web_port is not None else {}


def derived_coord(cluster: Cluster, coordinator: Coordinator) -> dict[str, str]:
    """The keys of ``conf/coord.cfg`` the coordinators' ids, hosts and ports decide."""
    out: dict[str, str] = {}
    if coordinator.client_port is not None:
        out[names.CLIENT_PORT_KEY] = str(coordinator.client_port)
    out.update(server_lines(cluster))
    return out


def _merge(derived: dict[str, str], unset: list[str], own: dict[str, str]) -> dict[str, str]:
    gone = set(unset)
    out = {
        k: v
        for k, v in derived.items()
        if k not in gone and not ("server.*" in gone and k.startswith("server."))
    }
    out.update(own)
    return out


def database_files(cluster: Cluster, db: Database) -> list[DesiredFile]:
    """The files of a database member: the server file and ``conf/neo4j.properties``, each
    when it has at least one key."""
    props = {
        key_name(db, k): v for k, v in _merge(derived_database(cluster, db), db.unset, {}).items()
    }
    props.update(db.neo4j)
    # New server files list the member's own settings (the mode first) before the web port.
    server = dict(db.server) | _merge(derived_server(db), db.unset, db.server)
    # A member with nothing to say about a file (an adopted home that has none) leaves it be.
    out = []
    if server:
        out.append(DesiredFile(db.name, facts.SERVER_FILE, server))
    if props:
        out.append(DesiredFile(db.name, facts.DATABASE_FILE, props))
    return out


def coordinator_files(cluster: Cluster, coordinator: Coordinator) -> list[DesiredFile]:
    """The two files of a coordinator member: ``conf/coord.cfg`` (its own settings first, the
    ``server.N`` block last, as in ZooKeeper's sample) and ``data/coordinator/myid``."""
    derived = derived_coord(cluster, coordinator)
    # tickTime, initLimit, syncLimit, dataDir, then clientPort: the shape of ZooKeeper's sample.
    values = dict(coordinator.coord) | _merge(derived, coordinator.unset, coordinator.coord)
    lines = {k: values.pop(k) for k in list(values) if k.startswith("server.")}
    values.update(lines)
    return [
        DesiredFile(coordinator.name, facts.COORD_FILE, values, trim=True),
        DesiredFile(coordinator.name, myid_file(coordinator), myid=coordinator.id),
    ]


def myid_file(coordinator: Coordinator) -> str:
    """Where ZooKeeper reads the id: ``<dataDir>/myid`` for a relative ``dataDir`` (ZooKeeper
    resolves it against the home), else ``data/coordinator/myid``; ``myid_file`` when set."""
    if coordinator.myid_file is not None:
        return coordinator.myid_file
    data_dir = coordinator.coord.get("dataDir", "").strip().replace("\\", "/")
    path = PurePosixPath(data_dir)
    if not data_dir or path.is_absolute() or ".." in path.parts:
        return facts.MYID_FILE
    return (path / "myid").as_posix()


def desired(description: Description) -> list[DesiredFile]:
    """Every file the description decides, in member order."""
    out: list[DesiredFile] = []
    for cluster, member in description.members():
        if isinstance(member, Database):
            out += database_files(cluster, member)
        else:
            out += coordinator_files(cluster, member)
    return out
