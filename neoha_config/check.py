"""Running every rule over a loaded tree: paths and options in, a sorted CheckResult out."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config.config import Settings, load_settings
from neoha_config.context import CheckContext
from neoha_config.diagnostics import Diagnostic
from neoha_config.layout import LoadedTree, documents, load_tree
from neoha_config.profile import Profile
from neoha_config.records import dataclass, field
from neoha_config.registry import Scope
from neoha_config.result import CheckResult, NodeInfo
from neoha_config.tree import Node, Tree

if TYPE_CHECKING:
    from neoha_config.cache import NodeCache


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How to check: the settings (selection, overrides, profile, logs, exclude) and the
    directory display paths are relative to (None: the current directory)."""

    settings: Settings = field(default_factory=Settings)
    cwd: Path | None = None

    @property
    def profile(self) -> Profile:
        """The ZooKeeper profile the coordinator rules follow."""
        return self.settings.zookeeper


def check_paths(
    paths: Sequence[str | os.PathLike[str]], options: CheckOptions | None = None
) -> CheckResult:
    """Find the nodes under ``paths`` (directories or files, SPEC §2), check them, report.

    Without ``options``, the settings are those the command line uses: ``[tool.neoha_config]``
    of the nearest ``pyproject.toml`` above the current directory (``config.load_settings()``);
    pass ``CheckOptions()`` for the built-in defaults. Returns the sorted findings with the
    checked nodes and file count. Raises ``NeohaConfigError`` when a path does not exist or the
    settings are invalid; never raises on file contents.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError(f"check_paths takes a list of paths, not one path: [{paths!r}]")
    opts = options if options is not None else CheckOptions(settings=load_settings())
    return check_tree(load_paths(paths, opts), opts)


def load_paths(paths: Sequence[str | os.PathLike[str]], options: CheckOptions) -> LoadedTree:
    """Load what ``check_paths(paths, options)`` checks: the tree ``check_tree`` takes.

    File arguments use the node cache unless the settings turn it off (``cache``). Raises
    ``NeohaConfigError`` when a path does not exist; never raises on file contents.
    """
    cwd = Path(os.path.abspath(options.cwd if options.cwd is not None else os.getcwd()))
    settings = options.settings
    exclude = (lambda shown: settings.is_excluded(shown, cwd=cwd)) if settings.exclude else ()
    cache = _cache(paths, settings, cwd)
    return load_tree(
        paths, exclude=exclude, include_logs=settings.logs, cwd=cwd, cache=cache, models=False
    )


def _cache(
    paths: Sequence[str | os.PathLike[str]], settings: Settings, cwd: Path
) -> NodeCache | None:
    """The node cache of a check naming files (``check_cached`` answers for directories)."""
    if not settings.cache or not any(
        not os.path.isdir(os.path.join(cwd, os.fspath(p))) for p in paths
    ):
        return None
    return open_cache(settings, cwd)


CACHE_DIR_VARIABLE = "NEOHA_CACHE_DIR"
"""The environment variable that names the cache directory (relative to the current
directory), before ``cache-dir`` of the settings, as ``RUFF_CACHE_DIR`` does for ruff."""


def open_cache(settings: Settings, cwd: Path) -> NodeCache:
    """The node cache to use: ``$NEOHA_CACHE_DIR``, else the settings' ``cache-dir`` (relative
    to their ``pyproject.toml``), else ``.neoha_cache`` in ``cwd``."""
    from neoha_config.cache import DEFAULT_DIR, NodeCache
    from neoha_config.topology import link_keys

    named = os.environ.get(CACHE_DIR_VARIABLE)
    if named:
        directory = Path(cwd, named)
    elif settings.cache_dir is None:
        directory = cwd / DEFAULT_DIR
    else:
        directory = Path(settings.base or cwd, settings.cache_dir)
    return NodeCache(directory, link_keys)


def check_cached(
    paths: Sequence[str | os.PathLike[str]], options: CheckOptions
) -> tuple[CheckResult, Tree]:
    """Check ``paths`` as ``check_tree(load_paths(paths, options), options)`` does and attach
    the fixes (``fix.attach``); returns the result and the tree that was loaded.

    When every path is a directory and the settings keep the cache (``cache``), the findings
    of node groups that did not change since a check with the same settings come from the
    node cache, and only the other groups are loaded (``neoha_config.cached``). Raises
    ``NeohaConfigError`` when a path does not exist; never raises on file contents.
    """
    cwd = Path(os.path.abspath(options.cwd if options.cwd is not None else os.getcwd()))
    settings = options.settings
    if settings.cache and paths and all(os.path.isdir(os.path.join(cwd, p)) for p in paths):
        from neoha_config.cached import check_directories

        return check_directories(paths, options, open_cache(settings, cwd))
    tree = load_paths(paths, options)
    result = check_tree(tree, options)
    if result.diagnostics:
        from neoha_config.fix import attach

        result = attach(result, paths, settings, cwd=cwd, tree=tree)
    return result, tree


def check_tree(tree: Tree, options: CheckOptions | None = None) -> CheckResult:
    """Run every node check on each node and every tree check once; apply the settings.

    Findings of codes not selected, ignored for their file, or suppressed by a
    ``# neoha: ignore[...]`` comment are dropped (unused comments add NHA010) and severity
    overrides apply. When ``tree`` came from file arguments (``LoadedTree.selected``), only
    findings about the selected nodes, and the HA clusters and ensembles they belong to, are
    kept. Returns the findings sorted by path, line, column and code.
    """
    return check_looking(tree, options)[0]


def check_looking(
    tree: Tree, options: CheckOptions | None = None
) -> tuple[CheckResult, dict[int, list[str]]]:
    """What ``check_tree`` returns, and the paths the rules looked at beyond each node's
    files, by the node's ``id`` (``CheckContext.look``)."""
    from neoha_config import suppress
    from neoha_config.rules import RULES

    opts = options or CheckOptions()
    settings = opts.settings
    ctx = CheckContext(
        tree,
        profile=settings.zookeeper,
        include_logs=settings.logs,
        neo4j=settings.neo4j,
        complete=settings.complete,
    )
    found: list[Diagnostic] = []
    node_rules = [r for r in RULES if r.scope is Scope.NODE]
    for node in tree.nodes:
        for node_rule in node_rules:
            found.extend(node_rule(node, ctx))
    for tree_rule in RULES:
        if tree_rule.scope is Scope.TREE:
            found.extend(tree_rule(ctx))
    policy = suppress.Policy(settings, cwd=opts.cwd)
    outcome = suppress.apply(found, documents(tree), policy)
    kept = outcome.kept
    ctx.unused_suppressions = list(outcome.unused)
    for report_rule in RULES:
        if report_rule.scope is Scope.REPORT:
            kept.extend(policy.admit(report_rule(ctx)))

    nodes = tree.nodes
    selected = tree.selected if isinstance(tree, LoadedTree) else None
    if selected is not None:
        shown = _expand(ctx, selected)
        nodes = [n for n in tree.nodes if n.display in shown]
        from_load = {shown_path for shown_path, _ in tree.unplaced}
        placed = {n.display for n in tree.nodes}
        kept = [
            d
            for d in kept
            if (d.code == "NHA007" and d.location.path in from_load)
            or _about(d, shown)
            or _unplaced(d, placed)
        ]
    result = CheckResult(
        diagnostics=sorted(kept, key=lambda d: d.sort_key()),
        nodes=[
            NodeInfo(
                n.name,
                n.display,
                tuple(n.roles),
                ctx.releases(n) if n.is_database else (),
                tuple((c.role, c.state, c.evidence) for c in ctx.components(n)),
            )
            for n in nodes
        ],
        files=sum(len(n.files) for n in nodes),
    )
    return result, ctx.looked


def _expand(ctx: CheckContext, selected: Iterable[str]) -> set[str]:
    """The selected nodes plus every node of an HA cluster or ensemble holding one of them."""
    shown = set(selected)
    if not shown:
        return shown
    topo = ctx.topology
    groups: list[list[Node]] = [c.nodes for c in topo.clusters]
    groups += [e.coordinators for e in topo.ensembles]
    for members in groups:
        if any(n.display in shown for n in members):
            shown.update(n.display for n in members)
    return shown


def _within(path: str, directories: Set[str]) -> bool:
    """Whether ``path`` is one of ``directories`` or inside one: a set lookup per ancestor
    of ``path``, so filtering costs no more per finding as the tree grows."""
    if "." in directories and path != ".." and not path.startswith("../"):
        return True
    while True:
        if path in directories:
            return True
        cut = path.rfind("/")
        if cut <= 0:
            return False
        path = path[:cut]


def _about(diag: Diagnostic, shown: Set[str]) -> bool:
    return any(_within(site.path, shown) for site in (diag.location, *diag.related))


def _unplaced(diag: Diagnostic, placed: Set[str]) -> bool:
    """A finding in no node at all (kept: nothing selects it away); ``placed`` holds every
    node's display path."""
    return not any(_within(site.path, placed) for site in (diag.location, *diag.related))
