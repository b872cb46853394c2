"""Which findings are reported: select/ignore, per-file ignores, severity overrides, comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.properties import Comment, Entry

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


def _unused_diag(
    directive: Directive, column: int, message: str, severity: Severity | None
) -> Diagnostic:
    return Diagnostic(
        code=UNUSED_CODE,
        severity=severity or Severity.INFO,
        message=message,
        location=Location(directive.path, directive.line, column),
        key=directive.entry.key if directive.entry is not None else None,
    )


def unused(
    directive: Directive, enabled: Callable[[str, str], bool], severity: Severity | None = None
) -> list[Diagnostic]:
    """NHA010 findings for the codes of ``directive`` that suppressed nothing.

    Codes for which ``enabled(code, path)`` is False are left alone: under another selection they
    may suppress something. ``severity`` defaults to info.
    """
    if not directive.codes:
        message = "unused suppression: name the codes to suppress, as in '# neoha: ignore[NHA004]'"
        return [_unused_diag(directive, 1, message, severity)]
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
        out.append(_unused_diag(directive, column, message, severity))
    return out


def apply(
    diagnostics: Iterable[Diagnostic],
    documents: Mapping[str, Document],
    settings: Settings,
    *,
    cwd: Path | None = None,
) -> list[Diagnostic]:
    """The findings to report, sorted, after applying ``settings`` and suppression comments.

    ``documents`` maps display paths to the parsed properties documents whose comments count.
    In order: findings of codes not selected (``select``/``ignore``) or ignored for their file
    (``per-file-ignores``; display paths are relative to ``cwd``, default the current directory)
    are dropped; a finding on the line(s) of an entry directly below a ``# neoha: ignore[CODE]``
    comment naming its code is dropped; ``severity`` overrides apply to the rest. Each code of a
    suppression comment that suppressed nothing adds an NHA010 finding at the comment, subject to
    the same selection and overrides. Never raises on any document content.
    """
    cache: dict[tuple[str, str], bool] = {}

    def enabled(code: str, path: str) -> bool:
        key = (code, path)
        if key not in cache:
            cache[key] = select_codes(
                code, settings.select, settings.ignore
            ) and not settings.per_file_ignored(code, path, cwd=cwd)
        return cache[key]

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
        if not enabled(diag.code, loc.path):
            continue
        hit = at_line.get((loc.path, loc.line))
        if hit is not None and diag.code in hit.codes:
            hit.used.add(diag.code)
            continue
        severity = settings.severity_for(diag.code, diag.severity)
        kept.append(diag if severity is diag.severity else replace(diag, severity=severity))

    if found:
        from neoha_config.registry import rules

        rule = rules().get(UNUSED_CODE)
        default = rule.severity if rule is not None else Severity.INFO
        severity = settings.severity_for(UNUSED_CODE, default)
        for directive in found:
            if enabled(UNUSED_CODE, directive.path):
                kept.extend(unused(directive, enabled, severity))
    return sorted(kept, key=lambda d: d.sort_key())
