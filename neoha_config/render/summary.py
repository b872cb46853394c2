"""The GitHub job summary: the Mermaid picture and a findings table, in Markdown."""

from __future__ import annotations

import html
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from neoha_config.config import Settings
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.result import CheckResult


def _cell(text: str) -> str:
    # GitHub reads HTML in table cells; a pipe ends the cell and a line break ends the row.
    out = html.escape(text, quote=False).replace("|", "\\|")
    return " ".join(out.split())


def _row(diag: Diagnostic) -> str:
    cells = [f"`{diag.code}`", diag.severity.value, f"`{diag.location}`", diag.node or ""]
    message = diag.message + (f" [{diag.group}]" if diag.group else "")
    return "| " + " | ".join([*(_cell(c) for c in cells), _cell(message)]) + " |"


def markdown(mermaid_source: str, result: CheckResult) -> str:
    """The summary section: a heading, the summary line, the picture and the findings table."""
    from neoha_config.report.text import summary

    lines = ["## neoha-config", "", _cell(summary(result)), "", "```mermaid"]
    lines += mermaid_source.rstrip("\n").splitlines()
    lines += ["```", ""]
    if result.diagnostics:
        lines += ["| code | severity | location | node | message |", "|---|---|---|---|---|"]
        lines += [_row(d) for d in result.diagnostics]
        lines.append("")
    return "\n".join(lines) + "\n"


def append(path: str, paths: Sequence[str], settings: Settings, result: CheckResult) -> None:
    """Append the summary of checking ``paths`` to the file ``path`` (``$GITHUB_STEP_SUMMARY``).

    A file that cannot be written gets a warning on stderr; the check's outcome stays as it is.
    """
    from neoha_config import picture
    from neoha_config.errors import NeohaConfigError
    from neoha_config.inventory import of_paths
    from neoha_config.render import mermaid

    try:
        source = mermaid.render(picture.build(of_paths(paths, settings), result))
    except NeohaConfigError as exc:
        print(f"neoha-config: no job summary: {exc}", file=sys.stderr)
        return
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(markdown(source, result))
    except OSError as exc:
        print(f"neoha-config: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
