"""The API reads ``[tool.neoha_config]`` as the command line does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import neoha_config
from neoha_config import CheckOptions, Settings, check_paths, load_settings
from neoha_config.cli import main
from neoha_config.errors import NeohaConfigError

BROKEN = Path(__file__).resolve().parents[1] / "examples" / "broken"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BROKEN, tmp_path / "prod")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.neoha_config]\nselect = ["NHA3"]\nignore = ["NHA301"]\n'
        'severity = { NHA302 = "error" }\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_paths_without_options_reads_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = check_paths(["prod"])
    codes = {d.code for d in result.diagnostics}
    assert codes
    assert all(c.startswith("NHA3") for c in codes)
    assert "NHA301" not in codes
    assert {d.severity.value for d in result.diagnostics if d.code == "NHA302"} == {"error"}
    # The command line sees the same findings.
    assert main(["check", "--format", "json", "prod"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {d["code"] for d in report["diagnostics"]} == codes


def test_explicit_options_are_the_defaults_not_the_file(project: Path) -> None:
    codes = {d.code for d in check_paths(["prod"], CheckOptions()).diagnostics}
    assert "NHA301" in codes
    assert "NHA008" in codes


def test_load_settings_is_the_one_way_in(project: Path) -> None:
    settings = load_settings()
    assert isinstance(settings, Settings)
    assert settings.source == project / "pyproject.toml"
    assert neoha_config.load_settings is load_settings
    result = check_paths(["prod"], CheckOptions(settings=settings))
    assert result.diagnostics == check_paths(["prod"]).diagnostics


def test_invalid_pyproject_raises_from_check_paths(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.neoha_config]\nselekt = []\n", encoding="utf-8")
    with pytest.raises(NeohaConfigError, match="selekt"):
        check_paths(["prod"])
