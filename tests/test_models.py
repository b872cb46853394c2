"""Typed values and the file models: parsing tables, lenient loading, emission."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neoha_config.diagnostics import Location
from neoha_config.models import (
    CoordConfig,
    DatabaseSettings,
    Duration,
    HostPort,
    MyId,
    PeerType,
    ServerLine,
    ServerMode,
    ServerSettings,
    ServiceSwitch,
)
from neoha_config.models.coord import coord_key_since, parse_server_id
from neoha_config.models.values import (
    is_valid_host,
    parse_coordinator_list,
    parse_java_int,
    parse_size,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("+7", 7),
        ("-3", -3),
        ("2147483647", 2147483647),
        ("-2147483648", -2147483648),
    ],
)
def test_java_int_accepts(text: str, expected: int) -> None:
    assert parse_java_int(text) == expected


@pytest.mark.parametrize(
    "text", ["", " 1", "1 ", "1.0", "0x10", "2147483648", "\u00b2", "1_000", "+"]
)
def test_java_int_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"integer|range"):
        parse_java_int(text)


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("localhost", True),
        ("neo4j-manager-01", True),
        ("db.example.com", True),
        ("db.example.com.", True),
        ("10.0.0.1", True),
        ("::1", True),
        ("fe80::1", True),
        ("", False),
        ("a b", False),
        ("-bad", False),
        ("bad-", False),
        ("999.1.1.1", False),
        ("a..b", False),
        ("x" * 64, False),
        ("host:1", False),
    ],
)
def test_valid_host(host: str, ok: bool) -> None:
    assert is_valid_host(host) is ok


@pytest.mark.parametrize(
    ("text", "split", "host", "port"),
    [
        ("h:6001", "first", "h", 6001),
        ("10.0.0.1:6361", "first", "10.0.0.1", 6361),
        ("[::1]:2181", "last", "::1", 2181),
        ("h:1", "last", "h", 1),
        ("h:65535", "first", "h", 65535),
    ],
)
def test_host_port_parse(text: str, split: Any, host: str, port: int) -> None:
    hp = HostPort.parse(text, split_at=split)
    assert (hp.host, hp.port) == (host, port)
    assert HostPort.parse(str(hp), split_at=split) == hp


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("h", "not host:port"),
        ("h:0", "outside 1-65535"),
        ("h:65536", "outside 1-65535"),
        ("h:x", "not an integer"),
        ("h: 1", "whitespace around the port"),
        (" h:1", "whitespace around the host"),
        (":1", "valid host"),
        ("a b:1", "valid host"),
    ],
)
def test_host_port_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        HostPort.parse(text)


@pytest.mark.parametrize(
    ("text", "endpoints"),
    [
        ("a:2181", ["a:2181"]),
        ("a:2181,b:2182,c:2183", ["a:2181", "b:2182", "c:2183"]),
        ("a:2181,b:2181/chroot", ["a:2181", "b:2181"]),
    ],
)
def test_coordinator_list(text: str, endpoints: list[str]) -> None:
    assert [str(e) for e in parse_coordinator_list(text)] == endpoints


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("a:2181,", "empty entry"),
        ("a:2181, b:2181", "whitespace"),
        ("a:2181 ", "whitespace"),
        ("a", "not host:port"),
        ("a:2888x", "not an integer"),
    ],
)
def test_coordinator_list_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_coordinator_list(text)


@pytest.mark.parametrize(
    ("text", "millis"),
    [("10", 10000), ("10s", 10000), ("500ms", 500), ("2m", 120000), ("3S", 3000), ("7MS", 7)],
)
def test_duration(text: str, millis: int) -> None:
    assert Duration.parse(text).millis() == millis


def test_duration_bare_unit() -> None:
    assert Duration.parse("10").millis(bare_unit="ms") == 10
    assert Duration.parse("10").unit is None
    assert str(Duration.parse("10S")) == "10s"


@pytest.mark.parametrize("text", ["", "s", "10 s", "10h", "-1", "1.5s"])
def test_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("text", "size"), [("2M", 2 * 1024**2), ("512k", 512 * 1024), ("4096", 4096)]
)
def test_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "enabled", "port"),
    [("true", True, None), ("FALSE", False, None), ("port=6363", True, 6363)],
)
def test_service_switch(text: str, enabled: bool, port: int | None) -> None:
    switch = ServiceSwitch.parse(text)
    assert (switch.enabled, switch.port) == (enabled, port)


@pytest.mark.parametrize("text", ["yes", "port", "port=0", "port=x", "=1"])
def test_service_switch_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"port|true"):
        ServiceSwitch.parse(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("h:2888:3888", ("h", 2888, 3888, PeerType.PARTICIPANT, None)),
        ("h:2888", ("h", 2888, None, PeerType.PARTICIPANT, None)),
        ("h:2888:3888:observer", ("h", 2888, 3888, PeerType.OBSERVER, None)),
        ("h:2888:3888:PARTICIPANT", ("h", 2888, 3888, PeerType.PARTICIPANT, None)),
        ("h:2888:3888;2181", ("h", 2888, 3888, PeerType.PARTICIPANT, 2181)),
        ("h:2888:3888;0.0.0.0:2181", ("h", 2888, 3888, PeerType.PARTICIPANT, 2181)),
        ("[::1]:2888:3888", ("::1", 2888, 3888, PeerType.PARTICIPANT, None)),
        ("localhost:2888:3888    ", ("localhost", 2888, 3888, PeerType.PARTICIPANT, None)),
    ],
)
def test_server_line(value: str, expected: tuple[Any, ...]) -> None:
    line = ServerLine.parse(1, value)
    assert (
        line.host,
        line.quorum_port,
        line.election_port,
        line.peer_type,
        line.client_port,
    ) == expected
    assert ServerLine.parse(1, str(line)) == line


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("h", "does not have the form"),
        ("h:1:2:observer:x", "does not have the form"),
        ("h:x:3888", "not an integer"),
        ("h:2888:70000", "out of range"),
        ("h:2888:3888:voter", "unknown peer type"),
        ("[::1:2888", "no matching"),
    ],
)
def test_server_line_rejects(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ServerLine.parse(1, value)


@pytest.mark.parametrize(("key", "sid"), [("server.1", 1), ("server.01", 1), ("server.-2", -2)])
def test_server_id(key: str, sid: int) -> None:
    assert parse_server_id(key) == sid


@pytest.mark.parametrize("key", ["server.", "server.a", "server. 1", "servers.1"])
def test_server_id_rejects(key: str) -> None:
    with pytest.raises(ValueError, match="server"):
        parse_server_id(key)


@pytest.mark.parametrize(
    ("data", "value"),
    [(b"1", 1), (b"1\n", 1), (b"1\r\n", 1), (b"7\nignored", 7), (b"255\r", 255)],
)
def test_myid(data: bytes, value: int) -> None:
    assert MyId.parse(data).value == value


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "null"), (b" 1", "serverid  1 is"), (b"1 \n", "serverid 1  is"), (b"abc", "abc")],
)
def test_myid_rejects(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        MyId.parse(data)


def test_database_lenient_loading_keeps_good_values_and_reports_bad() -> None:
    items = {
        "ha.server_id": "2",
        "ha.coordinators": "a:2181,b:2181",
        "ha.server": "db2:6001",
        "ha.cluster_name": "bad name",
        "ha.pull_interval": "10x",
        "online_backup_port": "99999",
        "neostore.nodestore.db.mapped_memory": "25M",
    }
    loc = {"ha.server_id": Location("conf/neo4j.properties", 3, 1)}
    model, issues = DatabaseSettings.from_properties(items, loc)
    assert model.effective_server_id == 2
    assert [str(e) for e in model.effective_coordinators or []] == ["a:2181", "b:2181"]
    assert model.ha_server == HostPort(host="db2", port=6001)
    assert model.cluster_name is None
    assert model.effective_cluster_name == "neo4j.ha"
    assert {i.key for i in issues} == {"ha.cluster_name", "ha.pull_interval", "online_backup_port"}
    assert {i.value for i in issues} == {"bad name", "10x", "99999"}
    assert model.model_extra == {"neostore.nodestore.db.mapped_memory": "25M"}
    assert model.location("ha.server_id") == Location("conf/neo4j.properties", 3, 1)
    assert model.location("ha.server") is None


def test_database_legacy_names_and_effective_values() -> None:
    model, issues = DatabaseSettings.from_properties(
        {
            "ha.machine_id": "4",
            "ha.zoo_keeper_servers": "z:2181",
            "enable_online_backup": "port=7000",
        }
    )
    assert not issues
    assert model.server_id is None
    assert model.effective_server_id == 4
    assert model.effective_coordinators == [HostPort(host="z", port=2181)]
    assert model.backup_port == 7000
    assert model.shell_port is None
    assert model.effective_ha_port == 6361


@pytest.mark.parametrize(
    ("items", "backup"),
    [
        ({}, None),
        ({"online_backup_enabled": "true"}, 6362),
        ({"online_backup_enabled": "true", "online_backup_port": "7001"}, 7001),
        ({"online_backup_enabled": "false", "online_backup_port": "7001"}, None),
        ({"enable_online_backup": "true"}, 6362),
        ({"enable_online_backup": "false"}, None),
    ],
)
def test_backup_port(items: dict[str, str], backup: int | None) -> None:
    model, _ = DatabaseSettings.from_properties(items)
    assert model.backup_port == backup


def test_server_settings() -> None:
    p = "org.neo4j.server."
    model, issues = ServerSettings.from_properties(
        {
            p + "database.mode": "HA",
            p + "webserver.port": "7475",
            p + "webserver.https.enabled": "TRUE",
        }
    )
    assert not issues
    assert model.effective_mode is ServerMode.HA
    assert model.effective_web_port == 7475
    assert model.effective_https_port == 7473
    bad, issues = ServerSettings.from_properties({p + "database.mode": "cluster"})
    assert bad.effective_mode is ServerMode.SINGLE
    assert [i.key for i in issues] == [p + "database.mode"]


def test_coord_config_servers_and_issues() -> None:
    items = {
        "tickTime": "2000",
        "dataDir": "data/coordinator",
        "clientPort": "2181",
        "server.1": "h1:2888:3888",
        "server.2": "h2:2888:3888:observer",
        "server.x": "h3:2888:3888",
        "server.4": "h4:2888:3888:voter",
        "initLimit": "ten",
        "autopurge.purgeInterval": "1",
    }
    model, issues = CoordConfig.from_properties(items)
    assert set(model.servers) == {1, 2}
    assert set(model.participants) == {1}
    assert model.effective_tick_time == 2000
    assert model.init_limit is None
    assert {i.key for i in issues} == {"server.x", "server.4", "initLimit"}
    assert model.model_extra == {"autopurge.purgeInterval": "1"}
    assert model.admin_port == 8080


def test_coord_to_properties_round_trip() -> None:
    model, _ = CoordConfig.from_properties(
        {
            "server.2": "b:2889:3889",
            "server.1": "a:2888:3888",
            "admin.enableServer": "false",
            "clientPort": "2181",
        }
    )
    props = model.to_properties()
    assert props == {
        "clientPort": "2181",
        "admin.enableServer": "false",
        "server.1": "a:2888:3888",
        "server.2": "b:2889:3889",
    }
    again, issues = CoordConfig.from_properties(props)
    assert not issues
    assert again == model
    assert again.admin_port is None


@pytest.mark.parametrize(
    ("key", "since"),
    [
        ("tickTime", "3.3"),
        ("autopurge.purgeInterval", "3.4"),
        ("admin.enableServer", "3.5"),
        ("4lw.commands.whitelist", "3.5"),
        ("metricsProvider.exportJvmInfo", "3.6"),
        ("oraclePath", "3.8"),
        ("server.12", "3.3"),
        ("ticktime", None),
    ],
)
def test_coord_key_catalogue(key: str, since: str | None) -> None:
    assert coord_key_since(key) == since


_TEXT = st.text(alphabet=st.characters(codec="latin-1"), max_size=30)


@given(st.dictionaries(st.sampled_from(sorted(DatabaseSettings.model_fields)), _TEXT))
def test_lenient_loading_never_raises(data: dict[str, str]) -> None:
    fields = DatabaseSettings.model_fields
    items = {fields[k].alias or k: v for k, v in data.items()}
    model, issues = DatabaseSettings.from_properties(items)
    assert {i.key for i in issues} <= set(items)
    # every value kept in the model reads back as the same setting
    again, again_issues = DatabaseSettings.from_properties(model.to_properties())
    assert not again_issues
    assert again.to_properties() == model.to_properties()


@given(
    st.dictionaries(
        st.sampled_from(
            ["tickTime", "initLimit", "clientPort", "server.1", "server.2", "peerType"]
        ),
        _TEXT,
    )
)
def test_coord_lenient_loading_never_raises(items: dict[str, str]) -> None:
    model, issues = CoordConfig.from_properties(items)
    assert {i.key for i in issues} <= set(items)
    assert set(model.to_properties()) <= set(items)


def test_coord_values_are_trimmed_like_zookeeper_except_server_lines() -> None:
    model, issues = CoordConfig.from_properties(
        {"tickTime": "3000 \t", "clientPort": " 2181", "server.1": "h:2888:3888  "}
    )
    assert not issues
    assert (model.tick_time, model.client_port) == (3000, 2181)
    assert model.servers[1].election_port == 3888
