"""NHA116: an HA node of 1.3-1.8 without ha.server publishes a guessed address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import COORD_KEYS, HA_SERVER_KEY, INITIAL_HOSTS_KEY, MODE_KEY
from neoha_config.registry import Scope, rule
from neoha_config.release import settle
from neoha_config.rules._database import server_mode
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

# What each release publishes in ZooKeeper for this node's HA server when ha.server is unset.
_GUESS = {
    "1.3": Severity.ERROR,  # InetAddress.toString(): "name/address:6361", which no slave parses
    "1.4": Severity.WARNING,  # getLocalHost().getHostAddress() + ":6361"
    "1.5": Severity.WARNING,
    "1.6": Severity.WARNING,
    "1.7": Severity.WARNING,
    "1.8": Severity.WARNING,
}


@rule(
    "NHA116",
    Severity.WARNING,
    Scope.NODE,
    "an HA node of Neo4j 1.3-1.8 leaves ha.server unset: it publishes a guessed address",
    releases="1.3-1.8",
)
def ha_server_unset(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a database node runs in HA mode (`org.neo4j.server.database.mode=HA`, or, with no
    server file, a database file that lists coordinators) and its database file does not set
    `ha.server`, on a Neo4j release from 1.3 to 1.8.

    **Why:** the node publishes the address of its HA server in ZooKeeper, and slaves dial the
    master there. Without `ha.server`, 1.4-1.8 publish
    `InetAddress.getLocalHost().getHostAddress() + ":6361"`: whatever the machine's own name
    resolves to, often `127.0.1.1` on Debian and Ubuntu, which sends the slaves on other
    machines to themselves. 1.3 publishes `InetAddress.getLocalHost() + ":6361"`, whose text is
    `name/address:6361`, an address no slave can parse: an error there. Neo4j 1.9 chooses its
    address differently and is not reported; a node that could be 1.9 by its keys but sets no
    `ha.initial_hosts` is judged as the 1.3-1.8 node it can only work as.

    **How to fix:** set `ha.server` to the `host:port` the other machines reach this node by.

    **Example:**

    ```properties
    # bad: unset
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    # good
    ha.server_id=1
    ha.coordinators=zk1:2181,zk2:2181,zk3:2181
    ha.server=neo4j-01:6361
    ```
    """
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None or not ctx.database_live(node):
        return
    if source.site(HA_SERVER_KEY) is not None:
        return
    mode, mode_site = server_mode(node)
    where: Location
    if FileRole.SERVER in node.files:
        if mode is not ServerMode.HA or mode_site is None:
            return
        where = mode_site.location
        how = f"{MODE_KEY} = {mode_site.value!r}"
    else:
        listing = next((k for k in COORD_KEYS if source.site(k) is not None), None)
        if listing is None:
            return  # no server file and no coordinator list: nothing says HA
        where = node.where(FileRole.DATABASE, listing)
        how = f"{listing} is set (embedded HA)"
    releases = ctx.releases(node)
    if source.site(INITIAL_HOSTS_KEY) is None and any(r in _GUESS for r in releases):
        # Without ha.initial_hosts the node is no working 1.9 member (NHA102): judge it by
        # the coordinator releases it can be.
        releases = tuple(r for r in releases if r in _GUESS)
    outcomes = {r: _GUESS.get(r) for r in releases}
    level, note = settle(outcomes)
    if level is None:
        return
    yield ha_server_unset.diag(
        where,
        f"{how} but {source.display} does not set {HA_SERVER_KEY}: the node publishes a "
        "guessed address for its HA server (1.4-1.8: the address the machine's own name "
        "resolves to, often 127.0.1.1; 1.3: 'name/address:6361', which no slave parses), "
        f"so slaves on other machines may not reach it as master{note}",
        severity=level,
        node=node.name,
        key=HA_SERVER_KEY,
        related=[source.loc()],
    )
