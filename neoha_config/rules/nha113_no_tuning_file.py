"""NHA113: HA mode without a database settings file the server can find."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import ServerMode
from neoha_config.names import MODE_KEY, TUNING_KEY
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import server_mode
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA113",
    Severity.ERROR,
    Scope.NODE,
    "mode is ha but org.neo4j.server.db.tuning.properties is unset or names a missing file",
)
def no_tuning_file(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** the server runs in `ha` mode, but `org.neo4j.server.db.tuning.properties` is not
    set, or the file it names (relative to NEO4J_HOME) is not in the node. An absolute path
    that plainly ends with a file of the node (`/opt/neo4j/conf/neo4j.properties` and the
    node's `conf/neo4j.properties`; in a flat node, any directory and the file's name) is that
    file; any other absolute path names a file on the deployed machine that cannot be checked
    here: that is `info`, and the rules that need the file stay silent.

    **Why:** the HA settings live in that file, and the preflight has no default for it. It
    stops with `High-Availability mode requires org.neo4j.server.db.tuning.properties to be
    set in org.neo4j.server.properties`, or with `No database tuning file at [<path>]`. Neo4j
    reads the raw value, so a trailing blank names another file.

    **How to fix:** set it to `conf/neo4j.properties` and keep the HA settings there.

    **Example:**

    ```properties
    # bad: unset
    org.neo4j.server.database.mode=HA
    # good
    org.neo4j.server.database.mode=HA
    org.neo4j.server.db.tuning.properties=conf/neo4j.properties
    ```
    """
    mode, mode_site = server_mode(node)
    if mode is not ServerMode.HA or mode_site is None:
        return
    site = node.files[FileRole.SERVER].site(TUNING_KEY)
    if site is None:
        yield no_tuning_file.diag(
            mode_site.location,
            f"{MODE_KEY} = {mode_site.value!r} but {TUNING_KEY} is not set: the server stops "
            f"with: High-Availability mode requires {TUNING_KEY} to be set in "
            "org.neo4j.server.properties",
            node=node.name,
            key=MODE_KEY,
        )
        return
    if FileRole.DATABASE in node.files:
        return
    if posixpath.isabs(site.value) or PureWindowsPath(site.value).is_absolute():
        yield no_tuning_file.diag(
            site.location,
            f"{TUNING_KEY} = {site.value!r} is an absolute path: the HA settings file on the "
            "deployed machine is not checked",
            severity=Severity.INFO,
            node=node.name,
            key=TUNING_KEY,
            related=[mode_site.location],
        )
        return
    blank = " (Neo4j keeps the blanks around it)" if site.value != site.value.strip() else ""
    yield no_tuning_file.diag(
        site.location,
        f"{TUNING_KEY} = {site.value!r} names a file that is not in node {node.name}{blank}: "
        f"the server stops with: No database tuning file at [<NEO4J_HOME>/{site.value}]",
        node=node.name,
        key=TUNING_KEY,
        related=[mode_site.location],
    )
