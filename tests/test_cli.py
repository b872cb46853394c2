"""The command-line dispatcher: version, help and usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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


# --- odd names and odd streams ----------------------------------------------------------------


def _latin1_tree(root: Path) -> Path:
    """A node in a directory whose name holds the byte 0xE9 (not UTF-8), with one finding."""
    conf = os.fsencode(root) + b"/db\xe91/conf"
    os.makedirs(conf)
    with open(conf + b"/neo4j.properties", "wb") as handle:
        handle.write(b"ha.server_id=x\n")
    return root


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
@pytest.mark.parametrize("fmt", ["sarif", "github", "json", "text"])
def test_non_utf8_directory_names(tmp_path: Path, fmt: str) -> None:
    _latin1_tree(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--format", fmt, "."],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert b"internal error" not in proc.stderr
    out = proc.stdout.decode("utf-8")  # valid UTF-8, whatever the file names hold
    assert "NHA103" in out
    if fmt == "sarif":
        sarif = json.loads(out)
        (result,) = sarif["runs"][0]["results"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri == "db%E91/conf/neo4j.properties"  # the file's own bytes, percent-encoded
        out.encode("utf-8")  # and no lone surrogate in any message
    if fmt == "github":
        assert out.startswith("::error file=db\\udce91/conf/neo4j.properties,")


def _findings_tree(root: Path) -> Path:
    for i in range(1, 60):
        conf = root / f"db{i}" / "conf"
        conf.mkdir(parents=True)
        (conf / "neo4j.properties").write_text("ha.server_id=x\nunknown.key=1\n")
    return root


def test_closed_stdout_exits_2_with_a_short_message(tmp_path: Path) -> None:
    _findings_tree(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "neoha_config", "check", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # as `| head -c0` does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert err.decode() == "neoha-config: cannot write the output: Broken pipe\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_stdout_exits_2_with_a_short_message(tmp_path: Path) -> None:
    _findings_tree(tmp_path)
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "neoha_config", "check", "."],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert proc.returncode == 2
    assert (
        proc.stderr.decode() == "neoha-config: cannot write the output: No space left on device\n"
    )


def test_other_os_errors_are_still_internal_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from neoha_config.commands import explain

    def broken(_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(explain, "run", broken)
    assert main(["explain", "NHA001"]) == 2
    assert "internal error: PermissionError" in capsys.readouterr().err
