"""Tests for the GitHub Actions annotation report."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.report import github
from neoha_config.result import CheckResult, NodeInfo

DB1 = "prod/db1/conf/neo4j.properties"
DB2 = "prod/db2/conf/neo4j.properties"


def sample() -> CheckResult:
    """Findings given out of order, with a group, related sites and awkward characters."""
    diagnostics = [
        Diagnostic(
            "NHA301",
            Severity.ERROR,
            "ha.server_id=2 is also used by db1",
            Location(DB2, 7, 1),
            related=(Location(DB1, 7, 1), Location("prod/db3/conf/neo4j.properties", 8, 1)),
            group="cluster neo4j.ha",
        ),
        Diagnostic(
            "NHA005",
            Severity.WARNING,
            "value '50%, a:b\nnext\r' of 'ha.café' has trailing whitespace",
            Location(DB1, 9, 3),
        ),
        Diagnostic("NHA004", Severity.WARNING, "unknown key 'ha.x' :: odd", Location(DB1, 3, 1)),
        Diagnostic(
            "NHA010",
            Severity.INFO,
            "unused suppression: no NHA004 finding on 'tickTime' (line 3)",
            Location("odd:dir,x%/conf/coord.cfg", 2, 18),
        ),
    ]
    nodes = [NodeInfo("db1", "prod/db1", ("database",)), NodeInfo("db2", "prod/db2", ())]
    return CheckResult(diagnostics=diagnostics, nodes=nodes, files=5)


GOLDEN = (
    "::notice file=odd%3Adir%2Cx%25/conf/coord.cfg,line=2,col=18,title=NHA010::"
    "unused suppression: no NHA004 finding on 'tickTime' (line 3)\n"
    "::warning file=prod/db1/conf/neo4j.properties,line=3,col=1,title=NHA004::"
    "unknown key 'ha.x' :: odd\n"
    "::warning file=prod/db1/conf/neo4j.properties,line=9,col=3,title=NHA005::"
    "value '50%25, a:b%0Anext%0D' of 'ha.café' has trailing whitespace\n"
    "::error file=prod/db2/conf/neo4j.properties,line=7,col=1,title=NHA301::"
    "ha.server_id=2 is also used by db1 [cluster neo4j.ha]"
    "%0Arelated: prod/db1/conf/neo4j.properties:7:1"
    "%0Arelated: prod/db3/conf/neo4j.properties:8:1\n"
    "Found 1 error, 2 warnings, 1 info in 2 nodes (5 files).\n"
)


def test_render_is_the_golden_text() -> None:
    assert github.render(sample()) == GOLDEN


def test_render_without_findings_is_only_the_summary() -> None:
    result = CheckResult(nodes=[NodeInfo("a", "a", ("coordinator",))], files=2)
    assert github.render(result) == "All checks passed: 1 node, 2 files.\n"


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("%0A", "%250A", "%250A"),
        ("a\nb", "a%0Ab", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("héllo ✓", "héllo ✓", "héllo ✓"),
    ],
)
def test_escapes(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


_LINE = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


_CODES = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def _unescape(text: str) -> str:
    # The runner's reverse mapping, in one left-to-right pass.
    return re.sub("%25|%0D|%0A|%3A|%2C", lambda m: _CODES[m.group()], text)


@given(path=st.text(min_size=1), message=st.text())
def test_annotation_parses_back_to_its_fields(path: str, message: str) -> None:
    diag = Diagnostic("NHA004", Severity.WARNING, message, Location(path, 4, 2))
    line = github.format_diagnostic(diag)
    assert "\n" not in line
    assert "\r" not in line
    match = _LINE.fullmatch(line)
    assert match is not None
    assert match.group(1) == "warning"
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    assert props == {"file": props["file"], "line": "4", "col": "2", "title": "NHA004"}
    # What comes back is the text, with control characters shown escaped as the text report does.
    assert _unescape(props["file"]) == github.visible(path)
    assert _unescape(match.group(3)) == github.visible(message)
    assert "\x1b" not in line
    assert "\x07" not in line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("red\x1b[31m", "red\\x1b[31m"),
        ("bell\x07", "bell\\x07"),
        ("nul\x00tab\t", "nul\\x00tab\\t"),
        ("db\udce91", "db\\udce91"),  # a file name byte that is not UTF-8
        ("a\nb\rc", "a\nb\rc"),  # kept: escape_data writes them as %0A and %0D
        ("caf\u00e9", "caf\u00e9"),
    ],
)
def test_visible_escapes_control_characters(raw: str, shown: str) -> None:
    assert github.visible(raw) == shown


def test_escape_and_bell_do_not_reach_the_log() -> None:
    diag = Diagnostic(
        "NHA005", Severity.WARNING, "value 'x\x1b]0;owned\x07' ends badly", Location("a\x1bb", 1, 1)
    )
    line = github.format_diagnostic(diag)
    assert line == (
        "::warning file=a\\x1bb,line=1,col=1,title=NHA005::value 'x\\x1b]0;owned\\x07' ends badly"
    )
    line.encode("utf-8")  # no lone surrogate either
