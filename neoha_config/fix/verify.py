"""What a fix may change: the keys on the lines it edits, and nothing else.

A fix edits text; the JVM reads keys. Two edits far apart, or one edit beside a lone ``\\``, can
make the file read differently elsewhere (deleting the comment below a lone ``\\`` leaves it
last, where the JVM reads it as an empty key). Before fixes are applied, each one alone and then
all of a pass together are read again: a fix that changes a key it does not edit, or adds a key
that is not the new name of one it renames, is not applied (its finding stays reported).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from neoha_config.fix.base import RENAMES
from neoha_config.fix.edits import apply_edits

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic, Edit, Fix
    from neoha_config.properties import Document

_BOM = "\xef\xbb\xbf"  # a UTF-8 byte-order mark read as ISO-8859-1


def _edited_lines(text_lines: list[str], edits: Sequence[Edit]) -> set[int]:
    """The physical lines whose content an edit changes (an edit that starts after a line's
    last character begins on the next line)."""
    out: set[int] = set()
    for edit in edits:
        (first, col), (last, _) = edit.start, edit.end
        if first <= len(text_lines) and col > len(text_lines[first - 1]) and last > first:
            first += 1
        out.update(range(first, last + 1))
    return out


def _touched(doc: Document, lines: set[int]) -> set[str]:
    return {e.key for e in doc.entries if lines & set(range(e.line, e.end_line + 1))}


def _changes(before: dict[str, str], after_text: str) -> set[str]:
    from neoha_config.properties import parse

    after = parse(after_text).to_dict()
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _allowed(touched: set[str]) -> set[str]:
    names = set(touched)
    names.update(RENAMES[k] for k in touched if k in RENAMES)
    names.update(k[len(_BOM) :] for k in touched if k.startswith(_BOM))
    return names


def keep_keys(text: str, chosen: Sequence[tuple[Diagnostic, Fix]]) -> list[tuple[Diagnostic, Fix]]:
    """The fixes of ``chosen`` (non-overlapping, for one file's ``text``) that change only the
    keys they edit, alone and all together, in order."""
    from neoha_config.properties import parse

    doc = parse(text)
    before = doc.to_dict()
    lines = text.splitlines()
    kept: list[tuple[Diagnostic, Fix]] = []
    allowed: set[str] = set()
    for item in chosen:
        edits = list(item[1].edits)
        own = _allowed(_touched(doc, _edited_lines(lines, edits)))
        try:
            alone = apply_edits(text, edits)
            together = apply_edits(text, [e for _, f in [*kept, item] for e in f.edits])
        except ValueError:
            continue
        if not _changes(before, alone) <= own:
            continue
        if not _changes(before, together) <= allowed | own:
            continue  # judged again next pass, on the text the others made
        kept.append(item)
        allowed |= own
    return kept
