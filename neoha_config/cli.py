"""The command line: parse arguments and hand over to one subcommand."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
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


# Set by ``entry`` when the process will end by ``os._exit``; what ``retain_until_exit`` keeps.
_EXITING: list[bool] = [False]
_RETAINED: list[object] = []


def retain_until_exit(obj: object) -> None:
    """Keep ``obj`` alive until the process ends, when it ends without interpreter teardown
    (the ``check`` console script): freeing a large loaded tree object by object costs more
    than it saves. Does nothing when ``main`` runs in a caller's process."""
    if _EXITING[0]:
        _RETAINED.append(obj)


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


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it (``COLUMNS``, then the
    terminal, then 80), without importing shutil (and bz2 and lzma with it) on every run."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _formatter(prog: str) -> argparse.HelpFormatter:
    # argparse builds a formatter for every add_argument; given a width it imports nothing.
    return argparse.HelpFormatter(prog, width=_columns() - 2)


def _load(name: str) -> _Command:
    module: _Command = importlib.import_module(f"neoha_config.commands.{COMMANDS[name][0]}")
    return module


def build_parser(chosen: str | None) -> argparse.ArgumentParser:
    """The argument parser; only the ``chosen`` subcommand's module is imported for its options."""
    parser = argparse.ArgumentParser(
        prog="neoha-config",
        description="Check and provision Neo4j 1.x High Availability configuration.",
        formatter_class=_formatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog=parser.prog)
    for name, (_, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, formatter_class=_formatter)
        if name == chosen:
            _load(name).add_arguments(p)
    return parser


def _chosen(args: Sequence[str]) -> str | None:
    chosen = next((a for a in args if not a.startswith("-")), None)
    return chosen if chosen in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code.

    0: no failing finding; 1: findings at a failing level (or an unhealthy probe); 2: usage
    error, unreadable configuration or internal error.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    chosen = _chosen(args_list)
    # Importing creates many objects and no garbage: the cyclic collector's passes over them
    # are pure cost, so it is off until the subcommand's module is loaded.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = build_parser(chosen)
        try:
            args = parser.parse_args(args_list)
        except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
            return int(exc.code) if isinstance(exc.code, int) else 2
        if args.command is None:
            parser.print_help(sys.stderr)
            return 2
        command = _load(args.command)
    finally:
        if collecting:
            gc.enable()
    real_stdout = sys.stdout
    sys.stdout = _Output(real_stdout)
    try:
        code = command.run(args)
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
    return int(code)


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
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real stdout (embedded, redirected)
        pass


def entry() -> None:
    """The console script and ``python -m neoha_config``: run ``main`` and exit with its code.

    After ``check`` has flushed its output the process ends at once (``os._exit``): tearing
    down the interpreter (freeing every loaded node and module) costs more than the hook's
    own work and changes nothing anyone sees. Other subcommands exit normally.
    """
    exiting = _chosen(sys.argv[1:]) == "check"
    _EXITING[0] = exiting
    code = main()
    if not exiting:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk: the output is gone
            code = code or 2
    os._exit(code)
