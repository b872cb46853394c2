"""Tests for the text report, its summary line and the colour decision."""

from __future__ import annotations

import io

import pytest

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.report import text
from neoha_config.report.color import want_color
from neoha_config.result import CheckResult, NodeInfo

DB1 = "prod/db1/conf/neo4j.properties"
DB2 = "prod/db2/conf/neo4j.properties"
ODD = "odd:dir,x/conf/coord.cfg"


def sample() -> CheckResult:
    """Findings given out of order, with a group, related sites and awkward characters."""
    diagnostics = [
        Diagnostic(
            "NHA301",
            Severity.ERROR,
            "ha.server_id=2 is also used by db1",
            Location(DB2, 7, 1),
            node="db2",
            key="ha.server_id",
            related=(Location(DB1, 7, 1), Location("prod/db3/conf/neo4j.properties", 8, 1)),
            group="cluster neo4j.ha",
        ),
        Diagnostic(
            "NHA005",
            Severity.WARNING,
            "value '50%, a:b\nnext\x1b[31m' of 'ha.café' has trailing whitespace",
            Location(DB1, 9, 3),
            node="db1",
            key="ha.café",
        ),
        Diagnostic(
            "NHA004",
            Severity.WARNING,
            "unknown key 'ha.pul_interval' (did you mean 'ha.pull_interval'?)",
            Location(DB1, 3, 1),
            node="db1",
            key="ha.pul_interval",
        ),
        Diagnostic(
            "NHA010",
            Severity.INFO,
            "unused suppression: no NHA004 finding on 'tickTime' (line 3)",
            Location(ODD, 2, 18),
            key="tickTime",
        ),
    ]
    nodes = [
        NodeInfo("db1", "prod/db1", ("database",)),
        NodeInfo("db2", "prod/db2", ("database", "coordinator")),
    ]
    return CheckResult(diagnostics=diagnostics, nodes=nodes, files=5)


GOLDEN = (
    "odd:dir,x/conf/coord.cfg:2:18: NHA010 unused suppression: no NHA004 finding on 'tickTime'"
    " (line 3)\n"
    "prod/db1/conf/neo4j.properties:3:1: NHA004 unknown key 'ha.pul_interval'"
    " (did you mean 'ha.pull_interval'?)\n"
    "prod/db1/conf/neo4j.properties:9:3: NHA005 value '50%, a:b\\nnext\\x1b[31m' of 'ha.café'"
    " has trailing whitespace\n"
    "prod/db2/conf/neo4j.properties:7:1: NHA301 ha.server_id=2 is also used by db1"
    " [cluster neo4j.ha]\n"
    "    related: prod/db1/conf/neo4j.properties:7:1\n"
    "    related: prod/db3/conf/neo4j.properties:8:1\n"
)


def test_render_plain_is_the_golden_text() -> None:
    assert text.render(sample()) == GOLDEN


def test_render_without_findings_is_empty() -> None:
    assert text.render(CheckResult(files=3)) == ""


def test_render_color_styles_path_code_and_related() -> None:
    out = text.render(sample(), color=True).splitlines()
    assert out[0].startswith(
        "\x1b[1modd:dir,x/conf/coord.cfg:2:18:\x1b[0m \x1b[1m\x1b[36mNHA010\x1b[0m "
    )
    assert "\x1b[1m\x1b[33mNHA004\x1b[0m" in out[1]
    assert "\x1b[1m\x1b[31mNHA301\x1b[0m" in out[3]
    assert out[3].endswith("\x1b[2m [cluster neo4j.ha]\x1b[0m")
    assert out[4] == "    related: \x1b[2mprod/db1/conf/neo4j.properties:7:1\x1b[0m"
    # The only escape sequences are ours: the one inside the message stays escaped.
    assert "\\x1b[31m" in out[2]


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("plain", "plain"),
        ("tab\there", "tab\\there"),
        ("cr\r\nlf", "cr\\r\\nlf"),
        ("nul\x00bell\x07", "nul\\x00bell\\x07"),
        ("c1\x9bcsi", "c1\\x9bcsi"),
        ("line\u2028sep", "line\\u2028sep"),
        ("naïve ünïcode ✓", "naïve ünïcode ✓"),
    ],
)
def test_control_characters_are_escaped(message: str, shown: str) -> None:
    diag = Diagnostic("NHA004", Severity.WARNING, message, Location("a/b", 2, 5))
    assert text.format_diagnostic(diag) == [f"a/b:2:5: NHA004 {shown}"]


def _result(errors: int, warnings: int, infos: int, nodes: int, files: int) -> CheckResult:
    diags = [
        Diagnostic("NHA001", sev, "m", Location("f"))
        for sev, n in (
            (Severity.ERROR, errors),
            (Severity.WARNING, warnings),
            (Severity.INFO, infos),
        )
        for _ in range(n)
    ]
    node_list = [NodeInfo(f"n{i}", f"n{i}", ("database",)) for i in range(nodes)]
    return CheckResult(diagnostics=diags, nodes=node_list, files=files)


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ((3, 1, 0, 6, 14), "Found 3 errors, 1 warning, 0 infos in 6 nodes (14 files)."),
        ((1, 0, 1, 1, 1), "Found 1 error, 0 warnings, 1 info in 1 node (1 file)."),
        ((0, 0, 2, 2, 3), "Found 0 errors, 0 warnings, 2 infos in 2 nodes (3 files)."),
        ((0, 0, 0, 6, 14), "All checks passed: 6 nodes, 14 files."),
        ((0, 0, 0, 1, 1), "All checks passed: 1 node, 1 file."),
        ((0, 0, 0, 0, 0), "All checks passed: 0 nodes, 0 files."),
    ],
)
def test_summary(counts: tuple[int, int, int, int, int], line: str) -> None:
    assert text.summary(_result(*counts)) == line


class _Tty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class _Closed:
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(
    ("mode", "tty", "env", "expected"),
    [
        ("always", False, {}, True),
        ("always", True, {"NO_COLOR": "1"}, True),
        ("never", True, {}, False),
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": "0"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),  # set but empty: no effect (no-color.org)
        ("auto", True, {"TERM": "dumb"}, False),
        ("auto", True, {"TERM": "xterm-256color"}, True),
    ],
)
def test_want_color(mode: str, tty: bool, env: dict[str, str], expected: bool) -> None:
    assert want_color(mode, _Tty(tty), env) is expected  # type: ignore[arg-type]


def test_want_color_on_a_closed_stream_is_false() -> None:
    assert want_color("auto", _Closed(), {}) is False


def test_want_color_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "yes")
    monkeypatch.delenv("TERM", raising=False)
    assert want_color("auto", _Tty(True)) is False
    monkeypatch.delenv("NO_COLOR")
    assert want_color("auto", _Tty(True)) is True
