"""Real Neo4j 1.x trees (``../shared/real-world``): `check` says what the real releases confirm.

Each tree's ``expect.json`` entry lists the findings that must appear and those that may;
any other error or warning is a false alarm. The trees are read where they are, never copied.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main

REAL_WORLD = Path(__file__).resolve().parents[2] / "shared" / "real-world"
EXPECT = REAL_WORLD / "expect.json"


def _trees() -> list[str]:
    if not EXPECT.is_file():
        return []
    return sorted(json.loads(EXPECT.read_text(encoding="utf-8"))["trees"])


@pytest.fixture(scope="module")
def expect() -> dict[str, Any]:
    if not EXPECT.is_file():
        if os.environ.get("NEOHA_REQUIRE_REAL") == "1":
            pytest.fail(f"NEOHA_REQUIRE_REAL=1 but the real-world trees are missing ({EXPECT})")
        pytest.skip("the real-world trees (../shared/real-world) are not beside this checkout")
    trees: dict[str, Any] = json.loads(EXPECT.read_text(encoding="utf-8"))["trees"]
    return trees


def _matches(item: dict[str, Any], diag: dict[str, Any], tree: str) -> bool:
    if "code" in item and item["code"] != diag.get("code"):
        return False
    if "key" in item and item["key"] != diag.get("key"):
        return False
    rel = diag.get("path", "")
    rel = rel[len(tree) + 1 :] if rel.startswith(tree + "/") else rel
    return "paths" not in item or any(rel.startswith(p) for p in item["paths"])


@pytest.mark.parametrize("tree", _trees() or ["(none)"])
def test_real_tree_checks_right(
    tree: str,
    expect: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec = expect[tree]
    monkeypatch.chdir(REAL_WORLD)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", "--format", "json", tree])
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    scored = [d for d in found if d["severity"] in ("error", "warning")]
    allowed = spec["must"] + spec["allow"]
    alarms = [d for d in scored if not any(_matches(i, d, tree) for i in allowed)]
    assert alarms == [], "false alarms"
    for item in spec["must"]:
        hits = sum(_matches(item, d, tree) for d in scored)
        assert hits >= item.get("min", 1), f"missed {item}"
