"""Atomic file writes: a temporary sibling, flushed, fsynced, renamed over the target."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_DEFAULT_MODE = 0o644


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    The bytes go to a temporary sibling (``.NAME.*.tmp`` in the same directory), which is
    flushed, fsynced, given the existing file's permission bits (0o644 for a new file) and
    renamed over ``path``; the directory is then fsynced where the platform allows it.

    On any failure the original file is untouched, no temporary file is left behind, and
    ``OSError`` is re-raised. Parent directories must exist.
    """
    target = Path(path)
    directory = target.parent
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _DEFAULT_MODE
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        # The rename is the commit point: before it, the original is intact; clean up the sibling.
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


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
