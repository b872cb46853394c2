"""Golden reports: the whole JSON report of every case, example and ZooKeeper corpus entry.

A change of findings shows here as a diff of one file under ``tests/data/golden/``. A change
made on purpose regenerates them with ``NEOHA_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and says why in its commit.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
GOLDEN = DATA / "golden"
PROFILES = ("3.3", "3.8")
REAL_WORLD = ROOT.parent / "shared" / "real-world"


@dataclass(frozen=True)
class Target:
    """One recorded report: its golden name, the directory it runs in, flags and paths."""

    name: str
    where: Path
    args: tuple[str, ...] = ()
    paths: tuple[str, ...] = (".",)


def _targets() -> list[Target]:
    out: list[Target] = []
    for case in sorted((DATA / "cases").glob("*/expected.json")):
        spec = json.loads(case.read_text(encoding="utf-8"))
        args, paths = tuple(spec.get("args", [])), tuple(spec.get("paths", ["."]))
        out.append(Target(f"case-{case.parent.name}", case.parent, args, paths))
    for example in sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir()):
        for profile in PROFILES:
            name = f"example-{example.name}-zk{profile}"
            out.append(Target(name, example, ("--zookeeper", profile)))
    for entry in sorted((DATA / "zk_corpus").glob("*/expect.json")):
        for profile in PROFILES:
            name = f"zk-{entry.parent.name}-zk{profile}"
            out.append(Target(name, entry.parent, ("--zookeeper", profile)))
    if REAL_WORLD.is_dir():
        for tree in sorted(
            p for p in REAL_WORLD.iterdir() if p.is_dir() and not p.name.startswith(".")
        ):
            out.append(Target(f"real-{tree.name}", REAL_WORLD, (), (tree.name,)))
    return out


TARGETS = _targets()


def _report(
    target: Target, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    monkeypatch.chdir(target.where)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["check", "--format", "json", *target.args, *target.paths])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    report.pop("tool", None)  # the version changes with every release, findings do not
    for diag in report["diagnostics"]:
        diag.pop("fix", None)  # fixes are not findings: tests/test_fix_cases.py records them
    report["exit"] = code
    return report


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_golden_report(
    target: Target, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The report equals the recorded one, field for field."""
    report = _report(target, monkeypatch, capsys)
    golden = GOLDEN / f"{target.name}.json"
    if os.environ.get("NEOHA_UPDATE_GOLDEN") == "1":
        golden.write_text(json.dumps(report, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert golden.is_file(), f"no golden report {golden.name}: run with NEOHA_UPDATE_GOLDEN=1"
    assert report == json.loads(golden.read_text(encoding="utf-8"))


def test_no_stale_golden_reports() -> None:
    """Every golden file belongs to a target, so a removed case takes its report with it."""
    names = {f"{t.name}.json" for t in TARGETS}
    stale = sorted(
        p.name
        for p in GOLDEN.glob("*.json")
        if p.name not in names and (REAL_WORLD.is_dir() or not p.name.startswith("real-"))
    )
    assert not stale
