"""Fixing a tree until stable: passes of check and fix on a scratch copy of its files."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config.fix.attach import attach, load
from neoha_config.fix.edits import apply_edits, choose
from neoha_config.fix.verify import keep_keys
from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.config import Settings
    from neoha_config.diagnostics import Diagnostic, Fix

MAX_PASSES = 8
"""Passes of check and fix before giving up on reaching a state with nothing left to fix."""


@dataclass(slots=True)
class Outcome:
    """What fixing would do: each changed file's bytes before and after (by display path),
    the findings fixed in each pass, the files refused because they lie outside the checked
    tree, and whether the last pass found nothing more to fix."""

    changes: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    fixed: list[tuple[Diagnostic, Fix]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    stable: bool = True


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def where(display: str, paths: Sequence[str | os.PathLike[str]], cwd: Path) -> str:
    """Whether the file at ``display`` may be fixed: ``"tree"`` when its real path (symlinks
    resolved) lies under a directory argument, or it is a file argument inside the current
    directory; ``"outside"`` when it is found in the tree but a symlink leads out of it;
    ``"unnamed"`` for a file of a checked cluster that no file argument names."""
    lexical = os.path.normpath(cwd / display)
    real = os.path.realpath(lexical)
    here = os.path.realpath(cwd)
    in_dirs = in_files = False
    for path in paths:
        named = os.path.normpath(cwd / path)
        if os.path.isdir(named):
            if _inside(real, os.path.realpath(named)):
                return "tree"
            in_dirs = in_dirs or _inside(lexical, named)
        elif lexical == named:
            if _inside(real, here):
                return "tree"
            in_files = True
    return "outside" if in_dirs or in_files else "unnamed"


def _ups(display: str) -> int:
    parts = display.split("/")
    n = 0
    while n < len(parts) and parts[n] == "..":
        n += 1
    return n


def plan(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    unsafe: bool = False,
    cwd: Path | None = None,
    passes: int = MAX_PASSES,
) -> Outcome:
    """Check ``paths`` and apply the fixes again and again on a scratch copy of the tree's
    files, until a pass finds nothing left to fix (at most ``passes``). Writes nothing under
    ``cwd``. ``unsafe`` includes unsafe fixes. Raises ``NeohaConfigError`` as ``check_paths``
    does.
    """
    from neoha_config.check import CheckOptions, check_paths
    from neoha_config.discovery import display_path

    base = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    tree = load(paths, settings, base)
    originals = {
        f.display: f.data
        for node in tree.nodes
        for f in node.files.values()
        if f.data is not None and not os.path.isabs(f.display)
    }
    args = [display_path(os.fspath(p), base) for p in paths] or ["."]
    outcome = Outcome()
    places = {d: where(d, paths, base) for d in originals}
    with tempfile.TemporaryDirectory(prefix="neoha-fix-") as tmp:
        depth = max([_ups(d) for d in [*originals, *args]] or [0])
        root = Path(tmp).joinpath(*(["up"] * depth))
        root.mkdir(parents=True, exist_ok=True)
        for arg in args:  # a directory argument whose files were all refused still exists
            if (base / arg).is_dir():
                (root / arg).mkdir(parents=True, exist_ok=True)
        for display, data in originals.items():
            target = root / display
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        refused: set[str] = set()
        # A named file the check could not read (outside the checked tree) has no copy.
        args = [a for a in args if (root / a).exists()]
        outcome.stable = not args
        for _ in range(passes if args else 0):
            result = check_paths(args, CheckOptions(settings=settings, cwd=root))
            result = attach(result, args, settings, cwd=root)
            per_file: dict[str, list[tuple[Diagnostic, Fix]]] = {}
            for diag in result.diagnostics:
                fix = diag.fix
                if fix is None or not (fix.safe or unsafe):
                    continue
                targets = {e.path for e in fix.edits}
                if len(targets) != 1 or diag.location.path not in targets:
                    continue  # every fixer edits the finding's own file
                place = places.get(diag.location.path, "unnamed")
                if place != "tree":
                    if place == "outside":
                        refused.add(diag.location.path)
                    continue
                per_file.setdefault(diag.location.path, []).append((diag, fix))
            progress = False
            for display, items in sorted(per_file.items()):
                target = root / display
                text = target.read_bytes().decode("latin-1")
                chosen = keep_keys(text, choose(text, items))
                if not chosen:
                    continue
                new = apply_edits(text, [e for _, f in chosen for e in f.edits])
                if new != text:
                    target.write_bytes(new.encode("latin-1"))
                    outcome.fixed.extend(chosen)
                    progress = True
            if not progress:
                outcome.stable = True
                break
        for display, data in originals.items():
            after = (root / display).read_bytes()
            if after != data:
                outcome.changes[display] = (data, after)
        outcome.refused = sorted(refused)
    return outcome
