"""The rule registry: every rule's code, severity and documentation, and the checks that run."""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from neoha_config.diagnostics import Diagnostic, Location, Severity

if TYPE_CHECKING:
    from neoha_config.profile import Profile

RULES_PACKAGE = "neoha_config.rules"
"""Every public module of this package defines rules; importing it registers them."""


class Scope(enum.StrEnum):
    """What a check function receives."""

    NODE = "node"  # one Node: its files, documents and models
    TREE = "tree"  # the whole Tree: clusters, ensembles, logs


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's stable identity and its documentation."""

    code: str
    severity: Severity
    summary: str
    doc: str

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
        """Make a finding of this rule at ``location`` (severity defaults to the rule's)."""
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


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Options every check sees."""

    profile: Profile
    include_logs: bool = True


_RULES: dict[str, Rule] = {}
_CHECKS: dict[Scope, list[Callable[[Any, CheckContext], Iterable[Diagnostic]]]] = {
    Scope.NODE: [],
    Scope.TREE: [],
}

_LOADED: list[bool] = []  # set once every rule module is imported

F = TypeVar("F", bound=Callable[..., Iterable[Diagnostic]])


def define(code: str, severity: Severity, summary: str, doc: str) -> Rule:
    """Register a rule and return it; ``doc`` is Markdown, shown by ``explain``.

    Raises ``ValueError`` when the code is registered twice.
    """
    if code in _RULES:
        raise ValueError(f"rule {code} is defined twice")
    rule = Rule(code, severity, summary, inspect.cleandoc(doc))
    _RULES[code] = rule
    return rule


def check(scope: Scope) -> Callable[[F], F]:
    """Register a check function of ``scope``; it yields diagnostics of one or more rules."""

    def register(func: F) -> F:
        _CHECKS[scope].append(func)
        return func

    return register


def rule_modules() -> list[str]:
    """The rule modules, by name, in name order (modules starting with ``_`` are helpers)."""
    package = importlib.import_module(RULES_PACKAGE)
    return sorted(
        f"{RULES_PACKAGE}.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


def _load() -> None:
    if _LOADED:
        return
    for name in rule_modules():
        importlib.import_module(name)
    _LOADED.append(True)


def rules() -> dict[str, Rule]:
    """Every registered rule by code, in code order."""
    _load()
    return dict(sorted(_RULES.items()))


def checks(scope: Scope) -> Iterator[Callable[[Any, CheckContext], Iterable[Diagnostic]]]:
    """The registered check functions of ``scope``, in registration order."""
    _load()
    yield from _CHECKS[scope]
