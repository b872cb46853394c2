"""Absolute tuning-file and dataDir paths: the node's own file when they plainly name it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from neoha_config.check import CheckOptions, check_paths
from neoha_config.layout import load_tree
from neoha_config.places import is_absolute, own_suffixes
from neoha_config.tree import FileRole

BAD_LIST = "ha.server_id=1\nha.coordinators=zk1:2181, zk2:2181\nha.server=db1:6001\n"


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="latin-1")


def server(tuning: str) -> str:
    return f"org.neo4j.server.database.mode=HA\norg.neo4j.server.db.tuning.properties={tuning}\n"


def codes(root: Path) -> list[tuple[str, str]]:
    result = check_paths([root], CheckOptions(cwd=root))
    return [(d.code, d.severity.value) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/etc/neo4j/neo4j.properties", True),
        ("C:\\neo4j\\conf\\neo4j.properties", True),
        ("conf/neo4j.properties", False),
        ("", False),
    ],
)
def test_is_absolute(value: str, expected: bool) -> None:
    assert is_absolute(value) is expected


def test_suffixes_longest_first_and_never_the_bare_name(tmp_path: Path) -> None:
    found = own_suffixes(tmp_path, "/opt/neo4j/conf/../conf/neo4j.properties")
    assert found == [
        tmp_path / "opt/neo4j/conf/neo4j.properties",
        tmp_path / "neo4j/conf/neo4j.properties",
        tmp_path / "conf/neo4j.properties",
    ]
    assert own_suffixes(tmp_path, "C:\\neo4j\\conf\\neo4j.properties")[-1] == (
        tmp_path / "conf/neo4j.properties"
    )


@pytest.mark.parametrize(
    "tuning",
    ["/opt/neo4j/conf/neo4j.properties", "/var/lib/neo4j/conf/neo4j.properties"],
)
def test_absolute_path_ending_with_the_own_file_is_read(tmp_path: Path, tuning: str) -> None:
    write(
        tmp_path,
        {"conf/neo4j-server.properties": server(tuning), "conf/neo4j.properties": BAD_LIST},
    )
    node = load_tree([tmp_path], cwd=tmp_path).nodes[0]
    assert node.files[FileRole.DATABASE].path == tmp_path / "conf" / "neo4j.properties"
    found = codes(tmp_path)
    assert ("NHA105", "error") in found  # the malformed list is no longer hidden
    assert "NHA113" not in {c for c, _ in found}


def test_flat_node_takes_the_file_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "neo4j-server.properties": server("/etc/neo4j/neo4j.properties"),
            "neo4j.properties": BAD_LIST,
        },
    )
    assert ("NHA105", "error") in codes(tmp_path)


@pytest.mark.parametrize(
    "tuning",
    [
        "/etc/neo4j/neo4j.properties",  # a home's conf/ is not /etc/neo4j plainly
        "/opt/neo4j/conf/ha.properties",  # another file
    ],
)
def test_other_absolute_paths_stay_silent(tmp_path: Path, tuning: str) -> None:
    write(
        tmp_path,
        {
            "conf/neo4j-server.properties": server(tuning)
            + "org.neo4j.server.webserver.port=99999\n",
            "conf/neo4j.properties": BAD_LIST,
        },
    )
    found = codes(tmp_path)
    assert ("NHA113", "info") in found
    assert ("NHA110", "error") in found  # the server file's own checks still run
    assert not {"NHA102", "NHA105"} & {c for c, _ in found}


def test_an_absolute_path_is_never_read_outside_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, {"conf/neo4j.properties": BAD_LIST})
    tree = tmp_path / "tree"
    tuning = os.fspath(outside / "conf" / "neo4j.properties")
    write(tree, {"db1/conf/neo4j-server.properties": server(tuning)})
    node = load_tree([tree], cwd=tree).nodes[0]
    assert FileRole.DATABASE not in node.files
    found = codes(tree)
    assert ("NHA113", "info") in found
    assert "NHA105" not in {c for c, _ in found}


def test_a_link_out_of_the_tree_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.properties"
    outside.write_text(BAD_LIST, encoding="latin-1")
    tree = tmp_path / "tree"
    write(tree, {"db1/conf/neo4j-server.properties": server("/opt/neo4j/conf/neo4j.properties")})
    (tree / "db1" / "conf" / "neo4j.properties").symlink_to(outside)
    found = codes(tree)
    assert "NHA105" not in {c for c, _ in found}
    assert ("NHA001", "error") in found


THREE = "server.1=zk1:2888:3888\nserver.2=zk2:2888:3888\nserver.3=zk3:2888:3888\n"


@pytest.mark.parametrize("data_dir", ["/var/lib/neo4j/data/coordinator", "/srv/data/coordinator/"])
def test_absolute_data_dir_ending_in_the_node_finds_its_myid(tmp_path: Path, data_dir: str) -> None:
    write(
        tmp_path,
        {
            "conf/coord.cfg": f"dataDir={data_dir}\nclientPort=2181\ninitLimit=5\nsyncLimit=2\n"
            + THREE,
            "data/coordinator/myid": "4\n",
        },
    )
    node = load_tree([tmp_path], cwd=tmp_path).nodes[0]
    assert node.files[FileRole.MYID].path == tmp_path / "data" / "coordinator" / "myid"
    assert node.myid_preferred
    assert ("NHA206", "error") in codes(tmp_path)  # 4 is not in the peer list


def test_absolute_data_dir_elsewhere_is_not_checked(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "conf/coord.cfg": "dataDir=/var/zookeeper\nclientPort=2181\ninitLimit=5\nsyncLimit=2\n"
            + THREE,
            "data/coordinator/myid": "4\n",
        },
    )
    node = load_tree([tmp_path], cwd=tmp_path).nodes[0]
    assert FileRole.MYID not in node.files
    found = codes(tmp_path)
    assert ("NHA204", "info") in found
    assert not {c for c, s in found if s != "info"}
