"""Database node rules on addresses: duplicate coordinator (NHA106)."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.values import HostPort
from neoha_config.registry import define
from neoha_config.rules._dbsite import COORD_KEYS, find_site
from neoha_config.tree import FileRole, Node

DUPLICATE_COORDINATOR = define(
    "NHA106",
    Severity.WARNING,
    "coordinator list names the same endpoint twice",
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
    """,
)


def find_duplicate_coordinators(node: Node) -> Iterator[Diagnostic]:
    """NHA106: an endpoint named twice in the node's coordinator list(s). Raises nothing."""
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, endpoints in (
        (COORD_KEYS[0], db.coordinators),
        (COORD_KEYS[1], db.zoo_keeper_servers),
    ):
        site = find_site(source, key)
        if not endpoints or site is None:
            continue
        seen: dict[tuple[str, int], HostPort] = {}
        for endpoint in endpoints:
            ident = (topology.host_key(endpoint.host), endpoint.port)
            earlier = seen.get(ident)
            if earlier is None:
                seen[ident] = endpoint
                continue
            same = "" if str(earlier) == str(endpoint) else f" (the same endpoint as {earlier})"
            yield DUPLICATE_COORDINATOR.diag(
                site.location,
                f"{key} = {site.value!r}: names {endpoint}{same} twice; another coordinator "
                "was probably meant",
                node=node.name,
                key=key,
            )
