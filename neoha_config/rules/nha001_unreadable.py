"""NHA001: a known file that cannot be read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA001",
    Severity.ERROR,
    Scope.NODE,
    (
        "file cannot be read: permission, not a regular file (FIFO, device, directory), over "
        "1 MiB, or vanished"
    ),
)
def unreadable(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a known file (`neo4j-server.properties`, the database file, `coord.cfg`, `myid`)
    exists in a node but could not be read: the system refused (permission), it is not a
    regular file (a FIFO, a device, a socket, or a directory in the file's place), it is larger
    than 1 MiB, or it vanished between being listed and being opened (a dangling symlink
    counts).

    **Why:** Neo4j and ZooKeeper read these files at start; a file they cannot read stops the
    process, and nothing else can be checked in it. The checker never blocks on a FIFO or device
    and never reads more than 1 MiB of one file, so such a file is reported instead.

    **How to fix:** make the file a readable regular file, or remove what stands in its place.
    Configuration files are a few kilobytes; a file over 1 MiB is not a configuration file.

    **Example:** `mkfifo conf/neo4j.properties` gives
    `conf/neo4j.properties:1:1: NHA001 file cannot be read: it is a FIFO, not a regular file`.
    """
    for source in node.files.values():
        if source.error is not None:
            yield unreadable.diag(
                source.loc(), f"file cannot be read: {source.error}", node=node.name
            )
