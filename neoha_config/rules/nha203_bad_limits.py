"""NHA203: initLimit or syncLimit not an integer, or unset, 0 or negative in a quorum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import parse_java_int
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA203",
    Severity.ERROR,
    Scope.NODE,
    "more than one participant but initLimit or syncLimit missing, non-integer or not positive",
    keys=("initLimit", "syncLimit"),
)
def bad_limits(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the ensemble has more than one participant and `initLimit` or `syncLimit` is
    missing, `0` or negative; or either is not an integer (reported whatever the ensemble,
    since ZooKeeper parses it anyway).

    **Why:** with a quorum ZooKeeper stops with `initLimit is not set` / `syncLimit is not set`
    when the value is 0 (the default). It lets a negative value through the parse, but then no
    quorum ever forms: a new leader gives up at once while `tick > initLimit` holds from the
    first tick (`Waiting for a quorum of followers, only synced with: ...`), a follower's
    socket timeouts `tickTime x initLimit` and `tickTime x syncLimit` are negative, which
    Java's sockets refuse (`timeout can't be negative`), and the leader counts a follower as
    synced only within `tick - syncLimit` (ZooKeeper 3.3.2 `Leader`, `Learner`,
    `LearnerHandler`). A non-integer is a `NumberFormatException`.

    **How to fix:** set both to positive tick counts (Neo4j ships `initLimit=20`,
    `syncLimit=10`), the same on every coordinator (NHA307).

    **Example:**

    ```properties
    # bad
    initLimit=0
    # good
    initLimit=20
    syncLimit=10
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    name = node.name
    quorum = coord.distributed
    count = len(coord.participants)
    for key in ("initLimit", "syncLimit"):
        entry = coord.entry(key)
        if entry is None:
            if quorum:
                yield bad_limits.diag(
                    coord.loc(),
                    f"{count} participants but {key} is not set: ZooKeeper stops with: "
                    f"{key} is not set",
                    node=name,
                    key=key,
                )
            continue
        text = java_trim(entry.value)
        try:
            value = parse_java_int(text)
        except ValueError:
            yield bad_limits.diag(
                coord.loc(key),
                f"{key} = {entry.value!r} is not an integer: ZooKeeper parses it even without a "
                f'quorum and stops with a NumberFormatException: For input string: "{text}"',
                node=name,
                key=key,
            )
            continue
        if quorum and value == 0:
            yield bad_limits.diag(
                coord.loc(key),
                f"{key} = {entry.value!r} with {count} participants: ZooKeeper stops with: "
                f"{key} is not set",
                node=name,
                key=key,
            )
        elif quorum and value < 0:
            yield bad_limits.diag(
                coord.loc(key),
                f"{key} = {entry.value!r} is negative: ZooKeeper accepts it, but a limit is a "
                "positive number of ticks followers get to connect and sync",
                node=name,
                key=key,
            )
