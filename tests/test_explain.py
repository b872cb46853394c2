"""Tests of ``explain`` and of the rule table generated from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.docs import TABLE_END, TABLE_START, rule_table_markdown
from neoha_config.registry import rules

README = Path(__file__).resolve().parents[1] / "README.md"
FILE_CODES = [f"NHA{n:03d}" for n in range(1, 11)]


@pytest.mark.parametrize("code", FILE_CODES)
def test_file_rules_are_documented(code: str) -> None:
    rule = rules()[code]
    for part in ("**What:**", "**Why:**", "**How to fix:**", "**Example"):
        assert part in rule.doc, f"{code} lacks {part}"


def test_every_rule_has_summary_and_doc() -> None:
    found = rules()
    assert found
    for code, rule in found.items():
        assert re.fullmatch(r"NHA\d{3}", code)
        assert rule.summary.strip()
        assert rule.doc.strip()


@pytest.mark.parametrize("code", ["NHA004", "nha004", " NHA004 "])
def test_explain_prints_the_rule(capsys: pytest.CaptureFixture[str], code: str) -> None:
    assert main(["explain", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith("NHA004 (warning): unknown key in a known namespace")
    assert "did you mean" in out
    assert rules()["NHA004"].doc in out


@pytest.mark.parametrize(("code", "suggested"), [("NHA04", "NHA004"), ("NHA999", "NHA")])
def test_explain_unknown_code_exits_2(
    capsys: pytest.CaptureFixture[str], code: str, suggested: str
) -> None:
    assert main(["explain", code]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "unknown rule code" in err
    assert suggested in err


def test_rule_table_lists_every_rule_once() -> None:
    table = rule_table_markdown()
    lines = table.splitlines()
    assert lines[:2] == ["| code | severity | fixable | summary |", "|---|---|---|---|"]
    codes = [line.split("|")[1].strip() for line in lines[2:]]
    assert codes == list(rules())
    assert "| NHA001 | error |  | file cannot be read" in table
    assert "| NHA115 | warning | safe | " in table
    assert "| NHA303 | error | unsafe | " in table


def test_readme_rule_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    if TABLE_START not in text or TABLE_END not in text:
        pytest.skip("README rule table not yet written")
    inside = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0]
    assert inside.strip() == rule_table_markdown().strip(), (
        "README.md's rule table is stale: replace the text between the markers with "
        "neoha_config.docs.rule_table_markdown()"
    )
