"""Atomic file writes that keep owner, group and mode and never write through a symlink."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from neoha_config.errors import NeohaConfigError

_DEFAULT_MODE = 0o644


def _temporary_name(name: str) -> re.Pattern[str]:
    # tempfile.mkstemp names: prefix, eight characters of its alphabet, suffix.
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


def _prepare(target: Path, root: Path | None, parents: bool) -> None:
    """Raise when ``target`` or a directory between ``root`` and it is a symlink; with
    ``parents``, create the missing directories on the way (never through a link)."""
    below: list[Path] = [target]
    if root is not None:
        # '..' after a symlinked directory climbs out of the link's target: never normalise it.
        rel = os.path.relpath(os.path.abspath(target), os.path.abspath(root))
        if os.pardir in target.parts or rel == os.curdir or rel.split(os.sep)[0] == os.pardir:
            raise NeohaConfigError(f"refusing to write outside {root}", path=os.fspath(target))
        parts = Path(rel).parts
        below = [root.joinpath(*parts[: i + 1]) for i in range(len(parts))]
        if parents:
            root.mkdir(parents=True, exist_ok=True)
    elif parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    for place in below:
        try:
            info = os.lstat(place)
        except FileNotFoundError:
            if place == target or not parents:
                return  # nothing below a missing component exists: the write itself will fail
            os.mkdir(place, 0o755)
            continue
        if stat.S_ISLNK(info.st_mode):
            what = "file" if place == target else "directory"
            raise NeohaConfigError(
                f"refusing to write through the symlinked {what} {os.fspath(place)!r}",
                path=os.fspath(target),
            )


def write_atomic(
    path: str | Path, data: bytes, *, root: str | Path | None = None, parents: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically, keeping the replaced file's owner, group and mode.

    ``write_atomic(path, data, *, root=None, parents=False) -> None``. The bytes go to a
    temporary sibling
    (``.NAME.XXXXXXXX.tmp`` in the same directory), which is flushed, fsynced, given the
    existing file's owner, group and permission bits (0o644 and the writer's own for a new
    file) and renamed over ``path``; the directory is then fsynced where the platform allows it.
    After the rename, temporary siblings of the same file that an interrupted earlier write left
    behind are removed.

    ``path`` must not be a symlink; with ``root`` (the top of the tree being written, e.g. the
    output directory), no directory from below ``root`` down to ``path`` may be a symlink either,
    and ``path`` must lie under ``root``. ``root`` itself may be one. Such a write is refused
    with ``NeohaConfigError`` naming the link, before anything is written. The owner and group
    that cannot be kept (not running as root, say) are refused the same way.

    Parent directories must exist, unless ``parents`` is true: then the missing ones are
    created (mode 0o755 before the umask), below ``root`` one by one without following a link.

    On any failure the original file is untouched, no temporary file is left behind, and
    ``OSError`` is re-raised.
    """
    target = Path(path)
    _prepare(target, Path(root) if root is not None else None, parents)
    directory = target.parent
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _DEFAULT_MODE
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if existing is not None:
                _keep_owner(handle.fileno(), existing, target)
        os.chmod(tmp_name, mode)  # after chown, which clears set-id bits
        os.replace(tmp_name, target)
    except BaseException:
        # The rename is the commit point: before it, the original is intact; clean up the sibling.
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)
    _remove_stale(directory, target.name)


def _keep_owner(fd: int, existing: os.stat_result, target: Path) -> None:
    fresh = os.fstat(fd)
    if (fresh.st_uid, fresh.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.fchown(fd, existing.st_uid, existing.st_gid)
    except PermissionError:
        raise NeohaConfigError(
            f"cannot keep the file's owner and group ({existing.st_uid}:{existing.st_gid}); "
            "nothing was written",
            path=os.fspath(target),
        ) from None


def _remove_stale(directory: Path, name: str) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` regular files left by interrupted writes of ``name``."""
    pattern = _temporary_name(name)
    try:
        with os.scandir(directory) as entries:
            stale = [
                e.path
                for e in entries
                if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)
            ]
    except OSError:
        return
    for leftover in stale:
        with contextlib.suppress(OSError):
            os.unlink(leftover)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; some platforms and filesystems cannot open or sync directories."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
