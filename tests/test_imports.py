"""What the ``check`` hook imports: nothing of probe, init, provisioning or unchosen formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "examples/cluster"

# Run the command line in a fresh interpreter, then list every module it imported.
_SCRIPT = """
import json, sys
from neoha_config.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

NEVER_ON_CHECK = (
    "neoha_config.probe",
    "neoha_config.provision",
    "neoha_config.provision.planning",
    "neoha_config.provision.write",
    "neoha_config.provision.applying",
    "neoha_config.provision.changes",
    "neoha_config.provision.day2",
    "neoha_config.provision.description",
    "neoha_config.commands.apply",
    "neoha_config.commands.import_tree",
    "neoha_config.commands.plan",
    "neoha_config.commands.init",
    "neoha_config.commands.probe",
    "neoha_config.commands.schema",
    "neoha_config.commands.explain",
    "neoha_config.schema",
    "neoha_config.atomic",
    "javaproperties",
    "http",
    "http.client",
    "urllib.request",
    "xml.dom",
    "xml.sax",
    "smtplib",  # (ssl and socket are not listed: pydantic itself imports them)
    "jsonschema",
    "hypothesis",
    "difflib",  # only when an unknown key needs a suggestion
)

FORMAT_MODULES = {
    "text": "neoha_config.report.text",
    "json": "neoha_config.report.jsonreport",
    "github": "neoha_config.report.github",
    "sarif": "neoha_config.report.sarif",
}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}  # text by default
    env["NO_COLOR"] = "1"
    return env


def _imported(*argv: str, cwd: Path = ROOT, rules: bool = True) -> set[str]:
    """The modules a run of the command line imports; ``rules``: the check ran its rules
    (a check answered from the cache of an unchanged tree does not)."""
    proc = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=_env(),
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.splitlines()[-1])
    assert report["code"] == 0, proc.stderr  # the example is clean: the check really ran
    modules = set(report["modules"])
    assert ("neoha_config.rules.nha001_unreadable" in modules) is rules  # it ran the rules
    return modules


@pytest.fixture(scope="module")
def plain_check() -> set[str]:
    """The modules of the plain hook run, ``neoha-config check -q examples/cluster``, with
    every rule run (``--no-cache``: not answered from the cache)."""
    return _imported("check", "-q", "--no-cache", EXAMPLE)


def test_a_check_answered_from_the_cache_runs_no_rule_and_imports_no_pydantic(
    tmp_path: Path,
) -> None:
    import shutil

    shutil.copytree(ROOT / EXAMPLE, tmp_path / "cluster")
    first = _imported("check", "-q", "cluster", cwd=tmp_path)
    assert "neoha_config.cached" in first
    warm = _imported("check", "-q", "cluster", cwd=tmp_path, rules=False)
    assert not {"pydantic", "neoha_config.rules", "neoha_config.properties"} & warm
    assert not set(NEVER_ON_CHECK) & warm


@pytest.mark.parametrize("module", NEVER_ON_CHECK)
def test_plain_check_does_not_import(plain_check: set[str], module: str) -> None:
    assert module not in plain_check


def test_plain_check_imports_only_the_text_format(plain_check: set[str]) -> None:
    imported = {fmt for fmt, module in FORMAT_MODULES.items() if module in plain_check}
    assert imported == {"text"}


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_chosen_format_alone_is_imported(fmt: str) -> None:
    modules = _imported(
        "check", "-q", "--no-cache", "--format", fmt, "--output-file", "/dev/null", EXAMPLE
    )
    imported = {f for f, module in FORMAT_MODULES.items() if module in modules}
    # The GitHub report ends with the text report's summary line, so it shares that module.
    assert imported == ({fmt, "text"} if fmt == "github" else {fmt})
    assert not {"neoha_config.probe", "neoha_config.provision", "javaproperties"} & modules


# Modules the hook does not use, beyond those of NEVER_ON_CHECK: the JSON encoder for text
# output, the TOML parser without a pyproject.toml, and shutil (argparse imports
# it, with bz2 and lzma, to measure the terminal unless given a width).
UNUSED_ON_TEXT_CHECK = (
    "json",
    "tomllib",
    "difflib",
    "shutil",
    "bz2",
    "lzma",
    "neoha_config.cache",
    "pickle",
)


# As _SCRIPT, without importing json itself.
_PLAIN_SCRIPT = """
import sys
from neoha_config.cli import main
code = main(sys.argv[1:])
print(code, " ".join(sorted(sys.modules)))
"""


@pytest.fixture(scope="module")
def check_without_pyproject(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules of ``check -q --no-cache cluster`` in a directory with no pyproject.toml."""
    import shutil

    here = tmp_path_factory.mktemp("nopyproject")
    shutil.copytree(ROOT / EXAMPLE, here / "cluster")
    proc = subprocess.run(
        [sys.executable, "-c", _PLAIN_SCRIPT, "check", "-q", "--no-cache", "cluster"],
        cwd=here,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=_env(),
    )
    assert proc.returncode == 0, proc.stderr
    code, *names = proc.stdout.splitlines()[-1].split()
    assert code == "0", proc.stderr
    modules = set(names)
    assert "neoha_config.rules.nha001_unreadable" in modules
    return modules


@pytest.mark.parametrize("module", UNUSED_ON_TEXT_CHECK)
def test_text_check_leaves_out_unused_modules(
    check_without_pyproject: set[str], module: str
) -> None:
    assert module not in check_without_pyproject


def test_python_dash_m_check_exits_with_the_code_after_the_whole_output() -> None:
    """``python -m neoha_config check`` ends the process without interpreter teardown: the
    exit code and every line written must still arrive."""
    case = ROOT / "tests" / "data" / "cases" / "nha101-bad-mode"
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--no-cache", "--format", "json", "."],
        cwd=case,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=_env(),
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert "NHA101" in {d["code"] for d in report["diagnostics"]}
    assert proc.stderr.strip().endswith(".")  # the summary line, flushed before the exit
