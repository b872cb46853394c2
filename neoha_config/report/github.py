"""GitHub Actions workflow commands: one annotation per finding, then a plain summary line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Severity
from neoha_config.report.text import printable

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.result import CheckResult

_NOT_NEWLINES = re.compile(r"[^\r\n]+")
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def visible(text: str) -> str:
    """``text`` with control characters other than CR and LF (ESC, BEL, NUL, TAB...), and the
    undecodable bytes of file names, written as the text report writes them (``\\x1b``,
    ``\\t``, ``\\udce9``): nothing a file holds reaches the log as a terminal sequence."""
    if text.isprintable():
        return text
    return _NOT_NEWLINES.sub(lambda m: printable(m.group()), text)


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR and LF), as the Actions runner expects;
    other control characters are shown escaped (see ``visible``)."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value: the data escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_diagnostic(diag: Diagnostic) -> str:
    """One ``::error file=…,line=…,col=…,title=CODE::message`` line (``::warning``, ``::notice``).

    The message carries the group and the related sites on extra lines, so the annotation shows
    both ends of a cross-file finding.
    """
    loc = diag.location
    props = ",".join(
        f"{name}={escape_property(value)}"
        for name, value in (
            ("file", loc.path),
            ("line", str(loc.line)),
            ("col", str(loc.column)),
            ("title", diag.code),
        )
    )
    message = diag.message
    if diag.group:
        message += f" [{diag.group}]"
    for rel in diag.related:
        message += f"\nrelated: {rel}"
    return f"::{_COMMAND[diag.severity]} {props}::{escape_data(message)}"


def render(result: CheckResult) -> str:
    """Every finding as an annotation in report order, then the summary line; newline-terminated."""
    from neoha_config.report.text import summary

    lines = [format_diagnostic(d) for d in sorted(result.diagnostics, key=lambda d: d.sort_key())]
    lines.append(summary(result))
    return "".join(line + "\n" for line in lines)
