"""NHA305: coordinators of one ensemble have different server.N sets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.hosts import host_key
from neoha_config.models.plain import PeerType, ServerLine
from neoha_config.registry import Scope, rule
from neoha_config.rules._cluster import majority
from neoha_config.topology import Ensemble
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA305",
    Severity.ERROR,
    Scope.TREE,
    "coordinators of one ensemble have different server.N sets",
)
def different_server_lines(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the coordinators of one ensemble (coordinators whose `server.N` lines share a
    `host:quorumPort`) do not all carry the same `server.N` block. Lines are compared by id,
    host (`localhost`, `127.x.x.x` and `::1` as one, names in any case), quorum port, election
    port and peer type.

    **Why:** each coordinator votes and counts its quorum from its own list. The shipped
    `coord.cfg` and the ZooKeeper admin guide both ask for the same server list in every file;
    with different lists the members disagree on the quorum size and on where to reach each
    other, which at worst lets two halves each elect a leader (split brain).

    **How to fix:** copy one `server.N` block into every `coord.cfg`. The block that most
    coordinators use is taken as the intended one; each coordinator that differs is reported
    at its first differing line, with the lines it disagrees with as related sites.

    **Example:**

    ```properties
    # zk1 and zk2
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2888:3888
    # zk3 (reported: server.3 differs)
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2889:3889
    ```
    """
    for ens in ctx.topology.ensembles:
        if len(ens.coordinators) > 1:
            yield from _ensemble(ens)


_LineKey = tuple[int, str, int, int | None, PeerType]


def _line_key(line: ServerLine) -> _LineKey:
    return (line.id, host_key(line.host), line.quorum_port, line.election_port, line.peer_type)


def _ensemble(ens: Ensemble) -> Iterator[Diagnostic]:
    blocks: list[tuple[Node, dict[int, ServerLine], frozenset[_LineKey]]] = []
    for node in ens.coordinators:
        servers = node.coord.servers if node.coord is not None else {}
        blocks.append((node, servers, frozenset(_line_key(line) for line in servers.values())))
    common = majority([block for _, _, block in blocks])
    holders = [(n, s) for n, s, b in blocks if b == common]
    if len(holders) == len(blocks):
        return
    ref, ref_servers = holders[0]
    for node, servers, block in blocks:
        if block == common:
            continue
        changed = sorted(
            sid
            for sid in servers
            if sid in ref_servers and _line_key(servers[sid]) != _line_key(ref_servers[sid])
        )
        extra = sorted(set(servers) - set(ref_servers))
        lacking = sorted(set(ref_servers) - set(servers))
        diff = [
            f"server.{sid}={servers[sid]} where {ref.name} has {ref_servers[sid]}"
            for sid in changed
        ]
        diff += [f"server.{sid}={servers[sid]} that {ref.name} lacks" for sid in extra]
        diff += [f"no server.{sid} ({ref.name} has {ref_servers[sid]})" for sid in lacking]
        first = min(changed + extra, default=min(servers, default=None))
        key = f"server.{first}" if first is not None else None
        yield different_server_lines.diag(
            node.where(FileRole.COORD, key),
            f"coordinator {node.name} of {ens.label} has a different server.N block than "
            f"{len(holders)} of its {len(blocks)} coordinators (e.g. {ref.name}): "
            + "; ".join(diff),
            node=node.name,
            key=key,
            related=[
                ref.where(FileRole.COORD, f"server.{sid}")
                for sid in sorted(set(changed) | set(lacking))
            ]
            or [ref.where(FileRole.COORD)],
            group=ens.label,
        )
