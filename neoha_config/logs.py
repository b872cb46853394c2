"""A node's ``messages.log`` files: found, read within bounds, parsed (one file: one log format)."""

from __future__ import annotations

import enum
import os
import posixpath
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from neoha_config.names import DEFAULT_DATABASE_LOCATION
from neoha_config.records import dataclass, field, replace
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


def find_logs(
    home: Path,
    display: str,
    database_location: str | None,
    allowed: Callable[[Path], bool] | None = None,
) -> list[LogFile]:
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
    blocks on a FIFO or device. ``allowed`` is asked before each file is opened (the check's
    confinement): a file it refuses is not read.
    """
    location = _location(database_location)
    if location is None:
        return []
    store = home / location
    prefix = posixpath.normpath(posixpath.join(display or ".", location))
    found: list[LogFile] = []
    budget = LOG_TOTAL_BYTES
    for rotation in _rotations(store)[:MAX_LOG_FILES]:
        name = LOG_NAME if rotation == 0 else f"{LOG_NAME}.{rotation}"
        log = LogFile(path=store / name, display=f"{prefix}/{name}", rotation=rotation)
        if allowed is not None and not allowed(log.path):
            continue
        spent = _read_into(log, min(LOG_TAIL_BYTES, budget))
        if spent is None:
            continue  # absent (a rotated file may vanish between listing and opening)
        found.append(log)
        budget -= spent
        if budget <= 0 or (log.data is not None and _START_MARK in log.data):
            break
    return found


def looked_at(home: Path, database_location: str | None) -> list[str]:
    """The paths besides the logs read that :func:`find_logs` answers from: the store
    directory (a new rotation changes it) and its ``messages.log``; none for a location it
    does not read."""
    location = _location(database_location)
    if location is None:
        return []
    store = os.path.join(home, location)
    return [store, os.path.join(store, LOG_NAME)]


def _location(database_location: str | None) -> str | None:
    """The store directory relative to the home (default ``data/graph.db``), or None when the
    logs are not read: an absolute path names a directory of the machine the node runs on,
    and a NUL byte names no directory (os functions raise ValueError on it)."""
    location = database_location or DEFAULT_DATABASE_LOCATION
    if "\x00" in location or posixpath.isabs(location) or Path(location).is_absolute():
        return None
    return location


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
    BOUND = "bound"  # <Class> communication server started and bound to <port>
    INFO_PRESENT = "info_present"  # HA server info already present, trying again
    SHUTDOWN = "shutdown"  # Shutdown[<id>], <instance>
    KERNEL = "kernel"  # Kernel version: <title> <version>
    FAILURE = "failure"  # one of the HA failure messages of FAILURES


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
    machine_id: int | None = None  # the <id> of STARTING and SHUTDOWN
    port: int | None = None  # the port of BOUND
    server: str | None = None  # the class of BOUND: MasterServer, SlaveServer, BackupServer
    release: str | None = None  # the release line ("1.3" .. "1.9") of KERNEL, when it names one
    failure: str | None = None  # the FAILURES key of FAILURE
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
    shutdowns: list[Event] = field(default_factory=list)
    kernels: list[Event] = field(default_factory=list)
    failures: list[Event] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # every event above, in time order
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
    def stopped(self) -> bool:
        """True when a ``Shutdown[…]`` record follows the newest start record.

        The instance was shut down after it started (a clean stop, or the shutdown a failure
        triggers); whatever role it had, it no longer has. A crash writes no such record.
        """
        for event in reversed(self.events):
            if event.kind is EventKind.SHUTDOWN:
                return True
            if event.kind in (EventKind.STARTED, EventKind.STARTING):
                return False
        return False

    @property
    def last_binding(self) -> Event | None:
        """The newest ``… bound to <port>`` record of any server class, or None."""
        return self.bindings[-1] if self.bindings else None

    @property
    def last_ha_binding(self) -> Event | None:
        """The newest ``MasterServer``/``SlaveServer`` ``… bound to <port>`` record, or None.

        These are the servers that listen on the ``ha.server`` port; ``BackupServer`` (online
        backup, port 6362) logs the same sentence to the same file.
        """
        for event in reversed(self.bindings):
            if event.server in HA_SERVERS:
                return event
        return None

    def info_present_runs(self) -> list[list[Event]]:
        """The ``HA server info already present`` records grouped by start, oldest first.

        A run ends at a ``Started as …`` or ``Shutdown[…]`` record: the records of one run were
        logged while one start attempt waited for its ZooKeeper registration.
        """
        runs: list[list[Event]] = []
        current: list[Event] = []
        for event in self.events:
            if event.kind is EventKind.INFO_PRESENT:
                current.append(event)
            elif event.kind in (EventKind.STARTED, EventKind.SHUTDOWN) and current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    def failures_since_start(self) -> list[Event]:
        """The FAILURE events after the newest completed ``Started as …`` record (all of them
        when none was logged): a failure before a later successful start is history."""
        out: list[Event] = []
        for event in reversed(self.events):
            if event.kind is EventKind.STARTED:
                break
            if event.kind is EventKind.FAILURE:
                out.append(event)
        out.reverse()
        return out

    def extend(self, other: LogFacts) -> None:
        """Append ``other``'s facts, which are newer than this object's."""
        self.starts.extend(other.starts)
        self.bindings.extend(other.bindings)
        self.info_present.extend(other.info_present)
        self.shutdowns.extend(other.shutdowns)
        self.kernels.extend(other.kernels)
        self.failures.extend(other.failures)
        self.events.extend(other.events)
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
# Logback (1.8 on, neo4j-logback.xml): "%date{ISO8601} %-5level [%c]: " (e.g.
# "2012-07-01 10:00:00,123 INFO  [neo4j.ha]: "), later
# "%date{yyyy-MM-dd HH:mm:ss.SSSZ,UTC} %-5level [%logger{15}]: " (e.g.
# "2013-03-13 21:55:13.456+0000 DEBUG [o.n.k.i.DiagnosticsManager]: ").
_TS_ISO = re.compile(
    r"(?P<ts>(?P<date>\d{4}-\d{2}-\d{2}) (?P<hms>\d{2}:\d{2}:\d{2})(?:[.,](?P<ms>\d{1,3}))?"
    r"(?P<off>[+-]\d{4}|Z)?)"
    r"(?:: ?| (?P<level>TRACE|DEBUG|INFO|WARN|ERROR) +\[(?P<logger>[^\]\n]{0,200})\]: ?)",
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
# com/Server.java: getClass().getSimpleName() + " communication server started and bound to "
# + port. 1.3-1.8 print the port only; a trailing ":port" (later socket addresses) is accepted.
_BOUND = re.compile(
    r"(?:(?P<cls>[A-Za-z_$][\w$]*) )?communication server started and bound to "
    r"(?:\S*:)?(?P<port>\d{1,5})\s*$",
    re.ASCII,
)
# The server classes that listen on the ha.server port: MasterServer (1.3-1.8) and SlaveServer
# (1.8). BackupServer (online backup) extends the same Server class and logs the same sentence.
HA_SERVERS = frozenset({"MasterServer", "SlaveServer"})
_INFO_PRESENT = "HA server info already present, trying again"
# HighlyAvailableGraphDatabase.shutdown: "Shutdown[" + machineId + "], " + this (1.3-1.8).
_SHUTDOWN = re.compile(r"Shutdown\[(-?\d{1,10})\]", re.ASCII)
# GraphDbInstance (1.3, 1.4) and KernelDiagnostics (1.5 on): "Kernel version: " + the kernel's
# Version, e.g. "Neo4j - Graph Database Kernel 1.8" or "... 1.9-SNAPSHOT (revision: ...)".
_KERNEL = re.compile(r"(?:^|\s)Kernel version: (?P<rest>.*)$", re.ASCII)
_RELEASE = re.compile(r"(?<![\w.])(\d{1,4})\.(\d{1,4})(?![\d])", re.ASCII)
KERNEL_MARK = "Kernel version: "
RELEASES = ("1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9")

# HA failure messages of Neo4j 1.3-1.8 (exact prefixes of the logged text, or of the exception
# message printed in the record's stack trace), by a stable key.
FAILURES: dict[str, tuple[str, ...]] = {
    # HighlyAvailableGraphDatabase: a slave whose last transaction the master disagrees with.
    "branched-data": ("Branched data, I (machineId:",),  # releases after 1.3
    # 1.3 (1.3.M05 on; "Broken store, my last committed tx" up to 1.3.M04).
    "broken-store": ("Broken store, I (machineId:", "Broken store, my last committed tx"),
    # ZooClient: the local store is not the store of the cluster registered in ZooKeeper.
    "store-id-mismatch": ("StoreId in database doesn't match that of the ZK cluster",),
    # ZooClient: no cluster in ZooKeeper and ha.allow_init_cluster=false.
    "not-allowed-to-create-cluster": ("Not allowed to create cluster",),
    # ClusterManager.getSingleRootPath: two clusters' roots in one ensemble (before 1.6).
    "multiple-roots": ("Multiple roots found",),
    # com/Server.java: the HA server port is taken.
    "bind-failed": ("Failed to bind master server to port",),
    # ZooClient.waitForSyncConnected: no coordinator answered within the session timeout.
    "zookeeper-timeout": ("Connection to ZooKeeper server timed out",),
    # AbstractZooKeeperManager.instantiateZooKeeper: the coordinator list cannot be used.
    "zookeeper-client": ("Unable to create zoo keeper client",),
}
_FAILURE_MARKS = tuple((key, mark) for key, marks in FAILURES.items() for mark in marks)
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
    replacement characters. A record starts with a timestamp in either StringLogger format or
    the logback format (timestamp, level, ``[logger]:``); lines indented with whitespace, and
    stack trace lines, continue the previous record. Continuation lines state no fact, except
    a :data:`FAILURES` message in an exception line of the record's stack trace (each failure
    counts once per record). Other lines are skipped. Never raises on any input.
    """
    text = data.decode("utf-8", errors="replace")
    facts = LogFacts()
    record: re.Match[str] | None = None  # the timestamp of the record being continued
    seen: set[str] = set()  # the failures already counted for that record
    # Split on LF only: str.splitlines() would also split on form feeds and other separators
    # the JVM wrote as plain characters, shifting every line number after them.
    for index, raw in enumerate(text.split("\n")):
        line = raw.removesuffix("\r")
        if not line:
            continue
        number = first_line + index if first_line > UNKNOWN_LINE else None
        match = _TS_ISO.match(line) or _TS_DATE.match(line)
        if match is None:
            if record is not None and (line[0] in " \t" or _TRACE.match(line)):
                facts.continuations += 1
                event = _trace_failure(record, line.strip(), number, seen)
                if event is not None:
                    _add(facts, event)
            else:
                facts.skipped += 1
                record = None  # indented lines after garbage belong to no record
            continue
        facts.records += 1
        record = match
        seen = set()
        message = line[match.end() :].rstrip()
        event = _event(match, message, number)
        if event is not None:
            if event.failure is not None:
                seen.add(event.failure)
            _add(facts, event)
    return facts


_LISTS = {
    EventKind.STARTING: "starts",
    EventKind.STARTED: "starts",
    EventKind.BOUND: "bindings",
    EventKind.INFO_PRESENT: "info_present",
    EventKind.SHUTDOWN: "shutdowns",
    EventKind.KERNEL: "kernels",
    EventKind.FAILURE: "failures",
}


def _add(facts: LogFacts, event: Event) -> None:
    getattr(facts, _LISTS[event.kind]).append(event)
    facts.events.append(event)


def _trace_failure(
    record: re.Match[str], text: str, line: int | None, seen: set[str]
) -> Event | None:
    """A FAILURE stated by an exception line of a record's stack trace, or None.

    Frames (``at …``) and elision markers state nothing; a failure the record already stated
    (its message, or an earlier exception line) is not counted again.
    """
    if text.startswith(("at ", "...")):
        return None
    key = _failure_key(text)
    if key is None or key in seen:
        return None
    seen.add(key)
    timestamp, when = record.group("ts"), _when(record)
    return Event(EventKind.FAILURE, line, timestamp, when, _bounded(text), failure=key)


# A FAILURE event keeps at most this many characters of its line, so that a finding quoting it
# stays readable (the exception text can carry a whole store path or ZooKeeper state).
MAX_QUOTED = 200


def _bounded(text: str) -> str:
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 3] + "..."


def _failure_key(message: str) -> str | None:
    for key, mark in _FAILURE_MARKS:
        if mark in message:
            return key
    return None


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
    shutdown = _SHUTDOWN.match(message)
    if shutdown:
        machine_id = int(shutdown.group(1))
        return Event(EventKind.SHUTDOWN, line, timestamp, when, message, machine_id=machine_id)
    bound = _BOUND.search(message)
    if bound:
        port = int(bound.group("port"))
        cls = bound.group("cls")
        return Event(EventKind.BOUND, line, timestamp, when, message, port=port, server=cls)
    if _INFO_PRESENT in message:
        return Event(EventKind.INFO_PRESENT, line, timestamp, when, message)
    kernel = _KERNEL.search(message)
    if kernel:
        release = _release(kernel.group("rest"))
        return Event(EventKind.KERNEL, line, timestamp, when, message, release=release)
    key = _failure_key(message)
    if key is not None:
        return Event(EventKind.FAILURE, line, timestamp, when, _bounded(message), failure=key)
    return None


def _release(version: str) -> str | None:
    """The release line ("1.3" .. "1.9") of a kernel version text, or None.

    The text is the kernel ``Version``: ``<title> <version>`` (``Neo4j - Graph Database Kernel
    1.8``, ``... 1.9-SNAPSHOT (revision: ...)``) or, for a build from source, ``Neo4j Kernel,
    unpackaged version ...``, which names no release. The first ``<major>.<minor>`` number is
    the version (the title before it has none; a revision after it may); another major, or a
    minor outside 3..9, names no release.
    """
    if "unpackaged version" in version:
        return None  # a build from source: its "revision: <git describe>" names a tag, not it
    found = _RELEASE.search(version)
    if found is None:
        return None
    line = f"{int(found.group(1))}.{int(found.group(2))}"
    return line if line in RELEASES else None


def kernel_release(logs: Sequence[LogFile]) -> str | None:
    """The release line ("1.3" .. "1.9") of the newest ``Kernel version:`` record in ``logs``.

    ``logs`` as :func:`find_logs` returns them (already bounded in size). Files are searched
    newest first (``messages.log``, then ``.1``, ...), each from its end; only a timestamped
    record counts. None when no such record was read, or when the newest one names no 1.3-1.9
    release (an unpackaged build, another major): the newest record decides, an older one says
    nothing about the kernel that runs now. Pure: reads only ``data``.
    """
    mark = KERNEL_MARK.encode("ascii")
    for log in sorted(logs, key=lambda item: item.rotation):
        data = log.data
        if not data:
            continue
        end = len(data)
        while True:
            pos = data.rfind(mark, 0, end)
            if pos < 0:
                break
            start = data.rfind(b"\n", 0, pos) + 1
            stop = data.find(b"\n", pos)
            raw = data[start : stop if stop >= 0 else len(data)]
            line = raw.decode("utf-8", errors="replace").removesuffix("\r")
            match = _TS_ISO.match(line) or _TS_DATE.match(line)
            if match is not None:
                event = _event(match, line[match.end() :].rstrip(), None)
                if event is not None and event.kind is EventKind.KERNEL:
                    return event.release
            end = start
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
        events = _located(facts.events, log.display)
        merged.extend(
            LogFacts(
                starts=[e for e in events if e.kind in (EventKind.STARTING, EventKind.STARTED)],
                bindings=[e for e in events if e.kind is EventKind.BOUND],
                info_present=[e for e in events if e.kind is EventKind.INFO_PRESENT],
                shutdowns=[e for e in events if e.kind is EventKind.SHUTDOWN],
                kernels=[e for e in events if e.kind is EventKind.KERNEL],
                failures=[e for e in events if e.kind is EventKind.FAILURE],
                events=events,
                records=facts.records,
                continuations=facts.continuations,
                skipped=facts.skipped,
            )
        )
    return merged


def _located(events: Iterable[Event], path: str) -> list[Event]:
    return [replace(event, path=path) for event in events]
