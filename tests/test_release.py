"""The Neo4j release model: parsing a release, inferring candidates, settling a finding's level."""

from __future__ import annotations

import pytest

from neoha_config.diagnostics import Severity
from neoha_config.layout import node_from_files
from neoha_config.release import (
    RELEASES,
    cluster_releases,
    describe,
    node_releases,
    parse_release,
    settle,
)
from neoha_config.tree import FileRole


@pytest.mark.parametrize(
    ("text", "expected"),
    [("auto", "auto"), ("1.5", "1.5"), (" 1.8.2 ", "1.8"), ("1.9.M01", "1.9")],
)
def test_parse_release(text: str, expected: str) -> None:
    assert parse_release(text) == expected


@pytest.mark.parametrize("text", ["1.2", "2.0", "", "latest", "1"])
def test_parse_release_refuses_other_names(text: str) -> None:
    with pytest.raises(ValueError, match="not auto or a Neo4j release"):
        parse_release(text)


@pytest.mark.parametrize(
    ("database", "expected"),
    [
        ("", RELEASES),  # nothing narrows
        ("ha.zoo_keeper_servers=zk1:2181\n", ("1.3", "1.4", "1.5", "1.6", "1.7", "1.8")),
        ("ha.initial_hosts=db1:5001,db2:5001\nha.server_id=1\n", ("1.9",)),
        ("ha.zk_session_timeout=10s\nha.coordinators=zk1:2181\n", ("1.7", "1.8")),
        # the odd key out does not empty the set: the releases reading the others stay
        (
            "ha.zoo_keeper_servers=zk1:2181\nha.zk_session_timeout=5000\nha.initial_hosts=a:5001\n",
            ("1.7", "1.8"),
        ),
    ],
)
def test_node_releases_follow_the_keys(database: str, expected: tuple[str, ...]) -> None:
    node = node_from_files("db1", {FileRole.DATABASE: database})
    assert node_releases(node) == expected


def test_a_requested_release_is_the_only_candidate() -> None:
    node = node_from_files("db1", {FileRole.DATABASE: "ha.initial_hosts=a:5001\n"})
    assert node_releases(node, "1.5") == ("1.5",)


def test_cluster_releases_are_shared_or_none() -> None:
    assert cluster_releases([("1.7", "1.8"), ("1.8", "1.9")]) == ("1.8",)
    assert cluster_releases([("1.7",), ("1.9",)]) is None
    assert cluster_releases([]) is None


def test_describe_runs() -> None:
    assert describe(("1.3", "1.4", "1.5", "1.9")) == "1.3-1.5, 1.9"
    assert describe(()) == "none"


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


@pytest.mark.parametrize(
    ("outcomes", "level", "note"),
    [
        ({"1.7": E, "1.8": E}, E, ""),
        ({"1.7": W, "1.8": E}, W, " (an error on 1.8; a warning on 1.7)"),
        ({"1.3": E, "1.4": None, "1.5": None}, None, " (an error on 1.3; 1.4-1.5 accept it)"),
        ({"1.3": None, "1.4": None}, None, ""),
        ({}, None, ""),
        ({"1.8": N, "1.9": W}, N, " (a warning on 1.9; a note on 1.8)"),
    ],
)
def test_settle_reports_the_level_every_release_shares(
    outcomes: dict[str, Severity | None], level: Severity | None, note: str
) -> None:
    assert settle(outcomes) == (level, note)
