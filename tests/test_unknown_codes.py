"""A code that names no rule, on the command line or in ``[tool.neoha_config]``, is exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.config import load_settings, parse_selector
from neoha_config.errors import NeohaConfigError

CLUSTER = Path(__file__).resolve().parents[1] / "examples" / "cluster"


@pytest.mark.parametrize(
    "argv",
    [
        ["--select", "NHA999"],
        ["--select", "NHA301,NHA999"],
        ["--ignore", "NHA9"],
        ["--ignore", "nha50"],
    ],
)
def test_unknown_code_on_the_command_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(CLUSTER), *argv]) == 2
    captured = capsys.readouterr()
    wanted = argv[1].split(",")[-1].upper()
    assert f"{argv[0]}: {wanted} is not a rule code" in captured.err
    assert "All checks passed" not in captured.err


@pytest.mark.parametrize("selector", ["NHA", "NHA1", "NHA30", "NHA301", "nha004"])
def test_existing_codes_and_prefixes_stay_valid(selector: str) -> None:
    assert main(["check", "-q", str(CLUSTER), "--select", selector]) == 0
    assert parse_selector(selector) == selector.upper()


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ('select = ["NHA999"]', "select"),
        ('ignore = ["NHA1", "NHA8"]', "ignore"),
        ('severity = { NHA999 = "error" }', "severity.NHA999"),
        (
            '[tool.neoha_config.per-file-ignores]\n"db1/**" = ["NHA777"]',
            'per-file-ignores."db1/**"',
        ),
    ],
)
def test_unknown_code_in_pyproject(
    tmp_path: Path,
    table: str,
    key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.neoha_config]\n{table}\n", encoding="utf-8")
    with pytest.raises(NeohaConfigError) as info:
        load_settings(tmp_path)
    assert info.value.key == key
    assert "is not a rule code" in str(info.value)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "node").mkdir()
    (tmp_path / "node" / "neo4j.properties").write_text("ha.server_id=1\n", encoding="utf-8")
    assert main(["check", "node"]) == 2
    assert "is not a rule code" in capsys.readouterr().err
