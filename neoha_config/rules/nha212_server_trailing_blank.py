"""NHA212: a server.N value with whitespace around it (3.3/3.4 trim it, 3.5+ reject the line)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA212",
    Severity.INFO,
    Scope.NODE,
    "a server.N value has trailing whitespace: ZooKeeper 3.3/3.4 trim it, 3.5+ reject the line",
)
def server_trailing_blank(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a `server.N` value ends (or starts, through an escape) with whitespace.

    **Why:** ZooKeeper 3.3 and 3.4 trim every value, so the bundled coordinator accepts it: a
    note under `--zookeeper 3.3` (nothing is wrong until the ensemble moves to a newer
    ZooKeeper). ZooKeeper 3.5 and later pass `server.N` values untrimmed
    and fail with `Address unresolved: <host>:<port>␠␠␠␠`, so under `--zookeeper 3.8` the finding
    is an **error**. Neo4j's own shipped `coord.cfg` has four blanks after `server.1`, which
    is how most files get them.

    **How to fix:** delete the blanks at the end of the line.

    **Example:**

    ```text
    bad:  server.1=localhost:2888:3888␠␠␠␠
    good: server.1=localhost:2888:3888
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    for server in coord.facts.servers:
        if not server.padded():
            continue
        yield server_trailing_blank.diag(
            server.location,
            f"{server.entry.key} = {server.entry.value!r} has whitespace around it: "
            + coord.note(
                "ZooKeeper 3.3/3.4 trim it, but 3.5+ reject the line",
                "ZooKeeper 3.8 rejects the line (Address unresolved: ...); 3.3/3.4 trim it",
            ),
            # The bundled 3.3 trims: harmless there (the stock file has it), fatal on 3.5+.
            severity=Severity.ERROR if coord.modern else Severity.INFO,
            node=node.name,
            key=server.entry.key,
        )
