"""What the cluster rules (NHA3xx) share: majority values, server modes, list sites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from typing import TypeVar

from neoha_config.diagnostics import Location
from neoha_config.models.plain import ServerMode
from neoha_config.names import SERVER_PREFIX
from neoha_config.topology import coordinator_key
from neoha_config.tree import FileRole, Node

MODE_KEY = SERVER_PREFIX + "database.mode"
T = TypeVar("T", bound=Hashable)


def majority(values: Sequence[T]) -> T:
    """The most common value; on a tie the one that occurs first."""
    counts = Counter(values)
    first: dict[T, int] = {}
    for i, value in enumerate(values):
        first.setdefault(value, i)
    return max(counts, key=lambda v: (counts[v], -first[v]))


def mode(node: Node) -> ServerMode | None:
    """The node's server mode; None without a server file or with a mode NHA101 rejects."""
    server = node.server
    if server is None or (server.mode is None and server.location(MODE_KEY) is not None):
        return None
    return server.effective_mode


def coord_list_location(node: Node) -> tuple[str, Location]:
    """The key of ``node``'s coordinator list (``ha.coordinators`` when unset) and its site."""
    key = coordinator_key(node) or "ha.coordinators"
    return key, node.where(FileRole.DATABASE, key)
