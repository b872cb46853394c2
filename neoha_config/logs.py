"""Finding, bounded reading and parsing of a node's ``messages.log`` files (runtime evidence)."""

from __future__ import annotations

import enum
import os
import posixpath
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from neoha_config.names import DEFAULT_DATABASE_LOCATION
from neoha_config.tree import LogFile

# Reading limits. A log is evidence, not configuration: only its newest part matters, and a
# check hook must stay fast on a live NEO4J_HOME whose log has grown for years.
LOG_TAIL_BYTES = 1 << 20  # at most this many bytes are read from one file: its tail
LOG_TOTAL_BYTES = 4 << 20  # at most this many bytes are read from all logs of one node
MAX_LOG_FILES = 8  # at most this many files (messages.log and rotated ones) are opened per node
LOG_NAME = "messages.log"

# first_line value of a LogFile whose data is the tail of a larger file: the number of lines
# before the tail is unknown, because counting them would mean reading the whole file (all of a
# 1 GiB log, breaking the "never more than 1 MiB of one file" promise of loading).
# Records of such a file have ``line=None``; findings then quote the record's timestamp, which
# is as good a locator for ``grep`` or ``less`` as a line number.
UNKNOWN_LINE = 0

_ROTATED = re.compile(re.escape(LOG_NAME) + r"\.([1-9][0-9]{0,8})", re.ASCII)
# Bytes that show a completed start in a log; once seen, older rotated files add nothing to
# the current role or bound port, so they are not read.
_START_MARK = b"Started as "

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO named messages.log must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def find_logs(home: Path, display: str, database_location: str | None) -> list[LogFile]:
    """Find and read the logs of the database node at ``home``, newest first.

    ``display`` is the node's display path (relative, ``/``-separated); ``database_location`` is
    the value of ``org.neo4j.server.database.location`` (None or empty: ``data/graph.db``). The
    store directory's ``messages.log`` is read first, then ``messages.log.1``, ``.2``, … (a
    larger N is older), each only while no completed start (``Started as …``) has been read yet,
    and within :data:`LOG_TAIL_BYTES` per file, :data:`LOG_TOTAL_BYTES` and
    :data:`MAX_LOG_FILES` per node. Of a file larger than its share only the tail is read, its
    first (partial) line is dropped and ``first_line`` is :data:`UNKNOWN_LINE`.

    An absolute ``database_location`` names a directory on the machine the node runs on, not
    necessarily this one (nodes checked from one repository would all read one local log), so
    it yields no logs. Missing logs yield ``[]``; a log that cannot be read (not a regular file,
    symlink loop, permission) is returned with ``error`` set. Never raises ``OSError``, never
    blocks on a FIFO or device.
    """
    location = database_location or DEFAULT_DATABASE_LOCATION
    if "\x00" in location:
        return []  # a NUL byte names no directory (and os functions raise ValueError on it)
    if posixpath.isabs(location) or Path(location).is_absolute():
        return []
    store = home / location
    prefix = posixpath.normpath(posixpath.join(display or ".", location))
    found: list[LogFile] = []
    budget = LOG_TOTAL_BYTES
    for rotation in _rotations(store)[:MAX_LOG_FILES]:
        name = LOG_NAME if rotation == 0 else f"{LOG_NAME}.{rotation}"
        log = LogFile(path=store / name, display=f"{prefix}/{name}", rotation=rotation)
        spent = _read_into(log, min(LOG_TAIL_BYTES, budget))
        if spent is None:
            continue  # absent (a rotated file may vanish between listing and opening)
        found.append(log)
        budget -= spent
        if budget <= 0 or (log.data is not None and _START_MARK in log.data):
            break
    return found


def _rotations(store: Path) -> list[int]:
    """0 for messages.log, then the rotation numbers present in ``store``, ascending."""
    numbers = [0]
    try:
        with os.scandir(store) as entries:
            for entry in entries:
                match = _ROTATED.fullmatch(entry.name)
                if match:
                    numbers.append(int(match.group(1)))
    except OSError:  # no store directory, not a directory, no permission: messages.log only
        pass
    return sorted(set(numbers))


def _read_into(log: LogFile, limit: int) -> int | None:
    """Read at most ``limit`` bytes of the tail of ``log.path`` into ``log``.

    Returns how many bytes were read, or None when the file does not exist; other failures set
    ``log.error``.
    """
    try:
        fd = os.open(log.path, _OPEN_FLAGS)
    except (FileNotFoundError, NotADirectoryError):  # no log, or no store directory
        return None
    except OSError as exc:
        log.error = _why(exc)
        return 0
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            log.error = "not a regular file"
            return 0
        size = info.st_size
        if size <= limit:
            log.data = _read_at(fd, 0, size)
            log.first_line = 1
            return len(log.data)
        # The byte before the first kept line must be seen to know whether the tail starts at a
        # line boundary, so the window includes it: ``limit`` bytes read in all.
        window = _read_at(fd, size - limit, limit)
        cut = window.find(b"\n")
        log.data = b"" if cut < 0 else window[cut + 1 :]
        log.first_line = UNKNOWN_LINE
        return len(window)
    except OSError as exc:
        log.error = _why(exc)
        log.data = None
        return limit  # some of it may have been read before the failure
    finally:
        os.close(fd)


def _read_at(fd: int, offset: int, size: int) -> bytes:
    """Read up to ``size`` bytes at ``offset`` (fewer when the file shrank meanwhile)."""
    os.lseek(fd, offset, os.SEEK_SET)
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _why(exc: OSError) -> str:
    """A short reason for a read failure, without the machine's absolute path."""
    return exc.strerror or type(exc).__name__


class EventKind(enum.StrEnum):
    """The HA facts a log record can state."""

    STARTING = "starting"  # Starting[<id>] as master|slave
    STARTED = "started"  # Started as master|slave
    BOUND = "bound"  # ... communication server started and bound to <port>
    INFO_PRESENT = "info_present"  # HA server info already present, trying again


@dataclass(frozen=True, slots=True)
class Event:
    """One log record that states an HA fact.

    ``line`` is the record's 1-based line in its file, None when unknown (tail of a larger
    file, see :data:`UNKNOWN_LINE`); ``path`` is the display path of its file (empty until
    :func:`facts_for` sets it). ``message`` is the record's first line after the timestamp.
    """

    kind: EventKind
    line: int | None
    timestamp: str
    when: datetime | None
    message: str
    role: str | None = None  # "master" or "slave" for STARTING and STARTED
    machine_id: int | None = None  # the <id> of STARTING
    port: int | None = None  # the port of BOUND
    path: str = ""


@dataclass(slots=True)
class LogFacts:
    """What a node's logs say, every list in time order (oldest first).

    ``records`` counts timestamped records, ``continuations`` the indented (or stack trace)
    lines that belong to a previous record, ``skipped`` the lines that are neither (garbage,
    binary, a cut-off first line).
    """

    starts: list[Event] = field(default_factory=list)  # STARTING and STARTED
    bindings: list[Event] = field(default_factory=list)
    info_present: list[Event] = field(default_factory=list)
    records: int = 0
    continuations: int = 0
    skipped: int = 0

    @property
    def last_start(self) -> Event | None:
        """The newest start record of either form, or None."""
        return self.starts[-1] if self.starts else None

    @property
    def role(self) -> str | None:
        """``master`` or ``slave`` when the newest start record is a completed ``Started as``.

        None when no start was logged, or when the newest is a ``Starting[…]`` with no
        ``Started`` after it (a start still running, or one that failed).
        """
        last = self.last_start
        return last.role if last is not None and last.kind is EventKind.STARTED else None

    @property
    def last_binding(self) -> Event | None:
        """The newest ``… bound to <port>`` record, or None."""
        return self.bindings[-1] if self.bindings else None

    def extend(self, other: LogFacts) -> None:
        """Append ``other``'s facts, which are newer than this object's."""
        self.starts.extend(other.starts)
        self.bindings.extend(other.bindings)
        self.info_present.extend(other.info_present)
        self.records += other.records
        self.continuations += other.continuations
        self.skipped += other.skipped


# StringLogger 1.3: java.util.Date.toString() + ": " (e.g. "Tue Apr 12 09:25:58 CEST 2011: ").
_TS_DATE = re.compile(
    r"(?P<ts>(?P<wd>[A-Z][a-z]{2}) (?P<mon>[A-Z][a-z]{2}) (?P<day>[ \d]\d) "
    r"(?P<hms>\d{2}:\d{2}:\d{2}) (?P<zone>\S+) (?P<year>\d{4})): ?",
    re.ASCII,
)
# StringLogger ~1.5-1.8: "yyyy-MM-dd HH:mm:ss.SSSZ: " (e.g. "2012-07-01 10:00:00.123+0000: ").
_TS_ISO = re.compile(
    r"(?P<ts>(?P<date>\d{4}-\d{2}-\d{2}) (?P<hms>\d{2}:\d{2}:\d{2})(?:\.(?P<ms>\d{1,3}))?"
    r"(?P<off>[+-]\d{4}|Z)?): ?",
    re.ASCII,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_STARTED = re.compile(r"Started as (master|slave)\b", re.ASCII)
_STARTING = re.compile(r"Starting\[(-?\d{1,10})\] as (master|slave)\b", re.ASCII)
# 1.3-1.8 print the port only; a trailing ":port" (later socket addresses) is accepted too.
_BOUND = re.compile(r"communication server started and bound to (?:\S*:)?(\d{1,5})\s*$", re.ASCII)
_INFO_PRESENT = "HA server info already present, trying again"
# printStackTrace() lines that are not indented: the exception itself ("java.io.IOException:
# msg"), the cause chain and the elision marker.
_TRACE = re.compile(
    r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+(?::|$)"  # java.io.IOException: msg
    r"|Caused by: "
    r"|\.\.\. \d+ more",
    re.ASCII,
)


def parse_log(data: bytes, first_line: int = 1) -> LogFacts:
    """Parse ``messages.log`` bytes into the HA facts they state.

    ``first_line`` is the line number of the first line of ``data`` in its file;
    :data:`UNKNOWN_LINE` (0) makes every event's ``line`` None. Bytes are decoded as UTF-8 with
    replacement characters. A record starts with a timestamp in either StringLogger format;
    lines indented with whitespace, and stack trace lines, continue the previous record and are
    never read for facts; other lines are skipped. Never raises on any input.
    """
    text = data.decode("utf-8", errors="replace")
    facts = LogFacts()
    in_record = False
    # Split on LF only: str.splitlines() would also split on form feeds and other separators
    # the JVM wrote as plain characters, shifting every line number after them.
    for index, raw in enumerate(text.split("\n")):
        line = raw.removesuffix("\r")
        if not line:
            continue
        match = _TS_ISO.match(line) or _TS_DATE.match(line)
        if match is None:
            if in_record and (line[0] in " \t" or _TRACE.match(line)):
                facts.continuations += 1
            else:
                facts.skipped += 1
                in_record = False  # indented lines after garbage belong to no record
            continue
        facts.records += 1
        in_record = True
        number = first_line + index if first_line > UNKNOWN_LINE else None
        event = _event(match, line[match.end() :].rstrip(), number)
        if event is None:
            continue
        if event.kind is EventKind.BOUND:
            facts.bindings.append(event)
        elif event.kind is EventKind.INFO_PRESENT:
            facts.info_present.append(event)
        else:
            facts.starts.append(event)
    return facts


def _event(match: re.Match[str], message: str, line: int | None) -> Event | None:
    """The fact stated by one record's message, or None."""
    timestamp = match.group("ts")
    when = _when(match)
    started = _STARTED.match(message)
    if started:
        return Event(EventKind.STARTED, line, timestamp, when, message, role=started.group(1))
    starting = _STARTING.match(message)
    if starting:
        return Event(
            EventKind.STARTING,
            line,
            timestamp,
            when,
            message,
            role=starting.group(2),
            machine_id=int(starting.group(1)),
        )
    bound = _BOUND.search(message)
    if bound:
        port = int(bound.group(1))
        return Event(EventKind.BOUND, line, timestamp, when, message, port=port)
    if _INFO_PRESENT in message:
        return Event(EventKind.INFO_PRESENT, line, timestamp, when, message)
    return None


def _when(match: re.Match[str]) -> datetime | None:
    """The record's time: aware for the ISO form with an offset, naive (local) otherwise."""
    groups = match.groupdict()
    try:
        if groups.get("date") is not None:
            text = f"{groups['date']} {groups['hms']}.{(groups['ms'] or '0').ljust(3, '0')}"
            offset = groups["off"]
            if offset:
                text += "+0000" if offset == "Z" else offset
                return datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f%z")
            return datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f")
        # The 1.3 form's zone is an abbreviation (CEST, EST): ambiguous, so the time is naive.
        month = _MONTHS.get(groups["mon"])
        if month is None:
            return None
        hour, minute, second = (int(part) for part in groups["hms"].split(":"))
        return datetime(int(groups["year"]), month, int(groups["day"]), hour, minute, second)
    except ValueError:  # 2012-13-45 and friends: a record all the same, without a time
        return None


def facts_for(logs: Sequence[LogFile]) -> LogFacts:
    """Parse a node's logs (as :func:`find_logs` returns them) into one time-ordered LogFacts.

    Files are ordered by rotation (a larger N is older), records within a file by position;
    timestamps are not used for ordering because the two formats and their zones do not compare.
    Unread files (``data`` None) contribute nothing. Every event's ``path`` is its file's
    display path.
    """
    merged = LogFacts()
    for log in sorted(logs, key=lambda item: -item.rotation):
        if log.data is None:
            continue
        facts = parse_log(log.data, log.first_line)
        merged.extend(
            LogFacts(
                starts=_located(facts.starts, log.display),
                bindings=_located(facts.bindings, log.display),
                info_present=_located(facts.info_present, log.display),
                records=facts.records,
                continuations=facts.continuations,
                skipped=facts.skipped,
            )
        )
    return merged


def _located(events: Iterable[Event], path: str) -> list[Event]:
    return [replace(event, path=path) for event in events]
