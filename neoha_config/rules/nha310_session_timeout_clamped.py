"""NHA310: ha.zk_session_timeout outside the session timeout range of the ensemble: clamped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.records import dataclass
from neoha_config.registry import Scope, rule
from neoha_config.release import RELEASES, settle
from neoha_config.rules._cluster import mode
from neoha_config.rules._database import file_site
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.facts import SessionBounds
    from neoha_config.topology import HACluster
    from neoha_config.tree import Node

_KEY = "ha.zk_session_timeout"


@rule(
    "NHA310",
    Severity.WARNING,
    Scope.TREE,
    "ha.zk_session_timeout outside [2 x tickTime, 20 x tickTime] of the ensemble: clamped",
    releases="1.3-1.8",  # the releases that ask a ZooKeeper ensemble for a session
)
def session_timeout_clamped(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the ZooKeeper session timeout a database node asks for lies outside the session
    timeout range of a coordinator of the ensemble its cluster uses:
    `[minSessionTimeout, maxSessionTimeout]`, by default `[2 x tickTime, 20 x tickTime]` (only
    `-1` means the default; `0` is a bound of 0). What a node asks for depends on its release:
    1.3 to 1.6 always ask for 5000 ms (they read no `ha.zk_session_timeout`); 1.7 reads
    `ha.zk_session_timeout` as a duration (`ms`, `s` or `m`; a bare number is **seconds**, so
    `5000` is 5000 s); 1.8 reads it as an integer of milliseconds; unset, 1.7 and 1.8 ask for
    5000 ms. Checked only for nodes of a cluster whose ensemble is in the tree, and not for
    nodes in single mode.

    **Why:** the ZooKeeper server silently clamps a requested session timeout into its range.
    The node believes its session lasts what it asked for, but it expires earlier or later.
    With the shipped `tickTime=3000`, the 5000 ms every release asks for by default becomes
    6000 ms. An explicit setting is a warning; the default is reported as `info`. When the
    node's files fit several releases that ask for different timeouts, the finding is reported
    at the level that holds in all of them and names the releases where it differs.

    **How to fix:** choose a timeout inside the range (with a unit on 1.7: `10s`), or adjust
    `tickTime` or `minSessionTimeout`/`maxSessionTimeout` on every coordinator.

    **Example:**

    ```properties
    # coord.cfg: tickTime=3000 -> range 6000..60000 ms
    ha.zk_session_timeout=90000   # reported: becomes 60000 (on 1.7: 90000 s)
    ```
    """
    for cluster in ctx.topology.clusters:
        if cluster.ensemble is not None:
            yield from _cluster(ctx, cluster)


READS_TIMEOUT = ("1.7", "1.8")
"""The releases that read ``ha.zk_session_timeout``; earlier ones ask for 5000 ms."""
WITHOUT_ZOOKEEPER = ("1.9",)
"""The releases whose HA cluster needs no ZooKeeper ensemble."""


@dataclass(frozen=True, slots=True)
class _Ask:
    """The session timeout one release asks for: milliseconds, and whether it was written."""

    millis: int
    explicit: bool


def _asks(node: Node, releases: tuple[str, ...]) -> dict[str, _Ask | None]:
    """What ``node`` asks for in each candidate release; None where the written value does not
    parse there (NHA111). A release whose cluster needs no ZooKeeper (1.9) is left out: the
    node's cluster uses an ensemble, so it runs one of the others."""
    from neoha_config.catalogue import DATABASE, lookup, parse

    site = file_site(node, FileRole.DATABASE, _KEY)
    spec = lookup(DATABASE, _KEY)
    out: dict[str, _Ask | None] = {}
    for release in releases:
        if release in WITHOUT_ZOOKEEPER:
            continue
        if site is None or release not in READS_TIMEOUT or spec is None:
            out[release] = _Ask(DEFAULT_ZK_SESSION_TIMEOUT, False)
        else:
            result = parse(spec, release, site.value)
            value = result.value if result is not None and result.ok else None
            out[release] = _Ask(value, True) if isinstance(value, int) else None
    return out


def _cluster(ctx: CheckContext, cluster: HACluster) -> Iterator[Diagnostic]:
    assert cluster.ensemble is not None
    ens = cluster.ensemble
    bounds = [(c, b) for c in ens.coordinators if (b := ctx.session_bounds(c)) is not None]
    if not bounds:
        return
    for node in cluster.nodes:
        if node.database is None or mode(node) is ServerMode.SINGLE:
            continue
        asks = _asks(node, ctx.releases(node) or RELEASES)
        for coord, bound in bounds:
            outcomes = {r: _level(a, bound) for r, a in asks.items()}
            level, note = settle(outcomes)
            if level is None:
                continue
            # Describe the newest release where the finding holds at the reported level.
            release = [r for r, lv in outcomes.items() if lv is level][-1]
            ask = asks[release]
            assert ask is not None
            clamped = bound.low if ask.millis < bound.low else bound.high
            others = sorted(
                {r for r, a in asks.items() if a is not None and a.millis != ask.millis}
                & {r for r, lv in outcomes.items() if lv is not None}
            )
            if others:
                other = asks[others[0]]
                assert other is not None
                where = "where a bare number is seconds, " if _bare_17(node, others[0]) else ""
                note += f" (on {others[0]}, {where}it asks for {other.millis} ms)"
            yield session_timeout_clamped.diag(
                node.where(FileRole.DATABASE, _KEY),
                f"node {node.name}: {_setting(node, release, ask)}, outside the session "
                f"timeout range {bound.low}..{bound.high} ms of coordinator {coord.name} "
                f"({bound.how}) of {ens.label}: ZooKeeper silently makes it {clamped} ms{note}",
                severity=level,
                node=node.name,
                key=_KEY,
                related=[coord.where(FileRole.COORD, bound.key)],
                group=cluster.label,
            )
            break


def _level(ask: _Ask | None, bound: SessionBounds) -> Severity | None:
    if ask is None or bound.low <= ask.millis <= bound.high:
        return None
    return Severity.WARNING if ask.explicit else Severity.INFO


def _setting(node: Node, release: str, ask: _Ask) -> str:
    """How ``node`` comes to ask for ``ask`` in ``release``, for the message."""
    site = file_site(node, FileRole.DATABASE, _KEY)
    if ask.explicit and site is not None:
        unit = f" (on {release} a bare number is seconds)" if _bare_17(node, release) else ""
        return f"{_KEY}={site.value} asks for {ask.millis} ms{unit}"
    if site is not None:
        return (
            f"{_KEY} is not read by {release}, which asks for {ask.millis} ms like every "
            "release before 1.7"
        )
    return f"{_KEY} is unset, so Neo4j asks for {ask.millis} ms (1.3-1.6 always do)"


def _bare_17(node: Node, release: str) -> bool:
    """True when ``release`` is 1.7 and the node writes the timeout without a unit."""
    site = file_site(node, FileRole.DATABASE, _KEY)
    return release == "1.7" and site is not None and site.value.strip().isdecimal()
