"""Tests for messages.log finding, bounded reading, parsing and the NHA401-NHA404 rules."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neoha_config import logs as logs_mod
from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.layout import node_from_files
from neoha_config.logs import (
    LOG_TAIL_BYTES,
    LOG_TOTAL_BYTES,
    MAX_LOG_FILES,
    MAX_QUOTED,
    UNKNOWN_LINE,
    EventKind,
    facts_for,
    find_logs,
    kernel_release,
    parse_log,
)
from neoha_config.profile import Profile
from neoha_config.rules import by_code as rules
from neoha_config.tree import FileRole, LogFile, Node, Tree
from tests.rules_support import findings

DATA = Path(__file__).parent / "data" / "logs"
ISO = "2012-07-01 10:00:00.123+0000"
DATE = "Tue Apr 12 09:25:58 CEST 2011"


# --- parser -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "role", "port", "machine_id"),
    [
        (f"{ISO}: Started as master", EventKind.STARTED, "master", None, None),
        (f"{ISO}: Started as slave", EventKind.STARTED, "slave", None, None),
        (f"{DATE}: Started as master", EventKind.STARTED, "master", None, None),
        (f"{DATE}: Started as slave", EventKind.STARTED, "slave", None, None),
        (f"{ISO}: Starting[3] as master", EventKind.STARTING, "master", None, 3),
        (f"{DATE}: Starting[12] as slave", EventKind.STARTING, "slave", None, 12),
        (f"{ISO}: Starting[-1] as slave", EventKind.STARTING, "slave", None, -1),
        (
            f"{ISO}: MasterServer communication server started and bound to 6361",
            EventKind.BOUND,
            None,
            6361,
            None,
        ),
        (
            f"{DATE}: SlaveServer communication server started and bound to 6002",
            EventKind.BOUND,
            None,
            6002,
            None,
        ),
        (
            f"{ISO}: MasterServer communication server started and bound to 6001   ",
            EventKind.BOUND,
            None,
            6001,
            None,
        ),
        (
            f"{ISO}: HA server info already present, trying again",
            EventKind.INFO_PRESENT,
            None,
            None,
            None,
        ),
        # The ISO form without zone or milliseconds (an earlier StringLogger revision's local time).
        ("2012-07-01 10:00:00: Started as slave", EventKind.STARTED, "slave", None, None),
        # Day of month below 10 is zero-padded by Date.toString(); a space-padded one is accepted.
        (
            "Sat Apr  2 09:25:58 CEST 2011: Started as master",
            EventKind.STARTED,
            "master",
            None,
            None,
        ),
    ],
)
def test_parse_one_event(
    line: str, kind: EventKind, role: str | None, port: int | None, machine_id: int | None
) -> None:
    facts = parse_log(line.encode() + b"\n")
    events = facts.starts + facts.bindings + facts.info_present
    assert len(events) == 1
    event = events[0]
    assert (event.kind, event.role, event.port, event.machine_id) == (kind, role, port, machine_id)
    assert event.line == 1
    assert facts.records == 1
    assert event.message == line.split(": ", 1)[1].rstrip()


@pytest.mark.parametrize(
    "line",
    [
        f"{ISO}: Got exception: Started as master",  # not at the start of the message
        f"{ISO}: Started as masterpiece",
        f"{ISO}: Starting[x] as master",
        f"{ISO}: started as master",
        f"{ISO}: MasterServer communication server started and bound to 99999999",
        f"{ISO}: MasterServer communication server started and bound to",
        f"{ISO}: HA server info present",
        "    Started as master",  # a continuation, no record before it
        "Started as master",  # no timestamp
        f"x{ISO}: Started as master",
        "Tue Apr 12 09:25:58 2011: Started as master",  # zone missing
        "2012-07-01T10:00:00.123+0000: Started as master",  # ISO 8601 'T': not StringLogger's
        f"{ISO}: Started as ｍaster",  # noqa: RUF001 (a fullwidth letter on purpose)
        f"{ISO}: MasterServer communication server started and bound to ６３６１",  # noqa: RUF001
    ],
)
def test_parse_no_event(line: str) -> None:
    facts = parse_log(line.encode("utf-8") + b"\n")
    assert facts.starts == facts.bindings == facts.info_present == []


@pytest.mark.parametrize(
    ("timestamp", "when"),
    [
        (ISO, datetime(2012, 7, 1, 10, 0, 0, 123000, tzinfo=UTC)),
        (
            "2012-07-01 12:00:00.5+0200",
            datetime(2012, 7, 1, 12, 0, 0, 500000, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2012-07-01 10:00:00.123Z", datetime(2012, 7, 1, 10, 0, 0, 123000, tzinfo=UTC)),
        ("2012-07-01 10:00:00", datetime(2012, 7, 1, 10, 0, 0)),
        (DATE, datetime(2011, 4, 12, 9, 25, 58)),
        ("Mon Dec 31 23:59:59 GMT+02:00 2012", datetime(2012, 12, 31, 23, 59, 59)),
        # Shaped like a timestamp, not a date: still a record, without a time.
        ("2012-13-45 10:00:00.123+0000", None),
        ("Tue Foo 12 09:25:58 CEST 2011", None),
        ("Tue Feb 30 09:25:58 CEST 2011", None),
    ],
)
def test_parse_timestamp(timestamp: str, when: datetime | None) -> None:
    facts = parse_log(f"{timestamp}: Started as slave\n".encode())
    assert facts.records == 1
    (event,) = facts.starts
    assert event.timestamp == timestamp
    assert event.when == when


@pytest.mark.parametrize(
    ("lines", "role", "last_kind"),
    [
        ([], None, None),
        (["Starting[1] as master", "Started as master"], "master", EventKind.STARTED),
        (["Started as master", "Started as slave"], "slave", EventKind.STARTED),
        (["Started as slave", "Started as master"], "master", EventKind.STARTED),
        # A newer start that has not completed (or failed): no current role.
        (["Started as master", "Starting[1] as slave"], None, EventKind.STARTING),
        (["Started as slave", "Starting[1] as master"], None, EventKind.STARTING),
        (["Starting[1] as master", "Started as master", "Wrote HA server"], "master", None),
    ],
)
def test_role_is_the_last_start(
    lines: list[str], role: str | None, last_kind: EventKind | None
) -> None:
    data = "".join(f"{ISO}: {line}\n" for line in lines).encode()
    facts = parse_log(data)
    assert facts.role == role
    if last_kind is not None:
        assert facts.last_start is not None
        assert facts.last_start.kind is last_kind


def test_parse_mixed_file() -> None:
    """Both formats, garbage and binary lines, stack traces, CRLF, latin-1 bytes, a cut line."""
    facts = parse_log((DATA / "formats" / "mixed.log").read_bytes())
    assert [(e.kind, e.role, e.line) for e in facts.starts] == [
        (EventKind.STARTING, "slave", 1),
        (EventKind.STARTED, "slave", 2),
        (EventKind.STARTING, "master", 14),
        (EventKind.STARTED, "master", 16),
    ]
    assert facts.role == "master"
    # The "already present" text inside a stack trace (line 8) is not a record.
    assert [e.line for e in facts.info_present] == [10, 11]
    assert facts.info_present[0].message == "HA server info already present, trying again"
    assert [(e.port, e.line) for e in facts.bindings] == [(6001, 15)]
    assert facts.last_binding is not None
    assert facts.last_binding.line == 15
    assert (facts.records, facts.continuations, facts.skipped) == (9, 4, 3)


def test_continuation_lines_are_never_facts() -> None:
    data = (
        f"{ISO}: Got exception while starting\n"
        "    Started as master\n"
        "    MasterServer communication server started and bound to 1\n"
        "\tHA server info already present, trying again\n"
        f"{ISO}: Started as slave\n"
    ).encode()
    facts = parse_log(data)
    assert [(e.role, e.line) for e in facts.starts] == [("slave", 5)]
    assert facts.bindings == facts.info_present == []
    assert facts.continuations == 3


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [(1, [2, 4]), (100, [101, 103]), (UNKNOWN_LINE, [None, None])],
)
def test_line_numbers_follow_first_line(first_line: int, expected: list[int | None]) -> None:
    data = f"junk\n{ISO}: Started as slave\n\n{ISO}: Started as master\n".encode()
    facts = parse_log(data, first_line)
    assert [e.line for e in facts.starts] == expected


def test_line_numbers_split_on_lf_only() -> None:
    # A form feed, a vertical tab and U+2028 are characters of a line, not line breaks.
    data = f"{ISO}: a\x0cb\x0bc\u2028d\x1ce\n{ISO}: Started as slave\n".encode()
    (event,) = parse_log(data).starts
    assert event.line == 2


@given(st.binary(max_size=2000))
def test_parse_never_raises(data: bytes) -> None:
    facts = parse_log(data)
    lines = [line for line in data.split(b"\n") if line.removesuffix(b"\r")]
    assert facts.records + facts.continuations + facts.skipped == len(lines)


@given(
    st.lists(
        st.sampled_from(
            [
                f"{ISO}: Started as master",
                f"{DATE}: Started as slave",
                f"{ISO}: Starting[2] as master",
                "    at x.y(Z.java:1)",
                "\x00\xff garbage",
                "",
            ]
        ),
        max_size=30,
    )
)
def test_parse_finds_every_start(lines: list[str]) -> None:
    facts = parse_log("\n".join(lines).encode("utf-8", "surrogateescape"))
    expected = [
        i + 1 for i, line in enumerate(lines) if "Started as" in line or "Starting[" in line
    ]
    assert [e.line for e in facts.starts] == expected


# --- finding and reading ----------------------------------------------------------------------


def _store(home: Path, location: str = "data/graph.db") -> Path:
    store = home / location
    store.mkdir(parents=True, exist_ok=True)
    return store


def _write(path: Path, *lines: str) -> None:
    path.write_bytes("".join(f"{line}\n" for line in lines).encode())


def test_no_logs(tmp_path: Path) -> None:
    assert find_logs(tmp_path, "db1", None) == []
    _store(tmp_path)
    assert find_logs(tmp_path, "db1", None) == []


def test_one_small_log(tmp_path: Path) -> None:
    _write(_store(tmp_path) / "messages.log", f"{ISO}: Started as master")
    (log,) = find_logs(tmp_path, "prod/db1", None)
    assert log.display == "prod/db1/data/graph.db/messages.log"
    assert log.path == tmp_path / "data" / "graph.db" / "messages.log"
    assert (log.rotation, log.first_line, log.error) == (0, 1, None)
    assert log.data == f"{ISO}: Started as master\n".encode()


@pytest.mark.parametrize(
    ("display", "location", "expected"),
    [
        (".", None, "data/graph.db/messages.log"),
        ("", None, "data/graph.db/messages.log"),
        ("db1", "", "db1/data/graph.db/messages.log"),
        ("db1", "store", "db1/store/messages.log"),
        ("a/db1", "data/../other.db", "a/db1/other.db/messages.log"),
        ("a/db1", "../shared/graph.db", "a/shared/graph.db/messages.log"),
    ],
)
def test_display_follows_database_location(
    tmp_path: Path, display: str, location: str | None, expected: str
) -> None:
    home = tmp_path / "home"
    _write(_store(home, location or "data/graph.db") / "messages.log", f"{ISO}: x")
    (log,) = find_logs(home, display, location)
    assert log.display == expected
    assert log.data is not None


def test_absolute_database_location_is_not_read(tmp_path: Path) -> None:
    store = _store(tmp_path, "abs/graph.db")
    _write(store / "messages.log", f"{ISO}: Started as master")
    assert find_logs(tmp_path / "home", "db1", str(store)) == []


def test_rotated_files_newest_first_until_a_start(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _write(
        store / "messages.log",
        f"{ISO}: MasterServer communication server started and bound to 6001",
    )
    _write(store / "messages.log.1", f"{ISO}: Started as master")
    _write(store / "messages.log.2", f"{ISO}: Started as slave")
    _write(store / "messages.log.10", f"{ISO}: Started as slave")
    for ignored in ("messages.log.bak", "messages.log.01", "messages.log.-1", "messages.log.1.gz"):
        _write(store / ignored, f"{ISO}: Started as slave")
    found = find_logs(tmp_path, "db1", None)
    # messages.log has no start, so .1 is read; .1 has one, so older files are not needed.
    assert [log.rotation for log in found] == [0, 1]
    assert [log.display.rsplit("/", 1)[1] for log in found] == ["messages.log", "messages.log.1"]
    facts = facts_for(found)
    assert facts.role == "master"
    assert facts.last_binding is not None
    assert facts.last_binding.path == "db1/data/graph.db/messages.log"
    assert facts.starts[-1].path == "db1/data/graph.db/messages.log.1"


def test_rotated_only(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _write(store / "messages.log.2", f"{ISO}: Started as slave")
    _write(store / "messages.log.3", f"{ISO}: Started as master")
    found = find_logs(tmp_path, "db1", None)
    assert [log.rotation for log in found] == [2]
    assert facts_for(found).role == "slave"


def test_facts_for_orders_files_by_rotation() -> None:
    """A larger rotation number is older, whatever the list order and the timestamps say."""

    def log(rotation: int, *lines: str) -> LogFile:
        data = "".join(f"{line}\n" for line in lines).encode()
        return LogFile(Path(f"m.{rotation}"), f"db/m.{rotation}", rotation, data=data)

    files = [
        log(0, f"{ISO}: Wrote HA server h:6001 to zoo keeper"),
        log(2, "2099-01-01 00:00:00.000+0000: Started as master"),
        log(
            1, f"{DATE}: Started as slave", f"{DATE}: HA server info already present, trying again"
        ),
        LogFile(Path("m.3"), "db/m.3", 3, error="not a regular file"),
    ]
    facts = facts_for(files)
    assert [(e.role, e.path) for e in facts.starts] == [("master", "db/m.2"), ("slave", "db/m.1")]
    assert facts.role == "slave"
    assert [e.line for e in facts.info_present] == [2]
    assert facts.records == 4


def test_at_most_max_files_are_opened(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for n in range(MAX_LOG_FILES + 5):
        name = "messages.log" if n == 0 else f"messages.log.{n}"
        _write(store / name, f"{ISO}: Wrote HA server h:6001 to zoo keeper")
    found = find_logs(tmp_path, "db1", None)
    assert [log.rotation for log in found] == list(range(MAX_LOG_FILES))


class _CountingRead:
    """Counts the bytes ``os.read`` returns while installed."""

    def __init__(self) -> None:
        self.total = 0
        self.calls: list[int] = []
        self._read = os.read

    def __call__(self, fd: int, size: int) -> bytes:
        chunk = self._read(fd, size)
        self.total += len(chunk)
        self.calls.append(len(chunk))
        return chunk


@pytest.fixture
def counting_read(monkeypatch: pytest.MonkeyPatch) -> _CountingRead:
    counter = _CountingRead()
    monkeypatch.setattr(os, "read", counter)  # the logs module reads through os.read
    return counter


def test_huge_sparse_log_reads_only_the_tail(tmp_path: Path, counting_read: _CountingRead) -> None:
    log_path = _store(tmp_path) / "messages.log"
    tail = "".join(
        f"2012-07-01 10:00:{i % 60:02d}.000+0000: Wrote HA server h:6001 to zoo keeper {i}\n"
        for i in range(40_000)
    )
    with log_path.open("wb") as f:
        f.truncate(1 << 30)
        f.seek(1 << 30)
        f.write(tail.encode())
        f.write(f"{ISO}: Started as master\n".encode())
    (log,) = find_logs(tmp_path, "db1", None)
    assert counting_read.total <= LOG_TAIL_BYTES
    assert log.data is not None
    assert LOG_TAIL_BYTES - 200 < len(log.data) < LOG_TAIL_BYTES
    assert log.first_line == UNKNOWN_LINE
    # The cut-off first line was dropped: the data starts with a whole record.
    assert log.data.startswith(b"2012-07-01 10:00:")
    facts = facts_for([log])
    assert facts.role == "master"
    assert facts.starts[-1].line is None
    assert facts.skipped == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # The window is the last 16 bytes; its first byte only tells whether the rest starts a
        # line, so a line is kept only when the byte before it is inside the window.
        (b"0123456789\nabcdefghijklmn\n", b"abcdefghijklmn\n"),
        (b"0123456789\nabcdefghijklmno\n", b""),  # whole in fact, but not provably
        (b"0123456789\nabc\ndefghijklmn\n", b"defghijklmn\n"),
        (b"0123456789abcdefghijklmnopqrstuvwxyz", b""),  # no line break at all
        (b"0123456789abcdef", b"0123456789abcdef"),  # exactly the cap: read whole
    ],
)
def test_tail_drops_the_partial_first_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    counting_read: _CountingRead,
    content: bytes,
    expected: bytes,
) -> None:
    monkeypatch.setattr(logs_mod, "LOG_TAIL_BYTES", 16)
    (_store(tmp_path) / "messages.log").write_bytes(content)
    (log,) = find_logs(tmp_path, "db1", None)
    assert log.data == expected
    assert counting_read.total <= 16
    assert log.first_line == (1 if len(content) <= 16 else UNKNOWN_LINE)


def test_total_budget_bounds_rotated_reads(tmp_path: Path, counting_read: _CountingRead) -> None:
    store = _store(tmp_path)
    for n in range(6):
        name = "messages.log" if n == 0 else f"messages.log.{n}"
        with (store / name).open("wb") as f:
            f.truncate(3 << 20)  # sparse, and no start in any of them
            f.seek(3 << 20)
            f.write(b"\n2012-07-01 10:00:00.000+0000: Wrote HA server h:6001 to zoo keeper\n")
    found = find_logs(tmp_path, "db1", None)
    assert counting_read.total <= LOG_TOTAL_BYTES
    assert len(found) == LOG_TOTAL_BYTES // LOG_TAIL_BYTES
    assert all(log.first_line == UNKNOWN_LINE for log in found)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_messages_log_does_not_hang(tmp_path: Path) -> None:
    store = _store(tmp_path)
    os.mkfifo(store / "messages.log")
    _write(store / "messages.log.1", f"{ISO}: Started as slave")
    result: list[list[LogFile]] = []
    worker = threading.Thread(target=lambda: result.append(find_logs(tmp_path, "db1", None)))
    worker.daemon = True  # a hang must fail this test, not the whole run
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "find_logs blocked on a FIFO"
    (found,) = result
    assert [(log.rotation, log.error, log.data is None) for log in found] == [
        (0, "not a regular file", True),
        (1, None, False),
    ]
    assert facts_for(found).role == "slave"


def test_symlink_loop_and_directory_are_errors(tmp_path: Path) -> None:
    store = _store(tmp_path)
    (store / "messages.log").symlink_to("messages.log")
    (store / "messages.log.1").mkdir()
    _write(store / "messages.log.2", f"{ISO}: Started as slave")
    found = find_logs(tmp_path, "db1", None)
    assert [log.rotation for log in found] == [0, 1, 2]
    assert found[0].error is not None
    assert found[0].data is None
    assert found[1].error == "not a regular file"
    assert found[2].data is not None
    assert str(tmp_path) not in (found[0].error or "")


def test_dangling_symlink_is_no_log(tmp_path: Path) -> None:
    (_store(tmp_path) / "messages.log").symlink_to("nowhere")
    assert find_logs(tmp_path, "db1", None) == []


def test_store_that_is_a_file_is_no_log(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "graph.db").write_bytes(b"Started as master\n")
    assert find_logs(tmp_path, "db1", None) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root reads files without permission"
)
def test_unreadable_log_is_an_error(tmp_path: Path) -> None:
    log_path = _store(tmp_path) / "messages.log"
    _write(log_path, f"{ISO}: Started as master")
    log_path.chmod(0)
    try:
        (log,) = find_logs(tmp_path, "db1", None)
    finally:
        log_path.chmod(0o644)
    assert log.error is not None
    assert log.data is None


# --- rules ------------------------------------------------------------------------------------


def _database_text(ha_server: str | None, server_id: int | None) -> str:
    """A ``neo4j.properties``: ``ha.server_id`` on line 1 when given, ``ha.server`` on line 3."""
    first = f"ha.server_id={server_id}" if server_id is not None else "# database node"
    third = f"ha.server={ha_server}" if ha_server is not None else "# ha.server unset"
    return f"{first}\n#\n{third}\n"


def _node(
    name: str,
    log_lines: list[str] | None = None,
    *,
    ha_server: str | None = "h:6001",
    database: bool = True,
    text: str | None = None,
    logs: list[LogFile] | None = None,
    server_id: int | None = None,
) -> Node:
    """A database node as the loader builds it (``layout.node_from_files``), with its log.

    Its ``neo4j.properties`` is ``text``, by default ``ha.server`` on line 3 and the
    ``ha.server_id`` on line 1; ``database=False`` gives a home with a server file only.
    """
    if database:
        files = {FileRole.DATABASE: text or _database_text(ha_server, server_id)}
    else:
        files = {FileRole.SERVER: "org.neo4j.server.database.mode=HA\n"}
    node = node_from_files(name, files)
    if logs is not None:
        node.logs = logs
    elif log_lines is not None:
        data = "".join(f"{line}\n" for line in log_lines).encode()
        node.logs = [
            LogFile(
                Path(name, "data/graph.db/messages.log"),
                f"{name}/data/graph.db/messages.log",
                0,
                data=data,
            )
        ]
    return node


def _check(*nodes: Node, include_logs: bool = True) -> list[Diagnostic]:
    return findings(Tree(nodes=list(nodes)), codes=("NHA4",), include_logs=include_logs)


BOUND = "MasterServer communication server started and bound to"
PRESENT = "HA server info already present, trying again"


def test_rules_are_registered_with_docs() -> None:
    registered = rules()
    for code, severity in (
        ("NHA401", Severity.ERROR),
        ("NHA402", Severity.WARNING),
        ("NHA403", Severity.WARNING),
        ("NHA404", Severity.ERROR),
    ):
        rule = registered[code]
        assert rule.severity is severity
        assert "**How to fix:**" in rule.doc
        assert "```" in rule.doc


def test_port_mismatch_fires() -> None:
    node = _node("db1", [f"{ISO}: Starting[1] as master", f"{ISO}: {BOUND} 6361"])
    (diag,) = _check(node)
    assert diag.code == "NHA402"
    assert diag.severity is Severity.WARNING
    assert diag.location == Location("db1/data/graph.db/messages.log", 2, 1)
    assert diag.related == (Location("db1/conf/neo4j.properties", 3, 1),)
    assert (diag.node, diag.key) == ("db1", "ha.server")
    assert f'"{BOUND} 6361" at {ISO}' in diag.message
    assert "ha.server=h:6001" in diag.message
    assert "db1" in diag.message


@pytest.mark.parametrize(
    ("lines", "ha_server", "fires"),
    [
        ([f"{ISO}: {BOUND} 6001"], "h:6001", False),
        ([f"{ISO}: {BOUND} 6002"], "h:6001", True),
        ([f"{ISO}: {BOUND} 6002", f"{ISO}: {BOUND} 6001"], "h:6001", False),  # the last one counts
        ([f"{ISO}: {BOUND} 6001", f"{ISO}: {BOUND} 6002"], "h:6001", True),
        ([f"{ISO}: {BOUND} 6361"], None, False),  # unset: the default 6361
        ([f"{ISO}: {BOUND} 6001"], None, True),
        ([f"{ISO}: {BOUND} 6001"], "h:notaport", False),  # invalid ha.server: NHA108's business
        ([f"{ISO}: Started as master"], "h:6001", False),  # nothing bound in the log
        ([f"    {BOUND} 6002"], "h:6001", False),  # a continuation line is no evidence
    ],
)
def test_port_mismatch_table(lines: list[str], ha_server: str | None, fires: bool) -> None:
    codes = [d.code for d in _check(_node("db1", lines, ha_server=ha_server))]
    assert codes == (["NHA402"] if fires else [])


def test_port_mismatch_with_unset_ha_server_has_no_related_site() -> None:
    (diag,) = _check(_node("db1", [f"{ISO}: {BOUND} 6001"], ha_server=None))
    assert diag.related == ()
    assert "default port 6361" in diag.message


def test_port_mismatch_silent_without_database_settings() -> None:
    assert _check(_node("db1", [f"{ISO}: {BOUND} 6002"], database=False)) == []


def test_info_present_fires_once_at_the_last() -> None:
    lines = [f"{ISO}: Starting[1] as slave", f"{ISO}: {PRESENT}", "    at x", f"{DATE}: {PRESENT}"]
    text = "#\n#\nha.server=h:6001\n#\nha.machine_id=1\n"
    (diag,) = _check(_node("db2", lines, text=text))
    assert diag.code == "NHA403"
    assert diag.location == Location("db2/data/graph.db/messages.log", 4, 1)
    assert "2 times" in diag.message
    assert f'"{PRESENT}" at {DATE}' in diag.message
    assert diag.node == "db2"
    assert diag.related == (Location("db2/conf/neo4j.properties", 5, 1),)


def test_info_present_once_is_a_restart_and_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    # The znode of the previous run outlives it by the session timeout: once is normal.
    db1 = _node("db1", [f"{ISO}: Started as master"], server_id=1)
    db2 = _node("db2", [f"{ISO}: {PRESENT}"], server_id=2)
    _patch_topology(monkeypatch, _cluster(db1, db2))
    assert _check(db1, db2) == []
    assert _check(_node("db3", [f"{ISO}: {PRESENT}"])) == []  # no machine id: no topology


@pytest.mark.parametrize(
    "between", ["Started as slave", "Shutdown[2], HighlyAvailableGraphDatabase"]
)
def test_info_present_once_per_start_is_silent(
    monkeypatch: pytest.MonkeyPatch, between: str
) -> None:
    lines = [f"{ISO}: {PRESENT}", f"{ISO}: {between}", f"{DATE}: {PRESENT}"]
    db2 = _node("db2", lines, server_id=2)
    _patch_topology(monkeypatch, _cluster(db2))
    assert _check(db2) == []


def test_info_present_twice_in_one_start_fires(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        f"{ISO}: {PRESENT}",
        f"{ISO}: Started as slave",
        f"{ISO}: {PRESENT}",
        f"{DATE}: {PRESENT}",
    ]
    db2 = _node("db2", lines, server_id=2)
    _patch_topology(monkeypatch, _cluster(db2))
    (diag,) = _check(db2)
    assert diag.code == "NHA403"
    assert diag.location.line == 4
    assert "2 times in one start" in diag.message
    assert "probably" in diag.message
    assert "another live instance" not in diag.message


def test_info_present_repeated_with_a_duplicate_machine_id_names_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db1 = _node("db1", [f"{ISO}: Started as master"], server_id=2)
    db2 = _node("db2", [f"{ISO}: {PRESENT}", f"{ISO}: {PRESENT}"], server_id=2)
    _patch_topology(monkeypatch, _cluster(db1, db2))
    (diag,) = _check(db1, db2)
    assert (diag.code, diag.node) == ("NHA403", "db2")
    assert "node db1 of the same HA cluster has the same machine id" in diag.message
    # Its own id setting, then the other node's.
    assert diag.related == (
        Location("db2/conf/neo4j.properties", 1, 1),
        Location("db1/conf/neo4j.properties", 1, 1),
    )


def test_info_present_once_with_a_duplicate_machine_id_fires(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db1 = _node("db1", [f"{ISO}: Started as master"], server_id=1)
    db2 = _node("db2", [f"{ISO}: {PRESENT}"], server_id=1)
    db3 = _node("db3", [f"{ISO}: {PRESENT}"], server_id=3)
    _patch_topology(monkeypatch, _cluster(db1, db2, db3))
    (diag,) = _check(db1, db2, db3)
    assert (diag.code, diag.node) == ("NHA403", "db2")
    assert "once in one start" in diag.message
    assert "node db1 of the same HA cluster has the same machine id" in diag.message


def test_info_present_once_with_the_id_in_another_cluster_is_silent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db1 = _node("db1", [f"{ISO}: Started as master"], server_id=1)
    db2 = _node("db2", [f"{ISO}: {PRESENT}"], server_id=1)
    _patch_topology(monkeypatch, _cluster(db1, name="a"), _cluster(db2, name="b"))
    assert _check(db1, db2) == []


@pytest.mark.parametrize(
    "node",
    [
        _node("db1", None),  # no logs at all
        _node("db1", []),  # an empty log
        _node("db1", logs=[LogFile(Path("m"), "db1/m", 0, error="not a regular file")]),
        _node("db1", [f"{ISO}: Started as master", f"{ISO}: {BOUND} 6001"]),
        _node("db1", [f"{ISO}: Started as master: {PRESENT}"]),
    ],
)
def test_silent(node: Node) -> None:
    assert _check(node) == []


def test_include_logs_off_skips_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(logs_mod, "parse_log", _fail)
    node = _node("db1", [f"{ISO}: {BOUND} 6002", f"{ISO}: {PRESENT}"])
    assert _check(node, include_logs=False) == []


def test_logs_are_parsed_once_per_node(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    parse = logs_mod.parse_log

    def counting(data: bytes, first_line: int = 1) -> logs_mod.LogFacts:
        calls.append(data)
        return parse(data, first_line)

    monkeypatch.setattr(logs_mod, "parse_log", counting)
    node = _node("db1", [f"{ISO}: {BOUND} 6002", f"{ISO}: {PRESENT}", f"{ISO}: {PRESENT}"])
    assert [d.code for d in _check(node)] == ["NHA402", "NHA403"]
    assert len(calls) == 1


def test_unknown_line_is_located_at_line_one_and_says_so() -> None:
    data = f"{ISO}: {PRESENT}\n{ISO}: {PRESENT}\n".encode()
    log = LogFile(Path("m"), "db1/data/graph.db/messages.log", 0, data=data, first_line=0)
    (diag,) = _check(_node("db1", logs=[log]))
    assert diag.location == Location("db1/data/graph.db/messages.log", 1, 1)
    assert "line not counted: only the last 1 MiB" in diag.message


def _fail(*args: object, **kwargs: object) -> Any:
    raise AssertionError("must not be called")


def _cluster(*nodes: Node, name: str = "neo4j.ha") -> topology.HACluster:
    return topology.HACluster(name=name, nodes=list(nodes), label=f"cluster {name}")


def _patch_topology(monkeypatch: pytest.MonkeyPatch, *clusters: topology.HACluster) -> None:
    monkeypatch.setattr(
        topology, "build", lambda tree, live=None: topology.Topology(clusters=list(clusters))
    )


def _master(name: str, when: str = ISO) -> Node:
    return _node(name, [f"{when}: Starting[1] as master", f"{when}: Started as master"])


def _slave(name: str) -> Node:
    return _node(name, [f"{ISO}: Starting[2] as slave", f"{ISO}: Started as slave"])


def test_two_masters_report_the_later_one(monkeypatch: pytest.MonkeyPatch) -> None:
    db1 = _master("db1", "2012-07-01 10:05:00.000+0000")
    db2 = _master("db2", "2012-07-01 10:00:00.000+0000")
    db3 = _slave("db3")
    _patch_topology(monkeypatch, _cluster(db1, db2, db3))
    (diag,) = _check(db1, db2, db3)
    assert (diag.code, diag.severity, diag.node) == ("NHA401", Severity.ERROR, "db1")
    assert diag.location == Location("db1/data/graph.db/messages.log", 2, 1)
    assert diag.related == (Location("db2/data/graph.db/messages.log", 2, 1),)
    assert diag.group == "cluster neo4j.ha"
    assert '"Started as master" at 2012-07-01 10:05:00.000+0000' in diag.message
    assert "db2" in diag.message


def test_three_masters_two_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    # 1.3 timestamps and ISO ones do not compare: the first in cluster order is kept.
    db1, db2, db3 = _master("db1"), _master("db2", DATE), _master("db3")
    _patch_topology(monkeypatch, _cluster(db1, db2, db3))
    found = _check(db1, db2, db3)
    assert [(d.code, d.node) for d in found] == [("NHA401", "db2"), ("NHA401", "db3")]
    assert set(found[0].related) == {
        Location("db1/data/graph.db/messages.log", 2, 1),
        Location("db3/data/graph.db/messages.log", 2, 1),
    }


@pytest.mark.parametrize(
    "make",
    [
        # One master per cluster: two clusters on one ensemble.
        lambda: ([_master("a1"), _slave("a2")], [_master("b1"), _slave("b2")]),
        # A second master whose newer start as slave has not completed: not counted.
        lambda: (
            [
                _master("a1"),
                _node("a2", [f"{ISO}: Started as master", f"{ISO}: Starting[2] as slave"]),
            ],
        ),
        # A master whose newer completed start was as slave.
        lambda: (
            [
                _master("a1"),
                _node("a2", [f"{ISO}: Started as master", f"{DATE}: Started as slave"]),
            ],
        ),
    ],
)
def test_one_master_per_cluster_is_silent(monkeypatch: pytest.MonkeyPatch, make: Any) -> None:
    groups = make()
    _patch_topology(
        monkeypatch, *(_cluster(*nodes, name=f"c{i}") for i, nodes in enumerate(groups))
    )
    assert _check(*(n for nodes in groups for n in nodes)) == []


def test_topology_is_built_only_for_two_masters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topology, "build", _fail)
    assert _check(_master("db1"), _slave("db2"), _slave("db3")) == []


def test_healthy_cluster_logs_by_hand() -> None:
    """The healthy example's real logs, found and read by find_logs, give no finding."""
    nodes = []
    for name, port in (("db1", 6001), ("db2", 6002), ("db3", 6003)):
        node = _node(name, ha_server=f"localhost:{port}")
        node.logs = find_logs(DATA / "healthy" / name, name, "data/graph.db")
        assert node.logs
        nodes.append(node)
    roles = [facts_for(node.logs).role for node in nodes]
    assert roles == ["master", "slave", "slave"]
    assert _check(*nodes) == []


# --- end to end: loader, topology and the check command ---------------------------------------


def _load_and_check(case: Path) -> list[tuple[str, str | None, str, int]]:
    from neoha_config.layout import load_tree

    tree = load_tree([case], cwd=case)
    found = findings(tree, codes=("NHA4",), profile=Profile.ZK33)
    return [(d.code, d.node, d.location.path, d.location.line) for d in found]


def test_loader_finds_logs_and_healthy_cluster_is_silent() -> None:
    from neoha_config.layout import load_tree

    tree = load_tree([DATA / "healthy"], cwd=DATA / "healthy")
    assert sorted(log.display for node in tree.nodes for log in node.logs) == [
        f"db{i}/data/graph.db/messages.log" for i in (1, 2, 3)
    ]
    assert _load_and_check(DATA / "healthy") == []


def test_loader_split_brain() -> None:
    assert _load_and_check(DATA / "split-brain") == [
        ("NHA401", "db2", "db2/data/graph.db/messages.log", 7)
    ]


def test_loader_port_mismatch_and_info_present(tmp_path: Path) -> None:
    case = tmp_path / "healthy"
    shutil.copytree(DATA / "healthy", case)
    props = case / "db2" / "conf" / "neo4j.properties"
    props.write_text(props.read_text().replace("localhost:6002", "localhost:6012"))
    with (case / "db3" / "data" / "graph.db" / "messages.log").open("a") as f:
        f.write(f"{DATE}: {PRESENT}\n{DATE}: {PRESENT}\n")
    assert _load_and_check(case) == [
        ("NHA402", "db2", "db2/data/graph.db/messages.log", 5),
        ("NHA403", "db3", "db3/data/graph.db/messages.log", 12),
    ]


def _run_check(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> list[dict[str, Any]]:
    from neoha_config.cli import main

    monkeypatch.chdir(case)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    main(["check", "--format", "json", "."])
    report = json.loads(capsys.readouterr().out)
    diags: list[dict[str, Any]] = report["diagnostics"]
    return diags


def test_healthy_cluster_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    case = tmp_path / "healthy"
    shutil.copytree(DATA / "healthy", case)
    diags = _run_check(case, monkeypatch, capsys)
    assert [d for d in diags if d["code"].startswith("NHA4")] == []


def test_split_brain_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    case = tmp_path / "split-brain"
    shutil.copytree(DATA / "split-brain", case)
    diags = _run_check(case, monkeypatch, capsys)
    found = [d for d in diags if d["code"].startswith("NHA4")]
    assert [(d["code"], d["node"], d["path"], d["line"]) for d in found] == [
        ("NHA401", "db2", "db2/data/graph.db/messages.log", 7)
    ]
    assert found[0]["related"] == [
        {"path": "db1/data/graph.db/messages.log", "line": 7, "column": 1}
    ]


def test_port_mismatch_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    case = tmp_path / "healthy"
    shutil.copytree(DATA / "healthy", case)
    props = case / "db2" / "conf" / "neo4j.properties"
    props.write_text(props.read_text().replace("localhost:6002", "localhost:6012"))
    diags = _run_check(case, monkeypatch, capsys)
    found = [d for d in diags if d["code"].startswith("NHA4")]
    assert [(d["code"], d["node"], d["line"]) for d in found] == [("NHA402", "db2", 5)]
    assert found[0]["related"] == [{"path": "db2/conf/neo4j.properties", "line": 3, "column": 1}]


def test_find_logs_with_nul_byte_in_location_finds_nothing(tmp_path: Path) -> None:
    assert find_logs(tmp_path, "node", "data/\x00graph.db") == []


# --- logback format, Shutdown[, kernel version, HA failure messages ---------------------------

LOGBACK_18 = "2012-07-01 10:00:00,123 INFO  [neo4j.ha]"  # %date{ISO8601} %-5level [%c]
LOGBACK_19 = "2013-03-13 21:55:13.456+0000 DEBUG [o.n.k.h.HighlyAvailableGraphDatabase]"


@pytest.mark.parametrize(
    ("prefix", "timestamp", "when"),
    [
        (LOGBACK_18, "2012-07-01 10:00:00,123", datetime(2012, 7, 1, 10, 0, 0, 123000)),
        (
            LOGBACK_19,
            "2013-03-13 21:55:13.456+0000",
            datetime(2013, 3, 13, 21, 55, 13, 456000, tzinfo=UTC),
        ),
        ("2012-07-01 10:00:00,123 ERROR [neo4j.diagnostics]", "2012-07-01 10:00:00,123", None),
        ("2012-07-01 10:00:00,123 WARN  []", "2012-07-01 10:00:00,123", None),
        ("2012-07-01 10:00:00,123 TRACE [a b]", "2012-07-01 10:00:00,123", None),
    ],
)
def test_parse_logback_records(prefix: str, timestamp: str, when: datetime | None) -> None:
    facts = parse_log(f"{prefix}: Started as master\n".encode())
    (event,) = facts.starts
    assert (event.kind, event.role, event.timestamp) == (EventKind.STARTED, "master", timestamp)
    assert event.message == "Started as master"
    if when is not None:
        assert event.when == when


@pytest.mark.parametrize(
    "line",
    [
        "2012-07-01 10:00:00,123 NOTICE [neo4j.ha]: Started as master",  # no such level
        "2012-07-01 10:00:00,123 INFO neo4j.ha: Started as master",  # no brackets
        "2012-07-01 10:00:00,123 INFO  [neo4j.ha] Started as master",  # no colon
    ],
)
def test_parse_logback_lookalikes_are_not_records(line: str) -> None:
    facts = parse_log(f"{line}\n".encode())
    assert (facts.records, facts.starts) == (0, [])


@pytest.mark.parametrize("prefix", [f"{ISO}:", f"{DATE}:", f"{LOGBACK_18}:"])
def test_parse_shutdown(prefix: str) -> None:
    line = f"{prefix} Shutdown[3], HighlyAvailableGraphDatabase[/var/neo4j/data/graph.db]"
    (event,) = parse_log(f"{line}\n".encode()).shutdowns
    assert (event.kind, event.machine_id) == (EventKind.SHUTDOWN, 3)


@pytest.mark.parametrize(
    ("lines", "stopped"),
    [
        (["Started as master", "Shutdown[1], HAGDB"], True),
        (["Starting[1] as master", "Shutdown[1], HAGDB"], True),
        (["Shutdown[1], HAGDB", "Started as master"], False),
        (["Shutdown[1], HAGDB", "Starting[1] as slave"], False),
        (["Started as master"], False),
        (["Shutdown[1], HAGDB"], True),
        ([], False),
    ],
)
def test_stopped_follows_the_newest_start(lines: list[str], stopped: bool) -> None:
    data = "".join(f"{ISO}: {line}\n" for line in lines).encode()
    assert parse_log(data).stopped is stopped


@pytest.mark.parametrize(
    ("server", "port"),
    [("MasterServer", 6001), ("SlaveServer", 6002), ("BackupServer", 6362)],
)
def test_bound_records_name_their_server(server: str, port: int) -> None:
    line = f"{ISO}: {server} communication server started and bound to {port}\n"
    (event,) = parse_log(line.encode()).bindings
    assert (event.server, event.port) == (server, port)


def test_last_ha_binding_skips_the_backup_server() -> None:
    data = (
        f"{ISO}: MasterServer communication server started and bound to 6001\n"
        f"{ISO}: BackupServer communication server started and bound to 6362\n"
    ).encode()
    facts = parse_log(data)
    assert facts.last_binding is not None
    assert facts.last_binding.port == 6362
    assert facts.last_ha_binding is not None
    assert facts.last_ha_binding.port == 6001
    only_backup = parse_log(
        b"2012-07-01 10:00:00: BackupServer communication server started and bound to 6362\n"
    )
    assert only_backup.last_ha_binding is None


@pytest.mark.parametrize(
    ("text", "release"),
    [
        ("Neo4j - Graph Database Kernel 1.3", "1.3"),
        ("Neo4j - Graph Database Kernel 1.4.M04", "1.4"),
        ("Neo4j - Graph Database Kernel 1.5.1", "1.5"),
        ("Neo4j - Graph Database Kernel 1.8.RC1", "1.8"),
        ("Neo4j - Graph Database Kernel 1.9-SNAPSHOT (revision: 1.8-1234-gabcdef)", "1.9"),
        ("Neo4j - Graph Database Kernel (neo4j-kernel), version: 1.9.2", "1.9"),
        ("Neo4j Kernel, unpackaged version unknown", None),
        ("Neo4j Kernel, unpackaged version revision: 1.8.M01-42-gabcdef", None),
        ("Neo4j Kernel, unpackaged version 1.9-SNAPSHOT", None),
        ("Neo4j - Graph Database Kernel 2.0.0", None),
        ("Neo4j - Graph Database Kernel 1.10", None),
        ("Neo4j - Graph Database Kernel 1.2", None),
    ],
)
def test_kernel_version_record(text: str, release: str | None) -> None:
    (event,) = parse_log(f"{ISO}: Kernel version: {text}\n".encode()).kernels
    assert (event.kind, event.release) == (EventKind.KERNEL, release)
    log = LogFile(Path("m"), "m", 0, data=f"{LOGBACK_19}: Kernel version: {text}\n".encode())
    assert kernel_release([log]) == release


def _log(rotation: int, *lines: str) -> LogFile:
    data = "".join(f"{line}\n" for line in lines).encode()
    return LogFile(Path(f"m.{rotation}"), f"m.{rotation}", rotation, data=data)


def test_kernel_release_takes_the_newest_record() -> None:
    k = "Kernel version: Neo4j - Graph Database Kernel"
    newest = _log(0, f"{ISO}: {k} 1.7", f"{ISO}: Started as master", f"{ISO}: {k} 1.8")
    older = _log(1, f"{ISO}: {k} 1.6")
    assert kernel_release([older, newest]) == "1.8"
    assert kernel_release([_log(0, f"{ISO}: Started as master"), older]) == "1.6"
    # The newest record decides even when it names no release.
    assert kernel_release([_log(0, f"{ISO}: {k} 2.0"), older]) is None
    # A line that is no record (indented, a trace, garbage) is not a kernel record.
    assert kernel_release([_log(0, f"{ISO}: {k} 1.5", f"    {k} 1.9", f"x {k} 1.9")]) == "1.5"
    assert kernel_release([_log(0, f"    {k} 1.9")]) is None
    assert kernel_release([]) is None
    assert kernel_release([LogFile(Path("m"), "m", 0, error="not a regular file")]) is None


@given(st.binary(max_size=2000))
def test_kernel_release_never_raises(data: bytes) -> None:
    result = kernel_release([LogFile(Path("m"), "m", 0, data=data + b"Kernel version: 1.5")])
    assert result in (None, *logs_mod.RELEASES)


FAILURE_LINES = {
    "branched-data": "Branched data, I (machineId:2) think machineId for txId (41) is 1, "
    "but master (machineId:1) says that it's 3",
    "broken-store": "Broken store, I (machineId:2) think machineId for txId (41) is 1, "
    "but master (machineId:1) says that it's 3",
    "store-id-mismatch": "StoreId in database doesn't match that of the ZK cluster",
    "not-allowed-to-create-cluster": "Not allowed to create cluster",
    "multiple-roots": "Multiple roots found, 1234_5678 and 8765_4321",
    "bind-failed": "Failed to bind master server to port 6361",
    "zookeeper-timeout": "Connection to ZooKeeper server timed out, keeper state=Disconnected",
    "zookeeper-client": "Unable to create zoo keeper client",
}


def test_every_failure_has_a_line() -> None:
    assert set(FAILURE_LINES) == set(logs_mod.FAILURES)


@pytest.mark.parametrize(("key", "text"), sorted(FAILURE_LINES.items()))
def test_failure_as_a_record(key: str, text: str) -> None:
    for prefix in (ISO, DATE, LOGBACK_18):
        (event,) = parse_log(f"{prefix}: {text}\n".encode()).failures
        assert (event.kind, event.failure, event.message) == (EventKind.FAILURE, key, text)


def test_failure_of_13_milestones() -> None:
    line = f"{DATE}: Broken store, my last committed tx,machineId[41,1] but master says 3\n"
    (event,) = parse_log(line.encode()).failures
    assert event.failure == "broken-store"


@pytest.mark.parametrize(("key", "text"), sorted(FAILURE_LINES.items()))
def test_failure_in_a_stack_trace(key: str, text: str) -> None:
    data = (
        f"{ISO}: Reevaluation ended in unknown exception\n"
        f"org.neo4j.kernel.ha.zookeeper.ZooKeeperException: {text}\n"
        f"\tat org.neo4j.kernel.ha.zookeeper.ZooClient.x(ZooClient.java:1)\n"
        f"Caused by: java.lang.RuntimeException: {text}\n"
    ).encode()
    (event,) = parse_log(data).failures  # once per record, at its first line
    assert (event.failure, event.line, event.timestamp) == (key, 2, ISO)
    assert event.message.startswith("org.neo4j.kernel.ha.zookeeper.ZooKeeperException: ")


def test_failure_record_and_its_trace_count_once_and_frames_never() -> None:
    text = FAILURE_LINES["branched-data"]
    data = (
        f"{ISO}: {text}\n"
        f"java.lang.RuntimeException: {text}\n"
        f"\tat Foo.bar(Foo.java:1) {text}\n"
        f"{ISO}: {text}\n"
        f"garbage line\n"
        f"java.lang.RuntimeException: {text}\n"  # after garbage: belongs to no record
    ).encode()
    assert [e.line for e in parse_log(data).failures] == [1, 4]
    frames_only = f"{ISO}: x\n\tat Foo.{FAILURE_LINES['multiple-roots']}(F.java:1)\n".encode()
    assert parse_log(frames_only).failures == []


def test_failure_message_is_bounded() -> None:
    text = FAILURE_LINES["store-id-mismatch"] + " /x" * 1000
    (event,) = parse_log(f"{ISO}: {text}\n".encode()).failures
    assert len(event.message) == MAX_QUOTED
    assert event.message.endswith("...")


@pytest.mark.parametrize(
    "line",
    [
        f"{ISO}: Started as master",  # a start is no failure
        f"{ISO}: Branched data detected",  # not the message
        f"{ISO}: Failed to bind backup server to port 6362",
        "Branched data, I (machineId:2) think ...",  # no record
    ],
)
def test_failure_near_misses(line: str) -> None:
    assert parse_log(f"{line}\n".encode()).failures == []


# --- rules on the new facts -------------------------------------------------------------------


def test_stopped_master_is_no_second_master(monkeypatch: pytest.MonkeyPatch) -> None:
    # A normal failover: db1 was master and shut down, db2 took over.
    db1 = _node(
        "db1",
        [
            f"{ISO}: Starting[1] as master",
            f"{ISO}: Started as master",
            f"{ISO}: Shutdown[1], HAGDB",
        ],
    )
    db2 = _master("db2")
    _patch_topology(monkeypatch, _cluster(db1, db2))
    assert _check(db1, db2) == []


def test_two_running_masters_may_be_split_brain(monkeypatch: pytest.MonkeyPatch) -> None:
    db1 = _node("db1", [f"{ISO}: Shutdown[1], HAGDB", f"{ISO}: Started as master"])
    db2 = _master("db2")
    _patch_topology(monkeypatch, _cluster(db1, db2))
    (diag,) = _check(db1, db2)
    assert diag.code == "NHA401"
    assert "may have 2 masters" in diag.message
    assert "crashed" in diag.message


def test_port_mismatch_ignores_the_backup_server() -> None:
    backup = "BackupServer communication server started and bound to"
    slave = "SlaveServer communication server started and bound to"
    # 1.3-1.7 slave: no HA server, only the backup server.
    assert _check(_node("db2", [f"{ISO}: Started as slave", f"{ISO}: {backup} 6362"])) == []
    # A master binds 6001 and the backup server 6362 after it: compared on 6001.
    assert _check(_node("db1", [f"{ISO}: {BOUND} 6001", f"{ISO}: {backup} 6362"])) == []
    (diag,) = _check(_node("db1", [f"{ISO}: {BOUND} 6011", f"{ISO}: {backup} 6362"]))
    assert (diag.code, diag.location.line) == ("NHA402", 1)
    (diag,) = _check(_node("db2", [f"{ISO}: {slave} 6012"]))  # 1.8 slaves bind SlaveServer
    assert diag.code == "NHA402"


@pytest.mark.parametrize(("key", "text"), sorted(FAILURE_LINES.items()))
def test_ha_failure_fires(key: str, text: str) -> None:
    lines = [f"{ISO}: Starting[2] as slave", f"{ISO}: {text}", f"{ISO}: Shutdown[2], HAGDB"]
    (diag,) = _check(_node("db2", lines))
    assert diag.code == "NHA404"
    want = Severity.WARNING if key == "zookeeper-timeout" else Severity.ERROR
    assert diag.severity is want
    assert diag.location == Location("db2/data/graph.db/messages.log", 2, 1)
    assert f'"{text}" at {ISO}' in diag.message
    assert diag.node == "db2"


def test_ha_failure_before_a_later_start_is_history() -> None:
    text = FAILURE_LINES["branched-data"]
    lines = [f"{ISO}: {text}", f"{ISO}: Shutdown[2], HAGDB", f"{DATE}: Started as slave"]
    assert _check(_node("db2", lines)) == []


def test_ha_failures_one_finding_per_kind_at_the_newest() -> None:
    timeout = FAILURE_LINES["zookeeper-timeout"]
    roots = FAILURE_LINES["multiple-roots"]
    lines = [f"{ISO}: {timeout}", f"{ISO}: {roots}", f"{DATE}: {timeout}"]
    found = _check(_node("db2", lines))
    assert [(d.severity, d.location.line) for d in found] == [
        (Severity.ERROR, 2),
        (Severity.WARNING, 3),
    ]
    assert "(2 times)" in found[1].message
    assert "times" not in found[0].message


def test_kernel_release_of_found_logs() -> None:
    # db1 of the healthy tree logs "Kernel version: Neo4j - Graph Database Kernel 1.8"; db2 none.
    assert kernel_release(find_logs(DATA / "healthy" / "db1", "db1", "data/graph.db")) == "1.8"
    assert kernel_release(find_logs(DATA / "healthy" / "db2", "db2", "data/graph.db")) is None
