"""What the runtime evidence rules (NHA4xx) share: where a log event is, and how it is quoted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.diagnostics import Location
from neoha_config.logs import LOG_TAIL_BYTES, Event

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


def where(event: Event) -> Location:
    """The event's location; line 1 when only the tail of a large log was read."""
    return Location(event.path, event.line or 1, 1)


def quote(event: Event) -> str:
    """The event's evidence: its message and timestamp, and why the line is unknown if so."""
    text = f'"{event.message}" at {event.timestamp}'
    if event.line is None:
        text += f", line not counted: only the last {LOG_TAIL_BYTES >> 20} MiB of the log was read"
    return text


def same_machine_id(ctx: CheckContext, node: Node) -> Node | None:
    """Another database node of ``node``'s HA cluster with the same effective machine id.

    Computed from the topology (the situation of NHA301); None when the node has no id or no
    other node of its cluster shares it.
    """
    mine = node.database.effective_server_id if node.database is not None else None
    if mine is None:
        return None
    for cluster in ctx.topology.clusters:
        if not any(member is node for member in cluster.nodes):
            continue
        for other in cluster.nodes:
            if other is node or other.database is None:
                continue
            if other.database.effective_server_id == mine:
                return other
    return None
