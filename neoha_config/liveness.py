"""Which components of a node actually run (live) and which are never started (inert)."""

from __future__ import annotations

from neoha_config.hosts import Endpoint, endpoint
from neoha_config.models.plain import PeerType, ServerMode
from neoha_config.names import (
    CLUSTER_NAME_KEY,
    COORD_KEYS,
    HA_SERVER_KEY,
    ID_KEYS,
    INITIAL_HOSTS_KEY,
    MODE_KEY,
)
from neoha_config.records import dataclass
from neoha_config.topology import client_port, coordinator_entries, own_server_line
from neoha_config.tree import FileRole, Node, Tree

COORDINATOR = "coordinator"
DATABASE = "database"

MEMBERSHIP_KEYS = (*ID_KEYS, *COORD_KEYS, INITIAL_HOSTS_KEY, HA_SERVER_KEY, CLUSTER_NAME_KEY)
"""Database-file keys that make a node a member of an HA cluster, whatever the server mode:
every release ships them commented out."""


@dataclass(frozen=True, slots=True)
class Component:
    """One role of a node and whether it runs: ``live`` and the evidence that decided it.

    ``inferred`` is True when the verdict rests on the absence of evidence (a component the
    tree shows no sign of running), as every inert verdict does.
    """

    role: str
    live: bool
    evidence: str

    @property
    def state(self) -> str:
        """``live`` or ``inert``, as in the JSON report."""
        return "live" if self.live else "inert"

    @property
    def inferred(self) -> bool:
        """True for an inert verdict: it rests on evidence that is absent."""
        return not self.live


def listed_endpoints(tree: Tree) -> set[Endpoint]:
    """Every coordinator endpoint some database node of ``tree`` lists, less those a
    coordinator with a ``myid`` or a ``server.N`` block of several members serves: a listing
    says nothing about a stock ``coord.cfg`` that happens to share such a coordinator's port."""
    listed = {endpoint(hp.host, hp.port) for n in tree.nodes for hp in coordinator_entries(n)}
    if not listed:
        return listed
    claimed: set[Endpoint] = set()
    for node in tree.nodes:
        if node.coord is not None and _own_evidence(node) is not None:
            claimed.update(client_endpoints(node))
    return listed - claimed


def _own_evidence(node: Node) -> str | None:
    """Why the coordinator's own files show that it runs, or None."""
    if FileRole.MYID in node.files:
        return "it has a myid file"
    if node.coord is not None and len(node.coord.servers) > 1:
        return "its server.N block names other members"
    return None


def client_endpoints(node: Node) -> list[Endpoint]:
    """Where the coordinator may take clients: its client port on its own ``server.<myid>``
    host when known, else on every participant host and its ``clientPortAddress``."""
    coord = node.coord
    port = client_port(node)
    if coord is None or port is None:
        return []
    own = own_server_line(node)
    if own is not None:
        hosts = [own.host]
    else:
        hosts = [ln.host for ln in coord.servers.values() if ln.peer_type is PeerType.PARTICIPANT]
    if coord.client_port_address:
        hosts.append(coord.client_port_address)
    return [endpoint(host, port) for host in hosts]


def coordinator(node: Node, listed: set[Endpoint]) -> Component | None:
    """Whether ``node``'s coordinator runs; None without a ``coord.cfg``.

    It runs when it has a ``myid``, when its ``server.N`` block names more than one member, or
    when a database node lists its client endpoint (``listed``, from ``listed_endpoints``). A
    whole home copied for a database instance carries the stock ``coord.cfg`` (one
    ``server.1``, no ``myid``) that nothing starts: that one is inert.
    """
    if FileRole.COORD not in node.files:
        return None
    if node.coord is None:
        # Unreadable or unparsed: nothing can tell, and the file rules report it.
        return Component(COORDINATOR, True, "its coord.cfg could not be read")
    own = _own_evidence(node)
    if own is not None:
        return Component(COORDINATOR, True, own)
    if any(ep in listed for ep in client_endpoints(node)):
        return Component(COORDINATOR, True, "a database node lists its client endpoint")
    return Component(
        COORDINATOR,
        False,
        "no myid, no other server.N member, and no database node lists its client endpoint",
    )


def database(node: Node, coordinator_live: bool) -> Component | None:
    """Whether ``node``'s database runs; None without a server or database file.

    It runs in HA mode, when its database file names cluster membership (a machine id, a
    coordinator list, ``ha.initial_hosts``, ``ha.server``, ``ha.cluster_name``), or when it is
    all the node is. Stock server and
    database files left in a home copied for a coordinator (``coordinator_live``), with no
    sign of HA, are never started: those are inert.
    """
    if not node.is_database:
        return None
    server = node.files.get(FileRole.SERVER)
    mode = server.raw(MODE_KEY) if server is not None else None
    if mode is not None and mode.strip().lower() == ServerMode.HA.value:
        return Component(DATABASE, True, f"{MODE_KEY} is ha")
    source = node.files.get(FileRole.DATABASE)
    if source is not None:
        for key in MEMBERSHIP_KEYS:
            if source.site(key) is not None:
                return Component(DATABASE, True, f"it sets {key}")
    if not coordinator_live:
        return Component(DATABASE, True, "it is the only component of its node")
    return Component(
        DATABASE,
        False,
        "the node runs a coordinator, and its database files set neither HA mode nor "
        "cluster membership",
    )
