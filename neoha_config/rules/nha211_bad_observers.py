"""NHA211: observers without a voting quorum, or a peerType ZooKeeper does not know."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.tree import Node


@rule(
    "NHA211",
    Severity.ERROR,
    Scope.NODE,
    "observers without participants, or peerType other than participant/observer",
    keys=("peerType",),
)
def bad_observers(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `server.N` lines name observers but no participant, or only one, or `peerType` is
    neither `participant` nor `observer` (any case).

    **Why:** ZooKeeper 3.3 and 3.8 alike stop with `Observers w/o participants is an invalid
    configuration`, or `Observers w/o quorum is an invalid configuration` with a single
    participant; observers only follow a quorum that votes. An unknown `peerType` stops it
    with `Unrecognised peertype: <value>`.

    **How to fix:** keep at least three participants, and spell `peerType` `observer` or
    `participant`.

    **Example:**

    ```properties
    # bad
    peerType=follower
    # good
    peerType=observer
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    yield from _peer_type(node, coord)
    observers = coord.observers
    if not observers:
        return
    count = len(coord.participants)
    if count == 0:
        message = "Observers w/o participants is an invalid configuration"
    elif count == 1:
        message = "Observers w/o quorum is an invalid configuration"
    else:
        return
    first, _ = observers[0]
    yield bad_observers.diag(
        first.location,
        f"{len(observers)} observer line(s) but {count} participant(s): ZooKeeper stops with: "
        f"{message}",
        node=node.name,
        key=first.entry.key,
        related=[server.location for server, _ in observers[1:]],
    )


def _peer_type(node: Node, coord: CoordView) -> Iterator[Diagnostic]:
    """A ``peerType`` other than participant or observer (any case)."""
    entry = coord.entry("peerType")
    if entry is None:
        return
    text = java_trim(entry.value)
    if text.lower() not in ("participant", "observer"):
        yield bad_observers.diag(
            coord.loc("peerType"),
            f"peerType = {entry.value!r} is not 'participant' or 'observer': ZooKeeper "
            f"stops with: Unrecognised peertype: {text}",
            node=node.name,
            key="peerType",
        )
