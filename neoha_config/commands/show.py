"""The ``show`` subcommand: the inventory of a tree (clusters, ensembles, members, ports)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from neoha_config.errors import NeohaConfigError

if TYPE_CHECKING:
    from neoha_config.inventory import Inventory, Member


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``show``."""
    from neoha_config.commands.graph import add_common

    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="directories or files to list (default: .)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="(text)")
    parser.add_argument(
        "--ports", metavar="HOST", help="list every listener on HOST instead: the port map"
    )
    add_common(parser)


def _member_text(m: Member) -> list[str]:
    ident = "myid" if m.role == "coordinator" else "ha.server_id"
    state = "live" if m.live else "inert"
    release = m.release or "unknown"
    lines = [
        f"  {m.name} ({m.role}) {ident} {m.ident if m.ident is not None else '?'}"
        f"  {state}  release {release}  {m.path}"
    ]
    for p in m.ports:
        default = ", default" if p.default else ""
        lines.append(f"      {p.what}: {p.endpoint} ({p.key}{default})")
    if m.coordinators:
        lines.append("      coordinators: " + ",".join(e.endpoint for e in m.coordinators))
    return lines


def render_text(inv: Inventory) -> str:
    """Each ensemble and cluster, then its members with ids, state, release and endpoints."""
    lines: list[str] = []
    for group in inv.groups:
        head = group.label
        if group.kind == "cluster":
            if group.ensemble:
                head += f" -> {group.ensemble}"
            elif not group.label.startswith("1.9 cluster"):
                head += " -> no ensemble in the tree"
        lines.append(head)
        for m in group.members:
            lines.extend(_member_text(m))
    if not lines:
        lines.append("no node found")
    return "\n".join(lines) + "\n"


def render_ports(inv: Inventory, host: str, fmt: str) -> str:
    """The port map of ``host``: each listener with its node, setting and where it is set."""
    found = inv.ports_of(host)
    if fmt == "json":
        data = {
            "host": host,
            "listeners": [
                {
                    "endpoint": p.endpoint,
                    "what": p.what,
                    "node": m.name,
                    "path": m.path,
                    "role": m.role,
                    "key": p.key,
                    "location": p.location,
                    "default": p.default,
                }
                for p, m in found
            ],
        }
        return json.dumps(data, indent=2) + "\n"
    if not found:
        return f"no listener on {host} in the tree\n"
    lines = []
    for p, m in found:
        default = " (default)" if p.default else ""
        lines.append(f"{p.endpoint}  {p.what}  {m.name}  {p.key}{default}  {p.location}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the inventory (or a host's port map); 0, or 2 on a usage error."""
    from neoha_config.commands.graph import settings_of, write
    from neoha_config.inventory import of_paths

    try:
        inv = of_paths(args.paths or ["."], settings_of(args))
    except NeohaConfigError as exc:
        print(f"neoha-config: {exc}", file=sys.stderr)
        return 2
    if args.ports is not None:
        return write(render_ports(inv, args.ports, args.format), None)
    if args.format == "json":
        return write(json.dumps(inv.as_json(), indent=2) + "\n", None)
    return write(render_text(inv), None)
