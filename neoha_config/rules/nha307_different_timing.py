"""NHA307: coordinators of one ensemble differ in tickTime, initLimit or syncLimit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import majority
from neoha_config.topology import Ensemble
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA307",
    Severity.WARNING,
    Scope.TREE,
    "coordinators of one ensemble differ in tickTime, initLimit or syncLimit",
)
def different_timing(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the coordinators of one ensemble set `tickTime` (3000 unless set), `initLimit`
    or `syncLimit` to different values.

    **Why:** ZooKeeper tolerates it, but the limits are counted in ticks of the leader, and
    session timeout bounds (2 and 20 ticks) then depend on which member a client reaches:
    behaviour changes with every leader election. Keep the timing identical across the
    ensemble.

    **How to fix:** use the value most coordinators use on all of them; each coordinator that
    differs is reported at its setting, with a coordinator of the common value as related site.
    Unset `initLimit`/`syncLimit` are NHA203's business and not compared here.

    **Example:**

    ```properties
    # zk1, zk2: tickTime=2000   zk3: tickTime=3000 (reported)
    ```
    """
    for ens in ctx.topology.ensembles:
        if len(ens.coordinators) > 1:
            for attr, key in _TIMING:
                yield from _setting(ens, attr, key)


_TIMING = (("tick_time", "tickTime"), ("init_limit", "initLimit"), ("sync_limit", "syncLimit"))


def _setting(ens: Ensemble, attr: str, key: str) -> Iterator[Diagnostic]:
    values: list[tuple[Node, int, bool]] = []
    for node in ens.coordinators:
        coord = node.coord
        if coord is None:
            continue
        value = getattr(coord, attr)
        if value is None:
            if key != "tickTime" or coord.location(key) is not None:
                continue  # unset limits are NHA203's, rejected values NHA201's
            values.append((node, coord.effective_tick_time, True))
        else:
            values.append((node, value, False))
    if len(values) < 2:
        return
    common = majority([v for _, v, _ in values])
    holders = [n for n, v, _ in values if v == common]
    if len(holders) == len(values):
        return
    ref = holders[0]
    for node, value, default in values:
        if value == common:
            continue
        setting = f"{key} is unset ({value})" if default else f"{key}={value}"
        yield different_timing.diag(
            node.where(FileRole.COORD, key),
            f"coordinator {node.name}: {setting}, but {len(holders)} of the {len(values)} "
            f"coordinators of {ens.label} (e.g. {ref.name}) use {key}={common}",
            node=node.name,
            key=key,
            related=[ref.where(FileRole.COORD, key)],
            group=ens.label,
        )
