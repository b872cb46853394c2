"""The cluster description (``cluster.toml``): typed clusters and members, located errors."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from neoha_config import names
from neoha_config.errors import NeohaConfigError
from neoha_config.models.values import CLUSTER_NAME_PATTERN, PORT_MAX, PORT_MIN, is_valid_host
from neoha_config.provision import facts, tomlwrite
from neoha_config.provision.disk import os_errors

Release = Literal["1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"]
ZooKeeper = Literal["3.3", "3.8"]
Port = Annotated[StrictInt, Field(ge=PORT_MIN, le=PORT_MAX)]
Settings = dict[StrictStr, StrictStr]

# Derived keys a member may leave out of its files (``unset``), by file.
DATABASE_DERIVED = (
    facts.SERVER_ID_KEY,
    facts.COORDINATORS_KEY,
    names.HA_SERVER_KEY,
    names.CLUSTER_NAME_KEY,
    names.INITIAL_HOSTS_KEY,
    names.CLUSTER_SERVER_KEY,
)
SERVER_DERIVED = (names.WEB_PORT_KEY,)
COORD_DERIVED = (names.CLIENT_PORT_KEY, "server.*")

HEADER = """\
Cluster description for neoha-config: `neoha-config plan cluster.toml TREE` shows what
would change in TREE, `neoha-config apply cluster.toml TREE` writes it.
Members are homes under TREE (their directory names). Ports, ids and hosts decide the
settings derived from them (ha.server_id, ha.server, ha.coordinators, ha.initial_hosts,
clientPort, server.N, myid); the tables server / neo4j / coord hold every other setting of
conf/neo4j-server.properties, conf/neo4j.properties and conf/coord.cfg, values as written.
A key in those tables overrides the derived value; `unset` lists derived keys left out."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)


class Database(_Model):
    """A database node: the home ``name`` under the tree, on ``host``.

    ``id`` is ``ha.server_id``; ``ha_port`` the port of ``ha.server``; ``web_port``
    ``org.neo4j.server.webserver.port``; ``cluster_port`` the 1.9 cluster port (in
    ``ha.cluster_server`` and the others' ``ha.initial_hosts``). A field left out writes no key.
    ``legacy_keys`` lists the pre-1.5 names this member's file uses (``ha.machine_id``,
    ``ha.zoo_keeper_servers``); ``server`` and ``neo4j`` hold the other settings of
    ``conf/neo4j-server.properties`` and ``conf/neo4j.properties``.
    """

    name: StrictStr
    host: StrictStr | None = None
    id: Annotated[StrictInt, Field(ge=0)] | None = None
    ha_port: Port | None = None
    web_port: Port | None = None
    cluster_port: Port | None = None
    legacy_keys: list[StrictStr] = Field(default_factory=list)
    unset: list[StrictStr] = Field(default_factory=list)
    server: Settings = Field(default_factory=dict)
    neo4j: Settings = Field(default_factory=dict)


class Coordinator(_Model):
    """A coordinator (ZooKeeper) of a 1.3-1.8 cluster: the home ``name``, on ``host``.

    ``id`` is its ``myid`` and ``server.<id>`` line, with ``quorum_port`` and ``election_port``;
    ``client_port`` is ``clientPort``, the port the databases list. ``myid_file`` says where the
    id file is when it is not ``<dataDir>/myid`` (an adopted tree). ``coord`` holds every other
    setting of ``conf/coord.cfg``.
    """

    name: StrictStr
    host: StrictStr | None = None
    id: Annotated[StrictInt, Field(ge=1, le=255)]
    client_port: Port | None = None
    quorum_port: Port | None = None
    election_port: Port | None = None
    myid_file: StrictStr | None = None
    unset: list[StrictStr] = Field(default_factory=list)
    coord: Settings = Field(default_factory=dict)


class Cluster(_Model):
    """One HA cluster: ``name`` (``ha.cluster_name``; left out: the key is not written, Neo4j
    uses ``neo4j.ha``), the Neo4j ``release``, the ``zookeeper`` profile of its coordinators,
    and its members."""

    name: StrictStr | None = None
    release: Release = "1.8"
    zookeeper: ZooKeeper = "3.3"
    databases: list[Database] = Field(default_factory=list, alias="database")
    coordinators: list[Coordinator] = Field(default_factory=list, alias="coordinator")

    def database(self, name: str) -> Database:
        """The database member ``name``; KeyError when there is none."""
        for member in self.databases:
            if member.name == name:
                return member
        raise KeyError(name)

    def coordinator(self, name: str) -> Coordinator:
        """The coordinator member ``name``; KeyError when there is none."""
        for member in self.coordinators:
            if member.name == name:
                return member
        raise KeyError(name)


class Description(_Model):
    """Every cluster of one tree. Load it with ``load``/``loads``, save it with ``dump``/
    ``dumps``; change it with the day-2 functions of ``neoha_config.provision.day2``."""

    clusters: list[Cluster] = Field(default_factory=list, alias="cluster")

    def members(self) -> Iterator[tuple[Cluster, Database | Coordinator]]:
        """Every (cluster, member) pair, databases first within each cluster."""
        for cluster in self.clusters:
            for db in cluster.databases:
                yield cluster, db
            for coordinator in cluster.coordinators:
                yield cluster, coordinator

    def cluster_of(self, name: str) -> Cluster:
        """The cluster holding a member called ``name``; KeyError when none does."""
        for cluster, member in self.members():
            if member.name == name:
                return cluster
        raise KeyError(name)

    def to_data(self) -> dict[str, Any]:
        """The description as TOML-ready data: fields left at their default are left out."""
        data: dict[str, Any] = self.model_dump(by_alias=True, exclude_defaults=True)
        for cluster, item in zip(self.clusters, data.get("cluster", []), strict=True):
            # The release and profile are always spelled out: a reader should not need defaults.
            head = {k: item.pop(k) for k in ("name",) if k in item}
            head |= {"release": cluster.release, "zookeeper": cluster.zookeeper}
            rest = {k: v for k, v in item.items() if k not in {"release", "zookeeper"}}
            item.clear()
            item.update(head | rest)
        return data


# --- reading ----------------------------------------------------------------------------------

_HEADER_LINE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def _key_name(raw: str) -> str:
    if raw.startswith('"'):
        parsed: dict[str, Any] = tomllib.loads(f"{raw} = 0")
        return next(iter(parsed))
    return raw.strip("'")


def _line_index(text: str) -> dict[tuple[str | int, ...], int]:
    """Where each table and key of a description sits: a location path -> 1-based line.

    The paths use the TOML names with array indices (``("cluster", 0, "database", 1,
    "web_port")``), as pydantic reports them; tables written as inline tables or dotted keys
    are located at their first line only.
    """
    index: dict[tuple[str | int, ...], int] = {}
    counters: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    for lineno, line in enumerate(text.splitlines(), 1):
        header = _HEADER_LINE.match(line)
        if header is not None and not _KEY_LINE.match(line):
            parts = [p.strip().strip('"') for p in header.group(2).split(".")]
            path: list[str | int] = []
            for depth, part in enumerate(parts):
                path.append(part)
                last = depth == len(parts) - 1
                if last and header.group(1) == "[[":
                    n = counters.get(tuple(path), -1) + 1
                    counters[tuple(path)] = n
                    path.append(n)
                elif not last:
                    current_index = counters.get(tuple(path))
                    if current_index is not None:
                        path.append(current_index)
            current = tuple(path)
            index.setdefault(current, lineno)
            continue
        match = _KEY_LINE.match(line)
        if match is not None:
            try:
                name = _key_name(match.group(1))
            except tomllib.TOMLDecodeError:
                continue
            index.setdefault((*current, name), lineno)
    return index


def _locate(index: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    for end in range(len(loc), -1, -1):
        line = index.get(tuple(loc[:end]))
        if line is not None:
            return line
    return None


def _describe(loc: tuple[str | int, ...], data: Any) -> str:
    """A reader's name for a location: ``cluster 1, database 'db2', web_port``."""
    words: list[str] = []
    node = data
    i = 0
    while i < len(loc):
        part = loc[i]
        nxt = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(nxt, int) and isinstance(node, dict) and isinstance(node.get(part), list):
            items = node[part]
            item = items[nxt] if nxt < len(items) else None
            label = item.get("name") if isinstance(item, dict) else None
            words.append(f"{part} {label!r}" if isinstance(label, str) else f"{part} {nxt + 1}")
            node = item
            i += 2
            continue
        words.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
        i += 1
    return ", ".join(words) if words else "the description"


class DescriptionError(NeohaConfigError):
    """Mistakes in a cluster description; ``problems`` holds one ``path:line: message`` each,
    and ``line``/``key`` locate the first."""

    def __init__(
        self, text: str, problems: list[str], *, path: str, line: int | None, key: str | None
    ) -> None:
        super().__init__(text, path=path, line=line, key=key)
        self.problems = problems

    def __str__(self) -> str:
        return self.message  # every problem already names its place


class _Problems:
    def __init__(self, path: str, text: str, data: Any) -> None:
        self.path = path
        self.index = _line_index(text)
        self.data = data
        self.items: list[tuple[int | None, str, str | None]] = []

    def add(self, loc: tuple[str | int, ...], message: str, key: str | None = None) -> None:
        self.items.append(
            (_locate(self.index, loc), f"{_describe(loc, self.data)}: {message}", key)
        )

    def raise_any(self) -> None:
        if not self.items:
            return
        self.items.sort(key=lambda item: (item[0] or 0, item[1]))
        lines = [
            f"{self.path}:{line}: {msg}" if line else f"{self.path}: {msg}"
            for line, msg, _ in self.items
        ]
        first_line, _, first_key = self.items[0]
        count = len(self.items)
        text = lines[0] if count == 1 else f"{count} mistakes in the cluster description:\n"
        if count > 1:
            text += "\n".join(lines)
        raise DescriptionError(text, lines, path=self.path, line=first_line, key=first_key)


def _pydantic_message(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "model_type":
        return f"must be a table, not {error.get('input')!r}"
    if kind == "list_type":
        return f"must be an array of tables ([[...]]), not {error.get('input')!r}"
    if kind == "dict_type":
        return f'must be a table of key = "value" lines, not {error.get("input")!r}'
    if kind in {"string_type", "int_type", "literal_error", "bool_type"}:
        return f"{error['msg']}, not {error.get('input')!r}"
    return str(error["msg"])


def loads(text: str, *, path: str = "cluster.toml") -> Description:
    """Read a description from TOML ``text``; ``path`` names it in errors.

    Raises NeohaConfigError listing every mistake, each with ``path:line`` where the line is
    known: TOML syntax, unknown fields, wrong types, bad hosts and ports, duplicate names and
    ids, and settings that do not fit the release.
    """
    if not isinstance(text, str):
        raise TypeError(f"a description is TOML text, not {type(text).__name__}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(found.group(1)) if found else None
        column = int(found.group(2)) if found else None
        raise NeohaConfigError(
            f"not valid TOML: {exc}", path=path, line=line, column=column
        ) from None
    problems = _Problems(path, text, data)
    try:
        description = Description.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = next((str(p) for p in reversed(loc) if isinstance(p, str)), None)
            problems.add(loc, _pydantic_message(error), key)
        problems.raise_any()
        raise AssertionError("unreachable") from None  # pragma: no cover
    for loc, message in validate(description):
        problems.add(loc, message)
    problems.raise_any()
    return description


def load(path: str | Path) -> Description:
    """Read the description file at ``path`` (UTF-8 TOML); NeohaConfigError when it cannot be
    read or holds mistakes (see ``loads``)."""
    target = Path(path)
    try:
        with os_errors("read", target):
            text = target.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NeohaConfigError(f"not UTF-8 text: {exc.reason}", path=str(target)) from exc
    return loads(text, path=str(target))


def dumps(description: Description) -> str:
    """The description as TOML text, with a comment that says how to use it. ``loads`` reads
    it back equal; the text holds no time or version, so the same description writes the
    same bytes."""
    if not isinstance(description, Description):
        raise TypeError(f"expected a Description, not {type(description).__name__}")
    problems = list(validate(description))
    if problems:
        loc, message = problems[0]
        raise NeohaConfigError(f"{_describe(loc, description.to_data())}: {message}")
    return tomlwrite.dumps(description.to_data(), comment=HEADER)


def dump(description: Description, path: str | Path) -> None:
    """Write the description to ``path`` atomically (``atomic.write_atomic``)."""
    from neoha_config import atomic

    text = dumps(description)
    with os_errors("write", path):
        atomic.write_atomic(Path(path), text.encode("utf-8"))


# --- cross-field rules ------------------------------------------------------------------------


def _check_name(name: str) -> str | None:
    pure = PurePosixPath(name)
    if not name or name != name.strip() or "\\" in name:
        return f"home name {name!r} must be a relative directory path without blanks around it"
    if pure.is_absolute() or any(part in {"", ".", ".."} for part in name.split("/")):
        return f"home name {name!r} must be a relative path inside the tree, without '.' or '..'"
    if any(part.startswith(".") for part in pure.parts):
        return f"home name {name!r} names a hidden directory, which check never reads"
    return None


def _check_host(host: str | None) -> str | None:
    if host is None:
        return None
    if not is_valid_host(host):
        return f"host {host!r} is not a valid host name or address"
    if ":" in host:
        return f"host {host!r} is an IPv6 address, which Neo4j 1.x cannot parse; use a host name"
    return None


Problem = tuple[tuple[str | int, ...], str]


def validate(description: Description) -> Iterator[Problem]:
    """The mistakes pydantic cannot see, as (location path, message): names, hosts, ids and
    settings. Empty for a good description."""
    db_names: dict[str, int] = {}
    coord_names: dict[str, int] = {}
    unnamed = 0
    for ci, cluster in enumerate(description.clusters):
        at: tuple[str | int, ...] = ("cluster", ci)
        if cluster.name is None:
            unnamed += 1
            if unnamed == 2:
                yield at, "a second cluster without a name: name them (ha.cluster_name)"
        elif not re.match(CLUSTER_NAME_PATTERN, cluster.name):
            yield (
                (*at, "name"),
                f"cluster name {cluster.name!r} must be letters, digits, '.', '-' or '_'",
            )
        ids: dict[int, str] = {}
        for di, db in enumerate(cluster.databases):
            here: tuple[str | int, ...] = (*at, "database", di)
            yield from _member_common(here, db.name, db.host, db_names, di)
            yield from _database_problems(here, db, ids)
        coord_ids: dict[int, str] = {}
        for ki, coordinator in enumerate(cluster.coordinators):
            here = (*at, "coordinator", ki)
            yield from _member_common(here, coordinator.name, coordinator.host, coord_names, ki)
            yield from _coordinator_problems(here, coordinator, coord_ids)


def _database_problems(
    here: tuple[str | int, ...], db: Database, ids: dict[int, str]
) -> Iterator[Problem]:
    if db.id is not None:
        if db.id in ids:
            yield (*here, "id"), f"id {db.id} is also the id of {ids[db.id]!r}"
        ids.setdefault(db.id, db.name)
    legacy_names = ", ".join(sorted(facts.LEGACY_NAMES))
    for legacy in db.legacy_keys:
        if legacy not in facts.LEGACY_NAMES:
            yield (
                (*here, "legacy_keys"),
                f"{legacy!r} is not a pre-1.5 key name ({legacy_names} are)",
            )
    for key in db.unset:
        if key not in DATABASE_DERIVED and key not in SERVER_DERIVED:
            yield (
                (*here, "unset"),
                f"{key!r} is not a derived key; delete it from the settings instead",
            )
    for key in db.neo4j:
        if key.startswith(names.SERVER_PREFIX):
            yield (*here, "neo4j", key), f"{key!r} is a server setting: put it in the server table"


def _coordinator_problems(
    here: tuple[str | int, ...], coordinator: Coordinator, ids: dict[int, str]
) -> Iterator[Problem]:
    if coordinator.id in ids:
        yield (*here, "id"), f"id {coordinator.id} is also the id of {ids[coordinator.id]!r}"
    ids.setdefault(coordinator.id, coordinator.name)
    for key in coordinator.unset:
        if key not in COORD_DERIVED and not key.startswith("server."):
            yield (*here, "unset"), f"{key!r} is not a derived key; delete it from coord instead"
    if coordinator.myid_file is not None:
        problem = _check_name(coordinator.myid_file)
        if problem:
            yield (*here, "myid_file"), problem.replace("home name", "myid_file")


def _member_common(
    here: tuple[str | int, ...], name: str, host: str | None, seen: dict[str, int], index: int
) -> Iterator[Problem]:
    problem = _check_name(name)
    if problem:
        yield (*here, "name"), problem
    if name in seen:
        yield (*here, "name"), f"two members of one kind are called {name!r}"
    seen.setdefault(name, index)
    problem = _check_host(host)
    if problem:
        yield (*here, "host"), problem
