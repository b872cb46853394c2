"""What a fixer sees: one file's bytes, lines and document, and the tree it belongs to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.properties import Document, Entry
    from neoha_config.topology import Topology
    from neoha_config.tree import Node, Tree


@dataclass(slots=True)
class FileView:
    """One file as a fixer reads it: ``text`` is the bytes decoded as ISO-8859-1 (a character
    a byte), ``document`` the parsed properties document (None for ``myid``)."""

    display: str
    data: bytes
    document: Document | None = None
    _lines: list[tuple[str, str]] | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)
    _entries: dict[int, list[Entry]] | None = field(default=None, repr=False)
    _spans: dict[int, Entry] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        """The file's text, one character a byte (decoded once)."""
        if self._text is None:
            self._text = self.data.decode("latin-1")
        return self._text

    @property
    def lines(self) -> list[tuple[str, str]]:
        """Every physical line as (content, terminator); the last terminator may be empty."""
        if self._lines is None:
            from neoha_config.properties import iter_lines

            self._lines = list(iter_lines(self.text))
        return self._lines

    def content(self, line: int) -> str | None:
        """The text of physical line ``line`` (1-based) without its terminator, or None."""
        lines = self.lines
        return lines[line - 1][0] if 1 <= line <= len(lines) else None

    def entry_spanning(self, line: int) -> Entry | None:
        """The entry one of whose physical lines is ``line``, or None (indexed once)."""
        if self.document is None:
            return None
        if self._spans is None:
            self._spans = {}
            for entry in self.document.entries:
                for number in range(entry.line, entry.end_line + 1):
                    self._spans.setdefault(number, entry)
        return self._spans.get(line)

    def entry_at(self, line: int, key: str | None = None) -> Entry | None:
        """The entry whose key is on ``line`` (and named ``key``, when given), or None."""
        if self.document is None:
            return None
        if self._entries is None:
            self._entries = {}
            for entry in self.document.entries:
                self._entries.setdefault(entry.line, []).append(entry)
        for entry in self._entries.get(line, ()):
            if key is None or entry.key == key:
                return entry
        return None

    def verbatim_value(self, line: int, key: str) -> tuple[Entry, int] | None:
        """The entry of ``key`` on ``line`` and the 0-based offset of its value there, when
        the value is written verbatim on that one line (:meth:`single_line_value`); else None."""
        entry = self.entry_at(line, key)
        start = self.single_line_value(entry) if entry is not None else None
        return None if entry is None or start is None else (entry, start)

    def single_line_value(self, entry: Entry) -> int | None:
        """The 0-based offset in its line where ``entry``'s value is written verbatim (one
        physical line, no escapes), or None when the value is not written so."""
        if entry.line != entry.end_line or entry.value_line != entry.line:
            return None
        content = self.content(entry.line)
        start = entry.value_column - 1
        if content is None or content[start : start + len(entry.value)] != entry.value:
            return None
        if "\\" in content[start:]:
            return None
        return start


@dataclass(slots=True)
class TreeFacts:
    """The loaded tree, its topology, and which node owns each file (by display path)."""

    tree: Tree
    owners: dict[str, Node]
    _context: CheckContext | None = field(default=None, repr=False)

    def topology(self) -> Topology:
        """The clusters and ensembles of the tree, built once (by a check context)."""
        if self._context is None:
            from neoha_config.context import CheckContext

            self._context = CheckContext(self.tree)
        return self._context.topology


@dataclass(slots=True)
class FixInput:
    """Everything one fixer gets: the finding, its file, the file's other findings, the tree."""

    diag: Diagnostic
    file: FileView
    diagnostics: Sequence[Diagnostic]
    facts: Callable[[], TreeFacts | None]

    def node(self) -> Node | None:
        """The node that holds the finding's file, when the tree knows it."""
        facts = self.facts()
        return facts.owners.get(self.file.display) if facts is not None else None
