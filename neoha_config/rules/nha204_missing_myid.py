"""NHA204: a quorum peer without a myid file, or a myid where ZooKeeper will not read it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.places import is_absolute
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule("NHA204", Severity.ERROR, Scope.NODE, "more than one participant but no myid file")
def missing_myid(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the ensemble has more than one participant but the node has no `myid` file
    (looked up at `<dataDir>/myid`, then `<node>/myid`, then `data/coordinator/myid`). As a
    warning of this rule: a `myid` found somewhere other than `<dataDir>/myid` while `dataDir`
    is relative, where ZooKeeper will not read it.

    **Why:** in a quorum every server learns its own id from `<dataDir>/myid`; without it
    ZooKeeper stops with `<dataDir>/myid file is missing` (3.3) or `myid file is missing`
    (3.8). A relative `dataDir` resolves against the coordinator's working directory
    (NEO4J_HOME), so a `myid` elsewhere is never read. An absolute `dataDir` names a directory
    of the deployed machine: a `myid` is looked up where the path plainly ends in the node
    (`/var/lib/neo4j/data/coordinator` is `data/coordinator`) and beside the node's files; when
    none is there, the `myid` on the machine is not checked and this rule says so as `info`.

    **How to fix:** write the number of this coordinator's own `server.N` line into
    `<dataDir>/myid` (`echo 1 > data/coordinator/myid`).

    **Example:**

    ```text
    # coord.cfg: dataDir=data/coordinator/, server.1 to server.3
    data/coordinator/myid    1
    ```
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    source = node.files.get(FileRole.MYID)
    data_dir = coord.value("dataDir")
    if source is None:
        if coord.distributed and data_dir and is_absolute(data_dir):
            yield missing_myid.diag(
                coord.loc("dataDir"),
                f"dataDir = {data_dir!r} is an absolute path that names no directory of node "
                f"{node.name}: the myid on the deployed machine is not checked",
                severity=Severity.INFO,
                node=node.name,
                key="dataDir",
            )
        elif coord.distributed:
            expected = f"{data_dir.rstrip('/')}/myid" if data_dir else "<dataDir>/myid"
            said = "myid file is missing" if coord.modern else f"{expected} file is missing"
            yield missing_myid.diag(
                coord.loc(),
                f"{len(coord.participants)} participants but no myid file at {expected}: "
                f"ZooKeeper stops with: {said}",
                node=node.name,
                key="myid",
            )
    elif not node.myid_preferred:
        yield missing_myid.diag(
            source.loc(),
            f"myid found at {source.display}, where ZooKeeper will not read it: with dataDir = "
            f"{data_dir!r} it reads {data_dir.rstrip('/') if data_dir else '<dataDir>'}/myid "
            "(relative to the coordinator's working directory, NEO4J_HOME)",
            severity=Severity.WARNING,
            node=node.name,
            key="myid",
            related=[coord.loc("dataDir")],
        )
