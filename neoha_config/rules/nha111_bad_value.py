"""NHA111: a typed setting with a value the node's release refuses or misreads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import DATABASE, SERVER
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import OWNED_KEYS, rejected_values
from neoha_config.rules._releases import all_refuse, settled, spec_of, verdicts
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node

CHECKED_KEYS = (
    "keep_logical_logs",
    "ha.pull_interval",
    "ha.allow_init_cluster",
    "ha.read_timeout",
    "ha.lock_read_timeout",
    "ha.max_concurrent_channels_per_slave",
    "ha.max_concurrent_transactions_on_master",
    "ha.branched_data_policy",
    "ha.slave_coordinator_update_mode",
    "ha.zk_session_timeout",
    "ha.coordinator_fetch_info_timeout",
    "ha.tx_push_factor",
    "ha.tx_push_strategy",
    "ha.com_chunk_size",
    "online_backup_enabled",
    "remote_shell_enabled",
    "remote_shell_read_only",
)
"""The typed HA and service settings of ``neo4j.properties`` whose every value is read the way
each candidate release reads it, also where the model accepts it."""

RETYPED = frozenset({"keep_logical_logs", "ha.zk_session_timeout"})
"""Keys whose type differs by release, where the model's single type (a boolean, milliseconds)
says less than the release's own reading: their findings use the catalogue's words."""


@rule(
    "NHA111",
    Severity.ERROR,
    Scope.NODE,
    "a typed setting has an invalid value",
)
def bad_value(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** a typed setting of `neo4j-server.properties` or `neo4j.properties` has a value
    the node's Neo4j release refuses or reads otherwise than written, judged release by
    release: booleans other than `true`/`false`, `ha.pull_interval` and other durations not
    digits with an optional `ms`, `s` or `m`, or too large for a 32-bit integer
    (`99999999999s`), enumerations (`ha.branched_data_policy`,
    `ha.slave_coordinator_update_mode`, `ha.tx_push_strategy`) outside their options,
    `ha.com_chunk_size` not a size within 1k to 16M, an integer out of its range.
    Release-dependent: `keep_logical_logs` is `true` or a list of data sources (`nioneodb`)
    up to 1.7 and `true`, `false` or `<n><unit> <type>` (`7 days`, `100M size`) from 1.8;
    `ha.zk_session_timeout` is a duration on 1.7 (`10s`; a bare number is seconds) and
    milliseconds on 1.8; `ha.read_timeout` must be at least 5 on 1.8; `ha.pull_interval=0`
    stops 1.3 (1.4 on read it as "no periodic pull").

    A value every candidate release refuses is an error; one that only some refuse, or that
    a release reads as something else (a boolean typo that 1.3 to 1.7 read as `false`), is
    reported at the level every candidate shares, with the releases where it differs named;
    when they do not all confirm a problem, nothing is reported.

    **Why:** Neo4j 1.5 to 1.7 read the enumerations with `Enum.valueOf` (exact lower case),
    durations with `TimeUtil` (`Unrecognized unit <u>`, `NumberFormatException` past
    2147483647) and booleans with `Boolean.parseBoolean`, which silently turns a typo into
    `false`; 1.8 validates every typed setting at start and refuses a bad one.

    **How to fix:** use a value of the documented form for the release, without blanks
    around it.

    **Example:**

    ```properties
    # bad
    ha.pull_interval=10 sec
    ha.branched_data_policy=KEEP_LAST
    # good
    ha.pull_interval=10s
    ha.branched_data_policy=keep_last
    ```
    """
    releases = ctx.releases(node)
    seen: set[tuple[str, str]] = set()
    for bad in rejected_values(node, lambda key: key not in OWNED_KEYS):
        file = _file_of(node, bad.file)
        seen.add((bad.file, bad.key))
        spec = spec_of(file, bad.key) if file is not None else None
        if spec is None:  # the catalogue does not know the key: the model's verdict stands
            yield _diag(
                node, bad.key, bad.value, bad.location, level=Severity.ERROR, text=bad.model_reason
            )
            continue
        found = verdicts(spec, bad.value, releases)
        if all_refuse(found) and bad.key not in RETYPED:
            yield _diag(
                node, bad.key, bad.value, bad.location, level=Severity.ERROR, text=bad.model_reason
            )
            continue
        level, text = settled(found)
        if level is not None:
            yield _diag(node, bad.key, bad.value, bad.location, level=level, text=text)
    source = node.files.get(FileRole.DATABASE)
    if source is None:
        return
    for key in CHECKED_KEYS:
        site = source.site(key)
        spec = spec_of(DATABASE, key)
        if site is None or spec is None or (source.display, key) in seen:
            continue
        level, text = settled(verdicts(spec, site.value, releases))
        if level is not None:
            yield _diag(node, key, site.value, site.location, level=level, text=text)


def _file_of(node: Node, display: str) -> str | None:
    for role, file in ((FileRole.DATABASE, DATABASE), (FileRole.SERVER, SERVER)):
        source = node.files.get(role)
        if source is not None and source.display == display:
            return file
    return None


def _diag(
    node: Node, key: str, value: str, where: Location, *, level: Severity, text: str
) -> Diagnostic:
    return bad_value.diag(
        where, f"{key} = {value!r}: {text}", severity=level, node=node.name, key=key
    )
