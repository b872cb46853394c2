"""NHA008: neo-server.properties, a name Neo4j never reads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA008",
    Severity.ERROR,
    Scope.NODE,
    (
        "neo-server.properties found: Neo4j never reads that name; the server file is "
        "neo4j-server.properties"
    ),
)
def misnamed_server(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a node holds `neo-server.properties`.

    **Why:** the Neo4j server reads `conf/neo4j-server.properties` (the wrapper passes it as
    `-Dorg.neo4j.server.properties`); nothing reads `neo-server.properties`. The name comes from
    a typo in the 1.x manual's server HA section. Every setting in it, typically
    `org.neo4j.server.database.mode=HA`, is ignored, so the server starts in single mode.

    **How to fix:** rename the file to `neo4j-server.properties` (merge it into the existing one
    if both exist).

    **Example:** `conf/neo-server.properties` holding `org.neo4j.server.database.mode=HA`.
    """
    source = node.files.get(FileRole.MISNAMED_SERVER)
    if source is None:
        return
    also = (
        ", and this node's neo4j-server.properties does not see its settings"
        if FileRole.SERVER in node.files
        else ", so the server runs with default settings (single mode)"
    )
    yield misnamed_server.diag(
        source.loc(),
        "Neo4j never reads 'neo-server.properties'; the server file is "
        f"'neo4j-server.properties'{also}",
        node=node.name,
    )
