"""NHA404: the log shows an HA failure message of Neo4j 1.3-1.8."""

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

# What each failure of neoha_config.logs.FAILURES means, and whether the node stops (error)
# or may go on (warning).
_MEANING: dict[str, tuple[Severity, str]] = {
    "branched-data": (
        Severity.ERROR,
        "the store's transaction history differs from the master's (branched data); the "
        "database shuts down: replace its store with a copy of the master's",
    ),
    "broken-store": (
        Severity.ERROR,
        "the store disagrees with the master about a committed transaction (1.3 calls branched "
        "data a broken store); the database shuts down: replace its store with a copy of the "
        "master's",
    ),
    "store-id-mismatch": (
        Severity.ERROR,
        "the local store is not the store of the cluster registered in ZooKeeper (another "
        "cluster's store, or a store created alone); the database does not start: use a copy "
        "of the cluster's store, or a cluster name or ensemble of its own",
    ),
    "not-allowed-to-create-cluster": (
        Severity.ERROR,
        "ZooKeeper holds no cluster yet and ha.allow_init_cluster=false forbids this node to "
        "create it; the database does not start until a node that may create it has started",
    ),
    "multiple-roots": (
        Severity.ERROR,
        "the ensemble holds the roots of two clusters (before 1.6 one ensemble serves one "
        "cluster); the database does not start: give each cluster its own ensemble",
    ),
    "bind-failed": (
        Severity.ERROR,
        "the HA server port (ha.server) is taken by another process; the database does not "
        "start as master",
    ),
    "zookeeper-timeout": (
        Severity.WARNING,
        "no coordinator of ha.coordinators answered within the session timeout; check that "
        "the coordinators run and are reachable from this host",
    ),
    "zookeeper-client": (
        Severity.ERROR,
        "the ZooKeeper client could not be created from ha.coordinators (a host that does not "
        "resolve, a malformed list); the database does not start",
    ),
}


@rule(
    "NHA404",
    Severity.ERROR,
    Scope.NODE,
    "the log shows an HA failure message since the node's last completed start",
)
def ha_failure_logged(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a node's `messages.log` shows, after its newest `Started as …` record (or
    anywhere in the part read, when it has none), one of the HA failure messages of Neo4j
    1.3-1.8, as a record or as the exception line of a record's stack trace:

    | Message (start of) | Severity |
    |---|---|
    | `Branched data, I (machineId:` | error |
    | `Broken store, I (machineId:`, `Broken store, my last committed tx` (1.3) | error |
    | `StoreId in database doesn't match that of the ZK cluster` | error |
    | `Not allowed to create cluster` | error |
    | `Multiple roots found` | error |
    | `Failed to bind master server to port` | error |
    | `Unable to create zoo keeper client` | error |
    | `Connection to ZooKeeper server timed out` | warning |

    **Why:** each is the database's own report of an HA failure. All but the ZooKeeper time-out
    stop the database (it shuts down or does not start); a time-out may pass once the
    coordinators answer. A failure before a later successful start is history and is not
    reported. Many of these have a cause in the checked files: `ha.allow_init_cluster=false`
    on every node, two clusters sharing one ensemble, a port clash, an unusable coordinator
    list.

    **How to fix:** as the finding says for its message; then restart the node and check
    that its log ends in `Started as master` or `Started as slave`. One finding is reported
    per message kind and node, at its newest line.

    **Example:**

    ```text
    # ha.allow_init_cluster=false on every node, fresh ensemble
    2012-07-01 10:00:04.000+0000: Starting[2] as slave
    java.lang.RuntimeException: Not allowed to create cluster
        at org.neo4j.kernel.ha.zookeeper.ZooClient.getRootPath(ZooClient.java:560)
    ```
    """
    facts = ctx.log_facts(node)
    if facts is None or not facts.failures:
        return
    newest: dict[str, tuple[int, Event]] = {}
    counts: dict[str, int] = {}
    for index, event in enumerate(facts.failures_since_start()):
        key = event.failure
        if key is None or key not in _MEANING:
            continue
        newest[key] = (index, event)
        counts[key] = counts.get(key, 0) + 1
    for key, (_, event) in sorted(newest.items(), key=lambda item: item[1][0]):
        severity, meaning = _MEANING[key]
        times = "" if counts[key] == 1 else f" ({counts[key]} times)"
        yield ha_failure_logged.diag(
            where(event),
            f"node {node.name}: the log shows {quote(event)}{times}: {meaning}",
            node=node.name,
            severity=severity,
        )
