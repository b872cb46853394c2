"""The static causes of 1.x HA failures that new rules report, beyond their case directories."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.check import CheckOptions, check_paths
from neoha_config.config import Settings
from neoha_config.profile import Profile

HA_SERVER = (
    "org.neo4j.server.database.mode=HA\n"
    "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="latin-1")


def found(
    root: Path, code: str, *, neo4j: str = "auto", zookeeper: Profile = Profile.ZK33
) -> list[tuple[str, str]]:
    settings = Settings(neo4j=neo4j, zookeeper=zookeeper)
    result = check_paths([root], CheckOptions(settings=settings, cwd=root))
    return [(d.severity.value, d.location.path) for d in result.diagnostics if d.code == code]


# --- NHA116 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("neo4j", "level"), [("1.3", "error"), ("1.8", "warning")])
def test_nha116_level_by_release(tmp_path: Path, neo4j: str, level: str) -> None:
    write(
        tmp_path,
        {
            "db1/conf/neo4j-server.properties": HA_SERVER,
            "db1/conf/neo4j.properties": "ha.machine_id=1\nha.zoo_keeper_servers=zk1:2181\n",
        },
    )
    assert found(tmp_path, "NHA116", neo4j=neo4j) == [(level, "db1/conf/neo4j-server.properties")]


def test_nha116_embedded_ha_is_reported_at_the_coordinator_list(tmp_path: Path) -> None:
    write(tmp_path, {"db1/neo4j.properties": "ha.server_id=1\nha.coordinators=zk1:2181\n"})
    assert found(tmp_path, "NHA116") == [("warning", "db1/neo4j.properties")]


@pytest.mark.parametrize(
    "database",
    [
        "ha.server_id=1\nha.coordinators=zk1:2181\nha.server=db1:6001\n",  # set
        "ha.server_id=1\nha.initial_hosts=db1:5001,db2:5001\n",  # a 1.9 member
    ],
)
def test_nha116_silent(tmp_path: Path, database: str) -> None:
    write(
        tmp_path,
        {"db1/conf/neo4j-server.properties": HA_SERVER, "db1/conf/neo4j.properties": database},
    )
    assert found(tmp_path, "NHA116") == []


def test_nha116_silent_in_single_mode(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "db1/conf/neo4j-server.properties": "org.neo4j.server.database.mode=single\n",
            "db1/conf/neo4j.properties": "ha.server_id=1\nha.coordinators=zk1:2181\n",
        },
    )
    assert found(tmp_path, "NHA116") == []


# --- NHA321 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("neo4j.ha", "neo4j.HA", True),  # case
        ("neo4j.ha", "neo4j.hb", True),  # one edit
        ("production", "prodcution", True),  # two edits, a long name
        ("shop", "shap", True),
        ("shop", "crm", False),
        ("prod", "test", False),
        ("ab", "ac", False),  # too short to tell a typo from a choice
        ("neo4j.ha", "neo4j.ha", False),  # the same name is NHA311's
        ("cluster-a", "cluster-b2", True),
        ("east", "west", False),  # two edits in a short name
        ("shop-1", "shop-2", False),  # numbered on purpose
        ("cluster10", "cluster11", False),
    ],
)
def test_nha321_near(a: str, b: str, expected: bool) -> None:
    from neoha_config.rules.nha321_near_duplicate_cluster_name import near

    assert near(a, b) is expected


def test_nha321_edit_distance_stops_at_its_limit() -> None:
    from neoha_config.rules.nha321_near_duplicate_cluster_name import edit_distance

    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("kitten", "sitting", 2) == 3  # limit + 1
    assert edit_distance("a" * 50, "b" * 2, 3) == 4


def test_nha321_silent_before_1_6(tmp_path: Path) -> None:
    three = "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"
    for i in (1, 2, 3):
        write(
            tmp_path,
            {
                f"zk{i}/conf/coord.cfg": "dataDir=d\nclientPort=2181\ninitLimit=5\nsyncLimit=2\n"
                + three,
                f"zk{i}/d/myid": f"{i}\n",
                f"db{i}/conf/neo4j-server.properties": HA_SERVER,
                f"db{i}/conf/neo4j.properties": f"ha.server_id={i}\nha.server=db{i}:6001\n"
                "ha.coordinators=zk1:2181,zk2:2181,zk3:2181\n"
                f"ha.cluster_name={'Prod' if i == 3 else 'prod'}\n",
            },
        )
    assert [s for s, _ in found(tmp_path, "NHA321")] == ["warning"]
    assert found(tmp_path, "NHA321", neo4j="1.5") == []


# --- NHA322, NHA323 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("ha.allow_init_cluster=false", "NHA322"),
        ("ha.slave_coordinator_update_mode=none", "NHA323"),
    ],
)
def test_a_lone_node_is_judged_only_under_complete(tmp_path: Path, line: str, code: str) -> None:
    write(
        tmp_path,
        {
            "db1/conf/neo4j-server.properties": HA_SERVER,
            "db1/conf/neo4j.properties": "ha.server_id=1\nha.server=db1:6001\n"
            f"ha.coordinators=zk1:2181\n{line}\n",
        },
    )
    assert found(tmp_path, code) == []
    settings = Settings(complete=True)
    result = check_paths([tmp_path], CheckOptions(settings=settings, cwd=tmp_path))
    assert [d.code for d in result.diagnostics].count(code) == 1


# --- NHA214 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parts"),
    [("1:2:3", ["1", "2", "3"]), ("1:2:", ["1", "2"]), (":1", ["", "1"]), (":", []), ("", [""])],
)
def test_nha214_splits_as_java_does(value: str, parts: list[str]) -> None:
    from neoha_config.rules.nha214_bad_groups import _java_split

    assert _java_split(value, ":") == parts


def test_nha214_one_participant_needs_no_groups(tmp_path: Path) -> None:
    write(tmp_path, {"zk1/conf/coord.cfg": "dataDir=d\nclientPort=2181\ngroup.1=7\n"})
    assert found(tmp_path, "NHA214") == []
    assert found(tmp_path, "NHA214", zookeeper=Profile.ZK38) == []
