"""What the cluster rules (NHA3xx) share: majority values, server modes, list sites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from neoha_config.diagnostics import Location
from neoha_config.hosts import Endpoint
from neoha_config.models.plain import ServerMode
from neoha_config.names import SERVER_PREFIX
from neoha_config.topology import coordinator_key
from neoha_config.tree import FileRole, Node

MODE_KEY = SERVER_PREFIX + "database.mode"
T = TypeVar("T", bound=Hashable)


class Odd(NamedTuple, Generic[T]):
    """The members whose endpoint sets differ from the most common one (``odd_sets``), and how
    each endpoint was written (``shown``)."""

    common: frozenset[Endpoint]
    holders: list[T]
    odd: list[tuple[T, frozenset[Endpoint]]]
    total: int
    shown: Mapping[Endpoint, str]

    def show(self, eps: frozenset[Endpoint]) -> str:
        """The endpoints as written, sorted and comma-separated."""
        return ",".join(sorted(self.shown[ep] for ep in eps))

    def difference(self, eps: frozenset[Endpoint]) -> str:
        """``lacks a:1 and has b:2 in addition``: how ``eps`` differs from the common set."""
        diff = []
        if self.common - eps:
            diff.append(f"lacks {self.show(self.common - eps)}")
        if eps - self.common:
            diff.append(f"has {self.show(eps - self.common)} in addition")
        return " and ".join(diff)


def odd_sets(
    listed: Sequence[tuple[T, frozenset[Endpoint]]], shown: Mapping[Endpoint, str]
) -> Odd[T] | None:
    """Of members and the endpoint sets they list, those that differ from the most common set
    (on a tie, the first); None when fewer than two list one or all agree. ``shown`` gives
    each endpoint as written."""
    if len(listed) < 2:
        return None
    common = majority([eps for _, eps in listed])
    holders = [member for member, eps in listed if eps == common]
    if len(holders) == len(listed):
        return None
    odd = [(member, eps) for member, eps in listed if eps != common]
    return Odd(common, holders, odd, len(listed), shown)


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
