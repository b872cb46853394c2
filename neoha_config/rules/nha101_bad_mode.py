"""NHA101: a server mode that is neither ha nor single."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import MODE_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, rejected_values

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA101",
    Severity.ERROR,
    Scope.NODE,
    "org.neo4j.server.database.mode is not ha or single",
    keys=VALUE_KEYS["NHA101"],
)
def bad_mode(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `org.neo4j.server.database.mode` in `conf/neo4j-server.properties` has a value
    other than `ha` or `single` (compared case-insensitively, with nothing around it).

    **Why:** the enterprise server upper-cases the value and compares it with `SINGLE` and
    `HA` before anything else starts. Any other value, including one with a trailing blank
    (Neo4j does not trim), stops the server with
    `Illegal value for org.neo4j.server.database.mode "<MODE>" in org.neo4j.server.properties`.

    **How to fix:** set the mode to `ha` for a cluster member or `single` for a lone server.

    **Example:**

    ```properties
    # bad
    org.neo4j.server.database.mode=HA-cluster
    # good
    org.neo4j.server.database.mode=HA
    ```
    """
    for bad in rejected_values(node, bad_mode.keys.__contains__):
        yield bad_mode.diag(
            bad.location, f"{bad.shown}: {_why(bad.value)}", node=node.name, key=bad.key
        )


def _why(value: str) -> str:
    return (
        "not 'ha' or 'single'; the server stops with: Illegal value for "
        f'{MODE_KEY} "{value.upper()}" in org.neo4j.server.properties'
    )
