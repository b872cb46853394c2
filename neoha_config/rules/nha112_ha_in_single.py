"""NHA112: ha.* settings on a server in single mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import (
    CLUSTER_NAME_KEY,
    CLUSTER_SERVER_KEY,
    COORD_KEYS,
    HA_SERVER_KEY,
    ID_KEYS,
    INITIAL_HOSTS_KEY,
    MODE_KEY,
)
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import server_mode
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA112",
    Severity.WARNING,
    Scope.NODE,
    "ha.* settings present but the server mode is single",
)
def ha_in_single(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the database settings file sets `ha.*` keys, but the server's
    `org.neo4j.server.database.mode` is `single` (or unset, which means `single`).

    **Why:** a single-mode server starts the embedded database without HA: every `ha.*`
    setting is ignored, the node never joins the cluster, and nothing says so. Neo4j ships the
    mode line commented out, so this is easy to miss when building a cluster. A warning needs a
    setting that makes a node a member (its id, the coordinator list, `ha.server`, the cluster
    name, or the 1.9 `ha.initial_hosts`/`ha.cluster_server`); tuning keys alone (`ha.pull_interval`,
    timeouts) are only noted: Neo4j 1.5 to 1.9 ship `ha.pull_interval = 10` uncommented in every
    single-mode install.

    **How to fix:** set `org.neo4j.server.database.mode=HA` on cluster members, or remove the
    `ha.*` settings from a lone server.

    **Example:**

    ```properties
    # conf/neo4j-server.properties, bad
    #org.neo4j.server.database.mode=HA
    # good
    org.neo4j.server.database.mode=HA
    ```
    """
    mode, mode_site = server_mode(node)
    if mode is not ServerMode.SINGLE:
        return
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    ha_entries = [e for e in source.document.entries if e.key.startswith("ha.")]
    if not ha_entries:
        return
    members = [e for e in ha_entries if e.key in MEMBERSHIP_KEYS]
    first = (members or ha_entries)[0]
    first_loc = source.loc(first.line, first.column)
    keys = sorted({e.key for e in ha_entries})
    shown = ", ".join(keys[:4]) + (", ..." if len(keys) > 4 else "")
    if mode_site is not None:
        where, key, related = mode_site.location, MODE_KEY, [first_loc]
        mode_text = f"{MODE_KEY} = {mode_site.value!r}"
    else:
        where, key, related = first_loc, first.key, []
        mode_text = f"{MODE_KEY} is not set (single)"
    yield ha_in_single.diag(
        where,
        f"{mode_text} but {source.display} sets {len(keys)} ha.* setting(s) ({shown}): a "
        "single-mode server ignores them and never joins a cluster",
        severity=None if members else Severity.INFO,
        node=node.name,
        key=key,
        related=related,
    )


MEMBERSHIP_KEYS = frozenset(
    {*ID_KEYS, *COORD_KEYS, HA_SERVER_KEY, CLUSTER_NAME_KEY, INITIAL_HOSTS_KEY, CLUSTER_SERVER_KEY}
)
"""The keys that make a node a cluster member: set in single mode, they are a mistake."""
