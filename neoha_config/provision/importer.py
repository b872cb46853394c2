"""Describe an existing tree: members from its homes, ids, hosts and ports from its files."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from neoha_config import names
from neoha_config.errors import NeohaConfigError
from neoha_config.models import MyId
from neoha_config.models.values import PORT_MAX, PORT_MIN
from neoha_config.provision import facts, render
from neoha_config.provision.changes import homes
from neoha_config.provision.description import (
    Cluster,
    Coordinator,
    Database,
    Description,
    Release,
    ZooKeeper,
    validate,
)
from neoha_config.provision.disk import parse_existing, read_file

_INT = re.compile(r"[0-9]{1,9}")
_WILDCARDS = {"0.0.0.0", ""}


def _port(text: str | None) -> int | None:
    if text is None or not _INT.fullmatch(text):
        return None
    value = int(text)
    return value if PORT_MIN <= value <= PORT_MAX else None


def _host_port(text: str | None) -> tuple[str, int] | None:
    if text is None or text.count(":") != 1:
        return None
    host, port = text.split(":")
    number = _port(port)
    return (host, number) if host and number is not None else None


def _props(home: Path, rel: str) -> dict[str, str] | None:
    data = read_file(home / rel)
    if data is None:
        return None
    return parse_existing(data, home / rel).to_dict()


def _database(name: str, server: dict[str, str], props: dict[str, str]) -> Database:
    legacy = [old for old, new in facts.LEGACY_NAMES.items() if old in props and new not in props]
    ident = props.get(facts.SERVER_ID_KEY, props.get("ha.machine_id"))
    ha = _host_port(props.get(names.HA_SERVER_KEY))
    host = ha[0] if ha else None
    cluster_server = props.get(names.CLUSTER_SERVER_KEY)
    cluster_port = None
    if cluster_server is not None:
        parts = _host_port(cluster_server)
        if parts is not None:
            cluster_port = parts[1]
            if host is None and parts[0] not in _WILDCARDS:
                host = parts[0]
    if host is None and names.INITIAL_HOSTS_KEY in props:
        entries = [_host_port(e) for e in props[names.INITIAL_HOSTS_KEY].split(",")]
        base = name.rsplit("/", 1)[-1].lower()
        host = next((e[0] for e in entries if e and e[0].lower() == base), None)
    derived = {*render.DATABASE_KEYS_ALL}
    return Database(
        name=name,
        host=host,
        id=int(ident) if ident is not None and _INT.fullmatch(ident) else None,
        ha_port=ha[1] if ha else None,
        web_port=_port(server.get(names.WEB_PORT_KEY)),
        cluster_port=cluster_port,
        legacy_keys=legacy,
        server={k: v for k, v in server.items() if k != names.WEB_PORT_KEY},
        neo4j={k: v for k, v in props.items() if k not in derived},
    )


def _coordinator(name: str, myid: int, props: dict[str, str]) -> Coordinator:
    line = props.get(f"server.{myid}", "").strip().split(":")
    host = line[0] if len(line) >= 2 and line[0] else None
    return Coordinator(
        name=name,
        host=host,
        id=myid,
        client_port=_port(props.get(names.CLIENT_PORT_KEY, "").strip()),
        quorum_port=_port(line[1]) if len(line) >= 2 else None,
        election_port=_port(line[2]) if len(line) >= 3 else None,
        coord={
            k: v
            for k, v in props.items()
            if k != names.CLIENT_PORT_KEY and not k.startswith("server.")
        },
    )


def _read_myid(home: Path, coord: dict[str, str]) -> tuple[str, int] | None:
    probe = Coordinator(name="probe", id=1, coord={"dataDir": coord.get("dataDir", "")})
    for rel in dict.fromkeys([render.myid_file(probe), facts.MYID_FILE]):
        data = read_file(home / rel)
        if data is None:
            continue
        try:
            value = MyId.parse(data).value
        except ValueError:
            return None
        return (rel, value) if 1 <= value <= 255 else None
    return None


def _pin(cluster: Cluster, home_files: dict[str, dict[str, str]]) -> None:
    """Make every member render exactly what its files hold: a derived value that differs is
    kept as the member's own setting, a derived key the file lacks goes to ``unset``."""
    for db in cluster.databases:
        for want in render.database_files(cluster, db):
            _pin_file(db, want, home_files.get(want.path, {}))
    for coordinator in cluster.coordinators:
        for want in render.coordinator_files(cluster, coordinator):
            if want.myid is None:
                _pin_file(coordinator, want, home_files.get(want.path, {}))


def _pin_file(
    member: Database | Coordinator, want: render.DesiredFile, have: dict[str, str]
) -> None:
    if isinstance(member, Database):
        own = member.server if want.rel == facts.SERVER_FILE else member.neo4j
    else:
        own = member.coord
    for key, value in want.values.items():
        if key not in have:
            member.unset = [*member.unset, facts.LEGACY_NAMES.get(key, key)]
        elif have[key] != value and not (want.trim and have[key].strip() == value.strip()):
            own[key] = have[key]
    for key, value in have.items():
        if key not in want.values:
            own[key] = value


Files = dict[str, dict[str, str]]


def _read_members(
    root: Path,
) -> tuple[Files, list[Database], list[tuple[Coordinator, str | None]]]:
    """Every member under ``root``, with the settings of each file it owns by path."""
    files: Files = {}
    databases: list[Database] = []
    coordinators: list[tuple[Coordinator, str | None]] = []
    for name, home in homes(root).items():
        server = _props(home, facts.SERVER_FILE)
        props = _props(home, facts.DATABASE_FILE)
        coord = _props(home, facts.COORD_FILE)
        if server is not None or props is not None:
            files[f"{name}/{facts.SERVER_FILE}"] = server or {}
            files[f"{name}/{facts.DATABASE_FILE}"] = props or {}
            databases.append(_database(name, server or {}, props or {}))
        found = _read_myid(home, coord) if coord is not None else None
        if coord is not None and found is not None:
            files[f"{name}/{facts.COORD_FILE}"] = coord
            member = _coordinator(name, found[1], coord)
            if render.myid_file(member) != found[0]:
                member.myid_file = found[0]
            endpoint = None
            if member.host and member.client_port:
                endpoint = f"{member.host}:{member.client_port}"
            coordinators.append((member, endpoint))
    return files, databases, coordinators


def _listing(clusters: Iterable[Cluster], endpoint: str | None, files: Files) -> Cluster | None:
    """The first cluster one of whose databases lists ``endpoint`` as a coordinator."""
    if endpoint is None:
        return None
    for cluster in clusters:
        for db in cluster.databases:
            props = files[f"{db.name}/{facts.DATABASE_FILE}"]
            if any(endpoint in props.get(k, "").split(",") for k in facts.COORDINATOR_KEYS):
                return cluster
    return None


def import_tree(
    tree: str | os.PathLike[str],
    *,
    release: Release | None = None,
    zookeeper: ZooKeeper = "3.3",
) -> Description:
    """Describe the homes under ``tree`` so that ``plan_changes`` then finds nothing to change.

    Member names are the home directories. A home with a server or database file is a database
    member; one with ``conf/coord.cfg`` and a ``myid`` a coordinator. Databases are grouped by
    ``ha.cluster_name``; a coordinator joins the cluster that lists its client endpoint. Ids,
    hosts and ports come from the files; every other setting is kept as written, and a derived
    value the files do not follow is kept as the member's own. ``release`` defaults to 1.9 when
    a database sets ``ha.initial_hosts``, else 1.8.

    Raises NeohaConfigError when ``tree`` is not a directory, holds no home, or a file cannot
    be read or would not load in the JVM.
    """
    root = Path(tree)
    if not root.is_dir():
        raise NeohaConfigError("is not a directory", path=str(root))
    if not homes(root):
        itself = any((root / rel).is_file() for rel in (facts.SERVER_FILE, facts.DATABASE_FILE))
        hint = " (it is a home itself: pass the directory that holds it)" if itself else ""
        raise NeohaConfigError(f"no NEO4J_HOME under this directory{hint}", path=str(root))
    files, databases, coordinators = _read_members(root)
    if release is None:
        nine = any(names.INITIAL_HOSTS_KEY in p for p in files.values())
        release = "1.9" if nine else "1.8"
    clusters: dict[str | None, Cluster] = {}
    for db in databases:
        named = files[f"{db.name}/{facts.DATABASE_FILE}"].get(names.CLUSTER_NAME_KEY)
        cluster = clusters.setdefault(
            named, Cluster(name=named, release=release, zookeeper=zookeeper)
        )
        cluster.databases.append(db)
    for member, endpoint in sorted(coordinators, key=lambda c: c[0].id):
        target = _listing(clusters.values(), endpoint, files)
        if target is None:
            target = next(iter(clusters.values()), None) or clusters.setdefault(
                None, Cluster(release=release, zookeeper=zookeeper)
            )
        target.coordinators.append(member)
    description = Description(clusters=list(clusters.values()))
    if coordinators and not facts.release_has_coordinators(release):
        raise NeohaConfigError(
            f"the tree has coordinators, which Neo4j {release} does not use: import it as the "
            "release it runs (--release 1.8), then upgrade",
            path=str(root),
        )
    for cluster in description.clusters:
        _pin(cluster, files)
    problems = list(validate(description))
    if problems:
        _, message = problems[0]
        raise NeohaConfigError(f"cannot describe this tree: {message}", path=str(root))
    return description
