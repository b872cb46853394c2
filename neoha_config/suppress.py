"""Which findings are reported: select/ignore, per-file ignores, severity overrides, comments."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic
from neoha_config.properties import Comment, Entry
from neoha_config.records import dataclass, field, replace

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    from neoha_config.config import Settings
    from neoha_config.properties import Document

UNUSED_CODE = "NHA010"
_CODE = re.compile(r"NHA[0-9]{3}")

# ``# neoha: ignore[NHA004, NHA005]`` (or ``!``), matched on the comment's whole source line.
_DIRECTIVE = re.compile(r"^[ \t\f]*[#!][ \t\f]*neoha[ \t\f]*:[ \t\f]*ignore\b(?P<rest>.*)$", re.I)
_BRACKETS = re.compile(r"^[ \t\f]*\[(?P<codes>[^\]]*)\]")


def select_codes(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    """True when ``code`` is enabled by ``select`` and not disabled by ``ignore``.

    Both hold codes or prefixes (``NHA3``, ``NHA``). The most specific (longest) matching
    selector decides, and at equal length ``ignore`` wins, as in ruff. A code no selector in
    ``select`` matches is disabled.
    """
    best_select = max((len(s) for s in select if code.startswith(s)), default=-1)
    best_ignore = max((len(s) for s in ignore if code.startswith(s)), default=-1)
    return best_select >= 0 and best_select > best_ignore


@dataclass(slots=True)
class Directive:
    """One suppression comment: where it is, the codes it names, the entry below it."""

    path: str
    line: int
    raw: str
    codes: dict[str, int]  # code -> 1-based column of the code in the comment line
    entry: Entry | None
    used: set[str] = field(default_factory=set)


def parse_directive(raw: str) -> dict[str, int] | None:
    """The codes a ``# neoha: ignore[...]`` comment line names, with their 1-based columns.

    Returns None when ``raw`` is no suppression comment, and an empty mapping for one that
    names no code (``# neoha: ignore`` or ``# neoha: ignore[]``). Code names are upper-cased.
    """
    line = raw.rstrip("\r\n")
    match = _DIRECTIVE.match(line)
    if match is None:
        return None
    rest_start = match.start("rest")
    brackets = _BRACKETS.match(match.group("rest"))
    if brackets is None:
        return {}
    codes: dict[str, int] = {}
    offset = rest_start + brackets.start("codes")
    for item in re.finditer(r"[^,\s]+", brackets.group("codes")):
        codes.setdefault(item.group().upper(), offset + item.start() + 1)
    return codes


def directives(path: str, document: Document) -> list[Directive]:
    """Every suppression comment in ``document`` (display path ``path``), in file order.

    A directive applies to the entry directly below it (no blank line or other comment between);
    ``entry`` is None when there is none.
    """
    found: list[Directive] = []
    elements = document.elements
    for i, element in enumerate(elements):
        if not isinstance(element, Comment):
            continue
        codes = parse_directive(element.raw)
        if codes is None:
            continue
        below = elements[i + 1] if i + 1 < len(elements) else None
        entry = below if isinstance(below, Entry) else None
        found.append(Directive(path, element.line, element.raw, codes, entry))
    return found


@dataclass(frozen=True, slots=True)
class Unused:
    """One code of a suppression comment that suppressed nothing, and why (NHA010's data)."""

    path: str
    line: int
    column: int
    message: str
    key: str | None


@dataclass(slots=True)
class Outcome:
    """What the policy keeps, unsorted, and the suppressions that suppressed nothing."""

    kept: list[Diagnostic]
    unused: list[Unused]


def unused(directive: Directive, enabled: Callable[[str, str], bool]) -> list[Unused]:
    """The codes of ``directive`` that suppressed nothing, with the reason.

    Codes for which ``enabled(code, path)`` is False are left alone: under another selection they
    may suppress something.
    """
    key = directive.entry.key if directive.entry is not None else None
    if not directive.codes:
        message = "unused suppression: name the codes to suppress, as in '# neoha: ignore[NHA004]'"
        return [Unused(directive.path, directive.line, 1, message, key)]
    out = []
    for code, column in directive.codes.items():
        if code in directive.used:
            continue
        if not _CODE.fullmatch(code):
            message = f"unused suppression: {code!r} is not a rule code (like 'NHA004')"
        elif not enabled(code, directive.path):
            continue
        elif directive.entry is None:
            message = f"unused suppression of {code}: the comment is not directly above a key"
        else:
            entry = directive.entry
            message = f"unused suppression: no {code} finding on '{entry.key}' (line {entry.line})"
        out.append(Unused(directive.path, directive.line, column, message, key))
    return out


class Policy:
    """The settings' selection (select, ignore, per-file ignores) and severity overrides."""

    def __init__(self, settings: Settings, *, cwd: Path | None = None) -> None:
        self.settings = settings
        self.cwd = cwd
        self._enabled: dict[tuple[str, str], bool] = {}

    def enabled(self, code: str, path: str) -> bool:
        """True when findings of ``code`` in the file ``path`` are reported."""
        key = (code, path)
        hit = self._enabled.get(key)
        if hit is None:
            settings = self.settings
            hit = self._enabled[key] = select_codes(
                code, settings.select, settings.ignore
            ) and not settings.per_file_ignored(code, path, cwd=self.cwd)
        return hit

    def admit(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The enabled findings, with severity overrides applied (unchanged ones as they are)."""
        out = []
        for diag in diagnostics:
            if self.enabled(diag.code, diag.location.path):
                severity = self.settings.severity_for(diag.code, diag.severity)
                out.append(diag if severity is diag.severity else replace(diag, severity=severity))
        return out


def apply(
    diagnostics: Iterable[Diagnostic], documents: Mapping[str, Document], policy: Policy
) -> Outcome:
    """What ``policy`` keeps of ``diagnostics``, and the suppressions that suppressed nothing.

    ``documents`` maps display paths to the parsed properties documents whose comments count.
    Findings of codes not enabled for their file are dropped; a finding on the line(s) of an
    entry directly below a ``# neoha: ignore[CODE]`` comment naming its code is dropped;
    severity overrides apply to the rest. Each code of a suppression comment that suppressed
    nothing is recorded in ``Outcome.unused`` (NHA010 reports it) when NHA010 is enabled for
    that file. Never raises on any document content.
    """
    found: list[Directive] = []
    at_line: dict[tuple[str, int], Directive] = {}
    for path, document in documents.items():
        for directive in directives(path, document):
            found.append(directive)
            if directive.entry is not None:
                # A finding about the value may sit on a continuation line of the entry.
                for line in range(directive.entry.line, directive.entry.end_line + 1):
                    at_line[(path, line)] = directive

    kept: list[Diagnostic] = []
    for diag in diagnostics:
        loc = diag.location
        if not policy.enabled(diag.code, loc.path):
            continue
        hit = at_line.get((loc.path, loc.line))
        if hit is not None and diag.code in hit.codes:
            hit.used.add(diag.code)
            continue
        kept.extend(policy.admit((diag,)))

    records: list[Unused] = []
    for directive in found:
        if policy.enabled(UNUSED_CODE, directive.path):
            records.extend(unused(directive, policy.enabled))
    return Outcome(kept, records)
