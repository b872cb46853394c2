"""NHA107: an empty cluster name, or one with characters outside the manual's set."""

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
    "NHA107",
    Severity.ERROR,
    Scope.NODE,
    "ha.cluster_name empty or using characters outside A-Z a-z 0-9 . - _",
    keys=VALUE_KEYS["NHA107"],
)
def bad_cluster_name(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.cluster_name` is empty or holds a character other than ASCII letters,
    digits, `.`, `-` and `_` (a blank included).

    **Why:** the name becomes the root znode `/<name>` in ZooKeeper, where `/` and other
    characters are illegal or change the path. The shipped `neo4j.properties` asks for
    letters, digits, `.`, `-` and `_` only.

    **How to fix:** choose a name of those characters, the same on every node of the cluster.

    **Example:**

    ```properties
    # bad
    ha.cluster_name=prod/graph
    # good
    ha.cluster_name=prod.graph
    ```
    """
    for bad in rejected_values(node, bad_cluster_name.keys.__contains__):
        yield bad_cluster_name.diag(
            bad.location, f"{bad.shown}: {_why(bad.value)}", node=node.name, key=bad.key
        )


def _why(value: str) -> str:
    if value == "":
        return "empty; the cluster name is the root znode and must not be empty"
    return "uses characters outside A-Z a-z 0-9 . - _ (it names the root znode)"
