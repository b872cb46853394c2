"""Neo4j 1.9 HA clusters: members, their cluster endpoints and port ranges, grouped by
``ha.initial_hosts``.

Neo4j 1.9 has no coordinators. Each member binds a cluster listener (``ha.cluster_server``,
``0.0.0.0:5001-5099`` unless set), an HA server (``ha.server``, ``0.0.0.0:6001-6011``) and an
online backup server (``online_backup_server``, ``0.0.0.0:6362-6372``; the 1.9 configuration
migrator turns ``online_backup_port=N`` into ``0.0.0.0:N``). A listener given a range tries its
ports from the first to the last and keeps the first one that binds (``NetworkReceiver.listen``
and ``com.Server.start`` of the 1.9 cluster and HA code). ``ha.initial_hosts`` lists the cluster
endpoints a member contacts to join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from neoha_config.catalogue.parsers import boolean_strict, host_port_list, host_port_range
from neoha_config.diagnostics import Location
from neoha_config.hosts import Endpoint, host_key, is_wildcard
from neoha_config.names import CLUSTER_SERVER_KEY, HA_SERVER_KEY, INITIAL_HOSTS_KEY
from neoha_config.records import dataclass, field
from neoha_config.topology import UnionFind, cluster_name
from neoha_config.tree import FileRole, Node, Tree

RELEASE = "1.9"
BACKUP_SERVER_KEY = "online_backup_server"
BACKUP_PORT_KEY = "online_backup_port"
BACKUP_ENABLED_KEY = "online_backup_enabled"

DEFAULT_CLUSTER_RANGE = (5001, 5099)
DEFAULT_HA_RANGE = (6001, 6011)
DEFAULT_BACKUP_RANGE = (6362, 6372)

Releases = Callable[[Node], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class PortRange:
    """One 1.9 listener: the ports it may bind (``first`` to ``last``; equal for one port).

    ``host`` is the host written in the setting (None when empty or a wildcard), ``key`` the
    setting that chooses the ports, ``location`` where it is (line 1 of the file for a default).
    """

    node: Node
    what: str
    key: str
    host: str | None
    first: int
    last: int
    location: Location
    default: bool = False

    @property
    def fixed(self) -> bool:
        """One port, not a range."""
        return self.first == self.last

    def ports(self) -> str:
        """``5001`` or ``5001-5099``."""
        return str(self.first) if self.fixed else f"{self.first}-{self.last}"

    def describe(self) -> str:
        """``the cluster port range 5001-5099 (ha.cluster_server, default) of node db1``."""
        setting = f"{self.key}, default" if self.default else self.key
        kind = "port" if self.fixed else "port range"
        return f"the {self.what} {kind} {self.ports()} ({setting}) of node {self.node.name}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One ``ha.initial_hosts`` entry: as written, its host key (the listing member's own host
    for an empty host) and its port."""

    text: str
    host: str | None
    port: int


@dataclass(slots=True)
class Member:
    """A 1.9 cluster member: its node, its machine (host key, None when unknown), its cluster
    listener and its ``ha.initial_hosts`` entries (None when unset or unreadable)."""

    node: Node
    host: str | None
    cluster: PortRange | None
    entries: list[Entry] | None


@dataclass(slots=True)
class Cluster19:
    """1.9 members whose ``ha.initial_hosts`` share an endpoint, or that list a member."""

    members: list[Member] = field(default_factory=list)
    label: str = ""


def _raw(node: Node, key: str) -> tuple[str | None, Location]:
    source = node.files.get(FileRole.DATABASE)
    site = source.site(key) if source is not None else None
    if site is not None:
        return site.value, site.location
    return None, node.where(FileRole.DATABASE, key)


def _range(
    node: Node, key: str, what: str, default: tuple[int, int], value: str | None = None
) -> PortRange | None:
    raw, loc = _raw(node, key)
    if value is not None:
        raw = value
    if raw is None:
        return PortRange(node, what, key, None, default[0], default[1], loc, default=True)
    parsed = host_port_range(raw.strip())
    if not parsed.ok or parsed.warning is not None:
        return None  # NHA111 reports a value 1.9 refuses; an odd range is not guessed at
    written, first, last = cast("tuple[str, int, int]", parsed.value)
    host: str | None = written.strip() or None
    if host is not None and is_wildcard(host):
        host = None
    return PortRange(node, what, key, host, first, last, loc)


def cluster_listener(node: Node) -> PortRange | None:
    """The member's ``ha.cluster_server`` (default ``0.0.0.0:5001-5099``); None when invalid."""
    return _range(node, CLUSTER_SERVER_KEY, "cluster", DEFAULT_CLUSTER_RANGE)


def ha_listener(node: Node) -> PortRange | None:
    """The member's ``ha.server`` (default ``0.0.0.0:6001-6011``); None when invalid."""
    return _range(node, HA_SERVER_KEY, "HA server", DEFAULT_HA_RANGE)


def backup_listener(node: Node) -> PortRange | None:
    """The member's online backup listener; None when backup is off or the value is invalid.

    ``online_backup_server`` wins; else ``online_backup_port=N`` means ``0.0.0.0:N`` (the 1.9
    migrator); else ``0.0.0.0:6362-6372``. Backup is on unless ``online_backup_enabled=false``.
    """
    enabled, _ = _raw(node, BACKUP_ENABLED_KEY)
    if enabled is not None:
        parsed = boolean_strict(enabled.strip())
        if not parsed.ok or parsed.value is False:
            return None
    if _raw(node, BACKUP_SERVER_KEY)[0] is None:
        port, _ = _raw(node, BACKUP_PORT_KEY)
        if port is not None:
            found = _range(node, BACKUP_PORT_KEY, "online backup", DEFAULT_BACKUP_RANGE, ":" + port)
            return found if found is None or found.first > 0 else None
    return _range(node, BACKUP_SERVER_KEY, "online backup", DEFAULT_BACKUP_RANGE)


def member_host(node: Node) -> str | None:
    """The member's machine: the host of ``ha.cluster_server``, else of ``ha.server``, when
    written and not a wildcard; None otherwise."""
    for found in (cluster_listener(node), ha_listener(node)):
        if found is not None and found.host is not None:
            return host_key(found.host)
    return None


def initial_hosts(node: Node, own_host: str | None) -> list[Entry] | None:
    """The member's ``ha.initial_hosts`` entries; None when unset or a value 1.9 refuses.
    An entry with an empty host means the member's own machine (``own_host``)."""
    raw, _ = _raw(node, INITIAL_HOSTS_KEY)
    if raw is None:
        return None
    parsed = host_port_list(raw.strip())
    if not parsed.ok:
        return None
    values = cast("tuple[tuple[str, int, int], ...]", parsed.value)
    texts = raw.strip().split(",")
    out: list[Entry] = []
    for text, (host, first, _last) in zip(texts, values, strict=False):
        name = host.strip()
        out.append(Entry(text.strip(), host_key(name) if name else own_host, first))
    return out


def is_member(node: Node, releases: Releases) -> bool:
    """True for a database node whose files say Neo4j 1.9 (and nothing older) and that does
    not run in single mode."""
    if not node.is_database or releases(node) != (RELEASE,):
        return False
    from neoha_config.models.plain import ServerMode

    server = node.server
    return server is None or server.effective_mode is not ServerMode.SINGLE


def member(node: Node) -> Member:
    """The 1.9 facts of ``node``. Never raises."""
    host = member_host(node)
    return Member(node, host, cluster_listener(node), initial_hosts(node, host))


def possible_ports(m: Member, members: Iterable[Member]) -> range:
    """The cluster ports ``m`` may end up on: the first port of its range, and one more for
    every other member on its machine whose range overlaps (each takes the first free port,
    in whatever order they start). ``members`` may be all members or those of ``m``'s host
    (``by_host``): only those on its machine count."""
    own = m.cluster
    if own is None:
        return range(0)
    rivals = sum(
        1
        for other in members
        if other is not m
        and other.host == m.host
        and other.cluster is not None
        and other.cluster.first <= own.last
        and own.first <= other.cluster.last
    )
    return range(own.first, min(own.last, own.first + rivals) + 1)


def by_host(members: Iterable[Member]) -> dict[str, list[Member]]:
    """The members of known machine, by host key, in the given order."""
    out: dict[str, list[Member]] = {}
    for m in members:
        if m.host is not None:
            out.setdefault(m.host, []).append(m)
    return out


def build(tree: Tree, releases: Releases) -> list[Cluster19]:
    """Group the tree's 1.9 members into clusters: two members are in one cluster when their
    ``ha.initial_hosts`` share an endpoint, or one lists the other's cluster endpoint. A
    member without ``ha.initial_hosts`` is a cluster of its own. Never raises."""
    members = [member(n) for n in tree.nodes if is_member(n, releases)]
    uf: UnionFind[int] = UnionFind()
    first: dict[Endpoint, int] = {}

    def meet(key: Endpoint, i: int) -> None:
        seen = first.setdefault(key, i)
        if seen != i:
            uf.union(i, seen)

    for i, m in enumerate(members):
        uf.add(i)
        for entry in m.entries or ():
            if entry.host is not None:
                meet((entry.host, entry.port), i)
    index = {id(m): i for i, m in enumerate(members)}
    for same_host in by_host(members).values():
        for m in same_host:
            for port in possible_ports(m, same_host):
                meet((m.host or "", port), index[id(m)])
    groups: dict[int, Cluster19] = {}
    for i, m in enumerate(members):
        groups.setdefault(uf.find(i), Cluster19()).members.append(m)
    for cluster in groups.values():
        count = len(cluster.members)
        name = cluster_name(cluster.members[0].node)
        cluster.label = f"1.9 cluster {name} ({count} member{'s' if count != 1 else ''})"
    return list(groups.values())
