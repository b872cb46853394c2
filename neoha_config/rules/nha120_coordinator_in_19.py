"""NHA120: a Neo4j 1.9 member carries coordinator settings or a coord.cfg."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import COORD_KEYS, INITIAL_HOSTS_KEY
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA120",
    Severity.INFO,
    Scope.NODE,
    "a Neo4j 1.9 member sets a coordinator list or has a coord.cfg: 1.9 runs no coordinator",
    releases="1.9",
)
def coordinator_in_19(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a database node whose files say Neo4j 1.9 sets `ha.coordinators` (or the older
    `ha.zoo_keeper_servers`), or its home holds a `conf/coord.cfg`.

    **Why:** 1.9 replaced the coordinators with its own cluster protocol: members find each
    other through `ha.initial_hosts`, 1.9 ships no `coord.cfg` and no coordinator script, and
    its cluster settings (`ClusterSettings`) name no coordinator. A coordinator list matters at
    most during the rolling upgrade from a running 1.8 cluster (the coordinators keep running
    until the last member is upgraded, then are removed). Left in place after that it is
    inert, and a `coord.cfg` in a 1.9 home is a file nothing starts, usually a leftover of the
    upgrade or of a home copied from an older release. It is a note, not a fault.

    **How to fix:** once every member runs 1.9, remove the coordinator list and the
    coordinator's files (`coord.cfg`, `data/coordinator/myid`), and make sure
    `ha.initial_hosts` lists the members' cluster endpoints.

    **Example:**

    ```properties
    # db1/conf/neo4j.properties (a 1.9 member)
    ha.server_id=1
    ha.initial_hosts=db1:5001,db2:5001,db3:5001
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181   # noted: 1.9 runs no coordinator
    ```
    """
    if not ctx.is_19(node):
        return
    source = node.files.get(FileRole.DATABASE)
    for key in COORD_KEYS:
        site = source.site(key) if source is not None else None
        if site is None:
            continue
        yield coordinator_in_19.diag(
            site.location,
            f"{key} is set on node {node.name}, a Neo4j 1.9 member: 1.9 members find each "
            f"other through {INITIAL_HOSTS_KEY} and run no coordinator; the list matters only "
            "during the rolling upgrade from a running 1.8 cluster",
            node=node.name,
            key=key,
        )
    coord = node.files.get(FileRole.COORD)
    if coord is not None:
        yield coordinator_in_19.diag(
            coord.loc(),
            f"{coord.display} is in node {node.name}, a Neo4j 1.9 member: 1.9 ships and starts "
            "no coordinator, so nothing runs this file",
            node=node.name,
        )
