"""``show``: the inventory of clusters and ensembles, and a host's port map."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from neoha_config import plan, write_plan
from neoha_config.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


def test_text_lists_groups_members_ids_and_endpoints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "examples")
    code, out = run(["show", "cluster"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ensemble neo4j-manager-01:2888,")
    assert "  coord1 (coordinator) myid 1  live  release ZooKeeper 3.3  cluster/coord1" in lines
    assert "      coordinator client port: neo4j-manager-01:2180 (clientPort)" in lines
    cluster = next(line for line in lines if line.startswith("cluster "))
    assert cluster.endswith("-> " + lines[0])
    assert "  db2 (database) ha.server_id 2  live  release Neo4j 1.4-1.8  cluster/db2" in lines
    assert "      HA port: neo4j-02:6001 (ha.server)" in lines


def test_json_is_the_inventory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT / "examples")
    code, out = run(["show", "broken", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1
    (ensemble,) = data["ensembles"]
    assert [(m["name"], m["id"], m["live"]) for m in ensemble["members"]] == [
        ("coord1", 1, True),
        ("coord2", 2, True),
        ("coord3", 4, True),
    ]
    (cluster,) = data["clusters"]
    assert cluster["ensemble"] == ensemble["label"]
    db1 = cluster["members"][0]
    assert db1["role"] == "database"
    assert db1["release"] == "Neo4j 1.8"  # its keys, with coordinators and no initial hosts
    assert db1["coordinators"][2] == "neo4j-manager-03:2888"
    assert {"what": "HA port", "endpoint": "neo4j-01:6001", "key": "ha.server"}.items() <= (
        next(e for e in db1["endpoints"] if e["what"] == "HA port").items()
    )


def test_ports_of_one_host_with_every_listener(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_plan(
        plan(["localhost"] * 3, ["localhost"] * 3, allow_poor_fault_tolerance=True), Path("t")
    )
    code, out = run(["show", "t", "--ports", "127.0.0.1", "--format", "json"], capsys)
    assert code == 0
    listeners = json.loads(out)["listeners"]
    # Three coordinators (client, quorum, election) and three databases (web, HA).
    assert len(listeners) == 3 * 3 + 3 * 2
    ports = [int(item["endpoint"].rsplit(":", 1)[1]) for item in listeners]
    assert ports == sorted(ports)
    assert len(set(ports)) == len(ports)  # a plan never shares a port
    client = next(item for item in listeners if item["endpoint"] == "loopback:2181")
    assert client["key"] == "clientPort"
    assert re.fullmatch(r"t/[^/]+/conf/coord\.cfg:\d+:1", client["location"])
    code, text = run(["show", "t", "--ports", "localhost"], capsys)
    assert code == 0
    assert len(text.splitlines()) == len(listeners)
    code, text = run(["show", "t", "--ports", "elsewhere"], capsys)
    assert text == "no listener on elsewhere in the tree\n"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["show", str(tmp_path / "nowhere")]) == 2


def test_a_stock_coordinator_nothing_runs_is_inert(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database home's stock coord.cfg (no myid, one server.1, listed by nobody) is greyed."""
    case = Path(__file__).parent / "data" / "cases"
    monkeypatch.chdir(case / "nha208-stock-coordinator-in-database-home-near-miss")
    assert main(["show", "--format", "json", "."]) == 0
    data = json.loads(capsys.readouterr().out)
    (ensemble,) = data["ensembles"]
    (member,) = ensemble["members"]
    assert member["role"] == "coordinator"
    assert member["live"] is False
