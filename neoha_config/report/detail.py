"""Text output beyond one line a finding: ``--output-format full`` and ``--statistics``."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from neoha_config.report.text import format_diagnostic

if TYPE_CHECKING:
    from neoha_config.diagnostics import Severity
    from neoha_config.registry import Rule
    from neoha_config.result import CheckResult

_FIX = re.compile(r"\*\*How to fix:\*\*(.*?)(?:\n\s*\n|\Z)", re.DOTALL)
INDENT = "    "


def fix_text(rule: Rule) -> str | None:
    """The rule's "How to fix" paragraph on one line, or None when its documentation has none."""
    match = _FIX.search(rule.doc)
    return " ".join(match.group(1).split()) if match else None


def render_full(result: CheckResult, *, color: bool = False) -> str:
    """Each finding as ``text.render`` prints it, followed by its rule's summary, how to fix it
    and where its documentation is (``neoha-config explain CODE``)."""
    from neoha_config.rules import by_code as rules

    known = rules()
    lines: list[str] = []
    for diag in sorted(result.diagnostics, key=lambda d: d.sort_key()):
        lines.extend(format_diagnostic(diag, color=color))
        rule = known.get(diag.code)
        if rule is not None:
            lines.append(f"{INDENT}rule: {rule.summary}")
            fix = fix_text(rule)
            if fix:
                lines.append(f"{INDENT}fix: {fix}")
        lines.append(f"{INDENT}docs: neoha-config explain {diag.code}")
        lines.append("")
    return "".join(line + "\n" for line in lines)


def statistics(result: CheckResult) -> str:
    """One line a code with at least one finding: count, code, severity, summary; most frequent
    first (then by code), as ruff's ``--statistics``. Empty without findings."""
    from neoha_config.rules import by_code as rules

    known = rules()
    counts = Counter(d.code for d in result.diagnostics)
    worst: dict[str, Severity] = {}
    for diag in result.diagnostics:
        seen = worst.get(diag.code)
        if seen is None or diag.severity.rank < seen.rank:
            worst[diag.code] = diag.severity
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = known.get(code)
        summary = rule.summary if rule is not None else ""
        lines.append(f"{count:>{width}}  {code}  {worst[code].value:<7}  {summary}".rstrip())
    return "".join(line + "\n" for line in lines)
