"""NHA201: coord.cfg lacks dataDir or clientPort, or sets tickTime to 0 or a non-integer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import parse_java_int
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.tree import Node


@rule(
    "NHA201",
    Severity.ERROR,
    Scope.NODE,
    "coord.cfg lacks dataDir or clientPort, or sets tickTime to 0 or a non-integer",
    keys=("tickTime",),
)
def missing_basics(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** `coord.cfg` has no `dataDir`; has no `clientPort` (ZooKeeper 3.3 profile); or
    sets `tickTime` to `0`, a negative number or a non-integer.

    **Why:** ZooKeeper checks these first and exits with `Invalid config, exiting
    abnormally`, logging the cause: `dataDir is not set`, `clientPort is not set` (3.3 and
    3.4), `tickTime is not set` (for `0`) or a `NumberFormatException`. A negative tick makes
    every derived timeout negative; 3.8 rejects it with `minSessionTimeout must not be larger
    than maxSessionTimeout`. ZooKeeper 3.5 and later make `clientPort` optional: under
    `--zookeeper 3.8` a missing `clientPort` is an error only when `clientPortAddress` is set
    (`clientPortAddress is set but clientPort is not set`), and otherwise a warning, because a
    coordinator without a client port serves no Neo4j database; not when the coordinator's
    own `server.<myid>` line gives a client port (`host:2888:3888;2181`). ZooKeeper trims
    these values.

    **How to fix:** set `dataDir` (Neo4j ships `data/coordinator/`), `clientPort` (2181) and a
    positive `tickTime` (3000).

    **Example:**

    ```properties
    # bad
    tickTime=0
    # good
    tickTime=3000
    dataDir=data/coordinator/
    clientPort=2181
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    name = node.name
    if coord.entry("dataDir") is None:
        yield missing_basics.diag(
            coord.loc(),
            "coord.cfg does not set dataDir: ZooKeeper stops with: dataDir is not set",
            node=name,
            key="dataDir",
        )
    if coord.entry("clientPort") is None:
        yield from _no_client_port(node, coord)
    yield from _tick_time(node, coord)


def _no_client_port(node: Node, coord: CoordView) -> Iterator[Diagnostic]:
    if not coord.modern:
        yield missing_basics.diag(
            coord.loc(),
            "coord.cfg does not set clientPort: ZooKeeper 3.3 stops with: clientPort is not "
            "set (3.5+ make it optional)",
            node=node.name,
            key="clientPort",
        )
    elif coord.entry("clientPortAddress") is not None:
        yield missing_basics.diag(
            coord.loc("clientPortAddress"),
            f"clientPortAddress = {coord.value('clientPortAddress')!r} is set but clientPort "
            "is not: ZooKeeper 3.8 stops with: clientPortAddress is set but clientPort is "
            "not set",
            node=node.name,
            key="clientPortAddress",
        )
    elif coord.entry("secureClientPort") is None and not _own_line_client_port(node, coord):
        yield missing_basics.diag(
            coord.loc(),
            "coord.cfg does not set clientPort: ZooKeeper 3.8 starts without a client port, "
            "so no Neo4j database can connect to this coordinator (3.3 refuses to start)",
            severity=Severity.WARNING,
            node=node.name,
            key="clientPort",
        )


def _own_line_client_port(node: Node, coord: CoordView) -> bool:
    """True when the coordinator's own ``server.<myid>`` line carries a ``;clientPort``: ZooKeeper
    3.5+ take the client address from it when ``clientPort`` is unset."""
    if node.myid is None:
        return False
    line = coord.servers.get(node.myid.value)
    return line is not None and line.client_port is not None


def _tick_time(node: Node, coord: CoordView) -> Iterator[Diagnostic]:
    entry = coord.entry("tickTime")
    if entry is None:
        return
    tick, shown = java_trim(entry.value), entry.value
    try:
        value = parse_java_int(tick)
    except ValueError:
        yield missing_basics.diag(
            coord.loc("tickTime"),
            f"tickTime = {shown!r} is not an integer: ZooKeeper stops with a "
            f'NumberFormatException: For input string: "{tick}"',
            node=node.name,
            key="tickTime",
        )
        return
    if value == 0:
        yield missing_basics.diag(
            coord.loc("tickTime"),
            "tickTime = '0': ZooKeeper stops with: tickTime is not set",
            node=node.name,
            key="tickTime",
        )
    elif value < 0:
        yield missing_basics.diag(
            coord.loc("tickTime"),
            f"tickTime = {shown!r} is negative: every timeout derived from it is negative "
            + coord.note(
                "(ZooKeeper 3.8 rejects it)",
                "(ZooKeeper 3.8 stops with: minSessionTimeout must not be larger than "
                "maxSessionTimeout)",
            ),
            node=node.name,
            key="tickTime",
        )
