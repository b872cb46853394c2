"""The node cache of file-argument checks: same findings as loading every node, less loading."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from neoha_config import cache as cache_mod
from neoha_config import layout
from neoha_config.check import CACHE_DIR_VARIABLE
from neoha_config.cli import main
from neoha_config.provision import plan, write_plan

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "cases"
KNOWN = ("neo4j-server.properties", "neo4j.properties", "coord.cfg", "myid")


@pytest.fixture(autouse=True)
def _default_cache_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look for the cache where a user's run puts it."""
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main(["check", "--format", "json", *args])
    out, _ = capsys.readouterr()
    report: dict[str, Any] = json.loads(out)
    return code, report


AGED = time.time() - 3600
"""The modification time ``age`` gives: an hour before the tests started, the same each time
(so that dating a tree again changes nothing the cache looks at, but an edit)."""


def age(root: Path) -> None:
    """Date every file and directory under ``root`` to :data:`AGED`: the cache keeps nothing
    modified in its last two seconds (``cache.fresh``), which a tree just written is."""
    when = AGED
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            os.utime(path, (when, when))


def _clusters(root: Path, count: int) -> None:
    for k in range(count):
        db = [f"c{k}-db{i}" for i in (1, 2, 3)]
        co = [f"c{k}-zk{i}" for i in (1, 2, 3)]
        write_plan(plan(db, co, cluster_name=f"cluster-{k}"), root / f"cluster-{k}")
    age(root)


@pytest.fixture(scope="module")
def every_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every case directory in one tree: clusters, ensembles, clashes and names to share."""
    root = tmp_path_factory.mktemp("allcases")
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        shutil.copytree(case, root / case.name, symlinks=True)
    shutil.copytree(ROOT / "examples", root / "examples", symlinks=True)
    _clusters(root / "generated", 3)
    age(root)
    return root


def _named_files(root: Path) -> list[str]:
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.name in KNOWN and p.is_file() and not p.is_symlink()
    )
    return files[::9]  # a spread over every kind of case, in a few seconds


def test_named_files_give_the_findings_of_the_whole_tree(
    every_case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the cache (cold, then warm), one named file gets exactly the findings and nodes
    that loading and checking every node, then keeping those about its groups, gives."""
    monkeypatch.chdir(every_case)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    named = _named_files(every_case)
    assert len(named) > 20
    loads = _count_loads(monkeypatch)
    warm_loads: list[int] = []
    for name in [*named, "notes-not-a-node.txt"]:
        if not Path(name).exists():
            Path(name).write_text("not a node\n", encoding="utf-8")
        full = _check(capsys, "--no-cache", name)
        total = len(loads)
        cold = _check(capsys, name)
        loads.clear()
        warm = _check(capsys, name)
        warm_loads.append(len(loads))
        loads.clear()
        assert cold == full, name
        assert warm == full, name
    assert min(warm_loads) < total / 10  # the cache did narrow the loading down
    several = named[:5]
    assert _check(capsys, *several) == _check(capsys, "--no-cache", *several)


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    loads: list[str] = []
    real = layout.load_node

    def counting(node_dir: Path, **kwargs: object) -> object:
        loads.append(os.fspath(node_dir))
        return real(node_dir, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(layout, "load_node", counting)
    return loads


def test_warm_cache_loads_only_the_named_files_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path, 4)
    monkeypatch.chdir(tmp_path)
    named = "cluster-2/db1/conf/neo4j.properties"
    loads = _count_loads(monkeypatch)
    code, cold = _check(capsys, named)
    assert len(loads) == 24  # the first run loads every node once, to fill the cache
    loads.clear()
    code_warm, warm = _check(capsys, named)
    assert (code_warm, warm) == (code, cold)
    assert sorted(Path(p).relative_to(tmp_path).parts[0] for p in loads) == ["cluster-2"] * 6
    # The report shows the named node's HA cluster (its coordinators were loaded, unshown).
    shown = [n["path"] for n in warm["nodes"]]
    assert shown == ["cluster-2/db1", "cluster-2/db2", "cluster-2/db3"]


def test_cache_directory_is_ignored_by_git_and_no_cache_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    _check(capsys, "--no-cache", "cluster-0/db1/conf/neo4j.properties")
    assert not (tmp_path / ".neoha_cache").exists()
    _check(capsys, "--no-cache", "cluster-0")
    assert not (tmp_path / ".neoha_cache").exists()
    _check(capsys, "cluster-0")  # a directory argument keeps its findings there too
    assert (tmp_path / ".neoha_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (tmp_path / ".neoha_cache" / "nodes.marshal").is_file()
    assert [p.name for p in (tmp_path / ".neoha_cache").iterdir() if p.name.endswith(".tmp")] == []


def test_cache_dir_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path, 1)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.neoha_config]\ncache-dir = "build/neoha"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "cluster-0")
    _check(capsys, "db1/conf/neo4j.properties")
    assert (tmp_path / "build" / "neoha" / "nodes.marshal").is_file()  # relative to pyproject
    assert not (tmp_path / "cluster-0" / ".neoha_cache").exists()


def test_bad_cache_dir_setting_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.neoha_config]\ncache-dir = 3\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 2
    _, err = capsys.readouterr()
    assert "cache-dir" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"\x00\x01not marshal at all",
        marshal.dumps("a string"),
        marshal.dumps((1, "other-version", {})),
        None,  # the right shape with wrong entries: filled in below
    ],
)
def test_corrupt_cache_is_ignored_and_rewritten(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    garbage: bytes | None,
) -> None:
    _clusters(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    named = "cluster-1/coord2/conf/coord.cfg"
    expected = _check(capsys, "--no-cache", named)
    assert _check(capsys, named) == expected
    store = tmp_path / ".neoha_cache" / "nodes.marshal"
    if garbage is None:
        number, version, entries, results, walk = marshal.loads(store.read_bytes())
        broken = dict.fromkeys(entries, ("not", "an entry"))
        garbage = marshal.dumps((number, version, broken, results, dict.fromkeys(walk, 7)))
    store.write_bytes(garbage)
    assert _check(capsys, named) == expected
    entries = marshal.loads(store.read_bytes())[2]  # rewritten
    assert len(entries) == 12
    assert _check(capsys, named) == expected


def test_an_edited_node_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A node of another cluster edited to join the named one is found on the warm run."""
    _clusters(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    named = "cluster-0/db1/conf/neo4j.properties"
    before = _check(capsys, named)
    assert before == _check(capsys, "--no-cache", named)
    other = tmp_path / "cluster-1" / "db1" / "conf" / "neo4j.properties"
    text = other.read_text(encoding="latin-1")
    text = text.replace("cluster-1", "cluster-0").replace("c1-zk", "c0-zk")
    other.write_text(text, encoding="latin-1")
    after = _check(capsys, named)
    assert after == _check(capsys, "--no-cache", named)
    assert after != before
    assert "cluster-1/db1" in {n["path"] for n in after[1]["nodes"]}


def test_signature_of_dangling_link_and_absent_path(tmp_path: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    assert cache_mod.signature(os.fspath(link)) is not None
    assert cache_mod.signature(os.fspath(tmp_path / "absent")) is None
    assert cache_mod.signature("nul\0byte") is None


def test_cache_survives_unwritable_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path, 1)
    (tmp_path / ".neoha_cache").write_text("a file where the directory goes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    named = "cluster-0/db2/conf/neo4j.properties"
    assert _check(capsys, named) == _check(capsys, "--no-cache", named)
