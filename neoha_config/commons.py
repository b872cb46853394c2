"""``neo4j-server.properties`` read as Commons Configuration 1.6 reads it (one file: one reader)."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.properties import Document

__all__ = [
    "CONTINUATION",
    "DROPPED",
    "DUPLICATE",
    "ESCAPE",
    "INCLUDE",
    "INTERPOLATION",
    "KEY",
    "KINDS",
    "LIST",
    "TRIMMED",
    "Difference",
    "Failure",
    "Include",
    "Note",
    "Occurrence",
    "Reading",
    "Release",
    "compare",
    "read",
]

Release = Literal["1.6", "1.10"]

# Kinds of construct this reader reads differently from java.util.Properties (see ``Note``).
TRIMMED = "trimmed"
LIST = "list"
ESCAPE = "escape"
CONTINUATION = "continuation"
DROPPED = "dropped"
INTERPOLATION = "interpolation"
INCLUDE = "include"
DUPLICATE = "duplicate"
KEY = "key"
KINDS = (TRIMMED, LIST, ESCAPE, CONTINUATION, DROPPED, INTERPOLATION, INCLUDE, DUPLICATE, KEY)

# java.lang.String.trim(): every char up to U+0020 at either end.
_JTRIM = "".join(map(chr, range(33)))
# One physical line as java.io.LineNumberReader.readLine splits them.
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|)")
# 1.6 PropertiesReader.parseProperty: the key runs to the first unescaped blank or separator.
_KEY_16 = re.compile(r"(?:[^\\ \t\f=:]|\\.)*", re.DOTALL)
_KEY_ESCAPE_16 = re.compile(r"\\(.)", re.DOTALL)
_BLANKS_16 = " \t\f"
# 1.10 PROPERTY_PATTERN: Java's \s is [ \t\n\x0B\f\r]; its '.' excludes line terminators.
_JAVA_WS = " \t\n\x0b\f\r"
_KEY_110 = re.compile(r"(?:[^ \t\n\x0b\f\r\\=:]|\\[^\n\r\x85\u2028\u2029])*")
_NOT_DOT = re.compile(r"[\n\r\x85\u2028\u2029]")
# Escapes of StringEscapeUtils.unescapeJava (keys) and PropertiesConfiguration.unescapeJava
# (values): \uXXXX (fewer than four chars at the end are dropped), one char, or a final '\'.
_ESCAPE = re.compile(r"\\(?:u(.{0,4})|(.)|\Z)", re.DOTALL)
_SIMPLE = {"\\": "\\", "'": "'", '"': '"', "r": "\r", "f": "\f", "t": "\t", "n": "\n", "b": "\b"}
# Integer.parseInt(s, 16) of the four chars: an optional sign, then hex digits.
_JAVA_HEX = re.compile(r"[+-]?[0-9A-Fa-f]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# PropertyConverter.split with ',' and escape '\'.
_LIST_TOKEN = re.compile(r"[^\\,]+|\\(.)|\\\Z|,", re.DOTALL)
_INCLUDE = "include"


@dataclass(frozen=True, slots=True)
class Note:
    """A construct read differently from ``java.util.Properties``, with its place.

    ``kind`` is one of ``trimmed`` (blanks or control characters around the value or key are
    dropped), ``list`` (an unescaped comma splits the value), ``escape`` (an escape the JVM
    reads otherwise: ``\\b``, ``\\,`` in a value that is no list, a cut ``\\u``),
    ``continuation`` (a ``\\`` continuation the JVM ends or joins otherwise), ``dropped`` (a
    continuation at end of file: the property is lost), ``interpolation`` (``${`` is expanded by
    ``getString``), ``include`` (an ``include`` line loads another file and is no property),
    ``duplicate`` (a repeated key collects a list and the first value wins; the JVM keeps the
    last) and ``key`` (the key is read otherwise).
    """

    kind: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One property line: the values it adds to ``key``, in order.

    ``line``/``column`` locate the key's first character, ``value_line``/``value_column`` the
    value's first character (1-based, columns count characters of the physical line);
    ``end_line`` is the last physical line read for it.
    """

    key: str
    values: tuple[str, ...]
    line: int
    column: int
    value_line: int
    value_column: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Include:
    """An ``include`` line (the key compared ignoring case): another file loaded in its place.

    ``value`` is the value as read; ``files`` the names the library loads, in order (the value
    split at every comma, escaped or not, empty pieces dropped, each trimmed), before ``${}``
    interpolation and before resolving against the including file's directory. A blank piece
    gives "", which names that directory and fails the whole load, as a missing file does.
    Nothing is read here: the caller decides what an included file is.
    """

    value: str
    files: tuple[str, ...]
    line: int
    column: int
    end_line: int


@dataclass(frozen=True, slots=True)
class Failure:
    """Why the library refuses the whole file (a ``\\u`` escape whose four chars are no number).

    Loaded from a file, the failure is a ``ConfigurationException``: the Neo4j server logs a
    warning and runs without any of this file's settings.
    """

    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Difference:
    """A key the two readers read differently: ``commons`` values (empty when the key is not a
    property there) against the JVM's value (None when it has no such key)."""

    key: str
    commons: tuple[str, ...]
    jvm: str | None
    line: int
    column: int
    kinds: tuple[str, ...]


@dataclass(slots=True)
class Reading:
    """A whole file as ``PropertiesConfiguration`` holds it after loading.

    ``occurrences`` lists every property line in file order; ``includes`` every include line;
    ``notes`` the constructs ``java.util.Properties`` reads otherwise; ``failure`` is set when
    the library rejects the file (the rest is then a best-effort reading).
    """

    release: Release = "1.6"
    occurrences: list[Occurrence] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    failure: Failure | None = None
    _values: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def keys(self) -> list[str]:
        """Every key, in the order of its first occurrence (the library's ``getKeys()``)."""
        return list(self._values)

    def values(self, key: str) -> list[str]:
        """Every value of ``key`` in order (all occurrences, each split at commas); [] if none."""
        return list(self._values.get(key, ()))

    def get_string(self, key: str) -> str | None:
        """``getString(key)`` without interpolation: the first value, or None when absent."""
        found = self._values.get(key)
        return found[0] if found else None

    def occurrences_of(self, key: str) -> list[Occurrence]:
        """The property lines of ``key`` in file order."""
        return [o for o in self.occurrences if o.key == key]

    def to_dict(self) -> dict[str, list[str]]:
        """Every key with its list of values, in key order."""
        return {key: list(values) for key, values in self._values.items()}


_shared = sys.intern


def _jtrim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text[start:end]`` after ``String.trim()``."""
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return start, end


def _java_hex(digits: str) -> int | None:
    """``(char) Integer.parseInt(digits, 16)``, or None when Java throws."""
    if len(digits) != 4 or not _JAVA_HEX.fullmatch(digits):
        return None
    return int(digits, 16) & 0xFFFF


def _unescape(
    text: str, delimiter: str, bad: list[int], notes: list[tuple[int, str]] | None = None
) -> str:
    """Decode escapes as commons-lang ``unescapeJava`` (``delimiter`` "") or as
    ``PropertiesConfiguration.unescapeJava`` (``delimiter`` ","), which keeps ``\\,`` whole.

    Offsets of malformed ``\\u`` escapes go to ``bad``; escapes the JVM reads otherwise go to
    ``notes`` as (offset, description).
    """
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        hexdigits, other = m.group(1), m.group(2)
        if hexdigits is not None:
            if len(hexdigits) < 4:
                if notes is not None:
                    notes.append((m.start(), "a cut '\\u' escape at the end is dropped"))
                return ""
            code = _java_hex(hexdigits)
            if code is None:
                bad.append(m.start())
                return "u" + hexdigits
            return chr(code)
        if other is None:
            return "\\"  # a final '\\' is kept
        if other == delimiter and delimiter:
            return "\\" + other
        if notes is not None and other == "b":
            notes.append((m.start(), "'\\b' is a backspace"))
        return _SIMPLE.get(other, other)

    out = _ESCAPE.sub(one, text)
    if _SURROGATE.search(out):
        out = out.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return out


def _split(value: str) -> list[str]:
    """``PropertyConverter.toIterator``: split at unescaped commas when one follows index 0."""
    if value.find(",") <= 0:
        return [value]
    if "\\" not in value:
        return [token.strip(_JTRIM) for token in value.split(",")]
    tokens: list[str] = []
    token: list[str] = []
    for m in _LIST_TOKEN.finditer(value):
        piece = m.group(0)
        if piece == ",":
            tokens.append("".join(token).strip(_JTRIM))
            token = []
        elif piece[0] != "\\":
            token.append(piece)
        else:
            escaped = m.group(1)
            if escaped is None:
                token.append("\\")
            elif escaped in ",\\":
                token.append(escaped)
            else:
                token.append(piece)
    tokens.append("".join(token).strip(_JTRIM))
    return tokens


def _is_include(key: str) -> bool:
    """``key.equalsIgnoreCase("include")`` as Java compares chars (dotted and dotless i too)."""
    if len(key) != len(_INCLUDE):
        return False
    folded = key.replace("\u0131", "i").replace("\u0130", "i")
    return all(
        a == b or (a.isascii() and a.lower() == b) for a, b in zip(folded, _INCLUDE, strict=True)
    )


def _include_files(value: str) -> tuple[str, ...]:
    """``StringUtils.split(value, ',')`` with each piece trimmed: the names the library loads."""
    return tuple(piece.strip(_JTRIM) for piece in value.split(",") if piece)


def _parse_16(buf: str) -> tuple[str, int, int]:
    """1.6 ``parseProperty``: (key before trim and unescape, value start, value end)."""
    m = _KEY_16.match(buf)
    assert m is not None  # the pattern matches the empty string
    end = m.end()
    key = m.group(0)
    if "\\" in key:
        key = _KEY_ESCAPE_16.sub(
            lambda e: e.group(1) if e.group(1) in "=: \t\f" else e.group(0), key
        )
    n = len(buf)
    if end >= n or buf[end] == "\\":
        # End of line, or a lone '\' as its last char: the automaton ends without a value.
        return key, n, n
    if buf[end] in "=:":
        return key, end + 1, n
    start = end
    while start < n and buf[start] in _BLANKS_16:
        start += 1
    if start < n and buf[start] in "=:":
        start += 1
    return key, start, n


def _parse_110(buf: str) -> tuple[str, int, int] | None:
    """1.10 ``PROPERTY_PATTERN`` without backtracking; None when the pattern does not match."""
    m = _KEY_110.match(buf)
    assert m is not None
    end = m.end()
    n = len(buf)
    if end >= n or buf[end] not in _JAVA_WS + "=:" or _NOT_DOT.search(buf, end):
        return None
    start = end
    while start < n and buf[start] in _JAVA_WS:
        start += 1
    if start < n and buf[start] in "=:":
        start += 1
        while start < n and buf[start] in _JAVA_WS:
            start += 1
    return buf[:end], start, n


class _Logical:
    """The trimmed physical lines joined into one logical line, with their places."""

    __slots__ = ("buf", "places", "starts")

    def __init__(self, parts: list[str], places: list[tuple[int, int]]) -> None:
        self.places = places
        if len(parts) == 1:
            self.buf = parts[0]
            self.starts = [0]
            return
        self.buf = "".join(parts)
        starts: list[int] = []
        length = 0
        for part in parts:
            starts.append(length)
            length += len(part)
        self.starts = starts

    def locate(self, offset: int) -> tuple[int, int]:
        """Line and 1-based column of the char at ``offset`` (or just after the last one)."""
        i = bisect_right(self.starts, offset) - 1
        line, column = self.places[i]
        return line, column + offset - self.starts[i] + 1


def read(data: bytes | str, *, release: Release = "1.6") -> Reading:
    """Read a properties file as ``new PropertiesConfiguration(File)`` of ``release`` does.

    Bytes are decoded as ISO-8859-1 (the library's default encoding). Never raises: a ``\\u``
    escape the library cannot parse sets ``failure``. ``release`` "1.10" follows the regular
    expression that replaced 1.6's key/value automaton (see docs/commons-configuration.md).
    """
    text = data if isinstance(data, str) else bytes(data).decode("latin-1")
    reading = Reading(release=release)
    n = len(text)
    pos = 0
    lineno = 1
    while pos < n:
        parts: list[str] = []
        places: list[tuple[int, int]] = []
        notes: list[Note] = []
        complete = trailing = False
        while pos < n:
            m = _LINE.match(text, pos)
            assert m is not None  # _LINE matches any text
            content = m.group(1)
            pos = m.end()
            line = lineno
            lineno += 1
            start, end = _jtrim_span(content, 0, len(content))
            if start == end or content[start] in "#!":
                if parts:
                    notes.append(
                        Note(
                            CONTINUATION,
                            line,
                            start + 1,
                            "a blank or comment line inside a '\\' continuation is skipped; "
                            "the JVM ends the property there or joins the line",
                        )
                    )
                continue
            if content[:start].strip(" \t\f"):
                kind, what = (CONTINUATION, "a continued line") if parts else (KEY, "the line")
                notes.append(Note(kind, line, 1, f"control characters starting {what} are dropped"))
            body = content[start:end]
            run = len(body) - len(body.rstrip("\\"))
            if run % 2:
                if end < len(content) and content[end] in " \t\f":
                    notes.append(
                        Note(
                            CONTINUATION,
                            line,
                            end,
                            "a '\\' followed by trailing blanks continues the line; the JVM "
                            "reads an escaped blank",
                        )
                    )
                parts.append(body[:-1])
                places.append((line, start))
                continue
            parts.append(body)
            places.append((line, start))
            trailing = end < len(content)
            complete = True
            break
        if not complete:
            if parts:
                line, column = places[0]
                reading.notes.append(
                    Note(
                        DROPPED,
                        line,
                        column + 1,
                        "a '\\' continuation runs to the end of the file: the property is lost; "
                        "the JVM keeps it",
                    )
                )
            break
        reading.notes.extend(notes)
        _property(reading, _Logical(parts, places), lineno - 1, release, trailing=trailing)
    return reading


def _property(
    reading: Reading, logical: _Logical, end_line: int, release: Release, *, trailing: bool
) -> None:
    """Parse one logical line and record it as a property or an include."""
    buf = logical.buf
    parsed = _parse_16(buf) if release == "1.6" else _parse_110(buf)
    key_line, key_column = logical.locate(0)
    if parsed is None:
        raw_key, v_start, v_end = "", 0, 0
        reading.notes.append(
            Note(
                KEY,
                key_line,
                key_column,
                "the line has no separator or holds U+0085: Commons Configuration 1.10 reads "
                "an empty key with an empty value",
            )
        )
    else:
        raw_key, v_start, v_end = parsed
    k_start, k_end = _jtrim_span(raw_key, 0, len(raw_key))
    if (k_start, k_end) != (0, len(raw_key)):
        reading.notes.append(
            Note(KEY, key_line, key_column, "the key is trimmed of blanks and control characters")
        )
    lead = v_start
    v_start, v_end = _jtrim_span(buf, v_start, v_end)
    if parsed is not None and v_start < v_end and (trailing or buf[lead:v_start].strip(" \t\f")):
        line, column = logical.locate(v_start)
        reading.notes.append(
            Note(
                TRIMMED,
                line,
                column,
                "blanks or control characters around the value are dropped; the JVM keeps them",
            )
        )
    bad: list[int] = []
    key = _unescape(raw_key[k_start:k_end], "", bad)
    if bad and reading.failure is None:
        reading.failure = Failure(
            key_line,
            key_column,
            "malformed \\uxxxx escape in the key: the library rejects the file",
        )
    value_notes: list[tuple[int, str]] = []
    bad = []
    value = _unescape(buf[v_start:v_end], ",", bad, value_notes)
    value_line, value_column = logical.locate(v_start)
    for offset in bad:
        if reading.failure is None:
            line, column = logical.locate(v_start + offset)
            reading.failure = Failure(
                line, column, "malformed \\uxxxx escape: the library rejects the whole file"
            )
    for offset, description in value_notes:
        line, column = logical.locate(v_start + offset)
        reading.notes.append(
            Note(ESCAPE, line, column, description + "; the JVM reads it otherwise")
        )
    if _is_include(key):
        reading.includes.append(
            Include(value, _include_files(value), key_line, key_column, end_line)
        )
        reading.notes.append(
            Note(
                INCLUDE,
                key_line,
                key_column,
                "an include line loads another file and is no property; the JVM reads a key",
            )
        )
        return
    # Keys and values are interned, as the properties parser's are: a tree's server files
    # repeat the same keys and most of the same values.
    key = _shared(key)
    values = [_shared(piece) for piece in _split(value)]
    if len(values) > 1:
        reading.notes.append(
            Note(LIST, value_line, value_column, f"the value is a list of {len(values)} items")
        )
    if "\\," in value and value.find(",") <= 0:
        # No list split, so the list escape stays; the JVM reads "\\," as ",".
        reading.notes.append(
            Note(ESCAPE, value_line, value_column, "'\\,' is kept whole when the value is no list")
        )
    if "${" in value:
        reading.notes.append(
            Note(INTERPOLATION, value_line, value_column, "getString expands '${...}'")
        )
    store = reading._values
    if key in store:
        reading.notes.append(
            Note(
                DUPLICATE,
                key_line,
                key_column,
                "a repeated key adds to a list and getString returns the first value; the JVM "
                "keeps the last",
            )
        )
        store[key].extend(values)
    else:
        store[key] = list(values)
    reading.occurrences.append(
        Occurrence(
            key,
            tuple(values),
            key_line,
            key_column,
            value_line,
            value_column,
            end_line,
        )
    )


def compare(reading: Reading, document: Document) -> list[Difference]:
    """Every key whose reading differs from the JVM's reading of the same file.

    ``document`` is ``properties.parse`` of the same bytes. A key differs when the JVM has no
    such key, the library has none, the values differ, or the library holds a list. Each
    difference names the kinds of the notes on its lines (``Note.kind``).
    """
    jvm = document.to_dict()
    by_line: dict[int, set[str]] = {}
    for note in reading.notes:
        by_line.setdefault(note.line, set()).add(note.kind)
    out: list[Difference] = []
    seen: set[str] = set()

    def kinds(lines: Iterable[int]) -> tuple[str, ...]:
        found: set[str] = set()
        for line in lines:
            found |= by_line.get(line, set())
        return tuple(sorted(found))

    occurrences_by_key: dict[str, list[Occurrence]] = {}
    for occurrence in reading.occurrences:
        occurrences_by_key.setdefault(occurrence.key, []).append(occurrence)
    for key, values in reading._values.items():
        theirs = jvm.get(key)
        if theirs is not None and values == [theirs]:
            continue
        occurrences = occurrences_by_key[key]
        seen.add(key)
        first = occurrences[0]
        lines = [line for o in occurrences for line in range(o.line, o.end_line + 1)]
        out.append(Difference(key, tuple(values), theirs, first.line, first.column, kinds(lines)))
    for entry in document.entries:
        if entry.key in reading._values or entry.key in seen:
            continue
        seen.add(entry.key)
        lines = list(range(entry.line, entry.end_line + 1))
        out.append(
            Difference(entry.key, (), jvm[entry.key], entry.line, entry.column, kinds(lines))
        )
    return out
