"""The ``check`` subcommand: find nodes, run every rule, print findings, exit 0/1/2."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import TYPE_CHECKING

from neoha_config.cli import retain_until_exit
from neoha_config.errors import NeohaConfigError

if TYPE_CHECKING:
    from neoha_config.config import Settings
    from neoha_config.result import CheckResult

FORMATS = ("text", "json", "github", "sarif")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``check``."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="directories to search for nodes, or files whose nodes to check (default: .)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: text; github when GITHUB_ACTIONS is set)",
    )
    parser.add_argument("--output-file", metavar="FILE", help="write findings to FILE")
    parser.add_argument(
        "--strict", action="store_true", default=None, help="warnings fail the check too"
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these codes or prefixes, comma-separated (repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="skip these codes or prefixes, comma-separated (repeatable)",
    )
    parser.add_argument(
        "--zookeeper",
        choices=("3.3", "3.8"),
        default=None,
        help="the coordinators' ZooKeeper: 3.3 (bundled with Neo4j 1.x, default) or 3.8",
    )
    parser.add_argument(
        "--neo4j",
        default=None,
        metavar="RELEASE",
        help="the Neo4j release the nodes run: auto (default: inferred from each node's files "
        "and its cluster) or 1.3 to 1.9",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also print each node's roles and Neo4j releases (on stderr)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print the summary line")
    parser.add_argument(
        "--no-logs", action="store_true", help="do not read messages.log (skips NHA4xx)"
    )
    parser.add_argument(
        "--complete",
        action="store_true",
        help="the checked tree is the whole system: a listed coordinator that no node of the "
        "tree serves is an error (NHA325)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="file arguments: do not read or write the node cache (.neoha_cache)",
    )
    parser.add_argument(
        "--output-format",
        choices=("concise", "full"),
        default="concise",
        help="text findings: one line each (concise), or each with its rule, fix and docs (full)",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        help="print how many findings each code has instead of the findings",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="fix what can be fixed in place, then report what remains",
    )
    parser.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, apply fixes that change what the software reads too",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff (patch -p0) and write nothing; exit 1 if any",
    )


def _release(text: str) -> str:
    from neoha_config.release import parse_release

    try:
        return parse_release(text)
    except ValueError as exc:
        raise NeohaConfigError(f"--neo4j: {exc}", key="--neo4j") from None


def _settings(args: argparse.Namespace) -> Settings:
    from neoha_config import config
    from neoha_config.profile import Profile

    settings = config.load_settings()
    return config.merge(
        settings,
        select=(config.parse_selectors(args.select, option="--select") if args.select else None),
        ignore=(config.parse_selectors(args.ignore, option="--ignore") if args.ignore else None),
        zookeeper=Profile(args.zookeeper) if args.zookeeper else None,
        neo4j=_release(args.neo4j) if args.neo4j else None,
        strict=True if args.strict else None,
        logs=False if args.no_logs else None,
        cache=False if args.no_cache else None,
        complete=True if args.complete else None,
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    actions = os.environ.get("GITHUB_ACTIONS", "")
    return "github" if actions and actions.lower() != "false" else "text"


def _render(result: CheckResult, fmt: str, *, color: bool, unsafe_fixes: bool = False) -> str:
    if fmt == "json":
        from neoha_config.report import jsonreport

        return jsonreport.render(result)
    if fmt == "github":
        from neoha_config.report import github

        return github.render(result)
    if fmt == "sarif":
        from neoha_config.report import sarif

        return sarif.render(result)
    from neoha_config.report import text

    return text.render(result, color=color, unsafe_fixes=unsafe_fixes)


def run(args: argparse.Namespace) -> int:
    """Check ``args.paths`` and print the report; returns the exit code.

    0: nothing at a failing level; 1: an error (or a warning under ``--strict``); 2: a path
    that does not exist, an invalid option or ``[tool.neoha_config]`` table, or an unwritable
    output file.
    """
    from neoha_config.check import CheckOptions, check_cached

    if args.statistics and args.format not in (None, "text"):
        print("neoha-config: --statistics prints text: leave out --format", file=sys.stderr)
        return 2
    # The loaded tree lives until the report is printed and holds no garbage cycles worth
    # collecting: the cyclic collector's passes over it cost 40% of a 10,000-node check
    # (benchmarks/RESULTS.md), so it is paused while checking, and what the check built is
    # frozen (left out of every later pass) while the report is written.
    collecting = gc.isenabled()
    gc.disable()
    try:
        settings = _settings(args)
        if args.fix or args.diff:
            from neoha_config.fix.cli import fix_or_diff

            done = fix_or_diff(args.paths or ["."], settings, args)
            if done is not None:
                return done
        result, tree = check_cached(args.paths or ["."], CheckOptions(settings=settings))
        # Freeing a large tree object by object costs time; when the process is about to end
        # without teardown, nothing needs the memory back.
        retain_until_exit(tree)
    except NeohaConfigError as exc:
        if collecting:
            gc.enable()
        print(f"neoha-config: {exc}", file=sys.stderr)
        return 2
    except BaseException:
        if collecting:
            gc.enable()
        raise
    gc.freeze()
    if collecting:
        gc.enable()
    try:
        return _report(args, settings, result)
    finally:
        gc.unfreeze()  # a caller running main() in its own process collects as before


def _report(args: argparse.Namespace, settings: Settings, result: CheckResult) -> int:
    fmt = _format(args)
    color = False
    if fmt == "text" and not args.output_file:
        from neoha_config.report.color import want_color

        color = want_color(args.color, sys.stdout)
    if args.statistics or (fmt == "text" and args.output_format == "full"):
        from neoha_config.report import detail

        out = (
            detail.statistics(result)
            if args.statistics
            else detail.render_full(result, color=color)
        )
    else:
        out = _render(result, fmt, color=color, unsafe_fixes=args.unsafe_fixes)
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(out)
        except OSError as exc:
            print(
                f"neoha-config: cannot write {args.output_file}: {exc.strerror or exc}",
                file=sys.stderr,
            )
            return 2
    elif out:
        sys.stdout.write(out)
        sys.stdout.flush()
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        from neoha_config.render import summary as step_summary

        step_summary.append(
            os.environ["GITHUB_STEP_SUMMARY"], args.paths or ["."], settings, result
        )
    if args.verbose:
        from neoha_config.release import describe

        for node in result.nodes:
            releases = f", Neo4j {describe(node.releases)}" if node.releases else ""
            print(f"{node.path}: {' and '.join(node.roles)}{releases}", file=sys.stderr)
    if not args.quiet and fmt != "github":  # the github report ends with the summary itself
        from neoha_config.report.text import summary

        print(summary(result, unsafe_fixes=args.unsafe_fixes), file=sys.stderr)
    return 1 if result.failed(strict=settings.strict) else 0
