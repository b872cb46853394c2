"""Finding nodes under paths, reading their files once, and loading them into models."""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from neoha_config.errors import NeohaConfigError
from neoha_config.tree import FileRole, LogFile, Node, SourceFile, Tree

if TYPE_CHECKING:
    from neoha_config.models.base import SettingsModel
    from neoha_config.properties import Document

MAX_FILE_BYTES = 1 << 20
"""No file is read beyond this many bytes (1 MiB); a larger one is NHA001."""

KNOWN_FILES: dict[str, FileRole] = {role.value: role for role in FileRole}
"""Known file names and their roles; a directory holding one of them is a node."""

PROPERTIES_ROLES = (FileRole.SERVER, FileRole.DATABASE, FileRole.COORD, FileRole.MISNAMED_SERVER)
TUNING_KEY = "org.neo4j.server.db.tuning.properties"
LOCATION_KEY = "org.neo4j.server.database.location"
DEFAULT_TUNING = "conf/neo4j.properties"
COORD_DATA_DIR = "data/coordinator"

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO in a config file's place must not block the open
    | getattr(os, "O_NOCTTY", 0)  # nor may a terminal device become our controlling terminal
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

Exclude = Callable[[str], bool]
M = TypeVar("M", bound="SettingsModel")


@dataclass(slots=True)
class LoadedTree(Tree):
    """A Tree plus what file arguments selected.

    ``selected`` holds the display paths of the nodes that contain a file named on the command
    line; None means every node was asked for (directory arguments only).
    """

    selected: frozenset[str] | None = None
    named_files: tuple[str, ...] = field(default=())


def read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    """Read one file without ever blocking or reading more than ``MAX_FILE_BYTES``.

    Returns ``(data, None)``, or ``(None, reason)`` when the file cannot be read: it vanished,
    is not a regular file (FIFO, device, directory, socket), is larger than 1 MiB, or the system
    refused (permission, symlink loop). Symlinked files are followed. Never raises ``OSError``.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        return None, "it vanished while being read, or is a dangling symlink"
    except OSError as exc:
        return None, exc.strerror or str(exc)
    except ValueError:  # a NUL byte in the path
        return None, "its path holds a NUL byte"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
            return None, f"it is {kind}, not a regular file"
        if st.st_size > MAX_FILE_BYTES:
            return None, f"it is larger than 1 MiB ({st.st_size} bytes)"
        chunks: list[bytes] = []
        size = 0
        # The size may change between fstat and read: never take more than the limit plus one.
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_FILE_BYTES:
            return None, "it is larger than 1 MiB"
        return b"".join(chunks), None
    except OSError as exc:
        return None, exc.strerror or str(exc)
    finally:
        os.close(fd)


def display_path(path: Path | str, cwd: Path) -> str:
    """``path`` relative to ``cwd``, ``/``-separated (``.`` for ``cwd`` itself)."""
    full = os.path.normpath(os.path.join(cwd, path))
    base = os.fspath(cwd)
    if os.path.isabs(base) and base == os.path.normpath(base):
        # The common case, a path under cwd, without relpath's two abspath calls per file.
        if full == base:
            return "."
        prefix = base if base.endswith(os.sep) else base + os.sep
        if full.startswith(prefix):
            return full[len(prefix) :].replace(os.sep, "/")
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:  # another drive on Windows
        rel = full
    return rel.replace(os.sep, "/")


def _join(display: str, *parts: str) -> str:
    return posixpath.normpath(posixpath.join(display, *parts))


def _entries(directory: str | Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(directory) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:  # unreadable or vanished directory: nothing found there
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _known_in(directory: str | Path) -> bool:
    """True when ``directory`` directly holds a known file name (of any file type)."""
    return any(e.name in KNOWN_FILES for e in _entries(directory))


def is_home(directory: str | Path) -> bool:
    """True when ``directory`` has a real (not symlinked) ``conf/`` holding a known file."""
    conf = os.path.join(directory, "conf")
    return os.path.isdir(conf) and not os.path.islink(conf) and _known_in(conf)


def _node_dir(directory: str | Path) -> tuple[Path, str] | None:
    """The node a directory is, as (node directory, layout), or None when it is none."""
    # Strings, not Paths, while searching: most directories visited are not nodes.
    text = os.fspath(directory)
    if is_home(text):
        return Path(text), "home"
    if _known_in(text):
        parent, name = os.path.split(text)
        if name == "conf" and is_home(parent):
            return Path(parent), "home"
        return Path(text), "flat"
    return None


def _excluded_whole(directory: str, exclude: Exclude, cwd: Path) -> bool:
    """True when ``exclude`` skips ``directory`` itself or everything in it (``old/**``)."""
    shown = display_path(directory, cwd)
    # Any child name serves as a probe: a glob that skips it because of the directory it is in
    # (``old``, ``old/**``, ``old/*``) skips every child.
    return exclude(shown) or exclude(posixpath.join(shown, "neoha-config-probe"))


def find_nodes(root: Path, *, exclude: Exclude | None = None, cwd: Path) -> list[tuple[Path, str]]:
    """Every node under the directory ``root``, as (node directory, layout), in path order.

    ``root`` itself may be a node. Other directories are searched recursively; hidden and
    symlinked directories are skipped, and a directory is visited at most once (bind mounts
    and hard-linked directories cannot make the search loop). ``exclude`` is called with each
    directory's display path; a True answer skips it. A ``root`` that is itself excluded was
    named on purpose: it is searched whole.
    """
    found: list[tuple[Path, str]] = []
    seen: set[tuple[int, int]] = set()
    start = os.fspath(root)
    if exclude is not None and _excluded_whole(start, exclude, cwd):
        exclude = None
    stack = [start]
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory)
        except OSError:
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen:
            continue
        seen.add(ident)
        if exclude is not None and directory != start and exclude(display_path(directory, cwd)):
            continue
        node = _node_dir(directory)
        if node is not None:
            found.append(node)
            continue
        subdirs = [e.path for e in _entries(directory) if not e.name.startswith(".") and _is_dir(e)]
        stack.extend(reversed(subdirs))
    return found


# --- loading one node -----------------------------------------------------------------------


def _read_source(role: FileRole, path: Path, cwd: Path) -> SourceFile:
    data, error = read_bytes(path)
    source = SourceFile(
        role=role, path=path, display=display_path(path, cwd), data=data, error=error
    )
    if data is not None and role in PROPERTIES_ROLES:
        from neoha_config.properties import parse

        source.document = parse(data)
    return source


def _exists(path: Path | str) -> bool:
    try:
        return os.path.lexists(path)
    except ValueError:  # a NUL byte in a configured path names no file
        return False


def _model(node: Node, role: FileRole, model_cls: type[M]) -> M | None:
    source = node.files.get(role)
    if source is None or source.document is None:
        return None
    from neoha_config.models.base import model_from_document

    model, issues = model_from_document(model_cls, source.document, source.display)
    if issues:
        node.value_issues[role] = list(issues)
    return model


def _raw(source: SourceFile | None, key: str) -> str | None:
    """The winning raw value of ``key`` in a properties file, or None."""
    if source is None or source.document is None:
        return None
    entry = source.document.get(key)
    return None if entry is None else entry.value


def _tuning_file(node_dir: Path, layout: str, value: str) -> Path | None:
    """The database file ``org.neo4j.server.db.tuning.properties`` names, if it is in the node.

    The value is resolved against NEO4J_HOME as Neo4j does (raw: a trailing blank is part of the
    name). An absolute path or one leaving the node names a file on the deployed machine, not
    in the checked tree. A flat node keeps every file in one directory, so there the file's base
    name is tried too.
    """
    if not value or posixpath.isabs(value) or Path(value).is_absolute():
        return None
    rel = posixpath.normpath(value.replace("\\", "/"))
    if rel == ".." or rel.startswith("../") or rel == ".":
        return None
    candidate = node_dir / rel
    if _exists(candidate):
        return candidate
    if layout == "flat":
        flat = node_dir / posixpath.basename(rel)
        if _exists(flat):
            return flat
    return None


def _myid_candidates(node_dir: Path, data_dir: str | None) -> tuple[list[str], bool]:
    """Where ``myid`` is looked up, in order, and whether the first place is ZooKeeper's own."""
    places: list[str] = []
    relative = bool(data_dir) and not (
        posixpath.isabs(data_dir or "") or Path(data_dir or "").is_absolute()
    )
    home = os.fspath(node_dir)
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
) -> Node:
    """Read and load one node: its files, documents, models, ``myid`` and logs.

    ``layout`` is ``home`` (files under ``conf/``) or ``flat`` (files in ``node_dir``). Unreadable
    files keep their ``error`` (NHA001) and give no model; invalid values go to
    ``value_issues``. Never raises on file contents.
    """
    from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
    from neoha_config.models.base import ValueIssue
    from neoha_config.models.coord import java_trim, myid_first_line

    node = Node(name=name, path=node_dir, display=display_path(node_dir, cwd), layout=layout)
    conf = node_dir / "conf" if layout == "home" else node_dir
    conf_text = os.fspath(conf)
    for role in (FileRole.SERVER, FileRole.COORD, FileRole.MISNAMED_SERVER):
        candidate = os.path.join(conf_text, role.value)  # a string: most candidates are absent
        if _exists(candidate):
            node.files[role] = _read_source(role, Path(candidate), cwd)
    node.server = _model(node, FileRole.SERVER, ServerSettings)

    tuning = _raw(node.files.get(FileRole.SERVER), TUNING_KEY)
    database_path: Path | None
    if tuning is not None:
        database_path = _tuning_file(node_dir, layout, tuning)
    else:
        database_path = conf / FileRole.DATABASE.value
        if not _exists(database_path):
            database_path = None
    if database_path is not None:
        node.files[FileRole.DATABASE] = _read_source(FileRole.DATABASE, database_path, cwd)
    node.database = _model(node, FileRole.DATABASE, DatabaseSettings)
    node.coord = _model(node, FileRole.COORD, CoordConfig)
    coord_source = node.files.get(FileRole.COORD)
    if coord_source is not None and coord_source.document is not None:
        from neoha_config.models.coordfacts import CoordFacts

        node.coord_facts = CoordFacts.read(coord_source.document, coord_source.display)

    data_dir = node.coord.data_dir if node.coord is not None else None
    if data_dir is None:
        data_dir = _raw(node.files.get(FileRole.COORD), "dataDir")
    data_dir = java_trim(data_dir) if data_dir else None  # ZooKeeper trims every value
    places, relative = _myid_candidates(node_dir, data_dir)
    for index, place in enumerate(places):
        if not _exists(place):
            continue
        source = _read_source(FileRole.MYID, Path(place), cwd)
        node.files[FileRole.MYID] = source
        node.myid_preferred = not (relative and index > 0 and not _same(place, places[0]))
        if source.data is not None:
            node.myid_line = first = myid_first_line(source.data)
            try:
                node.myid = MyId.from_first_line(first)
            except ValueError as exc:
                node.value_issues[FileRole.MYID] = [ValueIssue("myid", first or "", str(exc))]
        break

    if include_logs and node.is_database:
        location = _raw(node.files.get(FileRole.SERVER), LOCATION_KEY)
        node.logs = _find_logs(node_dir, node.display, location)
    return node


def _find_logs(home: Path, display: str, location: str | None) -> list[LogFile]:
    from neoha_config.logs import find_logs

    return find_logs(home, display, location)


# --- the tree ----------------------------------------------------------------------------------


def _files_of(node: Node) -> Iterable[Path]:
    yield from (f.path for f in node.files.values())
    yield from (log.path for log in node.logs)


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


def _identity(directory: Path) -> object:
    """What makes two paths one directory: its device and inode (one ``stat``, where a real
    path costs one ``lstat`` per path component), or its real path when it cannot be read."""
    try:
        st = os.stat(directory)
    except OSError:
        return _real(directory)
    return (st.st_dev, st.st_ino)


def load_tree(
    paths: Sequence[str | os.PathLike[str]],
    *,
    exclude: Exclude | Sequence[str] = (),
    include_logs: bool = True,
    cwd: Path | str | None = None,
) -> LoadedTree:
    """Find and load every node under ``paths`` (directories and files), as SPEC §2 says.

    Directory arguments are searched for nodes (each named by its path relative to the
    argument, ``.`` for the argument itself). File arguments load every node under ``cwd`` and
    select those containing a named file (``LoadedTree.selected``); a named file in no node, and
    a directory with no node, are recorded in ``Tree.unplaced`` (NHA007). ``exclude`` is a predicate
    over display paths, or globs relative to ``cwd``. ``cwd`` defaults to the current directory;
    display paths are relative to it.

    Raises ``NeohaConfigError`` (a usage error) for a path that does not exist.
    """
    here = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    skip = _exclude_predicate(exclude, here)
    tree = LoadedTree()
    loaded: dict[object, Node] = {}  # the node directory's identity -> node

    def add(node_dir: Path, layout: str, name: str) -> Node:
        key = _identity(node_dir)
        node = loaded.get(key)
        if node is None:
            node = load_node(
                node_dir, name=name, layout=layout, cwd=here, include_logs=include_logs
            )
            loaded[key] = node
            tree.nodes.append(node)
        return node

    dirs: list[Path] = []
    files: list[Path] = []
    for raw in paths:
        path = Path(here, raw) if not Path(raw).is_absolute() else Path(raw)
        path = Path(os.path.normpath(path))
        if not os.path.lexists(path):
            raise NeohaConfigError("no such file or directory", path=display_path(path, here))
        (dirs if path.is_dir() else files).append(path)

    explicit: set[str] = set()
    for directory in dirs:
        nodes = find_nodes(directory, exclude=skip, cwd=here)
        if not nodes:
            shown = display_path(directory, here)
            tree.unplaced.append(
                (
                    shown,
                    f"no Neo4j HA node found under {shown!r}: no directory holds "
                    "conf/neo4j-server.properties, conf/neo4j.properties, conf/coord.cfg "
                    "or myid",
                )
            )
        for node_dir, layout in nodes:
            rel = os.path.relpath(node_dir, directory).replace(os.sep, "/")
            name = rel if not rel.startswith("..") else display_path(node_dir, here)
            explicit.add(add(node_dir, layout, name).display)

    if files:
        for node_dir, layout in find_nodes(here, exclude=skip, cwd=here):
            add(node_dir, layout, display_path(node_dir, here))
        selected: set[str] = set(explicit)
        owners = _owners(tree.nodes)
        for file in files:
            if skip is not None and skip(display_path(file, here)):
                continue  # pre-commit passes every changed file; excluded ones are not ours
            node = owners.get(_real(file))
            if node is None:
                # A file outside the current directory: its own directory may still be a node.
                guess = _node_dir(file.parent)
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
        tree.named_files = tuple(display_path(f, here) for f in files)
    return tree


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
    from neoha_config.config import path_matches

    return lambda shown: any(path_matches(g, shown, base=cwd, cwd=cwd) for g in globs)


def documents(tree: Tree) -> Mapping[str, Document]:
    """Every parsed properties document of the tree, by display path."""
    return {
        source.display: source.document
        for node in tree.nodes
        for source in node.files.values()
        if source.document is not None
    }
