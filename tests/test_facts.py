"""Tests for the facts one check shares, and for the rules using them in any order."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config import facts as facts_mod
from neoha_config import logs as logs_mod
from neoha_config.context import CheckContext
from neoha_config.diagnostics import Diagnostic, Location
from neoha_config.facts import EnsembleFacts, session_bounds
from neoha_config.layout import load_tree, node_from_files
from neoha_config.models import CoordConfig
from neoha_config.profile import Profile
from neoha_config.registry import Rule, Scope
from neoha_config.rules import RULES
from neoha_config.tree import FileRole, LogFile, Node, Tree
from tests.rules_support import findings
from tests.test_topology import (
    MANAGERS,
    coord_cfg,
    make_node,
    manual_coordinators,
    manual_databases,
    manual_tree,
)

DATA = Path(__file__).parent / "data"
TREES = sorted(p for base in ("cases", "logs") for p in (DATA / base).iterdir() if p.is_dir())
FAMILY = ("NHA109", "NHA3", "NHA4")
ISO = "2012-07-01 10:00:00.123+0000"


def _run(rules: list[Rule], ctx: CheckContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in rules:
        if rule.scope is Scope.NODE:
            for node in ctx.tree.nodes:
                found.extend(rule(node, ctx))
        else:
            found.extend(rule(ctx))
    return sorted(found, key=Diagnostic.sort_key)


def _family() -> list[Rule]:
    return [r for r in RULES if r.code.startswith(FAMILY)]


def _logged(name: str, text: str) -> Node:
    node = make_node(name, database={"ha.server": "h:6001"})
    node.logs = [LogFile(Path(name, "m"), f"{name}/m", 0, data=text.encode())]
    return node


def _evidence_tree() -> Tree:
    """Log evidence for NHA402 to NHA404, which no case directory holds."""
    bound = f"{ISO}: MasterServer communication server started and bound to 6361\n"
    present = f"{ISO}: HA server info already present, trying again\n"
    failure = f"{ISO}: Connection to ZooKeeper server timed out, keeper state=Disconnected\n"
    return Tree(nodes=[_logged("db1", bound + present + present + failure)])


def _load(where: Path | None) -> Tree:
    return _evidence_tree() if where is None else load_tree([where], cwd=where)


@pytest.mark.parametrize("profile", [Profile.ZK33, Profile.ZK38])
@pytest.mark.parametrize(
    "where", [*TREES, None], ids=[*(f"{p.parent.name}-{p.name}" for p in TREES), "evidence"]
)
def test_rules_do_not_depend_on_each_other(where: Path | None, profile: Profile) -> None:
    """Each rule alone, or all in reverse order over one context, finds what the table finds."""
    tree = _load(where)
    together = findings(tree, codes=FAMILY, profile=profile)
    backwards = _run(list(reversed(_family())), CheckContext(tree, profile=profile))
    assert backwards == together
    alone: list[Diagnostic] = []
    for rule in _family():
        alone.extend(findings(tree, codes=(rule.code,), profile=profile))
    assert sorted(alone, key=Diagnostic.sort_key) == together


def test_the_family_fires_in_those_trees() -> None:
    """The order test above is not vacuous: its trees hold findings of every code."""
    seen: set[str] = set()
    for where in [*TREES, None]:
        seen.update(d.code for d in findings(_load(where), codes=FAMILY))
    assert seen == {
        "NHA109",
        *(f"NHA3{n:02d}" for n in range(1, 16)),
        *(f"NHA3{n:02d}" for n in range(20, 25)),  # NHA325 needs --complete
        "NHA401",
        "NHA402",
        "NHA403",
        "NHA404",
    }


# --- the context keeps each fact once ---------------------------------------------------------


def test_ensemble_facts_are_built_once_per_ensemble(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[int] = []
    original = EnsembleFacts.of.__func__  # type: ignore[attr-defined]

    def counting(cls: type[EnsembleFacts], ens: object) -> EnsembleFacts:
        built.append(id(ens))
        return original(cls, ens)  # type: ignore[no-any-return]

    monkeypatch.setattr(facts_mod.EnsembleFacts, "of", classmethod(counting))
    wrong = ",".join(f"{m}:2888" for m in MANAGERS)  # quorum ports: NHA303 on every node
    tree = Tree(nodes=[*manual_coordinators(), *manual_databases(coordinators=wrong)])
    found = findings(tree, codes=("NHA303", "NHA304"))
    assert [d.code for d in found] == ["NHA303"] * 9
    assert len(built) == 1  # one ensemble, one build, shared by both rules
    ctx = CheckContext(tree)
    (ens,) = ctx.topology.ensembles
    assert ctx.ensemble_facts(ens) is ctx.ensemble_facts(ens)


def test_session_bounds_are_kept_per_node() -> None:
    ctx = CheckContext(manual_tree())
    zk = next(n for n in ctx.tree.nodes if n.coord is not None)
    db = next(n for n in ctx.tree.nodes if n.coord is None)
    assert ctx.session_bounds(zk) is ctx.session_bounds(zk)
    assert ctx.session_bounds(zk) is not None
    assert ctx.session_bounds(db) is None


def test_log_facts_are_parsed_once_and_not_at_all_without_logs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[bytes] = []
    parse = logs_mod.parse_log

    def counting(data: bytes, first_line: int = 1) -> logs_mod.LogFacts:
        calls.append(data)
        return parse(data, first_line)

    monkeypatch.setattr(logs_mod, "parse_log", counting)
    node = _logged("db1", f"{ISO}: Started as master\n")
    ctx = CheckContext(Tree(nodes=[node]))
    facts = ctx.log_facts(node)
    assert facts is not None
    assert facts.role == "master"
    assert ctx.log_facts(node) is facts
    assert len(calls) == 1
    assert CheckContext(Tree(nodes=[node]), include_logs=False).log_facts(node) is None
    assert ctx.log_facts(make_node("db2", database={})) is None  # no logs
    assert len(calls) == 1


# --- session bounds over the model ------------------------------------------------------------


def _coord(**values: str) -> CoordConfig:
    model, issues = CoordConfig.from_properties(values)
    assert not issues
    return model


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, (6000, 60000, "2 and 20 x tickTime=3000", "tickTime")),
        ({"tickTime": "2000"}, (4000, 40000, "2 and 20 x tickTime=2000", "tickTime")),
        (
            {"minSessionTimeout": "5000"},
            (5000, 60000, "minSessionTimeout=5000, 20 x tickTime=3000", "minSessionTimeout"),
        ),
        (
            {"maxSessionTimeout": "9000"},
            (6000, 9000, "2 x tickTime=3000, maxSessionTimeout=9000", "maxSessionTimeout"),
        ),
        (
            {"minSessionTimeout": "100", "maxSessionTimeout": "200"},
            (100, 200, "minSessionTimeout=100, maxSessionTimeout=200", "minSessionTimeout"),
        ),
        ({"minSessionTimeout": "-1", "maxSessionTimeout": "-1"}, (6000, 60000, None, "tickTime")),
        # ZooKeeper 3.3 reads only -1 as unset: another negative value is the limit itself.
        ({"minSessionTimeout": "-5"}, (-5, 60000, None, "minSessionTimeout")),
        ({"maxSessionTimeout": "-5"}, None),  # below 2 x tickTime: NHA209
        ({"minSessionTimeout": "9000", "maxSessionTimeout": "8000"}, None),  # NHA209
        ({"tickTime": "0"}, None),
    ],
)
def test_session_bounds(values: dict[str, str], expected: tuple[object, ...] | None) -> None:
    bounds = session_bounds(_coord(**values))
    if expected is None:
        assert bounds is None
        return
    assert bounds is not None
    low, high, how, key = expected
    assert (bounds.low, bounds.high, bounds.key) == (low, high, key)
    if how is not None:
        assert bounds.how == how


def test_session_bounds_allow_their_range_only() -> None:
    bounds = session_bounds(_coord(tickTime="2000"))
    assert bounds is not None
    assert [bounds.allows(t) for t in (3999, 4000, 40000, 40001)] == [False, True, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 5000), ("ha.zk_session_timeout=7000", 7000), ("ha.zk_session_timeout=soon", None)],
)
def test_asked_session_timeout(text: str, expected: int | None) -> None:
    """Neo4j's 5000 ms unless set; unknown when the value was rejected (NHA111)."""
    node = node_from_files("db", {FileRole.DATABASE: text})
    assert node.database is not None
    assert facts_mod.asked_session_timeout(node.database) == expected


def test_session_bounds_unknown_after_a_rejected_value() -> None:
    node = make_node("zk", coord=coord_cfg(["zk:2888:3888"], tickTime="often"), myid=1)
    assert node.coord is not None
    assert session_bounds(node.coord) is None


# --- where a key wins -------------------------------------------------------------------------


def test_node_where_is_the_winning_site_else_the_file_else_the_node() -> None:
    node = make_node("db1", database="ha.server_id=1\n\nha.server_id=2\n")
    assert node.where(FileRole.DATABASE, "ha.server_id") == Location(
        "db1/conf/neo4j.properties", 3, 1
    )
    assert node.where(FileRole.DATABASE, "ha.server") == Location("db1/conf/neo4j.properties")
    assert node.where(FileRole.DATABASE) == Location("db1/conf/neo4j.properties")
    assert node.where(FileRole.COORD, "clientPort") == Location("db1")


def test_manual_tree_has_findings_only_where_expected() -> None:
    # A clean tree: the facts find nothing to report, and every fact is still computed.
    ctx = CheckContext(manual_tree())
    assert findings(ctx.tree, codes=FAMILY) == []
    assert all(ctx.ensemble_facts(e).peers for e in ctx.topology.ensembles)


def test_server_lines_read_as_33_reads_them_are_remembered_within_a_bound() -> None:
    from neoha_config.models.coordfacts import read_33

    first = read_33(1, " zk1:2888:3888 ")
    assert first.line is not None
    assert first.line.host == "zk1"
    assert read_33(1, " zk1:2888:3888 ") is first  # an ensemble's members share their lines
    assert read_33(2, " zk1:2888:3888 ") is not first
    assert read_33(1, "zk1:x").line is None
    assert read_33.cache_info().maxsize == 4096
