"""Provisioning's reads and writes of a tree's files, with OS errors as NeohaConfigError."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from neoha_config.errors import NeohaConfigError
from neoha_config.properties import Document, parse


@contextmanager
def os_errors(action: str, path: Path | str) -> Iterator[None]:
    """Raise an ``OSError`` of the block as NeohaConfigError ``cannot <action>: <reason>``
    naming ``path``."""
    try:
        yield
    except OSError as exc:
        raise NeohaConfigError(f"cannot {action}: {exc.strerror or exc}", path=str(path)) from exc


def read_file(path: Path) -> bytes | None:
    """The bytes of ``path``; None when it does not exist. NeohaConfigError when it is not a
    regular file or cannot be read."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        raise NeohaConfigError("exists but is not a regular file", path=str(path))
    with os_errors("read", path):
        return path.read_bytes()


def parse_existing(data: bytes, path: Path) -> Document:
    """``data`` as a document; NeohaConfigError (with the line) when the JVM would reject it."""
    doc = parse(data)
    fatal = next((i for i in doc.issues if i.fatal), None)
    if fatal is not None:
        raise NeohaConfigError(
            f"cannot update: {fatal.message}", path=str(path), line=fatal.line, column=fatal.column
        )
    return doc


def write_file(target: Path, data: bytes, root: Path) -> None:
    """Replace ``target`` with ``data`` atomically, creating missing directories; never
    through a symlinked directory or file below ``root`` into another place (refused, named).
    NeohaConfigError when it cannot be written."""
    from neoha_config import atomic

    with os_errors("write", target):
        atomic.write_atomic(target, data, root=root, parents=True)
