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
