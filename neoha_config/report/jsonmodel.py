"""The pydantic model of the JSON report (``--format json``), the source of its JSON Schema.

Only ``schema`` and the tests import it: writing a report needs no pydantic.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from neoha_config.report.jsonreport import SCHEMA_DIALECT, SCHEMA_ID

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
