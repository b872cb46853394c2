"""NHA310: ha.zk_session_timeout outside the session timeout range of the ensemble: clamped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import mode
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.topology import HACluster

_KEY = "ha.zk_session_timeout"


@rule(
    "NHA310",
    Severity.WARNING,
    Scope.TREE,
    "ha.zk_session_timeout outside [2 x tickTime, 20 x tickTime] of the ensemble: clamped",
)
def session_timeout_clamped(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a database node's `ha.zk_session_timeout` (milliseconds, Neo4j 1.7+) lies
    outside the session timeout range of a coordinator of the ensemble its cluster uses:
    `[minSessionTimeout, maxSessionTimeout]`, by default `[2 x tickTime, 20 x tickTime]`.
    Checked only for nodes of a cluster whose ensemble is in the tree, and not for nodes in
    single mode.

    **Why:** the ZooKeeper server silently clamps a requested session timeout into its range.
    The node believes its session lasts what it asked for, but it expires earlier or later.
    With the shipped `tickTime=3000`, the 1.7/1.8 default of 5000 ms becomes 6000 ms. An
    explicit setting is a warning; the default is reported as `info`, since releases before
    1.7 have no such setting.

    **How to fix:** choose a timeout inside the range, or adjust `tickTime` or
    `minSessionTimeout`/`maxSessionTimeout` on every coordinator.

    **Example:**

    ```properties
    # coord.cfg: tickTime=3000 -> range 6000..60000 ms
    ha.zk_session_timeout=90000   # reported: becomes 60000
    ```
    """
    for cluster in ctx.topology.clusters:
        if cluster.ensemble is not None:
            yield from _cluster(ctx, cluster)


def _cluster(ctx: CheckContext, cluster: HACluster) -> Iterator[Diagnostic]:
    assert cluster.ensemble is not None
    ens = cluster.ensemble
    bounds = [(c, b) for c in ens.coordinators if (b := ctx.session_bounds(c)) is not None]
    if not bounds:
        return
    for node in cluster.nodes:
        db = node.database
        if db is None or mode(node) is ServerMode.SINGLE:
            continue
        if db.zk_session_timeout is not None:
            timeout, explicit = db.zk_session_timeout, True
        elif db.location(_KEY) is not None:
            continue  # rejected value (NHA111)
        else:
            timeout, explicit = DEFAULT_ZK_SESSION_TIMEOUT, False
        for coord, bound in bounds:
            if bound.low <= timeout <= bound.high:
                continue
            clamped = bound.low if timeout < bound.low else bound.high
            setting = (
                f"{_KEY}={timeout}"
                if explicit
                else f"{_KEY} is unset, so Neo4j 1.7+ asks for {timeout}"
            )
            yield session_timeout_clamped.diag(
                node.where(FileRole.DATABASE, _KEY),
                f"node {node.name}: {setting} ms, outside the session timeout range "
                f"{bound.low}..{bound.high} ms of coordinator {coord.name} ({bound.how}) of "
                f"{ens.label}: ZooKeeper silently makes it {clamped} ms",
                severity=None if explicit else Severity.INFO,
                node=node.name,
                key=_KEY,
                related=[coord.where(FileRole.COORD, bound.key)],
                group=cluster.label,
            )
            break
