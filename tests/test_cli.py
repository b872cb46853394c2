"""The command-line dispatcher: version, help and usage errors."""

from __future__ import annotations

import pytest

from neoha_config.cli import main
from neoha_config.version import tool_version


def test_version_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out, err = capsys.readouterr()
    assert out == f"neoha-config {tool_version()}\n"
    assert err == ""


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["check", "--format", "xml"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "check" in capsys.readouterr().out
