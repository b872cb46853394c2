"""NHA105: a malformed coordinator list."""

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
    "NHA105",
    Severity.ERROR,
    Scope.NODE,
    "coordinator list malformed",
    keys=VALUE_KEYS["NHA105"],
)
def bad_coordinators(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.coordinators` (or `ha.zoo_keeper_servers`) is empty, has an empty entry, an
    entry that is not `host:port`, a port outside 1 to 65535, or blanks around an entry.

    **Why:** the preflight splits the value on `,` and stops at an entry without `:` with
    `Invalid server config "<entry>" for ha.server_id in <file>` (it names the wrong key). The
    ZooKeeper client splits at the last `:` and does not trim: ` localhost` is looked up as a
    host name with a blank in it, and `host:2181 ` is a `NumberFormatException`; Neo4j then
    fails with `Unable to create zoo keeper client`.

    **How to fix:** list every coordinator's `host:clientPort`, separated by commas only.

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181, neo4j-02:2181,neo4j-03
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """
    for bad in rejected_values(node, bad_coordinators.keys.__contains__):
        yield bad_coordinators.diag(
            bad.location, f"{bad.shown}: {bad.model_reason}", node=node.name, key=bad.key
        )
