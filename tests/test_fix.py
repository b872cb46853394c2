"""The fix layer: edits, choosing fixes, diffs, the tree boundary, and fixes in every report."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.cli import main
from neoha_config.config import Settings
from neoha_config.diagnostics import Applicability, Diagnostic, Edit, Fix, Location, Severity
from neoha_config.fix import attach, fixable_counts, release_reads_new_names
from neoha_config.fix.base import RENAMES
from neoha_config.fix.edits import apply_edits, choose, unified_diff
from neoha_config.fix.run import plan
from neoha_config.properties import parse
from tests.jvm import unavailable

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = ROOT / "schemas" / "report.schema.json"
P = "f"
SERVER_HA = (
    b"org.neo4j.server.database.mode=HA\n"
    b"org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n"
)


def E(start: tuple[int, int], end: tuple[int, int], content: str) -> Edit:
    return Edit(P, start, end, content)


@pytest.mark.parametrize(
    ("text", "edits", "expected"),
    [
        ("a=1 \n", [E((1, 4), (1, 5), "")], "a=1\n"),
        ("a=1\n", [E((1, 4), (1, 4), "s")], "a=1s\n"),
        ("a=1\nb=2\n", [E((1, 1), (2, 1), "")], "b=2\n"),
        ("a=1\nb=2", [E((1, 4), (2, 4), "")], "a=1"),
        ("a=1\r\nb=2\r\n", [E((2, 1), (3, 1), "")], "a=1\r\n"),
        ("x\ry", [E((2, 1), (2, 2), "z")], "x\rz"),
        ("abc", [E((1, 1), (1, 2), "X"), E((1, 3), (1, 4), "Z")], "XbZ"),
        ("abc", [E((1, 2), (1, 2), "1"), E((1, 2), (1, 3), "")], "a1c"),
        ("abc", [E((1, 1), (1, 2), "X"), E((1, 1), (1, 2), "X")], "Xbc"),
        ("", [E((1, 1), (1, 1), "a=1\n")], "a=1\n"),
    ],
)
def test_apply_edits(text: str, edits: list[Edit], expected: str) -> None:
    assert apply_edits(text, edits) == expected


@pytest.mark.parametrize(
    "edits",
    [
        [E((1, 1), (1, 3), ""), E((1, 2), (1, 4), "")],  # overlap
        [E((1, 2), (1, 2), "x"), E((1, 2), (1, 2), "y")],  # two insertions at one place
        [E((4, 1), (4, 1), "x")],  # no such line
        [E((1, 6), (1, 6), "x")],  # past the end of the line
        [E((1, 3), (1, 2), "")],  # ends before it starts
    ],
)
def test_bad_edits_raise(edits: list[Edit]) -> None:
    with pytest.raises(ValueError, match=r"overlap|not in the file|past the end|before it starts"):
        apply_edits("abcd\r\nx\n", edits)


def _diag(line: int) -> Diagnostic:
    return Diagnostic("NHA005", Severity.WARNING, "m", Location(P, line, 1))


def test_choose_defers_an_overlapping_fix() -> None:
    first = Fix("one", (E((1, 1), (1, 3), ""),))
    second = Fix("two", (E((1, 2), (1, 4), ""),))
    third = Fix("three", (E((2, 1), (2, 2), "Y"),))
    misfit = Fix("misfit", (E((9, 1), (9, 2), ""),))
    fixed = [(_diag(1), first), (_diag(1), second), (_diag(2), third), (_diag(3), misfit)]
    assert [f.message for _, f in choose("abcd\nx\n", fixed)] == ["one", "three"]


def _patch() -> str:
    found = shutil.which("patch")
    if found is None:
        unavailable("GNU patch is not installed (apt-get install patch)")
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (b"a=1 \nb=2", b"a=1\nb=2"),  # no final newline, unchanged last line
        (b"a=1\nb=2 ", b"a=1\nb=2"),  # no final newline on the changed line
        (b"a=1 \r\nb=2\r\n", b"a=1\r\nb=2\r\n"),  # CRLF kept
        (b"k=caf\xe9 \n", b"k=caf\xe9\n"),  # ISO-8859-1 bytes pass through
        (b"k=1\x85x \n", b"k=1\x85x\n"),  # NEL is no line end in a properties file
    ],
)
def test_unified_diff_applies_with_patch(before: bytes, after: bytes, tmp_path: Path) -> None:
    patch = _patch()
    target = tmp_path / "d" / "f.properties"
    target.parent.mkdir()
    target.write_bytes(before)
    diff = unified_diff("d/f.properties", before, after)
    assert diff.startswith("--- d/f.properties\n+++ d/f.properties\n")
    proc = subprocess.run(
        [patch, "-p0", "--batch"],
        cwd=tmp_path,
        input=diff.encode("latin-1"),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert target.read_bytes() == after


def test_a_b_prefixes_would_not_work_with_p0(tmp_path: Path) -> None:
    """Why the headers carry bare paths: with ``a/``/``b/`` prefixes ``patch -p0`` finds no
    file and, in batch mode, changes nothing."""
    patch = _patch()
    (tmp_path / "f").write_bytes(b"a=1 \n")
    diff = unified_diff("f", b"a=1 \n", b"a=1\n").replace("--- f", "--- a/f")
    diff = diff.replace("+++ f", "+++ b/f")
    subprocess.run(
        [patch, "-p0", "--batch"],
        cwd=tmp_path,
        input=diff.encode(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (tmp_path / "f").read_bytes() == b"a=1 \n"


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_symlink_out_of_the_tree_is_refused(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = _write(here / "outside" / "neo4j.properties", b"ha.pull_interval=10\n")
    conf = here / "tree" / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").symlink_to(outside)
    _, out, _ = _run(capsys, "--fix", "tree")
    assert outside.read_bytes() == b"ha.pull_interval=10\n"
    # The check does not read it (its real path leaves the checked tree), so nothing is fixed.
    assert "NHA001" in out
    assert "leaves the checked paths" in out
    assert "NHA115" not in out
    code, out, _ = _run(capsys, "--diff", "tree")
    assert (code, out) == (0, "")


def test_symlink_inside_the_tree_fixes_its_target(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = _write(here / "tree" / "shared" / "ha.properties", b"ha.pull_interval=10\n")
    conf = here / "tree" / "db1" / "conf"
    conf.mkdir(parents=True)
    link = conf / "neo4j.properties"
    link.symlink_to(os.path.relpath(real, conf))
    _run(capsys, "--fix", "tree")
    assert link.is_symlink()
    assert real.read_bytes() == b"ha.pull_interval=10s\n"


def test_fix_keeps_the_mode(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")
    path.chmod(0o640)
    _run(capsys, "--fix", ".")
    assert path.read_bytes() == b"ha.pull_interval=10s\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_file_arguments_fix_only_the_named_files(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")
    two = _write(here / "db2" / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")
    _write(here / "db1" / "conf" / "neo4j-server.properties", SERVER_HA)
    _write(here / "db2" / "conf" / "neo4j-server.properties", SERVER_HA)
    for path in (one, two):  # one cluster: both nodes are checked, only the named one fixed
        path.write_bytes(path.read_bytes() + b"ha.coordinators=zk1:2181\nha.server_id=1\n")
    _, out, err = _run(capsys, "--fix", "db1/conf/neo4j.properties")
    assert one.read_bytes().startswith(b"ha.pull_interval=10s\n")
    assert two.read_bytes().startswith(b"ha.pull_interval=10\n")
    assert "db2/conf/neo4j.properties:1:1: NHA115 [*]" in out  # checked, reported, not fixed
    assert "not fixing" not in err


def test_a_named_file_that_links_out_of_the_tree_is_refused(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _write(here.parent / f"{here.name}-outside.properties", b"ha.pull_interval=10\n")
    conf = here / "db1" / "conf"
    conf.mkdir(parents=True)
    (conf / "neo4j.properties").symlink_to(outside)
    _, out, _ = _run(capsys, "--fix", "db1/conf/neo4j.properties")
    assert outside.read_bytes() == b"ha.pull_interval=10\n"
    assert "NHA001" in out  # not read, so not fixed: its real path leaves the checked paths


def test_fixes_repeat_until_stable_and_diff_shows_the_end(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The BOM hides the key from NHA115; only after its removal does the second fix show."""
    path = _write(here / "db1" / "conf" / "neo4j.properties", b"\xef\xbb\xbfha.pull_interval=10\n")
    code, diff, err = _run(capsys, "--diff", ".")
    assert code == 1
    # The diff is the file's bytes; captured here as UTF-8, the BOM shows as U+FEFF.
    assert "-\ufeffha.pull_interval=10\n+ha.pull_interval=10s\n" in diff
    assert "Would fix 2 findings in 1 file." in err
    assert path.read_bytes() == b"\xef\xbb\xbfha.pull_interval=10\n"
    code, out, err = _run(capsys, "--fix", ".")
    assert path.read_bytes() == b"ha.pull_interval=10s\n"
    assert (code, out) == (0, "")
    assert "NHA006 fixed" in err
    assert "NHA115 fixed" in err
    assert "Fixed 2 findings in 1 file." in err


def test_exit_code_is_that_of_the_remaining_findings(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\nha.server_id=x\n")
    code, out, _ = _run(capsys, "--fix", ".")
    assert code == 1
    assert "NHA103" in out
    assert "NHA115" not in out
    code, out, _ = _run(capsys, "--fix", "--ignore", "NHA103", ".")
    assert (code, out) == (0, "")


def test_diff_writes_nothing_and_exits_0_when_nothing_to_fix(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.server_id=1\n")
    code, out, err = _run(capsys, "--diff", ".")
    assert (code, out) == (0, "")
    assert "Would fix 0 findings in 0 files." in err


def test_text_marks_and_summary_counts(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(
        here / "db1" / "conf" / "neo4j.properties",
        b"ha.pull_interval=10\nha.machine_id=1\nha.sever_id=2\n",
    )
    _, out, err = _run(capsys, ".")
    lines = out.splitlines()
    assert any(" NHA115 [*] " in line for line in lines)
    assert any(" NHA114 " in line and "[*]" not in line for line in lines)
    assert any(" NHA004 " in line and "[*]" not in line for line in lines)
    assert err.strip().endswith("[*] 1 fixable with --fix. 1 more with --fix --unsafe-fixes.")
    _, out, err = _run(capsys, "--unsafe-fixes", ".")
    assert any(" NHA114 [*] " in line for line in out.splitlines())
    assert err.strip().endswith("[*] 2 fixable with --fix.")


def test_json_report_validates_with_fixes(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\nha.sever_id=2\n")
    _, out, _ = _run(capsys, "--format", "json", ".")
    report = json.loads(out)
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    by_code = {d["code"]: d for d in report["diagnostics"]}
    assert "fix" not in by_code["NHA004"]
    assert by_code["NHA115"]["fix"] == {
        "applicability": "safe",
        "message": "write ha.pull_interval = 10s (a bare number is seconds in every 1.x release)",
        "edits": [
            {
                "path": "db1/conf/neo4j.properties",
                "location": {"line": 1, "column": 20},
                "end_location": {"line": 1, "column": 20},
                "content": "s",
            }
        ],
    }


def test_sarif_fixes_validate_against_the_sarif_schema(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SARIF_SCHEMA}")
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\nha.server_id=1 \n")
    _, out, _ = _run(capsys, "--format", "sarif", ".")
    log = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    results = log["runs"][0]["results"]
    fixes = [r["fixes"] for r in results if "fixes" in r]
    assert len(fixes) == 2
    change = fixes[0][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {
        "uri": "db1/conf/neo4j.properties",
        "uriBaseId": "%SRCROOT%",
    }
    region = change["replacements"][0]["deletedRegion"]
    assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
    assert all("fixes" not in r for r in results if r["ruleId"] not in ("NHA005", "NHA115"))


def test_release_of_a_node_is_unknown_so_renames_are_unsafe(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert release_reads_new_names(None) is None
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.machine_id=1\n")
    _, out, _ = _run(capsys, "--format", "json", ".")
    (diag,) = json.loads(out)["diagnostics"]
    assert diag["fix"]["applicability"] == "unsafe"


@pytest.mark.parametrize(
    "data",
    [
        b"ha.server_id=1\nha.server_id=2\n",  # NHA003 with two values: which one is right?
        b"ha.pull_interval=1\\\n  0\n",  # NHA115 written over two lines
        b"ha.pull_interval=10\nx=\\uZZZZ\n",  # a file the JVM refuses
        b"ha.machine_id=1\nha.server_id=2\n",  # both names, two values (NHA104, NHA114)
        b"ha.coordinators=zk1:2181, zk2\n",  # NHA105 that blanks alone do not explain
    ],
)
def test_no_fix_where_the_repair_is_not_certain(data: bytes, here: Path) -> None:
    from neoha_config.check import check_paths

    _write(here / "db1" / "conf" / "neo4j.properties", data)
    result = attach(check_paths(["."]), ["."], Settings())
    assert result.diagnostics
    assert fixable_counts(result, unsafe=True) == (0, 0), [
        (d.code, d.fix) for d in result.diagnostics if d.fix
    ]


def _trees() -> list[Path]:
    cases = sorted(p.parent for p in (DATA / "cases").glob("*/expected.json"))
    return cases + sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())


@pytest.mark.parametrize("tree", _trees(), ids=[p.name for p in _trees()])
def test_every_tree_fixes_to_a_stable_loadable_state(tree: Path) -> None:
    """Over every case and example: all fixes (unsafe too) apply, settle, keep each file
    loadable by the JVM and never touch a file outside the tree."""
    outcome = plan(["."], Settings(), unsafe=True, cwd=tree)
    assert outcome.stable
    assert not outcome.refused
    for display, (before, after) in outcome.changes.items():
        assert before != after
        if not display.endswith("myid"):
            assert not parse(after).fatal or parse(before).fatal, display
    for _, fix in outcome.fixed:
        assert fix.applicability in (Applicability.SAFE, Applicability.UNSAFE)


_FRAGMENTS = [
    "ha.server_id=1",
    "ha.server_id=1  ",
    "ha.server_id = 1",
    "ha.pull_interval=10",
    "ha.pull_interval = 5 ",
    "ha.machine_id=2",
    "ha.zoo_keeper_servers=zk1:2181, zk2:2181",
    "ha.coordinators=zk1:2181 ,zk2:2181",
    "ha.coordinators=zk1:2181,zk2:2181\t",
    "# neoha: ignore[NHA004]",
    "# neoha: ignore[NHA004, NHA005]",
    "ha.sever_id=1",
    "\\",
    "#c",
    "",
    "k=caf\xe9",
    "k=Jos\xc3\xa9 ",
    "x=a\\ ",
    "x=a\\",
    "  b ",
    "p.password=s ",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8),
    bom=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
    final=st.booleans(),
)
def test_safe_fixes_keep_every_untouched_key(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], bom: bool, newline: str, final: bool
) -> None:
    """One pass of safe fixes on any mix of fixable lines: every key whose lines no edit
    touches reads the same; passes settle; unsafe fixes settle too."""
    tree = tmp_path_factory.mktemp("fuzz")
    text = ("\xef\xbb\xbf" if bom else "") + newline.join(lines) + (newline if final else "")
    path = _write(tree / "db1" / "conf" / "neo4j.properties", text.encode("latin-1"))
    outcome = plan(["."], Settings(), cwd=tree, passes=1)
    before = path.read_bytes()
    after = outcome.changes.get("db1/conf/neo4j.properties", (before, before))[1]
    old_doc, new_doc = parse(before), parse(after)
    edited = {
        line
        for _, fix in outcome.fixed
        for e in fix.edits
        for line in range(e.start[0], e.end[0] + 1)
    }
    touched = {e.key for e in old_doc.entries if edited & set(range(e.line, e.end_line + 1))}
    old, new = old_doc.to_dict(), new_doc.to_dict()
    for key, value in old.items():
        if key not in touched:
            assert new.get(key) == value, (key, before, after)
    # Only the first entry reads anew, without its byte-order mark (lines do not move then).
    unmarked = before.startswith(b"\xef\xbb\xbf") and not after.startswith(b"\xef\xbb\xbf")
    first = old_doc.entries[0] if old_doc.entries else None
    anew = {
        e.key
        for e in new_doc.entries
        if unmarked and first is not None and e.line <= first.end_line
    }
    # A legacy key renamed in place (safe where every release the file allows reads the new
    # name) brings its current name: ha.machine_id -> ha.server_id and so on.
    renamed = {RENAMES[k] for k in touched if k in RENAMES}
    assert set(new) - set(old) <= anew | renamed
    assert plan(["."], Settings(), cwd=tree).stable
    assert plan(["."], Settings(), unsafe=True, cwd=tree).stable


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # NHA010: codes separated by blanks; a used code stays, in the comment's place
        (
            b"# neoha: ignore[NHA004 NHA111] typo kept on purpose\nha.sever_id=1\n",
            b"# neoha: ignore[NHA004] typo kept on purpose\nha.sever_id=1\n",
        ),
        (b"# neoha: ignore\nha.server_id=1\n", b"ha.server_id=1\n"),
        (b"ha.server_id=1\n# neoha: ignore[NHA004]", b"ha.server_id=1"),  # no final newline
        # NHA003: the earlier of three identical lines, and a continued line, go
        (b"ha.server_id=1\nha.server_id=1\nha.server_id=1\n", b"ha.server_id=1\n"),
        (b"ha.server=db1:\\\n  6001\nha.server=db1:6001\n", b"ha.server=db1:6001\n"),
        # NHA005 with a continuation: only the last physical line's blanks
        (b"ha.server=db1:\\\n  6001 \n", b"ha.server=db1:\\\n  6001\n"),
        # NHA006: a backslash before the byte becomes the escape's own
        (b"k=a\\\xe9b\xe9\n", b"k=a\\u00E9b\\u00E9\n"),
        # NHA105: a chroot suffix is kept
        (b"ha.coordinators=zk1:2181, zk2:2181/neo\n", b"ha.coordinators=zk1:2181,zk2:2181/neo\n"),
        # NHA115 with CRLF and no final newline
        (b"ha.server_id=1\r\nha.pull_interval=7", b"ha.server_id=1\r\nha.pull_interval=7s"),
    ],
)
def test_fix_table(
    before: bytes, after: bytes, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(here / "db1" / "conf" / "neo4j.properties", before)
    _run(capsys, "--fix", ".")
    assert path.read_bytes() == after


@pytest.mark.parametrize("name", ["my node", "m\u00fcnchen", 'quo"te', "back\\slash", "tab\there"])
def test_diff_names_awkward_paths_so_patch_finds_them(
    name: str, here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patch = _patch()
    path = _write(here / name / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")
    code = main(["check", "--diff", "."])
    diff = capsys.readouterr().out
    assert code == 1
    proc = subprocess.run(
        [patch, "-p0", "--batch"],
        cwd=here,
        input=diff.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert path.read_bytes() == b"ha.pull_interval=10s\n"


def test_diff_to_an_output_file(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")
    code, out, _ = _run(capsys, "--diff", "--output-file", "fix.patch", ".")
    assert (code, out) == (1, "")
    assert b"+ha.pull_interval=10s\n" in (here / "fix.patch").read_bytes()
    code, _, err = _run(capsys, "--diff", "--output-file", "nowhere/fix.patch", ".")
    assert code == 2
    assert "cannot write nowhere/fix.patch" in err


def test_a_file_that_cannot_be_written_is_reported(
    here: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(here / "db1" / "conf" / "neo4j.properties", b"ha.pull_interval=10\n")

    def refuse(target: object, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("neoha_config.atomic.write_atomic", refuse)
    _, out, err = _run(capsys, "--fix", ".")
    assert "cannot fix db1/conf/neo4j.properties: Permission denied" in err
    assert "Fixed 0 findings in 0 files." in err
    assert " fixed: " not in err
    assert "NHA115 [*]" in out
    assert path.read_bytes() == b"ha.pull_interval=10\n"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("a = 10\n", "a", ("10", 4)),
        ("b=1\na=10\n", "a", None),  # line 1 holds another key
        ("a=1\\\n0\n", "a", None),  # continued: not on one line
        ("a=\\u0031\n", "a", None),  # escaped: not written verbatim
    ],
)
def test_verbatim_value(text: str, key: str, expected: tuple[str, int] | None) -> None:
    from neoha_config.fix.view import FileView

    data = text.encode("latin-1")
    found = FileView("f", data, parse(data)).verbatim_value(1, key)
    assert (None if found is None else (found[0].value, found[1])) == expected


def test_a_fix_that_would_change_a_key_it_does_not_edit_is_not_applied(tmp_path: Path) -> None:
    """Deleting the unused suppression below a lone backslash would leave the backslash last,
    where the JVM reads an empty key: that fix waits, the lone backslash's own fix is applied."""
    path = _write(
        tmp_path / "db1" / "conf" / "neo4j.properties", b"\\\n\\\n# neoha: ignore[NHA004]"
    )
    outcome = plan(["."], Settings(), cwd=tmp_path, passes=1)
    after = outcome.changes["db1/conf/neo4j.properties"][1]
    assert parse(after).to_dict() == parse(path.read_bytes()).to_dict() == {}
    assert [d.code for d, _ in outcome.fixed] == ["NHA009"]
