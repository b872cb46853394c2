"""Apply a plan: check the result on a scratch copy first, then write each file atomically."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from neoha_config.errors import NeohaConfigError
from neoha_config.provision import facts
from neoha_config.provision.changes import KNOWN_FILES, Changes, found_myid, homes
from neoha_config.provision.disk import os_errors, read_file, write_file


class ApplyRefused(NeohaConfigError):
    """``apply`` would leave the tree with findings it did not have; ``findings`` lists them
    as ``path:line: CODE message`` lines."""

    def __init__(self, message: str, findings: list[str]) -> None:
        super().__init__(message)
        self.findings = findings


def _config_files(root: Path) -> Iterator[str]:
    for name, home in homes(root).items():
        for rel in KNOWN_FILES:
            if (home / rel).is_file():
                yield f"{name}/{rel}"
        conf = home / "conf"
        for extra in sorted(conf.glob("*")) if conf.is_dir() else ():
            rel = f"conf/{extra.name}"
            if extra.is_file() and rel not in KNOWN_FILES and extra.stat().st_size <= 1 << 20:
                yield f"{name}/{rel}"
        myid = found_myid(home) if (home / facts.COORD_FILE).is_file() else None
        if myid is not None:
            yield f"{name}/{myid}"


def _copy(root: Path, target: Path) -> None:
    for rel in _config_files(root):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, dest)


def _findings(root: Path, profiles: tuple[str, ...]) -> Counter[tuple[str, str, str]]:
    from neoha_config.check import CheckOptions, check_paths
    from neoha_config.config import Settings
    from neoha_config.profile import Profile

    found: Counter[tuple[str, str, str]] = Counter()
    for profile in profiles:
        options = CheckOptions(settings=Settings(zookeeper=Profile(profile)), cwd=root)
        result = check_paths([root], options)
        for d in result.diagnostics:
            if d.severity.value in {"error", "warning"}:
                # Not the message: it names cluster sizes and values a change may alter.
                found[(d.code, d.location.path, d.key or "")] += 1
    return found


def _messages(
    root: Path, profiles: tuple[str, ...], wanted: set[tuple[str, str, str]]
) -> list[str]:
    from neoha_config.check import CheckOptions, check_paths
    from neoha_config.config import Settings
    from neoha_config.profile import Profile

    out: set[str] = set()
    for profile in profiles:
        options = CheckOptions(settings=Settings(zookeeper=Profile(profile)), cwd=root)
        for d in check_paths([root], options).diagnostics:
            if (d.code, d.location.path, d.key or "") in wanted:
                out.add(f"{d.location.path}:{d.location.line}: {d.code} {d.message}")
    return sorted(out)


def new_findings(changes: Changes, *, prune: bool = False) -> list[str]:
    """The error and warning findings ``check`` would report after applying ``changes`` that it
    does not report today (compared by code, file and key), as ``path:line: CODE message``
    lines, paths relative to the tree.

    Both readings run on temporary copies of the tree's configuration files, so the tree is
    not touched; the original's store and logs are not copied.
    """
    with tempfile.TemporaryDirectory(prefix="neoha-plan-") as scratch:
        before = Path(scratch) / "before"
        after = Path(scratch) / "after"
        before.mkdir()
        after.mkdir()
        _copy(changes.root, before)
        _copy(changes.root, after)
        for change in changes.files:
            dest = after / change.path
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(change.after)
        if prune:
            for removal in changes.removals:
                target = after / removal.path
                if removal.kind == "home":
                    shutil.rmtree(target, ignore_errors=True)
                elif target.exists():
                    target.unlink()
        old = _findings(before, changes.profiles)
        new = _findings(after, changes.profiles)
        extra = new - old
        messages = _messages(after, changes.profiles, set(extra)) if extra else []
    return sorted(messages)


def apply(changes: Changes, *, force: bool = False, prune: bool = False) -> list[str]:
    """Write exactly ``changes`` (from ``plan_changes``) into its tree; returns what was done,
    one line per file written or deleted.

    Refused with NeohaConfigError, writing nothing, when a file changed since the plan was made,
    or (unless ``force``) when ``check`` would report an error or warning it does not report
    today (``ApplyRefused``, with the findings). Each file is replaced atomically
    (``atomic.write_atomic``). Removals happen only with ``prune``: a home is deleted with
    everything in it, a retired coordinator's file alone.
    """
    if not isinstance(changes, Changes):
        raise TypeError(f"expected the Changes of plan_changes(), not {type(changes).__name__}")
    root = changes.root
    for change in changes.files:
        if read_file(root / change.path) != change.before:
            raise NeohaConfigError(
                "changed since the plan was made; plan again", path=str(root / change.path)
            )
    if not force:
        problems = new_findings(changes, prune=prune)
        if problems:
            raise ApplyRefused(
                f"refusing to apply: check would report {len(problems)} new finding(s) "
                "(apply with force to write anyway):\n" + "\n".join(f"  {p}" for p in problems),
                problems,
            )
    return _write(changes) + (_prune(changes) if prune else [])


def _write(changes: Changes) -> list[str]:
    done: list[str] = []
    for change in changes.files:
        write_file(changes.root / change.path, change.after, changes.root)
        done.append(f"{'created' if change.created else 'updated'} {change.path}")
    return done


def _prune(changes: Changes) -> list[str]:
    done: list[str] = []
    for removal in changes.removals:
        target = changes.root / removal.path
        with os_errors("delete", target):
            if removal.kind == "home":
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
        done.append(f"deleted {removal.path}")
    return done
