"""Tests of node discovery, bounded reading and loading (neoha_config.layout)."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from neoha_config.errors import NeohaConfigError
from neoha_config.layout import load_tree, node_from_files
from neoha_config.reading import MAX_FILE_BYTES, read_bytes
from neoha_config.tree import FileRole, Node

SERVER = (
    "org.neo4j.server.database.mode=HA\n"
    "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)
DATABASE = "ha.server_id=1\nha.coordinators=zk1:2181\nha.server=db1:6001\n"
COORD = "tickTime=2000\ndataDir=data/coordinator\nclientPort=2181\nserver.1=zk1:2888:3888\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="latin-1")
    return path


def home(root: Path, *, server: str = SERVER, database: str | None = DATABASE) -> Path:
    write(root / "conf" / "neo4j-server.properties", server)
    if database is not None:
        write(root / "conf" / "neo4j.properties", database)
    return root


def coordinator(root: Path, *, coord: str = COORD, myid: str | None = "1\n") -> Path:
    write(root / "conf" / "coord.cfg", coord)
    if myid is not None:
        write(root / "data" / "coordinator" / "myid", myid)
    return root


def names(nodes: list[Node]) -> list[str]:
    return [n.name for n in nodes]


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """Fail instead of hanging when a read blocks (a FIFO opened without O_NONBLOCK)."""
    if sys.platform == "win32":
        yield
        return

    def fail(signum: int, frame: object) -> None:
        raise TimeoutError("loading blocked")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --- discovery ------------------------------------------------------------------------------


def test_home_node_is_the_argument(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    tree = load_tree([tmp_path / "db1"], cwd=tmp_path)
    assert names(tree.nodes) == ["."]
    node = tree.nodes[0]
    assert node.layout == "home"
    assert node.display == "db1"
    assert set(node.files) == {FileRole.SERVER, FileRole.DATABASE}
    assert node.files[FileRole.SERVER].display == "db1/conf/neo4j-server.properties"


def test_nodes_found_recursively_with_names_relative_to_argument(tmp_path: Path) -> None:
    home(tmp_path / "prod" / "eu" / "db1")
    coordinator(tmp_path / "prod" / "eu" / "zk1")
    home(tmp_path / "prod" / "us" / "db2")
    tree = load_tree(["prod"], cwd=tmp_path)
    assert names(tree.nodes) == ["eu/db1", "eu/zk1", "us/db2"]
    assert [n.display for n in tree.nodes] == ["prod/eu/db1", "prod/eu/zk1", "prod/us/db2"]
    assert not tree.unplaced


def test_flat_node(tmp_path: Path) -> None:
    write(tmp_path / "flat" / "coord.cfg", COORD)
    write(tmp_path / "flat" / "myid", "1\n")
    tree = load_tree(["."], cwd=tmp_path)
    assert names(tree.nodes) == ["flat"]
    node = tree.nodes[0]
    assert node.layout == "flat"
    assert node.is_coordinator
    assert node.myid is not None
    assert node.myid.value == 1


def test_conf_directory_argument_means_its_home(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    tree = load_tree(["db1/conf"], cwd=tmp_path)
    assert len(tree.nodes) == 1
    assert tree.nodes[0].display == "db1"
    assert tree.nodes[0].layout == "home"


def test_node_search_stops_at_a_node(tmp_path: Path) -> None:
    # A home's own subdirectories are part of it, not nodes of their own.
    home(tmp_path / "db1")
    write(tmp_path / "db1" / "backup" / "conf" / "neo4j.properties", DATABASE)
    tree = load_tree(["."], cwd=tmp_path)
    assert names(tree.nodes) == ["db1"]


def test_hidden_directories_are_skipped(tmp_path: Path) -> None:
    home(tmp_path / ".old" / "db1")
    home(tmp_path / "db2")
    tree = load_tree(["."], cwd=tmp_path)
    assert names(tree.nodes) == ["db2"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    home(tmp_path / "real" / "db1")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    tree = load_tree(["tree"], cwd=tmp_path)
    assert tree.nodes == []
    assert [shown for shown, _ in tree.unplaced] == ["tree"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_cycle_terminates(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "up").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "self").symlink_to(".", target_is_directory=True)
    home(tmp_path / "a" / "db1")
    tree = load_tree(["a"], cwd=tmp_path)
    assert names(tree.nodes) == ["db1"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlinked_file_is_read(tmp_path: Path) -> None:
    write(tmp_path / "shared" / "neo4j.properties", DATABASE)
    home(tmp_path / "db1", database=None)
    (tmp_path / "db1" / "conf" / "neo4j.properties").symlink_to(
        tmp_path / "shared" / "neo4j.properties"
    )
    tree = load_tree(["."], cwd=tmp_path)  # the link stays inside the checked tree
    node = tree.nodes[0]
    assert node.database is not None
    assert node.database.server_id == 1
    # Checked alone, db1's link leads outside the checked tree: not read, and said why.
    (outside,) = load_tree(["db1"], cwd=tmp_path).nodes
    assert outside.database is None
    error = outside.files[FileRole.DATABASE].error
    assert error is not None
    assert "leaves the checked paths" in error


def test_symlinked_conf_directory_does_not_make_a_home(tmp_path: Path) -> None:
    home(tmp_path / "real")
    (tmp_path / "db1").mkdir()
    if sys.platform == "win32":
        pytest.skip("symlinks need privileges on Windows")
    (tmp_path / "db1" / "conf").symlink_to(tmp_path / "real" / "conf", target_is_directory=True)
    tree = load_tree(["db1"], cwd=tmp_path)
    assert tree.nodes == []


def test_directory_without_node_is_nha007(tmp_path: Path) -> None:
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    write(tmp_path / "empty" / "sub" / "notes.txt", "x")
    tree = load_tree(["empty"], cwd=tmp_path)
    assert tree.nodes == []
    [(shown, why)] = tree.unplaced
    assert shown == "empty"
    assert "no Neo4j HA node found" in why


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(NeohaConfigError) as err:
        load_tree(["nope"], cwd=tmp_path)
    assert err.value.path == "nope"


def test_display_paths_relative_to_cwd_for_absolute_arguments(tmp_path: Path) -> None:
    home(tmp_path / "x" / "db1")
    tree = load_tree([str(tmp_path / "x")], cwd=tmp_path / "x")
    assert tree.nodes[0].display == "db1"
    tree = load_tree([str(tmp_path / "x")], cwd=tmp_path / "elsewhere")
    assert tree.nodes[0].display == "../x/db1"
    assert "\\" not in tree.nodes[0].files[FileRole.SERVER].display


def test_exclude_globs(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    home(tmp_path / "old" / "db2")
    tree = load_tree(["."], cwd=tmp_path, exclude=["old"])
    assert names(tree.nodes) == ["db1"]


@pytest.mark.parametrize("glob", ["old", "old/**", "old/*"])
def test_excluded_directory_named_as_argument_is_searched_whole(tmp_path: Path, glob: str) -> None:
    # Naming an excluded directory asks for it: its nodes are checked, not reported missing.
    home(tmp_path / "old" / "db2")
    home(tmp_path / "old" / "sub" / "db3")
    tree = load_tree(["old"], cwd=tmp_path, exclude=[glob])
    assert names(tree.nodes) == ["db2", "sub/db3"]
    assert not tree.unplaced


def test_exclusions_below_a_named_directory_still_apply(tmp_path: Path) -> None:
    home(tmp_path / "prod" / "db1")
    home(tmp_path / "prod" / "old" / "db2")
    tree = load_tree(["prod"], cwd=tmp_path, exclude=["prod/old"])
    assert names(tree.nodes) == ["db1"]


# --- reading --------------------------------------------------------------------------------


def error_of(tmp_path: Path, role: FileRole = FileRole.DATABASE) -> str | None:
    tree = load_tree(["db1"], cwd=tmp_path)
    return tree.nodes[0].files[role].error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_is_not_read_and_does_not_block(tmp_path: Path) -> None:
    home(tmp_path / "db1", database=None)
    os.mkfifo(tmp_path / "db1" / "conf" / "neo4j.properties")
    error = error_of(tmp_path)
    assert error is not None
    assert "FIFO" in error


def test_directory_in_a_files_place(tmp_path: Path) -> None:
    home(tmp_path / "db1", database=None)
    (tmp_path / "db1" / "conf" / "neo4j.properties").mkdir()
    error = error_of(tmp_path)
    assert error is not None
    assert "directory" in error


def test_file_over_one_mib(tmp_path: Path) -> None:
    home(tmp_path / "db1", database="#" * MAX_FILE_BYTES + "\n")
    error = error_of(tmp_path)
    assert error is not None
    assert "1 MiB" in error


def test_file_of_exactly_one_mib_is_read(tmp_path: Path) -> None:
    home(tmp_path / "db1", database="#" * (MAX_FILE_BYTES - 1) + "\n")
    assert error_of(tmp_path) is None


def test_vanished_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home(tmp_path / "db1")
    real_open = os.open

    def gone(path: object, flags: int, *args: int) -> int:
        if str(path).endswith("neo4j.properties"):
            raise FileNotFoundError(2, "No such file or directory")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", gone)
    error = error_of(tmp_path)
    assert error is not None
    assert "vanished" in error


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file; needs POSIX modes"
)
def test_permission_denied(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    path = tmp_path / "db1" / "conf" / "neo4j.properties"
    path.chmod(0)
    try:
        error = error_of(tmp_path)
    finally:
        path.chmod(0o644)
    assert error is not None
    assert "ermission" in error


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"", b""), (b"a=b\n", b"a=b\n"), (b"\x00\xff" * 10, b"\x00\xff" * 10)],
)
def test_read_bytes_regular(tmp_path: Path, data: bytes, expected: bytes) -> None:
    path = write(tmp_path / "f", data)
    assert read_bytes(path) == (expected, None)


def test_read_bytes_missing(tmp_path: Path) -> None:
    data, error = read_bytes(tmp_path / "missing")
    assert data is None
    assert error is not None


# --- loading ----------------------------------------------------------------------------------


def test_models_and_locations(tmp_path: Path) -> None:
    home(tmp_path / "db1", database="# comment\nha.server_id=7\nha.server_id=3\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert node.database is not None
    assert node.database.server_id == 3
    loc = node.database.location("ha.server_id")
    assert loc is not None
    assert (loc.path, loc.line, loc.column) == ("db1/conf/neo4j.properties", 3, 1)


def test_invalid_values_become_value_issues(tmp_path: Path) -> None:
    home(tmp_path / "db1", database="ha.server_id=one\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert node.database is not None
    assert node.database.server_id is None
    [issue] = node.value_issues[FileRole.DATABASE]
    assert (issue.key, issue.value) == ("ha.server_id", "one")


def test_tuning_file_with_another_name(tmp_path: Path) -> None:
    server = SERVER.replace("conf/neo4j.properties", "conf/ha.properties")
    home(tmp_path / "db1", server=server, database="ha.server_id=9\n")
    write(tmp_path / "db1" / "conf" / "ha.properties", "ha.server_id=4\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert node.files[FileRole.DATABASE].display == "db1/conf/ha.properties"
    assert node.database is not None
    assert node.database.server_id == 4


@pytest.mark.parametrize(
    "value", ["conf/missing.properties", "/etc/neo4j/neo4j.properties", "../db2/conf/x", ""]
)
def test_tuning_file_not_in_node_gives_no_database(tmp_path: Path, value: str) -> None:
    home(tmp_path / "db1", server=f"org.neo4j.server.db.tuning.properties={value}\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert FileRole.DATABASE not in node.files
    assert node.database is None


def test_no_tuning_key_uses_the_canonical_file(tmp_path: Path) -> None:
    home(tmp_path / "db1", server="org.neo4j.server.webserver.port=7474\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert FileRole.DATABASE in node.files


def test_fatal_syntax_still_builds_a_model(tmp_path: Path) -> None:
    home(tmp_path / "db1", database="ha.server_id=2\nha.cluster_name=a\\u12G4\n")
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert node.files[FileRole.DATABASE].document is not None
    assert node.database is not None
    assert node.database.server_id == 2


def test_misnamed_server_file_is_loaded(tmp_path: Path) -> None:
    write(tmp_path / "db1" / "conf" / "neo-server.properties", SERVER)
    node = load_tree(["db1"], cwd=tmp_path).nodes[0]
    assert FileRole.MISNAMED_SERVER in node.files
    assert node.server is None


# myid: <home>/<dataDir>/myid (dataDir relative), <node>/myid, <home>/data/coordinator/myid;
# with an absolute dataDir, the places it plainly ends with, then <node>/myid.
@pytest.mark.parametrize(
    ("data_dir", "places", "found", "preferred"),
    [
        ("zk", ["zk/myid", "myid", "data/coordinator/myid"], "zk/myid", True),
        ("zk", ["myid", "data/coordinator/myid"], "myid", False),
        ("zk", ["data/coordinator/myid"], "data/coordinator/myid", False),
        ("data/coordinator/", ["data/coordinator/myid", "myid"], "data/coordinator/myid", True),
        ("data/coordinator", ["myid"], "myid", False),
        ("/var/zk", ["myid", "data/coordinator/myid"], "myid", True),
        # An absolute dataDir elsewhere: the stock place is no stand-in for it.
        ("/var/zk", ["data/coordinator/myid"], None, True),
        ("/opt/neo4j/data/coordinator", ["data/coordinator/myid"], "data/coordinator/myid", True),
        (None, ["data/coordinator/myid"], "data/coordinator/myid", True),
        ("zk", [], None, True),
    ],
)
def test_myid_lookup(
    tmp_path: Path, data_dir: str | None, places: list[str], found: str | None, preferred: bool
) -> None:
    coord = "clientPort=2181\nserver.1=zk1:2888:3888\nserver.2=zk2:2888:3888\n"
    if data_dir is not None:
        coord = f"dataDir={data_dir}\n" + coord
    coordinator(tmp_path / "zk1", coord=coord, myid=None)
    for n, place in enumerate(places, start=1):
        write(tmp_path / "zk1" / place, f"{n}\n")
    node = load_tree(["zk1"], cwd=tmp_path).nodes[0]
    source = node.files.get(FileRole.MYID)
    if found is None:
        assert source is None
        assert node.myid is None
    else:
        assert source is not None
        assert source.display == f"zk1/{found}"
        assert node.myid is not None
        assert node.myid.value == places.index(found) + 1
    assert node.myid_preferred is preferred


def test_bad_myid_is_a_value_issue(tmp_path: Path) -> None:
    coordinator(tmp_path / "zk1", myid=" 1\n")
    node = load_tree(["zk1"], cwd=tmp_path).nodes[0]
    assert node.myid is None
    [issue] = node.value_issues[FileRole.MYID]
    assert issue.value == " 1"


# --- file arguments -------------------------------------------------------------------------


def test_file_argument_selects_its_node(tmp_path: Path) -> None:
    home(tmp_path / "a" / "db1")
    home(tmp_path / "b" / "db2")
    tree = load_tree(["b/db2/conf/neo4j.properties"], cwd=tmp_path)
    assert names(tree.nodes) == ["a/db1", "b/db2"]  # every node under cwd is loaded
    assert tree.selected == frozenset({"b/db2"})
    assert not tree.unplaced


def test_file_argument_in_no_node_is_nha007(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    write(tmp_path / "README.md", "hello")
    tree = load_tree(["README.md"], cwd=tmp_path)
    assert tree.selected == frozenset()
    [(shown, why)] = tree.unplaced
    assert shown == "README.md"
    assert "belongs to no Neo4j HA node" in why


def test_file_argument_selects_by_tuning_file_and_myid(tmp_path: Path) -> None:
    server = SERVER.replace("conf/neo4j.properties", "conf/ha.properties")
    home(tmp_path / "db1", server=server, database=None)
    write(tmp_path / "db1" / "conf" / "ha.properties", DATABASE)
    coordinator(tmp_path / "zk1")
    tree = load_tree(["db1/conf/ha.properties", "zk1/data/coordinator/myid"], cwd=tmp_path)
    assert tree.selected == frozenset({"db1", "zk1"})


def test_directory_arguments_select_nothing_away(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    assert load_tree(["."], cwd=tmp_path).selected is None


def test_excluded_file_argument_is_skipped(tmp_path: Path) -> None:
    home(tmp_path / "db1")
    home(tmp_path / "old" / "db2")
    tree = load_tree(["old/db2/conf/neo4j.properties"], cwd=tmp_path, exclude=["old"])
    assert names(tree.nodes) == ["db1"]
    assert tree.selected == frozenset()
    assert not tree.unplaced


def test_node_from_files_loads_as_load_node_does(tmp_path: Path) -> None:
    """The in-memory loader builds the same models, facts and issues as reading the disk."""
    server = SERVER + "org.neo4j.server.webserver.port=http\n"
    coord = "dataDir=data/coordinator\nclientPort=2181\nserver.1=zk1:2888:3888\nserver.x=a:1:2\n"
    home(tmp_path / "db1", server=server, database="ha.server_id=1\nha.pull_interval=oops\n")
    write(tmp_path / "db1" / "conf" / "coord.cfg", coord)
    write(tmp_path / "db1" / "data" / "coordinator" / "myid", "1 \n")
    [disk] = load_tree(["db1"], cwd=tmp_path).nodes
    memory = node_from_files(
        "db1",
        {
            FileRole.SERVER: server,
            FileRole.DATABASE: "ha.server_id=1\nha.pull_interval=oops\n",
            FileRole.COORD: coord,
            FileRole.MYID: "1 \n",
        },
    )
    assert sorted(memory.files) == sorted(disk.files)
    for role, source in disk.files.items():
        assert memory.files[role].display == source.display
        assert memory.files[role].data == source.data
    assert memory.server == disk.server
    assert memory.database == disk.database
    assert memory.coord == disk.coord
    assert memory.myid == disk.myid
    assert memory.value_issues == disk.value_issues
    assert memory.coord_facts is not None
    assert disk.coord_facts is not None
    assert [s.id for s in memory.coord_facts.servers] == [s.id for s in disk.coord_facts.servers]
    assert memory.value_issues[FileRole.MYID]  # a trailing blank: not an integer


def test_a_directory_that_cannot_be_listed_is_reported(tmp_path: Path) -> None:
    """A path too long to open (as any user) is NHA007 data, never a silent pass."""
    home(tmp_path / "tree" / "db1")
    deep = tmp_path / "tree"
    fd = os.open(deep, os.O_RDONLY)
    try:
        for _ in range(25):  # 25 x 201 characters: past PATH_MAX
            os.mkdir("d" * 200, dir_fd=fd)
            child = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
    finally:
        os.close(fd)
    tree = load_tree(["tree"], cwd=tmp_path)
    assert [n.name for n in tree.nodes] == ["db1"]
    ((shown, why),) = tree.unplaced
    assert shown.startswith("tree/ddd")
    assert "cannot be listed" in why


def test_server_locations_name_the_line_each_setting_was_read_from() -> None:
    """Commons Configuration keeps a key's first line, the preflight's raw keys their last."""
    from neoha_config.diagnostics import Location
    from neoha_config.tree import FileRole

    text = (
        "# stock\n"
        "org.neo4j.server.webserver.port=7474\n"
        "org.neo4j.server.database.mode=SINGLE\n"
        "org.neo4j.server.webserver.port=7475\n"
        "  org.neo4j.server.database.mode = HA\n"
    )
    node = node_from_files("db", {FileRole.SERVER: text}, models=False)
    server = node.server
    assert server is not None
    path = "db/conf/neo4j-server.properties"
    assert server.location("org.neo4j.server.webserver.port") == Location(path, 2, 1)
    assert server.location("org.neo4j.server.database.mode") == Location(path, 5, 3)
    assert server.location("org.neo4j.server.webserver.address") is None
    assert dict(server.__dict__["_locations"]) == {
        "org.neo4j.server.webserver.port": Location(path, 2, 1),
        "org.neo4j.server.database.mode": Location(path, 5, 3),
    }
