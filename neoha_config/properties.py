"""Lossless Java properties documents as the JVM reads them (one file: one grammar, both ways)."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from typing import overload

from neoha_config.errors import NeohaConfigError
from neoha_config.records import dataclass, field

__all__ = [
    "Blank",
    "Comment",
    "Document",
    "Element",
    "Entry",
    "SyntaxIssue",
    "escape_key",
    "escape_value",
    "iter_lines",
    "parse",
    "split_lines",
]


@dataclass(slots=True)
class Entry:
    """One logical key/value line (continuations included).

    ``line``/``column`` locate the key's first character, ``value_line``/``value_column`` the
    value's first character (both 1-based; the column counts characters of the physical line).
    ``end_line`` is the last physical line of the logical line. ``raw`` is the exact source text
    of all its physical lines, line terminators included; an edited entry's ``raw`` is rebuilt.
    """

    key: str
    value: str
    line: int
    column: int
    value_line: int
    value_column: int
    end_line: int
    raw: str

    def __init__(  # noqa: PLR0917 - written out: one per line of every file
        self,
        key: str,
        value: str,
        line: int,
        column: int,
        value_line: int,
        value_column: int,
        end_line: int,
        raw: str,
    ) -> None:
        self.key = key
        self.value = value
        self.line = line
        self.column = column
        self.value_line = value_line
        self.value_column = value_column
        self.end_line = end_line
        self.raw = raw


@dataclass(slots=True)
class Comment:
    """A comment line (``#`` or ``!`` first non-blank); ``text`` is after the marker."""

    text: str
    line: int
    raw: str

    def __init__(self, text: str, line: int, raw: str) -> None:
        self.text = text
        self.line = line
        self.raw = raw


@dataclass(slots=True)
class Blank:
    """A line of only whitespace (or the empty remainder at end of file).

    A line that is only ``\\`` and that the JVM joins to nothing is a Blank too.
    """

    line: int
    raw: str

    def __init__(self, line: int, raw: str) -> None:
        self.line = line
        self.raw = raw


Element = Entry | Comment | Blank


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    """A located problem in the syntax: ``fatal`` when the JVM rejects the whole file.

    For a malformed escape, ``excerpt`` is the physical line's text from the backslash on (at
    most six characters) and ``key`` the key of the logical line holding it, so that a report
    needs no second pass over the file.
    """

    line: int
    column: int
    message: str
    fatal: bool
    excerpt: str = ""
    key: str | None = None


# One physical line: its content and its terminator ("" only at end of text).
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|)")
# A line without backslashes: indentation, key, separator, value (the content holds no CR/LF).
_SIMPLE = re.compile(r"([ \t\f]*)([^=: \t\f]*)([ \t\f]*[=:]?[ \t\f]*)(.*)", re.DOTALL)
# Key of a logical line: runs to the first unescaped '=', ':' or blank.
_KEY = re.compile(r"(?:[^\\=: \t\f]|\\.)*", re.DOTALL)
_SEP = re.compile(r"[ \t\f]*[=:]?[ \t\f]*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|(.))", re.DOTALL)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_BLANKS = " \t\f"
_MALFORMED = "malformed \\uxxxx escape: the JVM rejects the whole file"
_LINE_BYTES = re.compile(rb"([^\r\n]*)(\r\n|\r|\n|)")


def iter_lines(text: str) -> Iterator[tuple[str, str]]:
    """Each physical line of ``text`` as ``(content, terminator)``, as the JVM splits lines.

    Only ``\\n``, ``\\r`` and ``\\r\\n`` end a line (``str.splitlines`` also splits on form
    feeds, vertical tabs and Unicode separators, which the JVM keeps inside a line). The
    terminator is ``""`` only for a last line without one; empty text yields nothing.
    """
    pos, n = 0, len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        assert m is not None  # _LINE matches any text
        yield m.group(1), m.group(2)
        pos = m.end()


@overload
def split_lines(text: str) -> list[str]: ...
@overload
def split_lines(text: bytes) -> list[bytes]: ...
def split_lines(text: str | bytes) -> list[str] | list[bytes]:
    """The physical lines of ``text`` without their terminators, as the JVM splits them.

    Like ``str.splitlines()`` but only ``\\n``, ``\\r`` and ``\\r\\n`` end a line: a form feed
    (``remote_shell_name=shell\\f``) stays part of its line, as for ``Properties.load``. Works
    on ``str`` and on ``bytes``; a final terminator does not start an empty last line.
    """
    if isinstance(text, str):
        return [content for content, _ in iter_lines(text)]
    if isinstance(text, (bytes, bytearray)):
        out: list[bytes] = []
        pos, n = 0, len(text)
        while pos < n:
            m = _LINE_BYTES.match(text, pos)
            assert m is not None  # matches any bytes
            out.append(bytes(m.group(1)))
            pos = m.end()
        return out
    raise TypeError(f"split_lines() takes str or bytes, not {type(text).__name__}")


def _short(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to about ``limit`` characters: error messages stay one short line."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"


def _require_str(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")


def _unescape(text: str, bad: list[int]) -> str:
    """Decode ``Properties.loadConvert`` escapes; offsets of malformed ``\\u`` go to ``bad``."""
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        hexdigits, other = m.group(1), m.group(2)
        if hexdigits is not None:
            return chr(int(hexdigits, 16))
        if other == "u":
            # Best effort for a file the JVM refuses: read the "u" as if escaped.
            bad.append(m.start())
        return _SIMPLE_ESCAPES.get(other, other)

    out = _ESCAPE.sub(one, text)
    if _SURROGATE.search(out):
        # Java strings are UTF-16: pair up surrogates as the JVM's string would, keep lone ones.
        out = out.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    return out


def escape_char(ch: str) -> str:
    """``ch`` as the ``\\uXXXX`` escape(s) the JVM reads back as it (a surrogate pair above
    U+FFFF)."""
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}"
    return f"\\u{code:04X}"


def _escape(text: str, specials: str) -> str:
    out: list[str] = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\t\n\r\f":
            out.append("\\" + "tnrf"["\t\n\r\f".index(ch)])
        elif ch in specials:
            out.append("\\" + ch)
        elif ch < " " or ch == "\x7f" or ch > "\xff":
            out.append(escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


def escape_key(key: str) -> str:
    """Escape ``key`` so the JVM reads it back exactly when it starts a line.

    Blanks, ``=``, ``:`` and a leading ``#``/``!`` are escaped with a backslash, control and
    non-Latin-1 characters as ``\\uXXXX``. Never raises.
    """
    escaped = _escape(key, " =:")
    if escaped[:1] in ("#", "!"):
        escaped = "\\" + escaped
    return escaped


def escape_value(value: str) -> str:
    """Escape ``value`` so the JVM reads it back exactly after a key and separator.

    Only what needs it: backslashes, ``\\t \\n \\r \\f``, a leading space (``\\ ``), a leading
    ``=``/``:`` (a separator otherwise), control and non-Latin-1 characters (``\\uXXXX``).
    Trailing blanks are kept as they are: the JVM keeps them. Never raises.
    """
    escaped = _escape(value, "")
    if escaped[:1] in (" ", "=", ":"):
        escaped = "\\" + escaped
    return escaped


def _latin1(text: str) -> bytes:
    """ISO-8859-1 bytes of ``text``; other characters become ``\\uXXXX`` escapes."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        pass

    def one(m: re.Match[str]) -> str:
        slashes, ch = m.group(1), m.group(2)
        esc = escape_char(ch)
        if len(slashes) % 2:
            # "\€" already reads as "€"; the existing backslash starts the \u escape.
            esc = esc[1:]
        return slashes + esc

    return re.sub(r"(\\*)([^\x00-\xff])", one, text).encode("latin-1")


@dataclass(slots=True)
class Document:
    """A parsed properties file that writes back byte-identical when unchanged.

    ``issues`` holds malformed ``\\uXXXX`` escapes (fatal: the JVM throws) and the places where
    Python properties libraries and the JVM read the file differently (not fatal; the document
    follows the JVM). After ``set``/``remove`` the document is re-read, so positions and issues
    stay true; untouched elements keep their identity. Looking a key up costs O(1): an index of
    the entries by key is kept, and rebuilt when ``elements`` is replaced or changes length.
    """

    elements: list[Element] = field(default_factory=list)
    issues: list[SyntaxIssue] = field(default_factory=list)
    newline: str = "\n"
    # Each key's entry, or its entries in file order when it has duplicates (a list for every
    # key would be a large part of a big tree's memory).
    _index: dict[str, Entry | list[Entry]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # The list the index was built from (held, so its id cannot be reused) and its length.
    _indexed: tuple[list[Element] | None, int] = field(
        default=(None, -1), init=False, repr=False, compare=False
    )

    @property
    def entries(self) -> list[Entry]:
        """Every entry in file order, duplicates included."""
        return [e for e in self.elements if isinstance(e, Entry)]

    @property
    def comments(self) -> list[Comment]:
        """Every comment line in file order."""
        return [e for e in self.elements if isinstance(e, Comment)]

    @property
    def fatal(self) -> bool:
        """True when the JVM would refuse to load this document (a malformed escape)."""
        return any(issue.fatal for issue in self.issues)

    def _by_key(self) -> dict[str, Entry | list[Entry]]:
        index = self._index
        source, length = self._indexed
        elements = self.elements
        if index is not None and source is elements and length == len(elements):
            return index
        index = {}
        for element in elements:
            if isinstance(element, Entry):
                have = index.get(element.key)
                if have is None:
                    index[element.key] = element
                elif isinstance(have, list):
                    have.append(element)
                else:
                    index[element.key] = [have, element]
        self._index, self._indexed = index, (elements, len(elements))
        return index

    def _entries_for(self, key: str) -> list[Entry]:
        found = self._by_key().get(key)
        if found is None:
            return []
        return found if isinstance(found, list) else [found]

    def get(self, key: str) -> Entry | None:
        """The entry that wins for ``key`` (the last one), or None. Raises TypeError for a
        ``key`` that is not a str."""
        if not isinstance(key, str):
            _require_str(key, "key")
        found = self._by_key().get(key)
        if found is None:
            return None
        entry = found[-1] if isinstance(found, list) else found
        if entry.key != key:  # an entry's key was changed by hand: look again
            self._index = None
            again = self._entries_for(key)
            return again[-1] if again else None
        return entry

    def get_all(self, key: str) -> list[Entry]:
        """Every entry for ``key`` in file order. Raises TypeError for a non-str ``key``."""
        _require_str(key, "key")
        return list(self._entries_for(key))

    def to_dict(self) -> dict[str, str]:
        """What the JVM's ``Properties`` holds after loading: last duplicate wins."""
        return {e.key: e.value for e in self.elements if isinstance(e, Entry)}

    def comment_before(self, entry: Entry) -> Comment | None:
        """The comment line directly above ``entry`` (the element just before it), or None.

        ``entry`` must be one of this document's entries (compared by identity); an entry from
        elsewhere gives None.
        """
        previous: Element | None = None
        for element in self.elements:
            if element is entry:
                return previous if isinstance(previous, Comment) else None
            previous = element
        return None

    def set(self, key: str, value: str) -> bool:
        """Set ``key`` to ``value``; returns True when the document changed.

        The winning entry's line is rewritten keeping its indentation, separator and key spelling;
        a new key is appended at the end (after a final newline, and after an empty line when the
        last line ends in a continuation backslash; before a last line that is only ``\\``, which
        the JVM reads as an empty key). Values are escaped as needed.

        The result is read again as the JVM reads it: when any other entry would read
        differently, or ``key`` would not read as ``value``, the document is left unchanged and
        ``NeohaConfigError`` is raised, located at the line concerned. Raises TypeError when
        ``key`` or ``value`` is not a str.
        """
        _require_str(key, "key")
        _require_str(value, "value")
        entry = self.get(key)
        if entry is not None:
            if entry.value == value:
                return False
            index = next(i for i, e in enumerate(self.elements) if e is entry)
            candidates = [(list(self.elements), {index: _rewrite(entry, key, value)})]
            self._commit("set", key, value, candidates, entry.line)
            return True
        line = escape_key(key) + "=" + escape_value(value) + self.newline
        new = Entry(key, value, 0, 1, 0, 1, 0, line)
        self._commit("set", key, value, self._appending(new), self._last_line())
        return True

    def rename(self, old: str, new: str) -> bool:
        """Give every entry of ``old`` the key ``new`` where it stands, keeping each line's
        indentation, separator and value text; True when any entry was renamed.

        Raises ValueError when ``new`` is already set: the two entries would collide.
        """
        if old == new or self.get(old) is None:
            return False
        if self.get(new) is not None:
            raise ValueError(f"cannot rename {old!r} to {new!r}: {new!r} is already set")
        for entry in self.get_all(old):
            entry.raw = _rekey(entry, new)
        self._reread()
        return True

    def remove(self, key: str) -> bool:
        """Remove every entry of ``key`` with all its physical lines; True when any was removed.

        As for ``set``, the result is read again and must read as before apart from ``key``;
        when deleting the lines would change another entry (a lone ``\\`` line above, say), each
        is replaced by an empty line instead, and when that fails too ``NeohaConfigError`` is
        raised with the document unchanged. Raises TypeError when ``key`` is not a str.
        """
        _require_str(key, "key")
        removed = self._entries_for(key)
        if not removed:
            return False
        gone = {id(e) for e in removed}
        deleted = [e for e in self.elements if id(e) not in gone]
        blanked: list[Element] = []
        for element in self.elements:
            if id(element) in gone:
                terminator = _last_terminator(element.raw) or self.newline
                blanked.append(Blank(0, terminator))
            else:
                blanked.append(element)
        self._commit("remove", key, None, [(deleted, {}), (blanked, {})], removed[0].line)
        return True

    def dumps(self) -> str:
        """The document's text."""
        return "".join(e.raw for e in self.elements)

    def dump_bytes(self) -> bytes:
        """The document encoded as ISO-8859-1 (other characters written as ``\\uXXXX``)."""
        return _latin1(self.dumps())

    def _last_line(self) -> int | None:
        if not self.elements:
            return None
        last = self.elements[-1]
        return last.end_line if isinstance(last, Entry) else last.line

    def _appending(self, new: Entry) -> list[tuple[list[Element], dict[int, str]]]:
        """Ways to append ``new``, best first: (elements, raw text replacing an element's)."""
        if not self.elements:
            return [([new], {})]
        last_index = len(self.elements) - 1
        last = self.elements[-1]
        terminator = _last_terminator(last.raw)
        tail = re.split(r"[\r\n]", last.raw[: len(last.raw) - len(terminator)])[-1]
        ending = terminator or self.newline
        raw = last.raw + ("" if terminator else self.newline)
        if isinstance(last, Entry) and (len(tail) - len(tail.rstrip("\\"))) % 2:
            # The last line ends in a continuation the JVM drops at end of file; an empty line
            # ends it before the new key instead of joining the key to it. The empty line takes
            # the last line's own terminator: "\n" after a lone "\r" would read as one "\r\n".
            raw += ending
        candidates = [([*self.elements, new], {last_index: raw})]
        if isinstance(last, Entry) and last.key == "" and last.value == "":
            # A last line that is only "\" holds the JVM's empty key: keep it last.
            candidates.append(([*self.elements[:-1], new, last], {}))
        return candidates

    def _commit(
        self,
        verb: str,
        key: str,
        value: str | None,
        candidates: list[tuple[list[Element], dict[int, str]]],
        line: int | None,
    ) -> None:
        """Take the first candidate that reads as this document with only ``key`` changed."""
        problem = ""
        for elements, replaced in candidates:
            text = "".join(replaced.get(i, e.raw) for i, e in enumerate(elements))
            fresh = parse(text)
            found = self._damage(fresh, key, value)
            if found is None:
                for i, raw in replaced.items():
                    elements[i].raw = raw
                self.elements = elements
                self._merge(fresh)
                return
            problem = problem or found
        raise NeohaConfigError(
            f"cannot {verb} {_short(key)} losslessly: {problem}", line=line, key=key
        )

    def _damage(self, fresh: Document, key: str, value: str | None) -> str | None:
        """How ``fresh`` reads differently from this document apart from ``key``, or None."""
        before = [(e.key, e.value, e.line) for e in self.elements if isinstance(e, Entry)]
        after = [(e.key, e.value) for e in fresh.elements if isinstance(e, Entry)]
        kept_before = [b for b in before if b[0] != key]
        kept_after = [a for a in after if a[0] != key]
        for i, (k, v, ln) in enumerate(kept_before):
            if i >= len(kept_after) or kept_after[i] != (k, v):
                return f"the entry {_short(k)} at line {ln} would no longer read as before"
        if len(kept_after) > len(kept_before):
            extra = kept_after[len(kept_before)][0]
            return f"the JVM would read a new entry {_short(extra)}"
        if fresh.fatal and not self.fatal:
            return "the JVM would refuse the file (a malformed \\uXXXX escape)"
        winner = next((v for k, v in reversed(after) if k == key), None)
        if value is None and winner is not None:
            return f"{_short(key)} would still be read"
        if value is not None and winner != value:
            return f"{_short(key)} would not read as the value given"
        return None

    def _reread(self) -> None:
        """Parse the edited text again, keeping the objects of elements that did not change."""
        self._merge(parse(self.dumps()))

    def _merge(self, fresh: Document) -> None:
        """Take ``fresh``'s reading of this document's text, keeping unchanged elements."""
        old, new = self.elements, fresh.elements

        def same(a: Element, b: Element) -> bool:
            return type(a) is type(b) and a.raw == b.raw

        head = 0
        while head < min(len(old), len(new)) and same(old[head], new[head]):
            head += 1
        tail = 0
        while tail < min(len(old), len(new)) - head and same(
            old[len(old) - 1 - tail], new[len(new) - 1 - tail]
        ):
            tail += 1
        pairs = {i: old[i] for i in range(head)}
        pairs.update({len(new) - 1 - j: old[len(old) - 1 - j] for j in range(tail)})
        merged: list[Element] = []
        for i, element in enumerate(new):
            kept = pairs.get(i)
            if kept is None:
                merged.append(element)
                continue
            if isinstance(kept, Entry) and isinstance(element, Entry):
                kept.key, kept.value = element.key, element.value
                kept.line, kept.column = element.line, element.column
                kept.value_line, kept.value_column = element.value_line, element.value_column
                kept.end_line = element.end_line
            elif isinstance(kept, Comment) and isinstance(element, Comment):
                kept.text, kept.line = element.text, element.line
            else:
                kept.line = element.line
            merged.append(kept)
        self.elements = merged
        self._index = None
        self.issues = fresh.issues
        self.newline = fresh.newline


def _rewrite(entry: Entry, key: str, value: str) -> str:
    """The new text of ``entry`` holding ``value``, in the entry's own style where possible."""
    first = _LINE.match(entry.raw)
    assert first is not None  # _LINE matches any text
    content = first.group(1)
    terminator = _last_terminator(entry.raw)
    indent = content[: len(content) - len(content.lstrip(_BLANKS))]
    escaped = escape_value(value)
    if entry.value_line == entry.line:
        prefix = content[: entry.value_column - 1]
    else:
        # The value starts on a continuation line: keep the first line without its backslash.
        prefix = content[:-1] if content.endswith("\\") else content
    candidates = (
        prefix + escaped,
        prefix.rstrip(_BLANKS) + "=" + escaped,
        indent + escape_key(key) + "=" + escaped,
    )
    for candidate in candidates:
        doc = parse(candidate)
        if not doc.issues and [(e.key, e.value) for e in doc.entries] == [(key, value)]:
            return candidate + terminator
    return escape_key(key) + "=" + escaped + terminator  # pragma: no cover - escapes round trip


def _rekey(entry: Entry, key: str) -> str:
    """The text of ``entry`` with its key spelled ``key`` and everything after the key kept."""
    first = _LINE.match(entry.raw)
    assert first is not None  # _LINE matches any text
    content = first.group(1)
    start = len(content) - len(content.lstrip(_BLANKS))
    end = start
    while end < len(content) and content[end] not in "=: \t\f":
        end += 2 if content[end] == "\\" else 1
    if end <= len(content) and end > start:
        candidate = content[:start] + escape_key(key) + entry.raw[end:]
        doc = parse(candidate)
        if not doc.issues and [(e.key, e.value) for e in doc.entries] == [(key, entry.value)]:
            return candidate
    terminator = _last_terminator(entry.raw)
    return escape_key(key) + "=" + escape_value(entry.value) + terminator


def _last_terminator(raw: str) -> str:
    if raw.endswith("\r\n"):
        return "\r\n"
    if raw.endswith(("\n", "\r")):
        return raw[-1]
    return ""


def _dominant_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max(lf, crlf, cr)
    if best in (0, lf):
        return "\n"
    return "\r\n" if best == crlf else "\r"


def parse(data: bytes | str) -> Document:
    """Parse properties text; bytes are decoded as ISO-8859-1. Never raises on any text or bytes
    (``TypeError`` for anything else, such as an int).

    Follows ``java.util.Properties.load(InputStream)`` of OpenJDK 17 exactly, including its
    reading of lines that are only ``\\`` (recorded as non-fatal issues, since Python libraries
    read them differently). A malformed ``\\uXXXX`` is a fatal issue located at its backslash;
    the document still holds a best-effort reading of it.
    """
    if isinstance(data, str):
        text = data
    elif isinstance(data, (bytes, bytearray, memoryview)):
        text = bytes(data).decode("latin-1")
    else:
        raise TypeError(f"parse() takes str or bytes, not {type(data).__name__}")
    doc = Document(newline=_dominant_newline(text))
    elements = doc.elements
    issues = doc.issues
    n = len(text)
    pos = 0
    lineno = 1
    after_lone_backslash = False
    while pos < n:
        m = _LINE.match(text, pos)
        assert m is not None  # _LINE matches any text
        content, term = m.group(1), m.group(2)
        end = m.end()
        body = content.lstrip(_BLANKS)
        if not body:
            elements.append(Blank(lineno, _shared(text[pos:end])))
            after_lone_backslash = False
        elif body[0] in "#!":
            elements.append(Comment(_shared(body[1:]), lineno, _shared(text[pos:end])))
            if after_lone_backslash:
                issues.append(
                    SyntaxIssue(
                        lineno,
                        len(content) - len(body) + 1,
                        "the line above is only '\\': the JVM reads this line as a comment, "
                        "some Python libraries as a key",
                        fatal=False,
                    )
                )
            after_lone_backslash = False
        elif body == "\\":
            column = len(content)
            if end >= n and term != "\r\n":
                # Class A: the JVM ends the file on an empty logical line and stores "" = "".
                elements.append(Entry("", "", lineno, column, lineno, column, lineno, text[pos:]))
                issues.append(
                    SyntaxIssue(
                        lineno,
                        column,
                        "a line that is only '\\' ends the file: the JVM reads an empty key "
                        "with an empty value, some Python libraries read nothing",
                        fatal=False,
                    )
                )
            else:
                # Joined to nothing: the next line starts afresh (a comment stays a comment).
                elements.append(Blank(lineno, text[pos:end]))
                after_lone_backslash = True
                pos = end
                lineno += 1
                continue
        elif "\\" not in content:
            s = _SIMPLE.match(content)
            assert s is not None  # matches any line
            key_col = s.end(1) + 1
            value_col = s.start(4) + 1
            elements.append(
                Entry(
                    _shared(s.group(2)),
                    _shared(s.group(4)),
                    lineno,
                    key_col,
                    lineno,
                    value_col,
                    lineno,
                    _shared(text[pos:end]),
                )
            )
            after_lone_backslash = False
        else:
            end, lineno = _logical(text, pos, lineno, elements, issues)
            pos = end
            after_lone_backslash = False
            continue
        pos = end
        lineno += 1
    return doc


# Parsed strings are interned: the same keys, values and whole lines recur in every node of a
# tree (stock files, generated clusters), and one shared copy of each is a large part of the
# memory a big tree takes. Interned strings are freed like any other when nothing holds them.
_shared = sys.intern


def _logical(
    text: str, pos: int, lineno: int, elements: list[Element], issues: list[SyntaxIssue]
) -> tuple[int, int]:
    """Read the logical line starting at ``pos`` (it holds a backslash); return (end, next line).

    Mirrors ``Properties.LineReader.readLine``: an odd run of trailing backslashes joins the next
    physical line with its leading blanks dropped; an empty next line ends the logical line; a
    backslash right before the end of the text is dropped.
    """
    n = len(text)
    start = pos
    parts: list[str] = []
    starts: list[int] = []  # offset in the joined line where each physical line's part starts
    places: list[tuple[int, int]] = []  # (line, 0-based column) of each part's first character
    lines: list[str] = []  # each part's whole physical line, for excerpts of malformed escapes
    length = 0
    line = lineno
    first = True
    while True:
        m = _LINE.match(text, pos)
        assert m is not None
        content, term = m.group(1), m.group(2)
        pos = m.end()
        body = content.lstrip(_BLANKS)
        if not first and not body:
            break
        first = False
        run = len(body) - len(body.rstrip("\\"))
        joined = run % 2 == 1
        part = body[:-1] if joined else body
        starts.append(length)
        places.append((line, len(content) - len(body)))
        parts.append(part)
        lines.append(content)
        length += len(part)
        if not joined or not term or pos >= n:
            break
        line += 1
    buf = "".join(parts)

    def locate(offset: int) -> tuple[int, int]:
        # The last part starting at or before ``offset`` holds it (empty parts are skipped).
        i = bisect_right(starts, offset) - 1
        ln, col = places[i]
        return ln, col + offset - starts[i] + 1

    key_match = _KEY.match(buf)
    assert key_match is not None  # the pattern matches the empty string
    key_end = value_start = key_match.end()
    if key_end < len(buf):
        sep_match = _SEP.match(buf, key_end)
        assert sep_match is not None  # same
        value_start = sep_match.end()
    bad: list[int] = []
    key = _unescape(buf[:key_end], bad)
    bad_value: list[int] = []
    value = _unescape(buf[value_start:], bad_value)
    for offset in [*bad, *(value_start + b for b in bad_value)]:
        i = bisect_right(starts, offset) - 1
        ln, col = places[i]
        col += offset - starts[i] + 1
        excerpt = lines[i][col - 1 : col + 5]
        issues.append(SyntaxIssue(ln, col, _MALFORMED, fatal=True, excerpt=excerpt, key=key))
    key_line, key_col = locate(0)
    value_line, value_col = locate(value_start) if value_start < len(buf) else _after(places, parts)
    elements.append(
        Entry(
            _shared(key),
            _shared(value),
            key_line,
            key_col,
            value_line,
            value_col,
            line,
            _shared(text[start:pos]),
        )
    )
    return pos, line + 1


def _after(places: list[tuple[int, int]], parts: list[str]) -> tuple[int, int]:
    """Location just after the last character of the joined line (an empty value's place)."""
    for (ln, col), part in zip(reversed(places), reversed(parts), strict=True):
        if part:
            return ln, col + len(part) + 1
    ln, col = places[-1]
    return ln, col + 1
