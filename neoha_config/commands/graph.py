"""The ``graph`` subcommand: the clusters of a tree as Mermaid, Graphviz DOT or an HTML page."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from neoha_config.errors import NeohaConfigError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from neoha_config.config import Settings
    from neoha_config.inventory import Inventory
    from neoha_config.result import CheckResult

FORMATS = ("mermaid", "dot", "html")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``graph``."""
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="directories or files to draw (default: .)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="mermaid", help="output format (mermaid)"
    )
    parser.add_argument("--output-file", metavar="FILE", help="write the picture to FILE")
    add_common(parser)


def add_common(parser: argparse.ArgumentParser) -> None:
    """``--zookeeper`` and ``--no-logs``, shared with ``show``."""
    parser.add_argument(
        "--zookeeper",
        choices=("3.3", "3.8"),
        default=None,
        help="the coordinators' ZooKeeper: 3.3 (default) or 3.8",
    )
    parser.add_argument(
        "--no-logs", action="store_true", help="do not read messages.log (skips NHA4xx)"
    )


def settings_of(args: argparse.Namespace) -> Settings:
    """``[tool.neoha_config]`` with ``--zookeeper`` and ``--no-logs`` on top."""
    from neoha_config import config
    from neoha_config.profile import Profile

    return config.merge(
        config.load_settings(),
        zookeeper=Profile(args.zookeeper) if args.zookeeper else None,
        logs=False if args.no_logs else None,
    )


def check_of(paths: Sequence[str], settings: Settings) -> CheckResult:
    """The findings of ``check`` on ``paths`` with ``settings``."""
    from neoha_config.check import CheckOptions, check_paths

    return check_paths(paths, CheckOptions(settings=settings))


def render(fmt: str, inv: Inventory, result: CheckResult, *, title: str) -> str:
    """The picture of ``inv`` with ``result``'s findings in format ``fmt``."""
    from neoha_config import picture

    pic = picture.build(inv, result)
    if fmt == "dot":
        from neoha_config.render import dot

        return dot.render(pic)
    if fmt == "html":
        from neoha_config.render import html

        return html.render(pic, title=title)
    from neoha_config.render import mermaid

    return mermaid.render(pic)


def write(text: str, output_file: str | None) -> int:
    """Print ``text`` or write it to ``output_file``; 2 when the file cannot be written."""
    if output_file is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return 0
    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"neoha-config: cannot write {output_file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    return 0


def run(args: argparse.Namespace) -> int:
    """Draw the tree; 0 when drawn (findings do not fail it), 2 on a usage error."""
    from neoha_config.inventory import of_paths

    paths = args.paths or ["."]
    try:
        settings = settings_of(args)
        inv = of_paths(paths, settings)
        result = check_of(paths, settings)
    except NeohaConfigError as exc:
        print(f"neoha-config: {exc}", file=sys.stderr)
        return 2
    title = "neoha-config graph " + " ".join(paths)
    return write(render(args.format, inv, result, title=title), args.output_file)
