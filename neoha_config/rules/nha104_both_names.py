"""NHA104: a setting set under both its current and its pre-1.5 name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import COORD_KEYS, ID_KEYS
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA104",
    Severity.ERROR,
    Scope.NODE,
    (
        "both names of one setting are set (ha.server_id/ha.machine_id, "
        "ha.coordinators/ha.zoo_keeper_servers)"
    ),
)
def both_names(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a database settings file sets a setting under both its current and its pre-1.5
    name: `ha.server_id` and `ha.machine_id`, or `ha.coordinators` and
    `ha.zoo_keeper_servers`. The finding is at the later of the two lines.

    **Why:** Neo4j 1.4 to 1.7 refuse it: `Multiple configuration values set for the same
    logical key: [ha.server_id, ha.machine_id]`, and the 1.4 to 1.8 server preflight stops
    with `Multiple configuration values set for the same logical property
    [ha.server_id,ha.machine_id] in <file>`. In 1.8 the configuration migrator rewrites the
    old name, and which value wins depends on hash map order.

    **How to fix:** keep one of the two lines, normally the current name.

    **Example:**

    ```properties
    # bad
    ha.machine_id=1
    ha.server_id=1
    # good
    ha.server_id=1
    ```
    """
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    for current, legacy in (ID_KEYS, COORD_KEYS):
        a, b = source.site(current), source.site(legacy)
        if a is None or b is None:
            continue
        first, second = sorted((a, b), key=lambda s: (s.location.line, s.location.column))
        yield both_names.diag(
            second.location,
            f"{second.key} = {second.value!r} is set, and so is {first.key} = {first.value!r} "
            f"(line {first.location.line}): the server stops with: Multiple configuration values "
            f"set for the same logical property [{current},{legacy}] in {source.display}",
            node=node.name,
            key=second.key,
            related=[first.location],
        )
