"""Database node rules (NHA1xx): mode, machine id, coordinator list, ports, typed settings."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PureWindowsPath

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.values import HostPort, ServerMode
from neoha_config.registry import CheckContext, Rule, Scope, check, define
from neoha_config.tree import FileRole, Node, SourceFile, Tree

MODE_KEY = "org.neo4j.server.database.mode"
TUNING_KEY = "org.neo4j.server.db.tuning.properties"
ID_KEYS = ("ha.server_id", "ha.machine_id")  # (preferred, legacy)
COORD_KEYS = ("ha.coordinators", "ha.zoo_keeper_servers")  # (preferred, legacy)
PORT_KEYS = frozenset(
    {
        "org.neo4j.server.webserver.port",
        "org.neo4j.server.webserver.https.port",
        "online_backup_port",
        "enable_online_backup",
        "remote_shell_port",
        "enable_remote_shell",
    }
)
_BARE_NUMBER = re.compile(r"[0-9]+\Z")

BAD_MODE = define(
    "NHA101",
    Severity.ERROR,
    "org.neo4j.server.database.mode is not ha or single",
    """
    **What:** `org.neo4j.server.database.mode` in `conf/neo4j-server.properties` has a value
    other than `ha` or `single` (compared case-insensitively, with nothing around it).

    **Why:** the enterprise server upper-cases the value and compares it with `SINGLE` and
    `HA` before anything else starts. Any other value, including one with a trailing blank
    (Neo4j does not trim), stops the server with
    `Illegal value for org.neo4j.server.database.mode "<MODE>" in org.neo4j.server.properties`.

    **How to fix:** set the mode to `ha` for a cluster member or `single` for a lone server.

    **Example:**

    ```properties
    # bad
    org.neo4j.server.database.mode=HA-cluster
    # good
    org.neo4j.server.database.mode=HA
    ```
    """,
)

HA_INCOMPLETE = define(
    "NHA102",
    Severity.ERROR,
    "mode is ha but the machine id or the coordinator list is missing",
    """
    **What:** the server runs in `ha` mode, but its database settings file (the file named by
    `org.neo4j.server.db.tuning.properties`) sets neither `ha.server_id` nor its old name
    `ha.machine_id`, or neither `ha.coordinators` nor `ha.zoo_keeper_servers`.

    **Why:** the HA preflight stops the server. A missing id gives
    `ha.server_id in <file> needs to be a non-negative integer, not <not set>`; a missing
    coordinator list gives `Invalid server config "" for ha.server_id in <file>`, a message
    that names the wrong key and has misled many users. A node whose server file is absent
    (only `neo4j.properties` checked) has an unknown mode, and this rule stays silent.

    **How to fix:** give every HA node a unique machine id and the list of coordinator
    client endpoints.

    **Example:**

    ```properties
    # conf/neo4j-server.properties
    org.neo4j.server.database.mode=HA
    # conf/neo4j.properties, bad: only the id
    ha.server_id=1
    # good
    ha.server_id=1
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """,
)

BAD_MACHINE_ID = define(
    "NHA103",
    Severity.ERROR,
    "machine id is not a non-negative integer (0 is a warning)",
    """
    **What:** `ha.server_id` (or `ha.machine_id`) is not an integer, is negative, or has
    blanks around it; `0` is reported as a warning.

    **Why:** the preflight reads it with `Integer.parseInt` on the raw string (no trimming)
    and stops with `ha.server_id in <file> needs to be a non-negative integer, not <value>`.
    `0` passes the preflight, but the 1.3 manual asks for an id greater than 0, and some
    releases' documentation disagree; a positive id is safe everywhere.

    **How to fix:** use a small positive integer, unique within the cluster (see NHA301).

    **Example:**

    ```properties
    # bad
    ha.server_id=db1
    # good
    ha.server_id=1
    ```
    """,
)

BOTH_NAMES = define(
    "NHA104",
    Severity.ERROR,
    "both names of one setting are set (ha.server_id/ha.machine_id, ha.coordinators/"
    "ha.zoo_keeper_servers)",
    """
    **What:** a database settings file sets a setting under both its current and its pre-1.5
    name: `ha.server_id` and `ha.machine_id`, or `ha.coordinators` and
    `ha.zoo_keeper_servers`. The finding is at the later of the two lines.

    **Why:** Neo4j 1.4 to 1.7 refuse it: `Multiple configuration values set for the same
    logical key: [ha.server_id, ha.machine_id]`, and the 1.4 to 1.8 server preflight stops
    with `Multiple configuration values set for the same logical property
    [ha.server_id,ha.machine_id] in <file>`. In 1.8 the configuration migrator rewrites the
    old name, and which value wins depends on hash map order.

    **How to fix:** keep one of the two lines, normally the current name.

    **Example:**

    ```properties
    # bad
    ha.machine_id=1
    ha.server_id=1
    # good
    ha.server_id=1
    ```
    """,
)

BAD_COORDINATORS = define(
    "NHA105",
    Severity.ERROR,
    "coordinator list malformed",
    """
    **What:** `ha.coordinators` (or `ha.zoo_keeper_servers`) is empty, has an empty entry, an
    entry that is not `host:port`, a port outside 1 to 65535, or blanks around an entry.

    **Why:** the preflight splits the value on `,` and stops at an entry without `:` with
    `Invalid server config "<entry>" for ha.server_id in <file>` (it names the wrong key). The
    ZooKeeper client splits at the last `:` and does not trim: ` localhost` is looked up as a
    host name with a blank in it, and `host:2181 ` is a `NumberFormatException`; Neo4j then
    fails with `Unable to create zoo keeper client`.

    **How to fix:** list every coordinator's `host:clientPort`, separated by commas only.

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181, neo4j-02:2181,neo4j-03
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """,
)

DUPLICATE_COORDINATOR = define(
    "NHA106",
    Severity.WARNING,
    "coordinator list names the same endpoint twice",
    """
    **What:** the coordinator list holds one `host:port` twice (host names compared
    case-insensitively; `localhost`, `127.0.0.0/8` and `::1` are one host).

    **Why:** the ZooKeeper client only tries the same address twice; it is almost always a
    copy-and-paste slip where another coordinator was meant, so that coordinator is missing
    and the node loses failover to it.

    **How to fix:** name each coordinator once, and check that none is missing (NHA304).

    **Example:**

    ```properties
    # bad
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-01:2181
    # good
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """,
)

BAD_CLUSTER_NAME = define(
    "NHA107",
    Severity.ERROR,
    "ha.cluster_name empty or using characters outside A-Z a-z 0-9 . - _",
    """
    **What:** `ha.cluster_name` is empty or holds a character other than ASCII letters,
    digits, `.`, `-` and `_` (a blank included).

    **Why:** the name becomes the root znode `/<name>` in ZooKeeper, where `/` and other
    characters are illegal or change the path. The shipped `neo4j.properties` asks for
    letters, digits, `.`, `-` and `_` only.

    **How to fix:** choose a name of those characters, the same on every node of the cluster.

    **Example:**

    ```properties
    # bad
    ha.cluster_name=prod/graph
    # good
    ha.cluster_name=prod.graph
    ```
    """,
)

BAD_HA_SERVER = define(
    "NHA108",
    Severity.ERROR,
    "ha.server is not host:port with a port in 1-65535",
    """
    **What:** `ha.server` is not `host:port` (split at the first `:`), its port is not an
    integer in 1 to 65535, or it has blanks around a part.

    **Why:** Neo4j binds the port of `ha.server` on all interfaces and publishes the whole
    value in ZooKeeper for the other nodes to dial. A value it cannot split or parse stops the
    database from starting, and a malformed host is published and unreachable.

    **How to fix:** give the host name or address other nodes reach this one by, and a free
    port (6361 by default).

    **Example:**

    ```properties
    # bad
    ha.server=neo4j-01
    # good
    ha.server=neo4j-01:6361
    ```
    """,
)

LOOPBACK_HA_SERVER = define(
    "NHA109",
    Severity.WARNING,
    "ha.server host is loopback while the cluster spans more than one host",
    """
    **What:** a database node's `ha.server` names `localhost`, an address in `127.0.0.0/8` or
    `::1`, while other nodes of the same HA cluster (same `ha.cluster_name`, coordinator
    lists sharing an endpoint) name other hosts.

    **Why:** `ha.server` is not only bound: its host is published in ZooKeeper, and slaves
    dial the master at that address. A loopback address published from one machine sends
    the other machines to themselves, so they cannot reach the master. Nodes whose host is
    unknown (no `ha.server`) do not count.

    **How to fix:** set the host to a name or address the other machines reach this one by.

    **Example:**

    ```properties
    # db1 (machine neo4j-01), bad
    ha.server=localhost:6361
    # good
    ha.server=neo4j-01:6361
    ```
    """,
)

BAD_PORT = define(
    "NHA110",
    Severity.ERROR,
    "a port setting is not an integer in 1-65535",
    """
    **What:** one of `org.neo4j.server.webserver.port`,
    `org.neo4j.server.webserver.https.port`, `online_backup_port`, `remote_shell_port`, or the
    1.3 to 1.7 switches `enable_online_backup` / `enable_remote_shell` (`true`, `false` or
    `port=N`) does not hold a valid port.

    **Why:** Neo4j 1.8 validates ports ("Must be a valid port number") and refuses to start;
    older releases fail when binding. Neo4j reads raw strings, so a trailing blank makes a
    port invalid too.

    **How to fix:** use an integer from 1 to 65535 that no other listener on the host uses
    (see NHA309).

    **Example:**

    ```properties
    # bad
    enable_online_backup=port:6362
    # good
    enable_online_backup=port=6362
    ```
    """,
)

BAD_VALUE = define(
    "NHA111",
    Severity.ERROR,
    "a typed setting has an invalid value",
    """
    **What:** a typed setting of `neo4j-server.properties` or `neo4j.properties` has a value
    of the wrong type: booleans other than `true`/`false`, `ha.pull_interval` and other
    durations not a number with `ms`, `s` or `m`, `ha.branched_data_policy` not `keep_all`,
    `keep_last`, `keep_none` or `shutdown`, `ha.slave_coordinator_update_mode` not `sync`,
    `async` or `none`, `ha.tx_push_strategy` not `fixed` or `round_robin`,
    `ha.com_chunk_size` not a size within 1k to 16M, or an integer out of its range.

    **Why:** Neo4j 1.5 to 1.7 read the enumerations with `Enum.valueOf` (exact lower case) and
    durations with a parser that fails with `Unrecognized unit <u>`; 1.8 validates every typed
    setting at start. Booleans read with `Boolean.parseBoolean` silently become `false` on a
    typo, which is never what was meant.

    **How to fix:** use a value of the documented form, without blanks around it.

    **Example:**

    ```properties
    # bad
    ha.pull_interval=10 sec
    ha.branched_data_policy=KEEP_LAST
    # good
    ha.pull_interval=10s
    ha.branched_data_policy=keep_last
    ```
    """,
)

HA_IN_SINGLE = define(
    "NHA112",
    Severity.WARNING,
    "ha.* settings present but the server mode is single",
    """
    **What:** the database settings file sets `ha.*` keys, but the server's
    `org.neo4j.server.database.mode` is `single` (or unset, which means `single`).

    **Why:** a single-mode server starts the embedded database without HA: every `ha.*`
    setting is ignored, the node never joins the cluster, and nothing says so. Neo4j ships the
    mode line commented out, so this is easy to miss when building a cluster.

    **How to fix:** set `org.neo4j.server.database.mode=HA` on cluster members, or remove the
    `ha.*` settings from a lone server.

    **Example:**

    ```properties
    # conf/neo4j-server.properties, bad
    #org.neo4j.server.database.mode=HA
    # good
    org.neo4j.server.database.mode=HA
    ```
    """,
)

NO_TUNING_FILE = define(
    "NHA113",
    Severity.ERROR,
    "mode is ha but org.neo4j.server.db.tuning.properties is unset or names a missing file",
    """
    **What:** the server runs in `ha` mode, but `org.neo4j.server.db.tuning.properties` is not
    set, or the file it names (relative to NEO4J_HOME) is not in the node. An absolute path
    names a file on the deployed machine that cannot be checked here: that is `info`.

    **Why:** the HA settings live in that file, and the preflight has no default for it. It
    stops with `High-Availability mode requires org.neo4j.server.db.tuning.properties to be
    set in org.neo4j.server.properties`, or with `No database tuning file at [<path>]`. Neo4j
    reads the raw value, so a trailing blank names another file.

    **How to fix:** set it to `conf/neo4j.properties` and keep the HA settings there.

    **Example:**

    ```properties
    # bad: unset
    org.neo4j.server.database.mode=HA
    # good
    org.neo4j.server.database.mode=HA
    org.neo4j.server.db.tuning.properties=conf/neo4j.properties
    ```
    """,
)

LEGACY_KEY = define(
    "NHA114",
    Severity.INFO,
    "a pre-1.5 key name is used (ha.machine_id, ha.zoo_keeper_servers)",
    """
    **What:** `ha.machine_id` or `ha.zoo_keeper_servers` is used.

    **Why:** these are the Neo4j 1.3 names. Later releases prefer `ha.server_id` and
    `ha.coordinators`: 1.4 to 1.7 print `Deprecated configuration key 'ha.machine_id' used
    instead of the preferred 'ha.server_id'`, and 1.8 rewrites them, logging
    `ha.machine_id has been replaced with ha.server_id`. Only a 1.3 cluster needs the old
    names.

    **How to fix:** on 1.4 and later, rename the key (and never set both, NHA104).

    **Example:**

    ```properties
    # old
    ha.zoo_keeper_servers=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    # current
    ha.coordinators=neo4j-01:2181,neo4j-02:2181,neo4j-03:2181
    ```
    """,
)

BARE_PULL_INTERVAL = define(
    "NHA115",
    Severity.WARNING,
    "ha.pull_interval without a unit",
    """
    **What:** `ha.pull_interval` is a bare number, without `ms`, `s` or `m`.

    **Why:** Neo4j 1.3 reads a bare number as seconds, but a later kernel revision of the same
    parser reads it as milliseconds: `ha.pull_interval=10` pulls every 10 seconds on one
    release and a hundred times a second on another.

    **How to fix:** always give the unit.

    **Example:**

    ```properties
    # bad
    ha.pull_interval=10
    # good
    ha.pull_interval=10s
    ```
    """,
)


@dataclass(frozen=True, slots=True)
class _Site:
    """A key's winning entry in one file, as a location and its raw value."""

    key: str
    value: str
    location: Location


def _site(source: SourceFile | None, key: str) -> _Site | None:
    if source is None or source.document is None:
        return None
    entry = source.document.get(key)
    if entry is None:
        return None
    return _Site(key, entry.value, source.loc(entry.line, entry.column))


def _file_loc(source: SourceFile) -> Location:
    return source.loc(1, 1)


def _mode(node: Node) -> tuple[ServerMode | None, _Site | None]:
    """The node's effective server mode and the mode line, or (None, …) when the mode is
    unknown: no server file, or a mode value the server rejects (NHA101 says so)."""
    source = node.files.get(FileRole.SERVER)
    if source is None or source.document is None or node.server is None:
        return None, None
    site = _site(source, MODE_KEY)
    if site is not None and site.value.lower() not in ("ha", "single"):
        return None, site
    return node.server.effective_mode, site


# --- per-node check -------------------------------------------------------------------------


@check(Scope.NODE)
def check_database_node(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA101 to NHA108 and NHA110 to NHA115 for one database node.

    Reads the server and database files' documents and models; a node with neither file, or
    whose files could not be read, gives nothing.
    """
    if not node.is_database:
        return
    yield from _value_issues(node)
    yield from _zero_id(node)
    yield from _both_names(node)
    yield from _duplicate_coordinators(node)
    yield from _legacy_keys(node)
    yield from _bare_pull_interval(node)
    mode, mode_site = _mode(node)
    if mode is ServerMode.HA and mode_site is not None:
        yield from _ha_incomplete(node, mode_site)
        yield from _tuning(node, mode_site)
    elif mode is ServerMode.SINGLE:
        yield from _ha_in_single(node, mode_site)


def _rule_for(key: str) -> Rule:
    if key == MODE_KEY:
        return BAD_MODE
    if key in ID_KEYS:
        return BAD_MACHINE_ID
    if key in COORD_KEYS:
        return BAD_COORDINATORS
    if key == "ha.cluster_name":
        return BAD_CLUSTER_NAME
    if key == "ha.server":
        return BAD_HA_SERVER
    if key in PORT_KEYS:
        return BAD_PORT
    return BAD_VALUE


def _why(rule: Rule, key: str, value: str, model_message: str, file: str) -> str:
    """The reason shown for a rejected value: what the Java side says where it is known."""
    model_message = model_message.replace("Input should be", "must be")
    if rule is BAD_MODE:
        return (
            "not 'ha' or 'single'; the server stops with: Illegal value for "
            f'{MODE_KEY} "{value.upper()}" in org.neo4j.server.properties'
        )
    if rule is BAD_MACHINE_ID:
        return (
            f"not a non-negative integer; the server stops with: {key} in {file} needs to be a "
            f"non-negative integer, not {value}"
        )
    if rule is BAD_CLUSTER_NAME:
        if value == "":
            return "empty; the cluster name is the root znode and must not be empty"
        return "uses characters outside A-Z a-z 0-9 . - _ (it names the root znode)"
    if rule is BAD_PORT and key.startswith("enable_"):
        return f"not 'true', 'false' or 'port=N' with N in 1-65535 ({model_message})"
    if rule is BAD_PORT:
        return "not an integer in 1-65535"
    return model_message


def _value_issues(node: Node) -> Iterator[Diagnostic]:
    for role in (FileRole.SERVER, FileRole.DATABASE):
        source = node.files.get(role)
        if source is None:
            continue
        # Index the winning entries once: Document.get scans the whole file.
        winners = {e.key: e for e in source.document.entries} if source.document else {}
        for issue in node.value_issues.get(role, ()):
            rule = _rule_for(issue.key)
            entry = winners.get(issue.key)
            where = source.loc(entry.line, entry.column) if entry else _file_loc(source)
            why = _why(rule, issue.key, issue.value, issue.message, source.display)
            yield rule.diag(
                where, f"{issue.key} = {issue.value!r}: {why}", node=node.name, key=issue.key
            )


def _zero_id(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, value in ((ID_KEYS[0], db.server_id), (ID_KEYS[1], db.machine_id)):
        site = _site(source, key)
        if value == 0 and site is not None:
            yield BAD_MACHINE_ID.diag(
                site.location,
                f"{key} = {site.value!r}: machine id 0 passes the preflight, but the 1.x manual "
                "asks for a positive id; use 1 or more",
                severity=Severity.WARNING,
                node=node.name,
                key=key,
            )


def _both_names(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    for current, legacy in (ID_KEYS, COORD_KEYS):
        a, b = _site(source, current), _site(source, legacy)
        if a is None or b is None:
            continue
        first, second = sorted((a, b), key=lambda s: (s.location.line, s.location.column))
        yield BOTH_NAMES.diag(
            second.location,
            f"{second.key} = {second.value!r} is set, and so is {first.key} = {first.value!r} "
            f"(line {first.location.line}): the server stops with: Multiple configuration values "
            f"set for the same logical property [{current},{legacy}] in {source.display}",
            node=node.name,
            key=second.key,
            related=[first.location],
        )


def _duplicate_coordinators(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, endpoints in (
        (COORD_KEYS[0], db.coordinators),
        (COORD_KEYS[1], db.zoo_keeper_servers),
    ):
        site = _site(source, key)
        if not endpoints or site is None:
            continue
        seen: dict[tuple[str, int], HostPort] = {}
        for endpoint in endpoints:
            ident = (topology.host_key(endpoint.host), endpoint.port)
            earlier = seen.get(ident)
            if earlier is None:
                seen[ident] = endpoint
                continue
            same = "" if str(earlier) == str(endpoint) else f" (the same endpoint as {earlier})"
            yield DUPLICATE_COORDINATOR.diag(
                site.location,
                f"{key} = {site.value!r}: names {endpoint}{same} twice; another coordinator "
                "was probably meant",
                node=node.name,
                key=key,
            )


def _legacy_keys(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    for current, legacy in (ID_KEYS, COORD_KEYS):
        site = _site(source, legacy)
        if site is None:
            continue
        yield LEGACY_KEY.diag(
            site.location,
            f"{legacy} is the pre-1.5 name of {current}; Neo4j 1.4+ prefer {current} (1.8 "
            f"rewrites it: {legacy} has been replaced with {current})",
            node=node.name,
            key=legacy,
        )


def _bare_pull_interval(node: Node) -> Iterator[Diagnostic]:
    site = _site(node.files.get(FileRole.DATABASE), "ha.pull_interval")
    if site is None or not _BARE_NUMBER.match(site.value):
        return
    yield BARE_PULL_INTERVAL.diag(
        site.location,
        f"ha.pull_interval = {site.value!r} has no unit: Neo4j 1.3 reads it as {site.value} "
        f"seconds, a later release as {site.value} milliseconds; write {site.value}s or "
        f"{site.value}ms",
        node=node.name,
        key="ha.pull_interval",
    )


def _ha_incomplete(node: Node, mode_site: _Site) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return  # no database file: NHA113 reports it, and the preflight stops there first
    doc = source.document
    missing: list[str] = []
    if all(doc.get(k) is None for k in ID_KEYS):
        missing.append(
            f"the machine id (ha.server_id or ha.machine_id): the server stops with: "
            f"ha.server_id in {source.display} needs to be a non-negative integer, not <not set>"
        )
    if all(doc.get(k) is None for k in COORD_KEYS):
        missing.append(
            f"the coordinator list (ha.coordinators or ha.zoo_keeper_servers): the server stops "
            f'with: Invalid server config "" for ha.server_id in {source.display}'
        )
    for what in missing:
        yield HA_INCOMPLETE.diag(
            mode_site.location,
            f"{MODE_KEY} = {mode_site.value!r} but {source.display} does not set {what}",
            node=node.name,
            key=MODE_KEY,
            related=[_file_loc(source)],
        )


def _is_absolute(value: str) -> bool:
    return posixpath.isabs(value) or PureWindowsPath(value).is_absolute()


def _tuning(node: Node, mode_site: _Site) -> Iterator[Diagnostic]:
    server = node.files[FileRole.SERVER]
    site = _site(server, TUNING_KEY)
    if site is None:
        yield NO_TUNING_FILE.diag(
            mode_site.location,
            f"{MODE_KEY} = {mode_site.value!r} but {TUNING_KEY} is not set: the server stops "
            f"with: High-Availability mode requires {TUNING_KEY} to be set in "
            "org.neo4j.server.properties",
            node=node.name,
            key=MODE_KEY,
        )
        return
    if FileRole.DATABASE in node.files:
        return
    if _is_absolute(site.value):
        yield NO_TUNING_FILE.diag(
            site.location,
            f"{TUNING_KEY} = {site.value!r} is an absolute path: the HA settings file on the "
            "deployed machine is not checked",
            severity=Severity.INFO,
            node=node.name,
            key=TUNING_KEY,
            related=[mode_site.location],
        )
        return
    blank = " (Neo4j keeps the blanks around it)" if site.value != site.value.strip() else ""
    yield NO_TUNING_FILE.diag(
        site.location,
        f"{TUNING_KEY} = {site.value!r} names a file that is not in node {node.name}{blank}: "
        "the server stops with: No database tuning file at [<path>]",
        node=node.name,
        key=TUNING_KEY,
        related=[mode_site.location],
    )


def _ha_in_single(node: Node, mode_site: _Site | None) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    ha_entries = [e for e in source.document.entries if e.key.startswith("ha.")]
    if not ha_entries:
        return
    first = ha_entries[0]
    first_loc = source.loc(first.line, first.column)
    keys = sorted({e.key for e in ha_entries})
    shown = ", ".join(keys[:4]) + (", ..." if len(keys) > 4 else "")
    if mode_site is not None:
        where, key, related = mode_site.location, MODE_KEY, [first_loc]
        mode_text = f"{MODE_KEY} = {mode_site.value!r}"
    else:
        where, key, related = first_loc, first.key, []
        mode_text = f"{MODE_KEY} is not set (single)"
    yield HA_IN_SINGLE.diag(
        where,
        f"{mode_text} but {source.display} sets {len(keys)} ha.* setting(s) ({shown}): a "
        "single-mode server ignores them and never joins a cluster",
        node=node.name,
        key=key,
        related=related,
    )


# --- cluster-wide check ---------------------------------------------------------------------


@check(Scope.TREE)
def check_loopback_ha_server(tree: Tree, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA109: ``ha.server`` on loopback in an HA cluster whose other nodes name other hosts.

    Nodes without a valid ``ha.server`` have an unknown host and are left out.
    """
    if not any(n.database is not None and n.database.ha_server is not None for n in tree.nodes):
        return  # nothing to compare: spare building the topology
    for cluster in topology.build(tree).clusters:
        hosts: list[tuple[Node, HostPort, _Site | None]] = []
        for node in cluster.nodes:
            if node.database is not None and node.database.ha_server is not None:
                site = _site(node.files.get(FileRole.DATABASE), "ha.server")
                hosts.append((node, node.database.ha_server, site))
        remote = [h for h in hosts if topology.host_key(h[1].host) != topology.LOOPBACK]
        if not remote:
            continue
        others = {topology.host_key(h[1].host) for h in remote}
        for node, address, site in hosts:
            if topology.host_key(address.host) != topology.LOOPBACK or site is None:
                continue
            names = ", ".join(sorted(others))
            yield LOOPBACK_HA_SERVER.diag(
                site.location,
                f"ha.server = {site.value!r} is a loopback address, but other nodes of its "
                f"HA cluster ({cluster.name}) run on {names}: the address is published "
                "in ZooKeeper, and slaves on other machines cannot reach this node as master",
                node=node.name,
                key="ha.server",
                related=[r[2].location for r in remote if r[2] is not None],
                group=cluster.label or cluster.name,
            )
