"""File-level rules (NHA0xx): readability, syntax, duplicates, unknown keys, encoding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.tree import FileRole, Node, SourceFile

if TYPE_CHECKING:
    from neoha_config.properties import Entry

UNREADABLE = define(
    "NHA001",
    Severity.ERROR,
    "file cannot be read: permission, not a regular file (FIFO, device, directory), over 1 MiB, "
    "or vanished",
    """
    **What:** a known file (`neo4j-server.properties`, the database file, `coord.cfg`, `myid`)
    exists in a node but could not be read: the system refused (permission), it is not a
    regular file (a FIFO, a device, a socket, or a directory in the file's place), it is larger
    than 1 MiB, or it vanished between being listed and being opened (a dangling symlink
    counts).

    **Why:** Neo4j and ZooKeeper read these files at start; a file they cannot read stops the
    process, and nothing else can be checked in it. The checker never blocks on a FIFO or device
    and never reads more than 1 MiB of one file, so such a file is reported instead.

    **How to fix:** make the file a readable regular file, or remove what stands in its place.
    Configuration files are a few kilobytes; a file over 1 MiB is not a configuration file.

    **Example:** `mkfifo conf/neo4j.properties` gives
    `conf/neo4j.properties:1:1: NHA001 file cannot be read: it is a FIFO, not a regular file`.
    """,
)

MALFORMED_ESCAPE = define(
    "NHA002",
    Severity.ERROR,
    "properties syntax error: malformed \\uXXXX escape (the JVM throws)",
    """
    **What:** a key or value holds `\\u` not followed by four hexadecimal digits (`\\u12G4`, or
    `\\u12` cut by the end of the line).

    **Why:** `java.util.Properties.load` throws
    `IllegalArgumentException: Malformed \\uxxxx encoding.` and loads **nothing** from the file:
    the server or coordinator does not start. Inside a comment the same text is harmless. The
    checker still reads the rest of the file as well as it can, so other findings may follow.

    **How to fix:** write four hex digits (`\\u00e9`), or double the backslash to mean a literal
    one (`C:\\\\users` instead of `C:\\users`; Windows paths are the usual cause).

    **Example:** `org.neo4j.server.database.location=C:\\users\\neo4j\\data` (`\\us` is not an
    escape).
    """,
)

DUPLICATE_KEY = define(
    "NHA003",
    Severity.WARNING,
    "key set more than once in one file; the last wins. Two server.N lines for one N in coord.cfg "
    "is an error",
    """
    **What:** one key is assigned on two or more lines of one file. Both lines are reported: the
    finding sits on the later one and the earlier is a related site. In `coord.cfg`, two
    `server.N` lines for the same id (also spelled differently, like `server.1` and `server.01`,
    which ZooKeeper reads as the same number) are an error.

    **Why:** `java.util.Properties` silently keeps the last value, so an edit made to the first
    line has no effect, and readers of the file believe the wrong value. Two `server.N` lines for
    one id describe two machines of which ZooKeeper keeps only one: the ensemble loses a member
    and other coordinators disagree about its address.

    **How to fix:** delete the line that should not count, keeping one assignment per key. For
    `server.N`, give each coordinator its own id.

    **Example:**

    ```properties
    ha.server_id=1
    # ... fifty lines later
    ha.server_id=2
    ```
    """,
)

UNKNOWN_KEY = define(
    "NHA004",
    Severity.WARNING,
    "unknown key in a known namespace (ha.*, org.neo4j.server.*, online_backup*, "
    "enable_online_backup, every coord.cfg key), with a did-you-mean suggestion",
    """
    **What:** a key in a namespace Neo4j or ZooKeeper owns that neither knows: `ha.*`,
    `online_backup*` and `enable_online_backup` in the database file, `org.neo4j.server.*` in the
    server file, and any key of `coord.cfg`. The message suggests the closest known key. Other
    keys (kernel tuning such as `neostore.nodestore.db.mapped_memory`) are not checked.

    **Why:** nothing complains about a misspelt key: Neo4j never looks it up, and ZooKeeper
    turns an unknown `coord.cfg` key into the system property `zookeeper.<key>` and goes on. The
    setting the author meant keeps its default.

    `coord.cfg` keys are checked against what ZooKeeper 3.3 to 3.9 know. A key only a newer
    ZooKeeper than the chosen profile knows (for example `autopurge.purgeInterval`, 3.4+, under
    `--zookeeper 3.3`) is reported as `info`: the bundled coordinator ignores it, a newer one
    would use it.

    **How to fix:** correct the spelling (keys are case-sensitive), or remove the line.

    **Example:** `ha.sever_id=1` (did you mean `ha.server_id`?), `ticktime=2000` (did you mean
    `tickTime`?).
    """,
)

TRAILING_WHITESPACE = define(
    "NHA005",
    Severity.WARNING,
    "value has trailing whitespace that Neo4j keeps (not in coord.cfg, which ZooKeeper trims)",
    """
    **What:** a value in `neo4j-server.properties` or the database file ends in blanks (spaces,
    tabs) that are not escaped. The column points at the first trailing blank.

    **Why:** `java.util.Properties` keeps trailing whitespace, and Neo4j 1.x uses values as they
    are: `ha.server_id=1 ` fails `Integer.parseInt`, `ha.pull_interval=10 ` fails with
    `Unrecognized unit`, a blank after a port in `ha.coordinators` is a NumberFormatException in
    the ZooKeeper client, and a file name ending in a blank names another file. ZooKeeper trims
    `coord.cfg` values, so they are not reported here (`server.N` lines have their own rule,
    NHA212).

    **How to fix:** delete the trailing blanks; if one is really wanted, escape it (`\\ `).

    **Example:** `ha.server_id=1␠␠` (two trailing spaces).
    """,
)

ENCODING = define(
    "NHA006",
    Severity.WARNING,
    "byte-order mark or non-ASCII byte: the JVM reads ISO-8859-1, so a UTF-8 BOM becomes part of "
    "the first key",
    """
    **What:** the file starts with a UTF-8 byte-order mark, or a key or value line holds a byte
    outside ASCII. Comments are not checked.

    **Why:** `Properties.load(InputStream)` decodes ISO-8859-1. A UTF-8 BOM becomes the three
    characters `ï»¿` at the start of the first key, so `ha.server_id` on the first line is read
    as `ï»¿ha.server_id` and is not found. A UTF-8 `é` (two bytes) becomes `Ã©`.

    **How to fix:** save the file without a BOM, and write characters outside ASCII as `\\uXXXX`
    escapes (`native2ascii` does it).

    **Example:** an editor saving `conf/neo4j.properties` as "UTF-8 with BOM".
    """,
)

NO_NODE = define(
    "NHA007",
    Severity.ERROR,
    "no node found under a path argument",
    """
    **What:** a directory given to `check` holds no node, or a file given to `check` belongs to
    no node. A node is a NEO4J_HOME (a directory whose `conf/` holds
    `neo4j-server.properties`, `neo4j.properties`, `coord.cfg` or the misnamed
    `neo-server.properties`) or a directory holding one of these files, or `myid`, directly.
    Hidden and symlinked directories are not searched.

    **Why:** a check that finds nothing to check must not pass silently: the path is usually
    mistyped, or the files are misnamed.

    **How to fix:** pass the directory that holds the NEO4J_HOMEs, or fix the file names.

    **Example:** `neoha-config check prod/` where the homes are under `production/`.
    """,
)

MISNAMED_SERVER = define(
    "NHA008",
    Severity.ERROR,
    "neo-server.properties found: Neo4j never reads that name; the server file is "
    "neo4j-server.properties",
    """
    **What:** a node holds `neo-server.properties`.

    **Why:** the Neo4j server reads `conf/neo4j-server.properties` (the wrapper passes it as
    `-Dorg.neo4j.server.properties`); nothing reads `neo-server.properties`. The name comes from
    a typo in the 1.x manual's server HA section. Every setting in it, typically
    `org.neo4j.server.database.mode=HA`, is ignored, so the server starts in single mode.

    **How to fix:** rename the file to `neo4j-server.properties` (merge it into the existing one
    if both exist).

    **Example:** `conf/neo-server.properties` holding `org.neo4j.server.database.mode=HA`.
    """,
)

PARSER_DISAGREEMENT = define(
    "NHA009",
    Severity.WARNING,
    "a construct where Python properties libraries and the JVM disagree (a line that is only "
    "\\); reported with the JVM's reading",
    """
    **What:** a line that is only a backslash, either at the end of the file or followed by a
    line starting with `#` or `!`.

    **Why:** the JVM reads such a line in a way Python properties libraries do not: at the end
    of the file it stores an empty key with an empty value, and before a `#` line it makes that
    line a comment, where `javaproperties` reads a key. Tools built on those libraries then see
    other settings than Neo4j or ZooKeeper. The checker follows the JVM; the message says how
    the JVM reads the lines.

    **How to fix:** delete the lone backslash (it is almost always a leftover of a wrapped line).

    **Example:**

    ```properties
    ha.pull_interval=10s
    \\
    #ha.server_id=2
    ```
    """,
)

UNUSED_SUPPRESSION = define(
    "NHA010",
    Severity.INFO,
    "a # neoha: ignore[...] comment that suppresses nothing",
    """
    **What:** a suppression comment `# neoha: ignore[CODE]` whose code found nothing on the
    key directly below it, that is not directly above a key, that names no code, or that names
    something that is not a rule code.

    **Why:** a stale suppression hides the next real finding on that key and misleads readers
    into thinking the line has a known problem.

    **How to fix:** delete the comment, or move it directly above the key it is meant for.

    **Example:**

    ```properties
    # neoha: ignore[NHA004]
    ha.server_id=1
    ```

    `ha.server_id` is a known key, so nothing is suppressed.
    """,
)

_BLANKS = " \t\f"
_BOM = b"\xef\xbb\xbf"
_PROPERTIES_ROLES = (FileRole.SERVER, FileRole.DATABASE, FileRole.COORD, FileRole.MISNAMED_SERVER)
_SERVER_PREFIX = "org.neo4j.server."
_LINES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def _q(text: str) -> str:
    """``text`` in single quotes, as the user wrote it (the reports escape control characters)."""
    return f"'{text}'"


def _sources(node: Node) -> Iterator[SourceFile]:
    for role in _PROPERTIES_ROLES:
        source = node.files.get(role)
        if source is not None and source.document is not None:
            yield source


@check(Scope.NODE)
def unreadable(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA001 for each file of ``node`` that could not be read."""
    for source in node.files.values():
        if source.error is not None:
            yield UNREADABLE.diag(
                source.loc(),
                f"file cannot be read: {source.error}",
                node=node.name,
            )


def _physical_line(source: SourceFile, line: int) -> str:
    """The text of physical line ``line`` (1-based) of ``source``, without its terminator."""
    data = source.data or b""
    for number, match in enumerate(_LINES.finditer(data), start=1):
        if number == line:
            return match.group().rstrip(b"\r\n").decode("latin-1")
        if match.end() >= len(data):
            break
    return ""


@check(Scope.NODE)
def syntax(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA002 for fatal document issues, NHA009 for JVM/Python disagreements."""
    for source in _sources(node):
        assert source.document is not None
        for issue in source.document.issues:
            if issue.fatal:
                text = _physical_line(source, issue.line)[issue.column - 1 : issue.column + 5]
                yield MALFORMED_ESCAPE.diag(
                    source.loc(issue.line, issue.column),
                    f"malformed \\uXXXX escape {_q(text)}: the JVM throws 'Malformed \\uxxxx "
                    "encoding' and loads nothing from this file",
                    node=node.name,
                    key=_key_at(source, issue.line),
                )
            else:
                yield PARSER_DISAGREEMENT.diag(
                    source.loc(issue.line, issue.column),
                    issue.message,
                    node=node.name,
                )


def _key_at(source: SourceFile, line: int) -> str | None:
    assert source.document is not None
    for entry in source.document.entries:
        if entry.line <= line <= entry.end_line:
            return entry.key
    return None


def _server_id(key: str) -> int | None:
    from neoha_config.models.coord import SERVER_KEY, parse_server_id

    if not SERVER_KEY.match(key):
        return None
    try:
        return parse_server_id(key)
    except ValueError:
        return None


@check(Scope.NODE)
def duplicates(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA003: keys set twice (warning), ``server.N`` ids defined twice in coord.cfg (error)."""
    for source in _sources(node):
        assert source.document is not None
        seen: dict[str, Entry] = {}
        ids: dict[int, Entry] = {}
        for entry in source.document.entries:
            earlier = seen.get(entry.key)
            if earlier is not None:
                yield _duplicate(node, source, entry, earlier, exact=True)
            seen[entry.key] = entry
            if source.role is not FileRole.COORD:
                continue
            sid = _server_id(entry.key)
            if sid is None:
                continue
            other = ids.get(sid)
            if other is not None and other.key != entry.key:
                yield _duplicate(node, source, entry, other, exact=False, server_id=sid)
            ids[sid] = entry


def _duplicate(
    node: Node,
    source: SourceFile,
    entry: Entry,
    earlier: Entry,
    *,
    exact: bool,
    server_id: int | None = None,
) -> Diagnostic:
    is_server = source.role is FileRole.COORD and (
        server_id is not None or _server_id(entry.key) is not None
    )
    if exact:
        message = (
            f"{_q(entry.key)} is set more than once: line {earlier.line} sets {_q(earlier.value)}, "
            f"line {entry.line} sets {_q(entry.value)}; the last one wins"
        )
        if is_server:
            message += ", so ZooKeeper never sees the first server line"
    else:
        message = (
            f"{_q(earlier.key)} (line {earlier.line}) and {_q(entry.key)} both define server id "
            f"{server_id}: ZooKeeper reads both as {server_id} and keeps only one of "
            f"{_q(earlier.value)} and {_q(entry.value)}"
        )
    return DUPLICATE_KEY.diag(
        source.loc(entry.line, entry.column),
        message,
        severity=Severity.ERROR if is_server else None,
        node=node.name,
        key=entry.key,
        related=[source.loc(earlier.line, earlier.column)],
    )


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _suggest(key: str, known: frozenset[str] | set[str]) -> str:
    folded = {k.lower(): k for k in known}
    match = folded.get(key.lower())
    if match is None:
        import difflib  # only when a key is unknown: keeps the check hook's start-up small

        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
        if not close:
            close = difflib.get_close_matches(key.lower(), sorted(folded), n=1, cutoff=0.75)
            close = [folded[c] for c in close]
        match = close[0] if close else None
    return f"; did you mean {_q(match)}?" if match else ""


@check(Scope.NODE)
def unknown_keys(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA004: unknown keys in the namespaces Neo4j and ZooKeeper own, with a suggestion."""
    from neoha_config.models.coord import COORD_KEY_SINCE, coord_key_since
    from neoha_config.models.database import HA_NAMESPACES
    from neoha_config.models.database import KNOWN_KEYS as DATABASE_KEYS
    from neoha_config.models.server import KNOWN_KEYS as SERVER_KEYS

    profile = _version(ctx.profile.value)
    for source in _sources(node):
        assert source.document is not None
        for entry in source.document.entries:
            key = entry.key
            if not key:
                continue
            if source.role is FileRole.COORD:
                since = coord_key_since(key)
                if since is None:
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown coord.cfg key {_q(key)}: ZooKeeper sets it as the system "
                        f"property 'zookeeper.{key}' and ignores it"
                        + _suggest(key, set(COORD_KEY_SINCE) | {"server.1"}),
                        node=node.name,
                        key=key,
                    )
                elif _version(since) > profile:
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"{_q(key)} is known to ZooKeeper {since}+; ZooKeeper {ctx.profile.value} "
                        f"sets it as the system property 'zookeeper.{key}' and ignores it",
                        severity=Severity.INFO,
                        node=node.name,
                        key=key,
                    )
            elif source.role is FileRole.DATABASE:
                if key.startswith(HA_NAMESPACES) and key not in DATABASE_KEYS:
                    known = {k for k in DATABASE_KEYS if k.startswith(HA_NAMESPACES)}
                    yield UNKNOWN_KEY.diag(
                        source.loc(entry.line, entry.column),
                        f"unknown key {_q(key)}: Neo4j never reads it" + _suggest(key, known),
                        node=node.name,
                        key=key,
                    )
            elif key.startswith(_SERVER_PREFIX) and key not in SERVER_KEYS:
                yield UNKNOWN_KEY.diag(
                    source.loc(entry.line, entry.column),
                    f"unknown key {_q(key)}: the Neo4j server never reads it"
                    + _suggest(key, SERVER_KEYS),
                    node=node.name,
                    key=key,
                )


def _trailing_column(entry: Entry) -> int | None:
    """The column of the first unescaped trailing blank on the entry's last line, or None."""
    lines = entry.raw.splitlines()
    if not lines:
        return None
    content = lines[-1]
    stripped = content.rstrip(_BLANKS)
    if len(stripped) == len(content):
        return None
    slashes = len(stripped) - len(stripped.rstrip("\\"))
    start = len(stripped) + (1 if slashes % 2 else 0)  # an escaped blank is meant
    if start >= len(content):
        return None
    return start + 1


@check(Scope.NODE)
def trailing_whitespace(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA005: unescaped trailing blanks in values of the server and database files."""
    for source in _sources(node):
        if source.role is FileRole.COORD:
            continue  # ZooKeeper trims values; server.N lines are NHA212's
        assert source.document is not None
        for entry in source.document.entries:
            if entry.value == entry.value.rstrip(_BLANKS):
                continue
            column = _trailing_column(entry)
            if column is None:
                continue
            blanks = len(entry.value) - len(entry.value.rstrip(_BLANKS))
            yield TRAILING_WHITESPACE.diag(
                source.loc(entry.end_line, column),
                f"value of {_q(entry.key)} ends in {blanks} blank(s) that Neo4j keeps: "
                f"{_q(entry.value)} is read, not {_q(entry.value.rstrip(_BLANKS))}",
                node=node.name,
                key=entry.key,
            )


@check(Scope.NODE)
def encoding(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA006: a UTF-8 byte-order mark, or a non-ASCII byte on a key or value line."""
    for source in _sources(node):
        assert source.document is not None
        data = source.data or b""
        if data.isascii():  # no BOM and no byte above 0x7F: the common case, in C
            continue
        comments = {c.line for c in source.document.comments}
        for number, match in enumerate(_LINES.finditer(data), start=1):
            raw = match.group()
            if number == 1 and raw.startswith(_BOM):
                first = source.document.entries[0] if source.document.entries else None
                if first is not None and first.line == 1:
                    reading = (
                        f"the first key is read as {_q(first.key)}, not {_q(first.key[3:])}"
                        if first.key.startswith("\xef\xbb\xbf")
                        else f"the first line is read as {_q(first.raw.splitlines()[0])}"
                    )
                else:
                    reading = "the JVM reads it as the three characters 'ï»¿'"
                yield ENCODING.diag(
                    source.loc(1, 1),
                    f"the file starts with a UTF-8 byte-order mark; the JVM reads ISO-8859-1, "
                    f"so {reading}",
                    node=node.name,
                    key=first.key if first is not None and first.line == 1 else None,
                )
            elif number not in comments:
                offset = next((i for i, b in enumerate(raw) if b > 0x7F), None)
                if offset is not None:
                    yield _non_ascii(node, source, number, raw, offset)
            if match.end() >= len(data):
                break


def _non_ascii(node: Node, source: SourceFile, line: int, raw: bytes, offset: int) -> Diagnostic:
    end = offset
    while end < len(raw) and raw[end] > 0x7F:
        end += 1
    run = raw[offset:end]
    latin1 = run.decode("latin-1")
    try:
        meant = run.decode("utf-8")
    except UnicodeDecodeError:
        meant = None
    if meant is not None and meant != latin1:
        reading = f"UTF-8 {_q(meant)} is read as {_q(latin1)}"
    else:
        reading = f"it is read as {_q(latin1)}"
    return ENCODING.diag(
        source.loc(line, offset + 1),
        f"non-ASCII byte 0x{run[0]:02X}: the JVM reads ISO-8859-1, so {reading}; "
        "write it as a \\uXXXX escape",
        node=node.name,
        key=_key_at(source, line),
    )


@check(Scope.NODE)
def misnamed(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA008: ``neo-server.properties`` is never read."""
    source = node.files.get(FileRole.MISNAMED_SERVER)
    if source is None:
        return
    also = (
        ", and this node's neo4j-server.properties does not see its settings"
        if FileRole.SERVER in node.files
        else ", so the server runs with default settings (single mode)"
    )
    yield MISNAMED_SERVER.diag(
        source.loc(),
        "Neo4j never reads 'neo-server.properties'; the server file is "
        f"'neo4j-server.properties'{also}",
        node=node.name,
    )
