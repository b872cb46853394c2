"""NHA010: a suppression comment that suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA010",
    Severity.INFO,
    Scope.REPORT,
    "a # neoha: ignore[...] comment that suppresses nothing",
)
def unused_suppression(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a suppression comment `# neoha: ignore[CODE]` whose code found nothing on the
    key directly below it, that is not directly above a key, that names no code, or that names
    something that is not a rule code.

    **Why:** a stale suppression hides the next real finding on that key and misleads readers
    into thinking the line has a known problem.

    **How to fix:** delete the comment, or move it directly above the key it is meant for.

    **Example:**

    ```properties
    # neoha: ignore[NHA004]
    ha.server_id=1
    ```

    `ha.server_id` is a known key, so nothing is suppressed.
    """
    for record in ctx.unused_suppressions:
        yield unused_suppression.diag(
            Location(record.path, record.line, record.column), record.message, key=record.key
        )
