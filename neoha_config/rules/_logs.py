"""What the runtime evidence rules (NHA4xx) share: where a log event is, and how it is quoted."""

from __future__ import annotations

from neoha_config.diagnostics import Location
from neoha_config.logs import LOG_TAIL_BYTES, Event


def where(event: Event) -> Location:
    """The event's location; line 1 when only the tail of a large log was read."""
    return Location(event.path, event.line or 1, 1)


def quote(event: Event) -> str:
    """The event's evidence: its message and timestamp, and why the line is unknown if so."""
    text = f'"{event.message}" at {event.timestamp}'
    if event.line is None:
        text += f", line not counted: only the last {LOG_TAIL_BYTES >> 20} MiB of the log was read"
    return text
