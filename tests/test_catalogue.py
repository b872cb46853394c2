"""The key catalogue: parsers against the releases' facts, its consistency, queries and docs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from neoha_config import catalogue as cat
from neoha_config.catalogue import parsers as p
from neoha_config.catalogue._spec import Kind
from neoha_config.catalogue.document import render

ROOT = Path(__file__).resolve().parents[1]
REAL_WORLD = ROOT.parent / "shared" / "real-world"
DB, SRV, CO = cat.DATABASE, cat.SERVER, cat.COORD


def parse(file: str, key: str, release: str, text: str) -> p.Result:
    spec = cat.lookup(file, key)
    assert spec is not None, key
    result = cat.parse(spec, release, text)
    assert result is not None, f"{key} is not read by {release}"
    return result


# (key, release, text, value or None when refused, Java message fragment or None)
DATABASE_TABLE: list[tuple[str, str, str, object, str | None]] = [
    # ha.pull_interval: TimeUtil, bare = seconds everywhere, units ms/s/m any case, no h
    ("ha.pull_interval", "1.3", "10", 10_000, None),
    ("ha.pull_interval", "1.5", "10", 10_000, None),
    ("ha.pull_interval", "1.8", "10", 10_000, None),
    ("ha.pull_interval", "1.9", "10", 10_000, None),
    ("ha.pull_interval", "1.8", "500ms", 500, None),
    ("ha.pull_interval", "1.8", "500MS", 500, None),
    ("ha.pull_interval", "1.8", "2m", 120_000, None),
    ("ha.pull_interval", "1.8", "2M", 120_000, None),
    ("ha.pull_interval", "1.6", "1h", None, "Unrecognized unit h"),
    ("ha.pull_interval", "1.6", "10 s", None, "Unrecognized unit  s"),
    ("ha.pull_interval", "1.6", "10s ", None, "Unrecognized unit s "),
    ("ha.pull_interval", "1.6", "-5", None, 'For input string: ""'),
    ("ha.pull_interval", "1.6", "", None, 'For input string: ""'),
    ("ha.pull_interval", "1.6", "99999999999s", None, 'For input string: "99999999999"'),
    ("ha.pull_interval", "1.3", "0", None, "IllegalArgumentException"),
    ("ha.pull_interval", "1.3", "0ms", None, "IllegalArgumentException"),
    ("ha.pull_interval", "1.4", "0", 0, None),
    ("ha.pull_interval", "1.8", "0s", 0, None),
    # ha.zk_session_timeout: 1.7 TimeUtil (bare = seconds), 1.8 integer milliseconds
    ("ha.zk_session_timeout", "1.7", "5000", 5_000_000, None),
    ("ha.zk_session_timeout", "1.7", "10s", 10_000, None),
    ("ha.zk_session_timeout", "1.8", "5000", 5000, None),
    ("ha.zk_session_timeout", "1.8", "10s", None, 'For input string: "10s"'),
    ("ha.zk_session_timeout", "1.8", "0", None, "Minimum allowed value is: 1"),
    # ha.read_timeout: minimum 5 on 1.8 only; a duration on 1.9
    ("ha.read_timeout", "1.8", "2", None, "Minimum allowed value is: 5"),
    ("ha.read_timeout", "1.8", "5", 5, None),
    ("ha.read_timeout", "1.7", "2", 2, None),
    ("ha.read_timeout", "1.9", "2", 2000, None),
    ("ha.read_timeout", "1.9", "20s", 20_000, None),
    # keep_logical_logs is not a boolean
    ("keep_logical_logs", "1.3", "true", "all", None),
    ("keep_logical_logs", "1.3", "nioneodb,lucene", ("nioneodb", "lucene"), None),
    ("keep_logical_logs", "1.3", "nioneodb, lucene", ("nioneodb", "lucene"), None),
    ("keep_logical_logs", "1.3", "TRUE", ("TRUE",), None),
    ("keep_logical_logs", "1.7", "false", (), None),
    ("keep_logical_logs", "1.8", "true", True, None),
    ("keep_logical_logs", "1.8", "false", False, None),
    ("keep_logical_logs", "1.8", "7 days", (7, "days"), None),
    ("keep_logical_logs", "1.8", "100M size", (100 * 1024**2, "size"), None),
    ("keep_logical_logs", "1.8", "200k txs", (200 * 1024, "txs"), None),
    ("keep_logical_logs", "1.8", "yes", None, "Invalid log pruning configuration value 'yes'"),
    ("keep_logical_logs", "1.8", "TRUE", None, "The form is 'all' or '<number><unit> <type>'"),
    ("keep_logical_logs", "1.8", "7 Days", None, "Invalid type 'Days'"),
    ("keep_logical_logs", "1.8", "7  days", None, "Invalid type ''"),
    ("keep_logical_logs", "1.8", "7 days kept", (7, "days"), None),
    ("keep_logical_logs", "1.8", "2g size", (2 * 1024**3, "size"), None),
    ("keep_logical_logs", "1.8", "nioneodb,lucene", None, "Invalid log pruning"),
    ("keep_logical_logs", "1.8", "", None, "Invalid log pruning"),
    # booleans: parseBoolean before 1.8, strict from 1.8
    ("ha.allow_init_cluster", "1.3", "yes", False, None),
    ("ha.allow_init_cluster", "1.7", "TRUE", True, None),
    ("ha.allow_init_cluster", "1.7", "true ", False, None),
    ("ha.allow_init_cluster", "1.8", "TRUE", True, None),
    ("ha.allow_init_cluster", "1.8", "False", False, None),
    ("ha.allow_init_cluster", "1.8", "yes", None, "Valid options are:[true, false]"),
    ("ha.allow_init_cluster", "1.9", "yes", None, "Valid options are:[true, false]"),
    ("read_only", "1.3", "1", False, None),
    ("read_only", "1.8", "1", None, "Valid options are:[true, false]"),
    # ha.server: split at the first ':', no IPv6 brackets
    ("ha.server", "1.5", "10.0.0.1:6001", ("10.0.0.1", 6001), None),
    ("ha.server", "1.8", "[::1]:6361", None, 'For input string: ":1]:6361"'),
    ("ha.server", "1.3", "::1:6361", None, 'For input string: ":1:6361"'),
    ("ha.server", "1.8", "host:70000", None, "port out of range:70000"),
    ("ha.server", "1.8", "host:6361 ", None, 'For input string: "6361 "'),
    ("ha.server", "1.9", ":6001", ("", 6001, 6001), None),
    ("ha.server", "1.9", "0.0.0.0:6001-6011", ("0.0.0.0", 6001, 6011), None),
    # ha.cluster_name: only empty, '/', '.', '..' and control characters are errors
    ("ha.cluster_name", "1.5", "prod.ha", "prod.ha", None),
    ("ha.cluster_name", "1.8", "my cluster", "my cluster", None),
    ("ha.cluster_name", "1.8", "prod:1", "prod:1", None),
    ("ha.cluster_name", "1.8", "", None, "Must be a valid cluster name"),
    ("ha.cluster_name", "1.6", "/", None, "Unable to write cluster store id"),
    ("ha.cluster_name", "1.6", "a/b", None, "Unable to write cluster store id"),
    ("ha.cluster_name", "1.6", ".", None, None),
    ("ha.cluster_name", "1.6", "..", None, None),
    ("ha.cluster_name", "1.6", "a\tb", None, None),
    ("ha.cluster_name", "1.9", "anything at all", "anything at all", None),
    # coordinator lists: Java split, port after the last ':', no trimming
    ("ha.coordinators", "1.8", "zk1:2181,zk2:2182", (("zk1", 2181), ("zk2", 2182)), None),
    ("ha.coordinators", "1.8", "zk1:2181,zk2:2181,", (("zk1", 2181), ("zk2", 2181)), None),
    ("ha.coordinators", "1.8", "zk1:", (("zk1", 2181),), None),
    ("ha.coordinators", "1.8", "zk1:2181/chroot", (("zk1", 2181),), None),
    ("ha.coordinators", "1.8", "zk1:2181, zk2:2181", None, "Unable to create zoo keeper client"),
    ("ha.coordinators", "1.8", "zk1: 2181", None, 'For input string: " 2181"'),
    ("ha.coordinators", "1.8", "zk 1:2181", None, "Unable to create zoo keeper client"),
    ("ha.coordinators", "1.8", "zk1:2181 ", None, 'For input string: "2181 "'),
    ("ha.zoo_keeper_servers", "1.3", "zk1:x", None, 'For input string: "x"'),
    ("ha.coordinators", "1.8", "", None, None),
    ("ha.coordinators", "1.7", "", (("", 2181),), None),
    ("node_keys_indexable", "1.8", "", None, None),
    # the 1.3-1.7 service switches
    ("enable_online_backup", "1.3", "true", (True, None, ()), None),
    ("enable_online_backup", "1.3", "false", (False, None, ()), None),
    ("enable_online_backup", "1.5", "port=6363", (True, 6363, ()), None),
    ("enable_online_backup", "1.5", "port=x", None, 'For input string: "x"'),
    ("enable_online_backup", "1.5", "port=", None, "The format is [true/false]"),
    ("enable_online_backup", "1.5", "port=1=2", None, "The format is [true/false]"),
    (
        "enable_remote_shell",
        "1.7",
        "port=1331,readonly=true",
        (True, 1331, (("readonly", "true"),)),
        None,
    ),
    # memory mapping: 1.3 exact-case M/k/G; 1.8 a unit is required
    ("neostore.nodestore.db.mapped_memory", "1.3", "25M", 25 * 1024**2, None),
    ("neostore.nodestore.db.mapped_memory", "1.3", "512k", 512 * 1024, None),
    ("neostore.nodestore.db.mapped_memory", "1.3", "25000000", 25_000_000, None),
    ("neostore.nodestore.db.mapped_memory", "1.3", "25m", 0, None),
    ("neostore.nodestore.db.mapped_memory", "1.8", "25m", 25 * 1024**2, None),
    ("neostore.nodestore.db.mapped_memory", "1.8", "25000000", None, "must be e.g. 20M"),
    ("neostore.relationshiptypestore.db.mapped_memory", "1.8", "1M", 1024**2, None),
    # enums: exact case before 1.8, any case from 1.8
    ("ha.branched_data_policy", "1.6", "keep_last", "keep_last", None),
    ("ha.branched_data_policy", "1.6", "KEEP_LAST", None, "No enum const"),
    ("ha.branched_data_policy", "1.6", "shutdown", None, "No enum const"),
    ("ha.branched_data_policy", "1.8", "SHUTDOWN", "shutdown", None),
    ("ha.slave_coordinator_update_mode", "1.8", "Sync", "sync", None),
    ("ha.tx_push_strategy", "1.8", "bogus", None, "Valid options are:[round_robin, fixed]"),
    ("cache_type", "1.3", "old", "old", None),
    ("cache_type", "1.8", "GCR", "gcr", None),
    # sizes and the rest
    ("ha.com_chunk_size", "1.8", "2M", 2 * 1024**2, None),
    ("ha.com_chunk_size", "1.8", "512", None, "Minimum allowed value is: 1024"),
    ("ha.com_chunk_size", "1.8", "32M", None, "Maximum allowed value is: 16777216"),
    ("ha.server_id", "1.5", "+1", 1, None),
    ("ha.server_id", "1.5", "1 ", None, 'For input string: "1 "'),
    ("ha.server_id", "1.8", "2147483648", None, 'For input string: "2147483648"'),
    ("ha.tx_push_factor", "1.8", "-1", None, "Minimum allowed value is: 0"),
    ("gc_monitor_wait_time", "1.8", "100ms", 100, None),
    ("gc_monitor_wait_time", "1.8", "100", None, "Must be a valid duration"),
    ("gc_monitor_wait_time", "1.8", "100MS", None, "Must be a valid duration"),
    ("adaptive_cache_heap_ratio", "1.8", "0.99", None, "Maximum allowed value is: 0.95"),
    ("adaptive_cache_heap_ratio", "1.8", "0.5f", 0.5, None),
    ("ha.initial_hosts", "1.9", "h1:5001,h2:5001", (("h1", 5001, 5001), ("h2", 5001, 5001)), None),
    (
        "ha.initial_hosts",
        "1.9",
        ":5001,:5002,:5003",
        (("", 5001, 5001), ("", 5002, 5002), ("", 5003, 5003)),
        None,
    ),
    ("online_backup_port", "1.8", "0", 0, None),
    ("remote_shell_port", "1.8", "65536", None, "port out of range:65536"),
]


@pytest.mark.parametrize(("key", "release", "text", "value", "java"), DATABASE_TABLE)
def test_database_values(
    key: str, release: str, text: str, value: object, java: str | None
) -> None:
    result = parse(DB, key, release, text)
    if value is None:
        assert not result.ok, result
        assert result.reason
        if java is not None:
            assert result.java is not None
            assert java in result.java
    else:
        assert result.ok, result
        assert result.value == value


WARNINGS = [
    (DB, "ha.allow_init_cluster", "1.7", "yes", "Boolean.parseBoolean reads it as false"),
    (DB, "keep_logical_logs", "1.3", "TRUE", "not exactly 'true'"),
    (DB, "keep_logical_logs", "1.3", "nioneodb,graph", "graph names no data source"),
    (DB, "ha.cluster_name", "1.8", "my cluster", "outside A-Za-z0-9._-"),
    (DB, "neostore.nodestore.db.mapped_memory", "1.3", "25m", "Unable to parse mapped memory"),
    (DB, "ha.coordinators", "1.8", "zk1", "preflight refuses 'zk1'"),
    (DB, "ha.coordinators", "1.8", "zk1:2181,,zk2:2181", "preflight refuses ''"),
    (DB, "online_backup_port", "1.8", "0", "random free port"),
    (CO, "forceSync", "3.3", "false", "neither yes nor no"),
    (CO, "server.1", "3.3", "a:1:2:3:4", "drops the line"),
]


@pytest.mark.parametrize(("file", "key", "release", "text", "fragment"), WARNINGS)
def test_accepted_with_a_warning(
    file: str, key: str, release: str, text: str, fragment: str
) -> None:
    result = parse(file, key, release, text)
    assert result.ok
    assert result.warning is not None
    assert fragment in result.warning


def test_no_warning_for_plain_values() -> None:
    assert parse(DB, "ha.allow_init_cluster", "1.7", "false").warning is None
    assert parse(DB, "ha.cluster_name", "1.8", "neo4j.ha").warning is None
    assert parse(DB, "ha.coordinators", "1.8", "zk1:2181").warning is None


COORD_TABLE: list[tuple[str, str, str, object, str | None]] = [
    ("server.1", "3.3", "zk1:2888:3888", ("zk1", 2888, 3888, "participant"), None),
    ("server.1", "3.3", "zk1:2888:3888    ", ("zk1", 2888, 3888, "participant"), None),
    ("server.1", "3.3", "zk1:2888:3888:", ("zk1", 2888, 3888, "participant"), None),
    ("server.1", "3.3", ":2888:3888", ("", 2888, 3888, "participant"), None),
    ("server.1", "3.3", "zk1:2888", ("zk1", 2888, None, "participant"), None),
    ("server.1", "3.3", "zk1:2888:3888:OBSERVER", ("zk1", 2888, 3888, "observer"), None),
    ("server.1", "3.3", "zk1: 2888:3888", None, 'For input string: " 2888"'),
    ("server.1", "3.3", "zk1:2888 :3888", None, 'For input string: "2888 "'),
    ("server.1", "3.3", "[::1]:2888:3888", None, 'For input string: ""'),
    ("server.1", "3.3", "zk1", None, "ArrayIndexOutOfBoundsException"),
    ("server.1", "3.3", "zk1:2888:3888:voter", None, "Unrecognised peertype"),
    ("server.1", "3.4", "[::1]:2888:3888", ("::1", 2888, 3888, "participant"), None),
    ("server.1", "3.8", "zk1:2888:3888    ", None, "Address unresolved: zk1:3888    "),
    ("server.1", "3.8", "zk1:2888", None, "does not have the form"),
    ("server.1", "3.8", "zk1:2888:3888;2181", ("zk1", 2888, 3888, "participant"), None),
    ("peerType", "3.3", "OBSERVER", "observer", None),
    ("peerType", "3.3", "voter", None, "Unrecognised peertype: voter"),
    ("electionAlg", "3.3", "0", 0, None),
    ("electionAlg", "3.3", "7", 7, None),
    ("clientPort", "3.3", "0", None, "clientPort is not set"),
    ("clientPort", "3.3", "2181", 2181, None),
    ("electionAlg", "3.8", "0", None, "Only 3 is supported"),
    ("tickTime", "3.3", "2000", 2000, None),
    ("tickTime", "3.3", "2s", None, 'For input string: "2s"'),
    ("weight.1", "3.3", "2", 2, None),
    ("standaloneEnabled", "3.8", "yes", None, "true, false"),
    ("quorumListenOnAllIPs", "3.4", "yes", False, None),
]


@pytest.mark.parametrize(("key", "release", "text", "value", "java"), COORD_TABLE)
def test_coord_values(key: str, release: str, text: str, value: object, java: str | None) -> None:
    result = parse(CO, key, release, text)
    if value is None:
        assert not result.ok, result
        if java is not None:
            assert java in (result.java or ""), result
    else:
        assert result.ok, result
        assert result.value == value


SERVER_TABLE: list[tuple[str, str, str, object]] = [
    ("org.neo4j.server.database.mode", "1.8", "HA", "ha"),
    ("org.neo4j.server.database.mode", "1.8", "Single", "single"),
    ("org.neo4j.server.database.mode", "1.8", "cluster", None),
    ("org.neo4j.server.webserver.port", "1.5", "7474", 7474),
    ("org.neo4j.server.webserver.port", "1.5", "07474", 7474),
    ("org.neo4j.server.webserver.port", "1.5", "+7474", 7474),
    ("org.neo4j.server.webserver.port", "1.5", "0x1D32", 7474),
    ("org.neo4j.server.webserver.port", "1.5", "0X1D32", None),
    ("org.neo4j.server.webserver.port", "1.5", "http", None),
    ("org.neo4j.server.webserver.port", "1.5", "70000", None),
    ("org.neo4j.server.webserver.https.enabled", "1.6", "yes", True),
    ("org.neo4j.server.webserver.https.enabled", "1.6", "ON", True),
    ("org.neo4j.server.webserver.https.enabled", "1.6", "off", False),
    ("org.neo4j.server.webserver.https.enabled", "1.6", "1", None),
    ("org.neo4j.server.webserver.https.enabled", "1.6", "", None),
    ("org.neo4j.server.http.log.enabled", "1.8", "false", False),
]


@pytest.mark.parametrize(("key", "release", "text", "value"), SERVER_TABLE)
def test_server_values(key: str, release: str, text: str, value: object) -> None:
    result = parse(SRV, key, release, text)
    assert result.ok is (value is not None)
    if value is not None:
        assert result.value == value


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("", [""]),
        (",", []),
        ("a,,b,,", ["a", "", "b"]),
        (",a", ["", "a"]),
        ("a", ["a"]),
    ],
)
def test_java_split(text: str, parts: list[str]) -> None:
    assert p.java_split(text, ",") == parts


# ---------------------------------------------------------------------------------------------
# Consistency of the data


ALL_SPECS = [spec for specs in cat.CATALOGUE.values() for spec in specs]


def _ids(spec: cat.KeySpec) -> str:
    return f"{spec.file}:{spec.key}"


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_ids)
def test_every_key_has_releases_or_says_why(spec: cat.KeySpec) -> None:
    if spec.inert or spec.plugin:
        assert not spec.variants
    else:
        assert spec.releases, "a key no release reads must be inert, a plugin's or later"
    every = cat.releases_of(spec.file)
    seen: set[str] = set()
    for v in spec.variants:
        assert v.releases, "a variant without releases"
        assert set(v.releases) <= set(every)
        assert not seen & set(v.releases), "two variants claim one release"
        seen |= set(v.releases)
        assert v.verified or v.basis, "an unverified fact must say what it rests on"
        assert v.source == "" or v.source in cat.SOURCES, v.source
        if v.kind is Kind.ENUM:
            assert v.options
        if v.kind is Kind.DURATION:
            assert v.bare_unit in ("s", "ms")


@pytest.mark.parametrize("spec", ALL_SPECS, ids=_ids)
def test_defaults_parse_under_their_own_type(spec: cat.KeySpec) -> None:
    for v in spec.variants:
        if v.default is None:
            continue
        result = cat.parse_variant(v, v.default, spec.key)
        if spec.key == "ha.pull_interval" and v.default == "-1":
            # 1.4-1.7 keep -1 internally for "no pull"; it is no value a file could hold
            assert not result.ok
            continue
        assert result.ok, (v.releases, v.default, result)
        assert result.warning is None, (v.releases, v.default, result)


def test_keys_are_unique_and_families_do_not_shadow_keys() -> None:
    for file, specs in cat.CATALOGUE.items():
        names = [s.key for s in specs]
        assert len(names) == len(set(names)), file
        for spec in specs:
            if spec.family is None:
                assert cat.lookup(file, spec.key) is spec


@pytest.mark.parametrize(
    ("file", "key", "family"),
    [
        (DB, "neostore.relationshiptypestore.db.mapped_memory", "neostore.*.mapped_memory"),
        (DB, "neostore.mapped_memory", "neostore.*.mapped_memory"),
        (CO, "server.17", "server.N"),
        (CO, "server.01", "server.N"),
        (CO, "authProvider.1", "authProvider.N"),
        (CO, "group.1", "group*"),
        (CO, "groups.1", "group*"),
        (CO, "group1", "group*"),
        (CO, "weight.3", "weight*"),
        (CO, "metricsProvider.exportJvmInfo", "metricsProvider.*"),
        (CO, "jvm.pause.warn-threshold.ms", "jvm.pause.*"),
    ],
)
def test_families(file: str, key: str, family: str) -> None:
    spec = cat.lookup(file, key)
    assert spec is not None
    assert spec.key == family


def test_unknown_keys_and_files() -> None:
    assert cat.lookup(DB, "ha.sever_id") is None
    assert cat.lookup(CO, "ticktime") is None
    assert cat.lookup(SRV, "org.neo4j.server.webserver.prot") is None
    assert cat.lookup(DB, "neostore.nodestore.db.mapped_memoryx") is None
    with pytest.raises(ValueError, match="not a catalogued file"):
        cat.lookup("myid", "x")


def test_the_issue_keys_are_known() -> None:
    for key in (
        "read_only",
        "allow_store_upgrade",
        "cache_type",
        "node_auto_indexing",
        "ha.server_id",
        "ha.initial_hosts",
        "ha.cluster_server",
        "online_backup_server",
        "ha.heartbeat_timeout",
        "ha.election_timeout",
        "remote_shell_enabled",
        "neo4j.ext.udc.enabled",
        "neo4j.ext.udc.disable",
    ):
        assert cat.lookup(DB, key) is not None, key
    for key in ("osgi.enable", "osgi.bundledir", "osgi.cachedir", "webserver.http.enabled"):
        assert cat.lookup(SRV, "org.neo4j.server." + key) is not None, key
    for key in ("jmx.log4j.disable", "authProvider.1", "DigestAuthenticationProvider.superDigest"):
        spec = cat.lookup(CO, key)
        assert spec is not None
        assert spec.reads_in("3.3"), key


def test_release_dependent_kinds() -> None:
    spec = cat.lookup(DB, "ha.zk_session_timeout")
    assert spec is not None
    assert spec.kind("1.7") is Kind.DURATION
    assert spec.kind("1.8") is Kind.INTEGER
    assert spec.releases == ("1.7", "1.8")
    keep = cat.lookup(DB, "keep_logical_logs")
    assert keep is not None
    assert {keep.kind(r) for r in cat.NEO4J_RELEASES} == {Kind.KEEP_LOGS_13, Kind.KEEP_LOGS_18}
    assert Kind.BOOLEAN not in {keep.kind(r) for r in cat.NEO4J_RELEASES}
    backup = cat.lookup(DB, "online_backup_enabled")
    assert backup is not None
    assert backup.default("1.8") == "false"
    assert backup.default("1.9") == "true"
    assert not backup.reads_in("1.7")


def test_inert_server_key() -> None:
    spec = cat.lookup(SRV, "org.neo4j.server.webserver.http.enabled")
    assert spec is not None
    assert spec.inert
    assert spec.releases == ()
    assert cat.reading_answer(spec, "1.5") == "known, but read by no release"


@pytest.mark.parametrize(
    ("file", "key", "release", "answer"),
    [
        (DB, "ha.initial_hosts", "1.8", "read from 1.9 on"),
        (DB, "ha.coordinators", "1.3", "read from 1.5 on (possibly from 1.4)"),
        (DB, "ha.tx_push_factor", "1.7", "read from 1.8 on"),
        (DB, "ha.max_concurrent_transactions_on_master", "1.8", "not read by 1.8; read by 1.7"),
        (DB, "ha.zoo_keeper_servers", "1.9", "read up to 1.8 only"),
        (DB, "ha.server_id", "1.8", "read by 1.4-1.9"),
        (CO, "autopurge.purgeInterval", "3.3", "read from 3.4 on"),
        (CO, "oraclePath", "3.3", "read from 3.8 on"),
    ],
)
def test_reading_answers(file: str, key: str, release: str, answer: str) -> None:
    spec = cat.lookup(file, key)
    assert spec is not None
    assert cat.reading_answer(spec, release) == answer
    assert "never" not in cat.reading_answer(spec, release)


def test_releases_reading() -> None:
    assert cat.releases_reading("ha.machine_id") == ("1.3", "1.4", "1.5", "1.6", "1.7", "1.8")
    assert cat.releases_reading("admin.serverPort", CO) == ("3.5", "3.6", "3.7", "3.8", "3.9")
    assert cat.releases_reading("no.such.key") == ()


def test_listeners_by_release() -> None:
    assert cat.enabled_by_default("online backup", "1.8") is False
    assert cat.enabled_by_default("online backup", "1.9") is True
    assert cat.enabled_by_default("remote shell", "1.8") is False
    assert cat.enabled_by_default("HTTPS", "1.3") is None
    names = {x.name for x in cat.listeners(DB, "1.9")}
    assert names == {"online backup", "remote shell", "HA server", "cluster server"}


def test_span_and_describe() -> None:
    assert cat.span("1.3-1.5,1.9") == ("1.3", "1.4", "1.5", "1.9")
    assert cat.describe_span(("1.3", "1.4", "1.5", "1.9")) == "1.3-1.5, 1.9"
    assert cat.describe_span(()) == "none"
    with pytest.raises(ValueError, match="names no release line"):
        cat.span("1.2-1.5")


def test_coord_catalogue_keeps_every_fact_of_the_model() -> None:
    from neoha_config.models.coord import COORD_KEY_SINCE, coord_key_since

    for key, since in COORD_KEY_SINCE.items():
        spec = cat.lookup(CO, key)
        assert spec is not None, key
        assert spec.releases[0] == since, key
    for key in ("server.1", "group.1", "weight.1", "metricsProvider.x", "jvm.pause.x"):
        spec = cat.lookup(CO, key)
        assert spec is not None
        assert spec.releases[0] == coord_key_since(key)


# ---------------------------------------------------------------------------------------------
# The vendor's own files: every key they write or document is known to their release


def _stock_keys(path: Path) -> list[str]:
    keys = []
    for line in path.read_text(encoding="latin-1").splitlines():
        match = re.match(r"\s*#?\s*([A-Za-z][A-Za-z0-9_.]*)\s*[=:]", line)
        if match and ("." in match.group(1) or "_" in match.group(1)):
            keys.append(match.group(1))
    return keys


MANUAL = {
    "manual-1.5-ha-setup-tutorial": ("1.5",),
    "manual-1.9-ha-setup-tutorial-production": ("1.9",),
}

# The 1.6 tree's neo4j.properties is the nearest stored 1.6/1.7 revision (it documents the
# 1.7.M01 key ha.zk_session_timeout), so either release may be the one that reads its keys.
STOCK = {
    "stock-1.3-enterprise": ("1.3",),
    "stock-1.5-enterprise": ("1.5",),
    "stock-1.6-enterprise": ("1.6", "1.7"),
    "stock-1.7-enterprise": ("1.7",),
    "stock-1.8-community-chef": ("1.8",),
    "stock-1.9-enterprise": ("1.9",),
}


@pytest.mark.parametrize(("tree", "releases"), sorted(STOCK.items()))
def test_stock_files_use_known_keys(tree: str, releases: tuple[str, ...]) -> None:
    base = _tree(tree)
    checked = 0
    for name, file in (("neo4j.properties", DB), ("neo4j-server.properties", SRV)):
        for path in base.rglob(name):
            for key in _stock_keys(path):
                if file == DB and not (key.islower() or key.startswith("neostore")):
                    continue  # prose in comments ("Example: ...") is not a key
                spec = cat.lookup(file, key)
                assert spec is not None, f"{tree}: {key} is not catalogued"
                read = spec.inert or any(spec.reads_in(r) for r in releases)
                assert read, f"{tree}: {key} is not read by {releases}"
                checked += 1
    assert checked > 5


def _tree(tree: str) -> Path:
    import os

    base = REAL_WORLD / tree
    if not base.is_dir():
        if os.environ.get("NEOHA_REQUIRE_REAL") == "1":
            pytest.fail(f"NEOHA_REQUIRE_REAL=1 but {base} is missing", pytrace=False)
        pytest.skip(f"the real-world trees are not here ({base})")
    return base


@pytest.mark.parametrize(("tree", "releases"), sorted({**STOCK, **MANUAL}.items()))
def test_real_values_parse_in_their_release(tree: str, releases: tuple[str, ...]) -> None:
    """Every value the vendor's files and the manuals' tutorials set is accepted by their
    release, and by every kind of reading a key has there (no false errors)."""
    from neoha_config.properties import parse as parse_properties

    base = _tree(tree)
    checked = 0
    for name, file in (("neo4j.properties", DB), ("neo4j-server.properties", SRV)):
        for path in base.rglob(name):
            for entry in parse_properties(path.read_bytes()).entries:
                spec = cat.lookup(file, entry.key)
                assert spec is not None, f"{path}: {entry.key}"
                if spec.inert:
                    continue
                # The server reads its file with Commons Configuration, which trims values.
                value = p.java_trim(entry.value) if file == SRV else entry.value
                results = [cat.parse(spec, r, value) for r in releases if spec.reads_in(r)]
                assert results, f"{path}: {entry.key} is not read by {releases}"
                assert any(r is not None and r.ok for r in results), (path, entry.key, results)
                checked += 1
    assert checked > 3


# ---------------------------------------------------------------------------------------------
# The generated document


def test_document_is_current() -> None:
    path = ROOT / "docs" / "key-catalogue.md"
    assert path.read_text(encoding="utf-8") == render(), (
        "docs/key-catalogue.md is stale: run python -m neoha_config.catalogue.document "
        "docs/key-catalogue.md"
    )


def test_document_lists_every_key() -> None:
    text = render()
    for spec in ALL_SPECS:
        assert f"`{spec.key}`" in text, spec.key


def test_document_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "cat.md"
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config.catalogue.document", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == render()


def test_catalogue_imports_no_pydantic() -> None:
    code = (
        "import sys, neoha_config.catalogue, neoha_config.catalogue.parsers; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pydantic', 'dataclasses', 'inspect')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert proc.stdout.strip() == "[]"


def test_readme_example_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Key catalogue", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the Key catalogue section has no python example"
    lines = match.group(1).splitlines()
    scope: dict[str, object] = {}
    for line in lines:
        code, _, comment = line.partition("  # ")
        if not code.strip():
            continue
        if code.startswith(("from ", "spec =")):
            exec(code, scope)  # our own README, run as a user would
            continue
        value = eval(code, scope)  # each expression line states its value in the comment
        if comment.startswith("'"):
            assert repr(value) == comment.split(":")[0] or repr(value) == comment, (code, value)


def test_unverified_lists_the_marked_facts() -> None:
    facts = cat.unverified()
    assert facts
    assert all(not v.verified and v.basis for _, v in facts)
    keys = {spec.key for spec, _ in facts}
    assert "online_backup_server" in keys
    assert "ha.zk_session_timeout" not in keys  # read in the 1.7 HaConfig and 1.8 HaSettings


def test_lookup_takes_the_trees_file_roles() -> None:
    from neoha_config.tree import FileRole

    spec = cat.lookup(FileRole.DATABASE, "ha.server_id")
    assert spec is not None
    assert spec.file == DB
    assert cat.lookup(FileRole.COORD, "tickTime") is not None
    assert cat.lookup(FileRole.SERVER, "org.neo4j.server.webserver.port") is not None
    assert spec.verified_releases == ("1.5", "1.6", "1.7", "1.8", "1.9")
