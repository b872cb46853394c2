"""The post-pass after checking: give each fixable finding its fix."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config import records
from neoha_config.fix.fixers import FIXERS
from neoha_config.fix.view import FileView, FixInput, TreeFacts

if TYPE_CHECKING:
    from neoha_config.config import Settings
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.result import CheckResult
    from neoha_config.tree import Tree


def load(paths: Sequence[str | os.PathLike[str]], settings: Settings, cwd: Path) -> Tree:
    """The tree ``check_paths`` checks for these paths and settings, without logs."""
    from neoha_config.layout import load_tree

    exclude = (lambda shown: settings.is_excluded(shown, cwd=cwd)) if settings.exclude else ()
    return load_tree(paths, exclude=exclude, include_logs=False, cwd=cwd, models=False)


def _view(display: str, cwd: Path) -> FileView | None:
    from neoha_config.reading import read_bytes

    data, _ = read_bytes(cwd / display)
    if data is None:
        return None
    document = None
    if Path(display).name != "myid":
        from neoha_config.properties import parse

        document = parse(data)
    return FileView(display, data, document)


def attach(
    result: CheckResult,
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    cwd: Path | None = None,
    tree: Tree | None = None,
) -> CheckResult:
    """``result`` with a ``fix`` on every finding that has one repair (safe or unsafe).

    ``paths``, ``settings`` and ``cwd`` (default: the current directory) must be those of the
    check: the files are read again from there. A fixer that needs the tree (NHA114, NHA303)
    gets ``tree`` when given (the tree that was checked), else the tree loaded again, once.
    Findings without a fix are returned unchanged.
    """
    base = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    wanted = [d for d in result.diagnostics if d.code in FIXERS]
    if not wanted:
        return result
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in result.diagnostics:
        by_path.setdefault(diag.location.path, []).append(diag)
    cache: list[TreeFacts | None] = []

    def facts() -> TreeFacts | None:
        if not cache:
            loaded = tree
            if loaded is None:
                try:
                    loaded = load(paths, settings, base)
                except Exception:  # the check itself succeeded: fixes needing the tree are left out
                    cache.append(None)
                    return None
            owners = {f.display: n for n in loaded.nodes for f in n.files.values()}
            cache.append(TreeFacts(loaded, owners))
        return cache[0]

    views: dict[str, FileView | None] = {}
    fixes: dict[int, Diagnostic] = {}
    for diag in wanted:
        path = diag.location.path
        if path not in views:
            views[path] = _view(path, base)
        view = views[path]
        if view is None:
            continue
        fix = FIXERS[diag.code](FixInput(diag, view, by_path[path], facts))
        if fix is not None:
            fixes[id(diag)] = records.replace(diag, fix=fix)
    if not fixes:
        return result
    return records.replace(result, diagnostics=[fixes.get(id(d), d) for d in result.diagnostics])


def fixable_counts(result: CheckResult, *, unsafe: bool = False) -> tuple[int, int]:
    """(findings ``--fix`` would fix, findings whose fix needs ``--unsafe-fixes`` but is off)."""
    fixable = hidden = 0
    for diag in result.diagnostics:
        if diag.fix is None:
            continue
        if diag.fix.safe or unsafe:
            fixable += 1
        else:
            hidden += 1
    return fixable, hidden
