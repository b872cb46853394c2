"""Coordinator ``server.N`` rules (NHA202, NHA207, NHA208, NHA210-NHA212): the peer list."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.coord import ServerLine, java_trim, parse_server_id
from neoha_config.registry import define
from neoha_config.rules._coordctx import Cfg, Line, profile_note

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


def read_server_lines(cfg: Cfg) -> Iterator[Diagnostic]:
    """Parse every winning ``server.N`` entry into ``cfg.lines``; NHA202 and NHA212."""
    name = cfg.node.name
    for entry in cfg.doc.entries:
        if not entry.key.startswith("server.") or cfg.winners[entry.key] is not entry:
            continue
        location = cfg.source.loc(entry.line, entry.column)
        line = Line(entry, location)
        cfg.lines.append(line)
        raw = entry.value
        if raw != java_trim(raw):
            yield SERVER_TRAILING_BLANK.diag(
                location,
                f"{entry.key} = {raw!r} has whitespace around it: "
                + profile_note(
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
        value = java_trim(raw)
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


def check_election_ports(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA207 for participant lines with no election port, or the quorum port twice."""
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
                + profile_note(
                    cfg,
                    "(ZooKeeper 3.3 does not check it; the second listener fails to bind)",
                    f"(ZooKeeper 3.8 stops with: Client and election port must be different! "
                    f"Please update the configuration file on server.{parsed.id})",
                ),
                node=name,
                key=key,
            )


def check_ensemble_size(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA208, once, when the participant count is 1, 2 or even; at the first participant."""
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


def check_shared_addresses(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA210 for each parsed line whose host:port an earlier line already uses."""
    seen: dict[tuple[str, int], Line] = {}
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


def check_observers(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA211, once, when observer lines have fewer than two participants to follow."""
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


def check_peer_type(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA211 for a ``peerType`` other than participant or observer (any case)."""
    entry = cfg.entry("peerType")
    if entry is None:
        return
    text = java_trim(entry.value)
    if text.lower() not in ("participant", "observer"):
        yield BAD_OBSERVERS.diag(
            cfg.loc("peerType"),
            f"peerType = {entry.value!r} is not 'participant' or 'observer': ZooKeeper "
            f"stops with: Unrecognised peertype: {text}",
            node=cfg.node.name,
            key="peerType",
        )
