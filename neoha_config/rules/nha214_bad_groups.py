"""NHA214: hierarchical quorum groups and weights that ZooKeeper 3.3 refuses to parse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.plain import parse_java_int
from neoha_config.registry import Scope, rule

if TYPE_CHECKING:
    from neoha_config.context import CheckContext
    from neoha_config.tree import Node


def _long(text: str) -> int | None:
    """``Long.parseLong(text)``; None where it throws."""
    try:
        return parse_java_int(text, bits=64)
    except ValueError:
        return None


def _java_split(value: str, sep: str) -> list[str]:
    """``String.split(sep)`` for a one-character literal: trailing empty strings are dropped
    (``":"`` gives none), and a value without ``sep`` is its only part (``""`` too)."""
    if sep not in value:
        return [value]
    parts = value.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


@rule(
    "NHA214",
    Severity.ERROR,
    Scope.NODE,
    "group.G or weight.N lines ZooKeeper 3.3 cannot parse, or groups that miss or repeat a server",
)
def bad_groups(node: Node, ctx: CheckContext) -> Iterator[Diagnostic]:
    """
    **What:** under the ZooKeeper 3.3 profile, the hierarchical quorum lines of `coord.cfg`
    are wrong: a key that starts with `group` or `weight` has no `.` or no integer after it
    (`group1`, `weight.a`), a `group.G` value is not `sid:sid:...` of integers, one server id
    is in two groups, or, with more than one participant, the groups do not hold every
    participant exactly once.

    **Why:** ZooKeeper 3.3.2 treats every key that starts with `group` or `weight` as a group
    or a weight and reads the text after the first `.` with `Long.parseLong`; a key without a
    dot is read whole and fails (`NumberFormatException`). A server id in two groups stops it
    with `Server <sid>is in multiple groups` (sic), and groups that leave out a participant,
    or name a server that is no participant, with `Every server must be in exactly one
    group`. A `weight.N` value that is no integer is NHA213's.

    **How to fix:** name groups `group.1`, `group.2`, ... with `sid:sid` values that together
    hold every participant once, and weights `weight.<sid>`; or remove them all (majority
    quorums need none).

    **Example:**

    ```properties
    # bad: server 3 in no group
    group.1=1:2
    # good
    group.1=1:2
    group.2=3
    ```
    """
    coord = ctx.coord(node)
    if coord is None or coord.modern:
        return
    facts = coord.facts
    grouped: dict[int, Location] = {}
    group_sites: list[tuple[str, Location]] = []
    for entry in facts.winning():
        key = java_trim(entry.key)
        if not key.startswith(("group", "weight")):
            continue
        where = facts.at(entry)
        dot = key.find(".")
        tail = key[dot + 1 :] if dot >= 0 else key
        what = "group" if key.startswith("group") else "weight"
        if _long(tail) is None:
            part = "the text after its first '.'" if dot >= 0 else "having no '.', the whole key"
            yield bad_groups.diag(
                where,
                f"{key} is read as a {what} line, and {part} is no integer: ZooKeeper 3.3 "
                f'stops with NumberFormatException: For input string: "{tail}"',
                node=node.name,
                key=key,
            )
            continue
        if what == "weight":
            continue  # its value is NHA213's
        group_sites.append((key, where))
        value = java_trim(entry.value)
        for part in _java_split(value, ":"):
            sid = _long(part)
            if sid is None:
                yield bad_groups.diag(
                    where,
                    f"{key} = {entry.value!r}: {part!r} is no server id: ZooKeeper 3.3 stops "
                    f'with NumberFormatException: For input string: "{part}"',
                    node=node.name,
                    key=key,
                )
                continue
            if sid in grouped:
                yield bad_groups.diag(
                    where,
                    f"{key} = {entry.value!r} puts server {sid} in a second group: ZooKeeper "
                    f"3.3 stops with: Server {sid}is in multiple groups",
                    node=node.name,
                    key=key,
                    related=[grouped[sid]],
                )
                continue
            grouped[sid] = where
    participants = {line.id for _, line in coord.participants}
    if not grouped or len(participants) < 2:
        return
    if len(participants) != len(grouped):
        missing = sorted(participants - set(grouped))
        extra = sorted(set(grouped) - participants)
        parts = []
        if missing:
            parts.append(f"participant(s) {', '.join(map(str, missing))} in no group")
        if extra:
            parts.append(f"id(s) {', '.join(map(str, extra))} in a group but no participant")
        first_key, first = group_sites[0]
        yield bad_groups.diag(
            first,
            f"the group.G lines hold {len(grouped)} server id(s) for {len(participants)} "
            f"participants ({'; '.join(parts) or 'the counts differ'}): ZooKeeper 3.3 stops "
            "with: Every server must be in exactly one group",
            node=node.name,
            key=first_key,
            related=[where for _, where in group_sites[1:]],
        )
