"""The node cache: what a file-argument check needs to know about nodes it does not check.

A check of named files (the pre-commit hook) checks only the HA clusters and ensembles those
files belong to, but finding them takes the grouping facts of every node under the current
directory. Those facts are kept per node in ``.neoha_cache/`` (as ruff keeps ``.ruff_cache``):

- every path the loader looked at to load the node, each with the file's size, ``mtime_ns``,
  inode, device and type (or None: absent). The node's load depends on nothing else, so an
  entry whose paths all look the same again stands for the node as it is now;
- the node's grouping keys (:func:`link_keys`): the host keys it binds, lists or shares, and
  its ``ha.cluster_name``. Every finding that concerns two nodes concerns two nodes sharing one
  of these keys, so the nodes connected to a named one through shared keys are all a check of
  it needs.

A check of directories keeps the findings too (:class:`Results`), per group of nodes
connected through shared keys: a group whose nodes all look the same, with the same settings,
arguments and current directory, has the same findings, and is not loaded again.

An entry records nothing that was modified in the last two seconds: a file changed again within
one tick of a coarse file-system clock keeps its size and time (git's "racy" entries), so a
fresh file is read every time until it has aged.

The file holds plain data (``marshal``: strings, integers, tuples, None; nothing is executed
when it is read), tagged with a format number and the package version. A file that cannot be
read or does not hold what it should is ignored and rewritten. A run writes to a temporary
file and renames it into place, so concurrent runs never see half a file (the last one wins).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from neoha_config.discovery import Walk
    from neoha_config.tree import Node

__all__ = ["DEFAULT_DIR", "NodeCache", "Probe", "Signature", "fresh", "signature", "unchanged"]

DEFAULT_DIR = ".neoha_cache"
"""The cache directory, relative to the current directory, unless ``cache-dir`` says another."""

_FORMAT = 3
_FILE = "nodes.marshal"
_GITIGNORE = "# Written by neoha-config: the cache is local to this machine.\n*\n"

Signature = tuple[int, int, int, int, int] | None
"""(size, mtime_ns, inode, device, mode) of what a path names, following links (a dangling
link: the link itself); None when nothing is there."""

Probe = tuple[str, Signature]
"""A path the loader looked at, and what it found there."""

Entry = tuple[tuple[Probe, ...], tuple[str, ...]]

Payload = tuple[object, ...]
"""What :mod:`neoha_config.cached` keeps of one group of nodes (it checks the shape)."""

KEPT_RUNS = 4
"""How many sets of findings (settings and arguments) the cache keeps, the newest."""

RACY_NS = 2_000_000_000
"""How recent a modification time makes a probe too fresh to trust (two seconds: FAT's
clock, and many ticks of any other)."""


def signature(path: str) -> Signature:
    """What ``path`` names now; None when nothing (not even a dangling link) is there."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        try:
            st = os.lstat(path)
        except (OSError, ValueError):
            return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev, st.st_mode)


def unchanged(probe: Probe) -> bool:
    """Whether the path of ``probe`` names what it named when the probe was taken."""
    path, sig = probe
    if sig is None:  # most probes find nothing: ask without raising (an exception is slow)
        try:
            return not os.access(path, os.F_OK, follow_symlinks=False)
        except (OSError, ValueError):
            return False
    return signature(path) == sig


def fresh(probes: Iterable[Probe], now: int | None = None) -> bool:
    """True when a probed file or directory was modified less than :data:`RACY_NS` before
    ``now`` (default: the clock now), or after it: its signature may not tell a later change."""
    limit = (time.time_ns() if now is None else now) - RACY_NS
    return any(sig is not None and sig[1] >= limit for _, sig in probes)


def _version() -> str:
    """What the cached facts were made by: the size and modification time of every module of
    this package (any change of the code, an upgrade or an edit, makes the cache new). Cheaper
    than asking the installed metadata for the version, and stricter."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamps: list[str] = []
    pending = [package]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                        pending.append(entry.path)
                    elif entry.name.endswith(".py"):
                        st = entry.stat(follow_symlinks=False)
                        rel = os.path.relpath(entry.path, package)
                        stamps.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            continue
    return "\n".join(sorted(stamps))


class NodeCache:
    """The cached grouping facts of nodes, read from and written to one directory.

    ``directory`` is created (with a ``.gitignore`` holding ``*``) only when something is
    written. ``get`` answers for a node whose every probed path looks as it did; ``put``
    records a node just loaded; ``save`` writes what changed. Nothing here raises ``OSError``:
    a cache that cannot be read is empty, one that cannot be written is skipped.
    """

    def __init__(self, directory: Path, link_keys: Callable[[Node], list[str]]) -> None:
        self.directory = directory
        self.link_keys = link_keys  # what a node meets others by (topology.link_keys)
        self._version = _version()
        self._entries: dict[str, Entry] = {}
        self._results: dict[str, dict[str, Payload]] = {}  # fingerprint -> groups, oldest first
        self._walk: dict[str, Any] = {}  # directory -> what a search saw (discovery.Walk)
        self._dirty = False
        self.hits = 0
        self.misses = 0
        self._read()

    def _read(self) -> None:
        try:
            with open(self.directory / _FILE, "rb") as handle:
                blob = handle.read()
            data = marshal.loads(blob)
        except (OSError, EOFError, ValueError, TypeError):
            return
        if not (
            isinstance(data, tuple)
            and len(data) == 5
            and data[0] == _FORMAT
            and data[1] == self._version
            and isinstance(data[2], dict)
        ):
            return
        self._entries = data[2]  # each entry is checked when it is used
        if isinstance(data[4], dict):
            self._walk = data[4]  # each entry is checked when it is used
        results = data[3]
        if isinstance(results, dict):
            self._results = {
                k: v for k, v in results.items() if isinstance(k, str) and isinstance(v, dict)
            }

    @staticmethod
    def key(node_dir: Path | str, layout: str) -> str:
        """The entry name of the node in ``node_dir`` with ``layout``."""
        return f"{layout}:{os.fspath(node_dir)}"

    def get(
        self, node_dir: Path | str, layout: str
    ) -> tuple[tuple[Probe, ...], tuple[str, ...]] | None:
        """The cached (probes, keys) of a node whose probed paths all look as recorded."""
        entry = self._entries.get(self.key(node_dir, layout))
        if entry is None or not _holds(entry):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(
        self, node_dir: Path | str, layout: str, probes: Iterable[Probe], keys: Iterable[str]
    ) -> None:
        """Record what loading a node looked at and its grouping keys (not when a probed path
        is too fresh to trust: :func:`fresh`)."""
        kept = tuple(probes)
        key = self.key(node_dir, layout)
        if fresh(kept):
            if self._entries.pop(key, None) is not None:
                self._dirty = True
            return
        self._entries[key] = (kept, tuple(keys))
        self._dirty = True

    def walk(self) -> Walk:
        """A search memory holding what earlier searches saw (``discovery.Walk``)."""
        from neoha_config.discovery import Walk

        return Walk(self._walk, time.time_ns() - RACY_NS)

    def keep_walk(self, walk: Walk, roots: Iterable[str | os.PathLike[str]]) -> None:
        """Keep what ``walk`` saw, in place of what was kept of directories under ``roots``."""
        prefixes = tuple(os.path.join(os.fspath(r), "") for r in roots)
        tops = {p[:-1] for p in prefixes}
        kept = {k: v for k, v in self._walk.items() if k not in tops and not k.startswith(prefixes)}
        kept.update(walk.kept)
        if kept != self._walk:
            self._walk = kept
            self._dirty = True

    def results(self, fingerprint: str) -> dict[str, Payload]:
        """The kept findings of node groups, by group key, made under ``fingerprint`` (the
        settings, arguments and current directory); empty when there are none."""
        return self._results.get(fingerprint, {})

    def keep_results(self, fingerprint: str, groups: dict[str, Payload]) -> None:
        """Keep ``groups`` as the findings made under ``fingerprint``, and those of the
        :data:`KEPT_RUNS` - 1 other fingerprints used last."""
        self._results.pop(fingerprint, None)
        self._results[fingerprint] = groups
        for stale in list(self._results)[:-KEPT_RUNS]:
            del self._results[stale]
        self._dirty = True

    def forget_missing(self, seen: set[str], under: str) -> None:
        """Drop entries of nodes below ``under`` that are no longer found (``seen``: keys)."""
        prefix = under.rstrip(os.sep) + os.sep
        for key in [k for k in self._entries if k not in seen]:
            path = key.split(":", 1)[1]
            if path == under or path.startswith(prefix):
                del self._entries[key]
                self._dirty = True

    def save(self) -> None:
        """Write the entries when they changed: to a temporary file, renamed into place."""
        if not self._dirty:
            return
        blob = marshal.dumps((_FORMAT, self._version, self._entries, self._results, self._walk))
        if not self.directory.is_dir() and _read_only(self.directory.parent):
            return  # a directory marked read-only gets no cache, even from root
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            ignore = self.directory / ".gitignore"
            if not ignore.exists():
                _replace(ignore, _GITIGNORE.encode("ascii"))
            _replace(self.directory / _FILE, blob)
        except OSError:
            return  # a read-only checkout still checks; it only cannot remember
        self._dirty = False


def _read_only(directory: Path) -> bool:
    """True when ``directory`` exists and its mode lets nobody write to it (``r-x``): root may
    write there anyway, but the tree's owner said not to."""
    try:
        return os.stat(directory).st_mode & 0o222 == 0
    except OSError:
        return False


def _replace(path: Path, blob: bytes) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(blob)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _holds(entry: Any) -> bool:
    """Whether a cache entry is well formed and every path it probed looks as recorded."""
    try:
        probes, keys = entry
        for probe in probes:
            path, sig = probe
            if type(path) is not str or not unchanged((path, sig)):
                return False
        return type(keys) is tuple and all(type(k) is str for k in keys)
    except (TypeError, ValueError):
        return False
