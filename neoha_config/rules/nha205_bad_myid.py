"""NHA205: the myid file's first line is not an integer with nothing else on it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA205",
    Severity.ERROR,
    Scope.NODE,
    "myid does not hold an integer on its first line with nothing else on that line",
)
def bad_myid(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the `myid` file is empty, or its first line is not an integer with nothing
    around it (`␠1`, `1␠`, `one`). A line ending in CRLF is fine.

    **Why:** ZooKeeper reads the first line and calls `Long.parseLong` on it without trimming:
    `serverid 1  is not a number`, `serverid null is not a number` for an empty file. ZooKeeper
    3.3 reads `myid` only with more than one participant, so there a bad file in a standalone
    coordinator is a warning; 3.5 and later read it whenever `<dataDir>/myid` exists and reject
    it even standalone (an error under `--zookeeper 3.8`).

    **How to fix:** write only the id and a newline.

    **Example:**

    ```text
    bad:  "␠1⏎"
    good: "1⏎"
    ```
    """
    coord = ctx.coord(node)
    source = node.files.get(FileRole.MYID)
    if coord is None or source is None or source.data is None or node.myid is not None:
        return  # no coordinator, no file, unreadable (NHA001) or a good id
    first = node.myid_line
    read = node.myid_preferred and (coord.modern or coord.distributed)
    said = "serverid null is not a number" if first is None else f"serverid {first} is not a number"
    shown = "the file is empty" if first is None else f"its first line is {first!r}"
    if read:
        note = f"ZooKeeper stops with: {said}"
    elif not node.myid_preferred:
        note = f"ZooKeeper does not read it here, but would stop with: {said}"
    else:
        note = (
            f"ZooKeeper 3.3 reads myid only with more than one participant; 3.5+ read it "
            f"always and stop with: {said}"
        )
    yield bad_myid.diag(
        source.loc(),
        f"myid: {shown}, not an integer with nothing else on the line: {note}",
        severity=Severity.ERROR if read else Severity.WARNING,
        node=node.name,
        key="myid",
    )
