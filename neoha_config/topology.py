"""Client endpoints, ensembles and HA clusters of a loaded tree (SPEC §3)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

from neoha_config.hosts import Endpoint, endpoint, host_key, is_wildcard
from neoha_config.models.plain import HostPort, ServerLine
from neoha_config.names import DEFAULT_CLUSTER_NAME
from neoha_config.records import dataclass, field
from neoha_config.tree import FileRole, Node, Tree

_LABEL_ENDPOINTS = 3  # endpoints shown in an ensemble label before "..."

K = TypeVar("K", bound=Hashable)


class UnionFind(Generic[K]):
    """Disjoint sets over hashable keys, with path halving and union by size."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}
        self.size: dict[K, int] = {}

    def add(self, key: K) -> None:
        """Make ``key`` a set of its own unless it is already known."""
        if key not in self.parent:
            self.parent[key] = key
            self.size[key] = 1

    def find(self, key: K) -> K:
        """The representative of ``key``'s set; raises KeyError for a key never added."""
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> None:
        """Merge the sets of ``a`` and ``b`` (both must have been added)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


# --- per-node facts ---------------------------------------------------------------------------


def own_server_line(node: Node) -> ServerLine | None:
    """The coordinator's own ``server.<myid>`` line; None without a readable myid or that line."""
    if node.coord is None or node.myid is None:
        return None
    return node.coord.servers.get(node.myid.value)


def coordinator_host(node: Node) -> str | None:
    """The host key of a coordinator: the host of its own ``server.<myid>`` line, else None."""
    line = own_server_line(node)
    return host_key(line.host) if line is not None else None


def client_port(node: Node) -> int | None:
    """The coordinator's client port: ``clientPort``, else the ``;clientPort`` of its own line."""
    if node.coord is None:
        return None
    if node.coord.client_port is not None:
        return node.coord.client_port
    line = own_server_line(node)
    return line.client_port if line is not None else None


def client_endpoint(node: Node) -> Endpoint | None:
    """(host, clientPort) of a coordinator; None when its host or its client port is unknown."""
    host = coordinator_host(node)
    port = client_port(node)
    if host is None or port is None:
        return None
    return host, port


def database_host(node: Node) -> str | None:
    """The host key of a database node: the host of ``ha.server``; None when unset or invalid."""
    if node.database is None or node.database.ha_server is None:
        return None
    return host_key(node.database.ha_server.host)


def cluster_name(node: Node) -> str:
    """The node's ``ha.cluster_name`` as Neo4j reads it: the value as written (even one that
    NHA107 rejects, since 1.8 accepts any non-empty name), ``neo4j.ha`` when unset."""
    if node.database is not None and node.database.cluster_name:
        return node.database.cluster_name
    source = node.files.get(FileRole.DATABASE)
    raw = source.raw("ha.cluster_name") if source is not None else None
    return raw if raw else DEFAULT_CLUSTER_NAME


def coordinator_key(node: Node) -> str | None:
    """The key that holds the node's coordinator list (``ha.coordinators`` wins), or None."""
    db = node.database
    if db is not None and db.coordinators is not None:
        return "ha.coordinators"
    if db is not None and db.zoo_keeper_servers is not None:
        return "ha.zoo_keeper_servers"
    source = node.files.get(FileRole.DATABASE)
    for key in ("ha.coordinators", "ha.zoo_keeper_servers"):
        if source is not None and source.raw(key) is not None:
            return key
    return None


def coordinator_entries(node: Node) -> list[HostPort]:
    """The endpoints of the node's coordinator list, in order.

    A list that NHA105 rejects as a whole still yields its well-formed entries: one bad entry
    must not hide the node from its cluster. Empty when the node has no list.
    """
    db = node.database
    if db is not None and db.effective_coordinators is not None:
        return list(db.effective_coordinators)
    key = coordinator_key(node)
    source = node.files.get(FileRole.DATABASE)
    raw = source.raw(key) if source is not None and key is not None else None
    if not raw:
        return []
    out: list[HostPort] = []
    for entry in raw.split("/", 1)[0].split(","):
        try:
            out.append(HostPort.parse(entry, split_at="last"))
        except ValueError:
            continue  # NHA105 reports it; an entry the client cannot use joins nothing
    return out


# --- groups -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Ensemble:
    """Coordinators whose ``server.N`` lines share at least one ``host:quorumPort``."""

    coordinators: list[Node] = field(default_factory=list)
    label: str = ""  # for display, e.g. "ensemble neo4j-manager-01:2888,..."
    # (host_key, clientPort) of each coordinator whose host and client port are known.
    client_endpoints: dict[Endpoint, Node] = field(default_factory=dict)


@dataclass(slots=True)
class HACluster:
    """Database nodes with one ``ha.cluster_name`` whose coordinator lists share an endpoint."""

    name: str
    nodes: list[Node] = field(default_factory=list)
    ensemble: Ensemble | None = None  # the ensemble in the tree it points at, when found
    label: str = ""  # for display, e.g. "cluster neo4j.ha"


@dataclass(slots=True)
class Topology:
    """Every ensemble and HA cluster of a tree.

    Every coordinator with a readable ``coord.cfg`` is in exactly one ensemble, every database
    node in exactly one cluster (a node without a coordinator list is a cluster of its own),
    unless the topology was built for live components only (``build``'s ``live``).
    """

    ensembles: list[Ensemble] = field(default_factory=list)
    clusters: list[HACluster] = field(default_factory=list)
    ensemble_of: dict[int, Ensemble] = field(default_factory=dict)  # by id(node)
    cluster_of: dict[int, HACluster] = field(default_factory=dict)  # by id(node)


Live = Callable[[Node, str], bool]
"""Whether a node's ``coordinator`` or ``database`` role runs (``CheckContext.live``)."""


def _ensembles(tree: Tree, live: Live | None = None) -> list[Ensemble]:
    coordinators = [
        (n, n.coord)
        for n in tree.nodes
        if n.coord is not None and (live is None or live(n, "coordinator"))
    ]
    uf: UnionFind[int] = UnionFind()
    first: dict[Endpoint, int] = {}
    for i, (_, coord) in enumerate(coordinators):
        uf.add(i)
        for line in coord.servers.values():
            key = endpoint(line.host, line.quorum_port)
            seen = first.setdefault(key, i)
            if seen != i:
                uf.union(i, seen)
    groups: dict[int, Ensemble] = {}
    for i, (node, _) in enumerate(coordinators):
        ens = groups.setdefault(uf.find(i), Ensemble())
        ens.coordinators.append(node)
        ep = client_endpoint(node)
        if ep is not None:
            ens.client_endpoints.setdefault(ep, node)
    for ens in groups.values():
        ens.label = _ensemble_label(ens)
    return list(groups.values())


def _ensemble_label(ens: Ensemble) -> str:
    shown: dict[Endpoint, str] = {}
    for node in ens.coordinators:
        servers = node.coord.servers if node.coord is not None else {}
        for sid in sorted(servers):
            line = servers[sid]
            key = endpoint(line.host, line.quorum_port)
            shown.setdefault(key, f"{line.host}:{line.quorum_port}")
    if not shown:
        return f"ensemble {ens.coordinators[0].name}"
    parts = list(shown.values())
    text = ",".join(parts[:_LABEL_ENDPOINTS])
    if len(parts) > _LABEL_ENDPOINTS:
        text += ",..."
    return f"ensemble {text}"


def _clusters(tree: Tree, live: Live | None = None) -> list[HACluster]:
    databases = [n for n in tree.nodes if n.is_database and (live is None or live(n, "database"))]
    names = [cluster_name(n) for n in databases]
    uf: UnionFind[int] = UnionFind()
    first: dict[tuple[str, str, int], int] = {}
    for i, node in enumerate(databases):
        uf.add(i)
        for hp in coordinator_entries(node):
            key = (names[i], host_key(hp.host), hp.port)
            seen = first.setdefault(key, i)
            if seen != i:
                uf.union(i, seen)
    groups: dict[int, HACluster] = {}
    for i, node in enumerate(databases):
        cluster = groups.setdefault(uf.find(i), HACluster(name=names[i]))
        cluster.nodes.append(node)
    for cluster in groups.values():
        count = len(cluster.nodes)
        cluster.label = f"cluster {cluster.name} ({count} node{'s' if count != 1 else ''})"
    return list(groups.values())


def _link(clusters: Iterable[HACluster], ensembles: list[Ensemble]) -> None:
    """Point each cluster at the ensemble its coordinator lists hit most.

    Client endpoints count first. A cluster whose lists hit no client endpoint is linked by the
    quorum and election ports of coordinators in the tree, the usual mistake (2888/3888 listed
    instead of the client port), so that NHA303 can name it.
    """
    by_client: dict[Endpoint, Ensemble] = {}
    by_peer: dict[Endpoint, Ensemble] = {}
    for ens in ensembles:
        for ep in ens.client_endpoints:
            by_client.setdefault(ep, ens)
        for node in ens.coordinators:
            line = own_server_line(node)
            if line is None:
                continue
            by_peer.setdefault(endpoint(line.host, line.quorum_port), ens)
            if line.election_port is not None:
                by_peer.setdefault(endpoint(line.host, line.election_port), ens)
    order = {id(ens): i for i, ens in enumerate(ensembles)}
    for cluster in clusters:
        for index in (by_client, by_peer):
            hits: Counter[int] = Counter()
            found: dict[int, Ensemble] = {}
            for node in cluster.nodes:
                for hp in coordinator_entries(node):
                    hit = index.get(endpoint(hp.host, hp.port))
                    if hit is not None:
                        hits[id(hit)] += 1
                        found[id(hit)] = hit
            if hits:
                best = max(hits, key=lambda k: (hits[k], -order[k]))
                cluster.ensemble = found[best]
                break


def build(tree: Tree, live: Live | None = None) -> Topology:
    """Group the tree's nodes into ensembles and HA clusters; near-linear in the number of nodes
    and ``server.N``/coordinator entries (union-find, no pairwise comparison).

    With ``live``, a role it says does not run (an inert component) joins no group.

    Every call groups afresh: a check builds it once and keeps it in its ``CheckContext``.
    Never raises.
    """
    ensembles = _ensembles(tree, live)
    clusters = _clusters(tree, live)
    _link(clusters, ensembles)
    topo = Topology(ensembles=ensembles, clusters=clusters)
    for ens in ensembles:
        for node in ens.coordinators:
            topo.ensemble_of[id(node)] = ens
    for cluster in clusters:
        for node in cluster.nodes:
            topo.cluster_of[id(node)] = cluster
    return topo


def link_keys(node: Node) -> list[str]:
    """The keys through which ``node`` can meet another node in a finding.

    ``h:<host key>`` for every host it binds (``ha.server``, its ``server.N`` lines,
    ``clientPortAddress``) or lists (its coordinators, every ``server.N`` line), and
    ``n:<name>`` for the ``ha.cluster_name`` of a database node; a Neo4j 1.9 member also binds
    the host of ``ha.cluster_server`` and lists those of its ``ha.initial_hosts``. Two nodes of
    one ensemble, one HA cluster or one 1.9 cluster always share a host key; a port clash, a
    shared peer address or a loopback ``ha.server`` is about nodes with a host key in common;
    two clusters under one name share the name key. Never raises.
    """
    keys: set[str] = set()
    if node.is_database:
        keys.add("n:" + cluster_name(node))
        host = database_host(node)
        if host is not None:
            keys.add("h:" + host)
        for hp in coordinator_entries(node):
            keys.add("h:" + host_key(hp.host))
        from neoha_config.cluster19 import initial_hosts, member_host

        own = member_host(node)
        if own is not None:
            keys.add("h:" + own)
        for entry in initial_hosts(node, own) or ():
            if entry.host is not None:
                keys.add("h:" + entry.host)
    coord = node.coord
    if coord is not None:
        for line in coord.servers.values():
            keys.add("h:" + host_key(line.host))
        address = coord.client_port_address
        if address and not is_wildcard(address):
            keys.add("h:" + host_key(address))
    return sorted(keys)
