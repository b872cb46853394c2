"""NHA209: minSessionTimeout greater than maxSessionTimeout, as the profile compares them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import DEFAULT_TICK_TIME
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.tree import Node


@rule("NHA209", Severity.ERROR, Scope.NODE, "minSessionTimeout greater than maxSessionTimeout")
def bad_session_timeouts(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `minSessionTimeout` is greater than `maxSessionTimeout`. Under `--zookeeper 3.3`
    also when `minSessionTimeout` is set and `maxSessionTimeout` is not; under
    `--zookeeper 3.8` an unset bound counts as its default (2 x `tickTime`, 20 x `tickTime`).

    **Why:** ZooKeeper stops with `minSessionTimeout must not be larger than
    maxSessionTimeout`. ZooKeeper 3.3 and 3.4 compare the raw values, where an unset bound is
    `-1`, so setting only the minimum always fails there; 3.5 and later apply the defaults
    first.

    **How to fix:** set both bounds, minimum below maximum.

    **Example:**

    ```properties
    # bad (3.3)
    minSessionTimeout=4000
    # good
    minSessionTimeout=4000
    maxSessionTimeout=60000
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    min_entry, max_entry = coord.entry("minSessionTimeout"), coord.entry("maxSessionTimeout")
    if min_entry is None and max_entry is None:
        return
    low, high = coord.integer("minSessionTimeout"), coord.integer("maxSessionTimeout")
    if (min_entry is not None and low is None) or (max_entry is not None and high is None):
        return  # not integers: NHA213 reports them
    bounds = _bounds(coord, low, high)
    if bounds is None:
        return
    eff_low, eff_high, note = bounds
    if eff_low <= eff_high:
        return
    shown_low = f"{low}" if low is not None else f"unset ({eff_low})"
    shown_high = f"{high}" if high is not None else f"unset ({eff_high})"
    key = "minSessionTimeout" if min_entry is not None else "maxSessionTimeout"
    other = max_entry if key == "minSessionTimeout" else None
    yield bad_session_timeouts.diag(
        coord.loc(key),
        f"minSessionTimeout = {shown_low} is larger than maxSessionTimeout = {shown_high} {note}",
        node=node.name,
        key=key,
        related=[coord.facts.at(other)] if other is not None else [],
    )


def _bounds(coord: CoordView, low: int | None, high: int | None) -> tuple[int, int, str] | None:
    """The bounds the profile's ZooKeeper compares, and how it compares them; None when the
    tick is not positive (NHA201 reports the tick itself)."""
    if not coord.modern:
        return (
            -1 if low is None else low,
            -1 if high is None else high,
            "(ZooKeeper 3.3 compares the raw values, an unset bound being -1, and stops with: "
            "minSessionTimeout must not be larger than maxSessionTimeout; 3.5+ apply the "
            "defaults first)",
        )
    tick = coord.integer("tickTime")
    tick = DEFAULT_TICK_TIME if tick is None else tick
    if tick <= 0:
        return None
    return (
        2 * tick if low is None or low == -1 else low,
        20 * tick if high is None or high == -1 else high,
        "(ZooKeeper 3.8 applies the defaults 2 x tickTime and 20 x tickTime first; it stops "
        "with: minSessionTimeout must not be larger than maxSessionTimeout)",
    )
