"""NHA314: members of one Neo4j 1.9 cluster list different initial hosts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import Endpoint
from neoha_config.names import INITIAL_HOSTS_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import odd_sets
from neoha_config.rules._cluster19 import initial_hosts_location

if TYPE_CHECKING:
    from neoha_config.cluster19 import Cluster19, Member
    from neoha_config.context import CheckContext


@rule(
    "NHA314",
    Severity.WARNING,
    Scope.TREE,
    "members of one Neo4j 1.9 cluster list different ha.initial_hosts",
    releases="1.9",
)
def different_initial_hosts(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the members of one Neo4j 1.9 cluster do not all list the same set of
    `ha.initial_hosts` endpoints (order does not matter; hosts compare as the cluster sees them,
    so `localhost` and `127.0.0.1` are one host). The set most members list is the reference;
    every member that lists another set is reported, with what it lacks and what it adds.

    **Why:** a starting member only contacts the hosts of its own list. A member whose list
    lacks the members that are up cannot join them; after `ha.join_timeout` it forms a
    cluster of its own (with `ha.allow_init_cluster` on, the default): a second master with a
    store that drifts from the real one. Lists that differ are also how a host is left out when
    a member is added or replaced. An entry with an empty host (`:5001`) means the member's own
    machine.

    **How to fix:** give every member the same `ha.initial_hosts`: the cluster endpoints of all
    members.

    **Example:**

    ```properties
    # db1, db2: ha.initial_hosts=db1:5001,db2:5001,db3:5001
    # db3 (reported: lacks db2:5001)
    ha.initial_hosts=db1:5001,db3:5001
    ```
    """
    for cluster in ctx.clusters_19:
        if len(cluster.members) > 1:
            yield from _cluster(cluster)


def _cluster(cluster: Cluster19) -> Iterator[Diagnostic]:
    listed: list[tuple[Member, frozenset[Endpoint]]] = []
    shown: dict[Endpoint, str] = {}
    for m in cluster.members:
        if m.entries is None:
            continue
        found = []
        for entry in m.entries:
            if entry.host is None:
                return  # an empty host on a member of unknown host: the sets cannot be compared
            ep = (entry.host, entry.port)
            shown.setdefault(ep, entry.text)
            found.append(ep)
        listed.append((m, frozenset(found)))
    odd = odd_sets(listed, shown)
    if odd is None:
        return
    show, common, holders = odd.show, odd.common, odd.holders
    ref = holders[0]
    for m, eps in odd.odd:
        diff = odd.difference(eps)
        yield different_initial_hosts.diag(
            initial_hosts_location(m),
            f"{INITIAL_HOSTS_KEY} of node {m.node.name} lists {show(eps)}, but "
            f"{len(holders)} of the {odd.total} members of {cluster.label} (e.g. "
            f"{ref.node.name}) list {show(common)}: {m.node.name} {diff}",
            node=m.node.name,
            key=INITIAL_HOSTS_KEY,
            related=[initial_hosts_location(ref)],
            group=cluster.label,
        )
