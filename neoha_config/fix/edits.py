"""Applying edits to a file's text, choosing fixes that do not overlap, and unified diffs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic, Edit, Fix

_LINE_END = re.compile(r"\r\n|\r|\n")
# Physical lines with their terminators; only CR and LF end a line (not NEL or form feed).
_PHYSICAL = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> list[tuple[int, int]]:
    """(first offset, offset of the terminator) of each physical line; a final terminator
    starts one more, empty line."""
    out = []
    pos = 0
    for m in _LINE_END.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _offset(lines: list[tuple[int, int]], position: tuple[int, int]) -> int:
    line, column = position
    if not 1 <= line <= len(lines) or column < 1:
        raise ValueError(f"position {line}:{column} is not in the file")
    start, content_end = lines[line - 1]
    offset = start + column - 1
    # A column may point just past the line's content (an insertion at its end), not into
    # the terminator: (line + 1, 1) is the way to include the terminator.
    if offset > content_end:
        raise ValueError(f"position {line}:{column} is past the end of its line")
    return offset


def spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    """Each edit as (start offset, end offset, content); raises ValueError for a position that
    is not in ``text`` or an end before its start."""
    lines = _lines(text)
    out = []
    for edit in edits:
        a, b = _offset(lines, edit.start), _offset(lines, edit.end)
        if b < a:
            raise ValueError(f"edit ends before it starts: {edit}")
        out.append((a, b, edit.content))
    return out


def _overlap(x: tuple[int, int, str], y: tuple[int, int, str]) -> bool:
    if x == y:
        return False  # the same edit twice (two findings, one repair) is applied once
    if x[0] == x[1] == y[0] == y[1]:
        return True  # two different insertions at one place: their order is not known
    return x[0] < y[1] and y[0] < x[1]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit applied (identical edits once); raises ValueError when edits
    overlap or a position is not in ``text``."""
    found = sorted(set(spans(text, edits)), key=lambda s: (s[0], s[1]))
    out: list[str] = []
    pos = 0
    for i, (a, b, content) in enumerate(found):
        if i and _overlap(found[i - 1], (a, b, content)):
            raise ValueError("edits overlap")
        out.append(text[pos:a])
        out.append(content)
        pos = b
    out.append(text[pos:])
    return "".join(out)


def choose(text: str, fixed: Sequence[tuple[Diagnostic, Fix]]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes of one file that can be applied together: in report order, each fix whose
    edits overlap an already chosen one waits for the next pass. A fix that does not fit the
    text is left out."""
    chosen: list[tuple[Diagnostic, Fix]] = []
    taken: list[tuple[int, int, str]] = []
    for diag, fix in sorted(fixed, key=lambda df: df[0].sort_key()):
        try:
            mine = spans(text, fix.edits)
        except ValueError:
            continue
        if any(_overlap(m, t) for m in mine for t in taken) or any(
            _overlap(m, n) for i, m in enumerate(mine) for n in mine[i + 1 :]
        ):
            continue
        chosen.append((diag, fix))
        taken.extend(mine)
    return chosen


_PLAIN_NAME = re.compile(r"[!#-\[\]-~]+")  # printable ASCII but blank, '"' and '\\'
_C_ESCAPES = {0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r"}


def header_name(path: str) -> str:
    """``path`` as a diff header names it: as it is when plain, else C-quoted as GNU patch and
    git read it (blanks kept, ``"`` and ``\\`` escaped, other bytes in octal)."""
    if _PLAIN_NAME.fullmatch(path):
        return path
    import os

    out = ['"']
    for byte in os.fsencode(path):
        if byte in (0x22, 0x5C):
            out.append("\\" + chr(byte))
        elif byte in _C_ESCAPES:
            out.append("\\" + _C_ESCAPES[byte])
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    out.append('"')
    return "".join(out)


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of one file that ``patch -p0`` applies from the current directory: both
    headers name ``path`` (quoted when it holds blanks or other special characters); lines
    without a final newline are marked as diff marks them."""
    import difflib

    old = _PHYSICAL.findall(before.decode("latin-1"))
    new = _PHYSICAL.findall(after.decode("latin-1"))
    out: list[str] = []
    name = header_name(path)
    for line in difflib.unified_diff(old, new, fromfile=name, tofile=name, n=3):
        if line.startswith(("---", "+++")):
            out.append(line.rstrip("\n") + "\n")
        elif not line.endswith(("\n", "\r")):
            out.append(line + "\n\\ No newline at end of file\n")
        else:
            out.append(line)
    return "".join(out)
