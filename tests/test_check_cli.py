"""Tests of the ``check`` subcommand: exit codes, options, formats, configuration, examples."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from neoha_config.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

CLEAN_SERVER = "org.neo4j.server.webserver.port=7474\n"
DUPLICATE_SERVER = CLEAN_SERVER + CLEAN_SERVER  # NHA003, a warning


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="latin-1")


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_tree_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", CLEAN_SERVER)
    code, out, err = run(capsys)
    assert code == 0
    assert out == ""
    assert err.strip() == "All checks passed: 1 node, 1 file."


def test_error_exits_1_with_text_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo-server.properties", CLEAN_SERVER)
    code, out, err = run(capsys, "db1")
    assert code == 1
    assert out.startswith("db1/conf/neo-server.properties:1:1: NHA008 ")
    assert "1 error" in err


def test_related_sites_are_indented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    code, out, _ = run(capsys)
    assert code == 0  # a warning does not fail without --strict
    assert out.splitlines() == [
        "db1/conf/neo4j-server.properties:2:1: NHA003 [*] 'org.neo4j.server.webserver.port' is set "
        "more than once: line 1 sets '7474', line 2 sets '7474'; the server reads the first one "
        "(Commons Configuration keeps both, returns the first)",
        "    related: db1/conf/neo4j-server.properties:1:1",
    ]


def test_strict_fails_on_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    assert run(capsys)[0] == 0
    assert run(capsys, "--strict")[0] == 1


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "nowhere")
    assert code == 2
    assert out == ""
    assert "nowhere" in err
    assert "Traceback" not in err


def test_no_node_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "empty")
    assert code == 1
    assert out.startswith("empty:1:1: NHA007 ")


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ([], {"NHA003", "NHA004"}),
        (["--select", "NHA003"], {"NHA003"}),
        (["--select", "nha004"], {"NHA004"}),
        (["--select", "NHA0"], {"NHA003", "NHA004"}),
        (["--ignore", "NHA003"], {"NHA004"}),
        (["--ignore", "NHA003,NHA004"], set()),
        (["--ignore", "NHA003", "--ignore", "NHA004"], set()),
        (["--select", "NHA0", "--ignore", "NHA004"], {"NHA003"}),
    ],
)
def test_select_and_ignore(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], codes: set[str]
) -> None:
    write(
        tmp_path / "db1" / "conf" / "neo4j-server.properties",
        DUPLICATE_SERVER + "org.neo4j.server.webserver.prot=1\n",
    )
    code, out, _ = run(capsys, "--format", "json", *args)
    report = json.loads(out)
    assert {d["code"] for d in report["diagnostics"]} == codes
    assert code == 0


@pytest.mark.parametrize("bad", [["--select", "E501"], ["--ignore", "NHAX"], ["--format", "xml"]])
def test_bad_option_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: list[str]
) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", CLEAN_SERVER)
    code, out, err = run(capsys, *bad)
    assert code == 2
    assert out == ""
    assert err


def test_json_report_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    from neoha_config.report.jsonreport import report_schema

    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    code, out, _ = run(capsys, "--format", "json")
    report = json.loads(out)
    jsonschema.validate(report, report_schema())
    every = ["1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9"]  # nothing in db1 narrows them
    only = {"role": "database", "state": "live", "evidence": "it is the only component of its node"}
    assert report["nodes"] == [
        {
            "name": "db1",
            "path": "db1",
            "roles": ["database"],
            "releases": every,
            "components": [only],
        }
    ]
    [diag] = report["diagnostics"]
    assert diag["related"] == [{"path": "db1/conf/neo4j-server.properties", "line": 1, "column": 1}]
    assert report["summary"] == {"errors": 0, "warnings": 1, "infos": 0, "nodes": 1, "files": 1}
    assert code == 0


def test_github_format_chosen_by_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = run(capsys)
    assert out.startswith("::warning ")
    _, out, _ = run(capsys, "--format", "text")
    assert out.startswith("db1/conf/")


def test_sarif_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    _, out, _ = run(capsys, "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["NHA003"]


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    code, out, err = run(capsys, "--output-file", "report.txt")
    assert code == 0
    assert out == ""
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").startswith("db1/conf/")
    assert "1 warning" in err


def test_unwritable_output_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", CLEAN_SERVER)
    code, _, err = run(capsys, "--output-file", str(tmp_path / "missing" / "dir" / "r.txt"))
    assert code == 2
    assert "cannot write" in err


def test_quiet_prints_no_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    _, out, err = run(capsys, "-q")
    assert out
    assert err == ""


@pytest.mark.parametrize(
    ("args", "no_color", "colored"),
    [
        (["--color", "always"], None, True),
        (["--color", "always"], "1", True),
        (["--color", "never"], None, False),
        ([], None, False),  # auto: captured stdout is not a terminal
        (["--color", "auto"], "1", False),
    ],
)
def test_color(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    no_color: str | None,
    colored: bool,
) -> None:
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    write(Path("db1") / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    _, out, _ = run(capsys, *args)
    assert ("\x1b[" in out) is colored


def test_zookeeper_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        tmp_path / "zk1" / "conf" / "coord.cfg",
        "dataDir=data/coordinator\nclientPort=2181\nautopurge.purgeInterval=24\n",
    )
    _, out, _ = run(capsys, "--format", "json", "--select", "NHA004")
    [diag] = json.loads(out)["diagnostics"]
    assert (diag["code"], diag["severity"]) == ("NHA004", "info")
    _, out, _ = run(capsys, "--format", "json", "--select", "NHA004", "--zookeeper", "3.8")
    assert json.loads(out)["diagnostics"] == []


def test_configuration_is_read_and_flags_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    write(
        tmp_path / "pyproject.toml",
        '[tool.neoha_config]\nignore = ["NHA003"]\nseverity = { NHA004 = "error" }\n',
    )
    code, out, _ = run(capsys)
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "--select", "NHA003")
    assert code == 0
    assert "NHA003" in out


def test_bad_configuration_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "db1" / "conf" / "neo4j-server.properties", CLEAN_SERVER)
    write(tmp_path / "pyproject.toml", '[tool.neoha_config]\nselekt = ["NHA0"]\n')
    code, out, err = run(capsys)
    assert code == 2
    assert out == ""
    assert "selekt" in err


def test_file_arguments_report_only_their_nodes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    write(tmp_path / "b" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    code, out, _ = run(capsys, "--format", "json", "b/conf/neo4j-server.properties")
    report = json.loads(out)
    assert {d["path"] for d in report["diagnostics"]} == {"b/conf/neo4j-server.properties"}
    assert [n["path"] for n in report["nodes"]] == ["b"]
    assert code == 0


def test_file_arguments_check_the_whole_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # db1 and db2 form one HA cluster (same name, same coordinator) and share a machine id.
    for name in ("db1", "db2"):
        write(
            tmp_path / name / "conf" / "neo4j.properties",
            f"ha.server_id=1\nha.server={name}:6001\nha.coordinators=zk1:2181\n",
        )
        write(
            tmp_path / name / "conf" / "neo4j-server.properties",
            "org.neo4j.server.database.mode=HA\n"
            "org.neo4j.server.db.tuning.properties=conf/neo4j.properties\n",
        )
    write(tmp_path / "other" / "conf" / "neo4j-server.properties", DUPLICATE_SERVER)
    _, out, _ = run(
        capsys, "--format", "json", "--select", "NHA301,NHA003", "db1/conf/neo4j.properties"
    )
    report = json.loads(out)
    assert {n["path"] for n in report["nodes"]} == {"db1", "db2"}
    assert [d["code"] for d in report["diagnostics"]] == ["NHA301"]


def test_examples_cluster_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "examples/cluster"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stderr.strip() == "All checks passed: 6 nodes, 12 files."


@pytest.mark.parametrize("profile", ["3.3", "3.8"])
def test_examples_cluster_is_clean(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, profile: str
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "--strict", "--zookeeper", profile, "examples/cluster")
    assert (code, out) == (0, "")


def test_examples_broken_shows_every_listed_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = set(
        re.findall(r"\bNHA\d{3}\b", (EXAMPLES / "broken" / "README.md").read_text("utf-8"))
    )
    assert len(listed) >= 10
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "--format", "json", "examples/broken")
    found = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert code == 1
    assert listed <= found, f"listed but not found: {sorted(listed - found)}"
