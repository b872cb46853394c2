"""Atomic file writes: a temporary sibling, flushed, fsynced, renamed over the target.

INTERFACE STUB: being implemented; the signature is final.
"""

from __future__ import annotations

from pathlib import Path


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically.

    On any failure the original file is untouched, no temporary file is left behind, and
    ``OSError`` is re-raised. Parent directories must exist.
    """
    raise NotImplementedError
