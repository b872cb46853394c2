"""What NHA322 and NHA323 share: the ZooKeeper-era HA clusters whose every node sets a key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from neoha_config.records import dataclass
from neoha_config.topology import coordinator_entries
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.diagnostics import Location
    from neoha_config.topology import HACluster
    from neoha_config.tree import Node, Site


@dataclass(frozen=True, slots=True)
class Unanimous:
    """An HA cluster whose every node sets ``key`` to a value ``matches`` accepts."""

    cluster: HACluster
    sites: list[tuple[Node, Site]]

    @property
    def lead(self) -> tuple[Node, Site]:
        """The first node and its site: where the finding is reported."""
        return self.sites[0]

    @property
    def others(self) -> str:
        """`` and the other N node(s)`` for a message, empty for a lone node."""
        rest = len(self.sites) - 1
        return f" and the other {rest} node(s)" if rest else ""

    @property
    def related(self) -> list[Location]:
        """The other nodes' sites."""
        return [site.location for _, site in self.sites[1:]]


def unanimous(
    ctx: CheckContext,
    key: str,
    matches: Callable[[str], bool],
    releases: frozenset[str],
) -> Iterator[Unanimous]:
    """Each HA cluster of the tree with coordinator lists whose every live node sets ``key`` to
    a value ``matches`` accepts, and whose every node may run one of ``releases``.

    Only clusters the tree plausibly holds whole count: two nodes or more on an ensemble of the
    tree, or any cluster under ``--complete``; a lone node may have peers elsewhere.
    """
    for cluster in ctx.topology.clusters:
        if not all(coordinator_entries(n) for n in cluster.nodes):
            continue
        if not ctx.complete and (cluster.ensemble is None or len(cluster.nodes) < 2):
            continue
        sites: list[tuple[Node, Site]] = []
        for node in cluster.nodes:
            source = node.files.get(FileRole.DATABASE)
            site = source.site(key) if source is not None else None
            if site is None or not matches(site.value):
                break
            if not releases.intersection(ctx.releases(node)):
                break
            sites.append((node, site))
        else:
            if sites:
                yield Unanimous(cluster, sites)
