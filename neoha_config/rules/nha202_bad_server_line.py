"""NHA202: a server.N line whose id, form, host, ports or peer type ZooKeeper rejects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule("NHA202", Severity.ERROR, Scope.NODE, "server.N malformed")
def bad_server_line(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a `server.N` line whose `N` is not an integer, whose value is not
    `host:quorumPort[:electionPort[:participant|observer]]`, whose host is not a valid name or
    address, whose ports are not integers in 1 to 65535, or whose fourth field is not
    `participant` or `observer` (any case). Under `--zookeeper 3.3` the 3.4+ forms are errors
    too: `[IPv6]:port:port` (3.3 splits it on every `:` and silently drops the line) and the
    3.5+ `;clientPort` suffix (a `NumberFormatException` in 3.3).

    **Why:** ZooKeeper reads `N` with `Long.parseLong` and the ports with
    `Integer.parseInt`; 3.3 logs `<v> does not have the form host:port or host:port:port  or
    host:port:port:type`, 3.8 rejects the line with `<v> does not have the form server_config
    or server_config;client_config ...` or `Address unresolved: <host>:<port>`, and an unknown
    type stops both with `Unrecognised peertype: <value>`. A line of two parts (no election
    port) is reported as NHA207, which says what is missing.

    **How to fix:** write every line as `server.<id>=<host>:<quorum port>:<election port>`,
    the same block in every coordinator's `coord.cfg`.

    **Example:**

    ```properties
    # bad
    server.one=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888:voter
    # good
    server.1=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    for server in coord.facts.servers:
        key, raw = server.entry.key, server.entry.value
        if server.id is None:
            yield bad_server_line.diag(
                server.location,
                f"{key} = {raw!r}: the server id {key[len('server.') :]!r} is not an integer "
                "(ZooKeeper stops: NumberFormatException)",
                node=node.name,
                key=key,
            )
        elif not coord.modern and server.modern_only():
            ipv6 = java_trim(raw).startswith("[")
            form = "an [IPv6] address" if ipv6 else "a ;clientPort suffix"
            effect = (
                "splits it on every ':' and ignores the line"
                if ipv6
                else "fails with a NumberFormatException"
            )
            yield bad_server_line.diag(
                server.location,
                f"{key} = {raw!r} uses {form}, a ZooKeeper 3.4+/3.5+ form: ZooKeeper 3.3 "
                f"{effect} (use --zookeeper 3.8 for a modern ensemble)",
                node=node.name,
                key=key,
            )
        elif server.error is not None:
            yield bad_server_line.diag(
                server.location,
                f"{key} = {raw!r}: {_strip_quoted(server.error, java_trim(raw))}",
                node=node.name,
                key=key,
            )


def _strip_quoted(message: str, value: str) -> str:
    """The model's reason without its leading copy of the value."""
    prefix = repr(value) + " "
    return message[len(prefix) :] if message.startswith(prefix) else message
