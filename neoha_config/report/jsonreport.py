"""The JSON report (``--format json``); its pydantic model and schema are ``jsonmodel``'s."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from neoha_config.diagnostics import Severity
from neoha_config.version import tool_version

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from neoha_config.diagnostics import Diagnostic, Fix, Location
    from neoha_config.result import CheckResult, NodeInfo

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


def _node(n: NodeInfo) -> dict[str, Any]:
    return {
        "name": n.name,
        "path": n.path,
        "roles": list(n.roles),
        "releases": list(n.releases),
        "components": [
            {"role": role, "state": state, "evidence": evidence}
            for role, state, evidence in n.components
        ],
    }


def _summary(result: CheckResult) -> dict[str, Any]:
    return {
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "infos": result.count(Severity.INFO),
        "nodes": len(result.nodes),
        "files": result.files,
    }


def _sorted(result: CheckResult) -> list[Diagnostic]:
    return sorted(result.diagnostics, key=lambda d: d.sort_key())


def report_dict(result: CheckResult) -> dict[str, Any]:
    """The report of ``result`` as plain JSON data (the document ``render`` writes)."""
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "neoha_config", "version": tool_version()},
        "nodes": [_node(n) for n in result.nodes],
        "diagnostics": [_diagnostic(d) for d in _sorted(result)],
        "summary": _summary(result),
    }


# ``json.dumps(indent=2)`` of the whole report, written one node and one finding at a time: the
# indented encoder is written in Python and gathers every token of the document before joining
# them, which for a large tree took more memory than the tree itself. A value nested at depth
# ``level`` is its own indented text with every line break followed by ``level`` indents; the
# text is the same to the byte (a JSON string never holds a raw line break).
_ENCODER = json.JSONEncoder(indent=2)


def _at(text: str, level: int) -> str:
    return text.replace("\n", "\n" + "  " * level)


def _items(values: Iterable[Any], level: int) -> str:
    """A JSON array at depth ``level`` whose items are encoded one by one."""
    pad = "\n" + "  " * (level + 1)
    texts = [_at(_ENCODER.encode(value), level + 1) for value in values]
    if not texts:
        return "[]"
    return "[" + pad + ("," + pad).join(texts) + "\n" + "  " * level + "]"


def render(result: CheckResult) -> str:
    """The JSON report of ``result``: indented, ASCII-only (safe on any stream), newline-ended;
    ``json.dumps(report_dict(result), indent=2)`` and a newline. The node list, which grows
    with the tree, is written by ``_nodes`` with the C string encoder alone."""
    members = (
        ("version", _ENCODER.encode(REPORT_VERSION)),
        ("tool", _at(_ENCODER.encode({"name": "neoha_config", "version": tool_version()}), 1)),
        ("nodes", _nodes(result)),
        ("diagnostics", _items(map(_diagnostic, _sorted(result)), 1)),
        ("summary", _at(_ENCODER.encode(_summary(result)), 1)),
    )
    body = ",\n  ".join(f"{_ENCODER.encode(key)}: {text}" for key, text in members)
    return "{\n  " + body + "\n}\n"


def _strings(items: Sequence[str], indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    quote = json.encoder.encode_basestring_ascii
    return "[\n" + ",\n".join(inner + quote(item) for item in items) + "\n" + indent + "]"


def _nodes(result: CheckResult) -> str:
    """``report_dict(result)["nodes"]`` as ``json.dumps(..., indent=2)`` writes it, at the
    depth of the report's ``nodes`` key."""
    if not result.nodes:
        return "[]"
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
