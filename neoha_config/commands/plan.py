"""The ``plan`` subcommand: show what would make a tree match its cluster description."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``plan``."""
    parser.add_argument("description", metavar="DESCRIPTION", help="the cluster.toml to follow")
    parser.add_argument("tree", metavar="TREE", help="directory holding the NEO4J_HOMEs")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    parser.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when there are changes, 0 when there are none (like git diff --exit-code)",
    )


def run(args: argparse.Namespace) -> int:
    """Print the plan; 0 (or 1 with ``--exit-code`` and changes), 2 on any error."""
    from neoha_config.errors import NeohaConfigError
    from neoha_config.provision.changes import plan_changes
    from neoha_config.provision.description import load

    try:
        changes = plan_changes(load(args.description), args.tree)
    except NeohaConfigError as exc:
        print(f"neoha-config plan: error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(changes.to_json(), indent=2))
    else:
        sys.stdout.write(changes.diff())
    print(changes.summary() if changes else "no changes", file=sys.stderr)
    return 1 if args.exit_code and changes else 0
