"""NHA007: a path argument under which no node was found."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA007",
    Severity.ERROR,
    Scope.TREE,
    "no node found under a path argument",
)
def no_node(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a directory given to `check` holds no node, or a file given to `check` belongs to
    no node. A node is a NEO4J_HOME (a directory whose `conf/` holds
    `neo4j-server.properties`, `neo4j.properties`, `coord.cfg` or the misnamed
    `neo-server.properties`) or a directory holding one of these files, or `myid`, directly.
    Hidden and symlinked directories are not searched.

    **Why:** a check that finds nothing to check must not pass silently: the path is usually
    mistyped, or the files are misnamed.

    **How to fix:** pass the directory that holds the NEO4J_HOMEs, or fix the file names.

    **Example:** `neoha-config check prod/` where the homes are under `production/`.
    """
    for shown, why in ctx.tree.unplaced:
        yield no_node.diag(Location(shown, 1, 1), why)
