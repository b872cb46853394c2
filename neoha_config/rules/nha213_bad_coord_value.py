"""NHA213: a coord.cfg integer, boolean or electionAlg value the profile's ZooKeeper rejects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.plain import PORT_MAX, PORT_MIN, parse_java_int
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.models.coordfacts import CoordView
    from neoha_config.properties import Entry
    from neoha_config.tree import Node

# Integer settings ZooKeeper parses with Integer.parseInt (``weight.N`` with Long.parseLong);
# tickTime, initLimit and syncLimit have rules of their own (NHA201, NHA203). Which release
# reads a key is ``coord_key_since``'s business.
INT_KEYS = frozenset(
    {
        "clientPort",
        "maxClientCnxns",
        "electionAlg",
        "minSessionTimeout",
        "maxSessionTimeout",
        "autopurge.snapRetainCount",
        "autopurge.purgeInterval",
        "quorum.cnxn.threads.size",
        "secureClientPort",
        "observerMasterPort",
        "connectToLearnerMasterLimit",
        "clientPortListenBacklog",
        "multiAddress.reachabilityCheckTimeoutMs",
    }
)
PORT_VALUE_KEYS = frozenset({"clientPort", "secureClientPort", "observerMasterPort"})

# Booleans ZooKeeper 3.5+ parses strictly ("Invalid option <v> for <key>. Choose 'true' or
# 'false.'"), as observed with QuorumPeerConfig 3.8.0; 3.4 read the 3.4 ones leniently.
STRICT_BOOL_KEYS = frozenset(
    {
        "quorumListenOnAllIPs",
        "syncEnabled",
        "quorum.auth.enableSasl",
        "quorum.auth.serverRequireSasl",
        "quorum.auth.learnerRequireSasl",
        "standaloneEnabled",
        "reconfigEnabled",
        "localSessionsEnabled",
        "localSessionsUpgradingEnabled",
        "sslQuorum",
        "portUnification",
        "sslQuorumReloadCertFiles",
        "multiAddress.enabled",
        "multiAddress.reachabilityCheckEnabled",
    }
)

# Read back as system properties with Boolean.parseBoolean: a typo silently means false.
LENIENT_BOOL_KEYS = frozenset({"admin.enableServer"})


@rule(
    "NHA213",
    Severity.ERROR,
    Scope.NODE,
    "a coord.cfg setting has a value ZooKeeper rejects (integers, strict booleans, electionAlg)",
    keys=INT_KEYS | STRICT_BOOL_KEYS | LENIENT_BOOL_KEYS,
)
def bad_coord_value(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
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
    `Invalid electionAlg value. Only 3 is supported.` (3.6+). ZooKeeper 3.3 parses any
    integer, but has algorithms 0 to 3 only: for another value a quorum peer creates no
    election object and fails with a `NullPointerException` in every round of leader
    election, so it never elects (an error; a warning on a standalone coordinator, which holds
    no election). `clientPort=0` is how ZooKeeper spells "unset": 3.3 stops with
    `clientPort is not set`; 3.8 starts without a client port (a warning), or stops with
    `clientPortAddress is set but clientPort is not set`. Under
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
    """
    coord = ctx.coord(node)
    if coord is None:
        return
    for entry in coord.facts.winning():
        key = entry.key
        if key in INT_KEYS or key.startswith("weight."):
            if coord.reads(key):  # else the profile's ZooKeeper ignores it (NHA004 says so)
                yield from _integer(node, coord, entry)
        elif key in STRICT_BOOL_KEYS:
            yield from _strict_bool(node, coord, entry)
        elif key in LENIENT_BOOL_KEYS and coord.reads(key):
            yield from _lenient_bool(node, coord, entry)
    yield from _standalone_disabled(node, coord)


def _integer(node: Node, coord: CoordView, entry: Entry) -> Iterator[Diagnostic]:
    key, text = entry.key, java_trim(entry.value)
    location = coord.facts.at(entry)
    try:
        value = parse_java_int(text, bits=64 if key.startswith("weight.") else 32)
    except ValueError:
        yield bad_coord_value.diag(
            location,
            f"{key} = {entry.value!r} is not an integer: ZooKeeper stops with a "
            f'NumberFormatException: For input string: "{text}"',
            node=node.name,
            key=key,
        )
        return
    if key == "clientPort" and value == 0:
        yield from _client_port_zero(node, coord, entry)
    elif key in PORT_VALUE_KEYS and not PORT_MIN <= value <= PORT_MAX:
        yield bad_coord_value.diag(
            location,
            f"{key} = {entry.value!r} is not a port in 1-65535: ZooKeeper stops with: "
            f"port out of range:{value}",
            node=node.name,
            key=key,
        )
    elif key == "electionAlg" and coord.modern and value != 3:
        yield bad_coord_value.diag(
            location,
            f"electionAlg = {entry.value!r}: ZooKeeper 3.8 stops with: Invalid electionAlg "
            "value. Only 3 is supported. (3.3 accepts 0 to 3)",
            node=node.name,
            key=key,
        )
    elif key == "electionAlg" and not coord.modern and not 0 <= value <= 3:
        # 3.3's createElectionAlgorithm has no case for it and returns null; a quorum peer
        # then fails with a NullPointerException in every LOOKING round and never elects.
        if coord.distributed:
            effect, level = (
                "for another value the peer creates no election object, fails with a "
                "NullPointerException in every round of leader election and never elects a "
                "leader",
                None,
            )
        else:
            effect, level = (
                "a standalone server holds no election, but once this coordinator runs in an "
                "ensemble it never elects a leader",
                Severity.WARNING,
            )
        yield bad_coord_value.diag(
            location,
            f"electionAlg = {entry.value!r}: ZooKeeper 3.3 has election algorithms 0 to 3 "
            f"only; {effect} (3.8 accepts only 3)",
            severity=level,
            node=node.name,
            key=key,
        )


def _client_port_zero(node: Node, coord: CoordView, entry: Entry) -> Iterator[Diagnostic]:
    """``clientPort=0`` is how ZooKeeper itself spells "unset"."""
    location = coord.facts.at(entry)
    if not coord.modern:
        yield bad_coord_value.diag(
            location,
            f"clientPort = {entry.value!r}: ZooKeeper 3.3 reads 0 as unset and stops with: "
            "clientPort is not set",
            node=node.name,
            key="clientPort",
        )
    elif coord.entry("clientPortAddress") is not None:
        yield bad_coord_value.diag(
            location,
            f"clientPort = {entry.value!r}: ZooKeeper 3.8 reads 0 as unset and, with "
            "clientPortAddress set, stops with: clientPortAddress is set but clientPort is not "
            "set",
            node=node.name,
            key="clientPort",
        )
    elif coord.entry("secureClientPort") is None and not _own_line_client_port(node, coord):
        yield bad_coord_value.diag(
            location,
            f"clientPort = {entry.value!r}: ZooKeeper 3.8 reads 0 as unset (clientPort is not "
            "set) and starts without a client port, so no database can connect to it",
            severity=Severity.WARNING,
            node=node.name,
            key="clientPort",
        )


def _own_line_client_port(node: Node, coord: CoordView) -> bool:
    """True when the coordinator's own ``server.<myid>`` line carries a 3.5+ ``;clientPort``,
    which stands in for an unset ``clientPort`` (as NHA201 reads it)."""
    if node.myid is None:
        return False
    line = coord.servers.get(node.myid.value)
    return line is not None and line.client_port is not None


def _strict_bool(node: Node, coord: CoordView, entry: Entry) -> Iterator[Diagnostic]:
    key, text = entry.key, java_trim(entry.value)
    # 3.5+ compares exactly, yet "TRUE" is accepted (observed), so compare case-folded.
    if text.lower() in ("true", "false"):
        return
    if coord.modern:
        yield bad_coord_value.diag(
            coord.facts.at(entry),
            f"{key} = {entry.value!r}: ZooKeeper 3.8 stops with: Invalid option {text} "
            f"for {key}. Choose 'true' or 'false.'",
            node=node.name,
            key=key,
        )
    else:
        yield bad_coord_value.diag(
            coord.facts.at(entry),
            f"{key} = {entry.value!r} is not 'true' or 'false': ZooKeeper 3.3 does not "
            f"read {key}, but 3.5+ stop on it",
            severity=Severity.INFO,
            node=node.name,
            key=key,
        )


def _lenient_bool(node: Node, coord: CoordView, entry: Entry) -> Iterator[Diagnostic]:
    if java_trim(entry.value).lower() not in ("true", "false"):
        yield bad_coord_value.diag(
            coord.facts.at(entry),
            f"{entry.key} = {entry.value!r} is not 'true' or 'false': ZooKeeper reads it as false",
            severity=Severity.WARNING,
            node=node.name,
            key=entry.key,
        )


def _standalone_disabled(node: Node, coord: CoordView) -> Iterator[Diagnostic]:
    """Under 3.5+, ``standaloneEnabled=false`` needs at least one participant."""
    if not coord.modern or (coord.value("standaloneEnabled") or "").lower() != "false":
        return
    if coord.participants:
        return
    yield bad_coord_value.diag(
        coord.loc("standaloneEnabled"),
        f"standaloneEnabled = {coord.value('standaloneEnabled')!r} but no participant server.N "
        "line: ZooKeeper 3.8 stops with: standaloneEnabled = false then number of participants "
        "should be >0",
        node=node.name,
        key="standaloneEnabled",
    )
