"""NHA403: the log shows "HA server info already present, trying again"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._logs import quote, same_machine_id, where
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

_MACHINE_ID_KEYS = ("ha.server_id", "ha.machine_id")


@rule(
    "NHA403",
    Severity.WARNING,
    Scope.NODE,
    'the log shows "HA server info already present, trying again" repeatedly, or with a '
    "duplicate machine id",
)
def info_already_present(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a node's `messages.log` contains `HA server info already present, trying again`
    two or more times within one start (no `Started as …` or `Shutdown[…]` record between
    them), or at least once while another database node of its HA cluster has the same
    machine id (`ha.server_id`, `ha.machine_id` before 1.5; the NHA301 situation).

    **Why:** at start a node registers itself under its machine id in ZooKeeper as an
    ephemeral znode. This message means that znode already exists. Once is normal after a
    restart within the old ZooKeeper session's lifetime: the znode of the previous run still
    exists, and 1.3-1.7 delete it and go on, so a single occurrence is not reported. Repeated
    within one start, the znode keeps coming back: most likely another instance of the same
    cluster runs with the **same machine id**, and the node never joins, or the two take
    turns. With a duplicate machine id in the checked files, even one occurrence is that.

    **How to fix:** give every database node of the cluster its own `ha.server_id`
    (`ha.machine_id` before 1.5), see NHA301, and restart the node; make sure no old instance
    of the node still runs.

    **Example:**

    ```text
    2012-07-01 10:00:01.000+0000: HA server info already present, trying again
    2012-07-01 10:00:06.000+0000: HA server info already present, trying again
    ```
    """
    facts = ctx.log_facts(node)
    if facts is None or not facts.info_present:
        return
    runs = facts.info_present_runs()
    repeated = [run for run in runs if len(run) >= 2]
    twin = same_machine_id(ctx, node)
    if not repeated and twin is None:
        return
    run = repeated[-1] if repeated else runs[-1]
    last = run[-1]
    count = len(run)
    related = [site for site in (_id_site(node), _id_site(twin)) if site is not None]
    if twin is not None:
        why = (
            f"node {twin.name} of the same HA cluster has the same machine id, so the two "
            "instances fight over one ZooKeeper znode"
        )
    else:
        why = (
            "the znode of this machine id keeps coming back: another running instance of the "
            "cluster probably has the same ha.server_id (one occurrence after a restart is "
            "normal)"
        )
    times = "once" if count == 1 else f"{count} times"
    yield info_already_present.diag(
        where(last),
        f"node {node.name}: the log shows {quote(last)} ({times} in one start): {why}",
        node=node.name,
        related=related,
    )


def _id_site(node: Node | None) -> Location | None:
    """Where the node's machine id is set, or None (unset, or no database file)."""
    source = node.files.get(FileRole.DATABASE) if node is not None else None
    if source is None:
        return None
    site = next((s for key in _MACHINE_ID_KEYS if (s := source.site(key))), None)
    return site.location if site is not None else None
