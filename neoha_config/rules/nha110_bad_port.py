"""NHA110: a port setting that is not an integer in 1-65535."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, Rejected, rejected_values

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA110",
    Severity.ERROR,
    Scope.NODE,
    "a port setting is not an integer in 1-65535",
    keys=VALUE_KEYS["NHA110"],
)
def bad_port(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** one of `org.neo4j.server.webserver.port`,
    `org.neo4j.server.webserver.https.port`, `online_backup_port`, `remote_shell_port`, or the
    1.3 to 1.7 switches `enable_online_backup` / `enable_remote_shell` (`true`, `false` or
    `port=N`) does not hold a valid port.

    **Why:** Neo4j 1.8 validates ports ("Must be a valid port number") and refuses to start;
    older releases fail when binding. Neo4j reads raw strings, so a trailing blank makes a
    port invalid too.

    **How to fix:** use an integer from 1 to 65535 that no other listener on the host uses
    (see NHA309).

    **Example:**

    ```properties
    # bad
    enable_online_backup=port:6362
    # good
    enable_online_backup=port=6362
    ```
    """
    for bad in rejected_values(node, bad_port.keys.__contains__):
        yield bad_port.diag(bad.location, f"{bad.shown}: {_why(bad)}", node=node.name, key=bad.key)


def _why(bad: Rejected) -> str:
    if bad.key.startswith("enable_"):
        return f"not 'true', 'false' or 'port=N' with N in 1-65535 ({bad.model_reason})"
    return "not an integer in 1-65535"
