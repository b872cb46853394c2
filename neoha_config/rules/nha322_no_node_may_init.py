"""NHA322: every node of an HA cluster sets ha.allow_init_cluster=false."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._everyone import unanimous

if TYPE_CHECKING:
    from neoha_config.context import CheckContext

_KEY = "ha.allow_init_cluster"
_RELEASES = frozenset({"1.3", "1.4", "1.5", "1.6", "1.7", "1.8"})


@rule(
    "NHA322",
    Severity.WARNING,
    Scope.TREE,
    "every node of an HA cluster sets ha.allow_init_cluster=false: none may create it",
)
def no_node_may_init(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** every database node of one HA cluster (Neo4j 1.3-1.8, coordinator lists sharing
    an endpoint) sets `ha.allow_init_cluster=false`.

    **Why:** when a node finds no cluster under its name on the coordinators, it creates one
    only if `ha.allow_init_cluster` is true (the default); otherwise it stops with
    `Not allowed to create cluster`. With every node forbidden, a fresh ensemble, or one whose
    data was lost, never gets a cluster, and no node starts. A cluster already stored in
    ZooKeeper keeps working, so this is a warning.

    A lone node, or a cluster whose coordinators are not in the tree, may have peers elsewhere:
    it is reported only under `--complete`.

    **How to fix:** let at least one node (the one holding the store to seed the cluster
    from) keep the default, `ha.allow_init_cluster=true`.

    **Example:**

    ```properties
    # db1, good: may create the cluster
    ha.allow_init_cluster=true
    # db2, db3
    ha.allow_init_cluster=false
    ```
    """
    for found in unanimous(ctx, _KEY, lambda v: v.strip().lower() == "false", _RELEASES):
        first, site = found.lead
        others = found.others
        yield no_node_may_init.diag(
            site.location,
            f"{_KEY} = {site.value!r} on node {first.name}{others} of {found.cluster.label}: no "
            "node may create the cluster, so on a fresh ensemble every node stops with: Not "
            "allowed to create cluster",
            node=first.name,
            key=_KEY,
            related=found.related,
            group=found.cluster.label,
        )
