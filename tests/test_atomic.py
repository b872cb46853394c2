"""Tests for neoha_config.atomic: all or nothing, no temporary file left, mode kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from neoha_config.atomic import write_atomic
from neoha_config.errors import NeohaConfigError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_creates_new_file(tmp_path: Path) -> None:
    target = tmp_path / "neo4j.properties"
    write_atomic(target, b"ha.server_id=1\n")
    assert target.read_bytes() == b"ha.server_id=1\n"
    assert _mode(target) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neo4j.properties"]


def test_replaces_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "coord.cfg"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(str(target), b"new contents")
    assert target.read_bytes() == b"new contents"
    assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["coord.cfg"]


@pytest.mark.parametrize("mode", [0o640, 0o755, 0o444])
def test_mode_preserved(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "myid"
    target.write_bytes(b"1\n")
    target.chmod(mode)
    write_atomic(target, b"2\n")
    assert _mode(target) == mode
    assert target.read_bytes() == b"2\n"


def test_empty_data(tmp_path: Path) -> None:
    target = tmp_path / "f"
    target.write_bytes(b"something")
    write_atomic(target, b"")
    assert target.read_bytes() == b""


def test_fsyncs_file_and_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(tmp_path / "f", b"x")
    assert len(synced) == 2  # the temporary file, then the directory


def test_temporary_file_is_a_hidden_sibling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: Any, dst: Any) -> None:
        seen.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    target = tmp_path / "neo4j.properties"
    write_atomic(target, b"x")
    ((src, dst),) = seen
    assert Path(src).parent == tmp_path
    assert Path(src).name.startswith(".neo4j.properties.")
    assert src.endswith(".tmp")
    assert dst == str(target)


def _fail(*_args: Any, **_kwargs: Any) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize(
    ("where", "name"),
    [(os, "replace"), (os, "fsync"), (os, "chmod")],
)
@pytest.mark.parametrize("existing", [True, False])
def test_failure_leaves_original_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: Any, name: str, existing: bool
) -> None:
    target = tmp_path / "neo4j-server.properties"
    if existing:
        target.write_bytes(b"original\n")
    monkeypatch.setattr(where, name, _fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"replacement\n")
    monkeypatch.undo()
    if existing:
        assert target.read_bytes() == b"original\n"
        assert [p.name for p in tmp_path.iterdir()] == [target.name]
    else:
        assert list(tmp_path.iterdir()) == []


def test_failing_write_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "coord.cfg"
    target.write_bytes(b"tickTime=2000\n")
    real_fdopen = os.fdopen

    class Broken:
        def __init__(self, fd: int) -> None:
            self.handle = real_fdopen(fd, "wb")

        def __enter__(self) -> Broken:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])  # half written, then the disk fills up
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, _mode: Broken(fd))
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"tickTime=3000\ninitLimit=10\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"tickTime=2000\n"
    assert [p.name for p in tmp_path.iterdir()] == ["coord.cfg"]


def test_interrupt_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "f", b"x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_missing_parent_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "such" / "f", b"x")
    assert list(tmp_path.iterdir()) == []


def test_directory_sync_failure_is_tolerated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def no_dirs(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == tmp_path:
            raise OSError(21, "Is a directory")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_dirs)
    write_atomic(tmp_path / "f", b"x")
    monkeypatch.undo()
    assert (tmp_path / "f").read_bytes() == b"x"


# --- ownership, symlinks, leftovers ----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_owner_and_group_kept(tmp_path: Path) -> None:
    target = tmp_path / "neo4j.properties"
    target.write_bytes(b"ha.server_id=1\n")
    os.chown(target, 4321, 8765)
    target.chmod(0o640)
    write_atomic(target, b"ha.server_id=2\n")
    info = target.stat()
    assert (info.st_uid, info.st_gid) == (4321, 8765)
    assert _mode(target) == 0o640
    assert target.read_bytes() == b"ha.server_id=2\n"


def test_owner_that_cannot_be_kept_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "coord.cfg"
    target.write_bytes(b"tickTime=2000\n")
    real_fstat = os.fstat

    def other_owner(fd: int) -> os.stat_result:
        fields = list(real_fstat(fd))
        fields[4] += 1  # st_uid: the temporary file is not the original's owner's
        return os.stat_result(fields)

    def denied(*_args: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fstat", other_owner)
    monkeypatch.setattr(os, "fchown", denied)
    with pytest.raises(NeohaConfigError, match="cannot keep the file's owner and group"):
        write_atomic(target, b"tickTime=3000\n")
    monkeypatch.undo()
    assert target.read_bytes() == b"tickTime=2000\n"
    assert [p.name for p in tmp_path.iterdir()] == ["coord.cfg"]


def test_symlinked_file_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"precious\n")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "coord.cfg"
    link.symlink_to(elsewhere)
    with pytest.raises(NeohaConfigError, match="symlinked file") as info:
        write_atomic(link, b"tickTime=2000\n")
    assert str(link) in str(info.value)
    assert elsewhere.read_bytes() == b"precious\n"
    assert link.is_symlink()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["coord.cfg"]


def test_symlinked_directory_inside_the_tree_is_refused(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "out"
    (out / "db1").mkdir(parents=True)
    (out / "db1" / "conf").symlink_to(victim, target_is_directory=True)
    target = out / "db1" / "conf" / "neo4j.properties"
    with pytest.raises(NeohaConfigError, match="symlinked directory") as info:
        write_atomic(target, b"ha.server_id=1\n", root=out)
    assert repr(str(out / "db1" / "conf")) in str(info.value)
    assert list(victim.iterdir()) == []
    # Without a root only the file itself is checked (the caller chose the directory).
    write_atomic(target, b"ha.server_id=1\n")
    assert (victim / "neo4j.properties").read_bytes() == b"ha.server_id=1\n"


def test_root_itself_may_be_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real" / "db1").mkdir(parents=True)
    (tmp_path / "out").symlink_to(tmp_path / "real", target_is_directory=True)
    write_atomic(tmp_path / "out" / "db1" / "f", b"x", root=tmp_path / "out")
    assert (tmp_path / "real" / "db1" / "f").read_bytes() == b"x"


@pytest.mark.parametrize("rel", ["../f", "db1/../../f", "."])
def test_outside_the_root_is_refused(tmp_path: Path, rel: str) -> None:
    out = tmp_path / "out"
    (out / "db1").mkdir(parents=True)
    with pytest.raises(NeohaConfigError, match="refusing to write outside"):
        write_atomic(out / rel, b"x", root=out)
    assert not (tmp_path / "f").exists()


def test_stale_temporary_siblings_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "coord.cfg"
    target.write_bytes(b"old\n")
    stale = [tmp_path / ".coord.cfg.k3j_9x0a.tmp", tmp_path / ".coord.cfg.00000000.tmp"]
    for leftover in stale:
        leftover.write_bytes(b"half a fi")
    kept = [
        tmp_path / ".neo4j.properties.k3j_9x0a.tmp",  # another file's
        tmp_path / ".coord.cfg.notmine.tmp",  # not a name this module makes
        tmp_path / ".coord.cfg.k3j_9x0a.tmp.bak",
    ]
    for other in kept:
        other.write_bytes(b"keep")
    (tmp_path / ".coord.cfg.dir00000.tmp").mkdir()  # not a regular file
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert not any(p.exists() for p in stale)
    assert all(p.read_bytes() == b"keep" for p in kept)
    assert (tmp_path / ".coord.cfg.dir00000.tmp").is_dir()


def test_parents_are_created_below_the_root(tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = out / "coord1" / "data" / "coordinator" / "myid"
    write_atomic(target, b"1\n", root=out, parents=True)
    assert target.read_bytes() == b"1\n"
    write_atomic(tmp_path / "a" / "b" / "f", b"x", parents=True)
    assert (tmp_path / "a" / "b" / "f").read_bytes() == b"x"


def test_parents_are_not_created_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    out = tmp_path / "out"
    (out / "coord1").mkdir(parents=True)
    (out / "coord1" / "data").symlink_to(victim, target_is_directory=True)
    with pytest.raises(NeohaConfigError, match="symlinked directory"):
        write_atomic(
            out / "coord1" / "data" / "coordinator" / "myid", b"1\n", root=out, parents=True
        )
    assert list(victim.iterdir()) == []


def test_missing_parent_without_parents_still_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "out" / "x" / "f", b"x", root=tmp_path / "out")
