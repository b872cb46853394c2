"""Tests of day 2: the cluster description, import, plan, apply, day-2 changes, the 1.9 upgrade."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.check import CheckOptions, check_paths
from neoha_config.cli import main
from neoha_config.config import Settings
from neoha_config.errors import NeohaConfigError
from neoha_config.profile import Profile
from neoha_config.properties import parse
from neoha_config.provision import day2, plan, write_plan
from neoha_config.provision import description as desc
from neoha_config.provision.applying import ApplyRefused, apply
from neoha_config.provision.changes import plan_changes
from neoha_config.provision.description import Description
from neoha_config.provision.importer import import_tree
from neoha_config.provision.tomlwrite import dumps as toml_dumps
from tests.jvm import unavailable

ROOT = Path(__file__).resolve().parents[1]
REAL_WORLD = ROOT.parent / "shared" / "real-world"
REAL_TREES = (
    "stock-1.3-enterprise",
    "stock-1.5-enterprise",
    "stock-1.6-enterprise",
    "stock-1.7-enterprise",
    "stock-1.8-community-chef",
    "stock-1.9-enterprise",
    "manual-1.5-ha-setup-tutorial",
    "manual-1.9-ha-setup-tutorial-production",
)


# --- test tools ------------------------------------------------------------------------------


def real_tree(name: str, tmp_path: Path) -> Path:
    """A copy of the real-world tree ``name`` under ``tmp_path``; skips (or fails under
    ``NEOHA_REQUIRE_REAL=1``) when the real-world trees are absent."""
    source = REAL_WORLD / name
    if not source.is_dir():
        unavailable(f"the real-world tree {name} is not at {source}")
    target = tmp_path / name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("PROVENANCE.json"))
    return target


def generated_tree(tmp_path: Path, dbs: list[str], coords: list[str], profile: str = "3.3") -> Path:
    """A tree written by ``init``'s planner."""
    root = tmp_path / "gen"
    write_plan(plan(dbs, coords, profile=profile, allow_poor_fault_tolerance=True), root)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def line_changes(before: dict[str, bytes], after: dict[str, bytes]) -> set[tuple[str, str, str]]:
    """Every line removed (``-``) or added (``+``) per file, as (path, sign, line); a whole
    file created or deleted counts all its lines."""
    out: set[tuple[str, str, str]] = set()
    for path in sorted(set(before) | set(after)):
        old = before.get(path, b"").decode("latin-1").splitlines()
        new = after.get(path, b"").decode("latin-1").splitlines()
        for line in difflib.ndiff(old, new):
            if line[:2] in {"- ", "+ "}:
                out.add((path, line[0], line[2:]))
    return out


def findings(root: Path, profile: str = "3.3") -> list[tuple[str, str, str]]:
    """(code, path, key) of every error and warning ``check`` reports on ``root``."""
    options = CheckOptions(settings=Settings(zookeeper=Profile(profile)), cwd=root)
    return sorted(
        (d.code, d.location.path, d.key or "")
        for d in check_paths([root], options).diagnostics
        if d.severity.value in {"error", "warning"}
    )


def apply_and_verify(
    description: Description, root: Path, *, prune: bool = True, force: bool = False
) -> set[tuple[str, str, str]]:
    """Plan, apply, then assert a second plan finds nothing; returns the changed lines."""
    before = snapshot(root)
    changes = plan_changes(description, root)
    apply(changes, prune=prune, force=force)
    again = plan_changes(description, root)
    assert not again, again.diff()
    return line_changes(before, snapshot(root))


# --- the description --------------------------------------------------------------------------


GOOD = """\
[[cluster]]
name = "prod"
release = "1.8"

[[cluster.database]]
name = "db1"
host = "db1.example"
id = 1
ha_port = 6001
web_port = 7474

[cluster.database.neo4j]
"ha.pull_interval" = "10s"

[[cluster.coordinator]]
name = "zk1"
host = "zk1.example"
id = 1
client_port = 2181
quorum_port = 2888
election_port = 3888
"""


def test_a_description_round_trips_through_toml() -> None:
    described = desc.loads(GOOD)
    assert described.clusters[0].database("db1").web_port == 7474
    text = desc.dumps(described)
    assert desc.loads(text) == described
    assert desc.dumps(desc.loads(text)) == text
    assert 'release = "1.8"' in text
    assert 'zookeeper = "3.3"' in text


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (("web_port = 7474", "web_port = 70000"), 10, "web_port: Input should be less than"),
        (("web_port = 7474", 'web_port = "7474"'), 10, "valid integer"),
        (('"ha.pull_interval" = "10s"', '"ha.pull_interval" = 10'), 13, "valid string"),
        (("id = 1\nha_port", "id = 1\nhostt = 'x'\nha_port"), 9, "hostt: unknown field"),
        (('release = "1.8"', 'release = "2.0"'), 3, "release"),
        (('host = "zk1.example"', 'host = "zk 1"'), 17, "not a valid host"),
        (('name = "zk1"', 'name = "../zk1"'), 16, "inside the tree"),
        (("client_port = 2181\n", "client_port = 2181\n[x\n"), 20, "not valid TOML"),
    ],
)
def test_each_mistake_is_reported_at_its_line(
    edit: tuple[str, str], line: int, message: str
) -> None:
    text = GOOD.replace(*edit)
    assert text != GOOD
    with pytest.raises(NeohaConfigError, match=message) as caught:
        desc.loads(text, path="c.toml")
    assert caught.value.line == line
    assert f"c.toml:{line}" in str(caught.value)


def test_every_mistake_is_reported_at_once() -> None:
    text = GOOD.replace("web_port = 7474", "web_port = 0").replace("id = 1\n", "id = -1\n", 1)
    with pytest.raises(desc.DescriptionError, match="2 mistakes") as caught:
        desc.loads(text)
    assert "database 'db1', id" in str(caught.value)
    assert len(caught.value.problems) == 2


def test_cross_field_mistakes_are_located() -> None:
    text = GOOD + '\n[[cluster.database]]\nname = "db1"\nid = 1\n'
    with pytest.raises(NeohaConfigError) as caught:
        desc.loads(text, path="c.toml")
    assert "two members of one kind are called 'db1'" in str(caught.value)
    assert "id 1 is also the id of 'db1'" in str(caught.value)
    assert caught.value.line == 24


def test_wrong_types_give_a_clear_type_error() -> None:
    with pytest.raises(TypeError, match="TOML text"):
        desc.loads(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Description"):
        plan_changes(None, ".")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Changes"):
        apply(None)  # type: ignore[arg-type]
    described = desc.loads(GOOD)
    with pytest.raises(TypeError, match="value must be a string"):
        day2.set_setting(described, "db1", "ha.pull_interval", 10)  # type: ignore[arg-type]


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=12),
        st.one_of(
            st.text(max_size=12),
            st.integers(-(2**40), 2**40),
            st.booleans(),
            st.lists(st.text(max_size=5), max_size=3),
            st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=8), max_size=3),
        ),
        max_size=5,
    )
)
@settings(max_examples=60, deadline=None)
def test_the_toml_writer_round_trips(data: dict[str, Any]) -> None:
    assert tomllib.loads(toml_dumps({"t": [data]})) == {"t": [data]}


# --- import, then plan: nothing -------------------------------------------------------------


@pytest.mark.parametrize("name", REAL_TREES)
def test_importing_a_real_tree_then_planning_changes_nothing(name: str, tmp_path: Path) -> None:
    root = real_tree(name, tmp_path)
    described = desc.loads(desc.dumps(import_tree(root)))
    changes = plan_changes(described, root)
    assert not changes, changes.diff()
    assert changes.diff() == "No changes.\n"


@pytest.mark.parametrize("profile", ["3.3", "3.8"])
def test_importing_a_generated_tree_then_planning_changes_nothing(
    profile: str, tmp_path: Path
) -> None:
    root = generated_tree(tmp_path, ["localhost"] * 3, ["localhost"] * 3, profile)
    described = import_tree(root, zookeeper=profile)  # type: ignore[arg-type]
    assert not plan_changes(described, root)
    cluster = described.clusters[0]
    assert [d.id for d in cluster.databases] == [1, 2, 3]
    assert [c.client_port for c in cluster.coordinators] == [2181, 2182, 2183]
    assert all(not d.neo4j.get("ha.coordinators") for d in cluster.databases)  # derived, not pinned


def test_import_keeps_an_odd_value_as_the_members_own(tmp_path: Path) -> None:
    root = generated_tree(tmp_path, ["db1.example"], ["zk1.example", "zk2.example", "zk3.example"])
    path = root / "db1/conf/neo4j.properties"
    text = path.read_text().replace("zk1.example:2181,", "")
    path.write_text(text)
    described = import_tree(root)
    assert "zk2.example:2181" in described.clusters[0].database("db1").neo4j["ha.coordinators"]
    assert not plan_changes(described, root)


# --- day-2 changes on generated trees ---------------------------------------------------------


@pytest.fixture
def five(tmp_path: Path) -> tuple[Description, Path]:
    """A clean 1.8 cluster of three databases and three coordinators, described."""
    root = generated_tree(
        tmp_path,
        ["db1.example", "db2.example", "db3.example"],
        ["zk1.example", "zk2.example", "zk3.example"],
    )
    return import_tree(root), root


@pytest.mark.parametrize("add", [day2.add_database, day2.add_coordinator])
def test_a_refused_member_leaves_the_description_as_it_was(
    five: tuple[Description, Path], add: Any
) -> None:
    described, _ = five
    before = desc.dumps(described)
    with pytest.raises(NeohaConfigError, match="not a valid host"):
        add(described, "new", "bad host")
    assert desc.dumps(described) == before


def test_adding_a_database_touches_only_its_own_files(five: tuple[Description, Path]) -> None:
    described, root = five
    member = day2.add_database(described, "db4", "db4.example")
    assert (member.id, member.ha_port, member.web_port) == (4, 6001, 7474)
    changed = apply_and_verify(described, root)
    assert {path for path, _, _ in changed} == {
        "db4/conf/neo4j-server.properties",
        "db4/conf/neo4j.properties",
    }
    assert ("db4/conf/neo4j.properties", "+", "ha.server_id=4") in changed
    assert findings(root) == []


def test_removing_a_middle_database_renumbers_no_one(five: tuple[Description, Path]) -> None:
    described, root = five
    day2.remove_database(described, "db2")
    changes = plan_changes(described, root)
    assert [(r.path, r.kind) for r in changes.removals] == [("db2", "home")]
    assert not changes.files
    apply(changes)  # without prune the home stays
    assert (root / "db2").is_dir()
    changed = apply_and_verify(described, root, prune=True)
    assert not (root / "db2").exists()
    assert {path for path, _, _ in changed} == {
        "db2/conf/neo4j-server.properties",
        "db2/conf/neo4j.properties",
    }
    db3 = parse((root / "db3/conf/neo4j.properties").read_bytes()).to_dict()
    assert (db3["ha.server_id"], db3["ha.server"]) == ("3", "db3.example:6001")
    assert findings(root) == []


def test_adding_coordinators_extends_every_list_and_block(five: tuple[Description, Path]) -> None:
    described, root = five
    day2.add_coordinator(described, "coord4", "zk4.example")
    day2.add_coordinator(described, "coord5", "zk5.example")
    changed = apply_and_verify(described, root)
    endpoints = ",".join(f"zk{i}.example:2181" for i in range(1, 6))
    for db in ("db1", "db2", "db3"):
        path = f"{db}/conf/neo4j.properties"
        old = f"ha.coordinators={','.join(f'zk{i}.example:2181' for i in range(1, 4))}"
        assert {c for c in changed if c[0] == path} == {
            (path, "-", old),
            (path, "+", f"ha.coordinators={endpoints}"),
        }
    for coord in ("coord1", "coord2", "coord3"):
        path = f"{coord}/conf/coord.cfg"
        assert {c for c in changed if c[0] == path} == {
            (path, "+", "server.4=zk4.example:2888:3888"),
            (path, "+", "server.5=zk5.example:2888:3888"),
        }
    assert (root / "coord5/data/coordinator/myid").read_text() == "5\n"
    assert findings(root) == []


def test_removing_a_coordinator_keeps_the_others_ids(tmp_path: Path) -> None:
    root = generated_tree(tmp_path, ["db1.example"], [f"zk{i}.example" for i in range(1, 6)])
    described = import_tree(root)
    day2.remove_coordinator(described, "coord3")
    day2.remove_coordinator(described, "coord5")
    changed = apply_and_verify(described, root)
    assert {c for c in changed if c[0] == "coord4/conf/coord.cfg"} == {
        ("coord4/conf/coord.cfg", "-", "server.3=zk3.example:2888:3888"),
        ("coord4/conf/coord.cfg", "-", "server.5=zk5.example:2888:3888"),
    }
    assert (root / "coord4/data/coordinator/myid").read_text() == "4\n"
    assert not (root / "coord3").exists()
    assert findings(root) == []


def test_replacing_a_coordinators_host_changes_only_its_line_and_endpoint(
    five: tuple[Description, Path],
) -> None:
    described, root = five
    day2.replace_coordinator_host(described, "coord2", "zk9.example")
    changed = apply_and_verify(described, root)
    for coord in ("coord1", "coord2", "coord3"):
        path = f"{coord}/conf/coord.cfg"
        assert {c for c in changed if c[0] == path} == {
            (path, "-", "server.2=zk2.example:2888:3888"),
            (path, "+", "server.2=zk9.example:2888:3888"),
        }
    assert all(
        "zk9.example:2181"
        in parse((root / f"db{i}/conf/neo4j.properties").read_bytes()).to_dict()["ha.coordinators"]
        for i in (1, 2, 3)
    )
    assert findings(root) == []


def test_setting_and_unsetting_a_members_setting(five: tuple[Description, Path]) -> None:
    described, root = five
    day2.set_setting(described, "db2", "org.neo4j.server.webserver.port", "8080")
    day2.set_setting(described, "db2", "ha.read_timeout", "20")
    changed = apply_and_verify(described, root)
    server = "db2/conf/neo4j-server.properties"
    assert changed == {
        (server, "-", "org.neo4j.server.webserver.port=7474"),
        (server, "+", "org.neo4j.server.webserver.port=8080"),
        ("db2/conf/neo4j.properties", "+", "ha.read_timeout=20"),
    }
    # A re-plan keeps the hand-set port: it is the member's now.
    assert described.clusters[0].database("db2").web_port == 8080
    day2.unset_setting(described, "db2", "ha.read_timeout")
    changed = apply_and_verify(described, root)
    assert changed == {("db2/conf/neo4j.properties", "-", "ha.read_timeout=20")}
    assert findings(root) == []


def test_a_derived_key_cannot_be_set_and_the_error_says_where_it_comes_from(
    five: tuple[Description, Path],
) -> None:
    described, _ = five
    with pytest.raises(NeohaConfigError, match="host and ha_port"):
        day2.set_setting(described, "db1", "ha.server", "db1.example:7000")
    with pytest.raises(NeohaConfigError, match="blanks around it"):
        day2.set_setting(described, "db1", "ha.read_timeout", "20 ")


LEGACY_TEXT = """\
# The id of this instance in the cluster.
ha.machine_id = 1
# Where the coordinators listen.
ha.zoo_keeper_servers = zk1.example:2181,zk2.example:2181,zk3.example:2181
ha.server = db1.example:6001
"""


def test_renaming_legacy_keys_keeps_their_lines_and_comments(
    five: tuple[Description, Path],
) -> None:
    _, root = five
    for i in (1, 2, 3):
        path = root / f"db{i}/conf/neo4j.properties"
        path.write_text(
            LEGACY_TEXT.replace("= 1", f"= {i}").replace("db1.example", f"db{i}.example")
            + "ha.cluster_name=neo4j.ha\nha.pull_interval=10s\n"
        )
    described = import_tree(root)
    assert described.clusters[0].database("db1").legacy_keys == [
        "ha.machine_id",
        "ha.zoo_keeper_servers",
    ]
    assert not plan_changes(described, root)
    assert day2.rename_legacy_keys(described) == ["db1", "db2", "db3"]
    changes = plan_changes(described, root)
    assert "> ha.machine_id -> ha.server_id (renamed in place)" in changes.diff()
    apply(changes)
    lines = (root / "db1/conf/neo4j.properties").read_text().splitlines()
    assert lines[:4] == [
        "# The id of this instance in the cluster.",
        "ha.server_id = 1",
        "# Where the coordinators listen.",
        "ha.coordinators = zk1.example:2181,zk2.example:2181,zk3.example:2181",
    ]
    assert not plan_changes(described, root)
    assert findings(root) == []


def test_a_refused_apply_writes_nothing_and_force_writes(five: tuple[Description, Path]) -> None:
    described, root = five
    day2.set_setting(described, "db1", "ha.pull_interval", "soon")
    before = snapshot(root)
    changes = plan_changes(described, root)
    with pytest.raises(ApplyRefused, match="NHA111") as caught:
        apply(changes)
    assert caught.value.findings
    assert snapshot(root) == before
    apply(changes, force=True)
    assert "ha.pull_interval=soon" in (root / "db1/conf/neo4j.properties").read_text()


def test_apply_refuses_a_plan_the_tree_has_moved_past(five: tuple[Description, Path]) -> None:
    described, root = five
    day2.set_setting(described, "db1", "ha.read_timeout", "20")
    changes = plan_changes(described, root)
    (root / "db1/conf/neo4j.properties").write_text("ha.server_id=1\n")
    with pytest.raises(NeohaConfigError, match="plan again"):
        apply(changes)


def test_a_stale_generated_header_is_refreshed_when_the_file_is_rewritten(
    five: tuple[Description, Path],
) -> None:
    described, root = five
    path = root / "db1/conf/neo4j.properties"
    old = "# Written by neoha_config: HA settings of db1 on db1.example, HA cluster neo4j.ha.\n"
    path.write_text(old + path.read_text().split("\n", 1)[1])
    assert not plan_changes(described, root)  # an unchanged file is left alone
    day2.set_setting(described, "db1", "ha.read_timeout", "20")
    apply(plan_changes(described, root))
    assert "db1.example" not in path.read_text().splitlines()[0]


# --- the upgrade to 1.9 -----------------------------------------------------------------------


def test_a_18_cluster_written_by_apply_upgrades_to_19_and_checks_clean(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    described = Description()
    for i in (1, 2, 3):
        day2.add_coordinator(described, f"coord{i}", f"zk{i}.example")
    for i in (1, 2, 3):
        day2.add_database(described, f"db{i}", f"db{i}.example")
    apply_and_verify(described, root)
    assert findings(root) == []
    retired = day2.upgrade(described)
    assert [c.name for c in retired] == ["coord1", "coord2", "coord3"]
    changes = plan_changes(described, root)
    text = changes.diff()
    assert "Upgrade the slaves first" in text
    assert "Upgrade the master last" in text
    assert "Coordinators to retire: coord1, coord2, coord3." in text
    before = snapshot(root)
    changes_json = changes.to_json()
    assert {r["path"] for r in changes_json["removals"]} == {"coord1", "coord2", "coord3"}
    apply(changes, prune=True)  # the upgraded 1.9 cluster checks clean: no --force
    assert not plan_changes(described, root)
    changed = line_changes(before, snapshot(root))
    path = "db2/conf/neo4j.properties"
    assert {c for c in changed if c[0] == path} == {
        (path, "-", "ha.coordinators=zk1.example:2181,zk2.example:2181,zk3.example:2181"),
        (path, "+", "ha.initial_hosts=db1.example:5001,db2.example:5001,db3.example:5001"),
        (path, "+", "ha.cluster_server=db2.example:5001"),
    }
    assert not (root / "coord1").exists()
    assert findings(root) == []


def test_the_19_manual_tree_gains_a_member_cleanly(tmp_path: Path) -> None:
    root = real_tree("manual-1.9-ha-setup-tutorial-production", tmp_path)
    described = import_tree(root)
    assert described.clusters[0].release == "1.9"
    before = findings(root)
    day2.add_database(described, "neo4j-04.local", "neo4j-04.local")
    changed = apply_and_verify(described, root)
    for i in (1, 2, 3):
        path = f"neo4j-0{i}.local/conf/neo4j.properties"
        assert {c[1] for c in changed if c[0] == path} == {"-", "+"}
        assert any("neo4j-04.local:5001" in c[2] for c in changed if c[0] == path)
    assert findings(root) == before


# --- day-2 changes on the 1.5 manual's tree ---------------------------------------------------

TUTORIAL = "manual-1.5-ha-setup-tutorial"
STOCK_INERT_KEY = "org.neo4j.server.webserver.http.enabled"


def _tutorial(tmp_path: Path) -> tuple[Description, Path, list[tuple[str, str, str]]]:
    root = real_tree(TUTORIAL, tmp_path)
    return import_tree(root, release="1.5"), root, findings(root)


def _no_new(root: Path, before: list[tuple[str, str, str]], profile: str = "3.3") -> None:
    after = findings(root, profile)
    assert [f for f in after if f not in before] == []


def test_tutorial_fixing_its_port_clashes_checks_clean(tmp_path: Path) -> None:
    described, root, before = _tutorial(tmp_path)
    assert "NHA309" in {f[0] for f in before}
    for i, name in enumerate(("neo4j_home1", "neo4j_home2", "neo4j_home3")):
        db = described.clusters[0].database(name)
        db.ha_port = 6001 + i
        day2.set_setting(
            described, name, "org.neo4j.server.webserver.https.port", str(7473 - i), role="database"
        )
        day2.unset_setting(described, name, "enable_online_backup", role="database")
        day2.set_setting(described, name, "ha.pull_interval", "10s", role="database")
        day2.set_setting(described, name, "ha.zk_session_timeout", "6000", role="database")
    changed = apply_and_verify(described, root)
    for c in changed:
        assert c[0].endswith(("neo4j.properties", "neo4j-server.properties")), c
        assert c[2].split("=")[0].strip() in {
            "ha.server",
            "org.neo4j.server.webserver.https.port",
            "enable_online_backup",
            "ha.pull_interval",
            "ha.zk_session_timeout",
        }, c
    # The stock 1.5 server file's inert http.enabled key is flagged today, before and after.
    assert [f for f in findings(root) if f[2] != STOCK_INERT_KEY] == []


@pytest.mark.parametrize(
    ("change", "touched", "keys"),
    [
        (
            lambda d: day2.add_database(d, "neo4j_home4", "localhost"),
            {"neo4j_home4/conf/neo4j-server.properties", "neo4j_home4/conf/neo4j.properties"},
            set(),
        ),
        (
            lambda d: day2.remove_database(d, "neo4j_home3"),
            {"neo4j_home3/conf/neo4j-server.properties", "neo4j_home3/conf/neo4j.properties"},
            set(),
        ),
        (
            lambda d: [day2.add_coordinator(d, f"zk{i}", "localhost") for i in (4, 5)],
            {f"neo4j_home{i}/conf/coord.cfg" for i in (1, 2, 3)}
            | {f"neo4j_home{i}/conf/neo4j.properties" for i in (1, 2, 3)}
            | {f"zk{i}/conf/coord.cfg" for i in (4, 5)}
            | {f"zk{i}/data/coordinator/myid" for i in (4, 5)},
            {"server.4", "server.5", "ha.coordinators"},
        ),
        (
            lambda d: day2.replace_coordinator_host(d, "neo4j_home2", "127.0.0.1"),
            {f"neo4j_home{i}/conf/coord.cfg" for i in (1, 2, 3)}
            | {f"neo4j_home{i}/conf/neo4j.properties" for i in (1, 2, 3)},
            {"server.2", "ha.coordinators"},
        ),
        (
            lambda d: day2.set_setting(
                d, "neo4j_home2", "org.neo4j.server.webserver.port", "7480", role="database"
            ),
            {"neo4j_home2/conf/neo4j-server.properties"},
            {"org.neo4j.server.webserver.port"},
        ),
    ],
    ids=["add-database", "remove-database", "add-coordinators", "replace-host", "set-setting"],
)
def test_tutorial_day2_change(
    change: Callable[[Description], object], touched: set[str], keys: set[str], tmp_path: Path
) -> None:
    described, root, before = _tutorial(tmp_path)
    old_files = snapshot(root)
    change(described)
    changed = apply_and_verify(described, root)
    assert {c[0] for c in changed} == touched
    new_files = snapshot(root)
    for path, _, line in changed:
        if path in old_files and path in new_files:  # an edited file: only the lines needed
            assert parse(line).entries[0].key in keys, (path, line)
    _no_new(root, before)


def test_tutorial_renaming_legacy_keys_in_place(tmp_path: Path) -> None:
    root = real_tree(TUTORIAL, tmp_path)
    path = root / "neo4j_home1/conf/neo4j.properties"
    text = path.read_text().replace("ha.server_id = 1", "ha.machine_id = 1")
    path.write_text(text)
    old_lines = text.splitlines()
    described = import_tree(root, release="1.5")
    before = findings(root)
    assert day2.rename_legacy_keys(described) == ["neo4j_home1"]
    changed = apply_and_verify(described, root)
    assert changed == {
        ("neo4j_home1/conf/neo4j.properties", "-", "ha.machine_id = 1"),
        ("neo4j_home1/conf/neo4j.properties", "+", "ha.server_id = 1"),
    }
    new_lines = path.read_text().splitlines()
    at = old_lines.index("ha.machine_id = 1")
    assert new_lines[at] == "ha.server_id = 1"
    assert new_lines[at - 1] == old_lines[at - 1]
    _no_new(root, [f for f in before if f[0] != "NHA114"])


def test_tutorial_upgrade_to_19(tmp_path: Path) -> None:
    described, root, _ = _tutorial(tmp_path)
    with pytest.raises(NeohaConfigError, match=r"to 1\.8 first"):
        day2.upgrade(described)
    day2.upgrade(described, "1.8")
    assert not plan_changes(described, root)  # the files do not name the release
    day2.upgrade(described)
    changes = plan_changes(described, root)
    assert {r.path for r in changes.removals} == {
        f"neo4j_home{i}/{rel}"
        for i in (1, 2, 3)
        for rel in ("conf/coord.cfg", "data/coordinator/myid")
    }
    assert "Upgrade the master last" in changes.diff()
    apply(changes, force=True, prune=True)
    assert not plan_changes(described, root)
    props = parse((root / "neo4j_home2/conf/neo4j.properties").read_bytes()).to_dict()
    assert props["ha.initial_hosts"] == "localhost:5001,localhost:5002,localhost:5003"
    assert props["ha.cluster_server"] == "localhost:5002"
    assert "ha.coordinators" not in props
    remaining = {f[0] for f in findings(root)}
    # The tutorial's own mistakes (ports shared on one host, a bare pull interval) remain, and
    # the stock server file's inert key.
    assert remaining <= {"NHA309", "NHA115", "NHA004"}
    # enable_online_backup is the 1.3-1.8 switch: NHA004 says 1.9 ignores it (the upgrade
    # does not rewrite the backup switch yet).
    assert {f[2] for f in findings(root) if f[0] == "NHA004"} <= {
        STOCK_INERT_KEY,
        "ha.initial_hosts",
        "ha.cluster_server",
        "enable_online_backup",
    }


# --- the property -----------------------------------------------------------------------------

HOSTS = st.sampled_from(["a.example", "b.example", "c.example"])


@st.composite
def day2_steps(draw: st.DrawFn) -> list[tuple[str, Any]]:
    """A random sequence of day-2 changes, as (operation, argument)."""
    steps = []
    for _ in range(draw(st.integers(1, 5))):
        op = draw(
            st.sampled_from(
                ["add_db", "remove_db", "add_two_coords", "move_coord", "set", "unset", "web"]
            )
        )
        steps.append((op, draw(st.integers(0, 10**6))))
    return steps


def _run_step(described: Description, op: str, seed: int, host: str, step: int) -> None:
    cluster = described.clusters[0]
    dbs = [d.name for d in cluster.databases]
    coords = [c.name for c in cluster.coordinators]
    if op == "add_db":
        day2.add_database(described, f"n{step}", host)
    elif op == "remove_db" and len(dbs) > 1:
        day2.remove_database(described, dbs[seed % len(dbs)])
    elif op == "add_two_coords" and len(coords) < 7:
        day2.add_coordinator(described, f"z{step}a", host)
        day2.add_coordinator(described, f"z{step}b", host)
    elif op == "move_coord":
        day2.replace_coordinator_host(described, coords[seed % len(coords)], host)
    elif op == "set":
        day2.set_setting(described, dbs[seed % len(dbs)], "ha.read_timeout", str(seed % 90 + 1))
    elif op == "unset":
        day2.unset_setting(described, dbs[seed % len(dbs)], "ha.read_timeout")
    elif op == "web":
        name = dbs[seed % len(dbs)]
        db = cluster.database(name)
        used = day2.used_ports(described, db.host or host, skip=db)
        port = next(p for p in range(8000 + seed % 50, 9000) if p not in used)
        day2.set_setting(described, name, "org.neo4j.server.webserver.port", str(port))


@given(
    dbs=st.lists(HOSTS, min_size=1, max_size=3),
    coords=st.sampled_from([1, 3]),
    steps=day2_steps(),
    hosts=st.lists(HOSTS, min_size=5, max_size=5),
)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_random_day2_sequences_apply_plan_nothing_and_check_clean(
    dbs: list[str],
    coords: int,
    steps: list[tuple[str, Any]],
    hosts: list[str],
    tmp_path_factory: Any,
) -> None:
    tmp = tmp_path_factory.mktemp("prop")
    root = generated_tree(tmp, dbs, [f"zk{i}.example" for i in range(coords)])
    described = desc.loads(desc.dumps(import_tree(root)))
    for step, ((op, seed), host) in enumerate(zip(steps, hosts, strict=False)):
        _run_step(described, op, seed, host, step)
    described = desc.loads(desc.dumps(described))
    apply(plan_changes(described, root), prune=True)
    assert not plan_changes(described, root)
    assert [f for f in findings(root) if f[0] != "NHA208"] == []


# --- the commands -----------------------------------------------------------------------------


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``main(args)`` in-process: exit code, stdout, stderr."""
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_import_plan_apply_from_the_command_line(
    five: tuple[Description, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, root = five
    toml = tmp_path / "cluster.toml"
    code, _, err = run_cli(["import", str(root), "-o", str(toml)], capsys)
    assert code == 0, err
    assert run_cli(["import", str(root), "-o", str(toml)], capsys)[0] == 2  # exists
    assert run_cli(["plan", str(toml), str(root), "--exit-code"], capsys)[:2] == (
        0,
        "No changes.\n",
    )
    text = toml.read_text().replace("web_port = 7474", "web_port = 7575", 1)
    toml.write_text(text)
    code, out, _ = run_cli(["plan", str(toml), str(root), "--exit-code"], capsys)
    assert code == 1
    assert "~ org.neo4j.server.webserver.port: 7474 -> 7575" in out
    code, out, _ = run_cli(["plan", str(toml), str(root), "--format", "json"], capsys)
    report = json.loads(out)
    assert code == 0
    assert report["changed"] is True
    assert report["files"][0]["changes"] == [
        {"action": "change", "key": "org.neo4j.server.webserver.port", "old": "7474", "new": "7575"}
    ]
    code, out, err = run_cli(["apply", str(toml), str(root)], capsys)
    assert code == 0, err
    assert run_cli(["plan", str(toml), str(root), "--exit-code"], capsys)[0] == 0


def test_apply_command_refuses_prunes_and_forces(
    five: tuple[Description, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    described, root = five
    day2.remove_database(described, "db3")
    day2.set_setting(described, "db1", "ha.pull_interval", "soon")
    toml = tmp_path / "cluster.toml"
    desc.dump(described, toml)
    code, _, err = run_cli(["apply", str(toml), str(root)], capsys)
    assert code == 1
    assert "NHA111" in err
    code, _, err = run_cli(["apply", str(toml), str(root), "--force"], capsys)
    assert code == 0
    assert "kept (use --prune)" in err
    assert (root / "db3").is_dir()
    code, _, _ = run_cli(["apply", str(toml), str(root), "--prune"], capsys)
    assert code == 0
    assert not (root / "db3").exists()


def test_a_broken_description_exits_2_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "cluster.toml"
    toml.write_text(GOOD.replace("web_port = 7474", "web_port = -1"))
    code, _, err = run_cli(["plan", str(toml), str(tmp_path)], capsys)
    assert code == 2
    assert f"{toml}:10: " in err
    assert "Traceback" not in err


def test_plan_runs_as_a_real_process(five: tuple[Description, Path], tmp_path: Path) -> None:
    described, root = five
    toml = tmp_path / "cluster.toml"
    desc.dump(described, toml)
    done = subprocess.run(
        [sys.executable, "-m", "neoha_config", "plan", str(toml), str(root), "--exit-code"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "No changes.\n"), done.stderr


def test_editing_the_release_to_19_plans_the_upgrade(
    five: tuple[Description, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    described, root = five
    toml = tmp_path / "cluster.toml"
    desc.dump(described, toml)
    toml.write_text(toml.read_text().replace('release = "1.8"', 'release = "1.9"'))
    code, out, _ = run_cli(["plan", str(toml), str(root)], capsys)
    assert code == 0
    assert "+ ha.initial_hosts = db1.example:5001,db2.example:5001,db3.example:5001" in out
    assert "+ ha.cluster_server = db1.example:5001" in out
    assert "- ha.coordinators = " in out
    assert "coord1 (home to delete with --prune: a coordinator" in out
    assert "Upgrade the master last" in out
    assert run_cli(["apply", str(toml), str(root), "--prune"], capsys)[0] == 0
    assert run_cli(["plan", str(toml), str(root), "--exit-code"], capsys)[0] == 0
    assert findings(root) == []


def test_init_can_write_the_description_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "cluster.toml"
    out = tmp_path / "prod"
    args = ["init", str(out), "--db-hosts", "a.example,b.example", "--coordinator-hosts"]
    code, _, err = run_cli(
        [*args, "z1.example,z2.example,z3.example", "--description", str(toml)], capsys
    )
    assert code == 0, err
    assert f"neoha-config plan {toml} {out}" in err
    described = desc.load(toml)
    assert [d.name for d in described.clusters[0].databases] == ["db1", "db2"]
    assert not plan_changes(described, out)
    code, _, err = run_cli([*args, "z1.example", "--description", str(toml)], capsys)
    assert code == 2
    assert "exists" in err


# --- no input crashes -------------------------------------------------------------------------

_VALUES = st.sampled_from(
    [
        "1",
        "0",
        "-3",
        "x",
        "",
        " 2",
        "a.example:6001",
        "localhost:2181,localhost:2182",
        "h:0",
        "7474",
    ]
)
_DB_KEYS = st.sampled_from(
    [
        "ha.server_id",
        "ha.machine_id",
        "ha.coordinators",
        "ha.zoo_keeper_servers",
        "ha.server",
        "ha.cluster_name",
        "ha.initial_hosts",
        "ha.cluster_server",
        "ha.pull_interval",
    ]
)
_COORD_KEYS = st.sampled_from(["clientPort", "server.1", "server.2", "dataDir", "tickTime"])


@given(
    homes=st.lists(
        st.tuples(
            st.dictionaries(_DB_KEYS, _VALUES, max_size=6),
            st.dictionaries(st.just("org.neo4j.server.webserver.port"), _VALUES, max_size=1),
            st.one_of(st.none(), st.dictionaries(_COORD_KEYS, _VALUES, max_size=4)),
            st.one_of(st.none(), st.sampled_from([b"1\n", b"2", b"x", b"300\n", b""])),
        ),
        min_size=1,
        max_size=3,
    )
)
@settings(max_examples=40, deadline=None)
def test_any_tree_imports_to_a_description_that_plans_nothing(
    homes: list[tuple[dict[str, str], dict[str, str], dict[str, str] | None, bytes | None]],
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for i, (db, server, coord, myid) in enumerate(homes):
            conf = root / f"h{i}" / "conf"
            conf.mkdir(parents=True)
            (conf / "neo4j.properties").write_text("".join(f"{k}={v}\n" for k, v in db.items()))
            if server:
                (conf / "neo4j-server.properties").write_text(
                    "".join(f"{k}={v}\n" for k, v in server.items())
                )
            if coord is not None:
                (conf / "coord.cfg").write_text("".join(f"{k}={v}\n" for k, v in coord.items()))
            if myid is not None:
                (root / f"h{i}/data/coordinator").mkdir(parents=True)
                (root / f"h{i}/data/coordinator/myid").write_bytes(myid)
        try:
            described = import_tree(root)
        except NeohaConfigError:
            return
        described = desc.loads(desc.dumps(described))
        changes = plan_changes(described, root)
        assert not changes, changes.diff()


@given(
    st.recursive(
        st.one_of(st.text(max_size=6), st.integers(-5, 70000), st.booleans()),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(
                st.sampled_from(
                    [
                        "cluster",
                        "database",
                        "coordinator",
                        "name",
                        "host",
                        "id",
                        "web_port",
                        "release",
                        "neo4j",
                        "server",
                        "coord",
                        "unset",
                        "legacy_keys",
                        "x",
                    ]
                ),
                inner,
                max_size=4,
            ),
        ),
        max_leaves=12,
    )
)
@settings(max_examples=150, deadline=None)
def test_any_toml_document_loads_or_raises_a_clear_error(data: Any) -> None:
    if not isinstance(data, dict):
        data = {"cluster": data}
    try:
        text = toml_dumps(data)
    except TypeError:
        return  # not expressible as a TOML document (a list mixing tables and values)
    try:
        desc.loads(text)
    except NeohaConfigError as exc:
        message = str(exc)
        assert "cluster.toml" in message, message
        assert "Cluster" not in message, message  # no class names: the reader wrote TOML


def test_import_of_a_home_itself_says_to_pass_its_parent(tmp_path: Path) -> None:
    root = generated_tree(tmp_path, ["db1.example"], ["zk1.example"])
    with pytest.raises(NeohaConfigError, match="pass the directory that holds it"):
        import_tree(root / "db1")
    with pytest.raises(NeohaConfigError, match="no NEO4J_HOME"):
        import_tree(tmp_path / "gen" / "db1" / "conf")


STOCK = [name for name in REAL_TREES if name.startswith("stock-")]


@pytest.mark.parametrize("name", STOCK)
def test_stock_tree_setting_and_unsetting_touch_only_their_lines(name: str, tmp_path: Path) -> None:
    root = real_tree(name, tmp_path)
    described = import_tree(root)
    before = findings(root)
    (home,) = [d.name for d in described.clusters[0].databases]
    web = "org.neo4j.server.webserver.port"
    old_web = parse((root / home / "conf/neo4j-server.properties").read_bytes()).to_dict()[web]
    day2.set_setting(described, home, web, "7480")
    removed = day2.unset_setting(described, home, "ha.pull_interval")
    changed = apply_and_verify(described, root)
    server = f"{home}/conf/neo4j-server.properties"
    expected = {(server, "-", f"{web}={old_web}"), (server, "+", f"{web}=7480")}
    pulled = {c for c in changed if c[0].endswith("/neo4j.properties")}
    assert changed - pulled == expected
    if removed:  # 1.5-1.9 ship an uncommented ha.pull_interval; removing it drops one line
        assert len(pulled) == 1
        assert next(iter(pulled))[1] == "-"
        assert parse(next(iter(pulled))[2]).entries[0].key == "ha.pull_interval"
    else:
        assert not pulled
    after = findings(root)
    assert [f for f in after if f not in before] == []
