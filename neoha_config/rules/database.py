"""Database node rules on mode, HA completeness and key names (NHA102, 104, 112-114)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import PureWindowsPath

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.values import ServerMode
from neoha_config.registry import CheckContext, Scope, check, define
from neoha_config.rules._dbsite import (
    COORD_KEYS,
    ID_KEYS,
    MODE_KEY,
    TUNING_KEY,
    Site,
    file_loc,
    find_site,
)
from neoha_config.rules.dbaddresses import find_duplicate_coordinators
from neoha_config.rules.dbvalues import find_bad_values, find_bare_pull_interval, find_zero_id
from neoha_config.tree import FileRole, Node

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


def _mode(node: Node) -> tuple[ServerMode | None, Site | None]:
    """The node's effective server mode and the mode line, or (None, …) when the mode is
    unknown: no server file, or a mode value the server rejects (NHA101 says so)."""
    source = node.files.get(FileRole.SERVER)
    if source is None or source.document is None or node.server is None:
        return None, None
    site = find_site(source, MODE_KEY)
    if site is not None and site.value.lower() not in ("ha", "single"):
        return None, site
    return node.server.effective_mode, site


# --- per-node check -------------------------------------------------------------------------


@check(Scope.NODE)
def check_database_node(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """NHA101 to NHA108 and NHA110 to NHA115 for one database node.

    The value rules live in ``dbvalues`` and NHA106 in ``dbaddresses``; they run from here so
    that one node's findings keep their order. Reads the server and database files' documents
    and models; a node with neither file, or whose files could not be read, gives nothing.
    """
    if not node.is_database:
        return
    yield from find_bad_values(node)
    yield from find_zero_id(node)
    yield from _both_names(node)
    yield from find_duplicate_coordinators(node)
    yield from _legacy_keys(node)
    yield from find_bare_pull_interval(node)
    mode, mode_site = _mode(node)
    if mode is ServerMode.HA and mode_site is not None:
        yield from _ha_incomplete(node, mode_site)
        yield from _tuning(node, mode_site)
    elif mode is ServerMode.SINGLE:
        yield from _ha_in_single(node, mode_site)


def _both_names(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    if source is None or source.document is None:
        return
    for current, legacy in (ID_KEYS, COORD_KEYS):
        a, b = find_site(source, current), find_site(source, legacy)
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


def _legacy_keys(node: Node) -> Iterator[Diagnostic]:
    source = node.files.get(FileRole.DATABASE)
    for current, legacy in (ID_KEYS, COORD_KEYS):
        site = find_site(source, legacy)
        if site is None:
            continue
        yield LEGACY_KEY.diag(
            site.location,
            f"{legacy} is the pre-1.5 name of {current}; Neo4j 1.4+ prefer {current} (1.8 "
            f"rewrites it: {legacy} has been replaced with {current})",
            node=node.name,
            key=legacy,
        )


def _ha_incomplete(node: Node, mode_site: Site) -> Iterator[Diagnostic]:
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
            related=[file_loc(source)],
        )


def _is_absolute(value: str) -> bool:
    return posixpath.isabs(value) or PureWindowsPath(value).is_absolute()


def _tuning(node: Node, mode_site: Site) -> Iterator[Diagnostic]:
    server = node.files[FileRole.SERVER]
    site = find_site(server, TUNING_KEY)
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
        f"the server stops with: No database tuning file at [<NEO4J_HOME>/{site.value}]",
        node=node.name,
        key=TUNING_KEY,
        related=[mode_site.location],
    )


def _ha_in_single(node: Node, mode_site: Site | None) -> Iterator[Diagnostic]:
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
