"""The JSON report (``--format json``) and the pydantic model its JSON Schema comes from."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from neoha_config.diagnostics import Severity
from neoha_config.version import tool_version

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic, Fix, Location
    from neoha_config.result import CheckResult

REPORT_VERSION = 1
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://neoha-config.invalid/schemas/report.schema.json"

Position = Annotated[int, Field(ge=1)]
Count = Annotated[int, Field(ge=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolInfo(_Strict):
    """The program that wrote the report."""

    name: Literal["neoha_config"]
    version: str = Field(description="The installed neoha_config version.")


class NodeEntry(_Strict):
    """A checked node."""

    name: str = Field(description="Path relative to the argument it was found under.")
    path: str = Field(description="Path relative to the current directory, '/'-separated.")
    roles: list[Literal["database", "coordinator"]]
    releases: list[Literal["1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"]] = Field(
        description="The Neo4j releases the node's files are consistent with (--neo4j auto), "
        "or the one asked for; empty for a node that is only a coordinator.",
    )
    components: list[ComponentEntry] = Field(
        description="Each of the node's roles, database first, and whether it runs.",
    )


class ComponentEntry(_Strict):
    """One role of a node and whether it runs."""

    role: Literal["database", "coordinator"]
    state: Literal["live", "inert"] = Field(
        description="'inert': the tree shows the component is never started (a stock file left "
        "in a copied home); cluster, ensemble and port rules skip it."
    )
    evidence: str = Field(description="Why the component is judged live or inert.")


class RelatedSite(_Strict):
    """Another site of a cross-file finding."""

    path: str
    line: Position
    column: Position


class FixPosition(_Strict):
    """A place in a file: 1-based line and column (a column counts one byte a character)."""

    line: Position
    column: Position


class FixEdit(_Strict):
    """Replace the text from ``location`` up to ``end_location`` (exclusive) with ``content``."""

    path: str = Field(description="Path relative to the current directory, '/'-separated.")
    location: FixPosition
    end_location: FixPosition
    content: str


class FixEntry(_Strict):
    """The one repair of a finding, as `check --fix` applies it."""

    applicability: Literal["safe", "unsafe"] = Field(
        description="'safe' fixes keep what the software reads; 'unsafe' ones need --unsafe-fixes."
    )
    message: str
    edits: list[FixEdit]


class DiagnosticEntry(_Strict):
    """One finding, located at the offending key (line 1 column 1 for file-level findings)."""

    code: Annotated[str, Field(pattern=r"^NHA[0-9]{3}$")]
    severity: Literal["error", "warning", "info"]
    message: str
    path: str = Field(description="Path relative to the current directory, '/'-separated.")
    line: Position
    column: Position
    node: str | None = Field(description="Name of the node the finding is about, if one.")
    key: str | None = Field(description="The offending key, if one.")
    related: list[RelatedSite]
    fix: FixEntry | None = Field(
        default=None, description="Present on findings `check --fix` can fix."
    )


class Summary(_Strict):
    """Counts of findings by severity, and of what was checked."""

    errors: Count
    warnings: Count
    infos: Count
    nodes: Count
    files: Count


class Report(_Strict):
    """The report of one `neoha-config check --format json` run."""

    model_config = ConfigDict(title="neoha_config check report")

    version: Literal[1]
    tool: ToolInfo
    nodes: list[NodeEntry]
    diagnostics: list[DiagnosticEntry] = Field(description="Sorted by path, line, column, code.")
    summary: Summary


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report; ``schemas/report.schema.json`` holds it."""
    return {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **Report.model_json_schema()}


def _site(loc: Location) -> dict[str, Any]:
    return {"path": loc.path, "line": loc.line, "column": loc.column}


def fix_dict(fix: Fix) -> dict[str, Any]:
    """A fix as the report writes it (``FixEntry``)."""
    return {
        "applicability": fix.applicability.value,
        "message": fix.message,
        "edits": [
            {
                "path": e.path,
                "location": {"line": e.start[0], "column": e.start[1]},
                "end_location": {"line": e.end[0], "column": e.end[1]},
                "content": e.content,
            }
            for e in fix.edits
        ],
    }


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    out = {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        **_site(d.location),
        "node": d.node,
        "key": d.key,
        "related": [_site(r) for r in d.related],
    }
    if d.fix is not None:
        out["fix"] = fix_dict(d.fix)
    return out


def report_dict(result: CheckResult) -> dict[str, Any]:
    """The report of ``result`` as plain JSON data (the document ``render`` writes)."""
    diagnostics = [_diagnostic(d) for d in sorted(result.diagnostics, key=lambda d: d.sort_key())]
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "neoha_config", "version": tool_version()},
        "nodes": [
            {
                "name": n.name,
                "path": n.path,
                "roles": list(n.roles),
                "releases": list(n.releases),
                "components": [
                    {"role": role, "state": state, "evidence": evidence}
                    for role, state, evidence in n.components
                ],
            }
            for n in result.nodes
        ],
        "diagnostics": diagnostics,
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "nodes": len(result.nodes),
            "files": result.files,
        },
    }


def render(result: CheckResult) -> str:
    """The JSON report of ``result``: indented, ASCII-only (safe on any stream), newline-ended."""
    return json.dumps(report_dict(result), indent=2) + "\n"
