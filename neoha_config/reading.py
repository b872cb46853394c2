"""Bounded reading of one file, optionally confined to the checked roots."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from neoha_config.records import dataclass, field

__all__ = ["MAX_FILE_BYTES", "OUTSIDE", "Confinement", "read_bytes"]

MAX_FILE_BYTES = 1 << 20
"""No file is read beyond this many bytes (1 MiB); a larger one is NHA001."""

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO in a config file's place must not block the open
    | getattr(os, "O_NOCTTY", 0)  # nor may a terminal device become our controlling terminal
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
# A confined read opens the resolved path; a symlink swapped in meanwhile makes the open fail.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

OUTSIDE = "its real path leaves the checked paths"
"""The start of every reason ``Confinement.check`` gives."""


def _real(path: str | os.PathLike[str], cwd: str) -> str:
    return os.path.realpath(os.path.join(cwd, os.fspath(path)))


@dataclass(frozen=True, slots=True)
class Confinement:
    """The real directories a check may read below: nothing whose real path leaves them is read.

    ``roots`` are real paths (symlinks and ``..`` resolved). Build one with ``for_arguments``.
    """

    roots: tuple[str, ...]
    cwd: str
    # Real paths of the directories seen so far: a tree's files share a few parents, and one
    # realpath costs a system call per path component.
    _dirs: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_arguments(
        cls, paths: Iterable[str | os.PathLike[str]], cwd: str | os.PathLike[str] | None = None
    ) -> Confinement:
        """The roots of a check of ``paths``: each directory argument's real path, and the
        current directory (``cwd``, default ``os.getcwd()``) for file arguments and for paths
        that do not exist. Never raises ``OSError``."""
        here = os.path.abspath(os.fspath(cwd) if cwd is not None else os.getcwd())
        roots: list[str] = []
        for path in paths:
            joined = os.path.join(here, os.fspath(path))
            root = _real(joined, here) if os.path.isdir(joined) else os.path.realpath(here)
            if root not in roots:
                roots.append(root)
        if not roots:
            roots.append(os.path.realpath(here))
        return cls(tuple(roots), here)

    def real(self, path: str | os.PathLike[str]) -> str:
        """The real path of ``path`` (relative paths are taken from ``cwd``)."""
        candidate = self._parent_resolved(path)
        return os.path.realpath(candidate) if os.path.islink(candidate) else candidate

    def _parent_resolved(self, path: str | os.PathLike[str]) -> str:
        """``path`` with its directory resolved: its real path unless the last part is a link."""
        full = os.path.join(self.cwd, os.fspath(path))
        head, name = os.path.split(full)
        if name in ("", os.curdir, os.pardir):
            return os.path.realpath(full)
        return os.path.join(self._real_dir(head), name)

    def _real_dir(self, head: str) -> str:
        """The real path of the absolute directory ``head``, one component at a time: a
        directory below one already resolved costs one ``lstat``, not one per component."""
        known = self._dirs
        pending: list[tuple[str, str]] = []  # (directory, its last component), deepest first
        base = head
        while True:
            resolved = known.get(base)
            if resolved is not None:
                break
            parent, name = os.path.split(base)
            if not name or parent == base or name in (os.curdir, os.pardir):
                resolved = known[base] = os.path.realpath(base)  # the root, or ``..`` in it
                break
            pending.append((base, name))
            base = parent
        for directory, name in reversed(pending):
            candidate = os.path.join(resolved, name)
            resolved = os.path.realpath(candidate) if os.path.islink(candidate) else candidate
            known[directory] = resolved
        return resolved

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """True when ``path``'s real path is one of the roots or lies below one."""
        return self.inside(self.real(path))

    def check(self, path: str | os.PathLike[str]) -> str | None:
        """None when ``path`` may be read, else the reason it may not (naming no content).

        The reason names the symlink that leads outside when there is one, as ``path`` spells
        it; otherwise it says that ``..`` does, or that the path itself lies outside.
        """
        if self.contains(path):
            return None
        spelled = os.fspath(path)
        link = self._escaping_link(spelled)
        if link is not None:
            return f"{OUTSIDE}: the symlink {link!r} points outside them"
        if os.pardir in _components(spelled):
            return f"{OUTSIDE}: '..' leads outside them"
        return f"{OUTSIDE}: it lies outside them"

    def inside(self, real: str) -> bool:
        """True when the real path ``real`` is one of the roots or lies below one."""
        for root in self.roots:
            if real == root:
                return True
            prefix = root if root.endswith(os.sep) else root + os.sep
            if real.startswith(prefix):
                return True
        return False

    def _escaping_link(self, path: str) -> str | None:
        """The first symlink along ``path`` (as spelled) whose target lies outside the roots."""
        prefix = ""
        for part in _components(path):
            prefix = os.path.join(prefix, part) if prefix else part
            full = os.path.join(self.cwd, prefix)
            if os.path.islink(full) and not self.inside(os.path.realpath(full)):
                return prefix
        return None


def _components(path: str) -> list[str]:
    """``path`` split into its components; an absolute path keeps its root as the first one."""
    out: list[str] = []
    rest = path
    while True:
        head, tail = os.path.split(rest)
        if tail:
            out.append(tail)
        if head == rest or not head:
            if head:
                out.append(head)
            break
        rest = head
    return out[::-1]


def _open(path: str | Path, flags: int) -> int | str:
    """A file descriptor, or why the file cannot be opened."""
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        return "it vanished while being read, or is a dangling symlink"
    except OSError as exc:
        return exc.strerror or str(exc)
    except ValueError:  # a NUL byte in the path
        return "its path holds a NUL byte"


def _confined(path: Path, confinement: Confinement) -> int | str:
    """Open ``path``'s real path without following a link, if it lies inside the roots."""
    try:
        # Where O_NOFOLLOW exists the last part need not be looked at first: opening a symlink
        # fails with ELOOP, and only then is it resolved.
        target = confinement._parent_resolved(path) if _NOFOLLOW else confinement.real(path)
        if not confinement.inside(target):
            return confinement.check(path) or OUTSIDE
    except ValueError:  # a NUL byte in the path
        return "its path holds a NUL byte"
    flags = _OPEN_FLAGS | _NOFOLLOW
    try:
        return os.open(target, flags)
    except ValueError:  # a NUL byte in the path
        return "its path holds a NUL byte"
    except OSError as exc:
        if exc.errno != errno.ELOOP or not os.path.islink(target):
            return _open(target, flags)  # the same failure, worded as unconfined reads word it
    real = os.path.realpath(target)
    if not confinement.inside(real):
        return confinement.check(path) or OUTSIDE
    return _open(real, flags)


def read_bytes(
    path: Path, confinement: Confinement | None = None
) -> tuple[bytes | None, str | None]:
    """Read one file without ever blocking or reading more than ``MAX_FILE_BYTES``.

    Returns ``(data, None)``, or ``(None, reason)`` when the file cannot be read: it vanished,
    is not a regular file (FIFO, device, directory, socket), is larger than 1 MiB, the system
    refused (permission, symlink loop), or, with a ``confinement``, its real path leaves the
    checked roots (then nothing is opened and the reason starts with ``OUTSIDE``). Symlinks
    are followed (within the roots when confined). Never raises ``OSError``.
    """
    opened = _open(path, _OPEN_FLAGS) if confinement is None else _confined(path, confinement)
    if isinstance(opened, str):
        return None, opened
    fd = opened
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
