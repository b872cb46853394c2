"""NHA114: a pre-1.5 key name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.names import COORD_KEYS, ID_KEYS
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import file_site
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA114",
    Severity.INFO,
    Scope.NODE,
    "a Neo4j 1.3 key name is used (ha.machine_id, ha.zoo_keeper_servers)",
    releases="1.3-1.8",  # the releases that read the old names
)
def legacy_key(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `ha.machine_id` or `ha.zoo_keeper_servers` is used.

    **Why:** these are the Neo4j 1.3 names. The new names `ha.server_id` and
    `ha.coordinators` are read from 1.5 on (the source read shows them from 1.5; 1.4 probably
    reads them too), and the releases that read both prefer the new ones: they print
    `Deprecated configuration key 'ha.machine_id' used instead of the preferred
    'ha.server_id'`, and 1.8 rewrites them, logging `ha.machine_id has been replaced with
    ha.server_id`. Only a 1.3 cluster needs the old names. The message says from which
    release the new name is read, as the key catalogue knows it.

    **How to fix:** on a release that reads the new name, rename the key (and never set
    both, NHA104).

    **Example:**

    ```properties
    # old
    ha.zoo_keeper_servers=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    # current
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """
    if not node.is_database:
        return
    from neoha_config.catalogue import DATABASE, lookup, reading_answer

    for current, legacy in (ID_KEYS, COORD_KEYS):
        site = file_site(node, FileRole.DATABASE, legacy)
        if site is None:
            continue
        spec = lookup(DATABASE, current)
        since = f", {reading_answer(spec, '1.3')}" if spec is not None else ""
        yield legacy_key.diag(
            site.location,
            f"{legacy} is the Neo4j 1.3 name of {current}{since}; the releases that read "
            f"both prefer {current} (1.8 rewrites it: {legacy} has been replaced with "
            f"{current})",
            node=node.name,
            key=legacy,
        )
