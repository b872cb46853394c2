"""NHA202: a server.N line whose id, form, host, ports or peer type ZooKeeper rejects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import Reading33
    from neoha_config.tree import Node


@rule("NHA202", Severity.ERROR, Scope.NODE, "server.N malformed")
def bad_server_line(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a `server.N` line whose `N` is not an integer, or whose value the profile's
    ZooKeeper rejects or drops. Under `--zookeeper 3.3` the value is read as ZooKeeper 3.3.2's
    `QuorumPeerConfig` reads it: trimmed, then split with Java's `String.split(":")`, which
    drops trailing empty parts (so `zk1:2888:3888:` is accepted as `zk1:2888:3888`), and each
    port parsed untrimmed with `Integer.parseInt` (so `zk1: 2888:3888` and `zk1:2888 :3888`
    are rejected). An empty host (`:2888:3888`) is accepted: Java resolves it to loopback.
    The 3.4+ forms are errors there: `[IPv6]:port:port` splits into five or more parts, and
    3.3 stops with a `NumberFormatException` (for `[::1]` the port text is empty) or, when
    the second part happens to be a number, logs the line and ignores it; the 3.5+
    `;clientPort` suffix makes the election port a non-integer. Under `--zookeeper 3.8` the
    value is `host:quorumPort[:electionPort[:participant|observer]][;clientPort]`, with
    `[IPv6]` hosts. In both profiles the host must be a valid name or address, the ports
    integers in 1 to 65535 and the fourth field `participant` or `observer` (any case).

    **Why:** ZooKeeper reads `N` with `Long.parseLong` and the ports with
    `Integer.parseInt`; 3.3 logs `<v> does not have the form host:port or host:port:port  or
    host:port:port:type` for more than four parts and goes on without the line, stops with
    `java.lang.NumberFormatException: For input string: "<part>"` for a port that is not an
    integer, 3.8 rejects the line with `<v> does not have the form server_config or
    server_config;client_config ...` or `Address unresolved: <host>:<port>`, and an unknown
    type stops both with `Unrecognised peertype: <value>`. A host 3.3 cannot resolve, or port
    0, parse, but no other server can reach that one. A line of two parts (no election port)
    is reported as NHA207, which says what is missing.

    **How to fix:** write every line as `server.<id>=<host>:<quorum port>:<election port>`,
    without blanks, the same block in every coordinator's `coord.cfg`.

    **Example:**

    ```properties
    # bad
    server.one=neo4j-01:2888:3888
    server.2=neo4j-02: 2888:3888
    server.3=neo4j-03:2888:3888:voter
    # good
    server.1=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888
    server.3=neo4j-03:2888:3888
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    from neoha_config.models.coordfacts import read_33

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
        elif not coord.modern:
            message = _message_33(key, raw, read_33(server.id, raw))
            if message is not None:
                yield bad_server_line.diag(server.location, message, node=node.name, key=key)
        elif server.error is not None:
            yield bad_server_line.diag(
                server.location,
                f"{key} = {raw!r}: {_strip_quoted(server.error, java_trim(raw))}",
                node=node.name,
                key=key,
            )


def _message_33(key: str, raw: str, reading: Reading33) -> str | None:
    """What to say of a ``server.N`` value ZooKeeper 3.3 reads as ``reading``; None when it
    reads the line."""
    if reading.line is not None:
        return None
    if reading.dropped:
        effect = f"logs: {reading.java}, and goes on without the line"
    elif reading.java is not None:
        effect = f"stops with {reading.java}"
    else:
        effect = "accepts the line, but no other server can reach this one there"
    value = java_trim(raw)
    if value.startswith("[") or ";" in value:
        form = "an [IPv6] address" if value.startswith("[") else "a ;clientPort suffix"
        return (
            f"{key} = {raw!r} uses {form}, a ZooKeeper 3.4+/3.5+ form: ZooKeeper 3.3 splits "
            f"it on every ':' and {effect} (use --zookeeper 3.8 for a modern ensemble)"
        )
    if reading.java is not None and reading.java.startswith("java.lang.NumberFormatException"):
        effect = f"splits the value at ':' without trimming the parts and {effect}"
    return f"{key} = {raw!r} {reading.reason}: ZooKeeper 3.3 {effect}"


def _strip_quoted(message: str, value: str) -> str:
    """The model's reason without its leading copy of the value."""
    prefix = repr(value) + " "
    return message[len(prefix) :] if message.startswith(prefix) else message
