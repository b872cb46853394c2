"""Findings as data: severity, source location and the diagnostic record."""

from __future__ import annotations

import enum

from neoha_config.records import dataclass, field


class Severity(enum.StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (lower is more serious)."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file: display path (relative, ``/``-separated), 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __init__(self, path: str, line: int = 1, column: int = 1) -> None:
        # Written out: a large tree makes hundreds of thousands of locations.
        setter = object.__setattr__
        setter(self, "path", path)
        setter(self, "line", line)
        setter(self, "column", column)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Applicability(enum.StrEnum):
    """Whether a fix keeps what the software reads (``safe``) or changes it by choice."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from ``start`` up to ``end`` (exclusive) of one file with ``content``.

    Positions are (line, column), 1-based, columns counting characters of the ISO-8859-1 text
    (one a byte); ``start == end`` inserts. ``path`` is the display path, as in ``Location``.
    """

    path: str
    start: tuple[int, int]
    end: tuple[int, int]
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """The one repair of a finding: edits applied together, what they do, how safe they are."""

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def safe(self) -> bool:
        """True for a fix that ``--fix`` applies without ``--unsafe-fixes``."""
        return self.applicability is Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of one rule.

    ``related`` lists the other sites of a cross-file finding (the other end of a duplicate id,
    the differing ``server.N`` line). ``group`` names the HA cluster or ensemble a cross-node
    finding belongs to, for display. ``fix`` is the finding's repair, when it has exactly one
    (attached after checking by ``neoha_config.fix``).
    """

    code: str
    severity: Severity
    message: str
    location: Location
    node: str | None = None
    key: str | None = None
    related: tuple[Location, ...] = field(default=())
    group: str | None = None
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Report order: path, line, column, code (then message, for determinism)."""
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)


QUOTE_LIMIT = 120
"""The most characters of a value a message quotes: findings land in CI logs and must stay
small whatever the input (a 70 KB coordinator list is quoted by its start)."""


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` repr-quoted, cut to ``limit`` characters with the count of what was left out."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text) - limit} more characters)"
