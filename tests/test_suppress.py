"""Tests for selection, per-file ignores, severity overrides and suppression comments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neoha_config.config import Settings
from neoha_config.context import CheckContext
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.properties import Document, parse
from neoha_config.rules.nha010_unused_suppression import unused_suppression
from neoha_config.suppress import Policy, apply, directives, parse_directive, select_codes
from neoha_config.tree import Tree

PATH = "prod/db1/conf/neo4j.properties"
ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("NHA004", ["NHA"], [], True),
        ("NHA004", ["NHA"], ["NHA0"], False),
        ("NHA004", ["NHA004"], ["NHA0"], True),  # the more specific select wins
        ("NHA004", ["NHA0"], ["NHA0"], False),  # equal specificity: ignore wins
        ("NHA004", ["NHA00"], ["NHA004"], False),
        ("NHA004", ["NHA3"], [], False),
        ("NHA004", [], [], False),
        ("NHA004", [], ["NHA1"], False),
        ("NHA301", ["NHA0", "NHA3"], ["NHA30"], False),
        ("NHA311", ["NHA0", "NHA3"], ["NHA30"], True),
        ("NHA311", ["NHA", "NHA311"], ["NHA3"], True),
    ],
)
def test_select_codes(code: str, select: list[str], ignore: list[str], expected: bool) -> None:
    assert select_codes(code, select, ignore) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("# neoha: ignore[NHA004]\n", {"NHA004": 17}),
        ("#neoha:ignore[NHA004,NHA005]\r\n", {"NHA004": 15, "NHA005": 22}),
        ("  !  neoha : ignore [ NHA004 ]", {"NHA004": 23}),
        ("# NEOHA: IGNORE[nha004 , NHA004]", {"NHA004": 17}),
        ("# neoha: ignore[NHA004] because the key is new", {"NHA004": 17}),
        ("# neoha: ignore[X, NHA4]", {"X": 17, "NHA4": 20}),
        ("# neoha: ignore", {}),
        ("# neoha: ignore[]", {}),
        ("# neoha: ignore  why", {}),
        ("# neoha: ignored[NHA004]", None),
        ("# noqa: NHA004", None),
        ("# see neoha: ignore[NHA004]", None),
        ("ha.key=# neoha: ignore[NHA004]", None),
    ],
)
def test_parse_directive(raw: str, expected: dict[str, int] | None) -> None:
    assert parse_directive(raw) == expected


def test_directives_find_the_entry_directly_below() -> None:
    doc = parse("# neoha: ignore[NHA004]\nha.a=1\n# neoha: ignore[NHA005]\n\nha.b=2\n")
    found = directives(PATH, doc)
    assert [(d.line, d.entry.key if d.entry else None) for d in found] == [(1, "ha.a"), (3, None)]


def _report(
    diagnostics: list[Diagnostic],
    documents: dict[str, Document],
    settings: Settings,
    cwd: Path | None = None,
) -> list[Diagnostic]:
    """What a check reports: the kept findings plus NHA010 for unused suppressions, sorted."""
    policy = Policy(settings, cwd=cwd)
    outcome = apply(diagnostics, documents, policy)
    ctx = CheckContext(Tree(), unused_suppressions=outcome.unused)
    found = outcome.kept + policy.admit(unused_suppression(ctx))
    return sorted(found, key=lambda d: d.sort_key())


def _diag(code: str, line: int, severity: Severity = WARN, path: str = PATH) -> Diagnostic:
    return Diagnostic(code, severity, f"{code} finding", Location(path, line, 1), key="k")


Expected = tuple[str, int, int, Severity]

CASES: list[tuple[str, str, list[Diagnostic], dict[str, Any], list[Expected]]] = [
    (
        "used suppression",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [_diag("NHA004", 2), _diag("NHA005", 2)],
        {},
        [("NHA005", 2, 1, WARN)],
    ),
    (
        "unused suppression",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [_diag("NHA004", 3)],
        {},
        [("NHA010", 1, 17, INFO), ("NHA004", 3, 1, WARN)],
    ),
    (
        "continuation line and one unused code of two",
        "! neoha: ignore[NHA005, NHA004]\nkey = a \\\n  b\n",
        [_diag("NHA005", 3)],
        {},
        [("NHA010", 1, 25, INFO)],
    ),
    (
        "blank line between comment and key",
        "# neoha: ignore[NHA111]\n\nha.bar=2\n",
        [_diag("NHA111", 3, ERR)],
        {},
        [("NHA010", 1, 17, INFO), ("NHA111", 3, 1, ERR)],
    ),
    (
        "only the comment directly above counts",
        "# neoha: ignore[NHA004]\n# neoha: ignore[NHA005]\nha.x=1\n",
        [_diag("NHA004", 3), _diag("NHA005", 3)],
        {},
        [("NHA010", 1, 17, INFO), ("NHA004", 3, 1, WARN)],
    ),
    (
        "bare directive names no code",
        "# neoha: ignore\nha.baz=3\n",
        [_diag("NHA004", 2)],
        {},
        [("NHA010", 1, 1, INFO), ("NHA004", 2, 1, WARN)],
    ),
    (
        "case-insensitive directive and a bad code",
        "# NEOHA: IGNORE[nha004 , XYZ]\nha.qux=4\n",
        [_diag("NHA004", 2)],
        {},
        [("NHA010", 1, 26, INFO)],
    ),
    (
        "comment at end of file",
        "ha.a=1\n# neoha: ignore[NHA004]",
        [],
        {},
        [("NHA010", 2, 17, INFO)],
    ),
    (
        "NHA010 can be ignored",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [],
        {"ignore": ("NHA010",)},
        [],
    ),
    (
        "NHA010 can be ignored per file",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [],
        {"per_file_ignores": (("prod/**/*.properties", ("NHA01",)),)},
        [],
    ),
    (
        "select narrows everything, NHA010 included",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [_diag("NHA301", 2, ERR), _diag("NHA005", 2)],
        {"select": ("NHA3",)},
        [("NHA301", 2, 1, ERR)],
    ),
    (
        "a suppression of a disabled code is not reported",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [_diag("NHA004", 2)],
        {"ignore": ("NHA004",)},
        [],
    ),
    (
        "a suppression of a code ignored for the file is not reported",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [],
        {"per_file_ignores": (("neo4j.properties", ("NHA004",)),)},
        [],
    ),
    (
        "severity overrides apply to findings and to NHA010",
        "# neoha: ignore[NHA005]\nha.foo=1\n",
        [_diag("NHA004", 2), _diag("NHA301", 5, ERR)],
        {"severity": (("NHA0", ERR), ("NHA010", WARN), ("NHA3", INFO))},
        [("NHA010", 1, 17, WARN), ("NHA004", 2, 1, ERR), ("NHA301", 5, 1, INFO)],
    ),
    (
        "per-file ignores drop findings of their files only",
        "ha.foo=1\n",
        [_diag("NHA004", 1), _diag("NHA004", 1, path="prod/db2/conf/neo4j.properties")],
        {"per_file_ignores": (("prod/db1", ("NHA004",)),)},
        [("NHA004", 1, 1, WARN)],
    ),
    (
        "a finding in another file is not suppressed",
        "# neoha: ignore[NHA004]\nha.foo=1\n",
        [_diag("NHA004", 2, path="prod/db2/conf/neo4j.properties")],
        {},
        [("NHA010", 1, 17, INFO), ("NHA004", 2, 1, WARN)],
    ),
]


@pytest.mark.parametrize(
    ("text", "diagnostics", "settings", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_apply(
    tmp_path: Path,
    text: str,
    diagnostics: list[Diagnostic],
    settings: dict[str, Any],
    expected: list[Expected],
) -> None:
    out = _report(diagnostics, {PATH: parse(text)}, Settings(**settings, base=tmp_path), tmp_path)
    got = [(d.code, d.location.line, d.location.column, d.severity) for d in out]
    assert sorted(got, key=lambda g: (g[0] != "NHA010", g)) == sorted(
        expected, key=lambda g: (g[0] != "NHA010", g)
    )
    assert out == sorted(out, key=lambda d: d.sort_key())


def test_nha010_names_the_key_and_the_reason(tmp_path: Path) -> None:
    doc = parse(
        "# neoha: ignore[NHA004, XYZ]\nha.foo=1\n# neoha: ignore[NHA005]\n\n# neoha: ignore\nx=1\n"
    )
    out = _report([], {PATH: doc}, Settings(base=tmp_path), tmp_path)
    assert [(d.location.line, d.key, d.message) for d in out] == [
        (1, "ha.foo", "unused suppression: no NHA004 finding on 'ha.foo' (line 2)"),
        (1, "ha.foo", "unused suppression: 'XYZ' is not a rule code (like 'NHA004')"),
        (3, None, "unused suppression of NHA005: the comment is not directly above a key"),
        (
            5,
            "x",
            "unused suppression: name the codes to suppress, as in '# neoha: ignore[NHA004]'",
        ),
    ]
    assert all(d.code == "NHA010" and d.location.path == PATH for d in out)


def test_unchanged_findings_are_the_same_objects(tmp_path: Path) -> None:
    diag = _diag("NHA004", 1)
    (out,) = _report([diag], {}, Settings(base=tmp_path), tmp_path)
    assert out is diag


@given(st.text())
def test_apply_never_raises(text: str) -> None:
    doc = parse(text)
    out = _report([_diag("NHA004", 1), _diag("NHA004", 2)], {PATH: doc}, Settings(base=Path("/")))
    assert all(d.code in {"NHA004", "NHA010"} for d in out)
