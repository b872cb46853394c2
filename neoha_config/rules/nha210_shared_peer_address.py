"""NHA210: two server.N lines share one host:port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import host_key
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import ServerEntry
    from neoha_config.tree import Node


@rule("NHA210", Severity.ERROR, Scope.NODE, "two server.N lines share one host:port")
def shared_peer_address(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two `server.N` lines use one `host:port` (a quorum or election port of one line
    equal to a port of another on the same host; `localhost`, `127.0.0.0/8` and `::1` are one
    host, names compare case-insensitively).

    **Why:** ZooKeeper does not check it; each peer binds its ports at start, and the second
    peer on that host fails to bind, or dials itself instead of the other. This is common when
    three coordinators run on one machine and a line was copied without changing its ports.

    **How to fix:** give co-located peers distinct quorum and election ports (the tutorial uses
    2888:3888, 2889:3889, 2890:3890).

    **Example:**

    ```properties
    # bad
    server.1=localhost:2888:3888
    server.2=localhost:2888:3889
    # good
    server.1=localhost:2888:3888
    server.2=localhost:2889:3889
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    seen: dict[tuple[str, int], ServerEntry] = {}
    for server, line in coord.lines:
        host = host_key(line.host)
        ports = [line.quorum_port]
        if line.election_port is not None and line.election_port != line.quorum_port:
            ports.append(line.election_port)
        reported: set[int] = set()
        for port in ports:
            earlier = seen.get((host, port))
            if earlier is None:
                seen[(host, port)] = server
                continue
            if id(earlier) in reported:
                continue
            reported.add(id(earlier))
            yield shared_peer_address.diag(
                server.location,
                f"{server.entry.key} = {server.entry.value!r} uses {line.host}:{port}, as does "
                f"{earlier.entry.key} = {earlier.entry.value!r}: the second peer on that host "
                "cannot bind it",
                node=node.name,
                key=server.entry.key,
                related=[earlier.location],
            )
