"""The inventory of a loaded tree: ensembles and HA clusters with their members, as data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from neoha_config.config import Settings
    from neoha_config.context import CheckContext
    from neoha_config.profile import Profile
    from neoha_config.tree import Node, Tree

COORDINATOR = "coordinator"
DATABASE = "database"

_COORDINATOR_LISTENERS = frozenset(
    {"coordinator client port", "quorum port", "election port", "AdminServer port"}
)


@dataclass(frozen=True, slots=True)
class Port:
    """One listener of a member: what it is, ``host:port``, the setting that opens it."""

    what: str
    endpoint: str
    key: str
    location: str
    default: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a database member's coordinator list and the coordinator it reaches.

    ``target`` is the ``Member.uid`` of the coordinator whose client port the entry names, or
    None when no coordinator in the tree serves it; ``peer`` is the ``uid`` of a coordinator
    whose quorum or election port it names instead (the usual mistake).
    """

    endpoint: str
    key: str
    target: str | None = None
    peer: str | None = None


@dataclass(slots=True)
class Member:
    """One role of one node: a coordinator, or a database node.

    A directory that is both is two members with one ``path``. ``ident`` is the coordinator's
    ``myid`` or the database's machine id (None when unknown). ``release`` is the Neo4j or
    ZooKeeper release the member runs, None while unknown; ``live`` is False for a component
    that does not actually run (inert).
    """

    uid: str
    name: str
    path: str
    role: str
    ident: int | None = None
    ports: list[Port] = field(default_factory=list)
    coordinators: list[Entry] = field(default_factory=list)
    release: str | None = None
    live: bool = True

    def as_json(self) -> dict[str, Any]:
        """The member as a JSON object (the ``show --format json`` form)."""
        out: dict[str, Any] = {
            "name": self.name,
            "path": self.path,
            "role": self.role,
            "id": self.ident,
            "release": self.release,
            "live": self.live,
            "endpoints": [
                {
                    "what": p.what,
                    "endpoint": p.endpoint,
                    "key": p.key,
                    "location": p.location,
                    "default": p.default,
                }
                for p in self.ports
            ],
        }
        if self.role == DATABASE:
            out["coordinators"] = [e.endpoint for e in self.coordinators]
        return out


@dataclass(slots=True)
class Group:
    """An ensemble (``kind`` ``ensemble``) or an HA cluster (``cluster``) and its members.

    ``ensemble`` is, for a cluster, the label of the ensemble its coordinator lists reach.
    """

    uid: str
    kind: str
    label: str
    members: list[Member] = field(default_factory=list)
    ensemble: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The group as a JSON object."""
        out: dict[str, Any] = {"kind": self.kind, "label": self.label}
        if self.kind == "cluster":
            out["ensemble"] = self.ensemble
        out["members"] = [m.as_json() for m in self.members]
        return out


@dataclass(slots=True)
class Inventory:
    """Every ensemble and HA cluster of a tree, and the tree's port map."""

    ensembles: list[Group] = field(default_factory=list)
    clusters: list[Group] = field(default_factory=list)
    # Every listener of the tree: (host key, the port, the uid of the member opening it).
    listeners: list[tuple[str, Port, str]] = field(default_factory=list)
    # How hosts are compared (``build`` sets the topology's host identity).
    host_key: Callable[[str], str] = str.lower

    @property
    def groups(self) -> list[Group]:
        """Ensembles first, then clusters."""
        return [*self.ensembles, *self.clusters]

    def members(self) -> list[Member]:
        """Every member, in group order."""
        return [m for g in self.groups for m in g.members]

    def ports_of(self, host: str) -> list[tuple[Port, Member]]:
        """Every listener on ``host`` (any spelling: ``localhost`` and ``127.0.0.1`` are one
        host), sorted by port, with the member that opens it."""
        wanted = self.host_key(host)
        by_uid = {m.uid: m for m in self.members()}
        found = [(p, by_uid[uid]) for h, p, uid in self.listeners if h == wanted]
        return sorted(found, key=lambda item: (_port_number(item[0].endpoint), item[1].uid))

    def as_json(self) -> dict[str, Any]:
        """The inventory as the ``show --format json`` document."""
        return {
            "version": 1,
            "ensembles": [g.as_json() for g in self.ensembles],
            "clusters": [g.as_json() for g in self.clusters],
        }


def _port_number(endpoint: str) -> int:
    tail = endpoint.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _release(ctx: CheckContext, node: Node, role: str) -> str | None:
    """The Neo4j releases a database member's files are consistent with (``1.5-1.8``), or the
    coordinator's ZooKeeper profile."""
    if role == COORDINATOR:
        return f"ZooKeeper {ctx.profile.value}"
    from neoha_config.release import describe

    return f"Neo4j {describe(ctx.releases(node))}"


def _live(ctx: CheckContext, node: Node, role: str) -> bool:
    """Whether the ``role`` of ``node`` runs, by the evidence of the tree (``liveness``)."""
    return ctx.live(node, role)


def build(tree: Tree, profile: Profile | None = None) -> Inventory:
    """The inventory of ``tree``: every topology fact the ``show`` and ``graph`` commands use
    is read here, from the check context's topology and port map. Never raises."""
    from neoha_config import topology
    from neoha_config.context import CheckContext
    from neoha_config.hosts import Endpoint, endpoint, format_endpoint, host_key
    from neoha_config.profile import DEFAULT_PROFILE

    # Every component, inert ones too: show and graph draw them, greyed.
    ctx = CheckContext(
        tree, profile=profile if profile is not None else DEFAULT_PROFILE, skip_inert=False
    )
    topo = ctx.topology
    inv = Inventory(host_key=host_key)
    port_map = ctx.port_map
    node_ports: dict[tuple[int, str], list[Port]] = {}
    listening: dict[Endpoint, str] = {}
    for (host, _), found in port_map.items():
        for listener in found:
            role = COORDINATOR if listener.what in _COORDINATOR_LISTENERS else DATABASE
            port = Port(
                listener.what,
                format_endpoint((host, listener.port)),
                listener.key,
                str(listener.location),
                listener.default,
            )
            node_ports.setdefault((id(listener.node), role), []).append(port)
            inv.listeners.append((host, port, _uid(listener.node, role)))
            if listener.what == "coordinator client port":
                # Also a coordinator whose host only its clientPortAddress or database role
                # tells (the topology then knows no client endpoint for it).
                listening.setdefault((host, listener.port), _uid(listener.node, role))

    def member(node: Node, role: str) -> Member:
        if role == COORDINATOR:
            ident = node.myid.value if node.myid is not None else None
        else:
            ident = node.database.effective_server_id if node.database is not None else None
        return Member(
            uid=_uid(node, role),
            name=node.name,
            path=node.display,
            role=role,
            ident=ident,
            ports=node_ports.get((id(node), role), []),
            release=_release(ctx, node, role),
            live=_live(ctx, node, role),
        )

    client: dict[Endpoint, str] = {}
    peer: dict[Endpoint, str] = {}
    for i, ens in enumerate(topo.ensembles):
        group = Group(f"e{i}", "ensemble", ens.label)
        for node in ens.coordinators:
            group.members.append(member(node, COORDINATOR))
            ep = topology.client_endpoint(node)
            if ep is not None:
                client.setdefault(ep, _uid(node, COORDINATOR))
            line = topology.own_server_line(node)
            if line is not None:
                for number in (line.quorum_port, line.election_port):
                    if number is not None:
                        ep = endpoint(line.host, number)
                        peer.setdefault(ep, _uid(node, COORDINATOR))
        inv.ensembles.append(group)
    # A 1.9 member that lists no coordinators is shown in its 1.9 cluster (``cluster19``).
    by_19 = {
        id(m.node)
        for c in ctx.clusters_19
        for m in c.members
        if not topology.coordinator_entries(m.node)
    }
    for i, cluster in enumerate(topo.clusters):
        if all(id(node) in by_19 for node in cluster.nodes):
            continue
        group = Group(
            f"c{i}",
            "cluster",
            cluster.label,
            ensemble=cluster.ensemble.label if cluster.ensemble is not None else None,
        )
        for node in cluster.nodes:
            m = member(node, DATABASE)
            key = topology.coordinator_key(node) or "ha.coordinators"
            for hp in topology.coordinator_entries(node):
                ep = endpoint(hp.host, hp.port)
                target = client.get(ep) or listening.get(ep)
                m.coordinators.append(Entry(str(hp), key, target, peer.get(ep)))
            group.members.append(m)
        inv.clusters.append(group)
    for i, c19 in enumerate(ctx.clusters_19):
        shown = [m.node for m in c19.members if id(m.node) in by_19]
        if shown:
            group = Group(f"n{i}", "cluster", c19.label)
            group.members.extend(member(node, DATABASE) for node in shown)
            inv.clusters.append(group)
    return inv


def _uid(node: Node, role: str) -> str:
    return f"{node.display}#{role}"


def of_paths(paths: Sequence[str], settings: Settings) -> Inventory:
    """Load the nodes under ``paths`` as ``check`` does and take their inventory."""
    import os

    from neoha_config.layout import load_tree

    exclude = settings.is_excluded if settings.exclude else ()
    tree = load_tree(paths, exclude=exclude, include_logs=False, cwd=os.getcwd(), models=False)
    return build(tree, settings.zookeeper)
