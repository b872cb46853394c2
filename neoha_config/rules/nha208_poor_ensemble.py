"""NHA208: one, two or an even number of participants: poor fault tolerance."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA208",
    Severity.WARNING,
    Scope.NODE,
    "ensemble size gives poor fault tolerance (1, 2 or an even number of participants)",
)
def poor_ensemble(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `coord.cfg` has one participant `server.N` line, two, or an even number.

    **Why:** with one line ZooKeeper logs `Invalid configuration, only one server specified
    (ignoring)` and runs standalone: Neo4j's shipped `coord.cfg` is like this, and a cluster
    whose machines each run it has as many separate coordinators as machines, so every
    database elects itself master (split brain). Two participants tolerate no failure
    (`No server failure will be tolerated. You need at least 3 servers.`); an even number
    tolerates no more failures than one less. ZooKeeper 3.3 logs `Non-optimial
    configuration, consider an odd number of servers.` (its own spelling), 3.4 and later
    `Non-optimal configuration, consider an odd number of servers.`; each message is quoted
    as the profile's ZooKeeper prints it.

    A lone `server.1` in a coordinator that nothing shows to run (no `myid`, no other
    `server.N`, no database node listing its client endpoint) is the stock `coord.cfg` every
    1.3-1.8 home ships, left in a home copied for a database instance: it is never started,
    and is not reported.

    **How to fix:** run 3, 5 or 7 coordinators, and list all of them in every `coord.cfg`.

    **Example:**

    ```properties
    # bad: alone
    server.1=localhost:2888:3888
    # good
    server.1=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888
    server.3=neo4j-03:2888:3888
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    participants = coord.participants
    count = len(participants)
    if count == 0 or (count % 2 == 1 and count >= 3):
        return
    if count == 1:
        if not ctx.coordinator_live(node):
            return  # a stock coord.cfg left in a copied home: never started
        if coord.distributed:
            why = "a one-member quorum (standaloneEnabled=false) tolerates no failure"
        else:
            why = (
                "with a single server line ZooKeeper runs standalone (3.3 logs: Invalid "
                "configuration, only one server specified (ignoring)), so coordinators of other "
                "machines form no ensemble with it"
            )
    elif count == 2:
        why = (
            "two participants tolerate no failure (No server failure will be tolerated. You "
            "need at least 3 servers.)"
        )
    else:
        # 3.3 misspells its own warning; quote each release as it prints it.
        spelling = coord.note("Non-optimial", "Non-optimal")
        zookeeper = coord.note("ZooKeeper 3.3 logs: ", "ZooKeeper logs: ")
        why = (
            f"an even number tolerates no more failures than {count - 1} ({zookeeper}"
            f"{spelling} configuration, consider an odd number of servers.)"
        )
    first, _ = participants[0]
    yield poor_ensemble.diag(
        first.location,
        f"{count} participant server.N line(s): {why}; use 3, 5 or 7",
        node=node.name,
        key=first.entry.key,
        related=[server.location for server, _ in participants[1:]],
    )
