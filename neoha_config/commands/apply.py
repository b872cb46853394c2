"""The ``apply`` subcommand: write the plan of a cluster description into a tree."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``apply``."""
    parser.add_argument("description", metavar="DESCRIPTION", help="the cluster.toml to follow")
    parser.add_argument("tree", metavar="TREE", help="directory holding the NEO4J_HOMEs")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write even when check would report new errors or warnings afterwards",
    )
    parser.add_argument(
        "--prune",
        action="store_true",
        help="delete homes (and retired coordinators' files) the description no longer has",
    )


def run(args: argparse.Namespace) -> int:
    """Print the plan, then write it; 0 when written (or nothing to do), 1 when refused because
    check would report new findings, 2 on any other error. Nothing is written when refused."""
    from neoha_config.errors import NeohaConfigError
    from neoha_config.provision.applying import ApplyRefused, apply
    from neoha_config.provision.changes import plan_changes
    from neoha_config.provision.description import load

    try:
        changes = plan_changes(load(args.description), args.tree)
        if not changes:
            print("No changes.")
            print("nothing to apply", file=sys.stderr)
            return 0
        sys.stdout.write(changes.diff())
        done = apply(changes, force=args.force, prune=args.prune)
    except ApplyRefused as exc:
        print(f"neoha-config apply: {exc}", file=sys.stderr)
        return 1
    except NeohaConfigError as exc:
        print(f"neoha-config apply: error: {exc}", file=sys.stderr)
        return 2
    for line in done:
        print(line, file=sys.stderr)
    kept = len(changes.removals) if not args.prune else 0
    tail = f"; {kept} removal(s) kept (use --prune)" if kept else ""
    print(f"applied: {len(done)} file(s) and home(s){tail}", file=sys.stderr)
    return 0
