"""NHA110: a port setting that is not a port as the node's release reads it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue import DATABASE, SERVER
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.registry import Scope, rule
from neoha_config.rules._database import VALUE_KEYS, Rejected, rejected_values
from neoha_config.rules._releases import Verdict, all_refuse, settled, spec_of, verdicts
from neoha_config.tree import FileRole

if TYPE_CHECKING:
    from neoha_config.catalogue import KeySpec
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


@rule(
    "NHA110",
    Severity.ERROR,
    Scope.NODE,
    "a port setting is not an integer in 1-65535",
    keys=VALUE_KEYS["NHA110"],
)
def bad_port(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** one of `org.neo4j.server.webserver.port`,
    `org.neo4j.server.webserver.https.port`, `online_backup_port`, `remote_shell_port`, or the
    1.3 to 1.7 switches `enable_online_backup` / `enable_remote_shell` (`true`, `false` or
    `port=N`) does not hold a valid port in a release that reads it: an error. Port 0, and a
    switch that is neither `true`, `false` nor `key=value` pairs (`port:6362`, `yes`), are
    warnings.

    **Why:** Neo4j 1.8 validates ports ("Must be a valid port number") and refuses to start;
    older releases fail when binding. `neo4j.properties` values are read raw, so a trailing
    blank makes a port invalid there; the server reads `neo4j-server.properties` with Commons
    Configuration, which trims. Port 0 binds a random free port nobody can be told about. A
    switch without `=` is read with `Boolean.parseBoolean`, so `port:6362` silently turns
    the service off.

    **How to fix:** use an integer from 1 to 65535 that no other listener on the host uses
    (see NHA309); write a switch as `true`, `false` or `port=N`.

    **Example:**

    ```properties
    # bad
    enable_online_backup=port:6362
    # good
    enable_online_backup=port=6362
    ```
    """
    releases = ctx.releases(node)
    rejected = {(r.file, r.key): r for r in rejected_values(node, bad_port.keys.__contains__)}
    server = node.files.get(FileRole.SERVER)
    if server is not None:
        for key in bad_port.keys:
            bad = rejected.get((server.display, key))
            spec = spec_of(SERVER, key)
            if bad is not None and spec is not None:
                yield from _judge(node, releases, spec, (key, bad.value, bad.location), bad)
    database = node.files.get(FileRole.DATABASE)
    if database is not None:
        for key in bad_port.keys:
            site = database.site(key)
            spec = spec_of(DATABASE, key)
            if site is not None and spec is not None:
                bad = rejected.get((database.display, key))
                yield from _judge(node, releases, spec, (key, site.value, site.location), bad)


def _judge(
    node: Node,
    releases: tuple[str, ...],
    spec: KeySpec,
    setting: tuple[str, str, Location],
    rejected: Rejected | None,
) -> Iterator[Diagnostic]:
    key, value, where = setting
    found = {r: _worded(v, key, value) for r, v in verdicts(spec, value, releases).items()}
    level, text = settled(found)
    if level is None:
        return
    if rejected is not None and all_refuse(found):
        text = _model_text(rejected)
    message = f"{key} = {value!r}: {text}"
    yield bad_port.diag(where, message, severity=level, node=node.name, key=key)


def _worded(verdict: Verdict, key: str, value: str) -> Verdict:
    if key.startswith("enable_"):
        if verdict.severity is Severity.WARNING:
            service = "online backup" if "backup" in key else "remote shell"
            return Verdict(Severity.WARNING, f"{verdict.reason}; the {service} stays off")
        return verdict
    if verdict.severity is not Severity.ERROR and value.lstrip("+").lstrip("0") == "":
        return Verdict(Severity.WARNING, "port 0 binds a random free port no one is told about")
    return verdict


def _model_text(bad: Rejected) -> str:
    if bad.key.startswith("enable_"):
        return f"not 'true', 'false' or 'port=N' with N in 1-65535 ({bad.model_reason})"
    return "not an integer in 1-65535"
