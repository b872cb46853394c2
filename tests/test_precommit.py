"""The pre-commit hook end to end: real ``pre-commit`` in a scratch repository using this one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "cluster"

pytestmark = pytest.mark.slow


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("NEOHA_REQUIRE_REAL") == "1":
            pytest.fail(f"{tool} is required (NEOHA_REQUIRE_REAL=1) but not on PATH")
        pytest.skip(f"{tool} is not installed")
    return found


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.fixture
def consumer(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A git repository holding the example cluster, with the hook installed from this repo."""
    return _consumer(tmp_path, "neoha-config")


def _consumer(tmp_path: Path, *hooks: str) -> tuple[Path, dict[str, str]]:
    """A git repository holding the example cluster, with ``hooks`` installed from this repo."""
    _need("git")
    pre_commit = Path(sys.executable).with_name("pre-commit")
    if not pre_commit.exists():
        pytest.skip("pre-commit is not installed beside this Python")
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository")
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    if not head:
        pytest.skip("this repository has no commit yet")
    repo = tmp_path / "consumer"
    shutil.copytree(EXAMPLE, repo / "prod")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "Ops",
        "GIT_AUTHOR_EMAIL": "ops@example.invalid",
        "GIT_COMMITTER_NAME": "Ops",
        "GIT_COMMITTER_EMAIL": "ops@example.invalid",
        "PATH": f"{pre_commit.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("GITHUB_ACTIONS", None)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_uri()}\n    rev: {head}\n    hooks:\n"
        + "".join(f"      - id: {hook}\n" for hook in hooks),
        encoding="utf-8",
    )
    assert _git(repo, "init", "-q").returncode == 0
    installed = subprocess.run(
        [str(pre_commit), "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    return repo, env


def _commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True, timeout=60)
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_clean_tree_passes_and_duplicate_machine_id_is_refused(
    consumer: tuple[Path, dict[str, str]],
) -> None:
    repo, env = consumer
    first = _commit(repo, env, "cluster")
    assert first.returncode == 0, first.stdout + first.stderr
    assert re.search(r"neoha-config\.+Passed", first.stdout + first.stderr)

    db2 = repo / "prod" / "db2" / "conf" / "neo4j.properties"
    text = db2.read_text(encoding="latin-1")
    assert "ha.server_id=2" in text
    db2.write_text(text.replace("ha.server_id=2", "ha.server_id=1"), encoding="latin-1")
    second = _commit(repo, env, "oops")
    output = second.stdout + second.stderr
    assert second.returncode != 0, output
    assert "NHA301" in output
    assert "prod/db2/conf/neo4j.properties" in output
    # the refused commit left the previous one in place
    assert _git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"


def _delete_myid(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Commit the cluster, then a commit that only deletes coord1's myid (ZooKeeper then stops
    at start: NHA204)."""
    first = _commit(repo, env, "cluster")
    assert first.returncode == 0, first.stdout + first.stderr
    (repo / "prod" / "coord1" / "data" / "coordinator" / "myid").unlink()
    return _commit(repo, env, "remove a myid")


def test_file_hook_skips_a_commit_that_only_deletes(tmp_path: Path) -> None:
    repo, env = _consumer(tmp_path, "neoha-config")
    second = _delete_myid(repo, env)
    output = second.stdout + second.stderr
    # The limitation the whole-tree hook exists for: no file to pass, so the hook is skipped.
    assert second.returncode == 0, output
    assert re.search(r"neoha-config\.+\(no files to check\)Skipped", output), output


def test_tree_hook_refuses_a_commit_that_only_deletes(tmp_path: Path) -> None:
    repo, env = _consumer(tmp_path, "neoha-config-tree")
    second = _delete_myid(repo, env)
    output = second.stdout + second.stderr
    assert second.returncode != 0, output
    assert "NHA204" in output
    assert "prod/coord1/conf/coord.cfg" in output
    assert _git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"


def test_manual_fix_hook_fixes_the_named_file(consumer: tuple[Path, dict[str, str]]) -> None:
    repo, env = consumer
    config = repo / ".pre-commit-config.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      - id: neoha-config-fix\n", encoding="utf-8"
    )
    db1 = repo / "prod" / "db1" / "conf" / "neo4j.properties"
    db2 = repo / "prod" / "db2" / "conf" / "neo4j.properties"
    for path in (db1, db2):
        path.write_bytes(path.read_bytes() + b"ha.pull_interval=10\n")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True, timeout=60)
    pre_commit = Path(sys.executable).with_name("pre-commit")
    hook = ["run", "--hook-stage", "manual", "neoha-config-fix"]
    proc = subprocess.run(
        [str(pre_commit), *hook, "--files", "prod/db1/conf/neo4j.properties"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in output
    assert db1.read_bytes().endswith(b"ha.pull_interval=10s\n")
    assert db2.read_bytes().endswith(b"ha.pull_interval=10\n")  # not named: not fixed
