"""Loading nodes: each file read once into a document, a model and facts (one file: the loader)."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Location
from neoha_config.discovery import Exclude, display_path, node_at, node_dirs, relative_inside
from neoha_config.errors import NeohaConfigError
from neoha_config.names import COORD_DATA_DIR, LOCATION_KEY, RAW_SERVER_KEYS, TUNING_KEY
from neoha_config.reading import Confinement, read_bytes
from neoha_config.records import dataclass
from neoha_config.tree import FileRole, LogFile, Node, SourceFile, Tree

if TYPE_CHECKING:
    from neoha_config.cache import NodeCache, Probe
    from neoha_config.commons import Occurrence
    from neoha_config.discovery import Walk
    from neoha_config.models.shapes import SettingsView, Shape
    from neoha_config.properties import Document, Entry

PROPERTIES_ROLES = (FileRole.SERVER, FileRole.DATABASE, FileRole.COORD, FileRole.MISNAMED_SERVER)


@dataclass(slots=True)
class LoadedTree(Tree):
    """A Tree plus what file arguments selected.

    ``selected`` holds the display paths of the nodes that contain a file named on the command
    line; None means every node was asked for (directory arguments only).
    """

    selected: frozenset[str] | None = None


# --- loading one node -----------------------------------------------------------------------


def _source(
    role: FileRole, path: Path, display: str, data: bytes | None, error: str | None = None
) -> SourceFile:
    """A file as read: its bytes (or why it could not be read) and, for a properties file,
    its document."""
    source = SourceFile(role=role, path=path, display=display, data=data, error=error)
    if data is not None and role in PROPERTIES_ROLES:
        from neoha_config.properties import parse

        source.document = parse(data)
    return source


def _read_source(
    role: FileRole, path: Path, cwd: Path, confinement: Confinement | None = None
) -> SourceFile:
    data, error = read_bytes(path, confinement)
    return _source(role, path, display_path(path, cwd), data, error)


Exists = Callable[[Path | str], bool]


def _exists(path: Path | str) -> bool:
    try:
        return os.path.lexists(path)
    except ValueError:  # a NUL byte in a configured path names no file
        return False


class _Recorder:
    """An ``exists`` that records every path a node's load looks at with what was found
    (``cache.signature``): the load depends on those paths and nothing else."""

    def __init__(self) -> None:
        self.probes: list[Probe] = []

    def exists(self, path: Path | str) -> bool:
        from neoha_config.cache import signature

        text = os.fspath(path)
        sig = signature(text)
        self.probes.append((text, sig))
        return sig is not None


def _settings(node: Node, role: FileRole, shape: Shape) -> SettingsView | None:
    source = node.files.get(role)
    if source is None or source.document is None:
        return None
    from neoha_config.models.shapes import read_document

    view, issues = read_document(shape, source.document, source.display)
    if issues:
        node.value_issues[role] = list(issues)
    return view


def _server_settings(node: Node) -> SettingsView | None:
    """The server file's settings as the server reads them: Commons Configuration's first value
    of each key, trimmed (``commons``), except the keys the preflight reads raw, last one
    winning."""
    source = node.files.get(FileRole.SERVER)
    if source is None or source.document is None or source.data is None:
        return None
    from neoha_config.commons import read
    from neoha_config.models.shapes import SERVER, read_settings

    reading = source.commons = read(source.data)
    document = source.document
    items: dict[str, str] = {}
    if reading.failure is None:  # a refused file gives the server none of its settings
        for key in reading.keys():  # noqa: SIM118 (a Reading, not a dict)
            value = reading.get_string(key)
            if key in RAW_SERVER_KEYS or value is None:
                continue
            items[key] = value
    for key in RAW_SERVER_KEYS:
        entry = document.get(key)
        if entry is not None:
            items[key] = entry.value
    view, issues = read_settings(SERVER, items, _ServerLocations(source, tuple(items)))
    if issues:
        node.value_issues[FileRole.SERVER] = list(issues)
    return view


class _ServerLocations(Mapping[str, Location]):
    """Where the server read each of ``keys``: the first line of a key Commons Configuration
    reads, the winning line of a key the preflight reads raw (``RAW_SERVER_KEYS``). Each
    Location is made when asked for: a check asks for few."""

    __slots__ = ("_keys", "_source")

    def __init__(self, source: SourceFile, keys: tuple[str, ...]) -> None:
        self._source = source
        self._keys = keys

    def __getitem__(self, key: str) -> Location:
        if key not in self._keys:
            raise KeyError(key)
        source = self._source
        found: Entry | Occurrence | None = None
        if key in RAW_SERVER_KEYS:
            found = source.document.get(key) if source.document is not None else None
        elif source.commons is not None:
            found = next(iter(source.commons.occurrences_of(key)), None)
        if found is None:  # pragma: no cover - every key was read from one of the two
            raise KeyError(key)
        return Location(source.display, found.line, found.column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f"_ServerLocations({dict(self)!r})"


def interpret(node: Node, role: FileRole) -> None:
    """Build what the rules read from the node's ``role`` file, once: the model (invalid values
    to ``value_issues``), and for ``coord.cfg`` the facts ZooKeeper reads; for ``myid`` the id.
    A file that was not read gives nothing. Never raises on file contents.

    The settings are views (``models.shapes``), which need no pydantic; ``materialize`` turns
    them into the pydantic models."""
    from neoha_config.models import shapes

    if role is FileRole.SERVER:
        node.server = _server_settings(node)  # type: ignore[assignment]
    elif role is FileRole.DATABASE:
        node.database = _settings(node, role, shapes.DATABASE)  # type: ignore[assignment]
    elif role is FileRole.COORD:
        node.coord = _settings(node, role, shapes.COORD)  # type: ignore[assignment]
        source = node.files[role]
        if source.document is not None:
            from neoha_config.models.coordfacts import CoordFacts

            node.coord_facts = CoordFacts.read(source.document, source.display)
    elif role is FileRole.MYID:
        data = node.files[role].data
        if data is None:
            return
        from neoha_config.models.plain import myid_first_line, myid_value

        node.myid_line = first = myid_first_line(data)
        try:
            node.myid = shapes.MyIdView(myid_value(first))  # type: ignore[assignment]
        except ValueError as exc:
            node.value_issues[role] = [shapes.ValueIssue("myid", first or "", str(exc))]


def materialize(node: Node) -> None:
    """Replace the node's settings views by their pydantic models (imports pydantic)."""
    from neoha_config.models.shapes import MyIdView, SettingsView

    for name in ("server", "database", "coord", "myid"):
        found = getattr(node, name)
        if isinstance(found, SettingsView | MyIdView):
            setattr(node, name, found.model())


_ORDER = (
    FileRole.SERVER,
    FileRole.DATABASE,
    FileRole.COORD,
    FileRole.MISNAMED_SERVER,
    FileRole.MYID,
)


def node_from_files(
    name: str,
    files: Mapping[FileRole, bytes | str],
    *,
    layout: str = "home",
    myid_preferred: bool = True,
    models: bool = True,
) -> Node:
    """A node loaded from file contents in memory, as ``load_node`` loads one from disk.

    ``files`` maps roles to contents (``str`` is encoded as ISO-8859-1, as the JVM reads it).
    Display paths are those of a home named ``name`` (``name/conf/neo4j.properties``,
    ``name/data/coordinator/myid``), or of a flat node. Reads nothing from disk; no logs.
    ``models=False`` leaves the settings as the checker's views (``models.shapes``).
    """
    node = Node(name=name, path=Path(name), display=name, layout=layout)
    node.myid_preferred = myid_preferred
    for role in _ORDER:
        if role not in files:
            continue
        content = files[role]
        data = content.encode("latin-1") if isinstance(content, str) else bytes(content)
        if role is FileRole.MYID:
            where = posixpath.join(name, COORD_DATA_DIR, role.value)
        elif layout == "home":
            where = posixpath.join(name, "conf", role.value)
        else:
            where = posixpath.join(name, role.value)
        node.files[role] = _source(role, Path(where), where, data)
        interpret(node, role)
    if models:
        materialize(node)
    return node


def _raw(source: SourceFile | None, key: str) -> str | None:
    """The winning raw value of ``key`` in a properties file, or None."""
    if source is None or source.document is None:
        return None
    entry = source.document.get(key)
    return None if entry is None else entry.value


def _tuning_file(node_dir: Path, layout: str, value: str, exists: Exists = _exists) -> Path | None:
    """The database file ``org.neo4j.server.db.tuning.properties`` names, if it is in the node.

    The value is resolved against NEO4J_HOME as Neo4j does (raw: a trailing blank is part of the
    name). A flat node keeps every file in one directory, so there the file's base name is tried
    too. An absolute path names a file on the deployed machine: it is the node's own file when
    it plainly ends with that file's path in the node (``/opt/neo4j/conf/neo4j.properties``
    names ``conf/neo4j.properties``; in a flat node, ``/etc/neo4j/neo4j.properties`` names
    ``neo4j.properties``), and no file otherwise. A path leaving the node names none.
    """
    from neoha_config.places import is_absolute, own_suffixes

    if not value:
        return None
    if is_absolute(value):
        shortest = 1 if layout == "flat" else 2
        for candidate in own_suffixes(node_dir, value, shortest=shortest):
            if _exists(candidate):
                return candidate
        return None
    rel = posixpath.normpath(value.replace("\\", "/"))
    if rel == ".." or rel.startswith("../") or rel == ".":
        return None
    candidate = node_dir / rel
    if exists(candidate):
        return candidate
    if layout == "flat":
        flat = node_dir / posixpath.basename(rel)
        if exists(flat):
            return flat
    return None


def _myid_candidates(node_dir: Path, data_dir: str | None) -> tuple[list[str], bool]:
    """Where ``myid`` is looked up, in order, and whether the first place is ZooKeeper's own.

    An absolute ``dataDir`` names a directory of the deployed machine: its ``myid`` is the
    node's when the path plainly ends with a directory of the node (``/var/lib/neo4j/data/
    coordinator`` names ``data/coordinator``), or the ``myid`` beside the node's files; the
    stock ``data/coordinator/myid`` is no stand-in for another directory.
    """
    from neoha_config.places import is_absolute, own_suffixes

    places: list[str] = []
    home = os.fspath(node_dir)
    if data_dir and is_absolute(data_dir):
        target = data_dir.rstrip("/\\") + "/myid"
        places.extend(os.fspath(p) for p in own_suffixes(node_dir, target, shortest=2))
        places.append(os.path.join(home, "myid"))
        return places, False
    relative = bool(data_dir)
    if relative and data_dir:
        places.append(os.path.join(home, data_dir, "myid"))
    places.append(os.path.join(home, "myid"))
    places.append(os.path.join(home, COORD_DATA_DIR, "myid"))
    return places, relative


def _same(a: str | Path, b: str | Path) -> bool:
    return os.path.normpath(a) == os.path.normpath(b)


def load_node(
    node_dir: Path,
    *,
    name: str,
    layout: str,
    cwd: Path,
    include_logs: bool = True,
    confinement: Confinement | None = None,
    exists: Exists = _exists,
) -> Node:
    """Read and load one node: its files, documents, models, ``myid`` and logs.

    ``layout`` is ``home`` (files under ``conf/``) or ``flat`` (files in ``node_dir``). Unreadable
    files keep their ``error`` (NHA001) and give no model; invalid values go to
    ``value_issues``. With ``confinement``, a file whose real path leaves its roots is not read
    (NHA001 says why, quoting nothing of it), and logs outside them are not read either. Never
    raises on file contents.
    """
    from neoha_config.catalogue.parsers import java_trim

    node = Node(name=name, path=node_dir, display=display_path(node_dir, cwd), layout=layout)
    conf = node_dir / "conf" if layout == "home" else node_dir
    conf_text = os.fspath(conf)
    for role in (FileRole.SERVER, FileRole.COORD, FileRole.MISNAMED_SERVER):
        candidate = os.path.join(conf_text, role.value)  # a string: most candidates are absent
        if exists(candidate):
            node.files[role] = _read_source(role, Path(candidate), cwd, confinement)
            interpret(node, role)

    tuning = _raw(node.files.get(FileRole.SERVER), TUNING_KEY)
    database_path: Path | None
    if tuning is not None:
        database_path = _tuning_file(node_dir, layout, tuning, exists)
    else:
        database_path = conf / FileRole.DATABASE.value
        if not exists(database_path):
            database_path = None
    if database_path is not None:
        node.files[FileRole.DATABASE] = _read_source(
            FileRole.DATABASE, database_path, cwd, confinement
        )
        interpret(node, FileRole.DATABASE)

    data_dir = node.coord.data_dir if node.coord is not None else None
    if data_dir is None:
        data_dir = _raw(node.files.get(FileRole.COORD), "dataDir")
    data_dir = java_trim(data_dir) if data_dir else None  # ZooKeeper trims every value
    places, relative = _myid_candidates(node_dir, data_dir)
    for index, place in enumerate(places):
        if not exists(place):
            continue
        node.files[FileRole.MYID] = _read_source(FileRole.MYID, Path(place), cwd, confinement)
        node.myid_preferred = not (relative and index > 0 and not _same(place, places[0]))
        interpret(node, FileRole.MYID)
        break

    if include_logs and node.is_database:
        location = _raw(node.files.get(FileRole.SERVER), LOCATION_KEY)
        node.logs = _find_logs(node_dir, node.display, location, confinement)
    return node


def _find_logs(
    home: Path, display: str, location: str | None, confinement: Confinement | None
) -> list[LogFile]:
    from neoha_config.logs import find_logs

    if confinement is None:
        return find_logs(home, display, location)
    # A log outside the checked roots (``../../x``, a symlink) is not read.
    return find_logs(home, display, location, lambda path: confinement.check(path) is None)


# --- the tree ----------------------------------------------------------------------------------


def _files_of(node: Node) -> Iterable[Path]:
    yield from (f.path for f in node.files.values())
    yield from (log.path for log in node.logs)


def _real(path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(path))


def _identity(directory: Path | str) -> object:
    """What makes two paths one directory: its device and inode (one ``stat``, where a real
    path costs one ``lstat`` per path component), or its real path when it cannot be read."""
    try:
        st = os.stat(directory)
    except OSError:
        return _real(directory)
    return (st.st_dev, st.st_ino)


def argument_path(raw: str | os.PathLike[str], here: Path) -> Path:
    """A command-line path, absolute and normalized (relative ones are taken from ``here``).
    Raises ``NeohaConfigError`` (a usage error) when nothing is there."""
    path = Path(os.path.normpath(Path(here, raw)))
    if not os.path.lexists(path):
        raise NeohaConfigError("no such file or directory", path=display_path(path, here))
    return path


def directory_nodes(
    dirs: Iterable[Path],
    here: Path,
    skip: Exclude | None,
    unplaced: list[tuple[str, str]],
    unlisted: list[tuple[str, str]],
    *,
    walk: Walk | None = None,
) -> list[tuple[str, str, str]]:
    """The nodes under directory arguments as (node directory, layout, name), each node once
    (by the directory's identity), the name relative to the argument it was found under. A
    directory with no node goes to ``unplaced``, one that cannot be listed to ``unlisted``;
    ``walk`` spares listing the directories that did not change (``discovery.Walk``)."""
    seen: set[object] = set()
    out: list[tuple[str, str, str]] = []
    dirs = list(dirs)
    for directory in dirs:
        nodes = node_dirs(directory, exclude=skip, cwd=here, unlisted=unlisted, walk=walk)
        if not nodes:
            shown = display_path(directory, here)
            unplaced.append(
                (
                    shown,
                    f"no Neo4j HA node found under {shown!r}: no directory holds "
                    "conf/neo4j-server.properties, conf/neo4j.properties, conf/coord.cfg "
                    "or myid",
                )
            )
        for node_dir, layout in nodes:
            if len(dirs) > 1:  # one search finds each directory once; several may meet
                key = _identity(node_dir)
                if key in seen:
                    continue
                seen.add(key)
            out.append((node_dir, layout, _name(node_dir, os.fspath(directory), here)))
    return out


def _name(node_dir: str, directory: str, here: Path) -> str:
    """A node's name: its path relative to the directory argument it was found under."""
    inside = relative_inside(node_dir, directory)  # what the search finds (both normalized)
    if inside is not None:
        return inside
    rel = os.path.relpath(node_dir, directory).replace(os.sep, "/")
    return rel if not rel.startswith("..") else display_path(node_dir, here)


def unlisted_places(unlisted: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``Tree.unplaced`` lines of directories that could not be listed, each once."""
    return [
        (shown, f"{shown!r} cannot be listed ({why}): no node under it is checked")
        for shown, why in dict.fromkeys(unlisted)
    ]


def load_tree(
    paths: Sequence[str | os.PathLike[str]],
    *,
    exclude: Exclude | Sequence[str] = (),
    include_logs: bool = True,
    cwd: Path | str | None = None,
    cache: NodeCache | None = None,
    models: bool = True,
) -> LoadedTree:
    """Find and load every node under ``paths`` (directories and files), as SPEC §2 says.

    Each node's ``server``, ``database``, ``coord`` and ``myid`` are the pydantic models;
    ``models=False`` leaves them as the views the checker reads (``models.shapes``: the same
    fields and properties, no pydantic).

    Directory arguments are searched for nodes (each named by its path relative to the
    argument, ``.`` for the argument itself). File arguments load every node under ``cwd`` and
    select those containing a named file (``LoadedTree.selected``); a named file in no node, and
    a directory with no node, are recorded in ``Tree.unplaced`` (NHA007). ``exclude`` is a predicate
    over display paths, or globs relative to ``cwd``. ``cwd`` defaults to the current directory;
    display paths are relative to it.

    With a ``cache``, file arguments load only the nodes they select, the other nodes of their
    HA clusters and ensembles, and the nodes those share a host or a cluster name with (the
    findings about the selected nodes are the same as with every node loaded): the grouping
    facts of the other nodes come from the cache, or from loading them once to fill it.

    Raises ``NeohaConfigError`` (a usage error) for a path that does not exist.
    """
    here = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    skip = _exclude_predicate(exclude, here)
    box = Confinement.for_arguments(paths, cwd=here)
    tree = LoadedTree()
    loaded: dict[object, Node] = {}  # the node directory's identity -> node

    def add(node_dir: Path, layout: str, name: str) -> Node:
        key = _identity(node_dir)
        node = loaded.get(key)
        if node is None:
            node = load_node(
                node_dir,
                name=name,
                layout=layout,
                cwd=here,
                include_logs=include_logs,
                confinement=box,
            )
            loaded[key] = node
            tree.nodes.append(node)
        return node

    dirs: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        path = argument_path(raw, here)
        (dirs if path.is_dir() else files).append(path)

    explicit: set[str] = set()
    unlisted: list[tuple[str, str]] = []
    for where, kind, name in directory_nodes(dirs, here, skip, tree.unplaced, unlisted):
        explicit.add(add(Path(where), kind, name).display)

    if files:
        walk = cache.walk() if cache is not None and not dirs else None
        found = node_dirs(here, exclude=skip, cwd=here, unlisted=unlisted, walk=walk)
        if walk is not None and cache is not None:
            cache.keep_walk(walk, [here])
        narrowed = (
            _narrow(found, files, here, skip, cache, box=box, dirs_given=bool(dirs))
            if cache is not None
            else None
        )
        if narrowed is not None:
            wanted, light = narrowed
            for text, layout in found:
                if text not in wanted:
                    continue
                node = light.get(text)
                node_dir = Path(text)
                if node is None:
                    add(node_dir, layout, display_path(node_dir, here))
                    continue
                key = _identity(node_dir)
                if key in loaded:
                    continue
                if include_logs:  # it was loaded without them
                    add_logs(node, box)
                loaded[key] = node
                tree.nodes.append(node)
        else:
            for text, layout in found:
                add(Path(text), layout, display_path(text, here))
        selected: set[str] = set(explicit)
        owners = _owners(tree.nodes)
        for file in files:
            if skip is not None and skip(display_path(file, here)):
                continue  # pre-commit passes every changed file; excluded ones are not ours
            node = owners.get(_real(file))
            if node is None:
                # A file outside the current directory: its own directory may still be a node.
                guess = node_at(file.parent)
                if guess is not None:
                    candidate = add(guess[0], guess[1], display_path(guess[0], here))
                    node = _owners([candidate]).get(_real(file))
            if node is None:
                shown = display_path(file, here)
                tree.unplaced.append(
                    (shown, f"{shown!r} belongs to no Neo4j HA node, so it is not checked")
                )
                continue
            selected.add(node.display)
        tree.selected = frozenset(selected)
    tree.unplaced.extend(unlisted_places(unlisted))
    if models:
        for node in tree.nodes:
            materialize(node)
    return tree


def load_recorded(
    node_dir: Path, layout: str, cwd: Path, confinement: Confinement, *, name: str | None = None
) -> tuple[Node, list[Probe]]:
    """Load a node without logs, recording every path the load looked at (``name`` defaults
    to the display path)."""
    recorder = _Recorder()
    node = load_node(
        node_dir,
        name=display_path(node_dir, cwd) if name is None else name,
        layout=layout,
        cwd=cwd,
        include_logs=False,
        confinement=confinement,
        exists=recorder.exists,
    )
    return node, recorder.probes


def add_logs(node: Node, confinement: Confinement) -> list[Probe]:
    """Read the logs of a node loaded without them (a database node's); returns what the
    logs found depend on, as probes: the store directory, its ``messages.log``, the logs read."""
    if not node.is_database:
        return []
    from neoha_config.cache import signature
    from neoha_config.logs import looked_at

    location = _raw(node.files.get(FileRole.SERVER), LOCATION_KEY)
    node.logs = _find_logs(node.path, node.display, location, confinement)
    paths = looked_at(node.path, location) + [os.fspath(log.path) for log in node.logs]
    return [(path, signature(path)) for path in dict.fromkeys(paths)]


def _narrow(
    found: Sequence[tuple[str, str]],
    files: Sequence[Path],
    here: Path,
    skip: Exclude | None,
    cache: NodeCache,
    *,
    box: Confinement,
    dirs_given: bool,
) -> tuple[set[str], dict[str, Node]] | None:
    """The node directories a check of ``files`` needs, and the nodes loaded to learn it.

    The named files' nodes, then every node reachable from them through a shared grouping key
    (``cache.link_keys``). None when the answer is not certain from the cache (a named file
    that no cached node reads, or directory arguments besides the files): then every node is
    loaded, as without a cache.
    """
    if dirs_given:
        return None
    light: dict[str, Node] = {}
    keys_of: list[tuple[str, ...]] = []
    by_file: dict[tuple[int, int], list[int]] = {}  # (device, inode) of a file -> its readers
    seen: set[str] = set()
    for index, (node_dir, layout) in enumerate(found):
        entry = cache.get(node_dir, layout)
        if entry is None:
            node, probes = load_recorded(Path(node_dir), layout, here, box)
            keys = tuple(cache.link_keys(node))
            cache.put(node_dir, layout, probes, keys)
            light[node_dir] = node
        else:
            probes, keys = list(entry[0]), entry[1]
        seen.add(cache.key(node_dir, layout))
        keys_of.append(keys)
        for _, sig in probes:
            if sig is not None:
                by_file.setdefault((sig[3], sig[2]), []).append(index)
    cache.forget_missing(seen, os.fspath(here))
    cache.save()

    start: list[int] = []
    for file in files:
        if skip is not None and skip(display_path(file, here)):
            continue
        try:
            st = os.stat(file)
        except (OSError, ValueError):
            return None
        readers = by_file.get((st.st_dev, st.st_ino))
        if not readers:
            return None  # a log, or a file outside every node: the full way decides
        start.extend(readers)  # hard links: every reader; the real path picks the owner

    # Nodes and keys form a graph; the check needs the named nodes' connected components.
    holders: dict[str, list[int]] = {}
    for index, keys in enumerate(keys_of):
        for key in keys:
            holders.setdefault(key, []).append(index)
    reached = set(start)
    todo = list(start)
    done_keys: set[str] = set()
    while todo:
        index = todo.pop()
        for key in keys_of[index]:
            if key in done_keys:
                continue
            done_keys.add(key)
            for other in holders[key]:
                if other not in reached:
                    reached.add(other)
                    todo.append(other)
    wanted = {found[i][0] for i in reached}
    return wanted, {k: v for k, v in light.items() if k in wanted}


def _owners(nodes: Iterable[Node]) -> dict[str, Node]:
    """The node that reads each file, by the file's real path (one pass over the nodes, so
    a hook naming many files does not compare every file with every node)."""
    owners: dict[str, Node] = {}
    for node in nodes:
        for path in _files_of(node):
            owners.setdefault(_real(path), node)
    return owners


def _exclude_predicate(exclude: Exclude | Sequence[str], cwd: Path) -> Exclude | None:
    if callable(exclude):
        return exclude
    globs = tuple(exclude)
    if not globs:
        return None
    from neoha_config.globs import path_matches

    return lambda shown: any(path_matches(g, shown, base=cwd, cwd=cwd) for g in globs)


def documents(tree: Tree) -> Mapping[str, Document]:
    """Every parsed properties document of the tree, by display path."""
    return {
        source.display: source.document
        for node in tree.nodes
        for source in node.files.values()
        if source.document is not None
    }
