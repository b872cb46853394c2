"""The picture of a cluster: nodes, groups and edges with their state, for the graph renderers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.diagnostics import Severity
from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic
    from neoha_config.inventory import Inventory
    from neoha_config.result import CheckResult

OK = "ok"
INERT = "inert"
FINDING = "finding"

_RED = (Severity.ERROR, Severity.WARNING)
_COORD_FILES = ("coord.cfg", "myid")


@dataclass(slots=True)
class Mark:
    """Something that can carry findings: a node, a group or an edge.

    ``codes`` are the codes of the findings about it, in report order without repeats;
    ``state`` is ``finding`` when one of them is an error or a warning, else ``inert`` for a
    component that does not run, else ``ok``.
    """

    codes: list[str] = field(default_factory=list)
    severities: list[Severity] = field(default_factory=list)
    live: bool = True

    def add(self, diag: Diagnostic) -> None:
        """Attach one finding."""
        if diag.code not in self.codes:
            self.codes.append(diag.code)
        self.severities.append(diag.severity)

    @property
    def state(self) -> str:
        """``finding``, ``inert`` or ``ok``."""
        if any(s in _RED for s in self.severities):
            return FINDING
        return OK if self.live else INERT

    @property
    def red_codes(self) -> list[str]:
        """The codes shown in red (all of a marked thing's codes), sorted."""
        if self.state != FINDING:
            return []
        return sorted(self.codes)


@dataclass(slots=True)
class PictureNode(Mark):
    """A coordinator or a database node (``kind``), or an ``endpoint`` that no node in the
    tree serves. ``uid`` is unique in the picture; ``lines`` say what the node is."""

    uid: str = ""
    name: str = ""
    path: str = ""
    kind: str = ""
    lines: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PictureGroup(Mark):
    """An ensemble or HA cluster (``kind``) and the uids of its nodes."""

    uid: str = ""
    kind: str = ""
    label: str = ""
    members: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PictureEdge(Mark):
    """A coordinator-list entry: from a database node to the coordinator (or endpoint) it names."""

    source: str = ""
    target: str = ""
    label: str = ""
    key: str = ""


@dataclass(slots=True)
class Picture:
    """Everything a renderer draws, plus the findings (for the table)."""

    groups: list[PictureGroup] = field(default_factory=list)
    nodes: list[PictureNode] = field(default_factory=list)
    edges: list[PictureEdge] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    _index: dict[str, PictureNode] = field(default_factory=dict, repr=False, compare=False)

    def node(self, uid: str) -> PictureNode:
        """The node with ``uid``; raises KeyError for none."""
        if len(self._index) != len(self.nodes) or uid not in self._index:
            self._index.clear()
            self._index.update((n.uid, n) for n in self.nodes)
        return self._index[uid]


def _inside(path: str, directory: str) -> bool:
    return directory in (".", "") or path == directory or path.startswith(directory + "/")


def build(inventory: Inventory, result: CheckResult | None = None) -> Picture:
    """The picture of ``inventory`` with the findings of ``result`` attached.

    A finding marks the node whose directory holds its location (a ``coord.cfg`` or ``myid``
    marks the coordinator, other files the database node), the edge of the coordinator-list
    entry its message names, and the group its ``group`` names.
    """
    from neoha_config.inventory import COORDINATOR

    pic = Picture(findings=list(result.diagnostics) if result is not None else [])
    by_uid: dict[str, PictureNode] = {}
    for group in inventory.groups:
        pg = PictureGroup(uid=group.uid, kind=group.kind, label=group.label)
        for m in group.members:
            lines = [("myid " if m.role == COORDINATOR else "ha.server_id ") + _ident(m.ident)]
            lines += [p.endpoint for p in m.ports if p.what in _SHOWN_PORTS]
            node = PictureNode(
                uid=m.uid,
                name=m.name,
                path=m.path,
                kind=m.role,
                lines=lines,
                live=m.live,
            )
            by_uid[m.uid] = node
            pic.nodes.append(node)
            pg.members.append(m.uid)
        pic.groups.append(pg)
    missing: dict[str, PictureNode] = {}
    for group in inventory.clusters:
        for m in group.members:
            for entry in m.coordinators:
                target = entry.target or entry.peer
                if target is None:
                    target = f"endpoint:{entry.endpoint}"
                    if target not in missing:
                        missing[target] = PictureNode(
                            uid=target,
                            name=entry.endpoint,
                            kind="endpoint",
                            lines=["no coordinator in the tree"],
                        )
                edge = PictureEdge(source=m.uid, target=target, label=entry.endpoint, key=entry.key)
                pic.edges.append(edge)
    pic.nodes.extend(missing.values())
    _attach(pic)
    return pic


_SHOWN_PORTS = frozenset({"coordinator client port", "HA port"})


def _ident(ident: int | None) -> str:
    return "?" if ident is None else str(ident)


def _attach(pic: Picture) -> None:
    nodes = [n for n in pic.nodes if n.kind != "endpoint"]
    # Longest directory first, so a node nested in another's directory claims its own files.
    nodes.sort(key=lambda n: len(n.path), reverse=True)
    groups = {g.label: g for g in pic.groups}
    lists: dict[str, str] = {}
    for edge in pic.edges:
        lists[edge.source] = (
            f"{lists[edge.source]},{edge.label}" if edge.source in lists else edge.label
        )
    for diag in pic.findings:
        owner = _owner(nodes, diag.location.path)
        if owner is not None:
            owner.add(diag)
        if diag.group and diag.group in groups:
            groups[diag.group].add(diag)
        if owner is None or diag.key is None:
            continue
        whole = lists.get(owner.uid, "")
        for edge in pic.edges:
            # A finding about one entry names it; one that quotes the whole list is about the
            # list (the node), not about each of its entries.
            if (
                edge.source == owner.uid
                and diag.key == edge.key
                and edge.label in diag.message
                and (whole == edge.label or whole not in diag.message)
            ):
                edge.add(diag)


def _owner(nodes: list[PictureNode], path: str) -> PictureNode | None:
    coord = path.rsplit("/", 1)[-1] in _COORD_FILES
    best: PictureNode | None = None
    for node in nodes:
        if not _inside(path, node.path):
            continue
        if best is None:
            best = node
        elif node.path != best.path:
            break  # a shorter directory: the longer one already owns it
        if (node.kind == "coordinator") == coord:
            return node
    return best
