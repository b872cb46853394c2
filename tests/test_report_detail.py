"""``check --statistics`` and ``--output-format full``."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from neoha_config.check import CheckOptions, check_paths
from neoha_config.cli import main
from neoha_config.report import detail
from neoha_config.rules import by_code as rules

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "examples")


def test_statistics_count_each_code(examples: None, capsys: pytest.CaptureFixture[str]) -> None:
    expected = Counter(d.code for d in check_paths(["broken"], CheckOptions()).diagnostics)
    assert main(["check", "broken", "--statistics"]) == 1
    captured = capsys.readouterr()
    rows = [
        re.match(r"\s*(\d+)  (NHA\d{3})  (\w+)\s+(.*)$", line) for line in captured.out.splitlines()
    ]
    assert all(rows), captured.out
    got = {m.group(2): int(m.group(1)) for m in rows if m}
    assert got == dict(expected)
    counts = [int(m.group(1)) for m in rows if m]
    assert counts == sorted(counts, reverse=True)
    assert rows[0] is not None
    assert rows[0].group(4) == rules()[rows[0].group(2)].summary
    assert captured.err.startswith("Found ")


def test_statistics_of_a_clean_tree_is_empty(
    examples: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "cluster", "--statistics"]) == 0
    assert capsys.readouterr().out == ""


def test_statistics_with_another_format_is_a_usage_error(examples: None) -> None:
    assert main(["check", "broken", "--statistics", "--format", "json"]) == 2


def test_full_output_follows_each_finding_with_rule_fix_and_docs(
    examples: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "broken", "--output-format", "full"]) == 1
    out = capsys.readouterr().out
    findings = check_paths(["broken"], CheckOptions()).diagnostics
    blocks = out.rstrip("\n").split("\n\n")
    assert len(blocks) == len(findings)
    for block, diag in zip(blocks, findings, strict=True):
        lines = block.splitlines()
        assert lines[0].startswith(f"{diag.location}: {diag.code} ")
        rule = rules()[diag.code]
        assert f"    rule: {rule.summary}" in lines
        assert f"    fix: {detail.fix_text(rule)}" in lines
        assert lines[-1] == f"    docs: neoha-config explain {diag.code}"


def test_every_rule_has_fix_text() -> None:
    missing = [code for code, rule in rules().items() if not detail.fix_text(rule)]
    assert missing == []


def test_concise_is_the_default_and_formats_are_unchanged(
    examples: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "broken"]) == 1
    concise = capsys.readouterr().out
    assert main(["check", "broken", "--output-format", "concise"]) == 1
    assert capsys.readouterr().out == concise
    assert "fix:" not in concise
    assert main(["check", "broken", "--format", "json", "--output-format", "full"]) == 1
    assert capsys.readouterr().out.startswith("{")
