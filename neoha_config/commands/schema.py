"""``schema``: write the JSON Schemas of the file models and of the report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``schema``."""
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="directory to write the schemas into; without it, list them on stdout",
    )


def run(args: argparse.Namespace) -> int:
    """Write or list the schemas; 0 on success, 2 when the directory cannot be written."""
    from neoha_config import schema

    if args.out is None:
        for name in schema.schemas():
            print(name)
        return 0
    if args.out.exists() and not args.out.is_dir():
        print(f"neoha-config: {args.out} is not a directory", file=sys.stderr)
        return 2
    try:
        changed = schema.write(args.out)
    except OSError as exc:
        print(f"neoha-config: cannot write schemas to {args.out}: {exc}", file=sys.stderr)
        return 2
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(changed)} schema(s) changed in {args.out}", file=sys.stderr)
    return 0
