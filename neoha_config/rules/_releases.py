"""How each candidate Neo4j release reads one value of a node, and how a value finding says it.

The value rules ask the key catalogue (``catalogue.parse``) how every release the node's files
are consistent with (``CheckContext.releases``) reads a value, and report it at the level that
holds in every one of them (``release.settle``), naming the releases where it differs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

# The rules that call these functions import the catalogue anyway; asking for it here on every
# call (some forty times a node) cost more than the lookup itself.
from neoha_config.catalogue import lookup, parse
from neoha_config.diagnostics import Severity
from neoha_config.records import dataclass
from neoha_config.release import describe, settle

if TYPE_CHECKING:
    from neoha_config.catalogue import KeySpec, Result


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one release makes of one value: a severity (None: fine) and why."""

    severity: Severity | None
    reason: str = ""


FINE = Verdict(None)


def from_result(result: Result) -> Verdict:
    """A parser's answer as a verdict: refused is an error (with the release's own message,
    where known), accepted with a warning is a warning, accepted is fine."""
    if not result.ok:
        reason = result.reason or "refused"
        if result.java:
            reason += f" ({result.java})"
        return Verdict(Severity.ERROR, reason)
    if result.warning:
        return Verdict(Severity.WARNING, result.warning)
    return FINE


def spec_of(file: str, key: str) -> KeySpec | None:
    """The catalogue's spec of ``key`` in ``file``, or None."""
    return lookup(file, key)


def readings(spec: KeySpec, value: str, releases: Iterable[str]) -> dict[str, Result]:
    """How each of ``releases`` that reads ``spec``'s key parses ``value``; the releases that
    do not read the key are left out (NHA004 speaks of those)."""
    out: dict[str, Result] = {}
    for release in releases:
        result = parse(spec, release, value)
        if result is not None:
            out[release] = result
    return out


def verdicts(spec: KeySpec, value: str, releases: Iterable[str]) -> dict[str, Verdict]:
    """``readings`` as verdicts."""
    return {r: from_result(res) for r, res in readings(spec, value, releases).items()}


def all_refuse(found: Mapping[str, Verdict]) -> bool:
    """True when there is at least one reading release and every one refuses the value."""
    return bool(found) and all(v.severity is Severity.ERROR for v in found.values())


def settled(found: Mapping[str, Verdict]) -> tuple[Severity | None, str]:
    """The level a finding has in every release of ``found`` (None: no finding), and its text.

    One reason when the releases agree; otherwise each reason prefixed by the releases it holds
    for (``on 1.3-1.7, ...; on 1.8, ...``), then the note of ``settle``.
    """
    level, note = settle({r: v.severity for r, v in found.items()})
    if level is None:
        return None, ""
    groups: dict[tuple[Severity | None, str], list[str]] = {}
    for release, verdict in found.items():
        if verdict.severity is not None:
            groups.setdefault((verdict.severity, verdict.reason), []).append(release)
    if len(groups) == 1 and not note:
        return level, next(iter(groups))[1]
    parts = [f"on {describe(rs)}, {reason}" for (_, reason), rs in groups.items()]
    return level, "; ".join(parts) + note
