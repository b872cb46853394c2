"""Tests of the ``init`` subcommand: writing a new cluster from host lists."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from neoha_config.cli import main
from neoha_config.properties import parse


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def init(out: Path, db: str, coords: str, *extra: str) -> int:
    """Run ``init OUT --db-hosts DB --coordinator-hosts COORDS EXTRA...`` in-process."""
    return main(["init", str(out), "--db-hosts", db, "--coordinator-hosts", coords, *extra])


def test_init_writes_one_home_per_host(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Homes db1..dbN and coord1..coordM, each file listed on stdout, a hint to check."""
    out = tmp_path / "new" / "cluster"
    assert init(out, "h1, h2", "h1,h2,h3", "--cluster-name", "prod", "--zookeeper", "3.8") == 0
    stdout, stderr = capsys.readouterr()
    files = tree(out)
    assert sorted({name.split("/")[0] for name in files}) == [
        "coord1",
        "coord2",
        "coord3",
        "db1",
        "db2",
    ]
    assert len(files) == 2 * 2 + 3 * 2
    for name in files:
        assert f"wrote {(out / name).as_posix()} (" in stdout
    assert "check --zookeeper 3.8" in stderr
    db2 = parse(files["db2/conf/neo4j.properties"]).to_dict()
    assert db2["ha.cluster_name"] == "prod"
    assert db2["ha.server"] == "h2:6001"
    assert db2["ha.coordinators"] == "h1:2181,h2:2181,h3:2181"
    assert parse(files["coord1/conf/coord.cfg"]).to_dict()["admin.enableServer"] == "false"


def test_init_defaults_to_the_33_profile(tmp_path: Path) -> None:
    """Without --zookeeper the coordinator files hold no ZooKeeper 3.5+ key."""
    assert init(tmp_path / "out", "127.0.0.1", "127.0.0.1,127.0.0.1,127.0.0.1") == 0
    cfg = (tmp_path / "out/coord2/conf/coord.cfg").read_bytes()
    assert b"admin." not in cfg
    assert b"clientPortAddress" not in cfg
    assert b"clientPort=2182\n" in cfg


def test_init_is_deterministic(tmp_path: Path) -> None:
    """Two runs with the same arguments write byte-identical trees."""
    for name in ("a", "b"):
        assert init(tmp_path / name, "x,y,x", "x,y,z", "--zookeeper", "3.8") == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a")


def test_init_into_an_empty_directory(tmp_path: Path) -> None:
    """An existing empty directory is fine."""
    assert init(tmp_path, "a", "a,b,c") == 0
    assert (tmp_path / "coord3/data/coordinator/myid").read_bytes() == b"3\n"


REFUSALS = [
    ("bad host", "a,b_ad host", "a,b,c", "'b_ad host'"),
    ("bad coordinator host", "a", "a,-b,c", "'-b'"),
    ("empty db list", "", "a,b,c", "no database hosts"),
    ("empty coordinator list", "a", "", "no coordinator hosts"),
    ("empty entry", "a,,b", "a,b,c", "entry 2, ''"),
    ("even ensemble", "a", "a,b", "--allow-poor-fault-tolerance"),
    ("ports exhausted", ",".join(["a"] * 1474), "a,b,c", "port 7474 on host 'a'"),
    ("too many ids", "a", ",".join(["a"] * 257), "1 to 255"),
    ("loopback mix", "localhost", "a,b,c", "loopback"),
]


@pytest.mark.parametrize(
    ("db", "coords", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_init_refuses_bad_hosts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str, coords: str, message: str
) -> None:
    """Exit 2, a message naming the problem, and OUT not even created."""
    out = tmp_path / "out"
    assert init(out, db, coords) == 2
    _, stderr = capsys.readouterr()
    assert message in stderr
    assert "Traceback" not in stderr
    assert not out.exists()


def test_allow_poor_fault_tolerance(tmp_path: Path) -> None:
    """The flag accepts a single coordinator."""
    assert init(tmp_path / "out", "a", "a", "--allow-poor-fault-tolerance") == 0
    assert (tmp_path / "out/coord1/conf/coord.cfg").is_file()


def test_init_refuses_a_non_empty_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory with anything in it is left exactly as it was."""
    (tmp_path / "db1" / "conf").mkdir(parents=True)
    (tmp_path / "db1/conf/neo4j.properties").write_bytes(b"ha.server_id=9\n")
    (tmp_path / "notes.txt").write_bytes(b"mine\n")
    before = tree(tmp_path)
    assert init(tmp_path, "a", "a,b,c") == 2
    assert "not empty" in capsys.readouterr().err
    assert tree(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db1", "notes.txt"]


def test_init_refuses_a_file_as_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """OUT that is a file: exit 2, the file untouched."""
    target = tmp_path / "cluster"
    target.write_bytes(b"x")
    assert init(target, "a", "a,b,c") == 2
    assert "not a directory" in capsys.readouterr().err
    assert target.read_bytes() == b"x"


def test_init_usage_errors_exit_2(tmp_path: Path) -> None:
    """Missing host options and an unknown profile are usage errors."""
    assert main(["init", str(tmp_path / "o"), "--db-hosts", "a"]) == 2
    assert init(tmp_path / "o", "a", "a,b,c", "--zookeeper", "3.4") == 2
    assert not (tmp_path / "o").exists()


def test_init_then_check_in_a_subprocess(tmp_path: Path) -> None:
    """The real program: init writes a tree that check passes with no finding."""
    out = tmp_path / "c"
    args = ["--db-hosts", "localhost,localhost", "--coordinator-hosts", "localhost,a,a"]
    run = [sys.executable, "-m", "neoha_config"]
    done = subprocess.run(
        [*run, "init", str(out), *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stderr  # loopback mixed with a real host
    assert "loopback" in done.stderr
    args[-1] = "localhost,localhost,127.0.0.1"
    done = subprocess.run(
        [*run, "init", str(out), *args, "--zookeeper", "3.8"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("wrote ") == 2 * 2 + 3 * 2
    checked = subprocess.run(
        [*run, "check", "--format", "json", "--zookeeper", "3.8", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(checked.stdout)
    assert checked.returncode == 0, checked.stdout
    assert report["diagnostics"] == []
    assert report["summary"]["nodes"] == 5
