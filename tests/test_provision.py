"""Tests of neoha_config.provision: planning a cluster and writing it as NEO4J_HOMEs."""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.cli import main
from neoha_config.errors import NeohaConfigError
from neoha_config.models import MyId
from neoha_config.profile import Profile
from neoha_config.properties import parse
from neoha_config.provision import BasePorts, ClusterPlan, host_identity, plan, write_plan

HAS_CHECK = importlib.util.find_spec("neoha_config.commands.check") is not None
needs_check = pytest.mark.skipif(not HAS_CHECK, reason="the check command is not in this tree")


def props(path: Path) -> dict[str, str]:
    """What the JVM reads from a properties file."""
    return parse(path.read_bytes()).to_dict()


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_check(root: Path, profile: Profile, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """``check --format json --zookeeper P root`` in-process; the parsed report."""
    capsys.readouterr()
    code = main(["check", "--format", "json", "--zookeeper", profile.value, str(root)])
    out, err = capsys.readouterr()
    assert code in (0, 1), f"check exited {code}: {err}"
    report: dict[str, Any] = json.loads(out)
    return report


def codes(report: dict[str, Any], *severities: str) -> list[str]:
    """Codes of the report's diagnostics of the given severities."""
    return [d["code"] for d in report["diagnostics"] if d["severity"] in severities]


# --- planning ---------------------------------------------------------------------------------


def test_one_host_plan_follows_the_tutorial_layout() -> None:
    """Three of each on one machine: ports offset like the 1.x HA tutorial."""
    p = plan(["localhost"] * 3, ["localhost"] * 3)
    assert [h.name for h in p.homes] == ["db1", "db2", "db3", "coord1", "coord2", "coord3"]
    dbs = [h.database for h in p.databases]
    assert [d.server_id for d in dbs if d] == [1, 2, 3]
    assert [str(d.ha_server) for d in dbs if d] == [
        "localhost:6001",
        "localhost:6002",
        "localhost:6003",
    ]
    assert [h.server.webserver_port for h in p.databases if h.server] == [7474, 7475, 7476]
    endpoints = "localhost:2181,localhost:2182,localhost:2183"
    for home in p.databases:
        assert home.database is not None
        assert home.database.to_properties()["ha.coordinators"] == endpoints
        assert home.database.to_properties()["ha.cluster_name"] == "neo4j.ha"
        assert home.server is not None
        server = home.server.to_properties()
        assert server["org.neo4j.server.database.mode"] == "ha"
        assert server["org.neo4j.server.db.tuning.properties"] == "conf/neo4j.properties"
    assert [h.coord.client_port for h in p.coordinators if h.coord] == [2181, 2182, 2183]
    assert [h.myid.value for h in p.coordinators if h.myid] == [1, 2, 3]
    blocks = {
        tuple(sorted((k, v) for k, v in h.coord.to_properties().items() if k.startswith("server.")))
        for h in p.coordinators
        if h.coord
    }
    assert blocks == {
        (
            ("server.1", "localhost:2888:3888"),
            ("server.2", "localhost:2889:3889"),
            ("server.3", "localhost:2890:3890"),
        )
    }


def test_different_hosts_keep_base_ports() -> None:
    """Nodes alone on their host use the base ports; only repeats of a kind are offset."""
    p = plan(["a", "b", "A", "c"], ["a", "b", "c"])
    ha = [d.database.ha_server.port for d in p.databases if d.database and d.database.ha_server]
    assert ha == [6001, 6001, 6002, 6001]  # "A" is the same host as "a"
    assert [h.coord.client_port for h in p.coordinators if h.coord] == [2181, 2181, 2181]
    coord2 = p.home("coord2").coord
    assert coord2 is not None
    assert str(coord2.servers[3]) == "c:2888:3888"


def test_db_and_coordinator_on_one_host_never_share_a_port() -> None:
    """Every listener of one host is distinct, across kinds."""
    p = plan(["h"] * 5, ["h"] * 5)
    ports = [port for home in p.homes for _, port in home.listeners(p.profile)]
    assert len(ports) == len(set(ports)) == 5 * 2 + 5 * 3


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("localhost", "loopback"),
        ("LOCALHOST", "loopback"),
        ("127.0.0.1", "loopback"),
        ("127.1.2.3", "loopback"),
        ("Db-1.Example.COM.", "db-1.example.com"),
        ("10.0.0.1", "10.0.0.1"),
    ],
)
def test_host_identity(host: str, expected: str) -> None:
    """Hosts fold the way SPEC §3 compares them."""
    assert host_identity(host) == expected


def test_profiles_differ_only_where_zookeeper_does() -> None:
    """3.8 turns the AdminServer off and pins loopback client ports; 3.3 has no 3.5+ key."""
    loop38 = plan(["127.0.0.1"], ["127.0.0.1"] * 3, profile=Profile.ZK38).home("coord2").coord
    real38 = plan(["a"], ["a", "b", "c"], profile="3.8").home("coord2").coord
    loop33 = plan(["127.0.0.1"], ["127.0.0.1"] * 3).home("coord2").coord
    assert loop38 is not None
    assert real38 is not None
    assert loop33 is not None
    assert loop38.to_properties()["admin.enableServer"] == "false"
    assert loop38.to_properties()["clientPortAddress"] == "127.0.0.1"
    assert real38.to_properties()["admin.enableServer"] == "false"
    assert "clientPortAddress" not in real38.to_properties()
    assert not {"admin.enableServer", "clientPortAddress"} & set(loop33.to_properties())
    for coord in (loop38, real38, loop33):
        assert all(";" not in v for v in coord.to_properties().values())
        assert all(line.election_port is not None for line in coord.servers.values())


def test_live_ensemble_plan_with_base_ports(tmp_path: Path) -> None:
    """The plan a live 3.8 test starts: distinct ports from the given bases, relative dataDir,
    myid where ZooKeeper reads it with the home as working directory."""
    base = BasePorts(client=21810, quorum=28880, election=38880, ha=16001, web=17474)
    p = plan(["127.0.0.1"] * 3, ["127.0.0.1"] * 3, profile=Profile.ZK38, base_ports=base)
    write_plan(p, tmp_path)
    ports = [port for home in p.homes for _, port in home.listeners(p.profile)]
    assert len(ports) == len(set(ports))
    assert sorted(ports)[:3] == [16001, 16002, 16003]
    for sid in (1, 2, 3):
        home = tmp_path / f"coord{sid}"
        cfg = props(home / "conf" / "coord.cfg")
        assert cfg["dataDir"] == "data/coordinator"
        assert cfg["clientPort"] == str(21810 + sid - 1)
        assert cfg[f"server.{sid}"] == f"127.0.0.1:{28880 + sid - 1}:{38880 + sid - 1}"
        assert (home / cfg["dataDir"] / "myid").read_bytes() == f"{sid}\n".encode()


ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("no db hosts", {"db_hosts": []}, "no database hosts"),
    ("no coordinators", {"coordinator_hosts": []}, "no coordinator hosts"),
    ("string", {"db_hosts": "a,b"}, "must be a list"),
    ("bad host", {"db_hosts": ["a", "bad host"]}, "'bad host'"),
    ("empty host", {"coordinator_hosts": ["a", "", "c"]}, "entry 2, ''"),
    ("ipv6", {"db_hosts": ["fe80::1"]}, "IPv6"),
    ("wildcard", {"db_hosts": ["0.0.0.0"]}, "wildcard"),
    ("loopback mix", {"db_hosts": ["localhost", "b"]}, "loopback hosts are mixed"),
    ("one coordinator", {"coordinator_hosts": ["a"]}, "1 coordinator hosts"),
    ("two coordinators", {"coordinator_hosts": ["a", "b"]}, "NHA208"),
    ("four coordinators", {"coordinator_hosts": ["a", "b", "c", "d"]}, "NHA208"),
    ("256 coordinators", {"coordinator_hosts": ["a"] * 257}, "1 to 255"),
    ("cluster name", {"cluster_name": "my cluster"}, "'my cluster'"),
    ("empty cluster name", {"cluster_name": ""}, "cluster name"),
    ("profile", {"profile": "3.4"}, "'3.4'"),
    ("base port 0", {"base_ports": BasePorts(web=0)}, "base port web 0"),
    ("client above 65535", {"coordinator_hosts": ["a"] * 3, "base_ports": BasePorts(client=65534)},
     "above 65535"),
    ("web above 65535", {"db_hosts": ["a"] * 3, "base_ports": BasePorts(web=65534)}, "65535"),
    ("bases clash", {"base_ports": BasePorts(client=2888)}, "port 2888 on host 'a'"),
    ("db and coord clash", {"base_ports": BasePorts(web=2181)}, "port 2181"),
    ("db ports exhausted", {"db_hosts": ["a"] * 1474}, "port 7474 on host 'a'"),
    ("coordinator ports exhausted",
     {"coordinator_hosts": ["a"] * 201, "base_ports": BasePorts(client=2700)}, "port 2888 on host"),
    ("tick_time", {"tick_time": 0}, "tick_time"),
    ("sync_limit", {"sync_limit": -1}, "sync_limit"),
    ("session clamp", {"tick_time": 3000}, "ha.zk_session_timeout"),
    ("extra home", {"extra": {"db9": {"ha.read_timeout": "20"}}}, "db9"),
    ("extra owned", {"extra": {"db1": {"ha.server_id": "7"}}}, "'ha.server_id'"),
    ("extra legacy", {"extra": {"db1": {"ha.machine_id": "7"}}}, "'ha.machine_id'"),
    ("extra server.N", {"extra": {"coord1": {"server.9": "x:1:2"}}}, "'server.9'"),
    ("extra invalid", {"extra": {"db1": {"ha.read_timeout": "soon"}}}, "ha.read_timeout"),
    ("extra blank", {"extra": {"db1": {"ha.read_timeout": "20 "}}}, "whitespace"),
    (
        "extra clash",
        {"extra": {"db1": {"org.neo4j.server.webserver.https.enabled": "true",
                           "org.neo4j.server.webserver.https.port": "6001"}}},
        "port 6001",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("kwargs", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_plan_refuses(kwargs: dict[str, Any], message: str) -> None:
    """Every bad request raises NeohaConfigError whose message names the problem."""
    args: dict[str, Any] = {"db_hosts": ["a"], "coordinator_hosts": ["a", "b", "c"], **kwargs}
    with pytest.raises(NeohaConfigError) as info:
        plan(args.pop("db_hosts"), args.pop("coordinator_hosts"), **args)
    assert message in str(info.value)


@pytest.mark.parametrize("count", [1, 2, 4])
def test_poor_fault_tolerance_can_be_allowed(count: int) -> None:
    """With the flag, 1, 2 or 4 coordinators are planned as asked."""
    p = plan(["a"], ["c"] * count, allow_poor_fault_tolerance=True)
    assert len(p.coordinators) == count
    assert all(h.coord and len(h.coord.servers) == count for h in p.coordinators)


# --- session timeouts: the checker's bounds (NHA209, NHA310) -----------------------------------

# tick_time=2000 grants [4000, 40000] ms; db1 asks for 3000 ms.
_SHORT = {"db1": {"ha.zk_session_timeout": "3000"}}


def test_a_timeout_below_two_ticks_is_refused() -> None:
    """The near miss of the negative limit below: without it, 3000 ms would be clamped."""
    with pytest.raises(NeohaConfigError, match=r"3000 ms is outside \[4000, 40000\] ms"):
        plan(["a"], ["a", "b", "c"], tick_time=2000, extra=_SHORT)


@needs_check
def test_a_negative_min_session_timeout_is_a_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ZooKeeper 3.3 reads only -1 as an unset minSessionTimeout: -5 is the minimum itself, so
    3000 ms is granted as asked and the plan stands; ``check`` agrees (no NHA310)."""
    coords = {f"coord{i}": {"minSessionTimeout": "-5"} for i in (1, 2, 3)}
    p = plan(["a"], ["a", "b", "c"], tick_time=2000, extra={**_SHORT, **coords})
    write_plan(p, tmp_path)
    report = run_check(tmp_path, Profile.ZK33, capsys)
    assert "NHA310" not in codes(report, "error", "warning", "info")
    assert codes(report, "error", "warning") == [], report["diagnostics"]


def test_a_negative_max_session_timeout_is_refused() -> None:
    """maxSessionTimeout=-5 is a maximum below the minimum: ZooKeeper stops (NHA209)."""
    extra = {f"coord{i}": {"maxSessionTimeout": "-5"} for i in (1, 2, 3)}
    with pytest.raises(NeohaConfigError, match="NHA209") as info:
        plan(["a"], ["a", "b", "c"], extra=extra)
    assert info.value.key == "minSessionTimeout"


def test_every_coordinator_must_grant_the_timeout() -> None:
    """As NHA310 compares each coordinator: one with a lower maximum is enough to refuse."""
    with pytest.raises(NeohaConfigError, match="coordinator coord2 allows") as info:
        plan(["a"], ["a", "b", "c"], extra={"coord2": {"maxSessionTimeout": "4500"}})
    assert "5000 ms is outside [4000, 4500] ms" in str(info.value)
    assert info.value.key == "ha.zk_session_timeout"


# --- listeners: the checker's sockets ----------------------------------------------------------


def test_plan_listeners_are_the_ones_check_counts(tmp_path: Path) -> None:
    """A planned home's listeners are the ports ``check`` maps for the written home."""
    from neoha_config.context import CheckContext
    from neoha_config.layout import load_tree

    p = plan(["h", "h"], ["h"] * 3, profile=Profile.ZK38, extra={
        "db2": {"org.neo4j.server.webserver.https.enabled": "true", "online_backup_enabled": "true"}
    })  # fmt: skip
    write_plan(p, tmp_path)
    ctx = CheckContext(load_tree([tmp_path]), Profile.ZK38)
    found: dict[str, list[tuple[str, int]]] = {}
    for listener in ctx.listeners:
        found.setdefault(listener.node.name, []).append((listener.what, listener.port))
    assert found == {home.name: home.listeners(p.profile) for home in p.homes}
    assert ("HTTPS port", 7473) in found["db2"]
    assert ("online backup port", 6362) in found["db2"]


def test_extra_settings_go_to_their_file(tmp_path: Path) -> None:
    """Server keys to the server file, other keys to neo4j.properties, coordinator keys to
    coord.cfg; new files list the plan's keys first, then the extras, then server.N."""
    p = plan(
        ["a"],
        ["a", "b", "c"],
        extra={
            "db1": {"org.neo4j.server.webserver.address": "0.0.0.0", "ha.read_timeout": "30"},
            "coord3": {"maxClientCnxns": "100"},
        },
    )
    write_plan(p, tmp_path)
    server = props(tmp_path / "db1/conf/neo4j-server.properties")
    database = props(tmp_path / "db1/conf/neo4j.properties")
    assert server["org.neo4j.server.webserver.address"] == "0.0.0.0"
    assert database["ha.read_timeout"] == "30"
    assert "ha.read_timeout" not in server
    assert list(props(tmp_path / "coord3/conf/coord.cfg"))[5] == "maxClientCnxns"
    assert list(props(tmp_path / "db1/conf/neo4j.properties"))[-1] == "ha.read_timeout"
    assert "maxClientCnxns" not in props(tmp_path / "coord1/conf/coord.cfg")


# --- writing ----------------------------------------------------------------------------------


def test_write_creates_the_tree(tmp_path: Path) -> None:
    """Every home gets its files; each new file starts with the header; Changes say created."""
    p = plan(["a", "b"], ["a", "b", "c"])
    changes = write_plan(p, tmp_path / "out")
    files = sorted(snapshot(tmp_path / "out"))
    assert files == sorted(
        [f"db{i}/conf/{f}" for i in (1, 2) for f in ("neo4j-server.properties", "neo4j.properties")]
        + [f"coord{i}/{f}" for i in (1, 2, 3) for f in ("conf/coord.cfg", "data/coordinator/myid")]
    )
    for name in files:
        data = (tmp_path / "out" / name).read_bytes()
        if not name.endswith("myid"):
            assert data.startswith(b"# Written by neoha_config: ")
        assert b" \n" not in data
        assert data.endswith(b"\n")
    assert all(c.created and c.old is None for c in changes)
    myid_changes = [c for c in changes if c.key is None]
    assert [c.new for c in myid_changes] == ["1", "2", "3"]
    cfg = (tmp_path / "out/coord1/conf/coord.cfg").read_text("ascii").splitlines()
    assert [line.split("=")[0] for line in cfg[2:]] == [
        "tickTime",
        "initLimit",
        "syncLimit",
        "dataDir",
        "clientPort",
        "server.1",
        "server.2",
        "server.3",
    ]


def test_write_is_deterministic(tmp_path: Path) -> None:
    """The same plan, planned twice, writes byte-identical trees."""
    for out in ("one", "two"):
        write_plan(plan(["x", "y", "x"], ["x", "y", "z"], profile="3.8"), tmp_path / out)
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_second_write_changes_nothing(tmp_path: Path) -> None:
    """Writing twice reports no change and rewrites no file (same inode, same mtime)."""
    p = plan(["a"] * 3, ["a"] * 3, profile=Profile.ZK38)
    write_plan(p, tmp_path)
    past = 1_000_000_000
    for path in tmp_path.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))
    before = {p2: (p2.stat().st_ino, p2.stat().st_mtime_ns) for p2 in tmp_path.rglob("*")}
    assert write_plan(p, tmp_path) == []
    after = {p2: (p2.stat().st_ino, p2.stat().st_mtime_ns) for p2 in tmp_path.rglob("*")}
    assert after == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """A dry run returns the changes a real run makes, and leaves the directory as it was."""
    p = plan(["a"], ["a", "b", "c"])
    dry = write_plan(p, tmp_path, dry_run=True)
    assert list(tmp_path.iterdir()) == []
    assert write_plan(p, tmp_path) == dry


HAND_WRITTEN_DB = (
    b"# Our tuning, do not lose this comment\r\n"
    b"neostore.nodestore.db.mapped_memory = 25M\r\n"
    b"ha.machine_id = 9\r\n"
    b"ha.server_id : 4\r\n"
    b"ha.server_id : 5\r\n"
    b"\r\n"
    b"! another comment\r\n"
    b"ha.pull_interval=10s\r\n"
    b"custom.key=caf\\u00e9  \r\n"
)
HAND_WRITTEN_COORD = (
    b"# ops: ensemble of three\n"
    b"tickTime=3000\n"
    b"dataDir=data/coordinator/\n"
    b"server.1=a:2888:3888\n"
    b"server.01=old:2888:3888\n"
    b"server.7=gone:2888:3888\n"
    b"autopurge.purgeInterval=24\n"
)


def test_update_in_place_keeps_what_the_plan_does_not_own(tmp_path: Path) -> None:
    """Existing files: comments, unknown keys, separators and line endings survive byte for
    byte; owned keys change in their own line; legacy names, duplicates and stale server.N
    lines go."""
    p = plan(["a"], ["a", "b", "c"])
    db = tmp_path / "db1/conf/neo4j.properties"
    cfg = tmp_path / "coord1/conf/coord.cfg"
    db.parent.mkdir(parents=True)
    cfg.parent.mkdir(parents=True)
    db.write_bytes(HAND_WRITTEN_DB)
    cfg.write_bytes(HAND_WRITTEN_COORD)
    changes = write_plan(p, tmp_path)
    data = db.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[0] == b"# Our tuning, do not lose this comment"
    assert lines[1] == b"neostore.nodestore.db.mapped_memory = 25M"
    assert b"ha.server_id : 1" in lines  # the winning line rewritten in its own style
    assert b"! another comment" in lines
    assert b"custom.key=caf\\u00e9  " in lines
    assert b"ha.machine_id" not in data
    assert data.count(b"ha.server_id") == 1
    assert b"\n" not in data.replace(b"\r\n", b"")  # the file's CRLF style is kept
    assert props(db)["ha.coordinators"] == "a:2181,b:2181,c:2181"
    by_key = {(c.path.name, c.key): c for c in changes if not c.created}
    assert by_key[("neo4j.properties", "ha.server_id")].old == "5"
    assert by_key[("neo4j.properties", "ha.machine_id")].new is None
    assert ("neo4j.properties", "ha.pull_interval") not in by_key  # already right
    coord = cfg.read_bytes()
    assert coord.startswith(b"# ops: ensemble of three\ntickTime=2000\n")
    assert b"autopurge.purgeInterval=24\n" in coord
    assert b"gone" not in coord
    assert b"server.01" not in coord
    assert props(cfg)["dataDir"] == "data/coordinator"
    assert by_key[("coord.cfg", "server.7")].old == "gone:2888:3888"
    assert write_plan(p, tmp_path) == []


def test_update_only_touches_owned_lines(tmp_path: Path) -> None:
    """Changing one planned value rewrites exactly that line of an existing file."""
    write_plan(plan(["a"], ["a", "b", "c"]), tmp_path)
    path = tmp_path / "db1/conf/neo4j.properties"
    path.write_bytes(path.read_bytes() + b"# mine\nmy.key=1\n")
    before = path.read_bytes().splitlines()
    changes = write_plan(plan(["a"], ["a", "b", "c"], cluster_name="other"), tmp_path)
    after = path.read_bytes().splitlines()
    diff = [(x, y) for x, y in zip(before, after, strict=True) if x != y]
    assert diff == [(b"ha.cluster_name=neo4j.ha", b"ha.cluster_name=other")]
    assert {(c.path.name, c.key, c.old, c.new) for c in changes} == {
        ("neo4j.properties", "ha.cluster_name", "neo4j.ha", "other")
    }


def test_myid_update(tmp_path: Path) -> None:
    """A right myid is kept as written (CRLF too); a wrong one is replaced and reported."""
    write_plan(plan(["a"], ["a", "b", "c"]), tmp_path)
    one = tmp_path / "coord1/data/coordinator/myid"
    two = tmp_path / "coord2/data/coordinator/myid"
    one.write_bytes(b"1\r\n")
    two.write_bytes(b"7\n")
    changes = write_plan(plan(["a"], ["a", "b", "c"]), tmp_path)
    assert one.read_bytes() == b"1\r\n"
    assert two.read_bytes() == b"2\n"
    assert [(c.path, c.key, c.old, c.new) for c in changes] == [(two, None, "7", "2")]
    assert MyId.parse(two.read_bytes()).value == 2


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("directory", "not a regular file"),
        ("malformed", "cannot update"),
    ],
)
def test_write_refuses_and_writes_nothing(tmp_path: Path, setup: str, message: str) -> None:
    """A file that cannot be updated stops the write before any file is touched."""
    target = tmp_path / "db2/conf/neo4j.properties"
    if setup == "directory":
        target.mkdir(parents=True)
    else:
        target.parent.mkdir(parents=True)
        target.write_bytes(b"ha.server_id=2\nbad=\\u12G4\n")
    before = snapshot(tmp_path)
    with pytest.raises(NeohaConfigError) as info:
        write_plan(plan(["a", "b"], ["a", "b", "c"]), tmp_path)
    assert message in str(info.value)
    assert str(target) in str(info.value)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "db1").exists()


# --- plans check clean, mutations are caught (needs the check command) ------------------------

POOLS = {
    "loopback": ["localhost", "127.0.0.1", "127.0.0.2"],
    "hosts": ["neo-a", "neo-b.example.com", "10.0.0.1", "10.0.0.2", "NEO-A"],
}


@st.composite
def host_lists(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """(database hosts, coordinator hosts) from one pool, with repeats; coordinators odd >= 3."""
    pool = POOLS[draw(st.sampled_from(sorted(POOLS)))]
    if draw(st.booleans()):
        pool = pool[:1]  # everything on one host
    hosts = st.sampled_from(pool)
    dbs = draw(st.lists(hosts, min_size=1, max_size=5))
    coords = draw(st.lists(hosts, min_size=3, max_size=7).filter(lambda c: len(c) % 2 == 1))
    return dbs, coords


@needs_check
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lists=host_lists(), profile=st.sampled_from(list(Profile)))
def test_every_plan_checks_clean(
    lists: tuple[list[str], list[str]], profile: Profile, capsys: pytest.CaptureFixture[str]
) -> None:
    """Property: any plan, written, checks with no error and no warning under its profile."""
    dbs, coords = lists
    with tempfile.TemporaryDirectory() as tmp:
        write_plan(plan(dbs, coords, profile=profile), tmp)
        report = run_check(Path(tmp), profile, capsys)
    assert codes(report, "error", "warning") == [], report["diagnostics"]
    assert report["summary"]["nodes"] == len(dbs) + len(coords)


def _set(path: Path, key: str, value: str) -> None:
    doc = parse(path.read_bytes())
    assert doc.set(key, value)
    path.write_bytes(doc.dump_bytes())


def _mutate(root: Path, p: ClusterPlan, mutation: str) -> None:
    if mutation == "duplicate server id":
        _set(root / "db2/conf/neo4j.properties", "ha.server_id", "1")
    elif mutation == "quorum port in coordinator list":
        coord = p.home("coord1").coord
        assert coord is not None
        line = coord.servers[1]
        _set(
            root / "db1/conf/neo4j.properties", "ha.coordinators", f"{line.host}:{line.quorum_port}"
        )
    elif mutation == "myid not in server.N":
        (root / "coord2/data/coordinator/myid").write_bytes(b"9\n")
    elif mutation == "ports clash on one host":
        _set(root / "db2/conf/neo4j-server.properties", "org.neo4j.server.webserver.port", "7474")
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(mutation)


MUTATIONS = [
    ("duplicate server id", "NHA301"),
    ("quorum port in coordinator list", "NHA303"),
    ("myid not in server.N", "NHA206"),
    ("ports clash on one host", "NHA309"),
]


@needs_check
@pytest.mark.parametrize("profile", list(Profile))
@pytest.mark.parametrize("case", MUTATIONS, ids=[m[0] for m in MUTATIONS])
@pytest.mark.parametrize("hosts", [["127.0.0.1"] * 3, ["neo-a"] * 3])
def test_one_mutation_gives_its_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    hosts: Sequence[str],
    case: tuple[str, str],
    profile: Profile,
) -> None:
    """A good plan checks clean; breaking one owned setting gives the matching error."""
    mutation, code = case
    p = plan(hosts, hosts, profile=profile)
    write_plan(p, tmp_path)
    assert codes(run_check(tmp_path, profile, capsys), "error", "warning") == []
    _mutate(tmp_path, p, mutation)
    found = codes(run_check(tmp_path, profile, capsys), "error")
    assert code in found, found


# --- argument types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plan(None, ["zk1", "zk2", "zk3"]), "database hosts must be a list"),  # type: ignore[arg-type]
        (lambda: plan(["db1"], 3), "coordinator hosts must be a list"),  # type: ignore[arg-type]
        (
            lambda: plan(["db1"], ["zk1", "zk2", "zk3"], extra={"db1": {"ha.pull_interval": 5}}),  # type: ignore[dict-item]
            "keys and values must be strings",
        ),
        (
            lambda: plan(["db1"], ["zk1", "zk2", "zk3"], extra={"db1": "x=1"}),  # type: ignore[dict-item]
            "must map keys to string values",
        ),
        (lambda: plan(["db1"], ["zk1", "zk2", "zk3"], extra=[1]), "extra must map"),  # type: ignore[arg-type]
        (lambda: plan(["db1"], ["zk1", "zk2", "zk3"], base_ports=7474), "BasePorts"),  # type: ignore[arg-type]
        (lambda: write_plan(None, "out"), "ClusterPlan"),  # type: ignore[arg-type]
    ],
)
def test_wrong_argument_types_raise_a_clear_type_error(call: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


def test_an_owned_key_in_extra_names_the_argument_that_decides_it() -> None:
    with pytest.raises(NeohaConfigError, match=r"base_ports\.web"):
        plan(
            ["db1"],
            ["zk1", "zk2", "zk3"],
            extra={"db1": {"org.neo4j.server.webserver.port": "8080"}},
        )


def test_write_plan_never_writes_through_a_symlinked_home(tmp_path: Path) -> None:
    """A home directory that is a link to another place is refused, naming the link."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "db1").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(NeohaConfigError, match="db1"):
        write_plan(plan(["h1"], ["h1", "h2", "h3"]), out)
    assert list(elsewhere.iterdir()) == []
