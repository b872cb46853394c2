"""Coordinator rules (NHA2xx): coord.cfg and myid against what ZooKeeper accepts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.coord import (
    DEFAULT_TICK_TIME,
    MyId,
    PeerType,
    ServerLine,
    parse_server_id,
)
from neoha_config.models.values import PORT_MAX, PORT_MIN, parse_java_int
from neoha_config.profile import Profile
from neoha_config.properties import Document, Entry
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.tree import FileRole, Node, SourceFile

_SINCE_33 = (3, 3)
_VERSION = {Profile.ZK33: (3, 3), Profile.ZK38: (3, 8)}

# Integer settings ZooKeeper parses with Integer.parseInt, by the release that reads them;
# tickTime, initLimit and syncLimit have rules of their own (NHA201, NHA203).
INT_KEYS: dict[str, tuple[int, int]] = {
    "clientPort": (3, 3),
    "maxClientCnxns": (3, 3),
    "electionAlg": (3, 3),
    "minSessionTimeout": (3, 3),
    "maxSessionTimeout": (3, 3),
    "autopurge.snapRetainCount": (3, 4),
    "autopurge.purgeInterval": (3, 4),
    "quorum.cnxn.threads.size": (3, 4),
    "secureClientPort": (3, 5),
    "observerMasterPort": (3, 6),
    "connectToLearnerMasterLimit": (3, 6),
    "clientPortListenBacklog": (3, 6),
    "multiAddress.reachabilityCheckTimeoutMs": (3, 6),
}
PORT_VALUE_KEYS = frozenset({"clientPort", "secureClientPort", "observerMasterPort"})

# Booleans ZooKeeper 3.5+ parses strictly ("Invalid option <v> for <key>. Choose 'true' or
# 'false.'"), as observed with QuorumPeerConfig 3.8.0; 3.4 read the 3.4 ones leniently.
STRICT_BOOL_KEYS: dict[str, tuple[int, int]] = {
    "quorumListenOnAllIPs": (3, 4),
    "syncEnabled": (3, 4),
    "quorum.auth.enableSasl": (3, 4),
    "quorum.auth.serverRequireSasl": (3, 4),
    "quorum.auth.learnerRequireSasl": (3, 4),
    "standaloneEnabled": (3, 5),
    "reconfigEnabled": (3, 5),
    "localSessionsEnabled": (3, 5),
    "localSessionsUpgradingEnabled": (3, 5),
    "sslQuorum": (3, 5),
    "portUnification": (3, 5),
    "sslQuorumReloadCertFiles": (3, 5),
    "multiAddress.enabled": (3, 6),
    "multiAddress.reachabilityCheckEnabled": (3, 6),
}
STRICT_BOOL_SINCE = (3, 5)

# Read back as system properties with Boolean.parseBoolean: a typo silently means false.
LENIENT_BOOL_KEYS: dict[str, tuple[int, int]] = {"admin.enableServer": (3, 5)}

MISSING_BASICS = define(
    "NHA201",
    Severity.ERROR,
    "coord.cfg lacks dataDir or clientPort, or sets tickTime to 0 or a non-integer",
    """
    **What:** `coord.cfg` has no `dataDir`; has no `clientPort` (ZooKeeper 3.3 profile); or
    sets `tickTime` to `0`, a negative number or a non-integer.

    **Why:** ZooKeeper checks these first and exits with `Invalid config, exiting
    abnormally`, logging the cause: `dataDir is not set`, `clientPort is not set` (3.3 and
    3.4), `tickTime is not set` (for `0`) or a `NumberFormatException`. A negative tick makes
    every derived timeout negative; 3.8 rejects it with `minSessionTimeout must not be larger
    than maxSessionTimeout`. ZooKeeper 3.5 and later make `clientPort` optional: under
    `--zookeeper 3.8` a missing `clientPort` is an error only when `clientPortAddress` is set
    (`clientPortAddress is set but clientPort is not set`), and otherwise a warning, because a
    coordinator without a client port serves no Neo4j database. ZooKeeper trims these values.

    **How to fix:** set `dataDir` (Neo4j ships `data/coordinator/`), `clientPort` (2181) and a
    positive `tickTime` (3000).

    **Example:**

    ```properties
    # bad
    tickTime=0
    # good
    tickTime=3000
    dataDir=data/coordinator/
    clientPort=2181
    ```
    """,
)

BAD_SERVER_LINE = define(
    "NHA202",
    Severity.ERROR,
    "server.N malformed",
    """
    **What:** a `server.N` line whose `N` is not an integer, whose value is not
    `host:quorumPort[:electionPort[:participant|observer]]`, whose host is not a valid name or
    address, whose ports are not integers in 1 to 65535, or whose fourth field is not
    `participant` or `observer` (any case). Under `--zookeeper 3.3` the 3.4+ forms are errors
    too: `[IPv6]:port:port` (3.3 splits it on every `:` and silently drops the line) and the
    3.5+ `;clientPort` suffix (a `NumberFormatException` in 3.3).

    **Why:** ZooKeeper reads `N` with `Long.parseLong` and the ports with
    `Integer.parseInt`; 3.3 logs `<v> does not have the form host:port or host:port:port  or
    host:port:port:type`, 3.8 rejects the line with `<v> does not have the form server_config
    or server_config;client_config ...` or `Address unresolved: <host>:<port>`, and an unknown
    type stops both with `Unrecognised peertype: <value>`. A line of two parts (no election
    port) is reported as NHA207, which says what is missing.

    **How to fix:** write every line as `server.<id>=<host>:<quorum port>:<election port>`,
    the same block in every coordinator's `coord.cfg`.

    **Example:**

    ```properties
    # bad
    server.one=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888:voter
    # good
    server.1=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888
    ```
    """,
)

BAD_LIMITS = define(
    "NHA203",
    Severity.ERROR,
    "more than one participant but initLimit or syncLimit missing, non-integer or not positive",
    """
    **What:** the ensemble has more than one participant and `initLimit` or `syncLimit` is
    missing, `0` or negative; or either is not an integer (reported whatever the ensemble,
    since ZooKeeper parses it anyway).

    **Why:** with a quorum ZooKeeper stops with `initLimit is not set` / `syncLimit is not set`
    when the value is 0 (the default). It lets a negative value through, but the limits are
    tick counts that followers get to connect and sync to the leader: a negative limit is never
    what was meant, so this rule reports it too. A non-integer is a `NumberFormatException`.

    **How to fix:** set both to positive tick counts (Neo4j ships `initLimit=20`,
    `syncLimit=10`), the same on every coordinator (NHA307).

    **Example:**

    ```properties
    # bad
    initLimit=0
    # good
    initLimit=20
    syncLimit=10
    ```
    """,
)

MISSING_MYID = define(
    "NHA204",
    Severity.ERROR,
    "more than one participant but no myid file",
    """
    **What:** the ensemble has more than one participant but the node has no `myid` file
    (looked up at `<dataDir>/myid`, then `<node>/myid`, then `data/coordinator/myid`). As a
    warning of this rule: a `myid` found somewhere other than `<dataDir>/myid` while `dataDir`
    is relative, where ZooKeeper will not read it.

    **Why:** in a quorum every server learns its own id from `<dataDir>/myid`; without it
    ZooKeeper stops with `<dataDir>/myid file is missing` (3.3) or `myid file is missing`
    (3.8). A relative `dataDir` resolves against the coordinator's working directory
    (NEO4J_HOME), so a `myid` elsewhere is never read.

    **How to fix:** write the number of this coordinator's own `server.N` line into
    `<dataDir>/myid` (`echo 1 > data/coordinator/myid`).

    **Example:**

    ```text
    # coord.cfg: dataDir=data/coordinator/, server.1 to server.3
    data/coordinator/myid    1
    ```
    """,
)

BAD_MYID = define(
    "NHA205",
    Severity.ERROR,
    "myid does not hold an integer on its first line with nothing else on that line",
    """
    **What:** the `myid` file is empty, or its first line is not an integer with nothing
    around it (`␠1`, `1␠`, `one`). A line ending in CRLF is fine.

    **Why:** ZooKeeper reads the first line and calls `Long.parseLong` on it without trimming:
    `serverid 1  is not a number`, `serverid null is not a number` for an empty file. ZooKeeper
    3.3 reads `myid` only with more than one participant, so there a bad file in a standalone
    coordinator is a warning; 3.5 and later read it whenever `<dataDir>/myid` exists and reject
    it even standalone (an error under `--zookeeper 3.8`).

    **How to fix:** write only the id and a newline.

    **Example:**

    ```text
    bad:  "␠1⏎"
    good: "1⏎"
    ```
    """,
)

MYID_NOT_LISTED = define(
    "NHA206",
    Severity.ERROR,
    "myid is not one of the server.N ids",
    """
    **What:** the coordinator's `myid` is not the `N` of any `server.N` line of its own
    `coord.cfg`, in an ensemble of more than one participant.

    **Why:** the configuration parses, but the coordinator dies at start with
    `java.lang.RuntimeException: My id <N> not in the peer list` (ZooKeeper 3.8 exits within a
    second). A standalone coordinator never consults the list. Ids generated with another
    numbering base (0-based myid, 1-based lines) are the classic cause.

    **How to fix:** make `myid` the number of this machine's own line.

    **Example:**

    ```text
    # coord.cfg: server.1, server.2, server.3
    bad:  myid = 0
    good: myid = 1
    ```
    """,
)

NO_ELECTION_PORT = define(
    "NHA207",
    Severity.ERROR,
    "a participant has no election port, or its quorum port equals its election port",
    """
    **What:** a participant's `server.N` line has only `host:quorumPort`, or names the same
    port twice (`host:2888:2888`).

    **Why:** ZooKeeper 3.3 needs the election port once there is more than one participant,
    unless `electionAlg=0`: `Missing election port for server: <N>`. ZooKeeper 3.8 rejects a
    two-part line in any ensemble (`<v> does not have the form server_config ...`) and has no
    `electionAlg=0`. Equal ports are rejected by 3.5.9+ with `Client and election port must be
    different! Please update the configuration file on server.<N>`; 3.3 does not check and the
    second listener fails to bind.

    **How to fix:** give each line two different ports, conventionally 2888 and 3888.

    **Example:**

    ```properties
    # bad
    server.2=neo4j-02:2888:2888
    # good
    server.2=neo4j-02:2888:3888
    ```
    """,
)

POOR_ENSEMBLE = define(
    "NHA208",
    Severity.WARNING,
    "ensemble size gives poor fault tolerance (1, 2 or an even number of participants)",
    """
    **What:** `coord.cfg` has one participant `server.N` line, two, or an even number.

    **Why:** with one line ZooKeeper logs `Invalid configuration, only one server specified
    (ignoring)` and runs standalone: Neo4j's shipped `coord.cfg` is like this, and a cluster
    whose machines each run it has as many separate coordinators as machines, so every
    database elects itself master (split brain). Two participants tolerate no failure
    (`No server failure will be tolerated. You need at least 3 servers.`); an even number
    tolerates no more failures than one less (`Non-optimal configuration, consider an odd
    number of servers.`).

    **How to fix:** run 3, 5 or 7 coordinators, and list all of them in every `coord.cfg`.

    **Example:**

    ```properties
    # bad: alone
    server.1=localhost:2888:3888
    # good
    server.1=neo4j-01:2888:3888
    server.2=neo4j-02:2888:3888
    server.3=neo4j-03:2888:3888
    ```
    """,
)

BAD_SESSION_TIMEOUTS = define(
    "NHA209",
    Severity.ERROR,
    "minSessionTimeout greater than maxSessionTimeout",
    """
    **What:** `minSessionTimeout` is greater than `maxSessionTimeout`. Under `--zookeeper 3.3`
    also when `minSessionTimeout` is set and `maxSessionTimeout` is not; under
    `--zookeeper 3.8` an unset bound counts as its default (2 x `tickTime`, 20 x `tickTime`).

    **Why:** ZooKeeper stops with `minSessionTimeout must not be larger than
    maxSessionTimeout`. ZooKeeper 3.3 and 3.4 compare the raw values, where an unset bound is
    `-1`, so setting only the minimum always fails there; 3.5 and later apply the defaults
    first.

    **How to fix:** set both bounds, minimum below maximum.

    **Example:**

    ```properties
    # bad (3.3)
    minSessionTimeout=4000
    # good
    minSessionTimeout=4000
    maxSessionTimeout=60000
    ```
    """,
)

SHARED_PEER_ADDRESS = define(
    "NHA210",
    Severity.ERROR,
    "two server.N lines share one host:port",
    """
    **What:** two `server.N` lines use one `host:port` (a quorum or election port of one line
    equal to a port of another on the same host; `localhost`, `127.0.0.0/8` and `::1` are one
    host, names compare case-insensitively).

    **Why:** ZooKeeper does not check it; each peer binds its ports at start, and the second
    peer on that host fails to bind, or dials itself instead of the other. This is common when
    three coordinators run on one machine and a line was copied without changing its ports.

    **How to fix:** give co-located peers distinct quorum and election ports (the tutorial uses
    2888:3888, 2889:3889, 2890:3890).

    **Example:**

    ```properties
    # bad
    server.1=localhost:2888:3888
    server.2=localhost:2888:3889
    # good
    server.1=localhost:2888:3888
    server.2=localhost:2889:3889
    ```
    """,
)

BAD_OBSERVERS = define(
    "NHA211",
    Severity.ERROR,
    "observers without participants, or peerType other than participant/observer",
    """
    **What:** `server.N` lines name observers but no participant, or only one, or `peerType` is
    neither `participant` nor `observer` (any case).

    **Why:** ZooKeeper 3.3 and 3.8 alike stop with `Observers w/o participants is an invalid
    configuration`, or `Observers w/o quorum is an invalid configuration` with a single
    participant; observers only follow a quorum that votes. An unknown `peerType` stops it
    with `Unrecognised peertype: <value>`.

    **How to fix:** keep at least three participants, and spell `peerType` `observer` or
    `participant`.

    **Example:**

    ```properties
    # bad
    peerType=follower
    # good
    peerType=observer
    ```
    """,
)

SERVER_TRAILING_BLANK = define(
    "NHA212",
    Severity.WARNING,
    "a server.N value has trailing whitespace: ZooKeeper 3.3/3.4 trim it, 3.5+ reject the line",
    """
    **What:** a `server.N` value ends (or starts, through an escape) with whitespace.

    **Why:** ZooKeeper 3.3 and 3.4 trim every value, so the bundled coordinator accepts it: a
    warning under `--zookeeper 3.3`. ZooKeeper 3.5 and later pass `server.N` values untrimmed
    and fail with `Address unresolved: <host>:<port>␠␠␠␠`, so under `--zookeeper 3.8` the finding
    is an **error**. Neo4j's own shipped `coord.cfg` has four blanks after `server.1`, which
    is how most files get them.

    **How to fix:** delete the blanks at the end of the line.

    **Example:**

    ```text
    bad:  server.1=localhost:2888:3888␠␠␠␠
    good: server.1=localhost:2888:3888
    ```
    """,
)

BAD_COORD_VALUE = define(
    "NHA213",
    Severity.ERROR,
    "a coord.cfg setting has a value ZooKeeper rejects (integers, strict booleans, electionAlg)",
    """
    **What:** a `coord.cfg` setting other than those NHA201 to NHA211 cover has a value the
    profile's ZooKeeper rejects: an integer setting (`clientPort`, `maxClientCnxns`,
    `electionAlg`, `minSessionTimeout`, `maxSessionTimeout`, `autopurge.*`, ...) that is not
    an integer or a port out of 1 to 65535; under `--zookeeper 3.8` a boolean
    (`standaloneEnabled`, `reconfigEnabled`, `quorumListenOnAllIPs`, `syncEnabled`,
    `sslQuorum`, ...) other than `true`/`false`, and `electionAlg` other than 3.

    **Why:** ZooKeeper parses these while reading the file and exits with `Invalid config,
    exiting abnormally`: a `NumberFormatException`, `port out of range:<p>`,
    `Invalid option <v> for <key>. Choose 'true' or 'false.'` or
    `Invalid electionAlg value. Only 3 is supported.` (3.6+; 3.3 accepts 0 to 3). Under
    `--zookeeper 3.8`, `standaloneEnabled=false` without a participant is reported here too
    (`standaloneEnabled = false then number of participants should be >0`). A key only a
    newer ZooKeeper knows is not read by the profile's one: such a value is `info` at most.
    `admin.enableServer` is read back leniently, so a typo there silently means `false`: a
    warning.

    This code is beyond SPEC's table: no NHA2xx code there covers these ZooKeeper rejections,
    and none of them may change meaning to take them.

    **How to fix:** write integers without units and booleans as `true` or `false`; drop
    `electionAlg` on a modern ensemble.

    **Example:**

    ```properties
    # bad
    maxClientCnxns=60 connections
    standaloneEnabled=no
    # good
    maxClientCnxns=60
    standaloneEnabled=false
    ```
    """,
)


# --- reading coord.cfg as ZooKeeper does ----------------------------------------------------


@dataclass(slots=True)
class _Line:
    """One winning ``server.N`` entry, parsed as far as possible."""

    entry: Entry
    location: Location
    parsed: ServerLine | None = None


@dataclass(slots=True)
class _Cfg:
    """``coord.cfg`` of one node: its document, and the values ZooKeeper reads (trimmed)."""

    node: Node
    source: SourceFile
    doc: Document
    profile: Profile
    lines: list[_Line] = field(default_factory=list)
    winners: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Index the winning entry of each key once: Document.get scans the whole file.
        self.winners = {e.key: e for e in self.doc.entries}

    @property
    def modern(self) -> bool:
        return self.profile.modern

    def knows(self, since: tuple[int, int]) -> bool:
        """True when the profile's ZooKeeper reads a key introduced in release ``since``."""
        return _VERSION[self.profile] >= since

    def entry(self, key: str) -> Entry | None:
        return self.winners.get(key)

    def value(self, key: str) -> str | None:
        entry = self.winners.get(key)
        return None if entry is None else entry.value.strip()

    def loc(self, key: str) -> Location:
        entry = self.winners.get(key)
        return self.source.loc(entry.line, entry.column) if entry else self.source.loc()

    def integer(self, key: str) -> int | None:
        """The integer ZooKeeper reads for ``key``; None when unset or not an integer."""
        text = self.value(key)
        if text is None:
            return None
        try:
            return parse_java_int(text)
        except ValueError:
            return None

    @property
    def servers(self) -> dict[int, ServerLine]:
        return {ln.parsed.id: ln.parsed for ln in self.lines if ln.parsed is not None}

    @property
    def participants(self) -> list[_Line]:
        return [
            ln
            for ln in self.lines
            if ln.parsed is not None and ln.parsed.peer_type is PeerType.PARTICIPANT
        ]

    @property
    def observers(self) -> list[_Line]:
        return [
            ln
            for ln in self.lines
            if ln.parsed is not None and ln.parsed.peer_type is PeerType.OBSERVER
        ]

    @property
    def distributed(self) -> bool:
        """True when ZooKeeper runs a quorum peer (and reads myid, needs the limits)."""
        count = len(self.participants)
        if count > 1:
            return True
        # 3.5+: standaloneEnabled=false makes even one participant a quorum peer.
        return self.modern and count == 1 and (self.value("standaloneEnabled") or "") == "false"


def _profile_note(cfg: _Cfg, text33: str, text38: str) -> str:
    return text38 if cfg.modern else text33


@check(Scope.NODE)
def check_coordinator(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA201 to NHA213 for one coordinator, under ``ctx.profile``.

    Reads ``coord.cfg``'s document (values trimmed as ZooKeeper trims them; ``server.N``
    values parsed as 3.3 or 3.8 does) and the ``myid`` file; a node without a readable
    ``coord.cfg`` gives nothing.
    """
    source = node.files.get(FileRole.COORD)
    if source is None or source.document is None:
        return
    cfg = _Cfg(node, source, source.document, ctx.profile)
    yield from _server_lines(cfg)
    yield from _basics(cfg)
    yield from _limits(cfg)
    yield from _typed_values(cfg)
    yield from _election_ports(cfg)
    yield from _ensemble_size(cfg)
    yield from _session_timeouts(cfg)
    yield from _shared_addresses(cfg)
    yield from _observers(cfg)
    yield from _standalone_disabled(cfg)
    yield from _myid(cfg)


def _server_lines(cfg: _Cfg) -> Iterator[Diagnostic]:
    """Parse every winning ``server.N`` entry into ``cfg.lines``; NHA202 and NHA212."""
    name = cfg.node.name
    for entry in cfg.doc.entries:
        if not entry.key.startswith("server.") or cfg.winners[entry.key] is not entry:
            continue
        location = cfg.source.loc(entry.line, entry.column)
        line = _Line(entry, location)
        cfg.lines.append(line)
        raw = entry.value
        if raw != raw.strip():
            yield SERVER_TRAILING_BLANK.diag(
                location,
                f"{entry.key} = {raw!r} has whitespace around it: "
                + _profile_note(
                    cfg,
                    "ZooKeeper 3.3/3.4 trim it, but 3.5+ reject the line",
                    "ZooKeeper 3.8 rejects the line (Address unresolved: ...); 3.3/3.4 trim it",
                ),
                severity=Severity.ERROR if cfg.modern else Severity.WARNING,
                node=name,
                key=entry.key,
            )
        try:
            sid = parse_server_id(entry.key)
        except ValueError:
            yield BAD_SERVER_LINE.diag(
                location,
                f"{entry.key} = {raw!r}: the server id {entry.key[len('server.') :]!r} is not "
                "an integer (ZooKeeper stops: NumberFormatException)",
                node=name,
                key=entry.key,
            )
            continue
        value = raw.strip()
        if not cfg.modern and (value.startswith("[") or ";" in value):
            form = "an [IPv6] address" if value.startswith("[") else "a ;clientPort suffix"
            effect = (
                "splits it on every ':' and ignores the line"
                if value.startswith("[")
                else "fails with a NumberFormatException"
            )
            yield BAD_SERVER_LINE.diag(
                location,
                f"{entry.key} = {raw!r} uses {form}, a ZooKeeper 3.4+/3.5+ form: ZooKeeper 3.3 "
                f"{effect} (use --zookeeper 3.8 for a modern ensemble)",
                node=name,
                key=entry.key,
            )
            continue
        try:
            line.parsed = ServerLine.parse(sid, value)
        except ValueError as exc:
            yield BAD_SERVER_LINE.diag(
                location,
                f"{entry.key} = {raw!r}: {_strip_quoted(str(exc), value)}",
                node=name,
                key=entry.key,
            )


def _strip_quoted(message: str, value: str) -> str:
    """The model's reason without its leading copy of the value."""
    prefix = repr(value) + " "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _basics(cfg: _Cfg) -> Iterator[Diagnostic]:
    name = cfg.node.name
    if cfg.entry("dataDir") is None:
        yield MISSING_BASICS.diag(
            cfg.source.loc(),
            "coord.cfg does not set dataDir: ZooKeeper stops with: dataDir is not set",
            node=name,
            key="dataDir",
        )
    if cfg.entry("clientPort") is None:
        if not cfg.modern:
            yield MISSING_BASICS.diag(
                cfg.source.loc(),
                "coord.cfg does not set clientPort: ZooKeeper 3.3 stops with: clientPort is not "
                "set (3.5+ make it optional)",
                node=name,
                key="clientPort",
            )
        elif cfg.entry("clientPortAddress") is not None:
            yield MISSING_BASICS.diag(
                cfg.loc("clientPortAddress"),
                f"clientPortAddress = {cfg.value('clientPortAddress')!r} is set but clientPort "
                "is not: ZooKeeper 3.8 stops with: clientPortAddress is set but clientPort is "
                "not set",
                node=name,
                key="clientPortAddress",
            )
        elif cfg.entry("secureClientPort") is None:
            yield MISSING_BASICS.diag(
                cfg.source.loc(),
                "coord.cfg does not set clientPort: ZooKeeper 3.8 starts without a client port, "
                "so no Neo4j database can connect to this coordinator (3.3 refuses to start)",
                severity=Severity.WARNING,
                node=name,
                key="clientPort",
            )
    tick = cfg.value("tickTime")
    if tick is not None:
        raw = cfg.entry("tickTime")
        shown = raw.value if raw is not None else tick
        try:
            value = parse_java_int(tick)
        except ValueError:
            yield MISSING_BASICS.diag(
                cfg.loc("tickTime"),
                f"tickTime = {shown!r} is not an integer: ZooKeeper stops with a "
                f'NumberFormatException: For input string: "{tick}"',
                node=name,
                key="tickTime",
            )
            return
        if value == 0:
            yield MISSING_BASICS.diag(
                cfg.loc("tickTime"),
                "tickTime = '0': ZooKeeper stops with: tickTime is not set",
                node=name,
                key="tickTime",
            )
        elif value < 0:
            yield MISSING_BASICS.diag(
                cfg.loc("tickTime"),
                f"tickTime = {shown!r} is negative: every timeout derived from it is negative "
                + _profile_note(
                    cfg,
                    "(ZooKeeper 3.8 rejects it)",
                    "(ZooKeeper 3.8 stops with: minSessionTimeout must not be larger than "
                    "maxSessionTimeout)",
                ),
                node=name,
                key="tickTime",
            )


def _limits(cfg: _Cfg) -> Iterator[Diagnostic]:
    name = cfg.node.name
    quorum = cfg.distributed
    for key in ("initLimit", "syncLimit"):
        entry = cfg.entry(key)
        if entry is None:
            if quorum:
                yield BAD_LIMITS.diag(
                    cfg.source.loc(),
                    f"{len(cfg.participants)} participants but {key} is not set: ZooKeeper "
                    f"stops with: {key} is not set",
                    node=name,
                    key=key,
                )
            continue
        text = entry.value.strip()
        try:
            value = parse_java_int(text)
        except ValueError:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} is not an integer: ZooKeeper parses it even without a "
                f'quorum and stops with a NumberFormatException: For input string: "{text}"',
                node=name,
                key=key,
            )
            continue
        if quorum and value == 0:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} with {len(cfg.participants)} participants: ZooKeeper "
                f"stops with: {key} is not set",
                node=name,
                key=key,
            )
        elif quorum and value < 0:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} is negative: ZooKeeper accepts it, but a limit is a "
                "positive number of ticks followers get to connect and sync",
                node=name,
                key=key,
            )


def _typed_values(cfg: _Cfg) -> Iterator[Diagnostic]:
    """NHA213 for integer and boolean settings, and electionAlg; NHA211 for peerType."""
    name = cfg.node.name
    for entry in cfg.doc.entries:
        if cfg.winners[entry.key] is not entry:
            continue
        key, text = entry.key, entry.value.strip()
        location = cfg.source.loc(entry.line, entry.column)
        since = INT_KEYS.get(key) or (_SINCE_33 if key.startswith("weight.") else None)
        if since is not None:
            if not cfg.knows(since):
                continue  # the profile's ZooKeeper does not read it (NHA004 says so)
            try:
                value = parse_java_int(text, bits=64 if key.startswith("weight.") else 32)
            except ValueError:
                yield BAD_COORD_VALUE.diag(
                    location,
                    f"{key} = {entry.value!r} is not an integer: ZooKeeper stops with a "
                    f'NumberFormatException: For input string: "{text}"',
                    node=name,
                    key=key,
                )
                continue
            if key in PORT_VALUE_KEYS and not PORT_MIN <= value <= PORT_MAX:
                yield BAD_COORD_VALUE.diag(
                    location,
                    f"{key} = {entry.value!r} is not a port in 1-65535: ZooKeeper stops with: "
                    f"port out of range:{value}",
                    node=name,
                    key=key,
                )
            elif key == "electionAlg":
                yield from _election_alg(cfg, entry, location, value)
            continue
        strict = STRICT_BOOL_KEYS.get(key)
        if strict is not None and text not in ("true", "false"):
            # 3.5+ compares exactly; "TRUE" is accepted (observed), so compare case-folded.
            if text.lower() in ("true", "false"):
                continue
            if cfg.knows(STRICT_BOOL_SINCE):
                yield BAD_COORD_VALUE.diag(
                    location,
                    f"{key} = {entry.value!r}: ZooKeeper 3.8 stops with: Invalid option {text} "
                    f"for {key}. Choose 'true' or 'false.'",
                    node=name,
                    key=key,
                )
            else:
                yield BAD_COORD_VALUE.diag(
                    location,
                    f"{key} = {entry.value!r} is not 'true' or 'false': ZooKeeper 3.3 does not "
                    f"read {key}, but 3.5+ stop on it",
                    severity=Severity.INFO,
                    node=name,
                    key=key,
                )
            continue
        lenient = LENIENT_BOOL_KEYS.get(key)
        if lenient is not None and text.lower() not in ("true", "false") and cfg.knows(lenient):
            yield BAD_COORD_VALUE.diag(
                location,
                f"{key} = {entry.value!r} is not 'true' or 'false': ZooKeeper reads it as false",
                severity=Severity.WARNING,
                node=name,
                key=key,
            )
            continue
        if key == "peerType" and text.lower() not in ("participant", "observer"):
            yield BAD_OBSERVERS.diag(
                location,
                f"peerType = {entry.value!r} is not 'participant' or 'observer': ZooKeeper "
                f"stops with: Unrecognised peertype: {text}",
                node=name,
                key=key,
            )


def _election_alg(cfg: _Cfg, entry: Entry, location: Location, value: int) -> Iterator[Diagnostic]:
    if cfg.modern and value != 3:
        yield BAD_COORD_VALUE.diag(
            location,
            f"electionAlg = {entry.value!r}: ZooKeeper 3.8 stops with: Invalid electionAlg "
            "value. Only 3 is supported. (3.3 accepts 0 to 3)",
            node=cfg.node.name,
            key="electionAlg",
        )
    elif not cfg.modern and not 0 <= value <= 3:
        yield BAD_COORD_VALUE.diag(
            location,
            f"electionAlg = {entry.value!r}: ZooKeeper 3.3 knows election algorithms 0 to 3 "
            "only, and starts no leader election for another value (3.8 accepts only 3)",
            severity=Severity.WARNING,
            node=cfg.node.name,
            key="electionAlg",
        )


def _election_ports(cfg: _Cfg) -> Iterator[Diagnostic]:
    name = cfg.node.name
    udp = not cfg.modern and cfg.integer("electionAlg") == 0
    for line in cfg.participants:
        parsed = line.parsed
        assert parsed is not None  # participants are parsed lines
        key, raw = line.entry.key, line.entry.value
        if parsed.election_port is None:
            if cfg.modern:
                yield NO_ELECTION_PORT.diag(
                    line.location,
                    f"{key} = {raw!r} has no election port: ZooKeeper 3.8 stops with: "
                    f"{raw} does not have the form server_config or server_config;client_config "
                    "where server_config is the pipe separated list of host:port:port or "
                    "host:port:port:type and client_config is port or host:port",
                    node=name,
                    key=key,
                )
            elif cfg.distributed and not udp:
                yield NO_ELECTION_PORT.diag(
                    line.location,
                    f"{key} = {raw!r} has no election port: ZooKeeper 3.3 stops with: Missing "
                    f"election port for server: {parsed.id} (only electionAlg=0 does without; "
                    "3.8 rejects every two-part line)",
                    node=name,
                    key=key,
                )
        elif parsed.election_port == parsed.quorum_port:
            yield NO_ELECTION_PORT.diag(
                line.location,
                f"{key} = {raw!r}: quorum port equals election port "
                + _profile_note(
                    cfg,
                    "(ZooKeeper 3.3 does not check it; the second listener fails to bind)",
                    f"(ZooKeeper 3.8 stops with: Client and election port must be different! "
                    f"Please update the configuration file on server.{parsed.id})",
                ),
                node=name,
                key=key,
            )


def _ensemble_size(cfg: _Cfg) -> Iterator[Diagnostic]:
    participants = cfg.participants
    count = len(participants)
    if count == 0 or (count % 2 == 1 and count >= 3):
        return
    first = participants[0]
    if count == 1:
        if cfg.distributed:
            why = "a one-member quorum (standaloneEnabled=false) tolerates no failure"
        else:
            why = (
                "with a single server line ZooKeeper runs standalone (3.3 logs: Invalid "
                "configuration, only one server specified (ignoring)), so coordinators of other "
                "machines form no ensemble with it"
            )
    elif count == 2:
        why = (
            "two participants tolerate no failure (No server failure will be tolerated. You "
            "need at least 3 servers.)"
        )
    else:
        why = (
            f"an even number tolerates no more failures than {count - 1} (Non-optimal "
            "configuration, consider an odd number of servers.)"
        )
    yield POOR_ENSEMBLE.diag(
        first.location,
        f"{count} participant server.N line(s): {why}; use 3, 5 or 7",
        node=cfg.node.name,
        key=first.entry.key,
        related=[ln.location for ln in participants[1:]],
    )


def _session_timeouts(cfg: _Cfg) -> Iterator[Diagnostic]:
    min_entry, max_entry = cfg.entry("minSessionTimeout"), cfg.entry("maxSessionTimeout")
    if min_entry is None and max_entry is None:
        return
    low, high = cfg.integer("minSessionTimeout"), cfg.integer("maxSessionTimeout")
    if (min_entry is not None and low is None) or (max_entry is not None and high is None):
        return  # not integers: NHA213 reports them
    if cfg.modern:
        tick = cfg.integer("tickTime")
        tick = DEFAULT_TICK_TIME if tick is None else tick
        if tick <= 0:
            return  # NHA201 reports the tick itself
        eff_low = 2 * tick if low is None or low == -1 else low
        eff_high = 20 * tick if high is None or high == -1 else high
        note = (
            "(ZooKeeper 3.8 applies the defaults 2 x tickTime and 20 x tickTime first; it stops "
            "with: minSessionTimeout must not be larger than maxSessionTimeout)"
        )
    else:
        eff_low = -1 if low is None else low
        eff_high = -1 if high is None else high
        note = (
            "(ZooKeeper 3.3 compares the raw values, an unset bound being -1, and stops with: "
            "minSessionTimeout must not be larger than maxSessionTimeout; 3.5+ apply the "
            "defaults first)"
        )
    if eff_low <= eff_high:
        return
    shown_low = f"{low}" if low is not None else f"unset ({eff_low})"
    shown_high = f"{high}" if high is not None else f"unset ({eff_high})"
    key = "minSessionTimeout" if min_entry is not None else "maxSessionTimeout"
    other = max_entry if key == "minSessionTimeout" else None
    yield BAD_SESSION_TIMEOUTS.diag(
        cfg.loc(key),
        f"minSessionTimeout = {shown_low} is larger than maxSessionTimeout = {shown_high} {note}",
        node=cfg.node.name,
        key=key,
        related=[cfg.source.loc(other.line, other.column)] if other is not None else [],
    )


def _shared_addresses(cfg: _Cfg) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, int], _Line] = {}
    for line in cfg.lines:
        parsed = line.parsed
        if parsed is None:
            continue
        host = topology.host_key(parsed.host)
        ports = [parsed.quorum_port]
        if parsed.election_port is not None and parsed.election_port != parsed.quorum_port:
            ports.append(parsed.election_port)
        reported: set[int] = set()
        for port in ports:
            earlier = seen.get((host, port))
            if earlier is None:
                seen[(host, port)] = line
                continue
            if id(earlier) in reported:
                continue
            reported.add(id(earlier))
            yield SHARED_PEER_ADDRESS.diag(
                line.location,
                f"{line.entry.key} = {line.entry.value!r} uses {parsed.host}:{port}, as does "
                f"{earlier.entry.key} = {earlier.entry.value!r}: the second peer on that host "
                "cannot bind it",
                node=cfg.node.name,
                key=line.entry.key,
                related=[earlier.location],
            )


def _observers(cfg: _Cfg) -> Iterator[Diagnostic]:
    observers = cfg.observers
    if not observers:
        return
    count = len(cfg.participants)
    first = observers[0]
    if count == 0:
        message = "Observers w/o participants is an invalid configuration"
    elif count == 1:
        message = "Observers w/o quorum is an invalid configuration"
    else:
        return
    yield BAD_OBSERVERS.diag(
        first.location,
        f"{len(observers)} observer line(s) but {count} participant(s): ZooKeeper stops with: "
        f"{message}",
        node=cfg.node.name,
        key=first.entry.key,
        related=[ln.location for ln in observers[1:]],
    )


def _standalone_disabled(cfg: _Cfg) -> Iterator[Diagnostic]:
    if not cfg.modern or (cfg.value("standaloneEnabled") or "").lower() != "false":
        return
    if cfg.participants:
        return
    yield BAD_COORD_VALUE.diag(
        cfg.loc("standaloneEnabled"),
        f"standaloneEnabled = {cfg.value('standaloneEnabled')!r} but no participant server.N "
        "line: ZooKeeper 3.8 stops with: standaloneEnabled = false then number of participants "
        "should be >0",
        node=cfg.node.name,
        key="standaloneEnabled",
    )


def _myid(cfg: _Cfg) -> Iterator[Diagnostic]:
    node, name = cfg.node, cfg.node.name
    source = node.files.get(FileRole.MYID)
    data_dir = cfg.value("dataDir")
    if source is None:
        if cfg.distributed:
            expected = f"{data_dir.rstrip('/')}/myid" if data_dir else "<dataDir>/myid"
            said = "myid file is missing" if cfg.modern else f"{expected} file is missing"
            yield MISSING_MYID.diag(
                cfg.source.loc(),
                f"{len(cfg.participants)} participants but no myid file at {expected}: ZooKeeper "
                f"stops with: {said}",
                node=name,
                key="myid",
            )
        return
    where = source.loc()
    if not node.myid_preferred:
        yield MISSING_MYID.diag(
            where,
            f"myid found at {source.display}, where ZooKeeper will not read it: with dataDir = "
            f"{data_dir!r} it reads {data_dir.rstrip('/') if data_dir else '<dataDir>'}/myid "
            "(relative to the coordinator's working directory, NEO4J_HOME)",
            severity=Severity.WARNING,
            node=name,
            key="myid",
            related=[cfg.loc("dataDir")],
        )
    if source.data is None:
        return  # unreadable: NHA001
    try:
        myid = MyId.parse(source.data)
    except ValueError:
        first = _first_line(source.data)
        read = node.myid_preferred and (cfg.modern or cfg.distributed)
        said = (
            "serverid null is not a number"
            if first is None
            else f"serverid {first} is not a number"
        )
        shown = "the file is empty" if first is None else f"its first line is {first!r}"
        if read:
            note = f"ZooKeeper stops with: {said}"
        elif not node.myid_preferred:
            note = f"ZooKeeper does not read it here, but would stop with: {said}"
        else:
            note = (
                f"ZooKeeper 3.3 reads myid only with more than one participant; 3.5+ read it "
                f"always and stop with: {said}"
            )
        yield BAD_MYID.diag(
            where,
            f"myid: {shown}, not an integer with nothing else on the line: {note}",
            severity=Severity.ERROR if read else Severity.WARNING,
            node=name,
            key="myid",
        )
        return
    servers = cfg.servers
    if cfg.distributed and servers and myid.value not in servers:
        ids = ", ".join(str(i) for i in sorted(servers))
        yield MYID_NOT_LISTED.diag(
            where,
            f"myid = {myid.value} is not among the server.N ids of {cfg.source.display} ({ids}): "
            f"ZooKeeper stops at start with: My id {myid.value} not in the peer list",
            node=name,
            key="myid",
            related=[ln.location for ln in cfg.lines if ln.parsed is not None],
        )


def _first_line(data: bytes) -> str | None:
    """The first line as ZooKeeper's readLine sees it; None for an empty file."""
    if not data:
        return None
    text = data.decode("latin-1")
    for end in ("\r\n", "\r", "\n"):
        text = text.split(end, 1)[0]
    return text
