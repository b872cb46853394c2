"""One fixer per fixable code: a finding and its file in, its one repair (or None) out."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Applicability, Edit, Fix

if TYPE_CHECKING:
    from neoha_config.fix.view import FileView, FixInput
    from neoha_config.properties import Entry
    from neoha_config.tree import Node

Fixer = Callable[["FixInput"], "Fix | None"]

FIXERS: dict[str, Fixer] = {}
"""The fixer of each fixable code."""

FIXABLE: dict[str, str] = {}
"""What the fix of each fixable code is: ``safe``, ``unsafe`` or ``safe/unsafe`` (both occur,
depending on the finding), for the README's rule table."""

_BLANKS = " \t\f"
_BOM = "\xef\xbb\xbf"
_SECRET = re.compile(r"pass(word|phrase)?|secret|credential", re.IGNORECASE)
RENAMES = {"ha.machine_id": "ha.server_id", "ha.zoo_keeper_servers": "ha.coordinators"}


def fixer(code: str, kinds: str) -> Callable[[Fixer], Fixer]:
    """Register the fixer of ``code``; ``kinds`` is what ``FIXABLE`` shows for it."""

    def register(func: Fixer) -> Fixer:
        FIXERS[code] = func
        FIXABLE[code] = kinds
        return func

    return register


def release_reads_new_names(node: Node | None) -> bool | None:
    """True when the Neo4j release of ``node`` reads ``ha.server_id`` and ``ha.coordinators``
    (1.4 and later), False when it reads only the 1.3 names, None when the release is unknown.

    The checked files do not say which release runs them, so the answer is None for now, and
    renaming a legacy key is an unsafe fix.
    """
    return None


# --- helpers ----------------------------------------------------------------------------------


def _reads(text: str) -> list[tuple[str, str]] | None:
    """The (key, value) pairs the JVM reads from ``text``, or None when it refuses the text."""
    from neoha_config.properties import parse

    doc = parse(text)
    if doc.fatal:
        return None
    return [(e.key, e.value) for e in doc.entries]


def _after(view: FileView, edits: tuple[Edit, ...]) -> str | None:
    """The text of ``view`` with ``edits`` applied, or None when they do not fit it."""
    from neoha_config.fix.edits import apply_edits

    try:
        return apply_edits(view.text, edits)
    except ValueError:
        return None


def _entry_lines(view: FileView, entry: Entry) -> str:
    """The physical lines of ``entry`` as they are in the file, terminators included."""
    return "".join(c + t for c, t in view.lines[entry.line - 1 : entry.end_line])


def _delete_lines(view: FileView, first: int, last: int) -> Edit:
    """An edit deleting physical lines ``first`` to ``last`` with their terminators."""
    lines = view.lines
    if last < len(lines) or lines[last - 1][1]:
        return Edit(view.display, (first, 1), (last + 1, 1), "")
    if first > 1:  # the last line has no terminator: take the one before it instead
        before = lines[first - 2][0]
        return Edit(view.display, (first - 1, len(before) + 1), (last, len(lines[-1][0]) + 1), "")
    return Edit(view.display, (1, 1), (last, len(lines[-1][0]) + 1), "")


def _usable(inp: FixInput) -> bool:
    """A properties file the JVM loads: fixes in a refused file could not be verified."""
    doc = inp.file.document
    return doc is not None and not doc.fatal


# --- file level -------------------------------------------------------------------------------


@fixer("NHA003", "safe")
def duplicate_key(inp: FixInput) -> Fix | None:
    """Two entries of one key with the same value: delete the earlier one."""
    diag, view = inp.diag, inp.file
    if not _usable(inp) or len(diag.related) != 1 or diag.key is None:
        return None
    later = view.entry_at(diag.location.line, diag.key)
    earlier = view.entry_at(diag.related[0].line, diag.key)
    if later is None or earlier is None or earlier is later or earlier.value != later.value:
        return None
    edit = _delete_lines(view, earlier.line, earlier.end_line)
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
    if not _usable(inp) or diag.key is None:
        return None
    line, column = diag.location.line, diag.location.column
    content = view.content(line)
    if content is None or column < 2:
        return None
    tail = content[column - 1 :]
    if not tail or tail.strip(_BLANKS):
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
    edited = _entry_lines(view, entry)
    edited = (
        edited[: len(edited) - len(view.lines[line - 1][1]) - len(tail)] + view.lines[line - 1][1]
    )
    if _reads(edited) != [(entry.key, new_value)]:
        return None
    if new_value == "" or new_value != new_value.rstrip(_BLANKS):
        return None  # only blanks, or an escaped blank before them: a blank may be meant
    safe = not _SECRET.search(diag.key)
    return Fix(
        f"delete {len(tail)} trailing blank(s) after the value of {diag.key}",
        (edit,),
        Applicability.SAFE if safe else Applicability.UNSAFE,
    )


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}"
    return f"\\u{code:04X}"


@fixer("NHA006", "safe/unsafe")
def encoding(inp: FixInput) -> Fix | None:
    """Remove a UTF-8 byte-order mark (safe); write the non-ASCII characters of a key or value
    line as ``\\uXXXX`` escapes: safe for bytes that are no UTF-8, whose reading stays the
    same, unsafe for UTF-8 sequences, which then read as the character they encode."""
    diag, view = inp.diag, inp.file
    if not _usable(inp):
        return None
    line, column = diag.location.line, diag.location.column
    content = view.content(line)
    if content is None:
        return None
    if (line, column) == (1, 1) and content.startswith(_BOM):
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
        escaped = "".join(_escape_char(ch) for ch in meant)
        start = run.start()
        before = content[:start]
        if (len(before) - len(before.rstrip("\\"))) % 2:
            start -= 1  # "\é" reads as "é": the backslash becomes the escape's own
        edits.append(Edit(view.display, (line, start + 1), (line, run.end() + 1), escaped))
    if not edits:
        return None
    after = _after(view, tuple(edits))
    if after is None or _reads(after) is None:
        return None
    if not unsafe and _reads(after) != _reads(view.text):
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
    if not _usable(inp):
        return None
    line = diag.location.line
    content = view.content(line)
    if content is None:
        return None
    unsafe = False
    if content.strip(_BLANKS) == "\\" and line == len(view.lines):
        unsafe = True
    else:
        line -= 1
        content = view.content(line) if line >= 1 else None
        if content is None or content.strip(_BLANKS) != "\\":
            return None
    at = content.index("\\")
    edit = Edit(view.display, (line, at + 1), (line, at + 2), "")
    after = _after(view, (edit,))
    if after is None:
        return None
    before_reading = _reads(view.text)
    expected = [kv for kv in before_reading or [] if not (unsafe and kv == ("", ""))]
    if _reads(after) != expected:
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
            (_delete_lines(view, line, line),),
        )
    m = re.search(r"\[([^\]]*)\]", content)
    if m is None:
        return None
    return Fix(
        f"remove {', '.join(sorted(unused))} from the suppression comment on line {line}",
        (Edit(view.display, (line, m.start(1) + 1), (line, m.end(1) + 1), ", ".join(kept)),),
    )


# --- database node ----------------------------------------------------------------------------


@fixer("NHA105", "safe")
def coordinator_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks around the entries of a coordinator list, when that alone makes it a
    valid list."""
    from neoha_config.models.values import parse_coordinator_list

    diag, view = inp.diag, inp.file
    if not _usable(inp) or diag.key is None:
        return None
    entry = view.entry_at(diag.location.line, diag.key)
    if entry is None:
        return None
    start = view.single_line_value(entry)
    if start is None:
        return None
    connect, slash, chroot = entry.value.partition("/")
    new_value = ",".join(e.strip(" \t") for e in connect.split(",")) + slash + chroot
    if new_value == entry.value:
        return None
    try:
        parse_coordinator_list(new_value)
    except ValueError:
        return None
    line = entry.line
    return Fix(
        f"delete the blanks around the entries of {diag.key}",
        (Edit(view.display, (line, start + 1), (line, start + len(entry.value) + 1), new_value),),
    )


@fixer("NHA104", "unsafe")
def both_names(inp: FixInput) -> Fix | None:
    """Both names of one setting with the same value: delete the 1.3 name's line. Safe only
    where the node's release is known to read the new name (on 1.3 the old one is needed)."""
    diag, view = inp.diag, inp.file
    if not _usable(inp) or diag.key is None:
        return None
    assert view.document is not None
    pair = next(((old, new) for old, new in RENAMES.items() if diag.key in (old, new)), None)
    if pair is None:
        return None
    olds, news = view.document.get_all(pair[0]), view.document.get_all(pair[1])
    if len(olds) != 1 or len(news) != 1 or olds[0].value != news[0].value:
        return None
    reads = release_reads_new_names(inp.node())
    if reads is False:
        return None
    old = olds[0]
    return Fix(
        f"delete line {old.line}: {pair[0]} repeats {pair[1]}, the name Neo4j 1.4+ read",
        (_delete_lines(view, old.line, old.end_line),),
        Applicability.SAFE if reads else Applicability.UNSAFE,
    )


@fixer("NHA114", "unsafe")
def legacy_name(inp: FixInput) -> Fix | None:
    """Rename a 1.3 key to its 1.4+ name in place: safe only where the node's release is known to
    read the new name."""
    diag, view = inp.diag, inp.file
    if not _usable(inp) or diag.key not in RENAMES:
        return None
    assert diag.key is not None
    assert view.document is not None
    new = RENAMES[diag.key]
    if view.document.get(new) is not None or len(view.document.get_all(diag.key)) != 1:
        return None  # both names (NHA104) or a duplicate: renaming would not be the one repair
    entry = view.entry_at(diag.location.line, diag.key)
    reads = release_reads_new_names(inp.node())
    if entry is None or reads is False:
        return None
    content = view.content(entry.line) or ""
    start = entry.column - 1
    end = start + len(diag.key) + 1
    if content[start : start + len(diag.key)] != diag.key:
        return None
    return Fix(
        f"rename {diag.key} to {new}",
        (Edit(view.display, (entry.line, start + 1), (entry.line, end), new),),
        Applicability.SAFE if reads else Applicability.UNSAFE,
    )


@fixer("NHA115", "safe")
def pull_interval_unit(inp: FixInput) -> Fix | None:
    """Append ``s`` to a bare ``ha.pull_interval``: every 1.x release reads it as seconds."""
    diag, view = inp.diag, inp.file
    if not _usable(inp) or diag.key != "ha.pull_interval":
        return None
    entry = view.entry_at(diag.location.line, diag.key)
    if entry is None or not re.fullmatch(r"[0-9]+", entry.value):
        return None
    start = view.single_line_value(entry)
    if start is None:
        return None
    at = (entry.line, start + len(entry.value) + 1)
    return Fix(
        f"write ha.pull_interval = {entry.value}s (a bare number is seconds in every 1.x release)",
        (Edit(view.display, at, at, "s"),),
    )


# --- coordinator ------------------------------------------------------------------------------


@fixer("NHA205", "safe")
def myid_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks around the id on the first line of ``myid``."""
    view = inp.file
    content = view.content(1)
    if content is None:
        return None
    stripped = content.strip(" \t")
    if stripped == content or not re.fullmatch(r"[0-9]+", stripped):
        return None
    return Fix(
        f"write the id {stripped} alone on the first line of myid",
        (Edit(view.display, (1, 1), (1, len(content) + 1), stripped),),
    )


@fixer("NHA212", "safe")
def server_line_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks at the end of a ``server.N`` line (ZooKeeper 3.3/3.4 trim them,
    3.5+ reject the line)."""
    diag, view = inp.diag, inp.file
    if not _usable(inp) or diag.key is None:
        return None
    entry = view.entry_at(diag.location.line, diag.key)
    if entry is None:
        return None
    content = view.content(entry.end_line) or ""
    stripped = content.rstrip(_BLANKS)
    if (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        return None  # an escaped blank: not plain trailing whitespace
    new_value = entry.value.rstrip(_BLANKS)
    if stripped == content or new_value != entry.value.strip(" \t\f\r\n"):
        return None
    last = entry.end_line
    edit = Edit(view.display, (last, len(stripped) + 1), (last, len(content) + 1), "")
    after = _after(view, (edit,))
    if after is None or _reads(_entry_lines(view, entry).rstrip("\r\n").rstrip(_BLANKS)) != [
        (entry.key, new_value)
    ]:
        return None
    return Fix(f"delete the trailing blanks of {diag.key}", (edit,))


# --- cluster ----------------------------------------------------------------------------------

_LISTED = re.compile(r" lists (\S+), but ")


@fixer("NHA303", "unsafe")
def coordinator_client_port(inp: FixInput) -> Fix | None:
    """Rewrite a coordinator-list entry that names a coordinator's quorum or election port to
    that coordinator's client port, when the tree shows exactly one coordinator it can mean.
    Unsafe: the node then talks to another address."""
    from neoha_config import topology
    from neoha_config.models.values import HostPort

    diag, view = inp.diag, inp.file
    m = _LISTED.search(diag.message)
    facts = inp.facts()
    node = inp.node()
    if not _usable(inp) or diag.key is None or m is None or facts is None or node is None:
        return None
    entry = view.entry_at(diag.location.line, diag.key)
    if entry is None:
        return None
    start = view.single_line_value(entry)
    if start is None:
        return None
    try:
        listed = HostPort.parse(m.group(1), split_at="last")
    except ValueError:
        return None
    ens = None
    cluster = facts.topology().cluster_of.get(id(node))
    if cluster is not None:
        ens = cluster.ensemble
    if ens is None:
        return None
    host = topology.host_key(listed.host)
    targets = set()
    for coord in ens.coordinators:
        line = topology.own_server_line(coord)
        client = topology.client_endpoint(coord)
        if line is None or topology.host_key(line.host) != host:
            continue
        if listed.port in (line.quorum_port, line.election_port):
            if client is None:
                return None
            targets.add(client[1])
    if len(targets) != 1:
        return None
    port = targets.pop()
    offset = 0
    edits = []
    for raw in entry.value.split("/", 1)[0].split(","):
        try:
            hp = HostPort.parse(raw, split_at="last")
        except ValueError:
            hp = None
        if hp is not None and topology.host_key(hp.host) == host and hp.port == listed.port:
            colon = start + offset + raw.rindex(":")
            edits.append(
                Edit(
                    view.display,
                    (entry.line, colon + 2),
                    (entry.line, start + offset + len(raw) + 1),
                    str(port),
                )
            )
        offset += len(raw) + 1
    if len(edits) != 1:
        return None
    return Fix(
        f"list {listed.host}:{port}, the coordinator's client port",
        tuple(edits),
        Applicability.UNSAFE,
    )
