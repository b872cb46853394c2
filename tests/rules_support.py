"""Running rules in tests: every rule, or those of some codes, over one node or a whole tree."""

from __future__ import annotations

from collections.abc import Iterable

from neoha_config.context import CheckContext
from neoha_config.diagnostics import Diagnostic
from neoha_config.profile import Profile
from neoha_config.registry import Scope
from neoha_config.rules import RULES
from neoha_config.tree import Node, Tree


def findings(
    subject: Node | Tree,
    *,
    codes: Iterable[str] = ("NHA",),
    profile: Profile = Profile.ZK33,
    include_logs: bool = True,
    neo4j: str = "auto",
) -> list[Diagnostic]:
    """The findings of the rules whose code starts with one of ``codes``, sorted.

    A node is checked as a tree of its own, under ``neo4j`` (``auto`` or one release). No
    selection, suppression or override applies.
    """
    tree = subject if isinstance(subject, Tree) else Tree(nodes=[subject])
    ctx = CheckContext(tree, profile=profile, include_logs=include_logs, neo4j=neo4j)
    prefixes = tuple(codes)
    found: list[Diagnostic] = []
    for rule in RULES:
        if not rule.code.startswith(prefixes):
            continue
        if rule.scope is Scope.NODE:
            for node in tree.nodes:
                found.extend(rule(node, ctx))
        elif rule.scope is Scope.TREE:
            found.extend(rule(ctx))
    return sorted(found, key=Diagnostic.sort_key)
