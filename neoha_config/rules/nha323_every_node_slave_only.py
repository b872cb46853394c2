"""NHA323: every node of an HA cluster is slave-only (ha.slave_coordinator_update_mode=none)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._everyone import unanimous

if TYPE_CHECKING:
    from neoha_config.context import CheckContext

_KEY = "ha.slave_coordinator_update_mode"
_RELEASES = frozenset({"1.4", "1.5", "1.6", "1.7", "1.8"})


@rule(
    "NHA323",
    Severity.ERROR,
    Scope.TREE,
    "every node of an HA cluster is slave-only: no node can be elected master",
    releases="1.4-1.8",
)
def every_node_slave_only(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** every database node of one HA cluster (Neo4j 1.4-1.8) sets
    `ha.slave_coordinator_update_mode=none`.

    **Why:** with `none` a node never writes its last committed transaction to ZooKeeper: its
    ZooKeeper client skips the set-up that registers the node as a master candidate (it logs
    `Didn't do setup due to told not to write`), and the master is chosen among the registered
    nodes only. When every node is like that, no candidate exists, no master is ever elected,
    and the cluster takes no writes.

    A lone node, or a cluster whose coordinators are not in the tree, may have peers elsewhere:
    it is reported only under `--complete`.

    **How to fix:** leave `sync` or `async` (the default) on the nodes that may become master;
    use `none` only for dedicated slaves.

    **Example:**

    ```properties
    # db1, good: a master candidate
    #ha.slave_coordinator_update_mode=async
    # db2, db3: slaves only
    ha.slave_coordinator_update_mode=none
    ```
    """
    for found in unanimous(ctx, _KEY, lambda v: v.strip().lower() == "none", _RELEASES):
        first, site = found.lead
        others = found.others
        yield every_node_slave_only.diag(
            site.location,
            f"{_KEY} = {site.value!r} on node {first.name}{others} of {found.cluster.label}: "
            "none of them registers as a master candidate in ZooKeeper, so no master is ever "
            "elected",
            node=first.name,
            key=_KEY,
            related=found.related,
            group=found.cluster.label,
        )
