"""Runtime evidence rules (NHA4xx) from messages.log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.logs import LOG_TAIL_BYTES, Event, LogFacts, facts_for
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.tree import FileRole, Node, Tree

if TYPE_CHECKING:
    from neoha_config.properties import Entry

DEFAULT_HA_SERVER_PORT = 6361

MULTIPLE_MASTERS = define(
    "NHA401",
    Severity.ERROR,
    "more than one node of one HA cluster last started as master",
    """
    **What:** the `messages.log` of two or more database nodes of one HA cluster (same
    `ha.cluster_name`, coordinator lists that share an endpoint) ends its newest start with
    `Started as master`.

    **Why:** an HA cluster has exactly one master; every write goes through it. Two masters
    mean split brain: each accepts writes the other never sees, and the stores branch. The usual
    cause is coordinators that do not form one ensemble (a single-line `coord.cfg` on every
    machine makes each coordinator standalone, so each database elects itself).

    **How to fix:** make every `coord.cfg` carry the same `server.N` block and every node list
    the same coordinators (see NHA208, NHA302 to NHA305), then restart the extra masters so they
    rejoin as slaves. Keep the store of the master whose writes you want; the others may have
    branched data.

    The check reads only the newest part of each log (the last 1 MiB of a file) and counts a
    node only when its newest start record is a completed `Started as master`.

    **Example** (two nodes of cluster `neo4j.ha`):

    ```text
    db1/data/graph.db/messages.log:  2012-07-01 10:00:00.123+0000: Started as master
    db2/data/graph.db/messages.log:  2012-07-01 10:05:00.456+0000: Started as master
    ```

    reports `db2`: every master but the earliest to start is reported, with the other masters'
    lines as related sites.
    """,
)

PORT_MISMATCH = define(
    "NHA402",
    Severity.WARNING,
    'the port in "... communication server started and bound to N" differs from ha.server',
    """
    **What:** the newest `… communication server started and bound to <port>` record of a
    node's `messages.log` names a port other than the port of its `ha.server` setting (6361
    when unset).

    **Why:** Neo4j binds the `ha.server` port and publishes `ha.server` in ZooKeeper for the
    other nodes. A different port in the log means the running instance was started with other
    settings than the files checked here (edited since, or another file is read), so the
    checked configuration is not what runs; peers dial the published address.

    **How to fix:** find out which configuration the running instance uses (its
    `org.neo4j.server.db.tuning.properties`), make the files agree, and restart the node.

    **Example:**

    ```properties
    # conf/neo4j.properties
    ha.server=db1.example.com:6001
    ```

    ```text
    2012-07-01 10:00:00.123+0000: MasterServer communication server started and bound to 6361
    ```
    """,
)

INFO_ALREADY_PRESENT = define(
    "NHA403",
    Severity.WARNING,
    'the log shows "HA server info already present, trying again"',
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
    """,
)

_MACHINE_ID_KEYS = ("ha.server_id", "ha.machine_id")


@check(Scope.TREE)
def check_logs(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA401 to NHA403 over every database node's logs; nothing when ``ctx.include_logs`` is off.

    Each node's logs are parsed once. Nodes without logs, or whose logs could not be read, are
    silent.
    """
    if not ctx.include_logs:
        return
    facts: dict[int, LogFacts] = {}
    for node in tree.nodes:
        if node.is_database and node.logs:
            facts[id(node)] = facts_for(node.logs)
    if not facts:
        return
    for node in tree.nodes:
        node_facts = facts.get(id(node))
        if node_facts is not None:
            yield from _port_mismatch(node, node_facts)
            yield from _info_present(node, node_facts)
    # The topology is only needed, and only built, when two nodes claim to be master.
    if sum(1 for f in facts.values() if f.role == "master") > 1:
        yield from _multiple_masters(tree, facts)


def _multiple_masters(tree: Tree, facts: dict[int, LogFacts]) -> Iterator[Diagnostic]:
    for cluster in topology.build(tree).clusters:
        masters: list[tuple[Node, Event]] = []
        for node in cluster.nodes:
            node_facts = facts.get(id(node))
            last = node_facts.last_start if node_facts is not None else None
            if node_facts is not None and node_facts.role == "master" and last is not None:
                masters.append((node, last))
        if len(masters) < 2:
            continue
        keep = _first_master(masters)
        for node, event in masters:
            if node is keep:
                continue
            others = [(n, e) for n, e in masters if n is not node]
            names = ", ".join(n.name for n, _ in others)
            yield MULTIPLE_MASTERS.diag(
                _where(event),
                f"node {node.name} last started as master ({_quote(event)}), and so did "
                f"{names} of the same HA cluster: {len(masters)} masters (split brain)",
                node=node.name,
                related=[_where(e) for _, e in others],
                group=cluster.label or cluster.name,
            )


def _first_master(masters: list[tuple[Node, Event]]) -> Node:
    """The master that is not reported: the earliest to start when every time compares (all
    with a zone offset, or all without), else the first in cluster order."""
    timed = [(e.when, i) for i, (_, e) in enumerate(masters) if e.when is not None]
    if len(timed) != len(masters) or len({when.tzinfo is None for when, _ in timed}) != 1:
        return masters[0][0]
    return masters[min(timed)[1]][0]


def _port_mismatch(node: Node, facts: LogFacts) -> Iterator[Diagnostic]:
    bound = facts.last_binding
    if bound is None or bound.port is None:
        return
    configured = _ha_server_port(node)
    if configured is None or configured[0] == bound.port:
        return
    port, entry = configured
    source = node.files.get(FileRole.DATABASE)
    related: list[Location] = []
    if entry is not None and source is not None:
        related.append(Location(source.display, entry.line, entry.column))
        setting = f"ha.server={entry.value} (port {port})"
    else:
        setting = f"ha.server is unset (default port {port})"
    yield PORT_MISMATCH.diag(
        _where(bound),
        f"node {node.name}: the log says the HA communication server was bound to port "
        f"{bound.port} ({_quote(bound)}), but {setting}: the running instance did not use "
        "this configuration",
        node=node.name,
        key="ha.server",
        related=related,
    )


def _ha_server_port(node: Node) -> tuple[int, Entry | None] | None:
    """The configured ``ha.server`` port and its entry; None when it is not known.

    Unknown means: no database settings (file absent or unreadable), or an ``ha.server`` value
    that did not parse (NHA108 reports it), so a default must not be assumed.
    """
    if node.database is None:
        return None
    entry = _entry(node, "ha.server")
    host_port = getattr(node.database, "ha_server", None)
    if host_port is None:
        return (DEFAULT_HA_SERVER_PORT, None) if entry is None else None
    port = getattr(host_port, "port", None)
    if not isinstance(port, int) or isinstance(port, bool):
        return None
    return port, entry


def _entry(node: Node, key: str) -> Entry | None:
    source = node.files.get(FileRole.DATABASE)
    document = source.document if source is not None else None
    return document.get(key) if document is not None else None


def _info_present(node: Node, facts: LogFacts) -> Iterator[Diagnostic]:
    if not facts.info_present:
        return
    last = facts.info_present[-1]
    count = len(facts.info_present)
    times = "once" if count == 1 else f"{count} times"
    related: list[Location] = []
    source = node.files.get(FileRole.DATABASE)
    for key in _MACHINE_ID_KEYS:
        entry = _entry(node, key)
        if entry is not None and source is not None:
            related.append(Location(source.display, entry.line, entry.column))
            break
    yield INFO_ALREADY_PRESENT.diag(
        _where(last),
        f"node {node.name}: the log shows {_quote(last)} ({times} in the part read): another "
        "live instance of the cluster has the same ha.server_id",
        node=node.name,
        related=related,
    )


def _where(event: Event) -> Location:
    """The event's location; line 1 when only the tail of a large log was read."""
    return Location(event.path, event.line or 1, 1)


def _quote(event: Event) -> str:
    """The event's evidence: its message and timestamp, and why the line is unknown if so."""
    text = f'"{event.message}" at {event.timestamp}'
    if event.line is None:
        text += f", line not counted: only the last {LOG_TAIL_BYTES >> 20} MiB of the log was read"
    return text
