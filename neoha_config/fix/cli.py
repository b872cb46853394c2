"""``check --fix`` and ``check --diff``: write the fixes, or print them as a diff."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neoha_config.config import Settings
    from neoha_config.fix.run import Outcome


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _report(outcome: Outcome, verb: str, fixed: int, files: int) -> None:
    for display in outcome.refused:
        print(
            f"neoha-config: not fixing {display}: it lies outside the checked tree "
            "(a symlink out of it)",
            file=sys.stderr,
        )
    if not outcome.stable:
        print(
            "neoha-config: fixes did not settle after the last pass; run --fix again",
            file=sys.stderr,
        )
    print(
        f"{verb} {_count(fixed, 'finding')} in {_count(files, 'file')}.",
        file=sys.stderr,
    )


def fix_or_diff(paths: Sequence[str], settings: Settings, args: argparse.Namespace) -> int | None:
    """Run ``--diff`` (print the diff, or write it to ``--output-file``; return the exit code:
    1 when something would change, 2 when the output file cannot be written) or
    ``--fix`` (write the fixed files atomically, print what was fixed, return None so the
    remaining findings are checked and reported as usual). Raises ``NeohaConfigError`` as
    checking does."""
    from neoha_config.fix.run import plan

    cwd = Path.cwd()
    outcome = plan(paths, settings, unsafe=args.unsafe_fixes, cwd=cwd)
    if args.diff:
        from neoha_config.fix.edits import unified_diff

        text = "".join(
            unified_diff(display, before, after)
            for display, (before, after) in sorted(outcome.changes.items())
        )
        data = text.encode("latin-1")
        if args.output_file:
            try:
                with open(args.output_file, "wb") as handle:
                    handle.write(data)
            except OSError as exc:
                print(
                    f"neoha-config: cannot write {args.output_file}: {exc.strerror or exc}",
                    file=sys.stderr,
                )
                return 2
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        if not args.quiet:
            _report(outcome, "Would fix", len(outcome.fixed), len(outcome.changes))
        return 1 if outcome.changes else 0
    from neoha_config.atomic import write_atomic

    written: set[str] = set()
    done: set[str] = set()
    for display, (before, after) in sorted(outcome.changes.items()):
        real = os.path.realpath(cwd / display)
        if real in written:
            continue  # two names of one file (a symlink in the tree): fixed once
        try:
            with open(real, "rb") as handle:
                current = handle.read()
            if current != before:
                print(f"neoha-config: not fixing {display}: it changed meanwhile", file=sys.stderr)
                continue
            write_atomic(real, after)
        except OSError as exc:
            print(f"neoha-config: cannot fix {display}: {exc.strerror or exc}", file=sys.stderr)
            continue
        written.add(real)
        done.add(display)
    fixed = [(diag, fix) for diag, fix in outcome.fixed if diag.location.path in done]
    for diag, fix in fixed:
        print(f"{diag.location}: {diag.code} fixed: {fix.message}", file=sys.stderr)
    if not args.quiet:
        _report(outcome, "Fixed", len(fixed), len(done))
    return None
