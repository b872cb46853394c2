"""Tests for the JSON report and its committed JSON Schema."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.report import jsonreport
from neoha_config.result import CheckResult, NodeInfo

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"
DB1 = "prod/db1/conf/neo4j.properties"
DB2 = "prod/db2/conf/neo4j.properties"


def sample() -> CheckResult:
    """Findings given out of order, with related sites, no node/key and awkward characters."""
    diagnostics = [
        Diagnostic(
            "NHA301",
            Severity.ERROR,
            "ha.server_id=2 is also used by db1",
            Location(DB2, 7, 1),
            node="db2",
            key="ha.server_id",
            related=(Location(DB1, 7, 1),),
            group="cluster neo4j.ha",
        ),
        Diagnostic(
            "NHA005",
            Severity.WARNING,
            "value '50%, a:b\nnext' of 'ha.café' has trailing whitespace",
            Location(DB1, 9, 3),
            node="db1",
            key="ha.café",
        ),
        Diagnostic("NHA004", Severity.WARNING, "unknown key", Location(DB1, 9, 1), node="db1"),
        Diagnostic("NHA003", Severity.WARNING, "duplicate", Location(DB1, 9, 1), node="db1"),
        Diagnostic("NHA007", Severity.INFO, "no node", Location("other", 1, 1)),
    ]
    nodes = [
        NodeInfo("db1", "prod/db1", ("database",)),
        NodeInfo("db2", "prod/db2", ("database", "coordinator"), ("1.7", "1.8")),
    ]
    return CheckResult(diagnostics=diagnostics, nodes=nodes, files=5)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == jsonreport.report_schema(), (
        "schemas/report.schema.json is stale: regenerate it with `neoha-config schema`"
    )


def test_schema_is_strict() -> None:
    schema = jsonreport.report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    optional = {"DiagnosticEntry": {"fix"}}  # present only on fixable findings
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name
        assert set(definition["required"]) == set(definition["properties"]) - optional.get(
            name, set()
        ), name
    diag = schema["$defs"]["DiagnosticEntry"]["properties"]
    assert diag["code"]["pattern"] == "^NHA[0-9]{3}$"
    assert diag["severity"]["enum"] == ["error", "warning", "info"]


def test_rendered_report_validates(validator: jsonschema.Draft202012Validator) -> None:
    for result in (sample(), CheckResult()):
        validator.validate(json.loads(jsonreport.render(result)))


def test_rendered_report_fields() -> None:
    rendered = jsonreport.render(sample())
    assert rendered.endswith("}\n")
    assert rendered.isascii()
    doc = json.loads(rendered)
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "neoha_config", "version": version("neoha_config")}
    assert doc["nodes"][1] == {
        "name": "db2",
        "path": "prod/db2",
        "roles": ["database", "coordinator"],
        "releases": ["1.7", "1.8"],
        "components": [],
    }
    assert doc["summary"] == {"errors": 1, "warnings": 3, "infos": 1, "nodes": 2, "files": 5}
    order = [(d["path"], d["line"], d["column"], d["code"]) for d in doc["diagnostics"]]
    assert order == [
        ("other", 1, 1, "NHA007"),
        (DB1, 9, 1, "NHA003"),
        (DB1, 9, 1, "NHA004"),
        (DB1, 9, 3, "NHA005"),
        (DB2, 7, 1, "NHA301"),
    ]
    assert doc["diagnostics"][0]["node"] is None
    assert doc["diagnostics"][0]["key"] is None
    assert doc["diagnostics"][3]["message"] == (
        "value '50%, a:b\nnext' of 'ha.café' has trailing whitespace"
    )
    assert doc["diagnostics"][3]["key"] == "ha.café"
    assert doc["diagnostics"][4] == {
        "code": "NHA301",
        "severity": "error",
        "message": "ha.server_id=2 is also used by db1",
        "path": DB2,
        "line": 7,
        "column": 1,
        "node": "db2",
        "key": "ha.server_id",
        "related": [{"path": DB1, "line": 7, "column": 1}],
    }


def _valid_report() -> dict[str, Any]:
    return jsonreport.report_dict(sample())


@pytest.mark.parametrize(
    "breakage",
    [
        lambda d: d.update(version=2),
        lambda d: d.update(extra=True),
        lambda d: d["tool"].update(name="other"),
        lambda d: d["diagnostics"][0].update(code="NHA0071"),
        lambda d: d["diagnostics"][0].update(code="E501"),
        lambda d: d["diagnostics"][0].update(severity="fatal"),
        lambda d: d["diagnostics"][0].update(line=0),
        lambda d: d["diagnostics"][0].update(group="x"),
        lambda d: d["diagnostics"][0].pop("related"),
        lambda d: d["diagnostics"][0].pop("node"),
        lambda d: d["diagnostics"][4]["related"][0].update(column="1"),
        lambda d: d["nodes"][0].update(roles=["log"]),
        lambda d: d["summary"].update(errors=-1),
        lambda d: d["summary"].pop("files"),
    ],
)
def test_schema_rejects_broken_reports(
    validator: jsonschema.Draft202012Validator, breakage: Any
) -> None:
    doc = _valid_report()
    validator.validate(doc)
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(doc)


CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "cases"


def test_render_writes_what_json_dumps_writes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Byte for byte ``json.dumps(report_dict(result), indent=2)``, over every case tree (with
    their fixes) and results with awkward text and nothing in them."""
    from neoha_config.cli import main

    def reference(result: CheckResult) -> str:
        return json.dumps(jsonreport.report_dict(result), indent=2) + "\n"

    for result in (sample(), CheckResult()):
        assert jsonreport.render(result) == reference(result)
    real = jsonreport.render
    differing: list[str] = []
    rendered: list[int] = []

    def checked(result: CheckResult) -> str:
        text = real(result)
        rendered.append(len(result.diagnostics))
        if text != reference(result):
            differing.append(str(len(rendered)))
        return text

    monkeypatch.setattr(jsonreport, "render", checked)
    cases = sorted(p.parent for p in CASES.glob("*/expected.json"))
    for case in cases:
        monkeypatch.chdir(case)
        main(["check", "--format", "json", "."])
    capsys.readouterr()
    assert len(rendered) == len(cases)
    assert sum(rendered) > 100  # the cases' findings were rendered too
    assert not differing
