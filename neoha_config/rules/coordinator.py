"""coord.cfg setting rules (NHA201, NHA209, NHA213), and the one check running every NHA2xx."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.coord import java_trim
from neoha_config.models.values import PORT_MAX, PORT_MIN, parse_java_int
from neoha_config.names import DEFAULT_TICK_TIME
from neoha_config.properties import Entry
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules._coordctx import Cfg, profile_note
from neoha_config.rules.quorum import check_limits, check_myid
from neoha_config.rules.servers import (
    check_election_ports,
    check_ensemble_size,
    check_observers,
    check_peer_type,
    check_shared_addresses,
    read_server_lines,
)
from neoha_config.topology import own_server_line
from neoha_config.tree import FileRole, Node

_SINCE_33 = (3, 3)

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
    coordinator without a client port serves no Neo4j database; not when the coordinator's
    own `server.<myid>` line gives a client port (`host:2888:3888;2181`). ZooKeeper trims
    these values.

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


@check(Scope.NODE)
def check_coordinator(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA201 to NHA213 for one coordinator, under ``ctx.profile``.

    Reads ``coord.cfg``'s document (values trimmed as ZooKeeper trims them; ``server.N``
    values parsed as 3.3 or 3.8 does) and the ``myid`` file; a node without a readable
    ``coord.cfg`` gives nothing. The ``server.N`` rules live in ``rules.servers`` and the
    quorum rules (limits, ``myid``) in ``rules.quorum``: this one registered check runs them.
    """
    source = node.files.get(FileRole.COORD)
    if source is None or source.document is None:
        return
    cfg = Cfg(node, source, source.document, ctx.profile)
    yield from read_server_lines(cfg)  # first: the other checks read cfg.lines
    yield from _basics(cfg)
    yield from check_limits(cfg)
    yield from _typed_values(cfg)
    yield from check_peer_type(cfg)
    yield from check_election_ports(cfg)
    yield from check_ensemble_size(cfg)
    yield from _session_timeouts(cfg)
    yield from check_shared_addresses(cfg)
    yield from check_observers(cfg)
    yield from _standalone_disabled(cfg)
    yield from check_myid(cfg)


def _own_line_client_port(cfg: Cfg) -> bool:
    """True when the coordinator's own ``server.<myid>`` line carries a ``;clientPort``: ZooKeeper
    3.5+ take the client address from it when ``clientPort`` is unset."""
    line = own_server_line(cfg.node)
    return line is not None and line.client_port is not None


def _basics(cfg: Cfg) -> Iterator[Diagnostic]:
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
        elif cfg.entry("secureClientPort") is None and not _own_line_client_port(cfg):
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
                + profile_note(
                    cfg,
                    "(ZooKeeper 3.8 rejects it)",
                    "(ZooKeeper 3.8 stops with: minSessionTimeout must not be larger than "
                    "maxSessionTimeout)",
                ),
                node=name,
                key="tickTime",
            )


def _typed_values(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA213 for integer and boolean settings, and electionAlg."""
    name = cfg.node.name
    for entry in cfg.doc.entries:
        if cfg.winners[entry.key] is not entry:
            continue
        key, text = entry.key, java_trim(entry.value)
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


def _election_alg(cfg: Cfg, entry: Entry, location: Location, value: int) -> Iterator[Diagnostic]:
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


def _session_timeouts(cfg: Cfg) -> Iterator[Diagnostic]:
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


def _standalone_disabled(cfg: Cfg) -> Iterator[Diagnostic]:
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
