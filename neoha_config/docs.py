"""Documentation generated from the rule registry: the README's rule table."""

from __future__ import annotations

from neoha_config.registry import rules

TABLE_START = "<!-- rules:start -->"
TABLE_END = "<!-- rules:end -->"


def _cell(text: str) -> str:
    # Backslash-escape what Markdown would read as markup: a pipe ends the cell, `*` starts
    # emphasis (``ha.*, org.neo4j.server.*``), and a lone backslash escapes the next character.
    for char in ("\\", "*", "|"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def rule_table_markdown() -> str:
    """The Markdown table of every rule (``| code | severity | fixable | summary |``),
    newline-ended; ``fixable`` says whether ``check --fix`` fixes it safely, only with
    ``--unsafe-fixes``, or either, depending on the finding."""
    from neoha_config.fix.fixers import FIXABLE

    lines = ["| code | severity | fixable | summary |", "|---|---|---|---|"]
    for code, rule in rules().items():
        fixable = FIXABLE.get(code, "")
        lines.append(f"| {code} | {rule.severity.value} | {fixable} | {_cell(rule.summary)} |")
    return "\n".join(lines) + "\n"
