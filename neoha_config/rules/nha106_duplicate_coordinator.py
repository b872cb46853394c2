"""NHA106: a coordinator list that names one endpoint twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity, clip
from neoha_config.hosts import host_key
from neoha_config.models.plain import HostPort
from neoha_config.names import COORD_KEYS
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA106",
    Severity.WARNING,
    Scope.NODE,
    "coordinator list names the same endpoint twice",
)
def duplicate_coordinator(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the coordinator list holds one `host:port` twice (host names compared
    case-insensitively; `localhost`, `127.0.0.0/8` and `::1` are one host).

    **Why:** the ZooKeeper client only tries the same address twice; it is almost always a
    copy-and-paste slip where another coordinator was meant, so that coordinator is missing
    and the node loses failover to it.

    **How to fix:** name each coordinator once, and check that none is missing (NHA304).

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-01:2181
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, endpoints in (
        (COORD_KEYS[0], db.coordinators),
        (COORD_KEYS[1], db.zoo_keeper_servers),
    ):
        site = source.site(key)
        if not endpoints or site is None:
            continue
        seen: dict[tuple[str, int], HostPort] = {}
        twice: list[str] = []
        for endpoint in endpoints:
            ident = (host_key(endpoint.host), endpoint.port)
            earlier = seen.get(ident)
            if earlier is None:
                seen[ident] = endpoint
                continue
            same = "" if str(earlier) == str(endpoint) else f" (the same endpoint as {earlier})"
            twice.append(f"{endpoint}{same}")
        if not twice:
            continue
        # One finding a key, however many repeats: the message stays as small as the list.
        shown = ", ".join(twice[:_SHOWN])
        if len(twice) > _SHOWN:
            shown += f" and {len(twice) - _SHOWN} more"
        yield duplicate_coordinator.diag(
            site.location,
            f"{key} = {clip(site.value)}: names {shown} twice; another coordinator was "
            "probably meant",
            node=node.name,
            key=key,
        )


_SHOWN = 5
