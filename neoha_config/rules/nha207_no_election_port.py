"""NHA207: a participant without an election port, or with its quorum port twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA207",
    Severity.ERROR,
    Scope.NODE,
    "a participant has no election port, or its quorum port equals its election port",
)
def no_election_port(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a participant's `server.N` line has only `host:quorumPort`, or names the same
    port twice (`host:2888:2888`).

    **Why:** ZooKeeper 3.3 needs the election port once there is more than one participant,
    unless `electionAlg=0`: `Missing election port for server: <N>`. ZooKeeper 3.8 rejects a
    two-part line in any ensemble (`<v> does not have the form server_config ...`) and has no
    `electionAlg=0`. Equal ports are rejected by 3.5.9+ with `Client and election port must be
    different! Please update the configuration file on server.<N>`; 3.3 does not check and the
    second listener fails to bind.

    **How to fix:** give each line two different ports, conventionally 2888 and 3888.

    **Example:**

    ```properties
    # bad
    server.2=neo4j-02:2888:2888
    # good
    server.2=neo4j-02:2888:3888
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    name = node.name
    udp = not coord.modern and coord.integer("electionAlg") == 0
    for server, line in coord.participants:
        key, raw = server.entry.key, server.entry.value
        if line.election_port is None:
            if coord.modern:
                yield no_election_port.diag(
                    server.location,
                    f"{key} = {raw!r} has no election port: ZooKeeper 3.8 stops with: "
                    f"{raw} does not have the form server_config or server_config;client_config "
                    "where server_config is the pipe separated list of host:port:port or "
                    "host:port:port:type and client_config is port or host:port",
                    node=name,
                    key=key,
                )
            elif coord.distributed and not udp:
                yield no_election_port.diag(
                    server.location,
                    f"{key} = {raw!r} has no election port: ZooKeeper 3.3 stops with: Missing "
                    f"election port for server: {line.id} (only electionAlg=0 does without; "
                    "3.8 rejects every two-part line)",
                    node=name,
                    key=key,
                )
        elif line.election_port == line.quorum_port:
            yield no_election_port.diag(
                server.location,
                f"{key} = {raw!r}: quorum port equals election port "
                + coord.note(
                    "(ZooKeeper 3.3 does not check it; the second listener fails to bind)",
                    f"(ZooKeeper 3.8 stops with: Client and election port must be different! "
                    f"Please update the configuration file on server.{line.id})",
                ),
                node=name,
                key=key,
            )
