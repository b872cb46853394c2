"""Tests of ``explain`` and of the rule table generated from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.docs import TABLE_END, TABLE_START, rule_table_markdown, with_rule_table
from neoha_config.docs import main as docs_main
from neoha_config.registry import DOC_PARTS
from neoha_config.rules import by_code as rules

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
    assert "| NHA115 | info | safe | " in table
    assert "| NHA303 | error | unsafe | " in table


def test_readme_rule_table_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert TABLE_START in text
    assert TABLE_END in text
    assert with_rule_table(text) == text, (
        "README.md's rule table is stale: run python -m neoha_config.docs README.md"
    )


def test_docs_command_rewrites_a_stale_table(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n{TABLE_START}\n| old |\n{TABLE_END}\nafter\n", encoding="utf-8")
    assert docs_main([str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "| old |" not in text
    assert rule_table_markdown() in text
    assert text.endswith(f"{TABLE_END}\nafter\n")
    assert docs_main([str(tmp_path / "missing.md")]) == 2


@pytest.mark.parametrize("code", list(rules()))
def test_rule_documentation_has_the_four_parts(code: str) -> None:
    """Every rule's docstring says what, why, how to fix, and shows an example, in order."""
    doc = rules()[code].doc
    positions = [doc.find(part) for part in DOC_PARTS]
    assert all(p >= 0 for p in positions), f"{code} lacks {DOC_PARTS}"
    assert positions == sorted(positions), f"{code}: parts out of order"


def test_every_rule_is_in_the_table_once() -> None:
    """The explicit table is the only source: no code twice, each code matches its file name."""
    from neoha_config.rules import RULES

    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        module = rule.check.__module__.rsplit(".", 1)[-1]
        assert rule.code.lower() in module, f"{rule.code} lives in {module}"
