"""``check --format github`` adds the picture and a findings table to the job summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.render import summary
from neoha_config.result import CheckResult

ROOT = Path(__file__).resolve().parents[1]


def test_summary_is_appended_when_the_variable_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    monkeypatch.chdir(ROOT / "examples")
    assert main(["check", "--format", "github", "broken"]) == 1
    out = capsys.readouterr().out
    assert "::error file=broken/db1/conf/neo4j.properties" in out
    text = target.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## neoha-config\n")
    block = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block.startswith("flowchart LR\n")
    assert '-->|"neo4j-manager-03:2888<br/>NHA303"|' in block
    rows = [line for line in text.splitlines() if line.startswith("| `NHA")]
    assert len(rows) == out.count("::error") + out.count("::warning") + out.count("::notice")
    assert any(
        row.startswith("| `NHA303` | error | `broken/db1/conf/neo4j.properties:4:1`")
        for row in rows
    )


def test_no_summary_without_the_variable_or_for_other_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "summary.md"
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert main(["check", "--format", "github", "-q", str(ROOT / "examples" / "cluster")]) == 0
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    assert main(["check", "--format", "json", "-q", str(ROOT / "examples" / "cluster")]) == 0
    assert not target.exists()


def test_unwritable_summary_warns_and_keeps_the_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    assert main(["check", "--format", "github", str(ROOT / "examples" / "cluster")]) == 0
    assert "cannot write" in capsys.readouterr().err


def test_table_cells_are_escaped() -> None:
    diag = Diagnostic("NHA004", Severity.WARNING, "a | b <b>x</b>\nnext", Location("p", 1, 1))
    text = summary.markdown("flowchart LR\n", CheckResult(diagnostics=[diag]))
    row = next(line for line in text.splitlines() if line.startswith("| `NHA004`"))
    assert row.endswith("| a \\| b &lt;b&gt;x&lt;/b&gt; next |")
