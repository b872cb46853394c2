"""Endpoint rules (NHA303, NHA304, NHA309): coordinator lists against the ensemble, shared ports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from neoha_config import ports, topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.coord import ServerLine
from neoha_config.registry import CheckContext, define
from neoha_config.rules._clusterfacts import coord_list_location
from neoha_config.topology import (
    Endpoint,
    Ensemble,
    HACluster,
    Topology,
    client_endpoint,
    coordinator_entries,
    coordinator_host,
    endpoint,
    key_location,
    own_server_line,
)
from neoha_config.tree import FileRole, Node, Tree

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
    host where a member of the ensemble is missing from the tree, or for a port that a
    coordinator of the ensemble with no known host (no `server.<myid>` line of its own) may
    take clients on, is not reported (unless the port is a quorum or election port listed for
    that host).

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


def check_coordinator_lists(topo: Topology) -> Iterator[Diagnostic]:
    """NHA303 and NHA304 for each cluster of ``topo`` whose ensemble is in the tree; run by the
    cluster check. Yields findings; never raises on content."""
    facts: dict[int, _EnsembleFacts] = {}
    for cluster in topo.clusters:
        if cluster.ensemble is not None:
            ens_facts = facts.get(id(cluster.ensemble))
            if ens_facts is None:
                ens_facts = facts[id(cluster.ensemble)] = _EnsembleFacts.of(cluster.ensemble)
            yield from _coordinator_lists(cluster, ens_facts)


# --- NHA303, NHA304: coordinator lists against the ensemble ------------------------------------


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


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
    unplaced_ports: set[int | None]  # client ports of coordinators in the tree with no known host

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
        # A coordinator without its own server.<myid> line (a standalone one whose myid has no
        # line, say) still takes clients on its clientPort, on a host the tree cannot tell.
        unplaced = {
            topology.client_port(node) for node in ens.coordinators if own_server_line(node) is None
        }
        return cls(ens, _peer_ports(ens), on_host, absent_hosts, unplaced)

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
        if port in self.unplaced_ports or None in self.unplaced_ports:
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
        key, loc = coord_list_location(node)
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


# --- NHA309: ports ----------------------------------------------------------------------------


def check_port_clashes(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA309 for every port that two listeners of ``tree`` use on one host; run by the cluster
    check. Yields findings; never raises on content."""
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
