"""Tests for the cluster rules NHA301-NHA311: a matrix of trees, findings, locations."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.profile import Profile
from neoha_config.rules import by_code as rules
from neoha_config.tree import Node, Tree
from tests.rules_support import findings
from tests.test_topology import (
    MANAGERS,
    MANUAL_LIST,
    coord_cfg,
    db_props,
    make_node,
    manual_coordinators,
    manual_databases,
    manual_tree,
    server_props,
    tutorial_tree,
)

CODES = [f"NHA3{n:02d}" for n in range(1, 12)]
MODE = "org.neo4j.server.database.mode"


def run(tree: Tree, profile: Profile = Profile.ZK33) -> list[Diagnostic]:
    return findings(tree, codes=("NHA3",), profile=profile)


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def only(diags: list[Diagnostic], code: str) -> list[Diagnostic]:
    return [d for d in diags if d.code == code]


def db_loc(name: str, line: int) -> Location:
    return Location(f"{name}/conf/neo4j.properties", line, 1)


def coord_loc(name: str, line: int) -> Location:
    return Location(f"{name}/conf/coord.cfg", line, 1)


def server_loc(name: str, line: int) -> Location:
    return Location(f"{name}/conf/neo4j-server.properties", line, 1)


# --- the registry -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_rule_is_documented(code: str) -> None:
    rule = rules()[code]
    assert rule.summary
    for part in ("**What:**", "**Why:**", "**How to fix:**", "**Example"):
        assert part in rule.doc, f"{code} doc lacks {part}"


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        ("NHA301", Severity.ERROR),
        ("NHA302", Severity.WARNING),
        ("NHA303", Severity.ERROR),
        ("NHA304", Severity.WARNING),
        ("NHA305", Severity.ERROR),
        ("NHA306", Severity.ERROR),
        ("NHA307", Severity.WARNING),
        ("NHA308", Severity.WARNING),
        ("NHA309", Severity.ERROR),
        ("NHA310", Severity.WARNING),
        ("NHA311", Severity.WARNING),
    ],
)
def test_rule_severity_matches_the_spec(code: str, severity: Severity) -> None:
    assert rules()[code].severity is severity


# --- clean trees ------------------------------------------------------------------------------


def _two_clusters_different_names() -> Tree:
    shop = manual_databases(prefix="shop-0", **{"ha.cluster_name": "shop"})
    crm = manual_databases(prefix="crm-0", **{"ha.cluster_name": "crm"})
    return Tree(nodes=[*manual_coordinators(), *shop, *crm])


def _disjoint_default_name() -> Tree:
    a = manual_databases(coordinators="zk-a1:2181,zk-a2:2181,zk-a3:2181", prefix="a")
    b = manual_databases(coordinators="zk-b1:2181,zk-b2:2181,zk-b3:2181", prefix="b")
    return Tree(nodes=[*a, *b])


def _ids_equal_myids() -> Tree:
    # ha.server_id and myid are separate id spaces: equal per machine is normal.
    lines = [f"n{i}:2888:3888" for i in (1, 2, 3)]
    conn = ",".join(f"n{i}:2181" for i in (1, 2, 3))
    return Tree(
        nodes=[
            make_node(
                f"n{i}",
                server=server_props(),
                database=db_props(i, conn, f"n{i}:6001"),
                coord=coord_cfg(lines),
                myid=i,
            )
            for i in (1, 2, 3)
        ]
    )


@pytest.mark.parametrize(
    "build",
    [
        manual_tree,
        tutorial_tree,
        _two_clusters_different_names,
        _disjoint_default_name,
        _ids_equal_myids,
        lambda: Tree(nodes=manual_databases()),  # database nodes only
        lambda: Tree(nodes=manual_coordinators()[:1]),  # one coordinator only
        lambda: Tree(nodes=manual_coordinators()),  # coordinators only
        lambda: Tree(nodes=[]),
    ],
    ids=[
        "manual",
        "tutorial",
        "two-names-one-ensemble",
        "disjoint-default-name",
        "ids-equal-myids",
        "databases-only",
        "one-coordinator",
        "coordinators-only",
        "empty",
    ],
)
def test_clean_trees(build: Callable[[], Tree]) -> None:
    assert run(build()) == []


def test_partial_tree_with_duplicate_ids_still_reports_nha301() -> None:
    dbs = manual_databases()
    dbs[2] = make_node(
        "neo4j-03",
        server=server_props(),
        database=db_props(1, ",".join(f"{m}:2180" for m in MANAGERS), "neo4j-03:6001"),
    )
    assert codes(run(Tree(nodes=dbs))) == ["NHA301"]


# --- NHA301 -----------------------------------------------------------------------------------


def test_nha301_duplicate_machine_id() -> None:
    tree = manual_tree()
    dbs = tree.nodes[3:]
    conn = ",".join(f"{m}:2180" for m in MANAGERS)
    dbs[1].database = make_node("neo4j-02", database=db_props(1, conn, "neo4j-02:6001")).database
    dbs[2].database = make_node(
        "neo4j-03", database={"ha.machine_id": 1, "ha.coordinators": conn, "ha.server": "x:1"}
    ).database
    diags = run(tree)
    assert codes(diags) == ["NHA301", "NHA301"]
    first, second = diags
    assert first.location == db_loc("neo4j-02", 1)
    assert first.key == "ha.server_id"
    assert first.related == (db_loc("neo4j-01", 1),)
    assert first.group == "cluster neo4j.ha (3 nodes)"
    assert "ha.server_id=1 of node neo4j-02" in first.message
    assert "node neo4j-01" in first.message
    assert second.key == "ha.machine_id"
    assert second.node == "neo4j-03"
    assert second.related == (db_loc("neo4j-01", 1),)


def test_nha301_not_across_clusters_nor_against_myids() -> None:
    tree = _two_clusters_different_names()
    assert "NHA301" not in codes(run(tree))


# --- NHA302 / NHA304 --------------------------------------------------------------------------


def test_nha302_and_nha304_for_a_node_listing_a_subset() -> None:
    dbs = manual_databases()
    dbs[2] = make_node(
        "neo4j-03",
        server=server_props(),
        database=db_props(3, "neo4j-manager-01:2180,NEO4J-MANAGER-02:2180", "neo4j-03:6001"),
    )
    diags = run(Tree(nodes=[*manual_coordinators(), *dbs]))
    assert codes(diags) == ["NHA302", "NHA304"]
    diff, missing = diags
    assert diff.location == db_loc("neo4j-03", 2)
    assert diff.key == "ha.coordinators"
    assert diff.related == (db_loc("neo4j-01", 2),)
    assert "lacks neo4j-manager-03:2180" in diff.message
    assert "2 of the 3 nodes" in diff.message
    assert missing.location == db_loc("neo4j-03", 2)
    assert missing.related == (coord_loc("neo4j-manager-03", 5),)
    assert "neo4j-manager-03 (neo4j-manager-03:2180)" in missing.message


def test_nha302_compares_sets_not_order_or_spelling() -> None:
    dbs = manual_databases()
    dbs[1] = make_node(
        "neo4j-02",
        server=server_props(),
        database=db_props(
            2, "NEO4J-MANAGER-03.:2180,neo4j-manager-02:2180,neo4j-manager-01:2180", "x:1"
        ),
    )
    assert run(Tree(nodes=dbs)) == []


def test_nha302_without_coordinators_in_the_tree_has_no_nha304() -> None:
    dbs = manual_databases()
    dbs[0] = make_node(
        "neo4j-01", server=server_props(), database=db_props(1, "neo4j-manager-01:2180", "a:1")
    )
    diags = run(Tree(nodes=dbs))
    assert codes(diags) == ["NHA302"]
    assert diags[0].message.endswith("neo4j-01 lacks neo4j-manager-02:2180,neo4j-manager-03:2180")


# --- NHA303 -----------------------------------------------------------------------------------


def test_nha303_quorum_port_instead_of_client_port() -> None:
    conn = "neo4j-manager-01:2888,neo4j-manager-02:2180,neo4j-manager-03:2180"
    dbs = manual_databases(coordinators=conn)
    diags = run(Tree(nodes=[*manual_coordinators(), *dbs]))
    assert codes(diags) == ["NHA303"] * 3
    d = diags[0]
    assert d.location == db_loc("neo4j-01", 2)
    assert d.related == (coord_loc("neo4j-manager-01", 6), coord_loc("neo4j-manager-01", 5))
    assert "2888 is the quorum port of server.1" in d.message
    assert "takes clients on neo4j-manager-01:2180" in d.message


def test_nha303_every_entry_wrong_still_links_the_ensemble() -> None:
    conn = ",".join(f"{m}:3888" for m in MANAGERS)
    diags = run(Tree(nodes=[*manual_coordinators(), *manual_databases(coordinators=conn)]))
    assert codes(diags) == ["NHA303"] * 9  # no NHA304: each host already has a wrong entry
    assert all("election port" in d.message for d in diags)


def test_nha303_wrong_port_on_a_coordinator_host() -> None:
    conn = "neo4j-manager-01:2999,neo4j-manager-02:2180,neo4j-manager-03:2180"
    dbs = manual_databases(coordinators=conn)
    diags = only(run(Tree(nodes=[*manual_coordinators(), *dbs])), "NHA303")
    assert len(diags) == 3
    assert "no coordinator of ensemble" in diags[0].message
    assert "client ports there: 2180 (neo4j-manager-01)" in diags[0].message
    assert diags[0].related == (coord_loc("neo4j-manager-01", 5),)


@pytest.mark.parametrize(
    "entry",
    [
        "elsewhere:2181",  # a host with no coordinator in the tree
        "neo4j-manager-03:2999",  # the host of a member that is not in the tree
    ],
)
def test_nha303_silent_when_the_tree_cannot_tell(entry: str) -> None:
    coords = manual_coordinators()[:2]
    conn = f"neo4j-manager-01:2180,neo4j-manager-02:2180,{entry}"
    diags = run(Tree(nodes=[*coords, *manual_databases(coordinators=conn)]))
    assert "NHA303" not in codes(diags)


def test_nha303_quorum_port_of_a_member_missing_from_the_tree() -> None:
    coords = manual_coordinators()[:2]
    conn = "neo4j-manager-01:2180,neo4j-manager-02:2180,neo4j-manager-03:2888"
    diags = only(run(Tree(nodes=[*coords, *manual_databases(coordinators=conn)])), "NHA303")
    assert len(diags) == 3
    assert "quorum port of server.3 of ensemble" in diags[0].message
    assert diags[0].related == (coord_loc("neo4j-manager-01", 8),)


# --- NHA305 / NHA306 / NHA307 -----------------------------------------------------------------


def test_nha305_different_server_blocks() -> None:
    coords = manual_coordinators()
    lines = [
        "neo4j-manager-01:2888:3888",
        "neo4j-manager-02:2888:3888",
        "neo4j-manager-03:2889:3889",
    ]
    coords[2] = make_node("neo4j-manager-03", coord=coord_cfg(lines, client_port=2180), myid=3)
    diags = run(Tree(nodes=coords))
    assert codes(diags) == ["NHA305"]
    d = diags[0]
    assert d.location == coord_loc("neo4j-manager-03", 8)
    assert d.key == "server.3"
    assert d.related == (coord_loc("neo4j-manager-01", 8),)
    assert "server.3=neo4j-manager-03:2889:3889 where neo4j-manager-01 has" in d.message
    # The label shows the first endpoints and marks that there are more (here 2889 too).
    assert d.group == (
        "ensemble neo4j-manager-01:2888,neo4j-manager-02:2888,neo4j-manager-03:2888,..."
    )


def test_nha305_missing_line_and_spelling_tolerance() -> None:
    coords = manual_coordinators()
    coords[1] = make_node(
        "neo4j-manager-02",
        coord=coord_cfg(["NEO4J-MANAGER-01:2888:3888", "neo4j-manager-02.:2888:3888"], 2180),
        myid=2,
    )
    diags = run(Tree(nodes=coords))
    assert codes(diags) == ["NHA305"]
    assert diags[0].location == coord_loc("neo4j-manager-02", 6)
    assert "no server.3" in diags[0].message
    assert diags[0].related == (coord_loc("neo4j-manager-01", 8),)


def test_nha306_duplicate_myid() -> None:
    coords = manual_coordinators()
    coords[1] = make_node(
        "neo4j-manager-02",
        coord=coord_cfg([f"{m}:2888:3888" for m in MANAGERS], client_port=2180),
        myid=1,
    )
    diags = run(Tree(nodes=coords))
    assert codes(diags) == ["NHA306"]  # no NHA309: the claimed line says nothing of the host
    d = diags[0]
    assert d.location == Location("neo4j-manager-02/data/coordinator/myid", 1, 1)
    assert d.related == (Location("neo4j-manager-01/data/coordinator/myid", 1, 1),)
    assert "myid 1 of coordinator neo4j-manager-02" in d.message


def test_nha307_timing_differs() -> None:
    coords = manual_coordinators()
    coords[2] = make_node(
        "neo4j-manager-03",
        coord=coord_cfg([f"{m}:2888:3888" for m in MANAGERS], 2180, tickTime=3000, syncLimit=9),
        myid=3,
    )
    diags = run(Tree(nodes=coords))
    assert codes(diags) == ["NHA307", "NHA307"]
    tick, sync = diags
    assert tick.location == coord_loc("neo4j-manager-03", 1)
    assert tick.key == "tickTime"
    assert tick.related == (coord_loc("neo4j-manager-01", 1),)
    assert "tickTime=3000" in tick.message
    assert "use tickTime=2000" in tick.message
    assert sync.key == "syncLimit"
    assert sync.location == coord_loc("neo4j-manager-03", 3)


def test_nha307_unset_tick_time_counts_as_its_default() -> None:
    coords = manual_coordinators(tickTime=3000)
    cfg = coord_cfg([f"{m}:2888:3888" for m in MANAGERS], 2180)
    del cfg["tickTime"]
    coords[0] = make_node("neo4j-manager-01", coord=cfg, myid=1)
    assert codes(run(Tree(nodes=coords))) == []


# --- NHA308 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "line"), [("single", 2), ("SINGLE", 2), (None, 1)])
def test_nha308_single_mode_member(mode: str | None, line: int) -> None:
    tree = manual_tree()
    db3 = tree.nodes[5]
    db3.server = make_node("neo4j-03", server=server_props(mode=mode)).server
    db3.files.update(make_node("neo4j-03", server=server_props(mode=mode)).files)
    diags = run(tree)
    assert codes(diags) == ["NHA308"]
    d = diags[0]
    assert d.location == server_loc("neo4j-03", line)
    assert d.related == (server_loc("neo4j-01", 2),)
    assert d.key == MODE
    assert "neo4j-01 runs in ha mode" in d.message


def test_nha308_not_when_no_node_runs_ha() -> None:
    dbs = [
        make_node(f"d{i}", server=server_props(mode="single"), database=db_props(i, "z:1", "h:1"))
        for i in (1, 2)
    ]
    assert "NHA308" not in codes(run(Tree(nodes=dbs)))


# --- NHA309 -----------------------------------------------------------------------------------


def test_nha309_same_ha_port_on_one_host() -> None:
    tree = tutorial_tree()
    ha2 = tree.nodes[1]
    ha2.database = make_node(
        "ha2",
        database=db_props(2, "localhost:2181,localhost:2182,localhost:2183", "127.0.0.1:6001"),
    ).database
    diags = run(tree)
    assert codes(diags) == ["NHA309"]
    d = diags[0]
    assert d.location == db_loc("ha2", 3)
    assert d.key == "ha.server"
    assert d.related == (db_loc("ha1", 3),)
    assert d.group == "host loopback"
    assert "port 6001 on host loopback" in d.message
    assert "of node ha2" in d.message
    assert "of node ha1" in d.message


def test_nha309_default_web_ports_clash() -> None:
    tree = tutorial_tree()
    for node in tree.nodes[:2]:
        fresh = make_node(node.name, server=server_props())
        node.server = fresh.server
        node.files.update(fresh.files)
    diags = run(tree)
    assert codes(diags) == ["NHA309"]
    assert diags[0].location == server_loc("ha2", 1)
    assert diags[0].related == (server_loc("ha1", 1),)
    assert "default" in diags[0].message


def test_nha309_inside_one_node_and_admin_servers() -> None:
    tree = tutorial_tree()
    assert codes(run(tree, Profile.ZK38)) == ["NHA309", "NHA309"]
    node = make_node(
        "solo",
        server=server_props(webserver_port=2181),
        database=db_props(1, "localhost:2181", "localhost:6001"),
        coord=coord_cfg(["localhost:2888:3888"]),
        myid=1,
    )
    diags = run(Tree(nodes=[node]))
    assert codes(diags) == ["NHA309"]
    assert diags[0].location == coord_loc("solo", 5)
    assert diags[0].related == (server_loc("solo", 3),)


def test_nha309_not_for_quorum_equal_to_election_port() -> None:
    node = make_node("zk", coord=coord_cfg(["localhost:2888:2888"]), myid=1)
    assert run(Tree(nodes=[node])) == []


# --- NHA310 -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timeout", "extra", "severity", "clamped"),
    [
        (90000, {}, Severity.WARNING, 40000),
        (1000, {}, Severity.WARNING, 4000),
        (None, {"tickTime": 3000}, Severity.INFO, 6000),
        (5000, {"minSessionTimeout": 8000, "maxSessionTimeout": 9000}, Severity.WARNING, 8000),
    ],
)
def test_nha310_clamped_timeout(
    timeout: int | None, extra: dict[str, int], severity: Severity, clamped: int
) -> None:
    coords = manual_coordinators(**extra)
    settings = {} if timeout is None else {"ha.zk_session_timeout": timeout}
    dbs = manual_databases(MANUAL_LIST, "neo4j-0", **settings)
    diags = run(Tree(nodes=[*coords, *dbs]))
    assert codes(diags) == ["NHA310"] * 3
    d = diags[0]
    assert d.severity is severity
    assert d.key == "ha.zk_session_timeout"
    assert d.location == (db_loc("neo4j-01", 4) if timeout is not None else db_loc("neo4j-01", 1))
    assert f"makes it {clamped} ms" in d.message


@pytest.mark.parametrize(
    "build",
    [
        # inside the range
        lambda: Tree(
            nodes=[
                *manual_coordinators(),
                *manual_databases(MANUAL_LIST, "neo4j-0", **{"ha.zk_session_timeout": 40000}),
            ]
        ),
        # ensemble not in the tree
        lambda: Tree(
            nodes=manual_databases(MANUAL_LIST, "neo4j-0", **{"ha.zk_session_timeout": 999999})
        ),
        # min > max is NHA209's business: bounds unknown
        lambda: Tree(
            nodes=[
                *manual_coordinators(minSessionTimeout=9000, maxSessionTimeout=100),
                *manual_databases(MANUAL_LIST, "neo4j-0", **{"ha.zk_session_timeout": 1}),
            ]
        ),
    ],
)
def test_nha310_silent(build: Callable[[], Tree]) -> None:
    assert "NHA310" not in codes(run(build()))


def test_nha310_not_for_single_mode_nodes() -> None:
    tree = Tree(nodes=[*manual_coordinators(tickTime=3000), *manual_databases()])
    for node in tree.nodes[3:]:
        fresh = make_node(node.name, server=server_props(mode="single"))
        node.server = fresh.server
        node.files.update(fresh.files)
    assert "NHA310" not in codes(run(tree))


# --- NHA311 -----------------------------------------------------------------------------------


def test_nha311_same_name_same_ensemble_disjoint_lists() -> None:
    first = manual_databases(coordinators="neo4j-manager-01:2180", prefix="shop-0")
    second = manual_databases(
        coordinators="neo4j-manager-02:2180,neo4j-manager-03:2180", prefix="crm-0"
    )
    diags = run(Tree(nodes=[*manual_coordinators(), *first, *second]))
    found = only(diags, "NHA311")
    assert [d.node for d in found] == ["crm-01", "crm-02", "crm-03"]
    d = found[0]
    assert d.location == db_loc("crm-01", 1)
    assert d.related == (db_loc("shop-01", 1),)
    assert d.key == "ha.cluster_name"
    assert "through the znode /neo4j.ha" in d.message
    assert "StoreId in database doesn't match that of the ZK cluster" in d.message
    assert "shop-01, shop-02, shop-03" in d.message
    assert "NHA301" not in codes(diags)


def test_nha311_not_for_different_names_or_ensembles() -> None:
    first = manual_databases(coordinators="neo4j-manager-01:2180", prefix="shop-0")
    second = manual_databases(
        coordinators="neo4j-manager-02:2180", prefix="crm-0", **{"ha.cluster_name": "crm"}
    )
    assert "NHA311" not in codes(run(Tree(nodes=[*manual_coordinators(), *first, *second])))
    other = [make_node("zk-x", coord=coord_cfg(["zk-x:2888:3888"]), myid=1)]
    third = manual_databases(coordinators="zk-x:2181", prefix="x-0")
    assert "NHA311" not in codes(
        run(Tree(nodes=[*manual_coordinators(), *other, *manual_databases(), *third]))
    )


# --- scale ------------------------------------------------------------------------------------


def test_ten_thousand_nodes_checked_without_pairwise_output() -> None:
    # 10,000 database nodes on one host with one default web port each: every node but the
    # first clashes, and each finding names one related site, not all 9,999 others.
    nodes: list[Node] = [
        make_node(f"d{i}", server=server_props(mode="single"), database={"ha.server": "h:6001"})
        for i in range(2)
    ]
    template = nodes[1]
    for i in range(2, 10_000):
        clone = Node(name=f"d{i}", path=template.path, display=f"d{i}", layout="home")
        clone.files = template.files
        clone.server = template.server
        clone.database = template.database
        nodes.append(clone)
    diags = run(Tree(nodes=nodes))
    assert codes(diags) == ["NHA309"] * 9_999
    assert all(len(d.related) == 1 for d in diags)
