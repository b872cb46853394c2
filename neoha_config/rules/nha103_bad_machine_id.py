"""NHA103: a machine id that is not a non-negative integer, or is 0."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import ID_KEYS
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, Rejected, rejected_values
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA103",
    Severity.ERROR,
    Scope.NODE,
    "machine id is not a non-negative integer (0 is a warning)",
    keys=VALUE_KEYS["NHA103"],
)
def bad_machine_id(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.server_id` (or `ha.machine_id`) is not an integer, is negative, or has
    blanks around it; `0` is reported as a warning.

    **Why:** the preflight reads it with `Integer.parseInt` on the raw string (no trimming)
    and stops with `ha.server_id in <file> needs to be a non-negative integer, not <value>`.
    `0` passes the preflight, but the 1.3 manual asks for an id greater than 0, and some
    releases' documentation disagree; a positive id is safe everywhere.

    **How to fix:** use a small positive integer, unique within the cluster (see NHA301).

    **Example:**

    ```properties
    # bad
    ha.server_id=db1
    # good
    ha.server_id=1
    ```
    """
    for bad in rejected_values(node, bad_machine_id.keys.__contains__):
        yield bad_machine_id.diag(
            bad.location, f"{bad.shown}: {_why(bad)}", node=node.name, key=bad.key
        )
    db = node.database
    source = node.files.get(FileRole.DATABASE)
    if source is None or db is None:
        return
    for key, value in ((ID_KEYS[0], db.server_id), (ID_KEYS[1], db.machine_id)):
        site = source.site(key)
        if value == 0 and site is not None:
            yield bad_machine_id.diag(
                site.location,
                f"{key} = {site.value!r}: machine id 0 passes the preflight, but the 1.x manual "
                "asks for a positive id; use 1 or more",
                severity=Severity.WARNING,
                node=node.name,
                key=key,
            )


def _why(bad: Rejected) -> str:
    return (
        f"not a non-negative integer; the server stops with: {bad.key} in {bad.file} needs to "
        f"be a non-negative integer, not {bad.value}"
    )
