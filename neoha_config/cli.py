"""The command line: parse arguments and hand over to one subcommand."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any, Protocol, TextIO

# Subcommand name -> (module under neoha_config.commands, one-line help). The module defines
# ``add_arguments(parser)`` and ``run(args) -> int`` and is imported only when chosen, so the
# check hook never pays for probe, init or schema code.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "check configuration files, nodes and clusters"),
    "explain": ("explain", "print the documentation of a rule"),
    "schema": ("schema", "write the JSON Schemas of the file models and the report"),
    "init": ("init", "write a new, consistent cluster of NEO4J_HOMEs"),
    "probe": ("probe", "ask a running coordinator ensemble for each member's mode"),
    "graph": ("graph", "draw the clusters and ensembles: Mermaid, Graphviz DOT or HTML"),
    "show": ("show", "list clusters, ensembles, members and a host's ports"),
    "import": ("import_tree", "write the cluster description (cluster.toml) of an existing tree"),
    "plan": ("plan", "show what would make a tree match its cluster description"),
    "apply": ("apply", "write the plan of a cluster description into a tree"),
}


class _Command(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class _VersionAction(argparse.Action):
    """``--version``: looks the version up only when asked (package metadata is slow to read)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        from neoha_config.version import tool_version

        print(f"{parser.prog} {tool_version()}")
        parser.exit()


def _load(name: str) -> _Command:
    module: _Command = importlib.import_module(f"neoha_config.commands.{COMMANDS[name][0]}")
    return module


def build_parser(chosen: str | None) -> argparse.ArgumentParser:
    """The argument parser; only the ``chosen`` subcommand's module is imported for its options."""
    parser = argparse.ArgumentParser(
        prog="neoha-config",
        description="Check and provision Neo4j 1.x High Availability configuration.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            _load(name).add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code.

    0: no failing finding; 1: findings at a failing level (or an unhealthy probe); 2: usage
    error, unreadable configuration or internal error.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in args_list if not a.startswith("-")), None)
    if chosen not in COMMANDS:
        chosen = None
    parser = build_parser(chosen)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code) if isinstance(exc.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    real_stdout = sys.stdout
    sys.stdout = _Output(real_stdout)
    try:
        code = _load(args.command).run(args)
        sys.stdout.flush()  # a full disk behind stdout shows here, not at interpreter exit
    except KeyboardInterrupt:
        return 130
    except _OutputError as exc:
        sys.stdout = real_stdout
        _discard_stdout()
        print(f"neoha-config: cannot write the output: {exc.strerror}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug must still answer with exit 2 and one clear line
        print(f"neoha-config: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        sys.stdout = real_stdout
    return code


class _OutputError(OSError):
    """Writing to stdout failed: a closed pipe (``| head -c0``) or a full disk."""


class _Output:
    """stdout, with write failures told apart from every other OSError."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise _OutputError(exc.errno, exc.strerror or type(exc).__name__) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise _OutputError(exc.errno, exc.strerror or type(exc).__name__) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real stdout (embedded, redirected)
        pass
