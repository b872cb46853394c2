"""Documentation generated from the rule table: the README's rule table.

``python -m neoha_config.docs README.md`` rewrites the table between the markers in place.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

TABLE_START = "<!-- rules:start -->"
TABLE_END = "<!-- rules:end -->"


def _cell(text: str) -> str:
    # Backslash-escape what Markdown would read as markup: a pipe ends the cell, `*` starts
    # emphasis (``ha.*, org.neo4j.server.*``), and a lone backslash escapes the next character.
    for char in ("\\", "*", "|"):
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def releases_cell(releases: tuple[str, ...]) -> str:
    """A rule's Neo4j releases for the table: ``all``, or a span such as ``1.3-1.8``."""
    from neoha_config.catalogue._spec import NEO4J_RELEASES, describe_span

    return "all" if tuple(releases) == NEO4J_RELEASES else describe_span(releases)


def rule_table_markdown() -> str:
    """The Markdown table of every rule (``| code | severity | fixable | releases | summary
    |``), newline-ended; ``fixable`` says whether ``check --fix`` fixes it safely, only with
    ``--unsafe-fixes``, or either, depending on the finding; ``releases`` which Neo4j
    releases the rule applies to (``Rule.releases``)."""
    from neoha_config.fix.fixers import FIXABLE
    from neoha_config.rules import by_code as rules

    lines = ["| code | severity | fixable | releases | summary |", "|---|---|---|---|---|"]
    for code, rule in rules().items():
        fixable = FIXABLE.get(code, "")
        lines.append(
            f"| {code} | {rule.severity.value} | {fixable} | {releases_cell(rule.releases)} "
            f"| {_cell(rule.summary)} |"
        )
    return "\n".join(lines) + "\n"


def with_rule_table(text: str) -> str:
    """``text`` with the table between ``TABLE_START`` and ``TABLE_END`` regenerated.

    Raises ``ValueError`` when the markers are missing.
    """
    if TABLE_START not in text or TABLE_END not in text:
        raise ValueError(f"the markers {TABLE_START} and {TABLE_END} are missing")
    head, rest = text.split(TABLE_START, 1)
    _, tail = rest.split(TABLE_END, 1)
    return f"{head}{TABLE_START}\n{rule_table_markdown()}{TABLE_END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the rule table of each file named (default ``README.md``); 0, or 2 on error."""
    names = list(argv if argv is not None else sys.argv[1:]) or ["README.md"]
    for name in names:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
            new = with_rule_table(text)
        except (OSError, ValueError) as exc:
            print(f"neoha_config.docs: {name}: {exc}", file=sys.stderr)
            return 2
        if new != text:
            path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
