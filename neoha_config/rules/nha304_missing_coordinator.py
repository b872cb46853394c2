"""NHA304: a coordinator of the ensemble is missing from a database node's coordinator list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.facts import client_location
from neoha_config.hosts import Endpoint, endpoint, format_endpoint, host_key
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import coord_list_location
from neoha_config.topology import coordinator_entries

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA304",
    Severity.WARNING,
    Scope.TREE,
    "a coordinator of the ensemble is missing from a database node's coordinator list",
)
def missing_coordinator(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a coordinator of the ensemble that a database node's cluster uses is in the
    checked tree, its client endpoint is known, and the node's coordinator list does not name
    it.

    **Why:** the ZooKeeper client only ever connects to the coordinators on its list. The
    ensemble keeps working when an unlisted member fails, but a node whose listed coordinators
    are all down loses its session although a quorum is still up. The tutorial lists every
    coordinator on every node.

    **How to fix:** add `host:clientPort` of every coordinator to the list. A coordinator whose
    host already has a wrong entry in the list (NHA303) is not reported again.

    **Example:**

    ```properties
    # ensemble zk1, zk2, zk3 (clientPort 2181)
    ha.coordinators=zk1:2181,zk2:2181   # reported: lacks zk3:2181
    ```
    """
    for cluster in ctx.topology.clusters:
        ens = cluster.ensemble
        if ens is None:
            continue
        facts = ctx.ensemble_facts(ens)
        for node in cluster.nodes:
            entries = coordinator_entries(node)
            if not entries:
                continue
            listed: set[Endpoint] = {endpoint(hp.host, hp.port) for hp in entries}
            # A host with a wrong entry is NHA303's: its coordinator is not missing, but
            # misspelt.
            wrong_hosts = {
                host_key(hp.host)
                for hp in entries
                if facts.not_client(hp.host, hp.port) is not None
            }
            missing = [
                (ep, coord)
                for ep, coord in ens.client_endpoints.items()
                if ep not in listed and ep[0] not in wrong_hosts
            ]
            if not missing:
                continue
            key, loc = coord_list_location(node)
            shown = ", ".join(f"{c.name} ({format_endpoint(ep)})" for ep, c in missing)
            yield missing_coordinator.diag(
                loc,
                f"{key} of node {node.name} does not list {_count(len(missing), 'coordinator')} "
                f"of {ens.label}, which {cluster.label} uses: {shown}; the node cannot fail "
                "over to unlisted coordinators",
                node=node.name,
                key=key,
                related=[client_location(c) for _, c in missing],
                group=cluster.label,
            )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
