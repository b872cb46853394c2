"""A check reads nothing outside the tree it was given and quotes nothing from there."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from neoha_config.cli import main

SECRET = "root:SECRET-LINE-0123456789"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges")


def _tree(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("shadow", "myid", "key"):
        (outside / name).write_text(f"{SECRET}\n{SECRET} = x\n", encoding="latin-1")
    store = outside / "graph.db"
    store.mkdir()
    (store / "messages.log").write_text(
        f"2012-07-01 10:00:00.123+0000: Started as master\n{SECRET}\n", encoding="latin-1"
    )
    conf = tmp_path / "tree" / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "coord.cfg").write_text(
        "dataDir=../../outside\nclientPort=2181\nserver.1=a:2888:3888\nserver.2=b:2888:3888\n",
        encoding="latin-1",
    )
    (conf / "neo4j.properties").symlink_to(outside / "shadow")
    (conf / "neo4j-server.properties").write_text(
        "org.neo4j.server.database.location=../../outside/graph.db\n", encoding="latin-1"
    )
    zk = tmp_path / "tree" / "zk1" / "conf"
    zk.mkdir(parents=True)
    (zk / "coord.cfg").symlink_to(outside / "key")
    return tmp_path / "tree"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_nothing_outside_is_quoted(
    tmp_path: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    tree = _tree(tmp_path)
    monkeypatch.chdir(tree)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", "--format", fmt, "."])
    out, err = capsys.readouterr()
    assert "SECRET" not in out + err


def test_files_outside_are_nha001_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = _tree(tmp_path)
    monkeypatch.chdir(tree)
    main(["check", "--format", "json", "."])
    found = json.loads(capsys.readouterr().out)["diagnostics"]
    unreadable = {d["path"]: d["message"] for d in found if d["code"] == "NHA001"}
    assert "leaves the checked paths" in unreadable["db1/conf/neo4j.properties"]
    assert "leaves the checked paths" in unreadable["zk1/conf/coord.cfg"]
    assert "leaves the checked paths" in unreadable["../outside/myid"]
    assert not [d for d in found if d["code"].startswith("NHA4")]  # the outside log is not read
