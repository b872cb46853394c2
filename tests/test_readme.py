"""The README's Python example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def test_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the Python API section has no python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(match.group(1), "README.md", "exec"), {})  # our own README, run as a user would
    edited = (tmp_path / "prod/db1/conf/neo4j.properties").read_text(encoding="latin-1")
    assert "ha.pull_interval=5s" in edited


def test_day2_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Day 2 in Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the day-2 section has no python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(match.group(1), "README.md", "exec"), {})  # our own README, run as a user would
    assert (tmp_path / "prod/db3/conf/neo4j.properties").is_file()
    assert 'host = "zk4.example.com"' in (tmp_path / "cluster.toml").read_text()
