"""NHA308: a node of an HA cluster runs in single mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import MODE_KEY, mode
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA308",
    Severity.WARNING,
    Scope.TREE,
    "a node of an HA cluster runs in single mode",
)
def single_mode_member(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a database node's coordinator list puts it into an HA cluster whose other nodes
    run with `org.neo4j.server.database.mode=ha`, but its own server file says `single` or
    does not set the mode (the default is `SINGLE`).

    **Why:** in single mode the server skips every HA setting: the node starts a standalone
    database that neither replicates from the master nor takes part in elections, while its
    configuration says it belongs to the cluster. Writes to it are lost to the cluster.

    **How to fix:** set `org.neo4j.server.database.mode=HA` in the node's
    `neo4j-server.properties`, or remove its HA settings if it is meant to stand alone.

    **Example:**

    ```properties
    # db3/conf/neo4j-server.properties (reported; db1 and db2 say mode=HA)
    org.neo4j.server.database.mode=single
    ```
    """
    for cluster in ctx.topology.clusters:
        if len(cluster.nodes) < 2:
            continue
        ha_nodes = [n for n in cluster.nodes if mode(n) is ServerMode.HA]
        if not ha_nodes:
            continue
        ref = ha_nodes[0]
        for node in cluster.nodes:
            if mode(node) is not ServerMode.SINGLE:
                continue
            yield single_mode_member.diag(
                node.where(FileRole.SERVER, MODE_KEY),
                f"node {node.name} runs in single mode ({_mode_setting(node)}) although its "
                f"coordinator list puts it into {cluster.label}, whose node {ref.name} runs in "
                "ha mode: in single mode every HA setting is ignored and the node does not join "
                "the cluster",
                node=node.name,
                key=MODE_KEY,
                related=[ref.where(FileRole.SERVER, MODE_KEY)],
                group=cluster.label,
            )


def _mode_setting(node: Node) -> str:
    """``<key>=<value as written>``, or that the key is unset."""
    source = node.files.get(FileRole.SERVER)
    raw = source.raw(MODE_KEY) if source is not None else None
    if raw is not None:
        return f"{MODE_KEY}={raw}"
    if node.server is not None and node.server.mode is not None:
        return f"{MODE_KEY}={node.server.mode.value}"
    return f"{MODE_KEY} is unset (default single)"
