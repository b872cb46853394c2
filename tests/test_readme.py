"""Every snippet of the README works as written from this repository: run or validated."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from neoha_config.config import load_settings
from neoha_config.properties import parse

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TEXT = README.read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.DOTALL | re.MULTILINE)
BLOCKS = [
    (m.group(1), m.group(2), TEXT.count("\n", 0, m.start()) + 1) for m in FENCE.finditer(TEXT)
]
KNOWN = {"sh", "console", "mermaid", "json", "toml", "properties", "yaml", "python"}
BIN = Path(sys.executable).parent


def blocks(language: str) -> list[tuple[str, int]]:
    return [(body, line) for lang, body, line in BLOCKS if lang == language]


def section(title: str) -> str:
    return TEXT.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_every_block_has_a_known_language() -> None:
    assert BLOCKS
    for lang, _, line in BLOCKS:
        assert lang in KNOWN, f"README.md:{line}: a block in {lang or 'no language'}"


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch directory holding a copy of examples/, as the current directory."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- shell --------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "line"), blocks("sh"), ids=lambda v: str(v)[:20])
def test_shell_blocks_parse_and_install_only_from_here(body: str, line: int) -> None:
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run([bash, "-n"], input=body, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"README.md:{line}: {done.stderr}"
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    for command in re.findall(r"pip install ([^&|;\n]+)", body):
        args = [a for a in shlex.split(command) if a not in ("-e", "-q")]
        assert len(args) == 1, f"README.md:{line}: pip install {command}"
        target = re.fullmatch(r"\.(?:\[(\w+)\])?", args[0])
        assert target, f"README.md:{line}: installs {args[0]!r}, not this repository"
        assert target.group(1) in (None, *extras), f"README.md:{line}: no extra {args[0]}"


def _exported(tmp_path: Path) -> Path:
    """This repository's tracked files (what a clone holds), copied to a scratch directory."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False, timeout=60
    )
    if listed.returncode != 0 or not listed.stdout:
        pytest.skip("this checkout is not a git repository")
    clone = tmp_path / "clone"
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    return clone


@pytest.mark.slow
def test_set_up_command_installs_and_checks(tmp_path: Path) -> None:
    # The first command of "Set up", run as written in a copy of this repository. Only the
    # interpreter is the one running the tests (python3 on PATH may be another one).
    body, line = blocks("sh")[0]
    assert "pip install ." in body
    clone = _exported(tmp_path)
    command = body.strip().replace("python3 ", shlex.quote(sys.executable) + " ", 1)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"README.md:{line}: {done.stdout}{done.stderr}"
    assert "All checks passed: 6 nodes" in done.stderr


# --- console and mermaid: the output shown is the output printed --------------------------


@pytest.mark.parametrize(("body", "line"), blocks("console"))
def test_console_output_is_real(body: str, line: int, monkeypatch: pytest.MonkeyPatch) -> None:
    if line > DAY2_START:
        return  # the day-2 walk-through runs as a whole: test_day2_walk_through_is_real
    commands = [row for row in body.splitlines() if row.startswith("$ ")]
    assert len(commands) == 1, f"README.md:{line}: one command a block"
    argv = shlex.split(commands[0][2:])
    assert argv[:3] == ["python", "-m", "neoha_config"]
    done = subprocess.run(
        [sys.executable, *argv[1:]], cwd=ROOT, capture_output=True, text=True, check=False
    )
    printed = (done.stdout + done.stderr).splitlines()
    for shown in body.splitlines()[1:]:
        if shown != "...":
            assert shown in printed, f"README.md:{line}: not printed: {shown}"


DAY2_START = TEXT[: TEXT.index("\n## Day 2: describe, plan, apply\n")].count("\n") + 1


def _sessions(body: str) -> list[tuple[list[str], list[str]]]:
    """A console block's commands, each with the lines shown below it."""
    out: list[tuple[list[str], list[str]]] = []
    for row in body.splitlines():
        if row.startswith("$ "):
            out.append((shlex.split(row[2:]), []))
        elif out:
            out[-1][1].append(row)
    return out


def _edit_description(path: Path) -> None:
    """The edit the walk-through describes: db2's web port, db3 gone, coord3 on zk4."""
    text = path.read_text(encoding="utf-8")
    at = text.index('name = "db2"')
    port = text.index("web_port = 7474", at)
    text = text[:port] + "web_port = 8080" + text[port + len("web_port = 7474") :]
    at = text.index('name = "db3"')
    start = text.rindex("[[cluster.database]]", 0, at)
    text = text[:start] + text[text.index("[[cluster.", at) :]
    at = text.index('name = "coord3"')
    host = text.index('host = "zk3.example.com"', at)
    text = text[:host] + 'host = "zk4.example.com"' + text[host + len('host = "zk3.example.com"') :]
    path.write_text(text, encoding="utf-8")


def test_day2_walk_through_is_real(tmp_path: Path) -> None:
    """The walk-through, run as written on the cluster it describes, prints what it shows."""
    hosts = ",".join(f"db{i}.example.com" for i in (1, 2, 3))
    coordinators = ",".join(f"zk{i}.example.com" for i in (1, 2, 3))
    init = ["init", "prod", "--db-hosts", hosts, "--coordinator-hosts", coordinators]
    subprocess.run(
        [sys.executable, "-m", "neoha_config", *init, "--cluster-name", "orders"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    day2 = [(body, line) for body, line in blocks("console") if line > DAY2_START]
    assert len(day2) == 2, "the walk-through: adopt, then edit, plan and apply"
    for index, (body, line) in enumerate(day2):
        if index == 1:
            _edit_description(tmp_path / "cluster.toml")
        for argv, shown in _sessions(body):
            assert argv[0] == "neoha-config", f"README.md:{line}: {argv}"
            done = subprocess.run(
                [sys.executable, "-m", "neoha_config", *argv[1:]],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                check=False,
            )
            printed = (done.stdout + done.stderr).splitlines()
            for row in shown:
                if row != "...":
                    assert row in printed, f"README.md:{line}: not printed: {row}"


def test_mermaid_picture_is_what_graph_prints() -> None:
    ((body, line),) = blocks("mermaid")
    done = subprocess.run(
        [sys.executable, "-m", "neoha_config", "graph", "examples/broken"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert body == done.stdout, f"README.md:{line}: regenerate with graph examples/broken"


# --- data formats -------------------------------------------------------------------------


def test_json_report_example_is_a_report() -> None:
    (body,) = [b for b, _ in blocks("json") if '"version": 1' in b]
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(body), schema)


def test_toml_configuration_loads(tmp_path: Path) -> None:
    (body,) = [b for b, _ in blocks("toml") if "[tool.neoha_config]" in b]
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings.source == tmp_path / "pyproject.toml"
    assert settings.strict
    assert settings.ignore == ("NHA114",)


def test_properties_example_parses() -> None:
    ((body, _line),) = blocks("properties")
    doc = parse(body.encode("latin-1"))
    assert doc.to_dict() == {"ha.machine_id": "1"}


def test_workflow_runs_from_this_repository(examples: Path) -> None:
    (workflow,) = [b for b, _ in blocks("yaml") if "jobs:" in b]
    steps = yaml.safe_load(workflow)["jobs"]["check"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0] == "pip install ."
    script = BIN / "neoha-config"
    assert script.exists()
    for run in runs[1:]:
        argv = shlex.split(run, comments=True)
        assert argv[0] == "neoha-config"
        env = {**os.environ, "GITHUB_ACTIONS": "true"}
        env.pop("GITHUB_STEP_SUMMARY", None)
        done = subprocess.run(
            [str(script), *argv[1:]], capture_output=True, text=True, env=env, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert json.loads((examples / upload["with"]["sarif_file"]).read_text())["version"] == "2.1.0"


@pytest.mark.slow
def test_pre_commit_snippet_refuses_a_deletion(tmp_path: Path) -> None:
    from tests.test_precommit import _commit, _git, _need

    (config,) = [b for b, _ in blocks("yaml") if "repos:" in b]
    hooks_file = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    shipped = {hook["id"]: hook for hook in hooks_file}
    (local,) = yaml.safe_load(config)["repos"][0]["hooks"]
    for key in ("entry", "pass_filenames", "always_run"):
        assert local[key] == shipped[local["id"]][key]
    _need("git")
    pre_commit = BIN / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed beside this Python")
    repo = tmp_path / "consumer"
    shutil.copytree(ROOT / "examples" / "cluster", repo / "prod")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Ops",
        "GIT_AUTHOR_EMAIL": "ops@example.invalid",
        "GIT_COMMITTER_NAME": "Ops",
        "GIT_COMMITTER_EMAIL": "ops@example.invalid",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("GITHUB_ACTIONS", None)
    assert _git(repo, "init", "-q").returncode == 0
    installed = subprocess.run(
        [str(pre_commit), "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    first = _commit(repo, env, "cluster")
    assert first.returncode == 0, first.stdout + first.stderr
    (repo / "prod" / "coord2" / "data" / "coordinator" / "myid").unlink()
    second = _commit(repo, env, "drop a myid")
    assert second.returncode != 0, second.stdout + second.stderr
    assert "NHA204" in second.stdout + second.stderr


# --- python -------------------------------------------------------------------------------


def test_api_example_runs(examples: Path) -> None:
    code = re.findall(r"```python\n(.*?)```", section("Python API"), re.DOTALL)
    assert len(code) == 2, "the Python API section has the provisioning and topology examples"
    for body in code:
        exec(compile(body, "README.md", "exec"), {})  # our own README, run as a user would
    edited = (examples / "prod/db1/conf/neo4j.properties").read_text(encoding="latin-1")
    assert "ha.pull_interval=5s" in edited


def test_catalogue_example_runs() -> None:
    (body,) = re.findall(r"```python\n(.*?)```", section("Key catalogue"), re.DOTALL)
    exec(compile(body, "README.md", "exec"), {})


def test_every_python_block_is_tested() -> None:
    assert len(blocks("python")) == 4  # two in Python API, one in Key catalogue, one day 2


def test_day2_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Day 2 in Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "the day-2 section has no python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(match.group(1), "README.md", "exec"), {})  # our own README, run as a user would
    assert (tmp_path / "prod/db3/conf/neo4j.properties").is_file()
    assert 'host = "zk4.example.com"' in (tmp_path / "cluster.toml").read_text()
