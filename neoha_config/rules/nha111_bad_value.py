"""NHA111: a typed setting with an invalid value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import OWNED_KEYS, rejected_values

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA111",
    Severity.ERROR,
    Scope.NODE,
    "a typed setting has an invalid value",
)
def bad_value(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a typed setting of `neo4j-server.properties` or `neo4j.properties` has a value
    of the wrong type: booleans other than `true`/`false`, `ha.pull_interval` and other
    durations not a number with `ms`, `s` or `m`, `ha.branched_data_policy` not `keep_all`,
    `keep_last`, `keep_none` or `shutdown`, `ha.slave_coordinator_update_mode` not `sync`,
    `async` or `none`, `ha.tx_push_strategy` not `fixed` or `round_robin`,
    `ha.com_chunk_size` not a size within 1k to 16M, or an integer out of its range.

    **Why:** Neo4j 1.5 to 1.7 read the enumerations with `Enum.valueOf` (exact lower case) and
    durations with a parser that fails with `Unrecognized unit <u>`; 1.8 validates every typed
    setting at start. Booleans read with `Boolean.parseBoolean` silently become `false` on a
    typo, which is never what was meant.

    **How to fix:** use a value of the documented form, without blanks around it.

    **Example:**

    ```properties
    # bad
    ha.pull_interval=10 sec
    ha.branched_data_policy=KEEP_LAST
    # good
    ha.pull_interval=10s
    ha.branched_data_policy=keep_last
    ```
    """
    for bad in rejected_values(node, lambda key: key not in OWNED_KEYS):
        yield bad_value.diag(
            bad.location, f"{bad.shown}: {bad.model_reason}", node=node.name, key=bad.key
        )
