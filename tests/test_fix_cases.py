"""Fix cases: ``before/`` trees that ``check --fix`` turns into their ``after/`` trees.

Each ``tests/data/fix_cases/<case>/`` holds ``before/``, ``after/`` and ``case.json``: the
``args`` of the run, the codes it ``fixed`` and the keys it ``touched``. The JVM reads every
other key of every properties file exactly as before.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from neoha_config.cli import main
from neoha_config.fix import FIXABLE
from neoha_config.properties import parse
from tests.jvm import JAVA_SOURCES, compile_java, run_java, unavailable
from tests.test_commons_oracle import library, oracle_classpath  # noqa: F401 (fixtures)

CASES_DIR = Path(__file__).parent / "data" / "fix_cases"
CASES = sorted(p.parent for p in CASES_DIR.glob("*/case.json"))
ROOT = Path(__file__).resolve().parents[1]


def _spec(case: Path) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((case / "case.json").read_text(encoding="utf-8"))
    return spec


def _tree(root: Path) -> dict[str, bytes]:
    """The tree's files, but the check's cache (``.neoha_cache``, written where it runs)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".neoha_cache"
    }


def _copy(case: Path, tmp: Path) -> Path:
    work = tmp / "work"
    shutil.copytree(case / "before", work)
    return work


def _fix(
    work: Path, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.chdir(work)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["check", "--fix", *args, "."])
    out, err = capsys.readouterr()
    return code, out, err


def test_cases_exist() -> None:
    assert len(CASES) >= 10


def test_every_fixable_code_has_a_case() -> None:
    fixed = {code for case in CASES for code in _spec(case)["fixed"]}
    assert set(FIXABLE) <= fixed, f"fixable codes without a fix case: {set(FIXABLE) - fixed}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fix_gives_the_after_tree(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _spec(case)
    work = _copy(case, tmp_path)
    code, out, err = _fix(work, spec.get("args", []), monkeypatch, capsys)
    assert code in (0, 1), err
    assert _tree(work) == _tree(case / "after")
    fixed = {line.split(" ")[1] for line in err.splitlines() if " fixed: " in line}
    assert fixed == set(spec["fixed"])
    # Nothing needs a second run, and the report after fixing shows no fixable finding left.
    first = _tree(work)
    code2, out2, err2 = _fix(work, spec.get("args", []), monkeypatch, capsys)
    assert _tree(work) == first
    assert "Fixed 0 findings in 0 files." in err2
    assert " fixed: " not in err2
    assert "[*]" not in out2
    assert (code2, out2) == (code, out)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_diff_applies_with_patch(case: Path, tmp_path: Path) -> None:
    patch = shutil.which("patch")
    if patch is None:
        unavailable("GNU patch is not installed (apt-get install patch)")
    spec = _spec(case)
    work = _copy(case, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    proc = subprocess.run(
        [sys.executable, "-m", "neoha_config", "check", "--diff", *spec.get("args", []), "."],
        cwd=work,
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    changes = _tree(case / "before") != _tree(case / "after")
    assert proc.returncode == (1 if changes else 0), proc.stderr
    assert _tree(work) == _tree(case / "before"), "--diff wrote a file"
    assert bool(proc.stdout) == changes
    if changes:
        applied = subprocess.run(
            [patch, "-p0", "--batch", "--forward"],
            cwd=work,
            input=proc.stdout,
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert applied.returncode == 0, applied.stdout + applied.stderr
    assert _tree(work) == _tree(case / "after")


def _properties_pairs() -> list[tuple[str, bytes, bytes, frozenset[str]]]:
    pairs = []
    for case in CASES:
        touched = frozenset(_spec(case)["touched"])
        before, after = _tree(case / "before"), _tree(case / "after")
        for rel, data in before.items():
            if rel.endswith((".properties", ".cfg")):
                pairs.append((f"{case.name}/{rel}", data, after[rel], touched))
    return pairs


def test_jvm_reads_every_untouched_key_as_before(tmp_path: Path) -> None:
    """``java.util.Properties`` (what the database file and coord.cfg are read with) reads every
    key a fix did not touch exactly as before. The server file is read by Commons
    Configuration in Neo4j; it is compared with ``java.util.Properties`` here too."""
    classes = compile_java(JAVA_SOURCES / "props", tmp_path / "classes")
    pairs = _properties_pairs()
    paths = []
    for i, (_, before, after, _) in enumerate(pairs):
        for side, data in (("b", before), ("a", after)):
            path = tmp_path / f"{i}{side}.properties"
            path.write_bytes(data)
            paths.append(str(path))
    listing = tmp_path / "inputs.txt"
    listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
    lines = run_java("PropsOracle", [classes], [listing]).stdout.splitlines()
    assert len(lines) == 2 * len(pairs)
    for i, (name, _, after, touched) in enumerate(pairs):
        read_before, read_after = (json.loads(line) for line in lines[2 * i : 2 * i + 2])
        assert read_before["ok"], name
        assert read_after["ok"], name
        old, new = read_before["props"], read_after["props"]
        for key in set(old) | set(new):
            if key not in touched:
                assert old.get(key) == new.get(key), f"{name}: {key!r} reads differently"
        assert parse(after).to_dict() == new, f"{name}: the library and the JVM disagree"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_json_report_carries_the_fixes(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The findings ``--fix`` fixes are the ones with an enabled ``fix`` in the JSON report."""
    spec = _spec(case)
    work = _copy(case, tmp_path)
    monkeypatch.chdir(work)
    main(["check", "--format", "json", *spec.get("args", []), "."])
    report = json.loads(capsys.readouterr().out)
    unsafe = "--unsafe-fixes" in spec.get("args", [])
    codes = {
        d["code"]
        for d in report["diagnostics"]
        if "fix" in d and (unsafe or d["fix"]["applicability"] == "safe")
    }
    assert codes == set(spec["fixed"])


def test_commons_configuration_reads_every_untouched_server_key_as_before(
    library: Any,  # noqa: F811 (the oracle fixture imported above)
) -> None:
    """The server reads ``neo4j-server.properties`` with Commons Configuration: Debian's library
    (the oracle of ``tests/test_commons_oracle.py``) gives every key the same first value as
    before, which is what the server's ``getString``/``getInt`` read (a dropped identical
    duplicate leaves one value of two equal ones), and every key a fix did not touch the same
    list of values."""
    pairs = [p for p in _properties_pairs() if p[0].endswith("neo4j-server.properties")]
    assert pairs, "no fix case edits a server file"
    for name, before, after, touched in pairs:
        read_before, read_after = library(before), library(after)
        assert read_before is not None, name
        assert read_after is not None, name
        old, new = dict(map(tuple, read_before[0])), dict(map(tuple, read_after[0]))
        for key, values in old.items():
            if key.startswith("\xef\xbb\xbf"):
                continue  # the byte-order mark glued to the first key: the fix removes it
            assert values[:1] == new.get(key, [])[:1], f"{name}: {key!r} reads differently"
            if key not in touched and len(set(values)) > 1:
                assert values == new[key], f"{name}: {key!r} reads differently"
