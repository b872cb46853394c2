"""What the Neo4j 1.9 cluster rules share: the members of the tree and where their keys are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.names import INITIAL_HOSTS_KEY
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.cluster19 import Member
    from neoha_config.context import CheckContext
    from neoha_config.diagnostics import Location


def all_members(ctx: CheckContext) -> list[Member]:
    """Every 1.9 member of the tree, cluster by cluster."""
    return [m for cluster in ctx.clusters_19 for m in cluster.members]


def initial_hosts_location(m: Member) -> Location:
    """Where the member's ``ha.initial_hosts`` is set (line 1 of its file when unset)."""
    return m.node.where(FileRole.DATABASE, INITIAL_HOSTS_KEY)
