"""The ``import`` subcommand: write the cluster description of an existing tree."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import``."""
    parser.add_argument("tree", metavar="TREE", help="directory holding the NEO4J_HOMEs")
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the description to FILE (cluster.toml) instead of standard output",
    )
    parser.add_argument(
        "--release",
        choices=("1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"),
        help="the Neo4j release the tree runs (default: 1.9 if ha.initial_hosts is set, else 1.8)",
    )
    parser.add_argument(
        "--zookeeper",
        choices=("3.3", "3.8"),
        default="3.3",
        help="coordinator profile: 3.3 (bundled with Neo4j 1.x, default) or 3.8",
    )
    parser.add_argument(
        "--force", action="store_true", help="overwrite FILE when it exists already"
    )


def _fail(message: str) -> int:
    print(f"neoha-config import: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Describe ``args.tree``; 0 on success, 2 on any error (nothing written)."""
    from neoha_config.errors import NeohaConfigError
    from neoha_config.provision import description
    from neoha_config.provision.importer import import_tree

    out = Path(args.output) if args.output else None
    if out is not None and out.exists() and not args.force:
        return _fail(f"{out} exists; pass --force to overwrite it")
    try:
        described = import_tree(args.tree, release=args.release, zookeeper=args.zookeeper)
        if out is None:
            sys.stdout.write(description.dumps(described))
        else:
            description.dump(described, out)
    except NeohaConfigError as exc:
        return _fail(str(exc))
    members = sum(1 for _ in described.members())
    where = f" to {out}" if out is not None else ""
    print(
        f"described {members} member(s) in {len(described.clusters)} cluster(s){where}; "
        f"next: neoha-config plan {out or 'cluster.toml'} {args.tree}",
        file=sys.stderr,
    )
    return 0
