"""What every rule of one check sees: the tree, its topology and port map, and the options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neoha_config.profile import DEFAULT_PROFILE, Profile

if TYPE_CHECKING:
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.suppress import Unused
    from neoha_config.topology import Topology
    from neoha_config.tree import Node, Tree


def _empty_tree() -> Tree:
    from neoha_config.tree import Tree

    return Tree()


@dataclass(slots=True)
class CheckContext:
    """One check's shared facts, computed once and handed to every rule.

    ``topology`` (ensembles and HA clusters) is built on first use and kept for the rest of the
    check; nothing outlives the context. ``unused_suppressions`` is filled by the suppression
    policy before the report rules run.
    """

    tree: Tree = field(default_factory=_empty_tree)
    profile: Profile = DEFAULT_PROFILE
    include_logs: bool = True
    unused_suppressions: list[Unused] = field(default_factory=list)
    _topology: Topology | None = None
    _views: dict[int, CoordView] = field(default_factory=dict)

    @property
    def topology(self) -> Topology:
        """The tree's ensembles and HA clusters, grouped once per check."""
        if self._topology is None:
            from neoha_config.topology import build

            self._topology = build(self.tree)
        return self._topology

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
