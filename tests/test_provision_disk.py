"""Tests of neoha_config.provision.disk: provisioning's file reads and writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config.errors import NeohaConfigError
from neoha_config.provision.disk import os_errors, parse_existing, read_file, write_file


def test_read_file(tmp_path: Path) -> None:
    assert read_file(tmp_path / "absent") is None
    (tmp_path / "f").write_bytes(b"a=1\n")
    assert read_file(tmp_path / "f") == b"a=1\n"
    with pytest.raises(NeohaConfigError, match="not a regular file") as info:
        read_file(tmp_path)
    assert info.value.path == str(tmp_path)


def test_a_dangling_link_is_no_absent_file(tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(NeohaConfigError, match="not a regular file"):
        read_file(tmp_path / "link")


def test_os_errors_name_the_action_and_the_path(tmp_path: Path) -> None:
    with (
        pytest.raises(NeohaConfigError, match="cannot delete: ") as info,
        os_errors("delete", tmp_path / "x"),
    ):
        (tmp_path / "x").unlink()
    assert info.value.path == str(tmp_path / "x")
    assert isinstance(info.value.__cause__, FileNotFoundError)
    with pytest.raises(ValueError, match="other"), os_errors("read", tmp_path):
        raise ValueError("other")  # anything but an OSError passes through


def test_parse_existing_refuses_what_the_jvm_rejects(tmp_path: Path) -> None:
    assert parse_existing(b"a=1\n", tmp_path / "f").to_dict() == {"a": "1"}
    with pytest.raises(NeohaConfigError, match="cannot update: ") as info:
        parse_existing(b"a=\\u12\n", tmp_path / "f")
    assert (info.value.path, info.value.line) == (str(tmp_path / "f"), 1)


def test_write_file_never_follows_a_link_below_the_root(tmp_path: Path) -> None:
    write_file(tmp_path / "home/conf/a", b"x", tmp_path)
    assert (tmp_path / "home/conf/a").read_bytes() == b"x"
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "linked").symlink_to(outside)
    with pytest.raises(NeohaConfigError) as info:
        write_file(tmp_path / "linked/a", b"x", tmp_path)
    assert "linked" in str(info.value)
    assert list(outside.iterdir()) == []
