"""The ``probe`` subcommand: ask the coordinators of a tree whether their ensembles serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config.hosts import is_wildcard
from neoha_config.probe import EnsembleTargets, ProbeReport, Target, probe

if TYPE_CHECKING:
    from neoha_config.tree import Node


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``probe``."""
    parser.add_argument("path", metavar="PATH", help="a NEO4J_HOME, a coord.cfg, or a tree")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (text)"
    )
    parser.add_argument(
        "--timeout",
        type=_timeout,
        default=2.0,
        metavar="S",
        help="seconds to wait for each member's connect and answer (2)",
    )


def _timeout(text: str) -> float:
    """``--timeout``: seconds above 0 and at most an hour (not ``inf`` or ``nan``)."""
    from neoha_config.probe import MAX_TIMEOUT, check_timeout

    try:
        return check_timeout(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected seconds above 0 and at most {MAX_TIMEOUT:g}, got {text!r}"
        ) from None


def _is_observer(peer_type: object) -> bool:
    value = getattr(peer_type, "value", peer_type)
    return str(value).strip().lower() == "observer"


def _node_target(node: Node) -> Target:
    """Where one coordinator's client port listens, from its own config (SPEC §3)."""
    coord = node.coord
    myid = node.myid.value if node.myid is not None else None
    servers = dict(coord.servers) if coord is not None else {}
    if myid is None and len(servers) == 1:
        myid = next(iter(servers))  # one server line: ZooKeeper runs it standalone, no myid
    member_id = myid if myid is not None else 0
    line = servers.get(myid) if myid is not None else None
    participant = line is None or not _is_observer(line.peer_type)
    if coord is None:
        return Target(member_id, "", 0, participant, f"{node.display}: coord.cfg not readable")
    address = coord.client_port_address
    # A clientPortAddress of the wildcard means "all interfaces": connect to the server.N host.
    host = address if address and not is_wildcard(address) else None
    if host is None and line is not None:
        host = line.host
    port = coord.client_port or getattr(line, "client_port", None) or 0
    if host is None:
        return Target(
            member_id, "", port, participant, f"{node.display}: host unknown (no server.{myid})"
        )
    if not port:
        return Target(member_id, host, 0, participant, f"{node.display}: clientPort not set")
    return Target(member_id, host.strip("[]"), port, participant)


def targets_for(coordinators: list[Node], label: str) -> EnsembleTargets:
    """The probe targets of one ensemble: every coordinator in it, and its voter count.

    Voters are the participant ``server.N`` ids named by any of the coordinators, so a line
    whose coordinator is not in the tree still counts towards the majority.
    """
    voters: dict[int, bool] = {}
    for node in coordinators:
        if node.coord is None:
            continue
        for sid, line in node.coord.servers.items():
            voters[sid] = voters.get(sid, True) and not _is_observer(line.peer_type)
    members = [_node_target(n) for n in coordinators]
    participants = sum(voters.values()) if voters else None
    return EnsembleTargets(members=members, participants=participants, label=label)


def _shown(text: str) -> str:
    # What a server sent (or a config holds), escaped as the check's text report escapes it.
    from neoha_config.report.text import printable

    return printable(text)


def render_text(report: ProbeReport) -> str:
    """One line per member, a split-brain line when several members lead, then a quorum line
    per ensemble; control characters from servers and configs are shown escaped."""
    lines: list[str] = []
    for ens in report.ensembles:
        label = _shown(ens.label)
        for m in ens.members:
            state = m.mode if m.mode is not None else f"not serving ({m.error})"
            lines.append(_shown(f"{label}: server.{m.id} {m.endpoint} {state}"))
        if ens.split_brain:
            names = ", ".join(f"server.{m.id}" for m in ens.leaders)
            lines.append(
                f"{label}: SPLIT BRAIN: {len(ens.leaders)} members answer Mode: leader ({names})"
            )
        serving = sum(1 for m in ens.members if m.serving)
        verdict = "quorum holds" if ens.quorum else "NO quorum"
        lines.append(f"{label}: {verdict} ({serving} of {len(ens.members)} members serving)")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Load the tree under ``args.path``, probe its ensembles, print the report.

    Exit 0 when every member serves and every quorum holds, 1 otherwise (a split brain among
    them), 2 when the path does not exist or holds no coordinator.
    """
    from neoha_config.errors import NeohaConfigError
    from neoha_config.layout import load_tree
    from neoha_config.topology import build

    path = Path(args.path)
    if not path.exists():
        print(f"neoha-config probe: {args.path}: no such file or directory", file=sys.stderr)
        return 2
    try:
        tree = load_tree([path.parent if path.is_file() else path], include_logs=False)
    except NeohaConfigError as exc:
        print(f"neoha-config probe: {exc}", file=sys.stderr)
        return 2
    coordinators = [n for n in tree.nodes if n.is_coordinator]
    if not coordinators:
        print(f"neoha-config probe: {args.path}: no coordinator found", file=sys.stderr)
        return 2

    groups: list[tuple[str, list[Node]]] = []
    seen: set[int] = set()
    for i, ens in enumerate(build(tree).ensembles, start=1):
        nodes = [n for n in ens.coordinators if id(n) not in seen]
        seen.update(id(n) for n in nodes)
        if nodes:
            groups.append((ens.label or f"ensemble {i}", nodes))
    # A coordinator that shares no server line with another still runs: probe it on its own.
    for node in coordinators:
        if id(node) not in seen:
            groups.append((f"ensemble {node.name}", [node]))

    report = probe([targets_for(nodes, label) for label, nodes in groups], args.timeout)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        sys.stdout.write(render_text(report))
    return 0 if report.healthy else 1
