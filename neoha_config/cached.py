"""A check of directories that reuses the findings of node groups that did not change.

The nodes of a tree fall into groups: two nodes that share a grouping key (``topology.
link_keys``: a host one binds or lists, a cluster name) are in one group, and every finding
that concerns two nodes concerns two nodes of one group. A group's findings, and what the
report lists of its nodes, are therefore made from its own nodes alone. This module keeps them
in the node cache (``cache.NodeCache``) with what they were made from:

- each node's probes: every path its load looked at, with size, modification time, inode,
  device and type; its logs and what the rules looked at (``CheckContext.look``) are the
  group's probes;
- the group's members, and a fingerprint of the settings, the arguments and the current
  directory.

A later check searches the tree again (listing only the directories that changed:
``discovery.Walk``), and a group whose members, probes and fingerprint are all the same is not
loaded: its findings are the kept ones. The other groups are loaded and checked together, as
one tree. Findings about no node (a
directory without nodes, NHA007) are made every time.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from neoha_config.cache import NodeCache, Payload, Probe, fresh, signature, unchanged
from neoha_config.diagnostics import (
    Applicability,
    Diagnostic,
    Edit,
    Fix,
    Location,
    Severity,
)
from neoha_config.errors import NeohaConfigError
from neoha_config.result import CheckResult, NodeInfo

if TYPE_CHECKING:
    from neoha_config.check import CheckOptions
    from neoha_config.tree import Node, Tree

__all__ = ["check_directories"]


def _fingerprint(options: CheckOptions, here: Path, dirs: Sequence[Path], roots: object) -> str:
    """What a group's findings depend on besides its nodes: the settings that change findings
    (not ``strict``, which changes only the exit code, nor where the cache is), the argument
    directories, the confinement roots and the current directory."""
    from neoha_config import records

    settings = records.replace(
        options.settings, strict=False, cache=True, cache_dir=None, source=None
    )
    return repr((repr(settings), os.fspath(here), [os.fspath(d) for d in dirs], roots))


def _location(site: Location) -> tuple[str, int, int]:
    return (site.path, site.line, site.column)


def _encode(diag: Diagnostic) -> tuple[object, ...]:
    fix = diag.fix
    encoded_fix = (
        None
        if fix is None
        else (
            fix.message,
            str(fix.applicability),
            tuple((e.path, e.start, e.end, e.content) for e in fix.edits),
        )
    )
    return (
        diag.code,
        str(diag.severity),
        diag.message,
        _location(diag.location),
        diag.node,
        diag.key,
        tuple(_location(r) for r in diag.related),
        diag.group,
        encoded_fix,
    )


def _decode(data: Any) -> Diagnostic:
    """A finding from its kept form; raises (TypeError, ValueError, ...) on anything else."""
    code, severity, message, location, node, key, related, group, fix = data
    decoded_fix = None
    if fix is not None:
        fix_message, applicability, edits = fix
        decoded_fix = Fix(
            _text(fix_message),
            tuple(
                Edit(_text(p), _pair(start), _pair(end), _text(content))
                for p, start, end, content in edits
            ),
            Applicability(applicability),
        )
    return Diagnostic(
        _text(code),
        Severity(severity),
        _text(message),
        _site(location),
        node=_optional(node),
        key=_optional(key),
        related=tuple(_site(r) for r in related),
        group=_optional(group),
        fix=decoded_fix,
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _optional(value: object) -> str | None:
    return None if value is None else _text(value)


def _number(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _pair(value: Any) -> tuple[int, int]:
    first, second = value
    return (_number(first), _number(second))


def _site(value: Any) -> Location:
    path, line, column = value
    return Location(_text(path), _number(line), _number(column))


def _encode_info(info: NodeInfo) -> tuple[object, ...]:
    return (info.name, info.path, info.roles, info.releases, info.components)


def _decode_info(data: Any) -> NodeInfo:
    name, path, roles, releases, components = data
    words = [name, path, *roles, *releases]
    for component in components:
        _role, _state, _evidence = component
        words.extend(component)
    if not all(type(w) is str for w in words) or not all(
        type(t) is tuple for t in (roles, releases, components, *components)
    ):
        raise TypeError("not a node")
    return NodeInfo(name, path, roles, releases, components)


def _probes(data: Any) -> tuple[Probe, ...]:
    probes: list[Probe] = []
    for path, raw in data:
        sig = None
        if raw is not None:
            size, mtime, inode, device, mode = (_number(v) for v in raw)
            sig = (size, mtime, inode, device, mode)
        probes.append((_text(path), sig))
    return tuple(probes)


class _Kept:
    """One group's kept payload, decoded: (members, probes, node infos, findings, files)."""

    __slots__ = ("diagnostics", "files", "infos", "members", "probes")

    def __init__(self, payload: Any) -> None:
        members, probes, infos, diagnostics, files = payload
        self.members = tuple(_text(m) for m in members)
        self.probes = _probes(probes)
        self.infos = {_text(n): _decode_info(i) for n, i in infos}
        self.diagnostics = [_decode(d) for d in diagnostics]
        self.files = _number(files)


def _kept(payload: Payload | None, members: tuple[str, ...]) -> _Kept | None:
    """The group's kept findings when they are for these members and still hold."""
    if payload is None:
        return None
    try:
        kept = _Kept(payload)
    except (TypeError, ValueError, AttributeError):
        return None  # a damaged entry: checked again, and rewritten
    if kept.members != members or not all(map(unchanged, kept.probes)):
        return None
    return kept


def _groups(keys_of: Sequence[Iterable[str]]) -> list[list[int]]:
    """The connected groups of nodes (by index) through shared keys, each in node order."""
    parent = list(range(len(keys_of)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holder: dict[str, int] = {}
    for index, keys in enumerate(keys_of):
        for key in keys:
            other = holder.setdefault(key, index)
            if other != index:
                a, b = root(index), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(keys_of)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


class _Owners:
    """Which node a display path belongs to: the deepest node directory holding it."""

    def __init__(self, displays: Iterable[tuple[str, int]]) -> None:
        self._by_display = dict(displays)

    def group(self, path: str) -> int | None:
        whole = self._by_display.get(".")
        while True:
            found = self._by_display.get(path)
            if found is not None:
                return found
            cut = path.rfind("/")
            if cut <= 0:
                return whole if path != ".." and not path.startswith("../") else None
            path = path[:cut]


def check_directories(
    paths: Sequence[str | os.PathLike[str]], options: CheckOptions, cache: NodeCache
) -> tuple[CheckResult, Tree]:
    """Check directory arguments as ``check.check_tree(check.load_paths(...))`` followed by
    ``fix.attach`` does, loading and checking only the node groups the cache cannot answer
    for. Returns the result and the tree that was loaded (the changed groups' nodes).

    Raises ``NeohaConfigError`` for a path that does not exist, or is not a directory.
    """
    from neoha_config.check import check_looking, check_tree
    from neoha_config.discovery import display_path
    from neoha_config.layout import (
        LoadedTree,
        add_logs,
        argument_path,
        directory_nodes,
        load_recorded,
        unlisted_places,
    )
    from neoha_config.reading import Confinement

    settings = options.settings
    here = Path(os.path.abspath(options.cwd if options.cwd is not None else os.getcwd()))
    dirs: list[Path] = []
    for raw in paths:
        path = argument_path(raw, here)
        if not path.is_dir():
            raise NeohaConfigError("not a directory", path=display_path(path, here))
        dirs.append(path)
    skip = (lambda shown: settings.is_excluded(shown, cwd=here)) if settings.exclude else None
    box = Confinement.for_arguments(paths, cwd=here)
    unplaced: list[tuple[str, str]] = []
    unlisted: list[tuple[str, str]] = []
    walk = cache.walk()
    found = directory_nodes(dirs, here, skip, unplaced, unlisted, walk=walk)
    cache.keep_walk(walk, dirs)
    unplaced.extend(unlisted_places(unlisted))
    fingerprint = _fingerprint(options, here, dirs, box.roots)
    kept = cache.results(fingerprint)

    names = [cache.key(node_dir, layout) for node_dir, layout, _ in found]
    keys_of: list[tuple[str, ...]] = []
    node_probes: list[tuple[Probe, ...] | None] = []  # None: the node is not as cached
    loaded: dict[int, tuple[Node, list[Probe]]] = {}
    for index, (node_dir, layout, name) in enumerate(found):
        entry = cache.get(node_dir, layout)
        if entry is not None:
            node_probes.append(entry[0])
            keys_of.append(entry[1])
            continue
        node, probes = load_recorded(Path(node_dir), layout, here, box, name=name)
        keys = tuple(cache.link_keys(node))
        cache.put(node_dir, layout, probes, keys)
        loaded[index] = (node, probes)
        node_probes.append(None)
        keys_of.append(keys)
    seen = set(names)

    infos: dict[int, NodeInfo] = {}
    diagnostics: list[Diagnostic] = []
    files = 0
    groups: dict[str, Payload] = {}
    todo: list[tuple[str, list[int]]] = []
    for members in _groups(keys_of):
        member_names = tuple(sorted(names[i] for i in members))
        group_key = "\n".join(member_names)
        hit = (
            _kept(kept.get(group_key), member_names)
            if all(node_probes[i] is not None for i in members)
            else None
        )
        if hit is None or any(names[i] not in hit.infos for i in members):
            todo.append((group_key, members))
            continue
        groups[group_key] = kept[group_key]
        for i in members:
            infos[i] = hit.infos[names[i]]
        diagnostics.extend(hit.diagnostics)
        files += hit.files

    tree = LoadedTree()
    if todo:
        order = sorted(i for _, members in todo for i in members)
        for i in order:
            if i not in loaded:
                node_dir, layout, name = found[i]
                loaded[i] = load_recorded(Path(node_dir), layout, here, box, name=name)
        tree = LoadedTree(nodes=[loaded[i][0] for i in order])
        extra: dict[int, list[Probe]] = {i: [] for i in order}
        if settings.logs:
            for i in order:
                extra[i] += add_logs(loaded[i][0], box)
        result, looked = check_looking(tree, options)
        if result.diagnostics:
            from neoha_config.fix import attach

            result = attach(result, paths, settings, cwd=here, tree=tree)
        for i in order:
            node = loaded[i][0]
            extra[i] += [(path, signature(path)) for path in looked.get(id(node), ())]
        for i, info in zip(order, result.nodes, strict=True):
            infos[i] = info
        diagnostics.extend(result.diagnostics)
        files += result.files
        groups.update(_payloads(todo, result, {i: loaded[i][0] for i in order}, names, extra))
    if unplaced:
        diagnostics.extend(check_tree(LoadedTree(unplaced=unplaced), options).diagnostics)
    for directory in dirs:
        cache.forget_missing(seen, os.fspath(directory))
    if todo or set(groups) != set(kept):
        cache.keep_results(fingerprint, groups)
    cache.save()
    result = CheckResult(
        diagnostics=sorted(diagnostics, key=lambda d: d.sort_key()),
        nodes=[infos[i] for i in range(len(found))],
        files=files,
    )
    return result, tree


def _payloads(
    todo: Sequence[tuple[str, list[int]]],
    result: CheckResult,
    nodes: dict[int, Node],
    names: Sequence[str],
    extra: dict[int, list[Probe]],
) -> dict[str, Payload]:
    """The payloads of the checked groups, to keep: each group's findings, node infos, file
    count and probes beyond its nodes' own. A group with a finding that reaches into another
    group or into no node, or with a probe too fresh to trust, is not kept."""
    where: dict[int, int] = {}  # node index -> position in todo
    for position, (_, members) in enumerate(todo):
        for i in members:
            where[i] = position
    owners = _Owners((node.display, where[i]) for i, node in nodes.items())
    found: list[list[tuple[object, ...]]] = [[] for _ in todo]
    spoiled: set[int] = set()
    for diag in result.diagnostics:
        places = {owners.group(site.path) for site in (diag.location, *diag.related)}
        if None in places:
            return {}  # about no node: nothing here says which group it belongs to
        if len(places) > 1:
            spoiled.update(p for p in places if p is not None)
            continue  # a finding across groups: neither group is kept
        (place,) = places
        if place is not None:
            found[place].append(_encode(diag))
    by_path = {info.path: info for info in result.nodes}
    now = time.time_ns()
    payloads: dict[str, Payload] = {}
    for position, (group_key, members) in enumerate(todo):
        probes = tuple(p for i in members for p in extra[i])
        if position in spoiled or fresh(probes, now):
            continue
        payloads[group_key] = (
            tuple(sorted(names[i] for i in members)),
            probes,
            tuple((names[i], _encode_info(by_path[nodes[i].display])) for i in members),
            tuple(found[position]),
            sum(len(nodes[i].files) for i in members),
        )
    return payloads
