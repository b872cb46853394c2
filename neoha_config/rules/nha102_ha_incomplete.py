"""NHA102: HA mode without a machine id or a coordinator list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import COORD_KEYS, ID_KEYS, INITIAL_HOSTS_KEY, MODE_KEY
from neoha_config.registry import Scope, rule
from neoha_config.release import settle
from neoha_config.rules._database import server_mode
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA102",
    Severity.ERROR,
    Scope.NODE,
    "mode is ha but the machine id or the coordinator list is missing",
)
def ha_incomplete(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the server runs in `ha` mode, but its database settings file (the file named by
    `org.neo4j.server.db.tuning.properties`) sets neither `ha.server_id` nor its old name
    `ha.machine_id`, or neither `ha.coordinators` nor `ha.zoo_keeper_servers`.

    **Why:** the HA preflight stops the server. A missing id gives
    `ha.server_id in <file> needs to be a non-negative integer, not <not set>`; a missing
    coordinator list gives `Invalid server config "" for ha.server_id in <file>`, a message
    that names the wrong key and has misled many users. A node whose server file is absent
    (only `neo4j.properties` checked) has an unknown mode, and this rule stays silent.

    Neo4j 1.9 has no coordinators: its members find each other through `ha.initial_hosts`, so
    on a node whose files say 1.9 (see "Neo4j releases" in the README) a missing coordinator
    list is fine and a missing `ha.initial_hosts` is the error; where the node's releases differ,
    the message says which.

    **How to fix:** give every HA node a unique machine id and the list of coordinator
    client endpoints.

    **Example:**

    ```properties
    # conf/neo4j-server.properties
    org.neo4j.server.database.mode=HA
    # conf/neo4j.properties, bad: only the id
    ha.server_id=1
    # good
    ha.server_id=1
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """
    mode, mode_site = server_mode(node)
    if mode is not ServerMode.HA or mode_site is None:
        return
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return  # no database file: NHA113 reports it, and the preflight stops there first
    doc = source.document
    releases = ctx.releases(node)
    missing: list[tuple[str, dict[str, Severity | None]]] = []
    if all(doc.get(k) is None for k in ID_KEYS):
        missing.append(
            (
                f"the machine id (ha.server_id or ha.machine_id): the server stops with: "
                f"ha.server_id in {source.display} needs to be a non-negative integer, not "
                "<not set>",
                dict.fromkeys(releases, Severity.ERROR),
            )
        )
    no_coordinators = all(doc.get(k) is None for k in COORD_KEYS)
    no_initial_hosts = doc.get(INITIAL_HOSTS_KEY) is None
    # How a member finds its cluster: the coordinators up to 1.8, ha.initial_hosts on 1.9.
    lost = {
        r: Severity.ERROR
        if (no_initial_hosts if r == FIRST_WITHOUT_COORDINATORS else no_coordinators)
        else None
        for r in releases
    }
    coordinators = (
        f"the coordinator list (ha.coordinators or ha.zoo_keeper_servers): the server stops "
        f'with: Invalid server config "" for ha.server_id in {source.display}'
    )
    initial_hosts = f"{INITIAL_HOSTS_KEY}, which a 1.9 cluster member needs to find the others"
    if releases == (FIRST_WITHOUT_COORDINATORS,):
        what = initial_hosts
    elif no_coordinators and no_initial_hosts:
        both = FIRST_WITHOUT_COORDINATORS in releases
        what = f"{coordinators}; nor {initial_hosts}" if both else coordinators
    elif no_initial_hosts:
        what = initial_hosts
    else:
        what = coordinators
    missing.append((what, lost))
    for what, outcomes in missing:
        level, note = settle(outcomes)
        if level is None:
            continue
        yield ha_incomplete.diag(
            mode_site.location,
            f"{MODE_KEY} = {mode_site.value!r} but {source.display} does not set {what}{note}",
            severity=level,
            node=node.name,
            key=MODE_KEY,
            related=[source.loc()],
        )


FIRST_WITHOUT_COORDINATORS = "1.9"
