"""Lossless Java properties documents, read the way ``java.util.Properties.load(InputStream)`` does.

INTERFACE STUB: the parser and emitter are being implemented; signatures are final.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(slots=True)
class Comment:
    """A comment line (``#`` or ``!`` first non-blank); ``text`` is after the marker."""

    text: str
    line: int
    raw: str


@dataclass(slots=True)
class Blank:
    """A line of only whitespace (or the empty remainder at end of file)."""

    line: int
    raw: str


Element = Entry | Comment | Blank


@dataclass(frozen=True, slots=True)
class SyntaxIssue:
    """A located problem in the syntax: ``fatal`` when the JVM rejects the whole file."""

    line: int
    column: int
    message: str
    fatal: bool


@dataclass(slots=True)
class Document:
    """A parsed properties file that writes back byte-identical when unchanged.

    ``issues`` holds malformed ``\\uXXXX`` escapes (fatal: the JVM throws) and the places where
    Python properties libraries and the JVM read the file differently (not fatal; the document
    follows the JVM).
    """

    elements: list[Element] = field(default_factory=list)
    issues: list[SyntaxIssue] = field(default_factory=list)
    newline: str = "\n"

    @property
    def entries(self) -> list[Entry]:
        """Every entry in file order, duplicates included."""
        raise NotImplementedError

    def get(self, key: str) -> Entry | None:
        """The entry that wins for ``key`` (the last one), or None."""
        raise NotImplementedError

    def get_all(self, key: str) -> list[Entry]:
        """Every entry for ``key`` in file order."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, str]:
        """What the JVM's ``Properties`` holds after loading: last duplicate wins."""
        raise NotImplementedError

    def set(self, key: str, value: str) -> bool:
        """Set ``key`` to ``value``; returns True when the document changed.

        The winning entry's line is rewritten keeping its indentation, separator and key spelling;
        a new key is appended at the end (after a final newline). Values are escaped as needed.
        """
        raise NotImplementedError

    def remove(self, key: str) -> bool:
        """Remove every entry of ``key`` with all its physical lines; True when any was removed."""
        raise NotImplementedError

    def dumps(self) -> str:
        """The document's text."""
        raise NotImplementedError

    def dump_bytes(self) -> bytes:
        """The document encoded as ISO-8859-1 (other characters written as ``\\uXXXX``)."""
        raise NotImplementedError


def parse(data: bytes | str) -> Document:
    """Parse properties text; bytes are decoded as ISO-8859-1. Never raises on any input."""
    raise NotImplementedError
