"""Rules as data: each rule's code, severity, scope, summary, documentation and check."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.records import dataclass, field

MESSAGE_LIMIT = 2000
"""The most characters of one finding's message."""

DOC_PARTS = ("**What:**", "**Why:**", "**How to fix:**", "**Example:**")
"""The four parts every rule's documentation has, in this order."""


class Scope(enum.StrEnum):
    """What a rule's check receives, and when it runs."""

    NODE = "node"  # check(node, ctx): once per node
    TREE = "tree"  # check(ctx): once per check, over the whole tree and its topology
    REPORT = "report"  # check(ctx): after suppression, over what the policy recorded


CheckFunction = Callable[..., Iterable[Diagnostic]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its stable identity, its documentation (the check's docstring) and its check.

    ``keys`` lists the settings whose values the rule owns (value rules only), so that one key's
    invalid value is reported by one rule. ``releases`` lists the Neo4j release lines the rule
    applies to, oldest first (see ``rule``).
    """

    code: str
    severity: Severity
    scope: Scope
    summary: str
    doc: str
    check: CheckFunction = field(compare=False, repr=False)
    keys: frozenset[str] = frozenset()
    releases: tuple[str, ...] = ()

    def __call__(self, *args: Any) -> Iterable[Diagnostic]:
        return self.check(*args)

    def diag(
        self,
        location: Location,
        message: str,
        *,
        severity: Severity | None = None,
        node: str | None = None,
        key: str | None = None,
        related: Iterable[Location] = (),
        group: str | None = None,
    ) -> Diagnostic:
        """Make a finding of this rule at ``location`` (severity defaults to the rule's).

        A message longer than ``MESSAGE_LIMIT`` is cut there: findings land in CI logs, and a
        value quoted from a hostile or broken file must not make them grow with the input.
        """
        if len(message) > MESSAGE_LIMIT:
            message = message[:MESSAGE_LIMIT] + f"... ({len(message) - MESSAGE_LIMIT} more)"
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            location=location,
            node=node,
            key=key,
            related=tuple(related),
            group=group,
        )


def cleandoc(text: str) -> str:
    """``text`` with its common indentation and surrounding blank lines removed (as
    ``inspect.cleandoc``, without importing ``inspect`` on the check path)."""
    lines = text.expandtabs().split("\n")
    rest = [ln for ln in lines[1:] if ln.strip()]
    margin = min((len(ln) - len(ln.lstrip()) for ln in rest), default=0)
    body = [lines[0].strip(), *(ln[margin:].rstrip() for ln in lines[1:])]
    while body and not body[0]:
        body.pop(0)
    while body and not body[-1]:
        body.pop()
    return "\n".join(body)


def rule(
    code: str,
    severity: Severity,
    scope: Scope,
    summary: str,
    *,
    keys: Iterable[str] = (),
    releases: str | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule: the decorated check becomes a ``Rule`` whose docstring is its
    documentation (Markdown, shown by ``explain``).

    ``releases`` names the Neo4j release lines the rule applies to, as the key catalogue
    writes spans (``"1.3-1.8"``, ``"1.8,1.9"``, ``"all"``). Unset, it is ``DEFAULT_RELEASES``
    of the rule's family: coordinator rules (NHA2xx) apply where Neo4j ships a coordinator,
    1.3-1.8 (1.9 clusters have none); every other rule to every release. Raises
    ``ValueError`` for a check without a docstring or a span that names no release line.
    """
    from neoha_config.catalogue._spec import NEO4J_RELEASES, span

    text = releases if releases is not None else default_releases(code)
    lines = NEO4J_RELEASES if text == ALL_RELEASES else span(text)

    def declare(check: CheckFunction) -> Rule:
        if not check.__doc__:
            raise ValueError(f"rule {code} has no documentation")
        doc = cleandoc(check.__doc__)
        return Rule(code, severity, scope, summary, doc, check, frozenset(keys), lines)

    return declare


ALL_RELEASES = "all"
"""The ``releases`` of a rule that applies to every Neo4j release line."""

DEFAULT_RELEASES: dict[str, str] = {"NHA2": "1.3-1.8"}
"""Default ``releases`` by code prefix; codes without an entry apply to every release."""


def default_releases(code: str) -> str:
    """The ``releases`` a rule declared without them applies to (see ``rule``)."""
    for prefix, releases in DEFAULT_RELEASES.items():
        if code.startswith(prefix):
            return releases
    return ALL_RELEASES
