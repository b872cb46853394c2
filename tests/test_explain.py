"""Tests of ``explain`` and of the rule table generated from the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.docs import (
    TABLE_END,
    TABLE_START,
    releases_cell,
    rule_table_markdown,
    with_rule_table,
)
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
    assert lines[:2] == [
        "| code | severity | fixable | releases | summary |",
        "|---|---|---|---|---|",
    ]
    codes = [line.split("|")[1].strip() for line in lines[2:]]
    assert codes == list(rules())
    assert "| NHA001 | error |  | all | file cannot be read" in table
    assert "| NHA115 | info | safe | all | " in table
    assert "| NHA303 | error | unsafe | " in table


def _readme_rows() -> dict[str, dict[str, str]]:
    """The README rule table's rows by code, each as its cells."""
    text = README.read_text(encoding="utf-8")
    body = text.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip().splitlines()
    header = [c.strip() for c in body[0].strip("|").split("|")]
    rows = {}
    for line in body[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0]] = dict(zip(header, cells, strict=False))
    return rows


def test_readme_release_column_is_present_and_current() -> None:
    """The README rule table has a releases column, and each cell is the rule's releases."""
    rows = _readme_rows()
    assert set(rows) == set(rules())
    for code, rule in rules().items():
        assert rows[code]["releases"] == releases_cell(rule.releases), code
    # Coordinator rules apply where Neo4j ships a coordinator; others to every release.
    assert rows["NHA202"]["releases"] == "1.3-1.8"
    assert rows["NHA101"]["releases"] == "all"
    assert rows["NHA301"]["releases"] == "1.3-1.8"


@pytest.mark.parametrize(
    ("releases", "cell"),
    [(None, "all"), ("all", "all"), ("1.3-1.8", "1.3-1.8"), ("1.5,1.9", "1.5, 1.9")],
)
def test_rule_releases_argument(releases: str | None, cell: str) -> None:
    from neoha_config.diagnostics import Diagnostic, Severity
    from neoha_config.registry import Scope, rule

    def check() -> list[Diagnostic]:
        """**What:** x **Why:** x **How to fix:** x **Example:** x"""
        return []

    declared = rule("NHA999", Severity.INFO, Scope.TREE, "x", releases=releases)(check)
    assert releases_cell(declared.releases) == cell


def test_rule_releases_default_by_family_and_bad_span() -> None:
    from neoha_config.diagnostics import Diagnostic, Severity
    from neoha_config.registry import Scope, rule

    def check() -> list[Diagnostic]:
        """doc"""
        return []

    assert rule("NHA299", Severity.INFO, Scope.NODE, "x")(check).releases[-1] == "1.8"
    with pytest.raises(ValueError, match=r"2\.0"):
        rule("NHA998", Severity.INFO, Scope.NODE, "x", releases="1.3-2.0")


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
