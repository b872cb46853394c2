"""NHA215: a relative dataLogDir that is not in the coordinator's home (ZooKeeper 3.3)."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.places import is_absolute
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

_KEY = "dataLogDir"


def _present(node: Node, rel: str, ctx: CheckContext) -> bool | None:
    """Whether ``rel`` is a directory under the node's home; None when the tree cannot tell (a
    link on the way, which may lead anywhere on the deployed machine)."""
    path = os.fspath(node.path)
    for part in rel.split("/"):
        path = ctx.look(node, os.path.join(path, part))
        if os.path.islink(path):
            return None
        if not os.path.isdir(path):
            return False
    return True


@rule(
    "NHA215",
    Severity.WARNING,
    Scope.NODE,
    "a relative dataLogDir is not in the coordinator's home: ZooKeeper 3.3 stops at start",
)
def missing_data_log_dir(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** under the ZooKeeper 3.3 profile, a running coordinator's `coord.cfg` sets
    `dataLogDir` to a relative directory that its home (NEO4J_HOME, the coordinator's working
    directory) does not hold.

    **Why:** ZooKeeper 3.3 requires `dataLogDir`, unlike `dataDir`, to exist when it reads its
    configuration, and stops with `dataLogDir <dir> is missing.`; the rule follows the 3.3
    profile only. A relative path resolves against the working directory. Version control does
    not keep empty directories, so a directory created only on the machine is missing from a
    checked-out tree too: hence a warning. An absolute path, a flat node (whose working
    directory the tree does not tell) and a path through a symbolic link are not checked.

    **How to fix:** create the directory in the home (keep a placeholder file in it under
    version control), or remove `dataLogDir` to keep the logs in `dataDir`.

    **Example:**

    ```text
    # coord.cfg: dataLogDir=data/coordinator-log
    data/coordinator-log/.keep
    ```
    """
    coord = ctx.coord(node)
    if coord is None or coord.modern or node.layout != "home":
        return
    value = coord.value(_KEY)
    if not value or is_absolute(value) or not ctx.coordinator_live(node):
        return
    rel = posixpath.normpath(value.replace("\\", "/"))
    if rel in (".", "..") or rel.startswith("../"):
        return
    if _present(node, rel, ctx) is not False:
        return
    yield missing_data_log_dir.diag(
        coord.loc(_KEY),
        f"{_KEY} = {value!r} is not a directory in the home of coordinator {node.name}: "
        f"ZooKeeper 3.3 stops with: dataLogDir {value} is missing. (unless the directory is "
        "created on the machine before the coordinator starts)",
        node=node.name,
        key=_KEY,
    )
