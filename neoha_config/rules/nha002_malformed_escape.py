"""NHA002: a malformed unicode escape, which the JVM refuses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._files import property_sources, quote

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA002",
    Severity.ERROR,
    Scope.NODE,
    "properties syntax error: malformed \\uXXXX escape (the JVM throws)",
)
def malformed_escape(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    r"""
    **What:** a key or value holds `\u` not followed by four hexadecimal digits (`\u12G4`, or
    `\u12` cut by the end of the line).

    **Why:** `java.util.Properties.load` throws
    `IllegalArgumentException: Malformed \uxxxx encoding.` and loads **nothing** from the file:
    the server or coordinator does not start. Inside a comment the same text is harmless. The
    checker still reads the rest of the file as well as it can, so other findings may follow.

    **How to fix:** write four hex digits (`\u00e9`), or double the backslash to mean a literal
    one (`C:\\users` instead of `C:\users`; Windows paths are the usual cause).

    **Example:** `org.neo4j.server.database.location=C:\users\neo4j\data` (`\us` is not an
    escape).
    """
    for source in property_sources(node):
        assert source.document is not None
        for issue in source.document.issues:
            if not issue.fatal:
                continue
            yield malformed_escape.diag(
                source.loc(issue.line, issue.column),
                f"malformed \\uXXXX escape {quote(issue.excerpt)}: the JVM throws 'Malformed "
                "\\uxxxx encoding' and loads nothing from this file",
                node=node.name,
                key=issue.key,
            )
