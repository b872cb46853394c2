"""Tests for live and inert components: the verdicts, their evidence, and who skips them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neoha_config.check import CheckOptions, check_paths
from neoha_config.cli import main
from neoha_config.context import CheckContext
from neoha_config.layout import load_tree

STOCK_COORD = (
    "tickTime=3000\ninitLimit=20\nsyncLimit=10\ndataDir=data/coordinator/\nclientPort=2181\n"
    "server.1=localhost:2888:3888    \n#server.2=localhost:2889:3889\n"
)
STOCK_SERVER = (
    "org.neo4j.server.database.location=data/graph.db\norg.neo4j.server.webserver.port=7474\n"
    "#org.neo4j.server.database.mode=HA\n"
    "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)
STOCK_DB = "#ha.server_id =\nha.pull_interval = 10s\n"
THREE = "server.1=localhost:2888:3888\nserver.2=localhost:2889:3889\nserver.3=localhost:2890:3890\n"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="latin-1")


def states(root: Path) -> dict[str, dict[str, str]]:
    tree = load_tree([root], cwd=root)
    ctx = CheckContext(tree)
    return {n.name: {c.role: c.state for c in ctx.components(n)} for n in tree.nodes}


def coordinator_home(i: int) -> dict[str, str]:
    cfg = "tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=data/coordinator/\n"
    cfg += f"clientPort={2180 + i}\n"
    return {f"zk{i}/conf/coord.cfg": cfg + THREE, f"zk{i}/data/coordinator/myid": f"{i}\n"}


def database_home(i: int, *, stock_coord: bool = True) -> dict[str, str]:
    files = {
        f"db{i}/conf/neo4j-server.properties": (
            f"org.neo4j.server.webserver.port={7473 + i}\norg.neo4j.server.database.mode=HA\n"
            "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
        ),
        f"db{i}/conf/neo4j.properties": (
            f"ha.server_id={i}\nha.coordinators=localhost:2181,localhost:2182,localhost:2183\n"
            f"ha.server=localhost:600{i}\n"
        ),
    }
    if stock_coord:
        files[f"db{i}/conf/coord.cfg"] = STOCK_COORD
    return files


def test_untouched_stock_home_is_a_live_database_and_an_inert_coordinator(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "conf/coord.cfg": STOCK_COORD,
            "conf/neo4j-server.properties": STOCK_SERVER,
            "conf/neo4j.properties": STOCK_DB,
        },
    )
    assert states(tmp_path) == {".": {"database": "live", "coordinator": "inert"}}


@pytest.mark.parametrize(
    ("extra", "want"),
    [
        ({"data/coordinator/myid": "1\n"}, "live"),  # a myid: someone set it up to run
        ({}, "inert"),
    ],
)
def test_coordinator_evidence_of_its_own(tmp_path: Path, extra: dict[str, str], want: str) -> None:
    write(tmp_path, {"conf/coord.cfg": STOCK_COORD, **extra})
    assert states(tmp_path)["."]["coordinator"] == want


def test_a_block_of_several_members_is_live(tmp_path: Path) -> None:
    write(tmp_path, {"conf/coord.cfg": "dataDir=d\nclientPort=2181\n" + THREE})
    assert states(tmp_path)["."]["coordinator"] == "live"


def test_a_listed_client_endpoint_makes_a_lone_coordinator_live(tmp_path: Path) -> None:
    write(tmp_path, {"zk/conf/coord.cfg": STOCK_COORD})
    write(
        tmp_path, {"db/conf/neo4j.properties": "ha.server_id=1\nha.coordinators=localhost:2181\n"}
    )
    assert states(tmp_path)["zk"] == {"coordinator": "live"}


def test_a_port_a_real_coordinator_serves_says_nothing_of_a_stock_one(tmp_path: Path) -> None:
    """db1 lists localhost:2181, which zk1 (with a myid) serves: the stock coord.cfg in db1's
    home also says clientPort=2181, but nothing starts it."""
    for i in (1, 2, 3):
        write(tmp_path, coordinator_home(i))
        write(tmp_path, database_home(i))
    found = states(tmp_path)
    assert found["db1"] == {"database": "live", "coordinator": "inert"}
    assert found["zk1"] == {"coordinator": "live"}


def test_stock_database_files_in_a_coordinator_home_are_inert(tmp_path: Path) -> None:
    write(tmp_path, coordinator_home(1))
    write(tmp_path, {"zk1/conf/neo4j-server.properties": STOCK_SERVER})
    write(tmp_path, {"zk1/conf/neo4j.properties": STOCK_DB})
    assert states(tmp_path)["zk1"] == {"database": "inert", "coordinator": "live"}


@pytest.mark.parametrize(
    "database",
    [
        {"zk1/conf/neo4j-server.properties": "org.neo4j.server.database.mode=ha\n"},
        {"zk1/conf/neo4j.properties": "ha.coordinators=localhost:2181\n"},
        {"zk1/conf/neo4j.properties": "ha.machine_id=1\n"},
        {"zk1/conf/neo4j.properties": "ha.initial_hosts=h1:5001\n"},
    ],
)
def test_ha_evidence_makes_a_database_in_a_coordinator_home_live(
    tmp_path: Path, database: dict[str, str]
) -> None:
    write(tmp_path, coordinator_home(1))
    write(tmp_path, database)
    assert states(tmp_path)["zk1"]["database"] == "live"


def test_inert_components_join_no_group_and_open_no_port(tmp_path: Path) -> None:
    for i in (1, 2, 3):
        write(tmp_path, coordinator_home(i))
        write(tmp_path, database_home(i))
    tree = load_tree([tmp_path], cwd=tmp_path)
    ctx = CheckContext(tree)
    assert sorted(n.name for e in ctx.topology.ensembles for n in e.coordinators) == [
        "zk1",
        "zk2",
        "zk3",
    ]
    assert not [li for li in ctx.listeners if li.node.name.startswith("db") and li.port == 2181]
    everything = CheckContext(tree, skip_inert=False)
    assert len(everything.topology.ensembles[0].coordinators) == 6  # the stock ones join
    assert ctx.port_clashes == []
    assert everything.port_clashes != []


def test_check_is_clean_and_the_json_report_says_which_component_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in (1, 2, 3):
        write(tmp_path, coordinator_home(i))
        write(tmp_path, database_home(i))
    result = check_paths([tmp_path], CheckOptions(cwd=tmp_path))
    assert [d.code for d in result.diagnostics if d.severity.value != "info"] == []
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "json", "."]) == 0
    nodes = {n["name"]: n for n in json.loads(capsys.readouterr().out)["nodes"]}
    assert nodes["db2"]["components"] == [
        {"role": "database", "state": "live", "evidence": "org.neo4j.server.database.mode is ha"},
        {
            "role": "coordinator",
            "state": "inert",
            "evidence": "no myid, no other server.N member, and no database node lists its "
            "client endpoint",
        },
    ]
    assert nodes["zk2"]["components"] == [
        {"role": "coordinator", "state": "live", "evidence": "it has a myid file"}
    ]


def test_show_still_draws_inert_components(tmp_path: Path) -> None:
    from neoha_config.inventory import build

    for i in (1, 2, 3):
        write(tmp_path, coordinator_home(i))
        write(tmp_path, database_home(i))
    inv = build(load_tree([tmp_path], cwd=tmp_path))
    inert = sorted(m.name for m in inv.members() if not m.live)
    assert inert == ["db1", "db2", "db3"]  # their coordinator roles, greyed
