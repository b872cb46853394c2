"""Tests for neoha_config.reading: bounded reads, confined to the checked roots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from neoha_config.reading import OUTSIDE, Confinement, read_bytes


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``tmp_path/outside/secret`` and a checked tree ``tmp_path/tree/db1/conf``."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret").write_bytes(b"ssh-rsa AAAA private\n")
    conf = tmp_path / "tree" / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").write_bytes(b"ha.server_id=1\n")
    return tmp_path / "tree"


def test_plain_file_inside_is_read(tree: Path) -> None:
    box = Confinement.for_arguments([tree])
    path = tree / "db1" / "conf" / "neo4j.properties"
    assert box.check(path) is None
    assert read_bytes(path, box) == (b"ha.server_id=1\n", None)


def test_symlink_to_a_file_outside_is_not_read(tree: Path) -> None:
    link = tree / "db1" / "conf" / "coord.cfg"
    link.symlink_to(tree.parent / "outside" / "secret")
    box = Confinement.for_arguments([tree])
    data, reason = read_bytes(link, box)
    assert data is None
    assert reason is not None
    assert reason.startswith(OUTSIDE)
    assert str(link) in reason  # names the link
    assert "ssh-rsa" not in reason
    assert "outside/secret" not in reason
    # Unconfined, the same read follows the link: the confinement is what stops it.
    assert read_bytes(link) == (b"ssh-rsa AAAA private\n", None)


def test_relative_dotdot_path_is_not_read(tree: Path) -> None:
    box = Confinement.for_arguments([tree])
    escaping = tree / "db1" / "../../outside/secret"
    data, reason = read_bytes(escaping, box)
    assert data is None
    assert reason == f"{OUTSIDE}: '..' leads outside them"
    assert not box.contains(escaping)
    # Relative to the current directory, as a loader joining dataDir=../../x would produce.
    rel = Confinement.for_arguments(["db1"], cwd=tree)
    assert rel.check("db1/../../outside/secret") is not None
    assert rel.check("db1/conf/../conf/neo4j.properties") is None


def test_symlinked_parent_directory_outside(tree: Path) -> None:
    (tree / "db1" / "data").symlink_to(tree.parent / "outside", target_is_directory=True)
    box = Confinement.for_arguments([tree])
    data, reason = read_bytes(tree / "db1" / "data" / "secret", box)
    assert data is None
    assert reason is not None
    assert str(tree / "db1" / "data") in reason


def test_link_that_stays_inside_is_fine(tree: Path) -> None:
    conf = tree / "db1" / "conf"
    (conf / "alias.properties").symlink_to("neo4j.properties")
    (tree / "db2").symlink_to(tree / "db1", target_is_directory=True)
    box = Confinement.for_arguments([tree])
    assert read_bytes(conf / "alias.properties", box) == (b"ha.server_id=1\n", None)
    assert read_bytes(tree / "db2" / "conf" / "neo4j.properties", box)[0] == b"ha.server_id=1\n"


def test_root_given_through_a_symlink(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "via").symlink_to(tree, target_is_directory=True)
    box = Confinement.for_arguments([tmp_path / "via"])
    assert box.roots == (os.path.realpath(tree),)
    assert read_bytes(tmp_path / "via" / "db1" / "conf" / "neo4j.properties", box)[1] is None
    assert box.check(tmp_path / "outside" / "secret") is not None


def test_file_arguments_are_confined_to_the_current_directory(tree: Path) -> None:
    box = Confinement.for_arguments(["db1/conf/neo4j.properties"], cwd=tree)
    assert box.roots == (os.path.realpath(tree),)
    assert box.check(tree / "db1" / "conf" / "neo4j.properties") is None
    assert box.check(tree.parent / "outside" / "secret") is not None


def test_several_roots_and_a_sibling_with_a_common_prefix(tmp_path: Path) -> None:
    for name in ("a", "ab", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f").write_bytes(name.encode())
    box = Confinement.for_arguments([tmp_path / "a", tmp_path / "b"])
    assert read_bytes(tmp_path / "a" / "f", box)[0] == b"a"
    assert read_bytes(tmp_path / "b" / "f", box)[0] == b"b"
    assert read_bytes(tmp_path / "ab" / "f", box)[0] is None  # "/x/ab" is not below "/x/a"


def test_dangling_symlink_inside_keeps_the_usual_reason(tree: Path) -> None:
    link = tree / "db1" / "conf" / "coord.cfg"
    link.symlink_to("missing.cfg")
    box = Confinement.for_arguments([tree])
    assert read_bytes(link, box) == (None, "it vanished while being read, or is a dangling symlink")


def test_nul_byte_in_path(tree: Path) -> None:
    box = Confinement.for_arguments([tree])
    assert read_bytes(Path(str(tree) + "/a\0b"), box) == (None, "its path holds a NUL byte")


def test_fifo_inside_is_not_opened_for_blocking(tree: Path) -> None:
    fifo = tree / "db1" / "conf" / "coord.cfg"
    os.mkfifo(fifo)
    box = Confinement.for_arguments([tree])
    assert read_bytes(fifo, box) == (None, "it is a FIFO, not a regular file")


def test_chains_of_links(tree: Path) -> None:
    conf = tree / "db1" / "conf"
    (conf / "one").symlink_to("two")
    (conf / "two").symlink_to("neo4j.properties")
    (conf / "out1").symlink_to("out2")
    (conf / "out2").symlink_to(tree.parent / "outside" / "secret")
    box = Confinement.for_arguments([tree])
    assert read_bytes(conf / "one", box) == (b"ha.server_id=1\n", None)
    data, reason = read_bytes(conf / "out1", box)
    assert data is None
    assert reason == f"{OUTSIDE}: the symlink {str(conf / 'out1')!r} points outside them"


def test_real_path_matches_the_system(tree: Path) -> None:
    (tree / "db2").symlink_to(tree / "db1", target_is_directory=True)
    (tree / "db1" / "conf" / "alias").symlink_to("neo4j.properties")
    box = Confinement.for_arguments([tree])
    for rel in ("db2/conf/alias", "db2/conf/../conf/neo4j.properties", "db1/conf/.", "db2/.."):
        assert box.real(tree / rel) == os.path.realpath(tree / rel)


def test_a_path_outside_without_links_or_dotdot(tree: Path) -> None:
    box = Confinement.for_arguments([tree])
    assert box.check(tree.parent / "outside" / "secret") == f"{OUTSIDE}: it lies outside them"
