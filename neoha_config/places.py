"""Absolute paths of the deployed machine that name a file of the checked node."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PureWindowsPath


def is_absolute(value: str) -> bool:
    """Whether ``value`` is an absolute path, POSIX (``/etc/neo4j``) or Windows (``C:\\neo4j``)."""
    return posixpath.isabs(value) or PureWindowsPath(value).is_absolute()


def _parts(value: str) -> list[str]:
    """The components of absolute path ``value`` below its root, ``.`` and ``..`` resolved."""
    if PureWindowsPath(value).is_absolute() and not posixpath.isabs(value):
        value = value[len(PureWindowsPath(value).anchor) :]
    text = posixpath.normpath("/" + value.replace("\\", "/"))
    return [p for p in text.split("/") if p]


def own_suffixes(node_dir: Path, value: str, *, shortest: int = 2) -> list[Path]:
    """Where in ``node_dir`` the absolute path ``value`` plainly points: each tail of it of at
    least ``shortest`` components (``conf/neo4j.properties`` of
    ``/opt/neo4j/conf/neo4j.properties``), longest first, joined to ``node_dir``.

    The candidates are only built, never read: the caller reads them within the tree. A tail is
    never the bare file name unless ``shortest`` is 1.
    """
    parts = _parts(value)
    return [
        Path(os.path.join(node_dir, *parts[-count:]))
        for count in range(len(parts), max(shortest, 1) - 1, -1)
    ]
