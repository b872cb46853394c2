"""Settings from ``[tool.neoha_config]`` in the nearest ``pyproject.toml``."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neoha_config import records
from neoha_config.diagnostics import Severity
from neoha_config.errors import NeohaConfigError
from neoha_config.globs import compile_glob, path_matches
from neoha_config.profile import DEFAULT_PROFILE, Profile
from neoha_config.records import dataclass

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = [
    "PYPROJECT",
    "SECTION",
    "Settings",
    "compile_glob",
    "find_pyproject",
    "load_settings",
    "merge",
    "parse_selector",
    "parse_selectors",
    "path_matches",
    "settings_from_table",
]

SECTION = "tool.neoha_config"
PYPROJECT = "pyproject.toml"

_SELECTOR = re.compile(r"NHA[0-9]{0,3}")


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``[tool.neoha_config]`` says, with defaults for what it does not.

    ``select``/``ignore`` hold codes or prefixes (``NHA3``); ``per_file_ignores`` pairs a glob
    with codes or prefixes; ``severity`` pairs a code or prefix with the severity its findings
    get. Globs (``per_file_ignores``, ``exclude``) are relative to ``base``, the directory of the
    ``pyproject.toml`` they came from (None: the current directory). ``source`` is that file.
    """

    select: tuple[str, ...] = ("NHA",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    zookeeper: Profile = DEFAULT_PROFILE
    neo4j: str = "auto"
    exclude: tuple[str, ...] = ()
    strict: bool = False
    logs: bool = True
    base: Path | None = None
    source: Path | None = None
    # The node cache of file-argument checks (``neoha_config.cache``): ``cache_dir`` as written
    # in ``cache-dir``, relative to ``base``; None: ``.neoha_cache`` in the current directory.
    cache: bool = True
    cache_dir: str | None = None
    # The tree is the whole system: a listed endpoint no node of it serves is an error.
    complete: bool = False

    def is_excluded(self, display_path: str, *, cwd: Path | None = None) -> bool:
        """True when ``display_path`` (relative to ``cwd``, default the current directory) or
        one of its parent directories matches an ``exclude`` glob."""
        return any(path_matches(g, display_path, base=self.base, cwd=cwd) for g in self.exclude)

    def per_file_ignored(self, code: str, display_path: str, *, cwd: Path | None = None) -> bool:
        """True when a ``per-file-ignores`` glob matching ``display_path`` lists ``code``."""
        return any(
            any(code.startswith(sel) for sel in codes)
            and path_matches(glob, display_path, base=self.base, cwd=cwd)
            for glob, codes in self.per_file_ignores
        )

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The severity ``code``'s findings get: the most specific override, else ``default``."""
        best: tuple[int, Severity] | None = None
        for sel, sev in self.severity:
            if code.startswith(sel) and (best is None or len(sel) >= best[0]):
                best = (len(sel), sev)
        return default if best is None else best[1]


# --- loading --------------------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _read(path: Path) -> tuple[str, dict[str, Any]] | None:
    """The text and our table of one pyproject.toml, or None when it has no such table."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise NeohaConfigError(f"cannot read: {exc.strerror or exc}", path=_display(path)) from None
    # Most pyproject.toml files never mention us: skip parsing them (start-up time matters).
    if b"neoha_config" not in raw:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NeohaConfigError(f"not UTF-8: {exc}", path=_display(path)) from None
    import tomllib  # only for a file that names us: most runs never parse TOML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NeohaConfigError(f"invalid TOML: {exc}", path=_display(path)) from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "neoha_config" not in tool:
        return None
    table = tool["neoha_config"]
    if not isinstance(table, dict):
        raise NeohaConfigError(
            f"[{SECTION}] must be a table, not {_type_name(table)}", path=_display(path)
        )
    return text, table


def _upwards(here: Path) -> Iterator[Path]:
    """``here`` and its parents, up to the root of the repository holding ``here`` (a directory
    with a ``.git`` directory or file); to ``/`` outside any repository."""
    for directory in (here, *here.parents):
        yield directory
        if os.path.lexists(directory / ".git"):
            return


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.neoha_config]`` table, walking up from
    ``start`` (default: the current directory) no further than the repository root (the first
    directory holding ``.git``); files without the table are passed over, as ruff does.
    Returns None when there is none. Raises ``NeohaConfigError`` for an unreadable or invalid
    candidate."""
    here = Path(os.path.abspath(start if start is not None else os.getcwd()))
    for directory in _upwards(here):
        candidate = directory / PYPROJECT
        if candidate.is_file() and _read(candidate) is not None:
            return candidate
    return None


def load_settings(start: Path | None = None) -> Settings:
    """Read the settings of the nearest ``pyproject.toml`` with a ``[tool.neoha_config]`` table.

    Walks up from ``start`` (default: the current directory), stopping at the repository root
    (a directory holding ``.git``, directory or file), so a file planted above the repository
    is never read; without such a file the defaults apply, with ``base`` set to ``start``.
    Raises ``NeohaConfigError`` (the CLI exits 2) naming the file and the key for an unknown
    key, a value of the wrong type, an unknown code or severity, an invalid glob, invalid TOML,
    or TOML unreadable on this Python.
    """
    here = Path(os.path.abspath(start if start is not None else os.getcwd()))
    for directory in _upwards(here):
        candidate = directory / PYPROJECT
        if not candidate.is_file():
            continue
        found = _read(candidate)
        if found is not None:
            text, table = found
            return settings_from_table(table, path=candidate, text=text)
    return Settings(base=here)


# --- validation -----------------------------------------------------------------------------

_KEYS = (
    "select",
    "ignore",
    "per-file-ignores",
    "severity",
    "zookeeper",
    "neo4j",
    "exclude",
    "strict",
    "logs",
    "cache-dir",
    "complete",
)


def _type_name(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    names.update({list: "an array", dict: "a table"})
    return names.get(type(value), type(value).__name__)


class _Reader:
    """Validates one table, raising errors that name the file, the line and the key."""

    def __init__(self, path: Path | None, text: str | None) -> None:
        self.path = path
        self.text = text or ""

    def fail(self, key: str, message: str, *, find: str | None = None) -> NeohaConfigError:
        """An error about ``key``, located at the line assigning ``find`` (default ``key``)."""
        return NeohaConfigError(
            f"[{SECTION}] {key}: {message}",
            path=_display(self.path) if self.path is not None else None,
            line=self._line_of(key if find is None else find),
            key=key,
        )

    def _line_of(self, key: str) -> int | None:
        # Best effort: the first assignment of ``key`` after our table's name.
        start = self.text.find("neoha_config")
        if start < 0:
            return None
        forms = [f'"{key}"', f"'{key}'"] + ([key] if key else [])
        alternatives = "|".join(re.escape(f) for f in forms)
        # The key opens a line, or follows '{' or ',' in an inline table.
        pattern = re.compile(rf"(?m)(?:^|[{{,])[ \t]*(?:{alternatives})[ \t]*=")
        match = pattern.search(self.text, start)
        return None if match is None else self.text.count("\n", 0, match.start()) + 1

    def selectors(self, key: str, value: object, *, find: str | None = None) -> tuple[str, ...]:
        if not isinstance(value, list):
            message = f"expected an array of codes or prefixes, got {_type_name(value)}"
            raise self.fail(key, message, find=find)
        out = []
        for item in value:
            if not isinstance(item, str):
                message = f"expected codes as strings, got {_type_name(item)}"
                raise self.fail(key, message, find=find)
            try:
                out.append(parse_selector(item))
            except ValueError as exc:
                raise self.fail(key, str(exc), find=find) from None
        return tuple(out)

    def globs(self, key: str, value: object, *, find: str | None = None) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            message = f"expected an array of glob strings, got {_type_name(value)}"
            raise self.fail(key, message, find=find)
        for glob in value:
            try:
                compile_glob(glob)
            except (ValueError, re.error) as exc:
                raise self.fail(key, f"invalid glob {glob!r}: {exc}", find=find) from None
        return tuple(value)

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {_type_name(value)}")
        return value


def parse_selector(text: str) -> str:
    """Normalise one code or prefix (``NHA004``, ``nha3``, ``NHA``).

    Raises ``ValueError`` naming the text when it is neither, or when no rule's code starts
    with it (``NHA999``, ``NHA9``): a selector that matches nothing is a typo, not a choice.
    """
    sel = text.strip().upper()
    if not _SELECTOR.fullmatch(sel):
        raise ValueError(f"{text!r} is not a rule code or prefix (like 'NHA004' or 'NHA3')")
    codes = _known_codes()
    if not any(code.startswith(sel) for code in codes):
        import difflib  # only on this error path

        close = difflib.get_close_matches(sel, codes, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ValueError(f"{sel} is not a rule code and no rule code starts with it{hint}")
    return sel


def _known_codes() -> tuple[str, ...]:
    # The check imports the rule table anyway; it is the one list of codes.
    from neoha_config.rules import by_code

    return tuple(by_code())


def parse_selectors(values: Iterable[str], *, option: str) -> tuple[str, ...]:
    """Codes or prefixes from command-line values, each possibly comma-separated.

    Raises ``NeohaConfigError`` naming ``option`` (e.g. ``--select``) for anything else.
    """
    out: list[str] = []
    for value in values:
        for item in value.split(","):
            if not item.strip():
                continue
            try:
                out.append(parse_selector(item))
            except ValueError as exc:
                raise NeohaConfigError(f"{option}: {exc}", key=option) from None
    return tuple(out)


def settings_from_table(
    table: Mapping[str, Any], *, path: Path | None = None, text: str | None = None
) -> Settings:
    """Validate a ``[tool.neoha_config]`` table into ``Settings`` (``base`` is ``path``'s folder).

    ``text`` is the file's source, used only to give errors a line. Raises ``NeohaConfigError``
    naming the key for an unknown key or a bad value.
    """
    reader = _Reader(path, text)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            import difflib  # only on this error path: keeps start-up small

            close = difflib.get_close_matches(key.replace("_", "-"), _KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise reader.fail(key, f"unknown key{hint}; known keys: {', '.join(_KEYS)}")
        if key in ("select", "ignore"):
            values[key] = reader.selectors(key, value)
        elif key == "exclude":
            values[key] = reader.globs(key, value)
        elif key in ("strict", "logs", "complete"):
            values[key] = reader.boolean(key, value)
        elif key == "neo4j":
            from neoha_config.release import parse_release

            if not isinstance(value, str):
                raise reader.fail(
                    key, f'expected "auto" or a release like "1.8", got {_type_name(value)}'
                )
            try:
                values[key] = parse_release(value)
            except ValueError as exc:
                raise reader.fail(key, str(exc)) from None
        elif key == "cache-dir":
            if not isinstance(value, str) or not value.strip() or "\0" in value:
                shown = repr(value) if isinstance(value, str) else _type_name(value)
                raise reader.fail(
                    key, f"expected a directory path (a non-empty string), got {shown}"
                )
            values["cache_dir"] = value
        elif key == "zookeeper":
            if not isinstance(value, str) or value not in {p.value for p in Profile}:
                shown = repr(value) if isinstance(value, str) else _type_name(value)
                raise reader.fail(key, f'expected "3.3" or "3.8" (a quoted string), got {shown}')
            values[key] = Profile(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise reader.fail(
                    key, f"expected a table of glob = [codes], got {_type_name(value)}"
                )
            pairs = []
            for glob, codes in value.items():
                name = f'{key}."{glob}"'
                reader.globs(name, [glob], find=glob)
                pairs.append((glob, reader.selectors(name, codes, find=glob)))
            values["per_file_ignores"] = tuple(pairs)
        else:  # severity
            if not isinstance(value, dict):
                raise reader.fail(
                    key, f"expected a table of code = severity, got {_type_name(value)}"
                )
            overrides = []
            for code, level in value.items():
                try:
                    sel = parse_selector(code)
                except ValueError as exc:
                    raise reader.fail(f"{key}.{code}", str(exc), find=code) from None
                if not isinstance(level, str) or level not in {s.value for s in Severity}:
                    shown = repr(level) if isinstance(level, str) else _type_name(level)
                    raise reader.fail(
                        f"{key}.{code}",
                        f'expected "error", "warning" or "info", got {shown}',
                        find=code,
                    )
                overrides.append((sel, Severity(level)))
            values["severity"] = tuple(overrides)
    base = path.parent if path is not None else None
    return Settings(**values, base=base, source=path)


def merge(
    settings: Settings,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    zookeeper: Profile | None = None,
    neo4j: str | None = None,
    strict: bool | None = None,
    logs: bool | None = None,
    cache: bool | None = None,
    complete: bool | None = None,
) -> Settings:
    """``settings`` with command-line values on top; None leaves a setting as configured.

    As in ruff, ``select`` starts the selection afresh (the configured ``ignore`` no longer
    applies; the ``ignore`` given with it does), and ``ignore`` alone adds to the configured one.
    """
    changes: dict[str, Any] = {}
    if select is not None:
        changes["select"] = tuple(select)
        changes["ignore"] = tuple(ignore or ())
    elif ignore is not None:
        changes["ignore"] = settings.ignore + tuple(ignore)
    if zookeeper is not None:
        changes["zookeeper"] = zookeeper
    if neo4j is not None:
        changes["neo4j"] = neo4j
    if strict is not None:
        changes["strict"] = strict
    if logs is not None:
        changes["logs"] = logs
    if cache is not None:
        changes["cache"] = cache
    if complete is not None:
        changes["complete"] = complete
    return records.replace(settings, **changes)
