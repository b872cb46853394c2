"""NHA107: a cluster name ZooKeeper cannot use as a znode, or one outside the manual's set."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import DATABASE
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import CLUSTER_NAME_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, file_site
from neoha_config.rules._releases import Verdict, settled, spec_of, verdicts
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA107",
    Severity.ERROR,
    Scope.NODE,
    "ha.cluster_name is no usable znode name, or uses characters outside A-Z a-z 0-9 . - _",
    keys=VALUE_KEYS["NHA107"],
)
def bad_cluster_name(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.cluster_name` is empty, contains `/`, is `.` or `..`, or holds a character
    ZooKeeper refuses in a path (control characters, U+D800 to U+F8FF, U+FFF0 and above): an
    error. Any other character outside ASCII letters, digits, `.`, `-` and `_` (a blank, `:`,
    a letter with an accent) is a warning. Neo4j 1.9 does not use the name as a znode and
    takes any text.

    **Why:** Neo4j 1.3 to 1.8 use the name only as the znode `/<name>` on the coordinators,
    where the cluster's store id is kept. An empty name or one with `/` makes a path whose
    parent does not exist (`Unable to write cluster store id`), and ZooKeeper's path check
    refuses `.`, `..` and the characters above. `my cluster` or `prod:1` work, but the
    shipped `neo4j.properties` asks for letters, digits, `.`, `-` and `_` only, and a blank
    at the end of the line is part of the name and easy to miss on one node of many.

    **How to fix:** choose a name of those characters, the same on every node of the cluster.

    **Example:**

    ```properties
    # bad
    ha.cluster_name=prod/graph
    # good
    ha.cluster_name=prod.graph
    ```
    """
    site = file_site(node, FileRole.DATABASE, CLUSTER_NAME_KEY)
    spec = spec_of(DATABASE, CLUSTER_NAME_KEY)
    if site is None or spec is None:
        return
    read = verdicts(spec, site.value, ctx.releases(node))
    found = {release: _worded(verdict, site.value) for release, verdict in read.items()}
    level, text = settled(found)
    if level is None:
        return
    yield bad_cluster_name.diag(
        site.location,
        f"{CLUSTER_NAME_KEY} = {site.value!r}: {text}",
        severity=level,
        node=node.name,
        key=CLUSTER_NAME_KEY,
    )


def _worded(verdict: Verdict, value: str) -> Verdict:
    if verdict.severity is Severity.WARNING and value != "":
        return Verdict(
            Severity.WARNING,
            "uses characters outside A-Z a-z 0-9 . - _, the shipped file's advice; ZooKeeper "
            f"takes the znode '/{value}'",
        )
    if verdict.severity is Severity.ERROR and value == "":
        return Verdict(Severity.ERROR, "empty: the cluster's znode '/' + name would be the root")
    return verdict
