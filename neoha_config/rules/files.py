"""File-level rules (NHA0xx): readability, syntax, encoding, node discovery, suppressions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules._propfiles import property_sources, quote
from neoha_config.tree import FileRole, Node, SourceFile

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

_BOM = b"\xef\xbb\xbf"
_LINES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|\Z)")


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


@check(Scope.NODE)
def syntax(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA002 for fatal document issues, NHA009 for JVM/Python disagreements."""
    for source in property_sources(node):
        assert source.document is not None
        for issue in source.document.issues:
            if issue.fatal:
                yield MALFORMED_ESCAPE.diag(
                    source.loc(issue.line, issue.column),
                    f"malformed \\uXXXX escape {quote(issue.excerpt)}: the JVM throws 'Malformed "
                    "\\uxxxx encoding' and loads nothing from this file",
                    node=node.name,
                    key=issue.key,
                )
            else:
                yield PARSER_DISAGREEMENT.diag(
                    source.loc(issue.line, issue.column),
                    issue.message,
                    node=node.name,
                )


def _keys_by_line(source: SourceFile) -> dict[int, str]:
    """The key of the entry covering each physical line, built once per file (not per finding)."""
    assert source.document is not None
    keys: dict[int, str] = {}
    for entry in source.document.entries:
        for line in range(entry.line, entry.end_line + 1):
            keys.setdefault(line, entry.key)
    return keys


@check(Scope.NODE)
def encoding(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA006: a UTF-8 byte-order mark, or a non-ASCII byte on a key or value line."""
    for source in property_sources(node):
        assert source.document is not None
        data = source.data or b""
        if data.isascii():  # no BOM and no byte above 0x7F: the common case, in C
            continue
        comments = {c.line for c in source.document.comments}
        keys: dict[int, str] | None = None
        for number, match in enumerate(_LINES.finditer(data), start=1):
            raw = match.group()
            if number == 1 and raw.startswith(_BOM):
                first = source.document.entries[0] if source.document.entries else None
                if first is not None and first.line == 1:
                    reading = (
                        f"the first key is read as {quote(first.key)}, not {quote(first.key[3:])}"
                        if first.key.startswith("\xef\xbb\xbf")
                        else f"the first line is read as {quote(first.raw.splitlines()[0])}"
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
                    if keys is None:
                        keys = _keys_by_line(source)
                    yield _non_ascii(node, source, number, raw, offset, key=keys.get(number))
            if match.end() >= len(data):
                break


def _non_ascii(
    node: Node, source: SourceFile, line: int, raw: bytes, offset: int, *, key: str | None
) -> Diagnostic:
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
        reading = f"UTF-8 {quote(meant)} is read as {quote(latin1)}"
    else:
        reading = f"it is read as {quote(latin1)}"
    return ENCODING.diag(
        source.loc(line, offset + 1),
        f"non-ASCII byte 0x{run[0]:02X}: the JVM reads ISO-8859-1, so {reading}; "
        "write it as a \\uXXXX escape",
        node=node.name,
        key=key,
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
