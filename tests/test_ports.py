"""Tests for the per-host port map: who listens where, defaults, and clashes."""

from __future__ import annotations

import pytest

from neoha_config import ports
from neoha_config.context import CheckContext
from neoha_config.diagnostics import Location
from neoha_config.hosts import LOOPBACK
from neoha_config.profile import Profile
from neoha_config.tree import Tree
from tests.test_topology import coord_cfg, make_node, server_props, tutorial_tree

WEB = "org.neo4j.server.webserver.port"


def table(node_listeners: list[ports.Listener]) -> list[tuple[str, int, str, str, bool]]:
    return [(x.host, x.port, x.what, x.key, x.default) for x in node_listeners]


def test_listeners_of_a_combined_tutorial_node() -> None:
    node = tutorial_tree().nodes[1]
    assert table(ports.listeners(node)) == [
        (LOOPBACK, 7475, "web port", WEB, False),
        (LOOPBACK, 6002, "HA port", "ha.server", False),
        (LOOPBACK, 2182, "coordinator client port", "clientPort", False),
        (LOOPBACK, 2889, "quorum port", "server.2", False),
        (LOOPBACK, 3889, "election port", "server.2", False),
    ]
    web = ports.listeners(node)[0]
    assert web.location == Location("ha2/conf/neo4j-server.properties", 3, 1)
    assert web.describe() == f"the web port ({WEB}) of node ha2"


def test_admin_server_counts_only_in_the_modern_profile() -> None:
    node = tutorial_tree().nodes[0]
    assert all(x.port != 8080 for x in ports.listeners(node, Profile.ZK33))
    admin = [x for x in ports.listeners(node, Profile.ZK38) if x.port == 8080]
    assert table(admin) == [(LOOPBACK, 8080, "AdminServer port", "admin.serverPort", True)]
    assert admin[0].location == Location("ha1/conf/coord.cfg", 1, 1)
    off = tutorial_tree(**{"admin.enableServer": "false"}).nodes[0]
    assert all(x.port != 8080 for x in ports.listeners(off, Profile.ZK38))
    moved = tutorial_tree(**{"admin.serverPort": 9090}).nodes[0]
    assert [x.port for x in ports.listeners(moved, Profile.ZK38)][-1] == 9090


@pytest.mark.parametrize(
    ("server", "database", "expected"),
    [
        # defaults: web 7474, HA port 6361 (host from ha.server)
        ({}, {"ha.server": "h:6361"}, [(7474, WEB, True), (6361, "ha.server", False)]),
        (
            {"webserver.https.enabled": "true"},
            {"ha.server": "h:1"},
            [
                (7474, WEB, True),
                (7473, "org.neo4j.server.webserver.https.port", True),
                (1, "ha.server", False),
            ],
        ),
        (
            {"webserver.https.enabled": "true", "webserver.https.port": "8443"},
            {"ha.server": "h:1"},
            [
                (7474, WEB, True),
                (8443, "org.neo4j.server.webserver.https.port", False),
                (1, "ha.server", False),
            ],
        ),
        (
            {},
            {"ha.server": "h:1", "online_backup_enabled": "true"},
            [(7474, WEB, True), (1, "ha.server", False), (6362, "online_backup_enabled", True)],
        ),
        (
            {},
            {"ha.server": "h:1", "online_backup_enabled": "true", "online_backup_port": "7000"},
            [(7474, WEB, True), (1, "ha.server", False), (7000, "online_backup_port", False)],
        ),
        (
            {},
            {"ha.server": "h:1", "online_backup_enabled": "false", "online_backup_port": "7000"},
            [(7474, WEB, True), (1, "ha.server", False)],
        ),
        (
            {},
            {"ha.server": "h:1", "enable_online_backup": "port=6400"},
            [(7474, WEB, True), (1, "ha.server", False), (6400, "enable_online_backup", False)],
        ),
        (
            {},
            {"ha.server": "h:1", "enable_online_backup": "true"},
            [(7474, WEB, True), (1, "ha.server", False), (6362, "enable_online_backup", True)],
        ),
        (
            {},
            {"ha.server": "h:1", "enable_remote_shell": "port=1400"},
            [(7474, WEB, True), (1, "ha.server", False), (1400, "enable_remote_shell", False)],
        ),
        (
            {},
            {"ha.server": "h:1", "remote_shell_enabled": "true"},
            [(7474, WEB, True), (1, "ha.server", False), (1337, "remote_shell_enabled", True)],
        ),
        # a rejected port value is unknown: no listener, not a guessed default
        ({"webserver.port": "http"}, {"ha.server": "h:1"}, [(1, "ha.server", False)]),
        (
            {},
            {"ha.server": "h:1", "online_backup_enabled": "true", "online_backup_port": "x"},
            [(7474, WEB, True), (1, "ha.server", False)],
        ),
    ],
)
def test_database_listeners(
    server: dict[str, str], database: dict[str, str], expected: list[tuple[int, str, bool]]
) -> None:
    node = make_node(
        "db",
        server={"org.neo4j.server." + k: v for k, v in {"database.mode": "HA", **server}.items()},
        database=database,
    )
    assert [(x.port, x.key, x.default) for x in ports.listeners(node)] == expected
    assert {x.host for x in ports.listeners(node)} == {"h"}


def test_single_mode_does_not_bind_the_ha_port() -> None:
    node = make_node("db", server=server_props(mode="single"), database={"ha.server": "h:6001"})
    assert [x.port for x in ports.listeners(node)] == [7474]


def test_unknown_host_means_no_listeners() -> None:
    # No ha.server: the machine is unknown and nothing is compared.
    assert ports.listeners(make_node("db", server=server_props(), database={})) == []
    # A coordinator without myid has no known host either.
    assert ports.listeners(make_node("zk", coord=coord_cfg(["a:2888:3888"]))) == []


def test_one_role_lends_its_host_to_the_other() -> None:
    node = make_node(
        "both",
        server=server_props(),
        database={"ha.coordinators": "zk:2181"},
        coord=coord_cfg(["zk:2888:3888"]),
        myid=1,
    )
    assert {x.host for x in ports.listeners(node)} == {"zk"}
    assert [x.port for x in ports.listeners(node)] == [7474, 6361, 2181, 2888, 3888]


def test_client_port_address_is_the_last_resort_for_the_host() -> None:
    node = make_node("zk", coord=coord_cfg([], clientPortAddress="127.0.0.1"))
    assert table(ports.listeners(node)) == [
        (LOOPBACK, 2181, "coordinator client port", "clientPort", False)
    ]
    wildcard = make_node("zk", coord=coord_cfg([], clientPortAddress="0.0.0.0"))
    assert ports.listeners(wildcard) == []


def _clashes(tree: Tree, profile: Profile = Profile.ZK33) -> list[list[ports.Listener]]:
    return CheckContext(tree, profile=profile).port_clashes


def test_context_computes_the_listeners_once() -> None:
    ctx = CheckContext(tutorial_tree())
    assert ctx.listeners is ctx.listeners
    assert ctx.port_map is ctx.port_map
    assert ctx.port_clashes is ctx.port_clashes
    assert ctx.listeners == ports.tree_listeners(ctx.tree)
    assert sum(len(group) for group in ctx.port_map.values()) == len(ctx.listeners)


def test_tutorial_has_no_clash_in_the_bundled_profile() -> None:
    assert _clashes(tutorial_tree()) == []
    assert len(CheckContext(tutorial_tree()).port_map) == 15


def test_tutorial_admin_servers_clash_in_the_modern_profile() -> None:
    (group,) = _clashes(tutorial_tree(), Profile.ZK38)
    assert [(x.node.name, x.port) for x in group] == [("ha1", 8080), ("ha2", 8080), ("ha3", 8080)]
    assert _clashes(tutorial_tree(**{"admin.enableServer": "false"}), Profile.ZK38) == []


def test_clash_between_nodes_on_one_host_spelled_differently() -> None:
    a = make_node("a", database={"ha.server": "localhost:6001"})
    b = make_node("b", database={"ha.server": "127.0.0.2:6001"})
    c = make_node("c", database={"ha.server": "other:6001"})
    (group,) = _clashes(Tree(nodes=[c, b, a]))
    assert [x.node.name for x in group] == ["b", "a"]


def test_clash_inside_one_node_across_its_two_host_spellings() -> None:
    node = make_node(
        "both",
        database={"ha.server": "10.0.0.5:2181"},
        coord=coord_cfg(["neo4j-01:2888:3888"]),
        myid=1,
    )
    (group,) = _clashes(Tree(nodes=[node]))
    assert [(x.host, x.key) for x in group] == [
        ("10.0.0.5", "ha.server"),
        ("neo4j-01", "clientPort"),
    ]


def test_coordinators_claiming_one_line_do_not_place_ports_on_its_host() -> None:
    lines = ["m1:2888:3888", "m2:2888:3888"]
    a = make_node("a", coord=coord_cfg(lines), myid=1)
    b = make_node("b", coord=coord_cfg(lines), myid=1)  # NHA306, not a port clash on m1
    assert _clashes(Tree(nodes=[a, b])) == []
    assert ports.listeners(a, trust_own_line=False) == []


def _spans(node_listeners: list[ports.Listener]) -> list[tuple[str, int, str, str]]:
    from neoha_config.release import describe

    return [
        (x.what, x.port, x.key, describe(x.releases) if x.releases else "all")
        for x in node_listeners
    ]


@pytest.mark.parametrize(
    ("database", "expected"),
    [
        # a port alone enables neither service in any release
        ({"online_backup_port": "7000", "remote_shell_port": "1400"}, []),
        # 1.3-1.7 read the switch; 1.8's migrator reads it too; 1.9 does not
        (
            {"enable_online_backup": "true"},
            [("online backup port", 6362, "enable_online_backup", "1.3-1.8")],
        ),
        # 1.8 puts a migrated switch on its own port setting
        (
            {"enable_online_backup": "true", "online_backup_port": "7000"},
            [
                ("online backup port", 6362, "enable_online_backup", "1.3-1.7"),
                ("online backup port", 7000, "online_backup_port", "1.8"),
            ],
        ),
        # the 1.8 keys mean nothing to 1.3-1.7; 1.9 picks a free port of a range
        (
            {"online_backup_enabled": "true"},
            [("online backup port", 6362, "online_backup_enabled", "1.8")],
        ),
        (
            {"remote_shell_enabled": "true", "remote_shell_port": "1400"},
            [("remote shell port", 1400, "remote_shell_port", "1.8-1.9")],
        ),
        (
            {"enable_remote_shell": "port=1400"},
            [("remote shell port", 1400, "enable_remote_shell", "1.3-1.8")],
        ),
    ],
)
def test_service_listeners_by_release(
    database: dict[str, str], expected: list[tuple[str, int, str, str]]
) -> None:
    node = make_node("db", database={"ha.server": "h:6001", **database})
    found = [x for x in ports.listeners(node) if x.what not in ("web port", "HA port")]
    assert _spans(found) == expected


def test_ha_port_binds_only_on_the_master_before_1_8() -> None:
    node = make_node("db", database={"ha.server": "h:6001"})
    (ha,) = [x for x in ports.listeners(node) if x.what == "HA port"]
    assert [r for r in ("1.3", "1.7", "1.8", "1.9") if ha.opens(r)] == ["1.3", "1.7", "1.8", "1.9"]
    assert ha.master_only == ("1.3", "1.4", "1.5", "1.6", "1.7")
