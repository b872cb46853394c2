"""Data-driven check cases: every ``tests/data/cases/<case>/expected.json`` is one test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main

CASES_DIR = Path(__file__).parent / "data" / "cases"
CASES = sorted(p.parent for p in CASES_DIR.glob("*/expected.json"))
REPORT_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "report.schema.json"


def _matches(diag: dict[str, Any], want: dict[str, Any]) -> bool:
    for field in ("code", "path", "line", "column", "severity", "key", "node"):
        if field in want and diag.get(field) != want[field]:
            return False
    if "message_contains" in want and want["message_contains"] not in diag["message"]:
        return False
    if "related" in want:
        sites = {(r["path"], r["line"]) for r in diag.get("related", [])}
        if not all((r["path"], r["line"]) in sites for r in want["related"]):
            return False
    return True


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run ``check --format json`` in the case directory and compare with ``expected.json``.

    ``expected.json``: ``args`` (extra flags), ``paths`` (default ``["."]``), ``present`` (list of
    partial diagnostics: code and optionally path, line, column, severity, key, node,
    message_contains, related), ``absent`` (codes that must not appear), ``exit`` (exit code),
    ``only`` (true: no code other than those in ``present`` may appear).
    """
    spec = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    monkeypatch.chdir(case)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["check", "--format", "json", *spec.get("args", []), *spec.get("paths", ["."])])
    out = capsys.readouterr().out
    report = json.loads(out)
    diags = report["diagnostics"]
    if REPORT_SCHEMA.exists():
        import jsonschema

        jsonschema.validate(report, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    for want in spec.get("present", []):
        assert any(_matches(d, want) for d in diags), (
            f"missing {want} in {json.dumps(diags, indent=1)}"
        )
    for absent in spec.get("absent", []):
        hits = [d for d in diags if d["code"] == absent]
        assert not hits, f"unexpected {absent}: {hits}"
    if spec.get("only"):
        allowed = {w["code"] for w in spec.get("present", [])}
        extra = [d for d in diags if d["code"] not in allowed]
        assert not extra, f"unexpected findings: {extra}"
    if "exit" in spec:
        assert code == spec["exit"]
