"""NHA009: a construct Python properties libraries read unlike the JVM."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import property_sources

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA009",
    Severity.WARNING,
    Scope.NODE,
    (
        "a construct where Python properties libraries and the JVM disagree (a line that is "
        "only \\); reported with the JVM's reading"
    ),
)
def parser_disagreement(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    r"""
    **What:** a line that is only a backslash, either at the end of the file or followed by a
    line starting with `#` or `!`.

    **Why:** the JVM reads such a line in a way Python properties libraries do not: at the end
    of the file it stores an empty key with an empty value, and before a `#` line it makes that
    line a comment, where `javaproperties` reads a key. Tools built on those libraries then see
    other settings than Neo4j or ZooKeeper. The checker follows the JVM; the message says how
    the JVM reads the lines.

    **How to fix:** delete the lone backslash (it is almost always a leftover of a wrapped line).

    **Example:**

    ```properties
    ha.pull_interval=10s
    \
    #ha.server_id=2
    ```
    """
    for source in property_sources(node):
        assert source.document is not None
        for issue in source.document.issues:
            if not issue.fatal:
                yield parser_disagreement.diag(
                    source.loc(issue.line, issue.column), issue.message, node=node.name
                )
