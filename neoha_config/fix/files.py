"""Fixers of file-level findings: duplicates, trailing blanks, encoding, backslashes, comments."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Applicability, Edit, Fix
from neoha_config.fix.base import (
    BLANKS,
    BOM,
    SECRET,
    delete_lines,
    edited_text,
    entry_lines,
    fixer,
    local_readings,
    reads,
    usable,
)
from neoha_config.properties import escape_char

if TYPE_CHECKING:
    from neoha_config.fix.view import FixInput

# --- file level -------------------------------------------------------------------------------


@fixer("NHA003", "safe")
def duplicate_key(inp: FixInput) -> Fix | None:
    """Two entries of one key with the same value: delete the earlier one."""
    diag, view = inp.diag, inp.file
    if not usable(inp) or len(diag.related) != 1 or diag.key is None:
        return None
    later = view.entry_at(diag.location.line, diag.key)
    earlier = view.entry_at(diag.related[0].line, diag.key)
    if later is None or earlier is None or earlier is later or earlier.value != later.value:
        return None
    edit = delete_lines(view, earlier.line, earlier.end_line)
    return Fix(
        f"delete line {earlier.line}, which sets {diag.key} to the same value as line {later.line}",
        (edit,),
    )


@fixer("NHA005", "safe/unsafe")
def trailing_blanks(inp: FixInput) -> Fix | None:
    """Delete the unescaped blanks at the end of a value.

    No fix when nothing else is left or an escaped blank comes first (a blank may be meant);
    unsafe when the key names a password or secret, whose blanks may be meant too.
    """
    diag, view = inp.diag, inp.file
    if not usable(inp) or diag.key is None:
        return None
    line, column = diag.location.line, diag.location.column
    content = view.content(line)
    if content is None or column < 2:
        return None
    tail = content[column - 1 :]
    if not tail or tail.strip(BLANKS):
        return None
    entry = next(
        (e for e in view.document.entries if e.end_line == line and e.key == diag.key),  # type: ignore[union-attr]
        None,
    )
    if entry is None:
        return None
    new_value = entry.value[: len(entry.value) - len(tail)]
    if entry.value != new_value + tail:
        return None
    edit = Edit(view.display, (line, column), (line, len(content) + 1), "")
    edited = entry_lines(view, entry)
    edited = (
        edited[: len(edited) - len(view.lines[line - 1][1]) - len(tail)] + view.lines[line - 1][1]
    )
    if reads(edited) != [(entry.key, new_value)]:
        return None
    if new_value == "" or new_value != new_value.rstrip(BLANKS):
        return None  # only blanks, or an escaped blank before them: a blank may be meant
    safe = not SECRET.search(diag.key)
    return Fix(
        f"delete {len(tail)} trailing blank(s) after the value of {diag.key}",
        (edit,),
        Applicability.SAFE if safe else Applicability.UNSAFE,
    )


@fixer("NHA006", "safe/unsafe")
def encoding(inp: FixInput) -> Fix | None:
    """Remove a UTF-8 byte-order mark (safe); write the non-ASCII characters of a key or value
    line as ``\\uXXXX`` escapes: safe for bytes that are no UTF-8, whose reading stays the
    same, unsafe for UTF-8 sequences, which then read as the character they encode."""
    diag, view = inp.diag, inp.file
    if not usable(inp):
        return None
    line, column = diag.location.line, diag.location.column
    content = view.content(line)
    if content is None:
        return None
    if (line, column) == (1, 1) and content.startswith(BOM):
        return Fix("remove the UTF-8 byte-order mark", (Edit(view.display, (1, 1), (1, 4), ""),))
    edits: list[Edit] = []
    unsafe = False
    for run in re.finditer(r"[\x80-\xff]+", content):
        if run.start() < column - 1:
            continue
        raw = run.group()
        try:
            meant = raw.encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            meant = raw
        if meant != raw:
            unsafe = True
        escaped = "".join(escape_char(ch) for ch in meant)
        start = run.start()
        before = content[:start]
        if (len(before) - len(before.rstrip("\\"))) % 2:
            start -= 1  # "\é" reads as "é": the backslash becomes the escape's own
        edits.append(Edit(view.display, (line, start + 1), (line, run.end() + 1), escaped))
    if not edits:
        return None
    readings = local_readings(view, tuple(edits))
    if readings is None or readings[1] is None:
        return None
    if not unsafe and readings[1] != readings[0]:
        return None
    what = "as the UTF-8 characters they encode" if unsafe else "keeping their reading"
    return Fix(
        f"write the non-ASCII characters of line {line} as \\uXXXX escapes, {what}",
        tuple(edits),
        Applicability.UNSAFE if unsafe else Applicability.SAFE,
    )


@fixer("NHA009", "safe/unsafe")
def lone_backslash(inp: FixInput) -> Fix | None:
    """Delete a line's only character, a ``\\`` the JVM joins to nothing (safe: the JVM reads
    the same), or that ends the file as an empty key (unsafe: the empty key goes)."""
    diag, view = inp.diag, inp.file
    if not usable(inp):
        return None
    line = diag.location.line
    content = view.content(line)
    if content is None:
        return None
    unsafe = False
    if content.strip(BLANKS) == "\\" and line == len(view.lines):
        unsafe = True
    else:
        line -= 1
        content = view.content(line) if line >= 1 else None
        if content is None or content.strip(BLANKS) != "\\":
            return None
    at = content.index("\\")
    edit = Edit(view.display, (line, at + 1), (line, at + 2), "")
    after = edited_text(view, (edit,))
    if after is None:
        return None
    before_reading = reads(view.text)
    expected = [kv for kv in before_reading or [] if not (unsafe and kv == ("", ""))]
    if reads(after) != expected:
        return None
    return Fix(
        f"delete the lone backslash on line {line}",
        (edit,),
        Applicability.UNSAFE if unsafe else Applicability.SAFE,
    )


@fixer("NHA010", "safe")
def unused_suppression(inp: FixInput) -> Fix | None:
    """Remove the unused codes from a ``# neoha: ignore[...]`` comment, or the whole comment
    when it suppresses nothing at all."""
    from neoha_config.suppress import parse_directive

    diag, view = inp.diag, inp.file
    if view.document is None:
        return None
    line = diag.location.line
    content = view.content(line)
    if content is None:
        return None
    codes = parse_directive(content)
    if codes is None:
        return None
    unused = set()
    for other in inp.diagnostics:
        if other.code == diag.code and other.location.line == line:
            token = re.match(r"[^,\s\]]*", content[other.location.column - 1 :])
            unused.add(token.group().upper() if token else "")
    kept = [code for code in codes if code not in unused]
    if not kept:
        return Fix(
            f"delete the unused suppression comment on line {line}",
            (delete_lines(view, line, line),),
        )
    m = re.search(r"\[([^\]]*)\]", content)
    if m is None:
        return None
    return Fix(
        f"remove {', '.join(sorted(unused))} from the suppression comment on line {line}",
        (Edit(view.display, (line, m.start(1) + 1), (line, m.end(1) + 1), ", ".join(kept)),),
    )
