"""Cluster rules (NHA3xx): ids, coordinator lists, server.N blocks and ports across nodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from neoha_config import ports, topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.coord import PeerType, ServerLine
from neoha_config.models.database import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.models.server import P as SERVER_PREFIX
from neoha_config.models.values import ServerMode
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.topology import (
    Endpoint,
    Ensemble,
    HACluster,
    Topology,
    client_endpoint,
    coordinator_entries,
    coordinator_host,
    coordinator_key,
    endpoint,
    key_location,
    own_server_line,
)
from neoha_config.tree import FileRole, Node, Tree

MODE_KEY = SERVER_PREFIX + "database.mode"
T = TypeVar("T", bound=Hashable)

DUPLICATE_MACHINE_ID = define(
    "NHA301",
    Severity.ERROR,
    "two database nodes of one HA cluster share a machine id",
    """
    **What:** two database nodes of one HA cluster (same `ha.cluster_name`, coordinator lists
    that share an endpoint) have the same `ha.server_id` (`ha.machine_id` before 1.5).

    **Why:** each node registers itself in ZooKeeper as the ephemeral znode
    `/<cluster_name>/ha-servers/<id>` and deletes the `<id>_*` children at start. Two nodes with
    one id fight over that znode: the second logs `HA server info already present, trying again`
    (NHA403) and never joins, or the two take turns. Machine ids and coordinator `myid`s are
    separate id spaces: only machine ids are compared here (duplicate `myid`s are NHA306).

    **How to fix:** give every database node of the cluster its own id. The first node with an
    id keeps it; every later node with the same id is reported, with the first as related site.
    Nodes of other clusters (another name, or lists with no common coordinator) may reuse ids.

    **Example:**

    ```properties
    # db1/conf/neo4j.properties
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    # db2/conf/neo4j.properties
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    ```
    """,
)

DIFFERENT_COORDINATORS = define(
    "NHA302",
    Severity.WARNING,
    "database nodes of one HA cluster list different coordinators",
    """
    **What:** the database nodes of one HA cluster do not all list the same set of coordinator
    endpoints (`ha.coordinators` / `ha.zoo_keeper_servers`). Entries are compared as sets of
    `host:port`, with `localhost`, `127.x.x.x` and `::1` as one host and host names in any case,
    so order and spelling do not matter.

    **Why:** the ZooKeeper client connects to one listed coordinator and fails over only to the
    others on its own list. A node that lists a subset loses failover; a node that lists another
    ensemble's coordinators ends up in another cluster. The 1.x tutorial gives every node the
    same list.

    **How to fix:** use one coordinator list on every node. The set that most nodes use is taken
    as the intended one: every node that differs is reported, naming what it lacks and what it
    has in addition, with a node that has the common set as related site.

    **Example:**

    ```properties
    # db1 and db2
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    # db3 (reported: lacks zk3:2181)
    ha.coordinators=zk1:2181,zk2:2181
    ```
    """,
)

UNKNOWN_COORDINATOR = define(
    "NHA303",
    Severity.ERROR,
    "a coordinator list entry matches no client endpoint of the ensemble in the tree",
    """
    **What:** an entry of a database node's coordinator list names a host that runs
    coordinators of the node's ensemble in the checked tree, but a port that none of them
    listens on for clients. Most often the entry gives a coordinator's quorum or election port
    (`2888`/`3888`, the second and third field of `server.N`) instead of its `clientPort`.

    **Why:** `ha.coordinators` is a ZooKeeper connect string: every entry must be
    `host:clientPort` of an ensemble member. The client cannot talk to the quorum or election
    port, so the entry is a dead address; with every entry wrong the database cannot start.

    The rule never guesses: an entry for a host that has no coordinator in the tree, or for a
    host where a member of the ensemble is missing from the tree, is not reported (unless the
    port is a quorum or election port listed for that host).

    **How to fix:** list each coordinator as `host:clientPort`, the `clientPort` of its
    `coord.cfg` (2181 in the shipped file).

    **Example:**

    ```properties
    # coord.cfg on zk1: clientPort=2181, server.1=zk1:2888:3888
    ha.coordinators=zk1:2888   # reported: 2888 is the quorum port, use zk1:2181
    ```
    """,
)

MISSING_COORDINATOR = define(
    "NHA304",
    Severity.WARNING,
    "a coordinator of the ensemble is missing from a database node's coordinator list",
    """
    **What:** a coordinator of the ensemble that a database node's cluster uses is in the
    checked tree, its client endpoint is known, and the node's coordinator list does not name
    it.

    **Why:** the ZooKeeper client only ever connects to the coordinators on its list. The
    ensemble keeps working when an unlisted member fails, but a node whose listed coordinators
    are all down loses its session although a quorum is still up. The tutorial lists every
    coordinator on every node.

    **How to fix:** add `host:clientPort` of every coordinator to the list. A coordinator whose
    host already has a wrong entry in the list (NHA303) is not reported again.

    **Example:**

    ```properties
    # ensemble zk1, zk2, zk3 (clientPort 2181)
    ha.coordinators=zk1:2181,zk2:2181   # reported: lacks zk3:2181
    ```
    """,
)

DIFFERENT_SERVER_LINES = define(
    "NHA305",
    Severity.ERROR,
    "coordinators of one ensemble have different server.N sets",
    """
    **What:** the coordinators of one ensemble (coordinators whose `server.N` lines share a
    `host:quorumPort`) do not all carry the same `server.N` block. Lines are compared by id,
    host (`localhost`, `127.x.x.x` and `::1` as one, names in any case), quorum port, election
    port and peer type.

    **Why:** each coordinator votes and counts its quorum from its own list. The shipped
    `coord.cfg` and the ZooKeeper admin guide both ask for the same server list in every file;
    with different lists the members disagree on the quorum size and on where to reach each
    other, which at worst lets two halves each elect a leader (split brain).

    **How to fix:** copy one `server.N` block into every `coord.cfg`. The block that most
    coordinators use is taken as the intended one; each coordinator that differs is reported
    at its first differing line, with the lines it disagrees with as related sites.

    **Example:**

    ```properties
    # zk1 and zk2
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2888:3888
    # zk3 (reported: server.3 differs)
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2889:3889
    ```
    """,
)

DUPLICATE_MYID = define(
    "NHA306",
    Severity.ERROR,
    "two coordinators of one ensemble have the same myid",
    """
    **What:** two coordinators of one ensemble read the same id from their `myid` files.

    **Why:** a coordinator's `myid` says which `server.N` line is its own: the one it binds
    and votes as. Two coordinators with one id both claim one line, so one member is never
    started and the ensemble is a member short (or the two fight for the same ports). `myid`s
    are unrelated to `ha.server_id` (NHA301 checks those).

    **How to fix:** write into each coordinator's `<dataDir>/myid` the N of its own
    `server.N` line (`echo 2 > data/coordinator/myid`).

    **Example:**

    ```text
    zk1/data/coordinator/myid: 1
    zk2/data/coordinator/myid: 1   # reported: should be 2
    ```
    """,
)

DIFFERENT_TIMING = define(
    "NHA307",
    Severity.WARNING,
    "coordinators of one ensemble differ in tickTime, initLimit or syncLimit",
    """
    **What:** the coordinators of one ensemble set `tickTime` (3000 unless set), `initLimit`
    or `syncLimit` to different values.

    **Why:** ZooKeeper tolerates it, but the limits are counted in ticks of the leader, and
    session timeout bounds (2 and 20 ticks) then depend on which member a client reaches:
    behaviour changes with every leader election. Keep the timing identical across the
    ensemble.

    **How to fix:** use the value most coordinators use on all of them; each coordinator that
    differs is reported at its setting, with a coordinator of the common value as related site.
    Unset `initLimit`/`syncLimit` are NHA203's business and not compared here.

    **Example:**

    ```properties
    # zk1, zk2: tickTime=2000   zk3: tickTime=3000 (reported)
    ```
    """,
)

SINGLE_MODE_MEMBER = define(
    "NHA308",
    Severity.WARNING,
    "a node of an HA cluster runs in single mode",
    """
    **What:** a database node's coordinator list puts it into an HA cluster whose other nodes
    run with `org.neo4j.server.database.mode=ha`, but its own server file says `single` or
    does not set the mode (the default is `SINGLE`).

    **Why:** in single mode the server skips every HA setting: the node starts a standalone
    database that neither replicates from the master nor takes part in elections, while its
    configuration says it belongs to the cluster. Writes to it are lost to the cluster.

    **How to fix:** set `org.neo4j.server.database.mode=HA` in the node's
    `neo4j-server.properties`, or remove its HA settings if it is meant to stand alone.

    **Example:**

    ```properties
    # db3/conf/neo4j-server.properties (reported; db1 and db2 say mode=HA)
    org.neo4j.server.database.mode=single
    ```
    """,
)

PORT_CLASH = define(
    "NHA309",
    Severity.ERROR,
    "two listeners on one host use the same port",
    """
    **What:** two listening sockets on one machine use one port: the coordinator client port,
    the quorum and election ports of a coordinator's own `server.N` line, the `ha.server` port
    (6361 by default), the web port (7474 by default), the HTTPS port when enabled, the online
    backup port (6362) and remote shell port (1337) when enabled, and under
    `--zookeeper 3.8` ZooKeeper's AdminServer (8080 unless `admin.enableServer=false`).
    Defaults count.

    A database node's machine is the host of its `ha.server`; a coordinator's is the host of
    its own `server.<myid>` line; `localhost`, `127.x.x.x` and `::1` are one host. Nodes whose
    host is unknown are not compared. One node may clash with itself.

    **Why:** only one process can bind a port. The second process fails at start
    (`Failed to bind master server to port 6001` in the tutorial variant that gave three
    nodes one `ha.server` port); ZooKeeper and the HA port bind all interfaces, so a different
    bind address does not help. Co-located coordinators need distinct client, quorum and
    election ports.

    **How to fix:** give every listener on a machine its own port. The first listener (in tree
    order) keeps the port; every other one is reported with the first as related site.

    **Example** (one machine):

    ```properties
    # db1/conf/neo4j.properties
    ha.server=localhost:6001
    # db2/conf/neo4j.properties (reported)
    ha.server=localhost:6001
    ```
    """,
)

SESSION_TIMEOUT_CLAMPED = define(
    "NHA310",
    Severity.WARNING,
    "ha.zk_session_timeout outside [2 x tickTime, 20 x tickTime] of the ensemble: clamped",
    """
    **What:** a database node's `ha.zk_session_timeout` (milliseconds, Neo4j 1.7+) lies
    outside the session timeout range of a coordinator of the ensemble its cluster uses:
    `[minSessionTimeout, maxSessionTimeout]`, by default `[2 x tickTime, 20 x tickTime]`.
    Checked only for nodes of a cluster whose ensemble is in the tree, and not for nodes in
    single mode.

    **Why:** the ZooKeeper server silently clamps a requested session timeout into its range.
    The node believes its session lasts what it asked for, but it expires earlier or later.
    With the shipped `tickTime=3000`, the 1.7/1.8 default of 5000 ms becomes 6000 ms. An
    explicit setting is a warning; the default is reported as `info`, since releases before
    1.7 have no such setting.

    **How to fix:** choose a timeout inside the range, or adjust `tickTime` or
    `minSessionTimeout`/`maxSessionTimeout` on every coordinator.

    **Example:**

    ```properties
    # coord.cfg: tickTime=3000 -> range 6000..60000 ms
    ha.zk_session_timeout=90000   # reported: becomes 60000
    ```
    """,
)

SHARED_CLUSTER_NAME = define(
    "NHA311",
    Severity.WARNING,
    "two HA clusters on one ensemble have the same ha.cluster_name",
    """
    **What:** two groups of database nodes use the same ensemble of the tree and the same
    `ha.cluster_name` (default `neo4j.ha`), but their coordinator lists have no endpoint in
    common, so they look like two separate clusters.

    **Why:** since 1.6 one ensemble can serve several clusters, each under its own root znode
    `/<cluster_name>`. Two groups with one name share the root znode: at run time they are one
    cluster, elect one master between them, and fight over duplicate machine ids.

    **How to fix:** give each cluster its own `ha.cluster_name`, or, if they are meant to be
    one cluster, the same coordinator list. Every node of each later group is reported, with a
    node of the first group as related site.

    **Example:**

    ```properties
    # shop/db1: ha.coordinators=zk1:2181         (ha.cluster_name unset)
    # crm/db1:  ha.coordinators=zk2:2181,zk3:2181 (reported: same name, same ensemble)
    ```
    """,
)


@check(Scope.TREE)
def check_cluster(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA301 to NHA311 over the clusters and ensembles of ``tree``; never raises on content.

    Facts absent from the tree (a coordinator not checked, an unknown host) make the rules that
    need them stay silent.
    """
    topo = topology.build(tree)
    facts: dict[int, _EnsembleFacts] = {}
    for cluster in topo.clusters:
        if len(cluster.nodes) > 1:
            yield from _duplicate_machine_ids(cluster)
            yield from _different_coordinators(cluster)
            yield from _single_mode_members(cluster)
        if cluster.ensemble is not None:
            ens_facts = facts.get(id(cluster.ensemble))
            if ens_facts is None:
                ens_facts = facts[id(cluster.ensemble)] = _EnsembleFacts.of(cluster.ensemble)
            yield from _coordinator_lists(cluster, ens_facts)
            yield from _session_timeouts(cluster, cluster.ensemble)
    for ens in topo.ensembles:
        if len(ens.coordinators) > 1:
            yield from _different_server_lines(ens)
            yield from _duplicate_myids(ens)
            yield from _different_timing(ens)
    yield from _port_clashes(tree, ctx)
    yield from _shared_cluster_names(topo)


# --- helpers ----------------------------------------------------------------------------------


def _majority(values: Sequence[T]) -> T:
    """The most common value; on a tie the one that occurs first."""
    counts = Counter(values)
    first: dict[T, int] = {}
    for i, value in enumerate(values):
        first.setdefault(value, i)
    return max(counts, key=lambda v: (counts[v], -first[v]))


def _id_key(node: Node) -> str:
    db = node.database
    if db is not None and db.server_id is None and db.machine_id is not None:
        return "ha.machine_id"
    return "ha.server_id"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _names(nodes: Sequence[Node], limit: int = 3) -> str:
    names = [n.name for n in nodes[:limit]]
    if len(nodes) > limit:
        names.append(f"{len(nodes) - limit} more")
    return ", ".join(names)


def _myid_location(node: Node) -> Location:
    source = node.files.get(FileRole.MYID)
    return source.loc() if source is not None else key_location(node, FileRole.COORD)


def _coord_list_location(node: Node) -> tuple[str, Location]:
    key = coordinator_key(node) or "ha.coordinators"
    return key, key_location(node, FileRole.DATABASE, key)


# --- NHA301, NHA302, NHA308: within one HA cluster --------------------------------------------


def _duplicate_machine_ids(cluster: HACluster) -> Iterator[Diagnostic]:
    first: dict[int, Node] = {}
    for node in cluster.nodes:
        machine_id = node.database.effective_server_id if node.database is not None else None
        if machine_id is None:
            continue
        owner = first.setdefault(machine_id, node)
        if owner is node:
            continue
        key, owner_key = _id_key(node), _id_key(owner)
        yield DUPLICATE_MACHINE_ID.diag(
            key_location(node, FileRole.DATABASE, key),
            f"{key}={machine_id} of node {node.name} is also the machine id of node "
            f"{owner.name} ({owner_key}) in {cluster.label}: every node of an HA cluster needs "
            "its own id, or the two fight over one ZooKeeper znode",
            node=node.name,
            key=key,
            related=[key_location(owner, FileRole.DATABASE, owner_key)],
            group=cluster.label,
        )


def _different_coordinators(cluster: HACluster) -> Iterator[Diagnostic]:
    listed: list[tuple[Node, frozenset[Endpoint]]] = []
    shown: dict[Endpoint, str] = {}
    for node in cluster.nodes:
        entries = coordinator_entries(node)
        if not entries:
            continue
        found = []
        for hp in entries:
            ep = endpoint(hp.host, hp.port)
            shown.setdefault(ep, str(hp))
            found.append(ep)
        listed.append((node, frozenset(found)))
    if len(listed) < 2:
        return
    common = _majority([eps for _, eps in listed])
    holders = [node for node, eps in listed if eps == common]
    if len(holders) == len(listed):
        return

    def show(eps: frozenset[Endpoint]) -> str:
        return ",".join(sorted(shown[ep] for ep in eps))

    ref = holders[0]
    for node, eps in listed:
        if eps == common:
            continue
        diff = []
        if common - eps:
            diff.append(f"lacks {show(common - eps)}")
        if eps - common:
            diff.append(f"has {show(eps - common)} in addition")
        key, loc = _coord_list_location(node)
        yield DIFFERENT_COORDINATORS.diag(
            loc,
            f"{key} of node {node.name} lists {show(eps)}, but {len(holders)} of the "
            f"{len(listed)} nodes of {cluster.label} (e.g. {ref.name}) list {show(common)}: "
            f"{node.name} {' and '.join(diff)}",
            node=node.name,
            key=key,
            related=[_coord_list_location(ref)[1]],
            group=cluster.label,
        )


def _mode(node: Node) -> ServerMode | None:
    """The node's server mode; None without a server file or with a mode NHA101 rejects."""
    server = node.server
    if server is None or (server.mode is None and server.location(MODE_KEY) is not None):
        return None
    return server.effective_mode


def _mode_setting(node: Node) -> str:
    """``<key>=<value as written>``, or that the key is unset."""
    source = node.files.get(FileRole.SERVER)
    entry = source.document.get(MODE_KEY) if source and source.document else None
    if entry is not None:
        return f"{MODE_KEY}={entry.value}"
    if node.server is not None and node.server.mode is not None:
        return f"{MODE_KEY}={node.server.mode.value}"
    return f"{MODE_KEY} is unset (default single)"


def _single_mode_members(cluster: HACluster) -> Iterator[Diagnostic]:
    ha_nodes = [n for n in cluster.nodes if _mode(n) is ServerMode.HA]
    if not ha_nodes:
        return
    ref = ha_nodes[0]
    for node in cluster.nodes:
        if _mode(node) is not ServerMode.SINGLE:
            continue
        setting = _mode_setting(node)
        yield SINGLE_MODE_MEMBER.diag(
            key_location(node, FileRole.SERVER, MODE_KEY),
            f"node {node.name} runs in single mode ({setting}) although its coordinator list "
            f"puts it into {cluster.label}, whose node {ref.name} runs in ha mode: in single "
            "mode every HA setting is ignored and the node does not join the cluster",
            node=node.name,
            key=MODE_KEY,
            related=[key_location(ref, FileRole.SERVER, MODE_KEY)],
            group=cluster.label,
        )


# --- NHA303, NHA304: coordinator lists against the ensemble ------------------------------------


@dataclass(frozen=True, slots=True)
class _PeerPort:
    coordinator: Node | None  # the coordinator in the tree whose own line this is, if any
    line: ServerLine
    what: str  # "quorum port" or "election port"
    location: Location


def _peer_ports(ens: Ensemble) -> dict[Endpoint, _PeerPort]:
    """Every quorum and election endpoint named by the ensemble's ``server.N`` lines; a
    coordinator's own line wins over the copies in other files."""
    out: dict[Endpoint, _PeerPort] = {}
    owners = {id(line): node for node in ens.coordinators if (line := own_server_line(node))}
    for pass_own in (True, False):
        for node in ens.coordinators:
            servers = node.coord.servers if node.coord is not None else {}
            for sid in sorted(servers):
                line = servers[sid]
                if (id(line) in owners) != pass_own:
                    continue
                loc = key_location(node, FileRole.COORD, f"server.{sid}")
                owner = owners.get(id(line))
                for what, port in (
                    ("quorum port", line.quorum_port),
                    ("election port", line.election_port),
                ):
                    if port is not None:
                        out.setdefault(endpoint(line.host, port), _PeerPort(owner, line, what, loc))
    return out


def _client_location(node: Node) -> Location:
    line = own_server_line(node)
    coord = node.coord
    if coord is not None and coord.client_port is None and line is not None:
        return key_location(node, FileRole.COORD, f"server.{line.id}")
    return key_location(node, FileRole.COORD, "clientPort")


@dataclass(slots=True)
class _EnsembleFacts:
    """What the tree tells about an ensemble's hosts and ports, computed once per ensemble."""

    ensemble: Ensemble
    peers: dict[Endpoint, _PeerPort]
    on_host: dict[str, list[Node]]  # coordinators in the tree by host key
    absent_hosts: set[str]  # hosts of server.N members that are not in the tree

    @classmethod
    def of(cls, ens: Ensemble) -> _EnsembleFacts:
        on_host: dict[str, list[Node]] = {}
        for node in ens.coordinators:
            host = coordinator_host(node)
            if host is not None:
                on_host.setdefault(host, []).append(node)
        # A port on the host of a member missing from the tree may be that member's client
        # port, which the tree cannot tell.
        present = {line.id for node in ens.coordinators if (line := own_server_line(node))}
        absent_hosts = {
            topology.host_key(line.host)
            for node in ens.coordinators
            if node.coord is not None
            for line in node.coord.servers.values()
            if line.id not in present
        }
        return cls(ens, _peer_ports(ens), on_host, absent_hosts)

    def why_unknown(self, host: str, port: int) -> tuple[str, list[Location]] | None:
        """Why ``host:port`` is no client endpoint of the ensemble (message and related
        sites), or None when it is one or the tree cannot tell."""
        ep = endpoint(host, port)
        ens = self.ensemble
        if ep in ens.client_endpoints:
            return None
        peer = self.peers.get(ep)
        if peer is not None:
            where = f"server.{peer.line.id}"
            owner = peer.coordinator
            client = client_endpoint(owner) if owner is not None else None
            if owner is not None and client is not None:
                return (
                    f"but {port} is the {peer.what} of {where} (coordinator {owner.name}) of "
                    f"{ens.label}, not a client port; {owner.name} takes clients on "
                    f"{host}:{client[1]}",
                    [peer.location, _client_location(owner)],
                )
            return (
                f"but {port} is the {peer.what} of {where} of {ens.label}, not a client port: "
                "list the clientPort of that coordinator",
                [peer.location],
            )
        coordinators = self.on_host.get(ep[0])
        if not coordinators or ep[0] in self.absent_hosts:
            return None
        ports_there = ", ".join(
            f"{cep[1]} ({c.name})" for c in coordinators if (cep := client_endpoint(c)) is not None
        )
        return (
            f"but no coordinator of {ens.label} takes clients on port {port} of that host "
            f"(client ports there: {ports_there or 'unknown'})",
            [_client_location(coordinators[0])],
        )


def _coordinator_lists(cluster: HACluster, facts: _EnsembleFacts) -> Iterator[Diagnostic]:
    ens = facts.ensemble
    for node in cluster.nodes:
        entries = coordinator_entries(node)
        if not entries:
            continue
        key, loc = _coord_list_location(node)
        listed: set[Endpoint] = set()
        wrong_hosts: set[str] = set()
        for hp in entries:
            listed.add(endpoint(hp.host, hp.port))
            why = facts.why_unknown(hp.host, hp.port)
            if why is None:
                continue
            wrong_hosts.add(topology.host_key(hp.host))
            yield UNKNOWN_COORDINATOR.diag(
                loc,
                f"{key} of node {node.name} lists {hp}, {why[0]}",
                node=node.name,
                key=key,
                related=why[1],
                group=cluster.label,
            )
        missing = [
            (ep, coord)
            for ep, coord in ens.client_endpoints.items()
            if ep not in listed and ep[0] not in wrong_hosts
        ]
        if missing:
            shown = ", ".join(f"{c.name} ({topology.format_endpoint(ep)})" for ep, c in missing)
            yield MISSING_COORDINATOR.diag(
                loc,
                f"{key} of node {node.name} does not list {_count(len(missing), 'coordinator')} "
                f"of {ens.label}, which {cluster.label} uses: {shown}; the node cannot fail "
                "over to unlisted coordinators",
                node=node.name,
                key=key,
                related=[_client_location(c) for _, c in missing],
                group=cluster.label,
            )


# --- NHA310: session timeout against the ensemble's bounds -------------------------------------


def _session_bounds(node: Node) -> tuple[int, int, str, Location] | None:
    """(min, max, how they come about, where) of a coordinator; None when unknown or invalid."""
    coord = node.coord
    if coord is None:
        return None
    for key, value in (
        ("tickTime", coord.tick_time),
        ("minSessionTimeout", coord.min_session_timeout),
        ("maxSessionTimeout", coord.max_session_timeout),
    ):
        if value is None and coord.location(key) is not None:
            return None  # a rejected value: NHA201/NHA111 report it, the bounds are unknown
    tick = coord.effective_tick_time
    if tick <= 0:
        return None
    low_set = coord.min_session_timeout is not None and coord.min_session_timeout != -1
    high_set = coord.max_session_timeout is not None and coord.max_session_timeout != -1
    low = coord.min_session_timeout if low_set and coord.min_session_timeout else 2 * tick
    high = coord.max_session_timeout if high_set and coord.max_session_timeout else 20 * tick
    if low > high:
        return None  # NHA209
    if low_set and high_set:
        how = f"minSessionTimeout={low}, maxSessionTimeout={high}"
    elif low_set:
        how = f"minSessionTimeout={low}, 20 x tickTime={tick}"
    elif high_set:
        how = f"2 x tickTime={tick}, maxSessionTimeout={high}"
    else:
        how = f"2 and 20 x tickTime={tick}"
    key = "tickTime" if not (low_set or high_set) else "minSessionTimeout"
    if not low_set and high_set:
        key = "maxSessionTimeout"
    return low, high, how, key_location(node, FileRole.COORD, key)


def _session_timeouts(cluster: HACluster, ens: Ensemble) -> Iterator[Diagnostic]:
    bounds = [(c, b) for c in ens.coordinators if (b := _session_bounds(c)) is not None]
    if not bounds:
        return
    key = "ha.zk_session_timeout"
    for node in cluster.nodes:
        db = node.database
        if db is None or _mode(node) is ServerMode.SINGLE:
            continue
        if db.zk_session_timeout is not None:
            timeout, explicit = db.zk_session_timeout, True
        elif db.location(key) is not None:
            continue  # rejected value (NHA111)
        else:
            timeout, explicit = DEFAULT_ZK_SESSION_TIMEOUT, False
        for coord, (low, high, how, where) in bounds:
            if low <= timeout <= high:
                continue
            clamped = low if timeout < low else high
            setting = (
                f"{key}={timeout}"
                if explicit
                else f"{key} is unset, so Neo4j 1.7+ asks for {timeout}"
            )
            yield SESSION_TIMEOUT_CLAMPED.diag(
                key_location(node, FileRole.DATABASE, key),
                f"node {node.name}: {setting} ms, outside the session timeout range "
                f"{low}..{high} ms of coordinator {coord.name} ({how}) of {ens.label}: "
                f"ZooKeeper silently makes it {clamped} ms",
                severity=None if explicit else Severity.INFO,
                node=node.name,
                key=key,
                related=[where],
                group=cluster.label,
            )
            break


# --- NHA305, NHA306, NHA307: within one ensemble ----------------------------------------------

_LineKey = tuple[int, str, int, int | None, PeerType]


def _line_key(line: ServerLine) -> _LineKey:
    return (
        line.id,
        topology.host_key(line.host),
        line.quorum_port,
        line.election_port,
        line.peer_type,
    )


def _different_server_lines(ens: Ensemble) -> Iterator[Diagnostic]:
    blocks: list[tuple[Node, dict[int, ServerLine], frozenset[_LineKey]]] = []
    for node in ens.coordinators:
        servers = node.coord.servers if node.coord is not None else {}
        blocks.append((node, servers, frozenset(_line_key(line) for line in servers.values())))
    common = _majority([block for _, _, block in blocks])
    holders = [(n, s) for n, s, b in blocks if b == common]
    if len(holders) == len(blocks):
        return
    ref, ref_servers = holders[0]
    for node, servers, block in blocks:
        if block == common:
            continue
        changed = sorted(
            sid
            for sid in servers
            if sid in ref_servers and _line_key(servers[sid]) != _line_key(ref_servers[sid])
        )
        extra = sorted(set(servers) - set(ref_servers))
        lacking = sorted(set(ref_servers) - set(servers))
        diff = [
            f"server.{sid}={servers[sid]} where {ref.name} has {ref_servers[sid]}"
            for sid in changed
        ]
        diff += [f"server.{sid}={servers[sid]} that {ref.name} lacks" for sid in extra]
        diff += [f"no server.{sid} ({ref.name} has {ref_servers[sid]})" for sid in lacking]
        first = min(changed + extra, default=min(servers, default=None))
        key = f"server.{first}" if first is not None else None
        yield DIFFERENT_SERVER_LINES.diag(
            key_location(node, FileRole.COORD, key),
            f"coordinator {node.name} of {ens.label} has a different server.N block than "
            f"{len(holders)} of its {len(blocks)} coordinators (e.g. {ref.name}): "
            + "; ".join(diff),
            node=node.name,
            key=key,
            related=[
                key_location(ref, FileRole.COORD, f"server.{sid}")
                for sid in sorted(set(changed) | set(lacking))
            ]
            or [key_location(ref, FileRole.COORD)],
            group=ens.label,
        )


def _duplicate_myids(ens: Ensemble) -> Iterator[Diagnostic]:
    first: dict[int, Node] = {}
    for node in ens.coordinators:
        if node.myid is None:
            continue
        owner = first.setdefault(node.myid.value, node)
        if owner is node:
            continue
        yield DUPLICATE_MYID.diag(
            _myid_location(node),
            f"myid {node.myid.value} of coordinator {node.name} is also the myid of coordinator "
            f"{owner.name} in {ens.label}: both claim the line server.{node.myid.value}, so "
            "one member of the ensemble never runs",
            node=node.name,
            related=[_myid_location(owner)],
            group=ens.label,
        )


_TIMING = (("tick_time", "tickTime"), ("init_limit", "initLimit"), ("sync_limit", "syncLimit"))


def _different_timing(ens: Ensemble) -> Iterator[Diagnostic]:
    for attr, key in _TIMING:
        values: list[tuple[Node, int, bool]] = []
        for node in ens.coordinators:
            coord = node.coord
            if coord is None:
                continue
            value = getattr(coord, attr)
            if value is None:
                if key != "tickTime" or coord.location(key) is not None:
                    continue  # unset limits are NHA203's, rejected values NHA201's
                values.append((node, coord.effective_tick_time, True))
            else:
                values.append((node, value, False))
        if len(values) < 2:
            continue
        common = _majority([v for _, v, _ in values])
        holders = [n for n, v, _ in values if v == common]
        if len(holders) == len(values):
            continue
        ref = holders[0]
        for node, value, default in values:
            if value == common:
                continue
            setting = f"{key} is unset ({value})" if default else f"{key}={value}"
            yield DIFFERENT_TIMING.diag(
                key_location(node, FileRole.COORD, key),
                f"coordinator {node.name}: {setting}, but {len(holders)} of the {len(values)} "
                f"coordinators of {ens.label} (e.g. {ref.name}) use {key}={common}",
                node=node.name,
                key=key,
                related=[key_location(ref, FileRole.COORD, key)],
                group=ens.label,
            )


# --- NHA309: ports ----------------------------------------------------------------------------


def _port_clashes(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    for members in ports.clashes(tree, ctx.profile):
        anchor = members[0]
        for listener in members[1:]:
            if (
                listener.node is anchor.node
                and listener.key == anchor.key
                and listener.key.startswith("server.")
            ):
                continue  # quorum port = election port of one line is NHA207
            yield PORT_CLASH.diag(
                listener.location,
                f"port {listener.port} on host {listener.host}: {listener.describe()} is also "
                f"{anchor.describe()}; only one of them can bind it",
                node=listener.node.name,
                key=listener.key,
                related=[anchor.location],
                group=f"host {listener.host}",
            )


# --- NHA311: one name, one ensemble, two clusters ----------------------------------------------


def _shared_cluster_names(topo: Topology) -> Iterator[Diagnostic]:
    by_name: dict[tuple[str, int], list[HACluster]] = {}
    for cluster in topo.clusters:
        if cluster.ensemble is None:
            continue
        if not any(coordinator_entries(n) for n in cluster.nodes):
            continue
        by_name.setdefault((cluster.name, id(cluster.ensemble)), []).append(cluster)
    key = "ha.cluster_name"
    for clusters in by_name.values():
        if len(clusters) < 2:
            continue
        first = clusters[0]
        ref = first.nodes[0]
        ens_label = first.ensemble.label if first.ensemble is not None else "one ensemble"
        for cluster in clusters[1:]:
            for node in cluster.nodes:
                yield SHARED_CLUSTER_NAME.diag(
                    key_location(node, FileRole.DATABASE, key),
                    f"node {node.name} ({cluster.label}) and {_names(first.nodes)} (another "
                    f"{first.label}) use {ens_label} under the same {key}={cluster.name}, but "
                    "their coordinator lists share no endpoint: both groups use the root znode "
                    f"/{cluster.name} and act as one cluster",
                    node=node.name,
                    key=key,
                    related=[key_location(ref, FileRole.DATABASE, key)],
                    group=cluster.label,
                )
