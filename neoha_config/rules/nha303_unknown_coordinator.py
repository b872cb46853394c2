"""NHA303: a coordinator list entry matches no client endpoint of the ensemble in the tree."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.facts import client_location
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location
from neoha_config.topology import client_endpoint, coordinator_entries

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.facts import EnsembleFacts, NotClient


@rule(
    "NHA303",
    Severity.ERROR,
    Scope.TREE,
    "a coordinator list entry matches no client endpoint of the ensemble in the tree",
)
def unknown_coordinator(ctx: CheckContext) -> Iterator[Diagnostic]:
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
    """
    for cluster in ctx.topology.clusters:
        if cluster.ensemble is None:
            continue
        facts = ctx.ensemble_facts(cluster.ensemble)
        for node in cluster.nodes:
            entries = coordinator_entries(node)
            if not entries:
                continue
            key, loc = coord_list_location(node)
            for hp in entries:
                why = facts.not_client(hp.host, hp.port)
                if why is None:
                    continue
                text, related = _explain(facts, why, hp.host, hp.port)
                yield unknown_coordinator.diag(
                    loc,
                    f"{key} of node {node.name} lists {hp}, {text}",
                    node=node.name,
                    key=key,
                    related=related,
                    group=cluster.label,
                )


def _explain(
    facts: EnsembleFacts, why: NotClient, host: str, port: int
) -> tuple[str, list[Location]]:
    """The message's reason and the related sites of an entry that is no client endpoint."""
    label = facts.ensemble.label
    peer = why.peer
    if peer is not None:
        where = f"server.{peer.line.id}"
        owner = peer.coordinator
        client = client_endpoint(owner) if owner is not None else None
        if owner is not None and client is not None:
            return (
                f"but {port} is the {peer.what} of {where} (coordinator {owner.name}) of "
                f"{label}, not a client port; {owner.name} takes clients on {host}:{client[1]}",
                [peer.location, client_location(owner)],
            )
        return (
            f"but {port} is the {peer.what} of {where} of {label}, not a client port: "
            "list the clientPort of that coordinator",
            [peer.location],
        )
    coordinators = why.coordinators
    ports_there = ", ".join(
        f"{cep[1]} ({c.name})" for c in coordinators if (cep := client_endpoint(c)) is not None
    )
    return (
        f"but no coordinator of {label} takes clients on port {port} of that host "
        f"(client ports there: {ports_there or 'unknown'})",
        [client_location(coordinators[0])],
    )
