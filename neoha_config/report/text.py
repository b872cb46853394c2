"""The text report: one finding a line for people and editors, and a one-line summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.diagnostics import Severity
from neoha_config.report.color import BOLD, CYAN, DIM, RED, YELLOW, paint

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.result import CheckResult

_SEVERITY_STYLE = {
    Severity.ERROR: (BOLD, RED),
    Severity.WARNING: (BOLD, YELLOW),
    Severity.INFO: (BOLD, CYAN),
}

# A value may hold any character once \uXXXX escapes are decoded. Printing control characters raw
# would split one finding over several lines and could send escape sequences to the terminal.
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character ``str.isprintable`` rejects escaped: ``\\n``, ``\\r``,
    ``\\t``, ``\\xNN`` below U+0100, ``\\uNNNN`` above (a lone surrogate, a file name byte
    that is not UTF-8). One line, and nothing a terminal would act on."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


def format_diagnostic(
    diag: Diagnostic, *, color: bool = False, unsafe_fixes: bool = False
) -> list[str]:
    """The lines of one finding: ``path:line:col: CODE message [group]``, then related sites.

    ``CODE [*]`` marks a finding ``--fix`` fixes (an unsafe fix only when ``unsafe_fixes``).

    Control characters in paths and messages are shown escaped (``\\n``, ``\\x1b``) so a finding
    always stays on its own line.
    """
    loc = diag.location
    where = f"{printable(loc.path)}:{loc.line}:{loc.column}:"
    code = diag.code
    group = f" [{printable(diag.group)}]" if diag.group else ""
    if color:
        where = paint(where, BOLD)
        code = paint(code, *_SEVERITY_STYLE[diag.severity])
        group = paint(group, DIM) if group else ""
    if diag.fix is not None and (diag.fix.safe or unsafe_fixes):
        code += " [*]"
    lines = [f"{where} {code} {printable(diag.message)}{group}"]
    for rel in diag.related:
        site = f"{printable(rel.path)}:{rel.line}:{rel.column}"
        lines.append("    related: " + (paint(site, DIM) if color else site))
    return lines


def render(result: CheckResult, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """The findings of ``result`` for stdout, in report order, each line ending in a newline.

    ``color`` adds ANSI styles (decide it with ``report.color.want_color``); ``unsafe_fixes``
    marks findings with an unsafe fix as fixable too. Returns the empty
    string when there are no findings; the summary is separate (``summary``), for stderr.
    """
    lines: list[str] = []
    for diag in sorted(result.diagnostics, key=lambda d: d.sort_key()):
        lines.extend(format_diagnostic(diag, color=color, unsafe_fixes=unsafe_fixes))
    return "".join(line + "\n" for line in lines)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fixable(result: CheckResult, unsafe_fixes: bool) -> str:
    fixable = hidden = 0
    for diag in result.diagnostics:
        if diag.fix is not None:
            if diag.fix.safe or unsafe_fixes:
                fixable += 1
            else:
                hidden += 1
    out = ""
    if fixable:
        out = f" [*] {fixable} fixable with --fix."
    if hidden:
        out += f" {hidden} more with --fix --unsafe-fixes."
    return out


def summary(result: CheckResult, *, unsafe_fixes: bool = False) -> str:
    """One line (no newline) counting findings by severity, nodes and files, and the fixable.

    ``Found 3 errors, 1 warning, 0 infos in 6 nodes (14 files).`` or, without findings,
    ``All checks passed: 6 nodes, 14 files.`` Fixable findings add `` [*] 2 fixable with
    --fix.`` (and `` 1 more with --fix --unsafe-fixes.`` for unsafe fixes not enabled).
    """
    nodes = _count(len(result.nodes), "node")
    files = _count(result.files, "file")
    if not result.diagnostics:
        return f"All checks passed: {nodes}, {files}."
    errors = _count(result.count(Severity.ERROR), "error")
    warnings = _count(result.count(Severity.WARNING), "warning")
    infos = _count(result.count(Severity.INFO), "info")
    return f"Found {errors}, {warnings}, {infos} in {nodes} ({files})." + _fixable(
        result, unsafe_fixes
    )
