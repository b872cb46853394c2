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
    Severity.INFO,
    Scope.NODE,
    "ha.pull_interval without a unit: every 1.x release reads it as seconds",
)
def bare_pull_interval(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.pull_interval` is a bare number, without `ms`, `s` or `m`.

    **Why:** every released 1.3-1.9 kernel reads the value with `TimeUtil`, and a bare number
    there counts in seconds (the only millisecond reading is a pre-1.2 development revision of
    the parser, never released). So `ha.pull_interval=10`, which Neo4j 1.5 to 1.9 ship
    uncommented under a comment saying "Unit is seconds", pulls every 10 seconds: nothing is
    wrong, but the unit is easy to misread, and a `ms` meant by the writer would be off by a
    thousand. Units are `ms`, `s` and `m` (minutes), in any case and without a blank; `1h` and
    `10 s` are refused (`Unrecognized unit`, NHA111).

    **How to fix:** nothing is needed; write the unit to make the reading plain.

    **Example:**

    ```properties
    # read as 10 seconds by every release
    ha.pull_interval=10
    # the same, plainly
    ha.pull_interval=10s
    ```
    """
    site = file_site(node, FileRole.DATABASE, "ha.pull_interval")
    if site is None or not _BARE_NUMBER.match(site.value):
        return
    yield bare_pull_interval.diag(
        site.location,
        f"ha.pull_interval = {site.value!r} has no unit: every Neo4j 1.x release reads it as "
        f"{site.value} seconds; {site.value}s says so",
        node=node.name,
        key="ha.pull_interval",
    )


_BARE_NUMBER = re.compile(r"[0-9]+\Z")
