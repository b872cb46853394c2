"""Tests for the SARIF 2.1.0 report, validated against the official schema."""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Rule, Scope
from neoha_config.report import sarif
from neoha_config.result import CheckResult

# The OASIS SARIF 2.1.0 schema (sarif-schema-2.1.0.json), shipped with the tests.
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
DB1 = "prod/db1/conf/neo4j.properties"
DB2 = "prod/db 2/conf/neo4j.properties"


def _rule(code: str, severity: Severity, summary: str, doc: str) -> Rule:
    return Rule(code, severity, Scope.NODE, summary, doc, lambda *_: ())


RULES = {
    "NHA004": _rule("NHA004", Severity.WARNING, "unknown key", "An unknown key.\n\nIt is ignored."),
    "NHA010": _rule("NHA010", Severity.INFO, "unused suppression", ""),
    "NHA301": _rule("NHA301", Severity.ERROR, "duplicate machine id", "Two nodes share an id."),
}


def sample() -> CheckResult:
    """Findings out of order; one of a code missing from RULES; brackets and non-ASCII."""
    diagnostics = [
        Diagnostic(
            "NHA301",
            Severity.ERROR,
            "ha.server_id=2 [dup] is also used by db1",
            Location(DB2, 7, 1),
            node="db2",
            key="ha.server_id",
            related=(Location(DB1, 7, 1), Location("prod/db3/x", 2, 4)),
            group="cluster neo4j.ha",
        ),
        Diagnostic("NHA004", Severity.WARNING, "unknown key 'ha.café'", Location(DB1, 3, 1)),
        Diagnostic("NHA010", Severity.INFO, "unused", Location(DB1, 2, 18)),
        Diagnostic("NHA999", Severity.ERROR, "a rule not in the catalogue", Location("f", 1, 1)),
    ]
    return CheckResult(diagnostics=diagnostics, files=3)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    assert SARIF_SCHEMA.is_file(), (
        f"the SARIF schema shipped with the tests is missing: {SARIF_SCHEMA}"
    )
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    if "properties" not in schema and "Root" in schema.get("definitions", {}):
        # This copy keeps the log's own schema in definitions/Root, and its root accepts anything.
        schema = {**schema, "$ref": "#/definitions/Root"}
    # Every $ref is local (#/definitions/...): validation never goes to the network.
    return jsonschema.Draft7Validator(schema)


def _log(**kwargs: Any) -> dict[str, Any]:
    root = kwargs.pop("root", Path("/srv/repo"))
    data: dict[str, Any] = json.loads(sarif.render(sample(), root=root, rules=RULES, **kwargs))
    return data


def test_validates_against_the_official_schema(validator: jsonschema.Draft7Validator) -> None:
    validator.validate(_log())
    validator.validate(json.loads(sarif.render(CheckResult(), rules={})))


def test_broken_log_is_rejected(validator: jsonschema.Draft7Validator) -> None:
    # Shows the validator is really applying the official schema.
    log = _log()
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)


def test_validates_with_the_registered_rules(validator: jsonschema.Draft7Validator) -> None:
    validator.validate(json.loads(sarif.render(sample())))


def test_run_and_driver() -> None:
    log = _log()
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "neoha_config"
    assert driver["version"] == version("neoha_config")
    assert [r["id"] for r in driver["rules"]] == ["NHA004", "NHA010", "NHA301", "NHA999"]
    assert driver["rules"][0] == {
        "id": "NHA004",
        "shortDescription": {"text": "unknown key"},
        "fullDescription": {"text": "An unknown key.\n\nIt is ignored."},
        "help": {
            "text": "An unknown key.\n\nIt is ignored.",
            "markdown": "An unknown key.\n\nIt is ignored.",
        },
        "defaultConfiguration": {"level": "warning"},
    }
    assert driver["rules"][1]["defaultConfiguration"] == {"level": "note"}
    assert "fullDescription" not in driver["rules"][1]
    assert driver["rules"][3] == {"id": "NHA999", "shortDescription": {"text": "NHA999"}}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/repo/"}}


def test_results() -> None:
    results = _log()["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("NHA999", 3, "error"),
        ("NHA301", 2, "error"),
        ("NHA010", 1, "note"),
        ("NHA004", 0, "warning"),
    ]
    dup = results[1]
    assert dup["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "prod/db%202/conf/neo4j.properties",
                    "uriBaseId": "%SRCROOT%",
                },
                "region": {"startLine": 7, "startColumn": 1},
            }
        }
    ]
    assert [r["id"] for r in dup["relatedLocations"]] == [1, 2]
    assert dup["relatedLocations"][1]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 4,
    }
    assert dup["message"]["text"] == (
        "ha.server_id=2 \\[dup\\] is also used by db1 Related: "
        "[prod/db1/conf/neo4j.properties:7:1](1), [prod/db3/x:2:4](2)."
    )
    assert dup["properties"] == {"node": "db2", "key": "ha.server_id", "group": "cluster neo4j.ha"}
    assert results[3]["message"]["text"] == "unknown key 'ha.café'"
    assert "relatedLocations" not in results[3]
    assert "properties" not in results[3]


def _diag(**changes: Any) -> Diagnostic:
    fields: dict[str, Any] = {
        "code": "NHA004",
        "severity": Severity.WARNING,
        "message": "unknown key 'x'",
        "location": Location("a/b", 3, 1),
        "key": "x",
    }
    fields.update(changes)
    return Diagnostic(**fields)


def test_fingerprint_ignores_the_line_only() -> None:
    base = sarif.fingerprint(_diag())
    assert len(base) == 32
    assert sarif.fingerprint(_diag(location=Location("a/b", 40, 7))) == base
    assert sarif.fingerprint(_diag(severity=Severity.ERROR)) == base
    for changed in (
        _diag(code="NHA005"),
        _diag(location=Location("a/c", 3, 1)),
        _diag(key="y"),
        _diag(key=None),
        _diag(message="unknown key 'y'"),
    ):
        assert sarif.fingerprint(changed) != base
    result = _log()["runs"][0]["results"][3]
    assert result["partialFingerprints"] == {
        "neohaConfig/v1": sarif.fingerprint(sample().diagnostics[1])
    }


def test_default_root_is_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = json.loads(sarif.render(CheckResult(), rules={}))
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
