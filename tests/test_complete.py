"""``--complete`` and ``complete = true``: the tree is the whole system (NHA325)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.config import merge, settings_from_table
from neoha_config.errors import NeohaConfigError

CASE = Path(__file__).parent / "data" / "cases" / "nha325-coordinator-not-in-complete-tree"


def test_table_sets_complete() -> None:
    assert settings_from_table({"complete": True}).complete is True
    assert settings_from_table({}).complete is False


def test_table_rejects_a_non_boolean() -> None:
    with pytest.raises(NeohaConfigError, match="complete: expected true or false"):
        settings_from_table({"complete": "yes"})


def test_flag_overrides_the_table() -> None:
    assert merge(settings_from_table({}), complete=True).complete is True
    assert merge(settings_from_table({"complete": True}), complete=None).complete is True


def _codes(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    main(["check", "--format", "json", *args, "."])
    return [d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]


def test_configuration_turns_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    tree = tmp_path / "tree"
    shutil.copytree(CASE, tree)
    (tree / "expected.json").unlink()
    (tree / ".git").mkdir()  # the repository root: settings are not looked up above it
    monkeypatch.chdir(tree)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert "NHA325" not in _codes(capsys)
    (tree / "pyproject.toml").write_text("[tool.neoha_config]\ncomplete = true\n")
    assert _codes(capsys).count("NHA325") == 3
