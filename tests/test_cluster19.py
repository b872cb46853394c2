"""Tests for Neo4j 1.9 clusters: listeners and port ranges, members, grouping by initial hosts."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from neoha_config import cluster19
from neoha_config.context import CheckContext
from neoha_config.hosts import LOOPBACK
from neoha_config.layout import load_tree
from neoha_config.rules import by_code
from neoha_config.tree import Node, Tree
from tests.rules_support import findings

HA_SERVER = {
    "org.neo4j.server.database.mode": "HA",
    "org.neo4j.server.db.tuning.properties": "conf/neo4j.properties",
}


def write(root: Path, nodes: Mapping[str, Mapping[str, str]], server: bool = True) -> None:
    """One home per node with the given ``neo4j.properties`` (and an HA server file)."""
    for name, settings in nodes.items():
        conf = root / name / "conf"
        conf.mkdir(parents=True)
        (conf / "neo4j.properties").write_text("".join(f"{k}={v}\n" for k, v in settings.items()))
        if server:
            text = "".join(f"{k}={v}\n" for k, v in HA_SERVER.items())
            (conf / "neo4j-server.properties").write_text(text)


def load(root: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    monkeypatch.chdir(root)
    return load_tree(["."])


def node(tree: Tree, name: str) -> Node:
    return next(n for n in tree.nodes if n.name == name)


def member(i: int, hosts: str = "h1:5001,h2:5001,h3:5001", **extra: str) -> dict[str, str]:
    out = {"ha.server_id": str(i), "ha.initial_hosts": hosts}
    out.update(extra)
    return out


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, (None, 5001, 5099, True)),
        ({"ha.cluster_server": "h1:5001"}, ("h1", 5001, 5001, False)),
        ({"ha.cluster_server": ":5002-5010"}, (None, 5002, 5010, False)),
        ({"ha.cluster_server": "0.0.0.0:5001-5099"}, (None, 5001, 5099, False)),
        ({"ha.cluster_server": "h1 : 5001 "}, None),  # 1.9 refuses the port " 5001"
        ({"ha.cluster_server": "h1"}, None),
        ({"ha.cluster_server": "h1:5010-5001"}, None),  # a range that ends before it starts
    ],
)
def test_cluster_listener(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: dict[str, str],
    expected: tuple[str | None, int, int, bool] | None,
) -> None:
    write(tmp_path, {"db1": {**member(1), **settings}})
    found = cluster19.cluster_listener(node(load(tmp_path, monkeypatch), "db1"))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.host, found.first, found.last, found.default) == expected


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, (6362, 6372, "online_backup_server")),
        ({"online_backup_port": "6400"}, (6400, 6400, "online_backup_port")),
        (
            {"online_backup_port": "6400", "online_backup_server": "h1:6500-6510"},
            (6500, 6510, "online_backup_server"),
        ),
        ({"online_backup_enabled": "false"}, None),
        ({"online_backup_enabled": "FALSE", "online_backup_port": "6400"}, None),
        ({"online_backup_enabled": "yes"}, None),  # 1.9 refuses it: the port is not guessed
        ({"online_backup_enabled": "true"}, (6362, 6372, "online_backup_server")),
    ],
)
def test_backup_listener(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings: dict[str, str],
    expected: tuple[int, int, str] | None,
) -> None:
    write(tmp_path, {"db1": {**member(1), **settings}})
    found = cluster19.backup_listener(node(load(tmp_path, monkeypatch), "db1"))
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.first, found.last, found.key) == expected


def test_member_host_prefers_the_cluster_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "a": member(1, **{"ha.cluster_server": "H1.example.:5001", "ha.server": "h9:6001"}),
            "b": member(2, **{"ha.cluster_server": "0.0.0.0:5001", "ha.server": "h2:6001"}),
            "c": member(3, **{"ha.cluster_server": ":5001-5099"}),
            "d": member(4, **{"ha.server": "127.0.0.1:6001"}),
        },
    )
    tree = load(tmp_path, monkeypatch)
    hosts = {n.name: cluster19.member_host(n) for n in tree.nodes}
    assert hosts == {"a": "h1.example", "b": "h2", "c": None, "d": LOOPBACK}


def test_initial_hosts_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "a": member(1, hosts="h1:5001, H2:5002,:5003", **{"ha.cluster_server": "h1:5001"}),
            "b": member(2, hosts="h1:5001,,h2"),
        },
    )
    tree = load(tmp_path, monkeypatch)
    a = cluster19.member(node(tree, "a"))
    assert a.entries is not None
    assert [(e.host, e.port) for e in a.entries] == [("h1", 5001), ("h2", 5002), ("h1", 5003)]
    assert cluster19.member(node(tree, "b")).entries is None  # a value 1.9 refuses


def test_members_are_19_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "new": member(1),
            "old": {"ha.server_id": "2", "ha.coordinators": "zk7:2181"},
            "upgrading": {**member(3), "ha.coordinators": "zk1:2181"},
        },
    )
    (tmp_path / "single" / "conf").mkdir(parents=True)
    (tmp_path / "single" / "conf" / "neo4j.properties").write_text("ha.initial_hosts=h1:5001\n")
    (tmp_path / "single" / "conf" / "neo4j-server.properties").write_text(
        "org.neo4j.server.database.mode=single\n"
    )
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    assert {n.name: ctx.is_19(n) for n in ctx.tree.nodes} == {
        "new": True,
        "old": False,
        "single": False,
        "upgrading": True,
    }


def test_clusters_group_by_shared_entries_and_listed_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "a1": member(1, hosts="h1:5001,h2:5001"),
            "a2": member(2, hosts="h2:5001,h3:5001"),
            # lists nobody of the others, but a1 lists its endpoint
            "a3": member(3, hosts="h9:5001", **{"ha.cluster_server": "h1:5001"}),
            "b1": member(1, hosts="x1:5001,x2:5001"),
            "lone": {"ha.server_id": "7", "ha.cluster_server": "y1:5001"},
        },
    )
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    groups = sorted(sorted(m.node.name for m in c.members) for c in ctx.clusters_19)
    assert groups == [["a1", "a2", "a3"], ["b1"], ["lone"]]
    assert ctx.clusters_19 is ctx.clusters_19  # built once
    labels = sorted(c.label for c in ctx.clusters_19)
    assert labels[0] == "1.9 cluster neo4j.ha (1 member)"
    assert "1.9 cluster neo4j.ha (3 members)" in labels


@pytest.mark.parametrize(
    ("count", "ranges", "expected"),
    [
        (1, "localhost:5001-5099", [5001]),
        (3, "localhost:5001-5099", [5001, 5002, 5003]),
        (3, "localhost:5001-5002", [5001, 5002]),
        (2, "localhost:5001", [5001]),
    ],
)
def test_possible_ports_grow_with_members_sharing_a_range(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    ranges: str,
    expected: list[int],
) -> None:
    write(
        tmp_path,
        {f"db{i}": member(i, **{"ha.cluster_server": ranges}) for i in range(1, count + 1)},
    )
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    members = [m for c in ctx.clusters_19 for m in c.members]
    assert list(cluster19.possible_ports(members[0], members)) == expected


def test_19_listeners_in_the_port_map(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "db1": member(
                1,
                **{
                    "ha.cluster_server": "h1:5001",
                    "ha.server": "h1:6001-6011",
                    "online_backup_port": "6362",
                },
            )
        },
    )
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    found = {(lst.host, lst.port, lst.key) for lst in ctx.listeners}
    # the web port and the fixed cluster and backup ports; the HA range is NHA315's, and the
    # 1.3-1.8 default HA port 6361 is not a 1.9 listener
    assert found == {
        ("h1", 7474, "org.neo4j.server.webserver.port"),
        ("h1", 5001, "ha.cluster_server"),
        ("h1", 6362, "online_backup_port"),
    }


def test_no_nha102_for_a_19_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {f"db{i}": member(i, **{"ha.cluster_server": f"h{i}:5001"}) for i in (1, 2, 3)})
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    rule = by_code()["NHA102"]
    assert [d for n in ctx.tree.nodes for d in rule(n, ctx)] == []
    # and the same member without ha.initial_hosts gets it
    (tmp_path / "db1" / "conf" / "neo4j.properties").write_text(
        "ha.server_id=1\nha.cluster_server=h1:5001\n"
    )
    ctx = CheckContext(tree=load(tmp_path, monkeypatch))
    assert [d.code for n in ctx.tree.nodes for d in rule(n, ctx)] == ["NHA102"]


def _local(i: int, **extra: str) -> dict[str, str]:
    out = {
        "ha.server_id": str(i),
        "ha.initial_hosts": "localhost:5001,localhost:5002,localhost:5003",
        "ha.cluster_server": f"localhost:500{i}",
        "ha.server": f"localhost:600{i}",
        "online_backup_enabled": "false",
    }
    out.update(extra)
    return out


def _codes(tree: Tree) -> list[tuple[str, str, str | None, str]]:
    return [
        (d.code, d.node or "", d.key, d.severity.value)
        for d in findings(tree, codes=("NHA309", "NHA315"))
    ]


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        # the range takes 6362 first and stops there: 6363 is never reached
        (
            {
                "db1": _local(1, online_backup_enabled="true"),
                "db2": _local(2, **{"ha.server": "localhost:6363"}),
            },
            [],
        ),
        # with 6362 taken by a fixed port, the range reaches 6363
        (
            {
                "db1": _local(1, online_backup_enabled="true"),
                "db2": _local(2, **{"ha.server": "localhost:6363"}),
                "db3": _local(3, **{"ha.server": "localhost:6362"}),
            },
            [
                ("NHA315", "db2", "ha.server", "warning"),
                ("NHA315", "db3", "ha.server", "warning"),
            ],
        ),
        # two ranges below the fixed port reach it, one alone does not
        (
            {
                "db1": _local(
                    1, online_backup_enabled="true", online_backup_server="localhost:6362-6372"
                ),
                "db2": _local(
                    2, online_backup_enabled="true", online_backup_server="localhost:6362-6372"
                ),
                "db3": _local(3, **{"ha.server": "localhost:6363"}),
            },
            [
                ("NHA315", "db3", "ha.server", "warning"),
                ("NHA315", "db3", "ha.server", "warning"),
            ],
        ),
        # ha.server must use another port than ha.cluster_server (1.9 manual)
        (
            {"db1": _local(1, **{"ha.server": "localhost:5001"})},
            [("NHA309", "db1", "ha.server", "error")],
        ),
        # a range exactly as large as its listeners is enough
        (
            {
                "db1": _local(
                    1, online_backup_enabled="true", online_backup_server="localhost:6362-6363"
                ),
                "db2": _local(
                    2, online_backup_enabled="true", online_backup_server="localhost:6362-6363"
                ),
            },
            [],
        ),
    ],
)
def test_port_ranges_on_one_host(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    nodes: dict[str, dict[str, str]],
    expected: list[tuple[str, str, str | None, str]],
) -> None:
    write(tmp_path, nodes, server=False)  # embedded HA: no web port to clash
    assert _codes(load(tmp_path, monkeypatch)) == expected


def test_show_groups_a_19_cluster(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from neoha_config.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[1] / "examples")
    assert main(["show", "cluster-1.9"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if not line.startswith(" ")] == [
        "1.9 cluster neo4j.ha (3 members)"
    ]
    assert "      cluster port: neo4j-02:5001 (ha.cluster_server)" in lines
