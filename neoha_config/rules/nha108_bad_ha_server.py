"""NHA108: an ha.server that is not host:port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, rejected_values

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA108",
    Severity.ERROR,
    Scope.NODE,
    "ha.server is not host:port with a port in 1-65535",
    keys=VALUE_KEYS["NHA108"],
)
def bad_ha_server(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.server` is not `host:port` (split at the first `:`), its port is not an
    integer in 1 to 65535, or it has blanks around a part.

    **Why:** Neo4j binds the port of `ha.server` on all interfaces and publishes the whole
    value in ZooKeeper for the other nodes to dial. A value it cannot split or parse stops the
    database from starting, and a malformed host is published and unreachable.

    **How to fix:** give the host name or address other nodes reach this one by, and a free
    port (6361 by default).

    **Example:**

    ```properties
    # bad
    ha.server=neo4j-01
    # good
    ha.server=neo4j-01:6361
    ```
    """
    for bad in rejected_values(node, bad_ha_server.keys.__contains__):
        yield bad_ha_server.diag(
            bad.location, f"{bad.shown}: {bad.model_reason}", node=node.name, key=bad.key
        )
