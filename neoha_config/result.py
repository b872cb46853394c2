"""The result of a check: findings plus what was checked, as the reports need it."""

from __future__ import annotations

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.records import dataclass, field


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """A node as the report lists it: name, display path, roles, and the Neo4j releases its
    files are consistent with (empty for a node without database files).

    ``components`` holds ``(role, state, evidence)`` for each role: ``state`` is ``live`` or
    ``inert`` (a component the tree shows never runs), ``evidence`` says why.
    """

    name: str
    path: str
    roles: tuple[str, ...]
    releases: tuple[str, ...] = ()
    components: tuple[tuple[str, str, str], ...] = ()


@dataclass(slots=True)
class CheckResult:
    """Sorted findings and the nodes and file count they came from."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    nodes: list[NodeInfo] = field(default_factory=list)
    files: int = 0

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def failed(self, *, strict: bool = False) -> bool:
        """True when an error was found, or a warning under ``strict``."""
        return any(
            d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING)
            for d in self.diagnostics
        )
