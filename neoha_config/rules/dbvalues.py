"""Database node rules on typed values (NHA101, 103, 105, 107, 108, 110, 111, 115)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.registry import Rule, define
from neoha_config.rules._dbsite import COORD_KEYS, ID_KEYS, MODE_KEY, file_loc, find_site
from neoha_config.tree import FileRole, Node

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


def find_bad_values(node: Node) -> Iterator[Diagnostic]:
    """NHA101, NHA103, NHA105, NHA107, NHA108, NHA110 and NHA111: one finding per value the
    models rejected in the node's server and database files, at the winning entry (or the
    file, when the entry is not found). Raises nothing."""
    for role in (FileRole.SERVER, FileRole.DATABASE):
        source = node.files.get(role)
        if source is None:
            continue
        # Index the winning entries once: Document.get scans the whole file.
        winners = {e.key: e for e in source.document.entries} if source.document else {}
        for issue in node.value_issues.get(role, ()):
            rule = _rule_for(issue.key)
            entry = winners.get(issue.key)
            where = source.loc(entry.line, entry.column) if entry else file_loc(source)
            why = _why(rule, issue.key, issue.value, issue.message, source.display)
            yield rule.diag(
                where, f"{issue.key} = {issue.value!r}: {why}", node=node.name, key=issue.key
            )


def find_zero_id(node: Node) -> Iterator[Diagnostic]:
    """NHA103 as a warning: machine id 0 in the node's database file. Raises nothing."""
    source = node.files.get(FileRole.DATABASE)
    db = node.database
    if source is None or db is None:
        return
    for key, value in ((ID_KEYS[0], db.server_id), (ID_KEYS[1], db.machine_id)):
        site = find_site(source, key)
        if value == 0 and site is not None:
            yield BAD_MACHINE_ID.diag(
                site.location,
                f"{key} = {site.value!r}: machine id 0 passes the preflight, but the 1.x manual "
                "asks for a positive id; use 1 or more",
                severity=Severity.WARNING,
                node=node.name,
                key=key,
            )


def find_bare_pull_interval(node: Node) -> Iterator[Diagnostic]:
    """NHA115: ``ha.pull_interval`` without a unit in the node's database file. Raises
    nothing."""
    site = find_site(node.files.get(FileRole.DATABASE), "ha.pull_interval")
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
