"""Inputs that must not blow up: work stays linear in the size of the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# Before each fix these inputs took minutes (quadratic); now a second or two. The timeouts only
# stop a regression from hanging the suite: they are a hundred times what a linear run needs.
HANG = 120


@pytest.mark.slow
def test_many_malformed_escapes_are_reported_in_linear_time(tmp_path: Path) -> None:
    lines = 30_000  # 300 KB: four minutes of quadratic rescans before, seconds now
    conf = tmp_path / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").write_bytes(b"k=\\uZZZZ\n" * lines)
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--format", "json", "--select", "NHA002"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["diagnostics"]
    assert len(found) == lines
    assert found[-1]["line"] == lines
    assert found[-1]["key"] == "k"
    assert "'\\uZZZZ'" in found[-1]["message"]


@pytest.mark.slow
def test_many_non_ascii_lines_are_reported_in_linear_time(tmp_path: Path) -> None:
    lines = 30_000  # each finding used to look its key up among all entries
    conf = tmp_path / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").write_bytes(b"".join(b"k%d=\xe9\n" % i for i in range(lines)))
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--format", "json", "--select", "NHA006"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr  # NHA006 is a warning
    found = json.loads(proc.stdout)["diagnostics"]
    assert len(found) == lines
    assert [d["key"] for d in found[-2:]] == [f"k{lines - 2}", f"k{lines - 1}"]


def test_duplicate_coordinators_give_one_small_finding(tmp_path: Path) -> None:
    """NHA106 once quoted the whole list per repeat: a 70 KB list printed hundreds of MB."""
    conf = tmp_path / "db1" / "conf"
    conf.mkdir(parents=True)
    entries = ",".join(f"zk{i % 50}:2181" for i in range(7000))  # about 70 KB, 6,950 repeats
    (conf / "neo4j.properties").write_text(f"ha.coordinators={entries}\n", encoding="latin-1")
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--format", "json", "--select", "NHA106"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    (found,) = json.loads(proc.stdout)["diagnostics"]
    assert found["code"] == "NHA106"
    assert len(found["message"]) < 1000
    assert "and 6945 more" in found["message"]
    assert len(proc.stdout) < 5000


def test_every_message_is_bounded(tmp_path: Path) -> None:
    """A huge value quoted by a rule (here NHA005 on a 200 KB value) is cut in the message."""
    conf = tmp_path / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").write_text("remote_shell_name=" + "x" * 200_000 + " \n")
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--format", "json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=HANG,
        check=False,
    )
    found = json.loads(proc.stdout)["diagnostics"]
    assert found
    assert all(len(d["message"]) <= 2100 for d in found)
    assert len(proc.stdout) < 20_000


def test_check_paths_refuses_one_path_given_as_a_string() -> None:
    from neoha_config import check_paths

    with pytest.raises(TypeError, match="a list of paths"):
        check_paths("examples")
