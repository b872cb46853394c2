"""Tests of the database node rules (NHA101-NHA115) on hand-built nodes."""

from __future__ import annotations

import pytest

from neoha_config.context import CheckContext
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.layout import node_from_files
from neoha_config.profile import Profile
from neoha_config.rules import by_code as rules
from neoha_config.tree import FileRole, Node, Tree
from tests.rules_support import findings

HA = (
    "org.neo4j.server.database.mode=HA\n"
    "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)
DB = "ha.server_id=1\nha.coordinators=a:2181,b:2181,c:2181\nha.server=a:6361\n"
CTX = CheckContext(profile=Profile.ZK33)
# The database node rules: every NHA1xx but NHA109, which looks at the whole cluster.
NODE_CODES = tuple(f"NHA1{n:02d}" for n in range(1, 16) if n != 9)


def make_node(server: str | None = None, database: str | None = None, *, name: str = "db1") -> Node:
    """A node loaded the way the loader loads one, without touching the disk."""
    files = {FileRole.SERVER: server, FileRole.DATABASE: database}
    return node_from_files(name, {role: text for role, text in files.items() if text is not None})


def run(server: str | None, database: str | None) -> list[Diagnostic]:
    return findings(make_node(server, database), codes=NODE_CODES)


# (id, server file, database file, code, severity, line, file role, message fragment)
FIRES = [
    ("mode-bad", "org.neo4j.server.database.mode=HA-cluster\n", DB, "NHA101", "error", 1,
     FileRole.SERVER, 'Illegal value for org.neo4j.server.database.mode "HA-CLUSTER"'),
    ("mode-trailing-blank", "org.neo4j.server.database.mode=ha \n", DB, "NHA101", "error", 1,
     FileRole.SERVER, "'ha '"),
    ("ha-no-id", HA, "ha.coordinators=a:2181\n", "NHA102", "error", 1, FileRole.SERVER,
     "needs to be a non-negative integer, not <not set>"),
    ("ha-no-coordinators", HA, "ha.server_id=1\n", "NHA102", "error", 1, FileRole.SERVER,
     'Invalid server config "" for ha.server_id'),
    ("id-not-int", None, "ha.server_id=db1\n", "NHA103", "error", 1, FileRole.DATABASE,
     "ha.server_id = 'db1'"),
    ("id-negative", None, "x=1\nha.server_id=-1\n", "NHA103", "error", 2, FileRole.DATABASE,
     "not -1"),
    ("id-trailing-blank", None, "ha.server_id=1 \n", "NHA103", "error", 1, FileRole.DATABASE,
     "'1 '"),
    ("legacy-id-bad", None, "ha.machine_id=x\n", "NHA103", "error", 1, FileRole.DATABASE,
     "ha.machine_id = 'x'"),
    ("id-zero", None, "ha.server_id=0\n", "NHA103", "warning", 1, FileRole.DATABASE,
     "positive id"),
    ("both-ids", None, "ha.machine_id=1\nha.server_id=1\n", "NHA104", "error", 2,
     FileRole.DATABASE, "[ha.server_id,ha.machine_id]"),
    ("both-coordinator-keys", None, "ha.coordinators=a:2181\nx=1\nha.zoo_keeper_servers=a:2181\n",
     "NHA104", "error", 3, FileRole.DATABASE, "ha.zoo_keeper_servers = 'a:2181' is set"),
    ("coords-blank", None, "ha.coordinators=a:2181, b:2181\n", "NHA105", "error", 1,
     FileRole.DATABASE, "whitespace"),
    ("coords-empty", None, "ha.coordinators=\n", "NHA105", "warning", 1, FileRole.DATABASE,
     "empty"),
    ("coords-empty-ha", HA, "ha.coordinators=\n", "NHA105", "error", 1, FileRole.DATABASE,
     'on 1.4-1.7, the server preflight refuses the entry'),
    ("coords-empty-entry", None, "ha.coordinators=a:2181,,b:2181\n", "NHA105", "warning", 1,
     FileRole.DATABASE, "reads as localhost:2181"),
    ("coords-port-0", None, "ha.coordinators=a:0,b:2181\n", "NHA105", "error", 1,
     FileRole.DATABASE, "port 0 outside 1-65535"),
    ("coords-trailing-blank", HA, "ha.coordinators=a:2181,b:2181 \n", "NHA105", "error", 1,
     FileRole.DATABASE, "whitespace"),
    ("coords-port-range", None, "ha.zoo_keeper_servers=a:70000\n", "NHA105", "error", 1,
     FileRole.DATABASE, "outside 1-65535"),
    ("coords-dup", None, "ha.coordinators=a:2181,b:2181,a:2181\n", "NHA106", "warning", 1,
     FileRole.DATABASE, "names a:2181"),
    ("coords-dup-case", None, "ha.coordinators=Db1:2181,db1:2181\n", "NHA106", "warning", 1,
     FileRole.DATABASE, "twice"),
    ("coords-dup-loopback", None, "ha.coordinators=localhost:2181,127.0.0.1:2181\n", "NHA106",
     "warning", 1, FileRole.DATABASE, "the same endpoint as localhost:2181"),
    ("cluster-empty", None, "ha.cluster_name=\n", "NHA107", "warning", 1, FileRole.DATABASE,
     "on 1.3-1.8, empty"),
    ("ha-server-no-port", None, "ha.server=db1\n", "NHA108", "error", 1, FileRole.DATABASE,
     "ha.server = 'db1'"),
    ("ha-server-port-range", None, "ha.server=db1:70000\n", "NHA108", "error", 1,
     FileRole.DATABASE, "outside 1-65535"),
    ("ha-server-ipv6", None, "ha.server=[::1]:6361\n", "NHA108", "warning", 1,
     FileRole.DATABASE, "takes no IPv6 brackets"),
    ("web-port", "org.neo4j.server.webserver.port=x\n", None, "NHA110", "error", 1,
     FileRole.SERVER, "org.neo4j.server.webserver.port = 'x': not an integer in 1-65535"),
    ("https-port", "org.neo4j.server.webserver.https.port=70000\n", None, "NHA110", "error", 1,
     FileRole.SERVER, "70000"),
    ("backup-port", None, "online_backup_port=x\n", "NHA110", "error", 1, FileRole.DATABASE,
     "online_backup_port"),
    ("backup-port-0", None, "online_backup_port=0\n", "NHA110", "warning", 1,
     FileRole.DATABASE, "port 0 binds a random free port"),
    ("web-port-0", "org.neo4j.server.webserver.port=0\n", None, "NHA110", "warning", 1,
     FileRole.SERVER, "port 0 binds a random free port"),
    ("backup-switch", None, "enable_online_backup=port:6362\n", "NHA110", "warning", 1,
     FileRole.DATABASE, "Boolean.parseBoolean reads it as false; the online backup stays off"),
    ("backup-switch-port", None, "enable_online_backup=port=0x1\n", "NHA110", "error", 1,
     FileRole.DATABASE, "'port=N'"),
    ("shell-switch", None, "enable_remote_shell=port=99999\n", "NHA110", "error", 1,
     FileRole.DATABASE, "enable_remote_shell"),
    ("shell-port", None, "remote_shell_port=abc\n", "NHA110", "error", 1, FileRole.DATABASE,
     "remote_shell_port = 'abc'"),
    ("pull-interval", None, "ha.pull_interval=10 sec\n", "NHA111", "error", 1,
     FileRole.DATABASE, "not a duration"),
    ("bool-yes", None, "ha.allow_init_cluster=yes\n", "NHA111", "warning", 1, FileRole.DATABASE,
     "on 1.3-1.7, 'yes' is neither true nor false: Boolean.parseBoolean reads it as false"),
    ("chunk-size", None, "ha.com_chunk_size=1k0\n", "NHA111", "error", 1, FileRole.DATABASE,
     "ha.com_chunk_size"),
    ("duration-overflow", None, "ha.pull_interval=99999999999s\n", "NHA111", "error", 1,
     FileRole.DATABASE, 'For input string: "99999999999"'),
    ("push-strategy", None, "ha.tx_push_strategy=random\n", "NHA111", "error", 1,
     FileRole.DATABASE, "ha.tx_push_strategy"),
    ("server-bool", "org.neo4j.server.http.log.enabled=maybe\n", None, "NHA111", "error", 1,
     FileRole.SERVER, "maybe"),
    ("single-with-ha", "org.neo4j.server.database.mode=single\n", DB, "NHA112", "warning", 1,
     FileRole.SERVER, "single-mode server ignores them"),
    ("unset-mode-with-ha", "org.neo4j.server.webserver.port=7474\n", "x=1\n" + DB, "NHA112",
     "warning", 2, FileRole.DATABASE, "is not set (single)"),
    ("ha-no-tuning", "org.neo4j.server.database.mode=HA\n", DB, "NHA113", "error", 1,
     FileRole.SERVER, "High-Availability mode requires"),
    ("legacy-id", None, "ha.machine_id=1\n", "NHA114", "info", 1, FileRole.DATABASE,
     "ha.machine_id has been replaced with ha.server_id"),
    ("legacy-coords", None, "ha.zoo_keeper_servers=a:2181\n", "NHA114", "info", 1,
     FileRole.DATABASE, "1.3 name of ha.coordinators, read from 1.5 on"),
    ("bare-pull", None, "ha.pull_interval=10\n", "NHA115", "info", 1, FileRole.DATABASE,
     "10 seconds"),
]  # fmt: skip


@pytest.mark.parametrize("row", [pytest.param(row, id=row[0]) for row in FIRES])
def test_rule_fires(row: tuple[object, ...]) -> None:
    _, server, database, code, severity, line, role, fragment = row
    assert server is None or isinstance(server, str)
    assert database is None or isinstance(database, str)
    assert isinstance(role, FileRole)
    hits = [d for d in run(server, database) if d.code == code]
    assert hits, f"{code} not reported"
    hit = next((d for d in hits if str(fragment) in d.message), None)
    assert hit is not None, [d.message for d in hits]
    assert hit.severity == Severity(str(severity))
    assert hit.location.path == f"db1/conf/{role.value}"
    assert hit.location.line == line
    assert hit.location.column == 1
    assert hit.node == "db1"


# (id, server file, database file, code that must not appear)
NEAR_MISSES = [
    ("mode-ha-any-case", "org.neo4j.server.database.mode=Ha\n", DB, "NHA101"),
    ("mode-single", "org.neo4j.server.database.mode=SINGLE\n", DB, "NHA101"),
    ("ha-complete-legacy", HA, "ha.machine_id=1\nha.zoo_keeper_servers=a:2181\n", "NHA102"),
    ("no-server-file", None, "ha.server_id=1\n", "NHA102"),
    ("ha-no-database-file", HA, None, "NHA102"),
    ("ha-bad-id-is-not-missing", HA, "ha.server_id=x\nha.coordinators=a:2181\n", "NHA102"),
    ("id-positive", None, "ha.server_id=7\n", "NHA103"),
    ("one-name-each", None, "ha.server_id=1\nha.zoo_keeper_servers=a:2181\n", "NHA104"),
    ("coords-chroot", None, "ha.coordinators=a:2181,b:2181/neo4j\n", "NHA105"),
    ("coords-ipv6", None, "ha.coordinators=[::1]:2181,b:2181\n", "NHA105"),
    ("coords-trailing-comma", HA, "ha.coordinators=a:2181,b:2181,\n", "NHA105"),
    ("coords-empty-port", HA, "ha.coordinators=a:,b:2181\n", "NHA105"),
    ("coords-bare-host-embedded", None, "ha.coordinators=a:2181,b\n", "NHA105"),
    ("coords-bare-host-single", "org.neo4j.server.database.mode=single\n",
     "ha.coordinators=a:2181,b\n", "NHA105"),
    ("coords-other-port", None, "ha.coordinators=a:2181,a:2182\n", "NHA106"),
    ("cluster-name-ok", None, "ha.cluster_name=prod.graph-1_x\n", "NHA107"),
    ("ha-server-ok", None, "ha.server=10.0.0.1:6001\n", "NHA108"),
    ("ports-ok", "org.neo4j.server.webserver.port=7474\n",
     "online_backup_port=6362\nenable_remote_shell=port=1337\n", "NHA110"),
    ("backup-switch-bool", None, "enable_online_backup=true\n", "NHA110"),
    ("backup-switch-options", None, "enable_remote_shell=port=1337,readonly=true\n", "NHA110"),
    ("web-port-trimmed", "org.neo4j.server.webserver.port=7474 \n", None, "NHA110"),
    ("typed-ok", None, "ha.pull_interval=10s\nha.branched_data_policy=keep_last\n"
     "ha.allow_init_cluster=FALSE\nha.com_chunk_size=2M\n", "NHA111"),
    ("ha-with-ha-keys", HA, DB, "NHA112"),
    ("single-no-ha-keys", "org.neo4j.server.database.mode=single\n", "online_backup_port=6362\n",
     "NHA112"),
    ("no-server-file-ha-keys", None, DB, "NHA112"),
    ("bad-mode-no-guess", "org.neo4j.server.database.mode=HA-cluster\n", DB, "NHA112"),
    ("ha-tuning-ok", HA, DB, "NHA113"),
    ("single-no-tuning", "org.neo4j.server.database.mode=single\n", None, "NHA113"),
    ("no-server-no-tuning", None, DB, "NHA113"),
    ("current-names", None, DB, "NHA114"),
    ("pull-with-unit", None, "ha.pull_interval=500ms\n", "NHA115"),
    ("pull-bad-is-nha111", None, "ha.pull_interval=10x\n", "NHA115"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("server", "database", "code"), [pytest.param(*row[1:], id=row[0]) for row in NEAR_MISSES]
)
def test_rule_stays_silent(server: str | None, database: str | None, code: str) -> None:
    found = [d for d in run(server, database) if d.code == code]
    assert not found, found


def test_clean_ha_node_has_no_findings() -> None:
    assert run(HA, DB) == []


def test_both_names_points_back_at_the_first() -> None:
    diag = next(d for d in run(None, "ha.server_id=1\n\nha.machine_id=2\n") if d.code == "NHA104")
    assert diag.location.line == 3
    assert diag.key == "ha.machine_id"
    assert [r.line for r in diag.related] == [1]


def test_tuning_file_not_in_node() -> None:
    server = "org.neo4j.server.database.mode=HA\norg.neo4j.server.db.tuning.properties=conf/x\n"
    diag = next(d for d in run(server, None) if d.code == "NHA113")
    assert diag.severity is Severity.ERROR
    assert diag.location.line == 2
    assert "No database tuning file" in diag.message
    assert [r.line for r in diag.related] == [1]


def test_absolute_tuning_file_is_info() -> None:
    server = "org.neo4j.server.database.mode=HA\norg.neo4j.server.db.tuning.properties=/etc/n\n"
    diag = next(d for d in run(server, None) if d.code == "NHA113")
    assert diag.severity is Severity.INFO


def test_incomplete_ha_reports_each_missing_setting() -> None:
    found = [d for d in run(HA, "ha.server=a:6361\n") if d.code == "NHA102"]
    assert len(found) == 2
    assert all(d.key == "org.neo4j.server.database.mode" for d in found)


def test_value_issue_located_at_key_of_winning_duplicate() -> None:
    diag = next(d for d in run(None, "ha.server_id=1\nha.server_id=x\n") if d.code == "NHA103")
    assert diag.location.line == 2
    assert diag.key == "ha.server_id"


def _tree(*specs: tuple[str, str]) -> Tree:
    return Tree(nodes=[make_node(HA, db, name=name) for name, db in specs])


def test_loopback_ha_server_in_multi_host_cluster() -> None:
    tree = _tree(
        ("db1", "ha.server_id=1\nha.coordinators=z1:2181\nha.server=localhost:6361\n"),
        ("db2", "ha.server_id=2\nha.coordinators=z1:2181\nha.server=db2.example.com:6361\n"),
    )
    found = findings(tree, codes=("NHA109",))
    assert [(d.code, d.node, d.severity) for d in found] == [("NHA109", "db1", Severity.WARNING)]
    assert "db2.example.com" in found[0].message
    assert found[0].location.path == "db1/conf/neo4j.properties"
    assert found[0].location.line == 3
    assert [r.path for r in found[0].related] == ["db2/conf/neo4j.properties"]


@pytest.mark.parametrize(
    "specs",
    [
        pytest.param(
            (
                ("db1", "ha.coordinators=z1:2181\nha.server=localhost:6361\n"),
                ("db2", "ha.coordinators=z1:2181\nha.server=127.0.0.1:6362\n"),
            ),
            id="all-on-one-host",
        ),
        pytest.param(
            (
                ("db1", "ha.coordinators=z1:2181\nha.server=localhost:6361\n"),
                ("db2", "ha.coordinators=z1:2181\n"),
            ),
            id="other-host-unknown",
        ),
        pytest.param(
            (
                ("db1", "ha.coordinators=z1:2181\nha.server=localhost:6361\n"),
                ("db2", "ha.coordinators=z9:2181\nha.server=db2:6361\n"),
            ),
            id="different-clusters",
        ),
    ],
)
def test_loopback_ha_server_silent(specs: tuple[tuple[str, str], ...]) -> None:
    assert findings(_tree(*specs), codes=("NHA109",)) == []


@pytest.mark.parametrize("code", [f"NHA1{n:02d}" for n in range(1, 16)])
def test_rule_is_documented(code: str) -> None:
    rule = rules()[code]
    assert rule.summary
    for part in ("**What:**", "**Why:**", "**How to fix:**", "**Example"):
        assert part in rule.doc, f"{code} doc lacks {part}"
