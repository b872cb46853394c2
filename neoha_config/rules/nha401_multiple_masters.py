"""NHA401: more than one node of one HA cluster last started as master."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._logs import quote, where

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.logs import Event
    from neoha_config.tree import Node


@rule(
    "NHA401",
    Severity.ERROR,
    Scope.TREE,
    "more than one node of one HA cluster last started as master and was not shut down",
)
def multiple_masters(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the `messages.log` of two or more database nodes of one HA cluster (same
    `ha.cluster_name`, coordinator lists that share an endpoint) ends its newest start with
    `Started as master`, and no `Shutdown[<id>]` record follows it.

    **Why:** an HA cluster has exactly one master; every write goes through it. Two masters
    mean split brain: each accepts writes the other never sees, and the stores branch. The usual
    cause is coordinators that do not form one ensemble (a single-line `coord.cfg` on every
    machine makes each coordinator standalone, so each database elects itself).

    **How to fix:** make every `coord.cfg` carry the same `server.N` block and every node list
    the same coordinators (see NHA208, NHA302 to NHA305), then restart the extra masters so they
    rejoin as slaves. Keep the store of the master whose writes you want; the others may have
    branched data.

    The check reads only the newest part of each log (the last 1 MiB of a file) and counts a
    node only when its newest start record is a completed `Started as master` with no
    `Shutdown[<id>], …` record after it (1.3-1.8 log that line when the database stops; a master
    that was stopped and replaced by a new master is a normal failover). A log cannot tell a
    running master from one that crashed (a crash writes no `Shutdown[`), so the finding says
    the cluster *may* have two masters: check which instances are running.

    **Example:** (two nodes of cluster `neo4j.ha`)

    ```text
    db1/data/graph.db/messages.log:  2012-07-01 10:00:00.123+0000: Started as master
    db2/data/graph.db/messages.log:  2012-07-01 10:05:00.456+0000: Started as master
    ```

    reports `db2`: every master but the earliest to start is reported, with the other masters'
    lines as related sites.
    """
    masters_anywhere = 0
    for node in ctx.tree.nodes:
        facts = ctx.log_facts(node)
        if facts is not None and facts.role == "master" and not facts.stopped:
            masters_anywhere += 1
    # The topology is only needed, and only built, when two nodes claim to be master.
    if masters_anywhere < 2:
        return
    for cluster in ctx.topology.clusters:
        masters: list[tuple[Node, Event]] = []
        for node in cluster.nodes:
            facts = ctx.log_facts(node)
            last = facts.last_start if facts is not None else None
            if facts is None or facts.stopped or last is None:
                continue
            if facts.role == "master":
                masters.append((node, last))
        if len(masters) < 2:
            continue
        keep = _first_master(masters)
        for node, event in masters:
            if node is keep:
                continue
            others = [(n, e) for n, e in masters if n is not node]
            names = ", ".join(n.name for n, _ in others)
            yield multiple_masters.diag(
                where(event),
                f"node {node.name} last started as master ({quote(event)}) with no "
                f"Shutdown[<id>] record after it, and so did {names} of the same HA cluster: "
                f"the cluster may have {len(masters)} masters (split brain), unless all but "
                "one crashed",
                node=node.name,
                related=[where(e) for _, e in others],
                group=cluster.label or cluster.name,
            )


def _first_master(masters: list[tuple[Node, Event]]) -> Node:
    """The master that is not reported: the earliest to start when every time compares (all
    with a zone offset, or all without), else the first in cluster order."""
    timed = [(e.when, i) for i, (_, e) in enumerate(masters) if e.when is not None]
    if len(timed) != len(masters) or len({when.tzinfo is None for when, _ in timed}) != 1:
        return masters[0][0]
    return masters[min(timed)[1]][0]
