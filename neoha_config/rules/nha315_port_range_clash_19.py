"""NHA315: a Neo4j 1.9 port range on one host is too small, or holds another listener's port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.cluster19 import PortRange, backup_listener, cluster_listener, ha_listener
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster19 import all_members

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.ports import Listener


@rule(
    "NHA315",
    Severity.WARNING,
    Scope.TREE,
    "a Neo4j 1.9 port range on one host is too small for its listeners, or holds another "
    "listener's fixed port",
    releases="1.9",
)
def port_range_clash_19(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** on one machine, a Neo4j 1.9 member's listener that is given a port range
    (`ha.cluster_server`, default `0.0.0.0:5001-5099`; `ha.server`, default
    `0.0.0.0:6001-6011`; `online_backup_server`, default `0.0.0.0:6362-6372`) either

    - has fewer ports than the listeners on that machine that must bind inside it (itself,
      every fixed port in the range and every other range lying within it): an error, one of
      them cannot bind; or
    - holds the fixed port of another listener (a web, coordinator or other 1.9 port, or
      `online_backup_port=N`, which 1.9 reads as `online_backup_server=0.0.0.0:N`) at a place
      the range can reach: a warning.

    Two fixed ports that clash are NHA309's. A member's machine is the host of its
    `ha.cluster_server`, else of its `ha.server`; members of unknown host are not compared.

    **Why:** a 1.9 listener given a range tries its ports from the first to the last and
    keeps the first one that binds (`NetworkReceiver` for the cluster port, `Server` for the
    HA and backup ports). So a range takes its first port when it starts first. If it reaches a
    port another listener is set to use alone, whichever process starts second fails to bind,
    and which one that is depends on start order: the cluster comes up on one day and not on
    the next.

    **How to fix:** keep fixed ports out of the ranges on the same machine, or give each
    member one port of its own (`ha.cluster_server=db1:5001`, `online_backup_server=db1:6362`),
    or widen the range.

    **Example:** (one machine)

    ```properties
    # db1/conf/neo4j.properties
    online_backup_server=localhost:6362-6372
    # db2/conf/neo4j.properties (reported: db1 takes 6362 when it starts first)
    online_backup_port=6362
    ```
    """
    ranges: dict[str, list[PortRange]] = {}
    for m in all_members(ctx):
        if m.host is None:
            continue
        for found in (cluster_listener(m.node), ha_listener(m.node), backup_listener(m.node)):
            if found is not None and not found.fixed:
                ranges.setdefault(m.host, []).append(found)
    if not ranges:
        return
    fixed: dict[str, list[Listener]] = {}
    for listener in ctx.listeners:
        if listener.host in ranges:
            fixed.setdefault(listener.host, []).append(listener)
    for host, spans in ranges.items():
        yield from _host(host, spans, fixed.get(host, []))


def _host(host: str, spans: list[PortRange], fixed: list[Listener]) -> Iterator[Diagnostic]:
    group = f"host {host}"
    for span in spans:
        inside = [f for f in fixed if span.first <= f.port <= span.last]
        within = [
            o for o in spans if o is not span and span.first <= o.first and o.last <= span.last
        ]
        size = span.last - span.first + 1
        need = 1 + len({f.port for f in inside}) + len(within)
        if need > size:
            yield port_range_clash_19.diag(
                span.location,
                f"port range {span.ports()} on host {host}: {span.describe()} has {size} "
                f"port{'s' if size != 1 else ''}, but {need} listeners of that host bind "
                "inside it; one of them cannot bind",
                severity=Severity.ERROR,
                node=span.node.name,
                key=span.key,
                related=[f.location for f in inside] + [o.location for o in within],
                group=group,
            )
            continue
        for listener in inside:
            if listener.node is span.node and listener.key == span.key:
                continue
            below = range(span.first, listener.port)
            taken = len({f.port for f in fixed if f.port in below and f is not listener})
            rivals = sum(
                1
                for o in spans
                if o is not span and o.first <= below.stop - 1 and o.last >= below.start
            )
            if taken + rivals < len(below):
                continue  # the range stops at a free port below this one
            yield port_range_clash_19.diag(
                listener.location,
                f"port {listener.port} on host {host}: {listener.describe()} lies in "
                f"{span.describe()}, which takes its first free port when it starts; if "
                f"{span.node.name} starts first, {listener.node.name} cannot bind "
                f"{listener.port}",
                node=listener.node.name,
                key=listener.key,
                related=[span.location],
                group=group,
            )
