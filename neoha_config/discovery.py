"""Finding nodes under paths: homes and flat nodes, without following links or looping."""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neoha_config.tree import FileRole

KNOWN_FILES: dict[str, FileRole] = {role.value: role for role in FileRole}
"""Known file names and their roles; a directory holding one of them is a node."""

Exclude = Callable[[str], bool]
"""A predicate over display paths: True skips the directory."""


def display_path(path: Path | str, cwd: Path) -> str:
    """``path`` relative to ``cwd``, ``/``-separated (``.`` for ``cwd`` itself)."""
    full = os.path.normpath(os.path.join(cwd, path))
    base = os.fspath(cwd)
    if os.path.isabs(base) and base == os.path.normpath(base):
        # The common case, a path under cwd, without relpath's two abspath calls per file.
        inside = relative_inside(full, base)
        if inside is not None:
            return inside
    try:
        rel = os.path.relpath(full, cwd)
    except ValueError:  # another drive on Windows
        rel = full
    return rel.replace(os.sep, "/")


def relative_inside(full: str, base: str) -> str | None:
    """``full`` relative to ``base``, ``/``-separated (``.`` for ``base`` itself), when it is
    ``base`` or under it; None otherwise. Both must be normalized: nothing is resolved."""
    if full == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if full.startswith(prefix):
        return full[len(prefix) :].replace(os.sep, "/")
    return None


def _entries(directory: str | Path) -> list[os.DirEntry[str]]:
    return _listing(directory)[0]


def _listing(directory: str | Path) -> tuple[list[os.DirEntry[str]], str | None]:
    """A directory's entries (in no order), or none and why it could not be listed (None when
    it vanished: nothing was there to check)."""
    try:
        with os.scandir(directory) as it:
            return list(it), None
    except FileNotFoundError:
        return [], None
    except OSError as exc:
        return [], exc.strerror or type(exc).__name__


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


def node_at(directory: str | Path) -> tuple[Path, str] | None:
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


def find_nodes(
    root: Path,
    *,
    exclude: Exclude | None = None,
    cwd: Path,
    unlisted: list[tuple[str, str]] | None = None,
) -> list[tuple[Path, str]]:
    """Every node under the directory ``root``, as (node directory, layout), in path order
    (``node_dirs``, with paths)."""
    return [
        (Path(d), layout)
        for d, layout in node_dirs(root, exclude=exclude, cwd=cwd, unlisted=unlisted)
    ]


class Walk:
    """What a search learned of each directory, to search an unchanged one again without
    listing it (the node cache keeps it, ``cache.NodeCache.walk``).

    For each directory listed, by path: its device, inode and ``mtime_ns``, those of its
    ``conf`` subdirectory (or None), and what the listing showed: a home, a flat node, or
    neither with these subdirectories. A directory's modification time changes whenever an
    entry is added, removed or renamed in it, so a directory that looks the same holds the
    same names; ``conf``'s own time covers the files in it. ``known`` holds what an earlier
    search kept; ``kept`` receives what this one saw, except directories modified at or after
    ``settled`` (``mtime_ns``; a later change within the same clock tick would go unseen).
    """

    __slots__ = ("kept", "known", "settled")

    def __init__(self, known: dict[str, Any], settled: int) -> None:
        self.known = known
        self.kept: dict[str, Any] = {}
        self.settled = settled

    def recall(self, directory: str, st: os.stat_result) -> tuple[str, tuple[str, ...]] | None:
        """The (kind, subdirectories) of ``directory`` when it looks as it did, else None."""
        entry = self.known.get(directory)
        if entry is None:
            return None
        try:
            dev, ino, mtime, conf, kind, subdirs = entry
            if (dev, ino, mtime) != (st.st_dev, st.st_ino, st.st_mtime_ns):
                return None
            if conf is not None:
                cst = os.lstat(os.path.join(directory, "conf"))
                if tuple(conf) != (cst.st_dev, cst.st_ino, cst.st_mtime_ns):
                    return None
            if kind not in ("home", "flat", "dirs") or not all(map(_plain_name, subdirs)):
                return None
        except (OSError, TypeError, ValueError):
            return None
        self.kept[directory] = entry
        return kind, tuple(subdirs)

    def note(self, directory: str, st: os.stat_result, kind: str, subdirs: list[str]) -> None:
        """Keep what the listing of ``directory`` showed (not when it is too fresh)."""
        if st.st_mtime_ns >= self.settled:
            return
        conf = None
        try:
            cst = os.lstat(os.path.join(directory, "conf"))
        except OSError:
            cst = None
        if cst is not None and stat.S_ISDIR(cst.st_mode):
            if cst.st_mtime_ns >= self.settled:
                return
            conf = (cst.st_dev, cst.st_ino, cst.st_mtime_ns)
        self.kept[directory] = (st.st_dev, st.st_ino, st.st_mtime_ns, conf, kind, tuple(subdirs))


def _plain_name(name: object) -> bool:
    """A name of an entry of one directory: no separator, not ``.`` or ``..``, not hidden."""
    return (
        isinstance(name, str)
        and bool(name)
        and not name.startswith(".")
        and "/" not in name
        and os.sep not in name
        and "\x00" not in name
    )


def node_dirs(
    root: Path | str,
    *,
    exclude: Exclude | None = None,
    cwd: Path,
    unlisted: list[tuple[str, str]] | None = None,
    walk: Walk | None = None,
) -> list[tuple[str, str]]:
    """Every node under the directory ``root``, as (node directory, layout), in path order.

    ``root`` itself may be a node. Other directories are searched recursively; hidden and
    symlinked directories are skipped, and a directory is visited at most once (bind mounts
    and hard-linked directories cannot make the search loop). ``exclude`` is called with each
    directory's display path; a True answer skips it. A ``root`` that is itself excluded was
    named on purpose: it is searched whole. A directory that cannot be listed (permission, a
    path too long) is added to ``unlisted`` as (display path, reason): nothing under it is
    checked, and the caller says so. With ``walk``, a directory that did not change since an
    earlier search is not listed again (:class:`Walk`).
    """
    found: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    start = os.fspath(root)
    if exclude is not None and _excluded_whole(start, exclude, cwd):
        exclude = None
    stack = [start]
    while stack:
        directory = stack.pop()
        try:
            st = os.stat(directory)
        except FileNotFoundError:
            continue
        except OSError as exc:  # a path too long to open, a loop: say so, search on
            if unlisted is not None:
                unlisted.append((display_path(directory, cwd), exc.strerror or type(exc).__name__))
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in seen:
            continue
        seen.add(ident)
        if exclude is not None and directory != start and exclude(display_path(directory, cwd)):
            continue
        recalled = walk.recall(directory, st) if walk is not None else None
        if recalled is not None:
            kind, names = recalled
            if kind == "dirs":
                stack.extend(os.path.join(directory, n) for n in reversed(names))
            else:
                found.append((directory, kind))
            continue
        # One listing serves to tell a node (as node_at does) and to find the subdirectories.
        entries, why = _listing(directory)
        if why is not None and unlisted is not None:
            unlisted.append((display_path(directory, cwd), why))
        conf = next((e for e in entries if e.name == "conf"), None)
        if conf is not None and _is_dir(conf) and _known_in(conf.path):
            found.append((directory, "home"))
            if walk is not None and why is None:
                walk.note(directory, st, "home", [])
            continue
        if any(e.name in KNOWN_FILES for e in entries):
            parent, name = os.path.split(directory)
            home = name == "conf" and is_home(parent)
            found.append((parent, "home") if home else (directory, "flat"))
            if walk is not None and why is None and name != "conf":
                walk.note(directory, st, "flat", [])
            continue
        subdirs = sorted(e.name for e in entries if not e.name.startswith(".") and _is_dir(e))
        stack.extend(os.path.join(directory, n) for n in reversed(subdirs))
        if walk is not None and why is None:
            walk.note(directory, st, "dirs", subdirs)
    return found
