"""The fixer registry and what fixers share: the JVM's reading of a text, line deletions."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Edit

if TYPE_CHECKING:
    from neoha_config.diagnostics import Fix
    from neoha_config.fix.view import FileView, FixInput
    from neoha_config.properties import Entry
    from neoha_config.tree import Node

Fixer = Callable[["FixInput"], "Fix | None"]

FIXERS: dict[str, Fixer] = {}
"""The fixer of each fixable code."""

FIXABLE: dict[str, str] = {}
"""What the fix of each fixable code is: ``safe``, ``unsafe`` or ``safe/unsafe`` (both occur,
depending on the finding), for the README's rule table."""

BLANKS = " \t\f"
BOM = "\xef\xbb\xbf"
SECRET = re.compile(r"pass(word|phrase)?|secret|credential", re.IGNORECASE)
RENAMES = {"ha.machine_id": "ha.server_id", "ha.zoo_keeper_servers": "ha.coordinators"}


def fixer(code: str, kinds: str) -> Callable[[Fixer], Fixer]:
    """Register the fixer of ``code``; ``kinds`` is what ``FIXABLE`` shows for it."""

    def register(func: Fixer) -> Fixer:
        FIXERS[code] = func
        FIXABLE[code] = kinds
        return func

    return register


def release_reads_new_names(node: Node | None) -> bool | None:
    """True when every Neo4j release ``node``'s files are consistent with reads ``ha.server_id``
    and ``ha.coordinators`` (1.4 and later), False when none does (1.3), None when its
    releases differ: then renaming a legacy key is an unsafe fix (``release.node_releases``).
    """
    if node is None:
        return None
    from neoha_config.catalogue import DATABASE, lookup
    from neoha_config.release import node_releases

    releases = node_releases(node)
    readers = [lookup(DATABASE, key) for key in ("ha.server_id", "ha.coordinators")]
    reading = [all(s is not None and s.reads_in(r) for s in readers) for r in releases]
    if all(reading):
        return True
    return False if not any(reading) else None


# --- shared by the fixers ----------------------------------------------------------------


def reads(text: str) -> list[tuple[str, str]] | None:
    """The (key, value) pairs the JVM reads from ``text``, or None when it refuses the text."""
    from neoha_config.properties import parse

    doc = parse(text)
    if doc.fatal:
        return None
    return [(e.key, e.value) for e in doc.entries]


def local_readings(
    view: FileView, edits: tuple[Edit, ...]
) -> tuple[list[tuple[str, str]] | None, list[tuple[str, str]] | None] | None:
    """What the JVM reads from the lines ``edits`` touch, before and after them, or None when
    the edits do not fit the file.

    The lines are widened to whole entries (a continued value's lines), so the two readings
    speak for the whole file as long as the last line keeps its continuation: when an edit
    changes whether it continues (a trailing ``\\``), the whole file is read instead. Costs
    what the touched lines cost, so one fix a line keeps a file's fixes linear.
    """
    from neoha_config.fix.edits import apply_edits

    lines = view.lines
    first = min(e.start[0] for e in edits)
    last = max(e.end[0] for e in edits)
    head, tail = view.entry_spanning(first), view.entry_spanning(last)
    if head is not None:
        first = head.line
    if tail is not None:
        last = max(last, tail.end_line)
    if not 1 <= first <= last <= len(lines):
        return None
    before = "".join(c + t for c, t in lines[first - 1 : last])
    shifted = tuple(
        Edit(
            e.path,
            (e.start[0] - first + 1, e.start[1]),
            (e.end[0] - first + 1, e.end[1]),
            e.content,
        )
        for e in edits
    )
    try:
        after = apply_edits(before, shifted)
    except ValueError:
        return None
    if _continues(before) != _continues(after):
        whole = edited_text(view, edits)
        return (reads(view.text), reads(whole)) if whole is not None else None
    return reads(before), reads(after)


def _continues(text: str) -> bool:
    """True when the last line of ``text`` ends in an odd run of backslashes (it continues)."""
    body = text.rstrip("\r\n")
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def edited_text(view: FileView, edits: tuple[Edit, ...]) -> str | None:
    """The text of ``view`` with ``edits`` applied, or None when they do not fit it."""
    from neoha_config.fix.edits import apply_edits

    try:
        return apply_edits(view.text, edits)
    except ValueError:
        return None


def entry_lines(view: FileView, entry: Entry) -> str:
    """The physical lines of ``entry`` as they are in the file, terminators included."""
    return "".join(c + t for c, t in view.lines[entry.line - 1 : entry.end_line])


def delete_lines(view: FileView, first: int, last: int) -> Edit:
    """An edit deleting physical lines ``first`` to ``last`` with their terminators."""
    lines = view.lines
    if last < len(lines) or lines[last - 1][1]:
        return Edit(view.display, (first, 1), (last + 1, 1), "")
    if first > 1:  # the last line has no terminator: take the one before it instead
        before = lines[first - 2][0]
        return Edit(view.display, (first - 1, len(before) + 1), (last, len(lines[-1][0]) + 1), "")
    return Edit(view.display, (1, 1), (last, len(lines[-1][0]) + 1), "")


def usable(inp: FixInput) -> bool:
    """A properties file the JVM loads: fixes in a refused file could not be verified."""
    doc = inp.file.document
    return doc is not None and not doc.fatal


def flagged_entry(inp: FixInput) -> Entry | None:
    """The entry of the finding's key on the finding's line, in a :func:`usable` file; None
    when the finding names no key or the file has no such entry or is refused."""
    diag = inp.diag
    if not usable(inp) or diag.key is None:
        return None
    return inp.file.entry_at(diag.location.line, diag.key)


def flagged_value(inp: FixInput) -> tuple[Entry, int] | None:
    """:func:`flagged_entry` and the 0-based offset in its line of its value, when the value
    is written verbatim on one line (``FileView.verbatim_value``); else None."""
    diag = inp.diag
    if not usable(inp) or diag.key is None:
        return None
    return inp.file.verbatim_value(diag.location.line, diag.key)
