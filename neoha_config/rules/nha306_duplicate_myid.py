"""NHA306: two coordinators of one ensemble have the same myid."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole, Node

if TYPE_CHECKING:
    from neoha_config.context import CheckContext


@rule(
    "NHA306",
    Severity.ERROR,
    Scope.TREE,
    "two coordinators of one ensemble have the same myid",
)
def duplicate_myid(ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** two coordinators of one ensemble read the same id from their `myid` files.

    **Why:** a coordinator's `myid` says which `server.N` line is its own: the one it binds
    and votes as. Two coordinators with one id both claim one line, so one member is never
    started and the ensemble is a member short (or the two fight for the same ports). `myid`s
    are unrelated to `ha.server_id` (NHA301 checks those).

    **How to fix:** write into each coordinator's `<dataDir>/myid` the N of its own
    `server.N` line (`echo 2 > data/coordinator/myid`).

    **Example:**

    ```text
    zk1/data/coordinator/myid: 1
    zk2/data/coordinator/myid: 1   # reported: should be 2
    ```
    """
    for ens in ctx.topology.ensembles:
        if len(ens.coordinators) < 2:
            continue
        first: dict[int, Node] = {}
        for node in ens.coordinators:
            if node.myid is None:
                continue
            owner = first.setdefault(node.myid.value, node)
            if owner is node:
                continue
            yield duplicate_myid.diag(
                _myid_location(node),
                f"myid {node.myid.value} of coordinator {node.name} is also the myid of "
                f"coordinator {owner.name} in {ens.label}: both claim the line "
                f"server.{node.myid.value}, so one member of the ensemble never runs",
                node=node.name,
                related=[_myid_location(owner)],
                group=ens.label,
            )


def _myid_location(node: Node) -> Location:
    source = node.files.get(FileRole.MYID)
    return source.loc() if source is not None else node.where(FileRole.COORD)
