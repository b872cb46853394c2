"""NHA403: the log shows "HA server info already present, trying again"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._logs import quote, where
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

_MACHINE_ID_KEYS = ("ha.server_id", "ha.machine_id")


@rule(
    "NHA403",
    Severity.WARNING,
    Scope.NODE,
    'the log shows "HA server info already present, trying again"',
)
def info_already_present(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a node's `messages.log` contains `HA server info already present, trying again`.

    **Why:** at start a node registers itself under its `ha.server_id` in ZooKeeper as an
    ephemeral node. This message means that node already exists: another live instance of the
    same cluster has the **same server id**. The node retries until the other one goes away, so
    it never joins, or the two take turns.

    **How to fix:** give every database node of the cluster its own `ha.server_id`
    (`ha.machine_id` before 1.5), see NHA301, and restart the node.

    **Example:**

    ```text
    2012-07-01 10:00:01.000+0000: HA server info already present, trying again
    2012-07-01 10:00:06.000+0000: HA server info already present, trying again
    ```
    """
    facts = ctx.log_facts(node)
    if facts is None or not facts.info_present:
        return
    last = facts.info_present[-1]
    count = len(facts.info_present)
    times = "once" if count == 1 else f"{count} times"
    related: list[Location] = []
    source = node.files.get(FileRole.DATABASE)
    if source is not None:
        site = next((s for key in _MACHINE_ID_KEYS if (s := source.site(key))), None)
        if site is not None:
            related.append(site.location)
    yield info_already_present.diag(
        where(last),
        f"node {node.name}: the log shows {quote(last)} ({times} in the part read): another "
        "live instance of the cluster has the same ha.server_id",
        node=node.name,
        related=related,
    )
