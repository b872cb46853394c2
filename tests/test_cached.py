"""The findings cache of directory checks: the same report as checking every node, less work."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neoha_config import cache as cache_mod
from neoha_config import discovery, layout
from neoha_config.check import CACHE_DIR_VARIABLE
from neoha_config.cli import main
from neoha_config.report import jsonreport
from neoha_config.result import CheckResult, NodeInfo
from tests.test_cache import AGED, _clusters, _count_loads, age

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "cases"
REAL = ROOT.parent / "shared" / "real-world"


@pytest.fixture(autouse=True)
def _default_cache_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look for the cache where a user's run puts it."""
    monkeypatch.delenv(CACHE_DIR_VARIABLE, raising=False)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    out, _ = capsys.readouterr()
    return code, out


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out = _run(capsys, "--format", "json", *args)
    report: dict[str, Any] = json.loads(out)
    return code, report


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dated copy of every case directory, of the examples and of the real trees."""
    root = tmp_path_factory.mktemp("cached-cases")
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        shutil.copytree(case, root / "cases" / case.name, symlinks=True)
    shutil.copytree(ROOT / "examples", root / "examples", symlinks=True)
    if REAL.is_dir():
        for tree in sorted(p for p in REAL.iterdir() if p.is_dir()):
            shutil.copytree(tree, root / "real" / tree.name, symlinks=True)
    age(root)
    return root


def _trees(root: Path) -> list[str]:
    found = [f"cases/{p.name}" for p in sorted((root / "cases").iterdir())]
    found += [f"examples/{p.name}" for p in sorted((root / "examples").iterdir()) if p.is_dir()]
    if (root / "real").is_dir():
        found += [f"real/{p.name}" for p in sorted((root / "real").iterdir())]
    return found


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_every_case_reports_the_same_cold_and_warm(
    cases: Path,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each case, example and real tree: without the cache, filling it, and answered from it,
    the same report and exit code; the warm run loads no node."""
    monkeypatch.chdir(cases)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    loads = _count_loads(monkeypatch)
    trees = _trees(cases)
    assert len(trees) > 150
    warm_loads = 0
    for tree in trees:
        expected = _run(capsys, "--format", fmt, "--no-cache", tree)
        assert _run(capsys, "--format", fmt, tree) == expected, tree
        loads.clear()
        assert _run(capsys, "--format", fmt, tree) == expected, tree
        warm_loads += len(loads)
    assert warm_loads == 0


def test_one_whole_tree_of_every_case_cold_warm_and_after_edits(
    cases: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every case at once (groups meet across cases: shared names, hosts, ports), then edits
    of single files here and there: each run after an edit equals a check without the cache,
    and undoing the edit gives the first report back."""
    tree = cases.parent / f"{cases.name}-whole"
    shutil.copytree(cases, tree, symlinks=True)
    monkeypatch.chdir(tree)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    loads = _count_loads(monkeypatch)
    expected = _json(capsys, "--no-cache", ".")
    total = len(loads)
    assert _json(capsys, ".") == expected
    loads.clear()
    assert _json(capsys, ".") == expected
    assert loads == []
    files = sorted(
        p
        for p in tree.rglob("*")
        if p.name in ("neo4j.properties", "coord.cfg", "neo4j-server.properties")
        and p.is_file()
        and not p.is_symlink()
    )
    assert len(files) > 100
    for victim in files[:: len(files) // 6]:
        text = victim.read_bytes()
        victim.write_bytes(text + b"\nha.server_id = 1\nserver.1=elsewhere:2888:3888\n")
        age(victim.parent)
        loads.clear()
        after = _json(capsys, ".")
        assert 0 < len(loads) <= total, victim  # one group or more: cases share names
        assert after == _json(capsys, "--no-cache", "."), victim
        victim.write_bytes(text)
        age(victim.parent)
        assert _json(capsys, ".") == expected, victim


def test_files_modified_just_now_are_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file written in the last two seconds may change again without a new size or time:
    its node and group are read again on every run until it has aged."""
    _clusters(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    fresh = tmp_path / "cluster-1" / "db2" / "conf" / "neo4j.properties"
    fresh.write_bytes(fresh.read_bytes() + b"# edited\n")
    loads = _count_loads(monkeypatch)
    expected = _json(capsys, "--no-cache", ".")
    loads.clear()
    assert _json(capsys, ".") == expected
    loads.clear()
    assert _json(capsys, ".") == expected
    assert sorted(Path(p).relative_to(tmp_path).parts[0] for p in loads) == ["cluster-1"] * 6
    age(tmp_path)
    _json(capsys, ".")
    loads.clear()
    assert _json(capsys, ".") == expected
    assert loads == []


def _log(store: Path, lines: list[str]) -> None:
    store.mkdir(parents=True, exist_ok=True)
    (store / "messages.log").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_log_written_after_the_first_run_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Logs are what a group's findings depend on too: a log that appears, grows or rotates
    makes the group checked again."""
    _clusters(tmp_path, 2)
    monkeypatch.chdir(tmp_path)
    first = _json(capsys, ".")
    assert first == _json(capsys, "--no-cache", ".")
    master = "2012-07-01 10:00:00.123+0000: Started as master"
    for name in ("db1", "db2"):
        _log(tmp_path / "cluster-0" / name / "data" / "graph.db", ["starting", master])
    age(tmp_path)
    two_masters = _json(capsys, ".")
    assert two_masters == _json(capsys, "--no-cache", ".")
    assert "NHA401" in {d["code"] for d in two_masters[1]["diagnostics"]}
    store = tmp_path / "cluster-0" / "db2" / "data" / "graph.db"
    (store / "messages.log").rename(store / "messages.log.1")
    _log(store, ["2012-07-01 11:00:00.000+0000: Shutdown[2], stopping"])
    age(tmp_path)
    rotated = _json(capsys, ".")
    assert rotated == _json(capsys, "--no-cache", ".")
    assert _json(capsys, "--no-logs", ".") == _json(capsys, "--no-logs", "--no-cache", ".")


def test_what_a_rule_looked_at_is_probed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """NHA215 asks whether a directory exists: creating it changes the cached answer."""
    _clusters(tmp_path, 1)
    coord = tmp_path / "cluster-0" / "coord1" / "conf" / "coord.cfg"
    coord.write_bytes(coord.read_bytes() + b"dataLogDir=data/coordinator-log\n")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    missing = _json(capsys, "--zookeeper", "3.3", ".")
    assert "NHA215" in {d["code"] for d in missing[1]["diagnostics"]}
    assert _json(capsys, "--zookeeper", "3.3", ".") == missing
    (tmp_path / "cluster-0" / "coord1" / "data" / "coordinator-log").mkdir()
    age(tmp_path)
    present = _json(capsys, "--zookeeper", "3.3", ".")
    assert present == _json(capsys, "--zookeeper", "3.3", "--no-cache", ".")
    assert "NHA215" not in {d["code"] for d in present[1]["diagnostics"]}


def test_rules_ask_the_file_system_only_through_the_context() -> None:
    """The cache knows what a rule's finding depends on only when the rule says so
    (``CheckContext.look``): a rule that reads the file system must call it."""
    calls = re.compile(
        r"\bos\.(path\.(exists|lexists|isdir|isfile|islink|getsize|getmtime|realpath)|"
        r"stat|lstat|scandir|listdir|access|readlink|walk)\(|\bopen\(|"
        r"\.(exists|is_dir|is_file|is_symlink|stat|lstat|iterdir|read_text|read_bytes)\(\)"
    )
    rules = ROOT / "neoha_config" / "rules"
    asking = []
    for path in sorted(rules.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if calls.search(text):
            asking.append(path.name)
            assert "ctx.look(" in text, path.name
    assert asking == ["nha215_missing_data_log_dir.py"]


def test_settings_and_arguments_have_their_own_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path, 2)
    db = tmp_path / "cluster-0" / "db1" / "conf" / "neo4j.properties"
    db.write_bytes(db.read_bytes() + b"ha.server_id = 2\n")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    runs = [
        ["."],
        ["--select", "NHA3", "."],
        ["--ignore", "NHA301", "."],
        ["--strict", "."],
        ["cluster-0"],
        ["cluster-0", "cluster-1"],
        ["--complete", "."],
    ]
    for _ in range(2):
        for args in runs:
            assert _json(capsys, *args) == _json(capsys, "--no-cache", *args), args
    store = tmp_path / ".neoha_cache" / "nodes.marshal"
    results = marshal.loads(store.read_bytes())[3]
    assert len(results) == cache_mod.KEPT_RUNS


@pytest.mark.parametrize(
    "damage",
    [
        lambda groups: dict.fromkeys(groups, ("not", "a", "payload")),
        lambda groups: {k: (v[0], v[1], v[2], (("NHA301",),), v[4]) for k, v in groups.items()},
        lambda groups: {k: (v[0], ((1, 2),), v[2], v[3], v[4]) for k, v in groups.items()},
        lambda groups: {k: (v[0], v[1], (("x", ("a",)),), v[3], v[4]) for k, v in groups.items()},
    ],
)
def test_damaged_findings_are_checked_again(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damage: Any,
) -> None:
    _clusters(tmp_path, 2)
    db = tmp_path / "cluster-1" / "db3" / "conf" / "neo4j.properties"
    db.write_bytes(db.read_bytes() + b"ha.server_id = 1\n")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = _json(capsys, "--no-cache", ".")
    assert expected[1]["diagnostics"]
    assert _json(capsys, ".") == expected
    store = tmp_path / ".neoha_cache" / "nodes.marshal"
    number, version, entries, results, walk = marshal.loads(store.read_bytes())
    results = {k: damage(v) for k, v in results.items()}
    store.write_bytes(marshal.dumps((number, version, entries, results, walk)))
    assert _json(capsys, ".") == expected
    assert _json(capsys, ".") == expected


def test_fixes_come_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A finding's fix is kept with it: the text report's fixable count and the JSON fix are
    the same on a warm run, and --fix then repairs what a cold check would."""
    _clusters(tmp_path, 1)
    db = tmp_path / "cluster-0" / "db1" / "conf" / "neo4j.properties"
    db.write_bytes(db.read_bytes() + b"ha.pull_interval=5s\nha.pull_interval=6s \n")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = _json(capsys, "--no-cache", ".")
    assert "NHA005" in {d["code"] for d in expected[1]["diagnostics"] if "fix" in d}
    assert _json(capsys, ".") == expected
    assert _json(capsys, ".") == expected

    def text(*args: str) -> tuple[int, str, str]:
        code = main(["check", *args, "."])
        out, err = capsys.readouterr()
        return code, out, err

    assert text() == text("--no-cache")
    assert text("--statistics") == text("--statistics", "--no-cache")
    assert main(["check", "--fix", "."]) == main(["check", "--no-cache", "."])
    capsys.readouterr()
    assert b"6s \n" not in db.read_bytes()


_names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            NodeInfo,
            _names,
            _names,
            st.lists(_names, max_size=3).map(tuple),
            st.lists(_names, max_size=3).map(tuple),
            st.lists(st.tuples(_names, _names, _names), max_size=3).map(tuple),
        ),
        max_size=4,
    )
)
def test_json_report_nodes_are_written_as_json_dumps_writes_them(nodes: list[NodeInfo]) -> None:
    result = CheckResult(nodes=nodes, files=3)
    expected = json.dumps(jsonreport.report_dict(result), indent=2) + "\n"
    assert jsonreport.render(result) == expected


def test_directory_nodes_are_those_load_tree_finds(cases: Path) -> None:
    """The cached check finds its nodes (and their names) as ``load_tree`` does."""
    here = cases
    for tree in _trees(cases)[:40]:
        loaded = layout.load_tree([tree], cwd=here, include_logs=False, models=False)
        unplaced: list[tuple[str, str]] = []
        found = layout.directory_nodes(
            [Path(os.path.normpath(here / tree))], here, None, unplaced, []
        )
        assert [(n.name, os.fspath(n.path)) for n in loaded.nodes] == [
            (name, node_dir) for node_dir, _, name in found
        ]
        assert list(loaded.unplaced) == unplaced


def _stamp(paths: list[Path], step: int) -> None:
    """Date ``paths`` as a change at ``step`` would (each step its own second)."""
    for path in paths:
        os.utime(path, (AGED + step, AGED + step), follow_symlinks=False)


def test_a_remembered_search_finds_what_a_new_one_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through additions, removals, renames and new known files (each dating the directories
    it changes, as the file system does), a search that recalls unchanged directories finds
    what a full search finds, and lists fewer directories."""
    _clusters(tmp_path, 3)
    root = tmp_path
    listed: list[str] = []
    real_listing = discovery._listing

    def listing(directory: str | Path) -> Any:
        listed.append(os.fspath(directory))
        return real_listing(directory)

    monkeypatch.setattr(discovery, "_listing", listing)
    settled = 1 << 62  # keep everything: the test dates each change itself

    def changes() -> Iterator[list[Path]]:
        shutil.rmtree(root / "cluster-1" / "db2")
        yield [root / "cluster-1"]
        (root / "cluster-0" / "extra" / "conf").mkdir(parents=True)
        yield [root / "cluster-0", root / "cluster-0" / "extra"]
        (root / "cluster-0" / "extra" / "conf" / "coord.cfg").write_text("tickTime=2000\n")
        yield [root / "cluster-0" / "extra" / "conf"]
        (root / "cluster-2" / "coord1" / "conf" / "coord.cfg").rename(
            root / "cluster-2" / "coord1" / "conf" / "coord.cfg.old"
        )
        yield [root / "cluster-2" / "coord1" / "conf"]
        (root / "flat").mkdir()
        yield [root]
        (root / "flat" / "myid").write_text("1\n")
        yield [root / "flat"]
        (root / "cluster-2" / "moved").mkdir()
        (root / "cluster-2" / "db1").rename(root / "cluster-2" / "moved" / "db1")
        yield [root / "cluster-2", root / "cluster-2" / "moved"]
        (root / "cluster-2" / "coord1" / "conf" / "coord.cfg.old").rename(
            root / "cluster-2" / "coord1" / "conf" / "coord.cfg"
        )
        yield [root / "cluster-2" / "coord1" / "conf"]

    known: dict[str, Any] = {}
    walk = discovery.Walk(known, settled)
    assert discovery.node_dirs(root, cwd=root, walk=walk) == discovery.node_dirs(root, cwd=root)
    for step, changed in enumerate(changes(), start=1):
        _stamp(changed, step)
        listed.clear()
        expected = discovery.node_dirs(root, cwd=root)
        full = len(listed)
        listed.clear()
        walk = discovery.Walk(walk.kept, settled)
        assert discovery.node_dirs(root, cwd=root, walk=walk) == expected, step
        assert len(listed) < full / 2, step


def test_a_damaged_search_memory_is_not_followed(tmp_path: Path) -> None:
    """An entry naming a subdirectory outside its directory, or of the wrong shape, is not
    used: the directory is listed again."""
    _clusters(tmp_path, 1)
    expected = discovery.node_dirs(tmp_path, cwd=tmp_path)
    st_root = os.stat(tmp_path)
    sig = (st_root.st_dev, st_root.st_ino, st_root.st_mtime_ns)
    for bad in [
        (*sig, None, "dirs", ("..",)),
        (*sig, None, "dirs", ("../../etc",)),
        (*sig, None, "dirs", ("a/b",)),
        (*sig, None, "elsewhere", ()),
        (*sig, "conf", "home", ()),
        (*sig, None, "dirs"),
        "garbage",
    ]:
        walk = discovery.Walk({os.fspath(tmp_path): bad}, 1 << 62)
        assert discovery.node_dirs(tmp_path, cwd=tmp_path, walk=walk) == expected, bad


def test_a_fresh_directory_is_not_remembered(tmp_path: Path) -> None:
    _clusters(tmp_path, 1)
    (tmp_path / "cluster-0" / "new").mkdir()
    walk = discovery.Walk({}, cache_mod.RACY_NS + int(AGED * 1e9))
    discovery.node_dirs(tmp_path, cwd=tmp_path, walk=walk)
    assert os.fspath(tmp_path / "cluster-0") not in walk.kept
    assert os.fspath(tmp_path / "cluster-0" / "db1") in walk.kept


def test_a_directory_marked_read_only_gets_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even run by root, a check does not write into a directory whose mode says nobody may."""
    _clusters(tmp_path / "ro", 1)
    (tmp_path / "ro").chmod(0o555)
    try:
        monkeypatch.chdir(tmp_path / "ro")
        assert _json(capsys, ".") == _json(capsys, "--no-cache", ".")
        assert not (tmp_path / "ro" / ".neoha_cache").exists()
    finally:
        (tmp_path / "ro").chmod(0o755)


def test_the_environment_names_the_cache_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _clusters(tmp_path / "tree", 1)
    (tmp_path / "tree" / "pyproject.toml").write_text(
        '[tool.neoha_config]\ncache-dir = "elsewhere"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "tree")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "../kept")
    _json(capsys, ".")
    assert (tmp_path / "kept" / "nodes.marshal").is_file()
    assert not (tmp_path / "tree" / "elsewhere").exists()
    assert not (tmp_path / "tree" / ".neoha_cache").exists()
