"""The ``explain`` subcommand: print one rule's code, severity, summary and documentation."""

from __future__ import annotations

import argparse
import difflib
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``explain``."""
    parser.add_argument("code", metavar="CODE", help="a rule code, like NHA004")


def render(code: str) -> str | None:
    """The documentation of rule ``code`` (any case) as text, or None for an unknown code."""
    from neoha_config.rules import by_code as rules

    rule = rules().get(code.strip().upper())
    if rule is None:
        return None
    return f"{rule.code} ({rule.severity.value}): {rule.summary}\n\n{rule.doc}\n"


def run(args: argparse.Namespace) -> int:
    """Print the rule; an unknown code prints the closest codes on stderr and returns 2."""
    from neoha_config.rules import by_code as rules

    text = render(args.code)
    if text is not None:
        sys.stdout.write(text)
        return 0
    codes = list(rules())
    wanted = args.code.strip().upper()
    close = difflib.get_close_matches(wanted, codes, n=5, cutoff=0.6)
    if not close:
        close = [c for c in codes if c.startswith(wanted[:4])] or codes
    print(
        f"neoha-config: unknown rule code {args.code!r}; known codes like it: {', '.join(close)}",
        file=sys.stderr,
    )
    return 2
