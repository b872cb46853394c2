"""Fixers of database, coordinator and cluster findings: names, lists, units, ids, ports."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Applicability, Edit, Fix
from neoha_config.fix.base import (
    BLANKS,
    RENAMES,
    delete_lines,
    edited_text,
    entry_lines,
    fixer,
    flagged_entry,
    flagged_value,
    reads,
    release_reads_new_names,
    usable,
)

if TYPE_CHECKING:
    from neoha_config.fix.view import FixInput

# --- database node ----------------------------------------------------------------------------


@fixer("NHA105", "safe")
def coordinator_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks around the entries of a coordinator list, when that alone makes it a
    valid list."""
    from neoha_config.models.plain import parse_coordinator_list

    diag, view = inp.diag, inp.file
    found = flagged_value(inp)
    if found is None or diag.key is None:
        return None
    entry, start = found
    connect, slash, chroot = entry.value.partition("/")
    new_value = ",".join(e.strip(" \t") for e in connect.split(",")) + slash + chroot
    if new_value == entry.value:
        return None
    try:
        parse_coordinator_list(new_value)
    except ValueError:
        return None
    line = entry.line
    return Fix(
        f"delete the blanks around the entries of {diag.key}",
        (Edit(view.display, (line, start + 1), (line, start + len(entry.value) + 1), new_value),),
    )


@fixer("NHA104", "unsafe")
def both_names(inp: FixInput) -> Fix | None:
    """Both names of one setting with the same value: delete the 1.3 name's line. Safe only
    where the node's release is known to read the new name (on 1.3 the old one is needed)."""
    diag, view = inp.diag, inp.file
    if not usable(inp) or diag.key is None:
        return None
    assert view.document is not None
    pair = next(((old, new) for old, new in RENAMES.items() if diag.key in (old, new)), None)
    if pair is None:
        return None
    olds, news = view.document.get_all(pair[0]), view.document.get_all(pair[1])
    if len(olds) != 1 or len(news) != 1 or olds[0].value != news[0].value:
        return None
    reads = release_reads_new_names(inp.node())
    if reads is False:
        return None
    old = olds[0]
    return Fix(
        f"delete line {old.line}: {pair[0]} repeats {pair[1]}, the name Neo4j 1.4+ read",
        (delete_lines(view, old.line, old.end_line),),
        Applicability.SAFE if reads else Applicability.UNSAFE,
    )


@fixer("NHA114", "unsafe")
def legacy_name(inp: FixInput) -> Fix | None:
    """Rename a 1.3 key to its 1.4+ name in place: safe only where the node's release is known to
    read the new name."""
    diag, view = inp.diag, inp.file
    if not usable(inp) or diag.key not in RENAMES:
        return None
    assert diag.key is not None
    assert view.document is not None
    new = RENAMES[diag.key]
    if view.document.get(new) is not None or len(view.document.get_all(diag.key)) != 1:
        return None  # both names (NHA104) or a duplicate: renaming would not be the one repair
    entry = view.entry_at(diag.location.line, diag.key)
    reads = release_reads_new_names(inp.node())
    if entry is None or reads is False:
        return None
    content = view.content(entry.line) or ""
    start = entry.column - 1
    end = start + len(diag.key) + 1
    if content[start : start + len(diag.key)] != diag.key:
        return None
    return Fix(
        f"rename {diag.key} to {new}",
        (Edit(view.display, (entry.line, start + 1), (entry.line, end), new),),
        Applicability.SAFE if reads else Applicability.UNSAFE,
    )


@fixer("NHA115", "safe")
def pull_interval_unit(inp: FixInput) -> Fix | None:
    """Append ``s`` to a bare ``ha.pull_interval``: every 1.x release reads it as seconds."""
    diag, view = inp.diag, inp.file
    found = flagged_value(inp) if diag.key == "ha.pull_interval" else None
    if found is None or not re.fullmatch(r"[0-9]+", found[0].value):
        return None
    entry, start = found
    at = (entry.line, start + len(entry.value) + 1)
    return Fix(
        f"write ha.pull_interval = {entry.value}s (a bare number is seconds in every 1.x release)",
        (Edit(view.display, at, at, "s"),),
    )


# --- coordinator ------------------------------------------------------------------------------


@fixer("NHA205", "safe")
def myid_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks around the id on the first line of ``myid``."""
    view = inp.file
    content = view.content(1)
    if content is None:
        return None
    stripped = content.strip(" \t")
    if stripped == content or not re.fullmatch(r"[0-9]+", stripped):
        return None
    return Fix(
        f"write the id {stripped} alone on the first line of myid",
        (Edit(view.display, (1, 1), (1, len(content) + 1), stripped),),
    )


@fixer("NHA212", "safe")
def server_line_blanks(inp: FixInput) -> Fix | None:
    """Delete the blanks at the end of a ``server.N`` line (ZooKeeper 3.3/3.4 trim them,
    3.5+ reject the line)."""
    diag, view = inp.diag, inp.file
    entry = flagged_entry(inp)
    if entry is None or diag.key is None:
        return None
    content = view.content(entry.end_line) or ""
    stripped = content.rstrip(BLANKS)
    if (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        return None  # an escaped blank: not plain trailing whitespace
    new_value = entry.value.rstrip(BLANKS)
    if stripped == content or new_value != entry.value.strip(" \t\f\r\n"):
        return None
    last = entry.end_line
    edit = Edit(view.display, (last, len(stripped) + 1), (last, len(content) + 1), "")
    after = edited_text(view, (edit,))
    if after is None or reads(entry_lines(view, entry).rstrip("\r\n").rstrip(BLANKS)) != [
        (entry.key, new_value)
    ]:
        return None
    return Fix(f"delete the trailing blanks of {diag.key}", (edit,))


# --- cluster ----------------------------------------------------------------------------------

_LISTED = re.compile(r" lists (\S+), but ")


@fixer("NHA303", "unsafe")
def coordinator_client_port(inp: FixInput) -> Fix | None:
    """Rewrite a coordinator-list entry that names a coordinator's quorum or election port to
    that coordinator's client port, when the tree shows exactly one coordinator it can mean.
    Unsafe: the node then talks to another address."""
    from neoha_config import topology
    from neoha_config.hosts import host_key
    from neoha_config.models.plain import HostPort

    diag, view = inp.diag, inp.file
    m = _LISTED.search(diag.message)
    facts = inp.facts()
    node = inp.node()
    found = flagged_value(inp)
    if found is None or diag.key is None or m is None or facts is None or node is None:
        return None
    entry, start = found
    try:
        listed = HostPort.parse(m.group(1), split_at="last")
    except ValueError:
        return None
    ens = None
    cluster = facts.topology().cluster_of.get(id(node))
    if cluster is not None:
        ens = cluster.ensemble
    if ens is None:
        return None
    host = host_key(listed.host)
    targets = set()
    for coord in ens.coordinators:
        line = topology.own_server_line(coord)
        client = topology.client_endpoint(coord)
        if line is None or host_key(line.host) != host:
            continue
        if listed.port in (line.quorum_port, line.election_port):
            if client is None:
                return None
            targets.add(client[1])
    if len(targets) != 1:
        return None
    port = targets.pop()
    offset = 0
    edits = []
    for raw in entry.value.split("/", 1)[0].split(","):
        try:
            hp = HostPort.parse(raw, split_at="last")
        except ValueError:
            hp = None
        if hp is not None and host_key(hp.host) == host and hp.port == listed.port:
            colon = start + offset + raw.rindex(":")
            edits.append(
                Edit(
                    view.display,
                    (entry.line, colon + 2),
                    (entry.line, start + offset + len(raw) + 1),
                    str(port),
                )
            )
        offset += len(raw) + 1
    if len(edits) != 1:
        return None
    return Fix(
        f"list {listed.host}:{port}, the coordinator's client port",
        tuple(edits),
        Applicability.UNSAFE,
    )
