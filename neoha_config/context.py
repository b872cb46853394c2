"""What every rule of one check sees: the tree, its topology and port map, and the options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.profile import DEFAULT_PROFILE, Profile
from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.cluster19 import Cluster19
    from neoha_config.facts import EnsembleFacts, SessionBounds
    from neoha_config.hosts import Endpoint
    from neoha_config.liveness import Component
    from neoha_config.logs import LogFacts
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.ports import Listener
    from neoha_config.suppress import Unused
    from neoha_config.topology import Ensemble, Topology
    from neoha_config.tree import Node, Tree


def _empty_tree() -> Tree:
    from neoha_config.tree import Tree

    return Tree()


@dataclass(slots=True)
class CheckContext:
    """One check's shared facts, computed once and handed to every rule.

    ``topology`` (ensembles and HA clusters) is built on first use and kept for the rest of the
    check, as are the other shared facts (listeners and port map, per-ensemble endpoint facts,
    session timeout bounds, log facts); nothing outlives the context. ``unused_suppressions``
    is filled by the suppression policy before the report rules run.

    With ``skip_inert`` (the default), components that do not run (``live``) join no ensemble
    or cluster of ``topology`` and open no port of ``listeners``: the cluster, ensemble and
    port rules never see them. ``complete`` says the tree is the whole system (``--complete``).
    """

    tree: Tree = field(default_factory=_empty_tree)
    profile: Profile = DEFAULT_PROFILE
    include_logs: bool = True
    neo4j: str = "auto"  # the Neo4j release asked for, or auto
    skip_inert: bool = True
    complete: bool = False
    unused_suppressions: list[Unused] = field(default_factory=list)
    # Paths a rule looked at beyond the node's files, by node: what its findings depend on
    # besides what the loader read (the result cache probes them: ``neoha_config.cached``).
    looked: dict[int, list[str]] = field(default_factory=dict)
    _topology: Topology | None = None
    _views: dict[int, CoordView] = field(default_factory=dict)
    _listeners: list[Listener] | None = None
    _port_map: dict[Endpoint, list[Listener]] | None = None
    _clashes: list[list[Listener]] | None = None
    _ensemble_facts: dict[int, EnsembleFacts] = field(default_factory=dict)
    _bounds: dict[int, SessionBounds | None] = field(default_factory=dict)
    _logs: dict[int, LogFacts | None] = field(default_factory=dict)
    _releases: dict[int, tuple[str, ...]] | None = None
    _listed: set[Endpoint] | None = None
    _clusters_19: list[Cluster19] | None = None
    _components: dict[tuple[int, str], Component | None] = field(default_factory=dict)

    def look(self, node: Node, path: str) -> str:
        """Note that a rule's finding about ``node`` depends on what ``path`` is; returns it.
        A rule that asks the file system anything must ask through this."""
        self.looked.setdefault(id(node), []).append(path)
        return path

    @property
    def topology(self) -> Topology:
        """The tree's ensembles and HA clusters, grouped once per check."""
        if self._topology is None:
            from neoha_config.topology import build

            self._topology = build(self.tree, self.live if self.skip_inert else None)
        return self._topology

    def releases(self, node: Node) -> tuple[str, ...]:
        """The Neo4j releases ``node``'s files are consistent with, oldest first: its own
        evidence, narrowed by its HA cluster's members when they share releases (``release``)."""
        if self._releases is None:
            self._releases = self._infer_releases()
        found = self._releases.get(id(node))
        if found is None:
            from neoha_config.release import node_releases

            found = self._releases[id(node)] = node_releases(node, self.neo4j)
        return found

    def _infer_releases(self) -> dict[int, tuple[str, ...]]:
        from neoha_config.release import cluster_releases, node_releases

        own = {id(n): node_releases(n, self.neo4j) for n in self.tree.nodes}
        for cluster in self.topology.clusters:
            common = cluster_releases(own[id(n)] for n in cluster.nodes)
            if common is not None:
                for member in cluster.nodes:
                    own[id(member)] = common
        return own

    def is_19(self, node: Node) -> bool:
        """Whether ``node`` is a Neo4j 1.9 cluster member: a database node whose files say
        1.9 and nothing older, not in single mode (``cluster19``)."""
        from neoha_config.cluster19 import is_member

        return is_member(node, self.releases)

    @property
    def clusters_19(self) -> list[Cluster19]:
        """The tree's Neo4j 1.9 clusters: members grouped by shared ``ha.initial_hosts``
        endpoints, built once per check (``cluster19.build``)."""
        if self._clusters_19 is None:
            from neoha_config.cluster19 import build

            self._clusters_19 = build(self.tree, self.releases)
        return self._clusters_19

    def coord(self, node: Node) -> CoordView | None:
        """``node``'s ``coord.cfg`` as the profile's ZooKeeper reads it; None without one."""
        facts = node.coord_facts
        if facts is None:
            return None
        view = self._views.get(id(node))
        if view is None:
            from neoha_config.models.coordfacts import CoordView

            view = self._views[id(node)] = CoordView(facts, self.profile)
        return view

    @property
    def listeners(self) -> list[Listener]:
        """Every listener of the tree whose machine is known, in tree order (``ports``)."""
        if self._listeners is None:
            from neoha_config.ports import listener_role, tree_listeners

            found = tree_listeners(self.tree, self.profile, is_19=self.is_19)
            if self.skip_inert:
                found = [li for li in found if self.live(li.node, listener_role(li))]
            self._listeners = found
        return self._listeners

    @property
    def port_map(self) -> dict[Endpoint, list[Listener]]:
        """The listeners by ``(host_key, port)``."""
        if self._port_map is None:
            from neoha_config.ports import port_map

            self._port_map = port_map(self.listeners)
        return self._port_map

    @property
    def port_clashes(self) -> list[list[Listener]]:
        """Groups of listeners that bind one port on one machine, in tree order."""
        if self._clashes is None:
            from neoha_config.ports import clashes

            self._clashes = clashes(self.listeners)
        return self._clashes

    def ensemble_facts(self, ensemble: Ensemble) -> EnsembleFacts:
        """What the tree tells about ``ensemble``'s hosts and ports (an ensemble of
        ``topology``)."""
        facts = self._ensemble_facts.get(id(ensemble))
        if facts is None:
            from neoha_config.facts import EnsembleFacts

            facts = self._ensemble_facts[id(ensemble)] = EnsembleFacts.of(ensemble)
        return facts

    def session_bounds(self, node: Node) -> SessionBounds | None:
        """The session timeout range ``node``'s coordinator grants; None without a
        ``coord.cfg`` or when the range is unknown."""
        key = id(node)
        if key not in self._bounds:
            from neoha_config.facts import session_bounds

            coord = node.coord
            self._bounds[key] = session_bounds(coord) if coord is not None else None
        return self._bounds[key]

    def coordinator_live(self, node: Node) -> bool:
        """Whether ``node``'s coordinator runs, by the evidence of the tree (``liveness``)."""
        found = self.component(node, "coordinator")
        return found is not None and found.live

    def database_live(self, node: Node) -> bool:
        """Whether ``node``'s database runs, by the evidence of the tree (``liveness``)."""
        found = self.component(node, "database")
        return found is not None and found.live

    def live(self, node: Node, role: str) -> bool:
        """Whether ``node``'s ``role`` (``coordinator`` or ``database``) runs."""
        found = self.component(node, role)
        return found is not None and found.live

    def component(self, node: Node, role: str) -> Component | None:
        """``node``'s ``role`` and whether it runs, with the evidence; None when the node has
        no such role."""
        key = (id(node), role)
        if key in self._components:
            return self._components[key]
        from neoha_config import liveness

        found: Component | None
        if role == liveness.COORDINATOR:
            if self._listed is None:
                self._listed = liveness.listed_endpoints(self.tree)
            found = liveness.coordinator(node, self._listed)
        else:
            found = liveness.database(node, self.coordinator_live(node))
        self._components[key] = found
        return found

    def components(self, node: Node) -> list[Component]:
        """Each role of ``node``, database first, and whether it runs."""
        found = (self.component(node, role) for role in ("database", "coordinator"))
        return [c for c in found if c is not None]

    def log_facts(self, node: Node) -> LogFacts | None:
        """What a database node's logs say, parsed once; None when logs are not checked
        (``include_logs`` off) or the node is no database node or has no logs."""
        if not self.include_logs or not node.is_database or not node.logs:
            return None
        key = id(node)
        if key not in self._logs:
            from neoha_config.logs import facts_for

            self._logs[key] = facts_for(node.logs)
        return self._logs[key]
