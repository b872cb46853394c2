"""Tests for host identity, ensembles, HA clusters and their links (SPEC §3)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neoha_config import topology
from neoha_config.context import CheckContext
from neoha_config.hosts import LOOPBACK, host_key
from neoha_config.layout import load_node, node_from_files
from neoha_config.tree import FileRole, Node, Tree

# --- building trees ---------------------------------------------------------------------------


def props(items: Mapping[str, object]) -> str:
    """A properties file text from a mapping (values written as they are)."""
    return "".join(f"{k}={v}\n" for k, v in items.items())


def make_node(
    name: str,
    *,
    server: str | Mapping[str, object] | None = None,
    database: str | Mapping[str, object] | None = None,
    coord: str | Mapping[str, object] | None = None,
    myid: str | int | None = None,
) -> Node:
    """A home node as the loader builds it from these files (``layout.node_from_files``):
    documents, models with locations, value issues, ``myid``.

    Mappings are written as properties files; display paths are ``<name>/conf/...`` so tests
    can assert exact locations.
    """
    files: dict[FileRole, str] = {}
    for role, value in (
        (FileRole.SERVER, server),
        (FileRole.DATABASE, database),
        (FileRole.COORD, coord),
    ):
        if value is not None:
            files[role] = value if isinstance(value, str) else props(value)
    if myid is not None:
        files[FileRole.MYID] = f"{myid}\n"
    return node_from_files(name, files)


def coord_cfg(
    servers: Iterable[str], client_port: int = 2181, **extra: object
) -> dict[str, object]:
    """A coord.cfg mapping: timing, dataDir, clientPort, then ``server.1..N``."""
    out: dict[str, object] = {
        "tickTime": 2000,
        "initLimit": 10,
        "syncLimit": 5,
        "dataDir": "data/coordinator/",
        "clientPort": client_port,
    }
    out.update(extra)
    for i, line in enumerate(servers, start=1):
        out[f"server.{i}"] = line
    return out


def db_props(
    server_id: int, coordinators: str, ha_server: str, **extra: object
) -> dict[str, object]:
    """A neo4j.properties mapping for an HA node."""
    out: dict[str, object] = {
        "ha.server_id": server_id,
        "ha.coordinators": coordinators,
        "ha.server": ha_server,
    }
    out.update(extra)
    return out


def server_props(mode: str | None = "HA", **extra: object) -> dict[str, object]:
    """A neo4j-server.properties mapping."""
    out: dict[str, object] = {"org.neo4j.server.db.tuning.properties": "conf/neo4j.properties"}
    if mode is not None:
        out["org.neo4j.server.database.mode"] = mode
    out.update({f"org.neo4j.server.{k.replace('_', '.')}": v for k, v in extra.items()})
    return out


MANAGERS = ("neo4j-manager-01", "neo4j-manager-02", "neo4j-manager-03")
MANUAL_LIST = ",".join(f"{m}:2180" for m in MANAGERS)


def manual_coordinators(**extra: object) -> list[Node]:
    """The 1.x manual's three coordinators on neo4j-manager-01..03, clientPort 2180."""
    lines = [f"{m}:2888:3888" for m in MANAGERS]
    return [
        make_node(m, coord=coord_cfg(lines, client_port=2180, **extra), myid=i)
        for i, m in enumerate(MANAGERS, start=1)
    ]


def manual_databases(
    coordinators: str = MANUAL_LIST, prefix: str = "neo4j-0", **extra: object
) -> list[Node]:
    """The manual's three database nodes neo4j-01..03, each on its own host."""
    return [
        make_node(
            f"{prefix}{i}",
            server=server_props(),
            database=db_props(i, coordinators, f"{prefix}{i}:6001", **extra),
        )
        for i in (1, 2, 3)
    ]


def manual_tree() -> Tree:
    """Three coordinators and three database nodes, consistent."""
    return Tree(nodes=[*manual_coordinators(), *manual_databases()])


def tutorial_tree(**coord_extra: object) -> Tree:
    """The single-machine tutorial: three homes, each a coordinator and a database node."""
    lines = ["localhost:2888:3888", "localhost:2889:3889", "localhost:2890:3890"]
    conn = "localhost:2181,localhost:2182,localhost:2183"
    nodes = [
        make_node(
            f"ha{i}",
            server=server_props(webserver_port=7473 + i),
            database=db_props(i, conn, f"localhost:{6000 + i}"),
            coord=coord_cfg(lines, client_port=2180 + i, **coord_extra),
            myid=i,
        )
        for i in (1, 2, 3)
    ]
    return Tree(nodes=nodes)


def names(nodes: Iterable[Node]) -> list[str]:
    return [n.name for n in nodes]


# --- host identity ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("localhost", LOOPBACK),
        ("LOCALHOST", LOOPBACK),
        ("localhost.", LOOPBACK),
        ("127.0.0.1", LOOPBACK),
        ("127.1.2.3", LOOPBACK),
        ("127.255.255.254", LOOPBACK),
        ("::1", LOOPBACK),
        ("[::1]", LOOPBACK),
        ("0:0:0:0:0:0:0:1", LOOPBACK),
        ("::ffff:127.0.0.1", LOOPBACK),
        ("Neo4j-01.Example.COM", "neo4j-01.example.com"),
        ("neo4j-01.example.com.", "neo4j-01.example.com"),
        ("10.0.0.1", "10.0.0.1"),
        ("128.0.0.1", "128.0.0.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
        ("localhost-2", "localhost-2"),
        ("mylocalhost", "mylocalhost"),
    ],
)
def test_host_key(host: str, key: str) -> None:
    assert host_key(host) == key


def test_coordinator_host_comes_from_its_own_line() -> None:
    node = make_node("zk2", coord=coord_cfg(["a:2888:3888", "B.example:2888:3888"]), myid=2)
    assert topology.coordinator_host(node) == "b.example"
    assert topology.client_endpoint(node) == ("b.example", 2181)


@pytest.mark.parametrize(
    ("myid", "servers"),
    [
        (None, ["a:2888:3888"]),  # no myid
        (7, ["a:2888:3888"]),  # myid names no line
        ("x", ["a:2888:3888"]),  # unreadable myid
        (1, []),  # standalone, no server lines
    ],
)
def test_coordinator_host_unknown(myid: int | str | None, servers: list[str]) -> None:
    node = make_node("zk", coord=coord_cfg(servers), myid=myid)
    assert topology.coordinator_host(node) is None
    assert topology.client_endpoint(node) is None


def test_client_port_from_a_modern_server_line() -> None:
    cfg = coord_cfg(["a:2888:3888;2191"])
    del cfg["clientPort"]
    node = make_node("zk", coord=cfg, myid=1)
    assert topology.client_endpoint(node) == ("a", 2191)


def test_cluster_name_keeps_a_rejected_value_as_written() -> None:
    node = make_node("db", database={"ha.cluster_name": "my cluster"})
    assert node.database is not None
    assert node.database.cluster_name is None
    assert topology.cluster_name(node) == "my cluster"
    assert topology.cluster_name(make_node("db2", database={})) == "neo4j.ha"


def test_coordinator_entries_survive_one_bad_entry() -> None:
    node = make_node("db", database={"ha.coordinators": "a:2181, b:2181,c:2181"})
    assert node.database is not None
    assert node.database.coordinators is None
    assert [str(e) for e in topology.coordinator_entries(node)] == ["a:2181", "c:2181"]
    old = make_node("db", database={"ha.zoo_keeper_servers": "a:2181"})
    assert topology.coordinator_key(old) == "ha.zoo_keeper_servers"
    assert [str(e) for e in topology.coordinator_entries(old)] == ["a:2181"]


# --- grouping ---------------------------------------------------------------------------------


def test_manual_topology() -> None:
    tree = manual_tree()
    topo = topology.build(tree)
    assert len(topo.ensembles) == 1
    (ens,) = topo.ensembles
    assert names(ens.coordinators) == list(MANAGERS)
    assert ens.label == (
        "ensemble neo4j-manager-01:2888,neo4j-manager-02:2888,neo4j-manager-03:2888"
    )
    assert set(ens.client_endpoints) == {(m, 2180) for m in MANAGERS}
    (cluster,) = topo.clusters
    assert cluster.name == "neo4j.ha"
    assert cluster.label == "cluster neo4j.ha (3 nodes)"
    assert names(cluster.nodes) == ["neo4j-01", "neo4j-02", "neo4j-03"]
    assert cluster.ensemble is ens
    assert topo.cluster_of[id(tree.nodes[3])] is cluster
    assert topo.ensemble_of[id(tree.nodes[0])] is ens


def test_tutorial_topology_on_one_host() -> None:
    topo = topology.build(tutorial_tree())
    (ens,) = topo.ensembles
    assert set(ens.client_endpoints) == {(LOOPBACK, 2181), (LOOPBACK, 2182), (LOOPBACK, 2183)}
    (cluster,) = topo.clusters
    assert names(cluster.nodes) == ["ha1", "ha2", "ha3"]
    assert cluster.ensemble is ens


def test_spellings_of_one_host_join_one_ensemble_and_cluster() -> None:
    zk1 = make_node("zk1", coord=coord_cfg(["localhost:2888:3888", "h2:2888:3888"]), myid=1)
    zk2 = make_node("zk2", coord=coord_cfg(["127.0.0.1:2888:3888", "H2.:2888:3888"]), myid=2)
    db1 = make_node("db1", database=db_props(1, "LOCALHOST:2181", "db1:6001"))
    db2 = make_node("db2", database=db_props(2, "127.0.0.1:2181,h2:2181", "db2:6001"))
    topo = topology.build(Tree(nodes=[zk1, zk2, db1, db2]))
    assert [names(e.coordinators) for e in topo.ensembles] == [["zk1", "zk2"]]
    assert [names(c.nodes) for c in topo.clusters] == [["db1", "db2"]]


def test_ensembles_join_through_a_chain_of_shared_endpoints() -> None:
    a = make_node("a", coord=coord_cfg(["h1:2888:3888", "h2:2888:3888"]), myid=1)
    b = make_node("b", coord=coord_cfg(["x:1:2", "h2:2888:3888", "h3:2888:3888"]), myid=2)
    c = make_node("c", coord=coord_cfg(["h3:2888:3888"]), myid=1)
    d = make_node("d", coord=coord_cfg(["h4:2888:3888"]), myid=1)
    e = make_node("e", coord=coord_cfg([]))
    topo = topology.build(Tree(nodes=[a, d, b, e, c]))
    assert [names(x.coordinators) for x in topo.ensembles] == [["a", "b", "c"], ["d"], ["e"]]
    assert topo.ensembles[2].label == "ensemble e"


def test_ensemble_label_is_short() -> None:
    lines = [f"h{i}:2888:3888" for i in range(1, 6)]
    node = make_node("zk", coord=coord_cfg(lines), myid=1)
    (ens,) = topology.build(Tree(nodes=[node])).ensembles
    assert ens.label == "ensemble h1:2888,h2:2888,h3:2888,..."


def test_quorum_ports_join_but_client_ports_do_not() -> None:
    # Same host, same clientPort, different quorum ports: two ensembles.
    a = make_node("a", coord=coord_cfg(["h:2888:3888"]), myid=1)
    b = make_node("b", coord=coord_cfg(["h:2889:3889"]), myid=1)
    topo = topology.build(Tree(nodes=[a, b]))
    assert len(topo.ensembles) == 2


def test_two_clusters_on_one_ensemble_by_name() -> None:
    shop = manual_databases(prefix="shop-0", **{"ha.cluster_name": "shop"})
    crm = manual_databases(prefix="crm-0", **{"ha.cluster_name": "crm"})
    tree = Tree(nodes=[*manual_coordinators(), *shop, *crm])
    topo = topology.build(tree)
    assert [(c.name, names(c.nodes)) for c in topo.clusters] == [
        ("shop", ["shop-01", "shop-02", "shop-03"]),
        ("crm", ["crm-01", "crm-02", "crm-03"]),
    ]
    assert topo.clusters[0].ensemble is topo.clusters[1].ensemble is topo.ensembles[0]
    assert topo.clusters[0].label == "cluster shop (3 nodes)"


def test_disjoint_trees_with_the_default_name_stay_apart() -> None:
    a = manual_databases(coordinators="zk-a1:2181,zk-a2:2181", prefix="a")
    b = manual_databases(coordinators="zk-b1:2181", prefix="b")
    topo = topology.build(Tree(nodes=[*a, *b]))
    assert [names(c.nodes) for c in topo.clusters] == [["a1", "a2", "a3"], ["b1", "b2", "b3"]]
    assert all(c.ensemble is None for c in topo.clusters)


def test_clusters_join_through_a_chain_of_list_entries() -> None:
    d1 = make_node("d1", database=db_props(1, "a:2181", "d1:6001"))
    d2 = make_node("d2", database=db_props(2, "a:2181,b:2181", "d2:6001"))
    d3 = make_node("d3", database=db_props(3, "b:2181", "d3:6001"))
    other = make_node("o", database=db_props(4, "c:2181", "o:6001"))
    topo = topology.build(Tree(nodes=[d1, other, d3, d2]))
    assert [names(c.nodes) for c in topo.clusters] == [["d1", "d3", "d2"], ["o"]]


def test_node_without_a_list_is_a_cluster_of_its_own() -> None:
    lonely = make_node("lonely", server=server_props(mode="single"))
    also = make_node("also", server=server_props(mode="single"))
    zk = make_node("zk", coord=coord_cfg(["zk:2888:3888"]), myid=1)
    topo = topology.build(Tree(nodes=[lonely, zk, also]))
    assert [names(c.nodes) for c in topo.clusters] == [["lonely"], ["also"]]
    assert topo.clusters[0].label == "cluster neo4j.ha (1 node)"
    assert [names(e.coordinators) for e in topo.ensembles] == [["zk"]]


def test_cluster_links_to_the_ensemble_it_hits_most() -> None:
    zk_a = make_node("zka", coord=coord_cfg(["a:2888:3888"]), myid=1)
    zk_b1 = make_node("zkb1", coord=coord_cfg(["b1:2888:3888", "b2:2888:3888"]), myid=1)
    zk_b2 = make_node("zkb2", coord=coord_cfg(["b1:2888:3888", "b2:2888:3888"]), myid=2)
    db = make_node("db", database=db_props(1, "a:2181,b1:2181,b2:2181", "db:6001"))
    topo = topology.build(Tree(nodes=[zk_a, zk_b1, zk_b2, db]))
    assert topo.clusters[0].ensemble is topo.ensembles[1]


def test_cluster_links_through_quorum_ports_when_no_client_port_matches() -> None:
    coords = manual_coordinators()
    dbs = manual_databases(coordinators=",".join(f"{m}:2888" for m in MANAGERS))
    topo = topology.build(Tree(nodes=[*coords, *dbs]))
    assert topo.clusters[0].ensemble is topo.ensembles[0]


def test_no_link_without_coordinators_in_the_tree() -> None:
    topo = topology.build(Tree(nodes=manual_databases()))
    assert topo.ensembles == []
    assert topo.clusters[0].ensemble is None


def test_unreadable_coord_file_joins_nothing(tmp_path: Path) -> None:
    conf = tmp_path / "zk" / "conf"
    conf.mkdir(parents=True)
    (conf / "coord.cfg").write_bytes(b"#" * (1 << 20) + b"\nserver.1=zk:2888:3888\n")
    node = load_node(tmp_path / "zk", name="zk", layout="home", cwd=tmp_path)
    assert node.files[FileRole.COORD].error is not None  # larger than 1 MiB: not read
    assert node.coord is None
    topo = topology.build(Tree(nodes=[node]))
    assert topo.ensembles == []
    assert topo.clusters == []


def test_context_builds_the_topology_once_and_a_new_check_sees_replaced_models() -> None:
    tree = manual_tree()
    ctx = CheckContext(tree)
    first = ctx.topology
    assert ctx.topology is first
    assert topology.build(tree) is not first  # no cache outside a check context
    # A reloaded node (new model object) is seen by the next check.
    tree.nodes[3].database = make_node("x", database=db_props(1, "elsewhere:2181", "x:1")).database
    assert len(ctx.topology.clusters) == 1
    assert len(CheckContext(tree).topology.clusters) == 2


# --- scale ------------------------------------------------------------------------------------


def _generated_tree(clusters: int) -> Tree:
    """``clusters`` x (3 coordinators + 7 database nodes), loaded from their files."""
    nodes: list[Node] = []
    for c in range(clusters):
        hosts = [f"zk{c}-{i}" for i in range(3)]
        cfg = coord_cfg([f"{h}:2888:3888" for h in hosts])
        for i in range(3):
            nodes.append(make_node(f"zk{c}-{i}", coord=cfg, myid=i + 1))
        conn = ",".join(f"{h}:2181" for h in hosts)
        for i in range(7):
            db = db_props(i, conn, f"db{c}-{i}:6001")
            nodes.append(make_node(f"db{c}-{i}", database=db))
    random.Random(7).shuffle(nodes)
    return Tree(nodes=nodes)


def test_ten_thousand_nodes_group_with_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = _generated_tree(1000)
    assert len(tree.nodes) == 10_000
    calls = 0
    real = topology.host_key  # type: ignore[attr-defined]  # topology's own binding, counted

    def counting(host: str) -> str:
        nonlocal calls
        calls += 1
        return real(host)

    monkeypatch.setattr(topology, "host_key", counting)
    topo = topology.build(tree)
    assert len(topo.ensembles) == 1000
    assert len(topo.clusters) == 1000
    for cluster in topo.clusters:
        assert len(cluster.nodes) == 7
        assert cluster.ensemble is not None
        prefix = cluster.nodes[0].name.split("-")[0][2:]
        assert {n.name.split("-")[0][2:] for n in cluster.nodes} == {prefix}
        assert {n.name.split("-")[0][2:] for n in cluster.ensemble.coordinators} == {prefix}
    # Work is proportional to the number of server lines and list entries (3 per node here),
    # never to pairs of nodes: 10,000 nodes with 3 entries each need ~10^5 host lookups, a
    # pairwise comparison would need ~10^8.
    assert calls <= 20 * len(tree.nodes)


# --- invariants -------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["x", "y"]), st.sets(st.sampled_from("abcdef"), max_size=3)),
        min_size=1,
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_grouping_is_a_partition_independent_of_order(
    specs: list[tuple[str, set[str]]], rnd: random.Random
) -> None:
    def make(i: int, name: str, hosts: set[str]) -> Node:
        db: dict[str, object] = {"ha.cluster_name": name}
        if hosts:
            db["ha.coordinators"] = ",".join(f"{h}:2181" for h in sorted(hosts))
        return make_node(f"n{i}", database=db)

    nodes = [make(i, name, hosts) for i, (name, hosts) in enumerate(specs)]
    shuffled = list(nodes)
    rnd.shuffle(shuffled)

    def partition(tree_nodes: list[Node]) -> set[frozenset[str]]:
        return {frozenset(names(c.nodes)) for c in topology.build(Tree(nodes=tree_nodes)).clusters}

    groups = partition(nodes)
    assert groups == partition(shuffled)
    assert sorted(n for g in groups for n in g) == sorted(names(nodes))
    # Two nodes share a group exactly when a chain of (same name, shared entry) links them.
    for i, (name_i, hosts_i) in enumerate(specs):
        for j, (name_j, hosts_j) in enumerate(specs):
            if name_i == name_j and hosts_i & hosts_j:
                assert any({f"n{i}", f"n{j}"} <= g for g in groups)
            if name_i != name_j:
                assert not any({f"n{i}", f"n{j}"} <= g for g in groups)


@pytest.mark.parametrize(
    ("address", "wildcard"),
    [
        ("0.0.0.0", True),
        ("::", True),
        ("[::]", True),
        ("0:0:0:0:0:0:0:0", True),
        ("*", True),
        (" 0.0.0.0 ", True),
        ("127.0.0.1", False),
        ("db1", False),
        ("", False),
    ],
)
def test_is_wildcard_knows_every_spelling(address: str, wildcard: bool) -> None:
    from neoha_config.hosts import is_wildcard

    assert is_wildcard(address) is wildcard
