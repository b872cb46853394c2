"""NHA206: a quorum peer's myid is not the N of any of its server.N lines."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule("NHA206", Severity.ERROR, Scope.NODE, "myid is not one of the server.N ids")
def myid_not_listed(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the coordinator's `myid` is not the `N` of any `server.N` line of its own
    `coord.cfg`, in an ensemble of more than one participant.

    **Why:** the configuration parses, but the coordinator dies at start with
    `java.lang.RuntimeException: My id <N> not in the peer list` (ZooKeeper 3.8 exits within a
    second). A standalone coordinator never consults the list. Ids generated with another
    numbering base (0-based myid, 1-based lines) are the classic cause.

    **How to fix:** make `myid` the number of this machine's own line.

    **Example:**

    ```text
    # coord.cfg: server.1, server.2, server.3
    bad:  myid = 0
    good: myid = 1
    ```
    """
    coord = ctx.coord(node)
    source = node.files.get(FileRole.MYID)
    myid = node.myid
    if coord is None or source is None or myid is None or not coord.distributed:
        return
    servers = coord.servers
    if not servers or myid.value in servers:
        return
    ids = ", ".join(str(i) for i in sorted(servers))
    yield myid_not_listed.diag(
        source.loc(),
        f"myid = {myid.value} is not among the server.N ids of {coord.facts.path} ({ids}): "
        f"ZooKeeper stops at start with: My id {myid.value} not in the peer list",
        node=node.name,
        key="myid",
        related=[server.location for server, _ in coord.lines],
    )
