"""Neo4j releases: which of 1.3-1.9 a node's files are consistent with, and how findings say it.

A node's candidate releases start as every 1.x release (or the one the configuration names)
and are narrowed by the evidence its files hold: each key the catalogue knows is read by some
releases only (``ha.zoo_keeper_servers`` up to 1.8, ``ha.initial_hosts`` from 1.9 on); the
kernel version line of ``messages.log`` names the release outright. A database file that
lists coordinators but not ``ha.initial_hosts`` is not taken for 1.9 while an older release
fits it: 1.9 reads ``ha.coordinators`` only in its upgrade layer, and a 1.9 member cannot find
its cluster without ``ha.initial_hosts``. A database node's HA cluster narrows its members
together. Rules whose verdict differs by release ask
``settle`` for the level that holds in every candidate release, and say where it differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from neoha_config.catalogue._spec import DATABASE, NEO4J_RELEASES, SERVER, describe_span
from neoha_config.diagnostics import Severity

if TYPE_CHECKING:
    from neoha_config.tree import Node

RELEASES: tuple[str, ...] = NEO4J_RELEASES
"""Every Neo4j release line the checker knows, oldest first."""

AUTO = "auto"


def parse_release(text: str) -> str:
    """``auto`` or a release line (``1.5``, also ``1.5.3``: the patch level is ignored).

    Raises ValueError naming the releases known.
    """
    value = text.strip()
    if value == AUTO:
        return value
    line = ".".join(value.split(".")[:2])
    if line not in RELEASES:
        raise ValueError(f"{text!r} is not auto or a Neo4j release ({', '.join(RELEASES)})")
    return line


def describe(releases: Iterable[str]) -> str:
    """``("1.5", "1.6", "1.7")`` as ``1.5-1.7``; every release as ``1.3-1.9``."""
    chosen = tuple(r for r in RELEASES if r in set(releases))
    return describe_span(chosen) if chosen else "none"


def _narrow(candidates: tuple[str, ...], readers: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The candidates that read the most of the keys; ties keep every release tied.

    A key read by no candidate does not empty the set: it is the odd one out (NHA004 says so),
    and the releases that read every other key stay candidates.
    """
    score = dict.fromkeys(candidates, 0)
    for releases in readers:
        for release in releases:
            if release in score:
                score[release] += 1
    best = max(score.values(), default=0)
    return tuple(r for r in candidates if score[r] == best)


def node_releases(node: Node, requested: str = AUTO) -> tuple[str, ...]:
    """The releases ``node``'s files are consistent with, oldest first.

    ``requested`` is ``auto`` or one release, which then is the only candidate. Reads only the
    loaded documents and logs; never raises.
    """
    if requested != AUTO:
        return (requested,)
    from neoha_config.catalogue import lookup
    from neoha_config.logs import kernel_release
    from neoha_config.tree import FileRole

    logged = kernel_release(node.logs) if node.logs else None
    if logged is not None:
        return (logged,)
    readers: list[tuple[str, ...]] = []
    for role, file in ((FileRole.DATABASE, DATABASE), (FileRole.SERVER, SERVER)):
        source = node.files.get(role)
        if source is None or source.document is None:
            continue
        for entry in source.document.entries:
            spec = lookup(file, entry.key)
            if spec is None or spec.inert or spec.plugin:
                continue
            releases = spec.releases
            if releases and len(releases) < len(RELEASES):
                readers.append(releases)
    found = _narrow(RELEASES, readers)
    if NEWEST in found and len(found) > 1 and _coordinators_only(node):
        found = tuple(r for r in found if r != NEWEST)
    return found


NEWEST = RELEASES[-1]


def _coordinators_only(node: Node) -> bool:
    """True when the node's database file lists coordinators (``ha.coordinators``,
    ``ha.zoo_keeper_servers``) but not ``ha.initial_hosts``."""
    from neoha_config.names import INITIAL_HOSTS_KEY
    from neoha_config.tree import FileRole

    source = node.files.get(FileRole.DATABASE)
    document = source.document if source is not None else None
    if document is None or document.get(INITIAL_HOSTS_KEY) is not None:
        return False
    return any(document.get(key) is not None for key in _COORDINATOR_KEYS)


_COORDINATOR_KEYS = ("ha.coordinators", "ha.zoo_keeper_servers")


def cluster_releases(members: Iterable[tuple[str, ...]]) -> tuple[str, ...] | None:
    """The releases every member's candidates share; None when they share none (a cluster
    mid-upgrade, or a member whose files say another release: each keeps its own)."""
    sets = [set(m) for m in members]
    if not sets:
        return None
    common = set.intersection(*sets)
    return tuple(r for r in RELEASES if r in common) or None


def settle(
    outcomes: Mapping[str, Severity | None],
) -> tuple[Severity | None, str]:
    """The level a finding is reported at, and what to say of the releases where it differs.

    ``outcomes`` maps each candidate release to the severity the finding has there (None: no
    finding in that release). The finding is reported at the least serious level it has in
    every candidate (None when some candidate gives none); the note names the releases where
    it is more serious or absent, e.g. ``" (an error on 1.8; 1.3-1.7 accept it)"``. An empty
    note when every candidate agrees.
    """
    levels = list(outcomes.values())
    if not levels:
        return None, ""
    if all(level is None for level in levels):
        return None, ""
    if any(level is None for level in levels):
        level: Severity | None = None
    else:
        level = max((lv for lv in levels if lv is not None), key=lambda s: s.rank)
    if len(set(levels)) == 1:
        return level, ""
    parts = []
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        where = [r for r, lv in outcomes.items() if lv is severity]
        if where:
            parts.append(f"{_article(severity)} on {describe(where)}")
    fine = [r for r, lv in outcomes.items() if lv is None]
    if fine:
        parts.append(f"{describe(fine)} accept it")
    return level, " (" + "; ".join(parts) + ")"


def _article(severity: Severity) -> str:
    return {Severity.ERROR: "an error", Severity.WARNING: "a warning", Severity.INFO: "a note"}[
        severity
    ]
