"""The JSON report (``--format json``); its pydantic model and schema are ``jsonmodel``'s."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from neoha_config.diagnostics import Severity
from neoha_config.version import tool_version

if TYPE_CHECKING:
    from neoha_config.diagnostics import Diagnostic, Fix, Location
    from neoha_config.result import CheckResult

REPORT_VERSION = 1
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://neoha-config.invalid/schemas/report.schema.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report; ``schemas/report.schema.json`` holds it
    (imports pydantic)."""
    from neoha_config.report.jsonmodel import report_schema as schema

    return schema()


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
    document = _document(result)
    document["nodes"] = [
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
    ]
    return document


def _document(result: CheckResult) -> dict[str, Any]:
    """The report without its node list (None in its place)."""
    diagnostics = [_diagnostic(d) for d in sorted(result.diagnostics, key=lambda d: d.sort_key())]
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "neoha_config", "version": tool_version()},
        "nodes": None,
        "diagnostics": diagnostics,
        "summary": {
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
            "nodes": len(result.nodes),
            "files": result.files,
        },
    }


_NODES = "\x00nodes\x00"  # stands for the node list while the rest is written


def render(result: CheckResult) -> str:
    """The JSON report of ``result``: indented, ASCII-only (safe on any stream), newline-ended.

    The text is ``json.dumps(report_dict(result), indent=2)``; the node list, which grows with
    the tree, is written by ``_nodes`` (the same text, without the indenting encoder's cost
    per value)."""
    document = _document(result)
    if not result.nodes:
        document["nodes"] = []
        return json.dumps(document, indent=2) + "\n"
    document["nodes"] = _NODES
    text = json.dumps(document, indent=2)
    return text.replace(json.dumps(_NODES), _nodes(result), 1) + "\n"


def _strings(items: Sequence[str], indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    quote = json.encoder.encode_basestring_ascii
    return "[\n" + ",\n".join(inner + quote(item) for item in items) + "\n" + indent + "]"


def _nodes(result: CheckResult) -> str:
    """``report_dict(result)["nodes"]`` as ``json.dumps(..., indent=2)`` writes it, at the
    depth of the report's ``nodes`` key."""
    quote = json.encoder.encode_basestring_ascii
    parts: list[str] = []
    for n in result.nodes:
        components = (
            "[\n"
            + ",\n".join(
                '        {\n          "role": '
                + quote(role)
                + ',\n          "state": '
                + quote(state)
                + ',\n          "evidence": '
                + quote(evidence)
                + "\n        }"
                for role, state, evidence in n.components
            )
            + "\n      ]"
            if n.components
            else "[]"
        )
        parts.append(
            '    {\n      "name": '
            + quote(n.name)
            + ',\n      "path": '
            + quote(n.path)
            + ',\n      "roles": '
            + _strings(n.roles, "      ")
            + ',\n      "releases": '
            + _strings(n.releases, "      ")
            + ',\n      "components": '
            + components
            + "\n    }"
        )
    return "[\n" + ",\n".join(parts) + "\n  ]"
