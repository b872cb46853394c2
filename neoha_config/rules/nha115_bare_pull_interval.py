"""NHA115: ha.pull_interval without a unit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import file_site
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA115",
    Severity.WARNING,
    Scope.NODE,
    "ha.pull_interval without a unit",
)
def bare_pull_interval(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.pull_interval` is a bare number, without `ms`, `s` or `m`.

    **Why:** Neo4j 1.3 reads a bare number as seconds, but a later kernel revision of the same
    parser reads it as milliseconds: `ha.pull_interval=10` pulls every 10 seconds on one
    release and a hundred times a second on another.

    **How to fix:** always give the unit.

    **Example:**

    ```properties
    # bad
    ha.pull_interval=10
    # good
    ha.pull_interval=10s
    ```
    """
    site = file_site(node, FileRole.DATABASE, "ha.pull_interval")
    if site is None or not _BARE_NUMBER.match(site.value):
        return
    yield bare_pull_interval.diag(
        site.location,
        f"ha.pull_interval = {site.value!r} has no unit: Neo4j 1.3 reads it as {site.value} "
        f"seconds, a later release as {site.value} milliseconds; write {site.value}s or "
        f"{site.value}ms",
        node=node.name,
        key="ha.pull_interval",
    )


_BARE_NUMBER = re.compile(r"[0-9]+\Z")
