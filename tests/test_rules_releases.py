"""Tests of how the value rules judge one value release by release (``rules._releases``)."""

from __future__ import annotations

import pytest

from neoha_config.catalogue import DATABASE, lookup
from neoha_config.catalogue.parsers import Result, keep_logs_18
from neoha_config.diagnostics import Severity
from neoha_config.layout import node_from_files
from neoha_config.rules._releases import (
    FINE,
    Verdict,
    all_refuse,
    from_result,
    settled,
    verdicts,
)
from neoha_config.tree import FileRole
from tests.rules_support import findings

ERROR, WARNING = Severity.ERROR, Severity.WARNING


def test_refused_is_an_error_quoting_the_release() -> None:
    verdict = from_result(Result(None, "'x' is not an integer", 'For input string: "x"'))
    assert verdict == Verdict(ERROR, "'x' is not an integer (For input string: \"x\")")


def test_misread_is_a_warning_and_accepted_is_fine() -> None:
    assert from_result(Result(False, None, None, "read as false")) == Verdict(
        WARNING, "read as false"
    )
    assert from_result(Result(True)) is FINE


def test_agreeing_releases_give_one_reason() -> None:
    found = {r: Verdict(ERROR, "bad") for r in ("1.7", "1.8")}
    assert settled(found) == (ERROR, "bad")
    assert all_refuse(found)


def test_differing_releases_are_named() -> None:
    found = {"1.7": Verdict(WARNING, "read as false"), "1.8": Verdict(ERROR, "refused")}
    level, text = settled(found)
    assert level is WARNING
    assert text == ("on 1.7, read as false; on 1.8, refused (an error on 1.8; a warning on 1.7)")
    assert not all_refuse(found)


def test_a_release_that_accepts_silences_the_finding() -> None:
    assert settled({"1.7": FINE, "1.8": Verdict(ERROR, "refused")}) == (None, "")
    assert settled({}) == (None, "")
    assert not all_refuse({})


def test_releases_that_do_not_read_the_key_are_left_out() -> None:
    spec = lookup(DATABASE, "ha.read_timeout")
    assert spec is not None
    found = verdicts(spec, "2", ("1.3", "1.7", "1.8"))
    assert set(found) == {"1.7", "1.8"}  # 1.3 has no ha.read_timeout
    assert found["1.7"] is FINE
    assert found["1.8"].severity is ERROR
    assert "Minimum allowed value is: 5" in found["1.8"].reason


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("false", False), ("true  ", True), ("7 days", (7, "days"))],
)
def test_keep_logs_18_reads_the_first_token(text: str, value: object) -> None:
    # LogPruneStrategies.fromConfigValue compares tokens[0]; split(" ") drops trailing blanks.
    assert keep_logs_18(text) == Result(value)


@pytest.mark.parametrize("text", ["nioneodb", "True", " true", "7 weeks"])
def test_keep_logs_18_refuses(text: str) -> None:
    assert not keep_logs_18(text).ok


HA_SERVER = (
    "org.neo4j.server.database.mode=HA\n"
    "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)


def _found(
    database: str, code: str, *, neo4j: str = "auto", server: str | None = None
) -> list[tuple[Severity, str]]:
    files = {FileRole.DATABASE: database}
    if server is not None:
        files[FileRole.SERVER] = server
    node = node_from_files("db1", files)
    return [(d.severity, d.message) for d in findings(node, codes=(code,), neo4j=neo4j)]


def test_preflight_refuses_a_bare_coordinator_on_18() -> None:
    found = _found("ha.coordinators=a:2181,b\n", "NHA105", neo4j="1.8", server=HA_SERVER)
    assert found == [
        (
            ERROR,
            "ha.coordinators = 'a:2181,b': the server preflight refuses the entry 'b' and stops "
            'the server: Invalid server config "b" for ha.server_id in conf/neo4j.properties',
        )
    ]


@pytest.mark.parametrize("neo4j", ["auto", "1.3", "1.8"])
def test_bare_coordinator_is_fine_without_preflight(neo4j: str) -> None:
    assert _found("ha.zoo_keeper_servers=a:2181,b\n", "NHA105", neo4j=neo4j) == []


def test_a_bare_coordinator_is_not_claimed_where_19_may_read_the_file() -> None:
    # 1.9 runs no coordinator preflight: with ha.initial_hosts in the file 1.9 stays a
    # candidate under auto, and the 1.4-1.8 error is not confirmed.
    text = "ha.coordinators=a:2181,b\nha.initial_hosts=a:5001\n"
    assert _found(text, "NHA105", server=HA_SERVER) == []


def test_a_coordinator_list_without_initial_hosts_is_read_as_before_19() -> None:
    # Without ha.initial_hosts no 1.9 member could join a cluster: the file is 1.4-1.8's.
    found = _found("ha.coordinators=a:2181,b\n", "NHA105", server=HA_SERVER)
    assert [level for level, _ in found] == [ERROR]


@pytest.mark.parametrize(
    ("name", "severity", "fragment"),
    [
        ("prod/graph", ERROR, "contains '/'"),
        ("", ERROR, "empty"),
        (".", ERROR, "relative znode name"),
        ("..", ERROR, "relative znode name"),
        ("a\tb", ERROR, "U+0009"),
        ("my cluster", WARNING, "outside A-Z a-z 0-9 . - _"),
        ("prod:1", WARNING, "ZooKeeper takes the znode '/prod:1'"),
        ("shop ", WARNING, "'/shop '"),
    ],
)
def test_cluster_name_on_18(name: str, severity: Severity, fragment: str) -> None:
    found = _found(f"ha.cluster_name={name}\n", "NHA107", neo4j="1.8")
    assert len(found) == 1
    assert found[0][0] is severity
    assert fragment in found[0][1]


@pytest.mark.parametrize("name", ["prod.graph-1_a", "neo4j.ha"])
def test_cluster_name_in_the_manual_set(name: str) -> None:
    assert _found(f"ha.cluster_name={name}\n", "NHA107", neo4j="1.8") == []


@pytest.mark.parametrize("name", ["prod/graph", "my cluster"])
def test_cluster_name_is_any_text_on_19(name: str) -> None:
    assert _found(f"ha.cluster_name={name}\n", "NHA107", neo4j="1.9") == []
    # Under auto a file that 1.9 may read is judged by what every candidate confirms.
    assert _found(f"ha.cluster_name={name}\n", "NHA107") == []


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("[::1]:6361", 'For input string: ":1]:6361"'),
        ("db1", "'db1' is not host:port"),
        ("db1:0", "port 0 outside 1-65535"),
        (":6001", "does not name a valid host"),
        ("db1: 6001", "whitespace around the port"),
    ],
)
def test_ha_server_errors_on_18(value: str, fragment: str) -> None:
    found = _found(f"ha.server={value}\n", "NHA108", neo4j="1.8")
    assert len(found) == 1
    assert found[0][0] is ERROR
    assert fragment in found[0][1]


@pytest.mark.parametrize("value", [":6001", "0.0.0.0:6001-6011", "db1:6001"])
def test_ha_server_forms_of_19(value: str) -> None:
    assert _found(f"ha.server={value}\n", "NHA108", neo4j="1.9") == []


def test_ha_server_brackets_under_auto_name_the_releases() -> None:
    found = _found("ha.server=[::1]:6361\n", "NHA108")
    assert len(found) == 1
    assert found[0][0] is WARNING
    assert "(an error on 1.3-1.8; a warning on 1.9)" in found[0][1]


@pytest.mark.parametrize(
    ("database", "neo4j", "severity", "fragment"),
    [
        ("ha.branched_data_policy=KEEP_LAST\n", "1.7", ERROR, "'keep_last'"),
        ("ha.branched_data_policy=KEEP_LAST\n", "1.8", None, ""),
        ("ha.read_timeout=2\n", "1.8", ERROR, "Minimum allowed value is: 5"),
        ("ha.read_timeout=2\n", "1.7", None, ""),
        ("ha.pull_interval=0\n", "1.3", ERROR, "stops the database at start"),
        ("ha.pull_interval=0ms\n", "1.3", ERROR, "scheduleWithFixedDelay"),
        ("ha.pull_interval=0\n", "1.4", None, ""),
        ("ha.zk_session_timeout=10s\n", "1.7", None, ""),
        ("ha.zk_session_timeout=10s\n", "1.8", ERROR, "'10s'"),
        ("keep_logical_logs=nioneodb,lucene\n", "1.3", None, ""),
        ("keep_logical_logs=nioneodb,lucene\n", "1.8", ERROR, "'nioneodb,lucene'"),
        ("keep_logical_logs=7 days\n", "1.8", None, ""),
        ("keep_logical_logs=7 days\n", "1.7", WARNING, "its logs are not kept"),
        ("keep_logical_logs=true  \n", "1.8", None, ""),
        ("keep_logical_logs=true  \n", "1.7", WARNING, "its logs are not kept"),
        ("ha.allow_init_cluster=ture\n", "1.7", WARNING, "Boolean.parseBoolean reads it as false"),
        ("ha.allow_init_cluster=ture\n", "1.8", ERROR, "'ture' is not 'true' or 'false'"),
        ("ha.pull_interval=99999999999s\n", "1.5", ERROR, "does not fit a 32-bit integer"),
    ],
)
def test_typed_value_by_release(
    database: str, neo4j: str, severity: Severity | None, fragment: str
) -> None:
    found = _found(database, "NHA111", neo4j=neo4j)
    if severity is None:
        assert found == []
        return
    assert len(found) == 1, found
    assert found[0][0] is severity
    assert fragment in found[0][1]


@pytest.mark.parametrize(
    "database",
    ["ha.read_timeout=2\n", "keep_logical_logs=7 days\n", "ha.branched_data_policy=KEEP_LAST\n"],
)
def test_typed_value_not_claimed_when_releases_disagree(database: str) -> None:
    assert _found(database, "NHA111") == []


def test_lenient_boolean_under_auto_names_the_releases() -> None:
    found = _found("ha.allow_init_cluster=ture\n", "NHA111")
    assert found == [
        (
            WARNING,
            "ha.allow_init_cluster = 'ture': on 1.3-1.7, 'ture' is neither true nor false: "
            "Boolean.parseBoolean reads it as false; on 1.8-1.9, 'ture' is not true or false "
            "(Invalid option. Valid options are:[true, false]) (an error on 1.8-1.9; a warning "
            "on 1.3-1.7)",
        )
    ]
