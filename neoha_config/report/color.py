"""Whether to colour output, and the few ANSI styles the text report uses."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, Protocol

ColorMode = Literal["auto", "always", "never"]

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
RED = "\x1b[31m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"


class _Stream(Protocol):
    def isatty(self) -> bool: ...


def want_color(mode: ColorMode, stream: _Stream, environ: Mapping[str, str] | None = None) -> bool:
    """Decide whether to write ANSI colour to ``stream``.

    ``always`` and ``never`` are obeyed as given. ``auto`` colours only a terminal, and not when
    ``NO_COLOR`` is set to a non-empty value (https://no-color.org) or ``TERM`` is ``dumb``.
    ``environ`` defaults to ``os.environ``. Never raises, even on a closed stream.
    """
    if mode == "always":
        return True
    if mode == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or unusual streams are not terminals
        return False


def paint(text: str, *styles: str) -> str:
    """``text`` wrapped in the given ANSI ``styles`` and a reset (unchanged without styles)."""
    if not styles:
        return text
    return "".join(styles) + text + RESET
