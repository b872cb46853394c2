"""The ``init`` subcommand: plan a consistent cluster from host lists and write it into OUT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``init``."""
    parser.add_argument("out", metavar="OUT", help="directory to create the homes in (empty)")
    parser.add_argument(
        "--db-hosts",
        required=True,
        metavar="H1,H2,...",
        help="database node hosts, comma-separated; one home dbN each (a host may repeat)",
    )
    parser.add_argument(
        "--coordinator-hosts",
        required=True,
        metavar="H1,H2,...",
        help="coordinator hosts, comma-separated; one home coordN each (odd number, at least 3)",
    )
    parser.add_argument(
        "--cluster-name", default="neo4j.ha", metavar="NAME", help="ha.cluster_name (neo4j.ha)"
    )
    parser.add_argument(
        "--zookeeper",
        choices=("3.3", "3.8"),
        default="3.3",
        help="coordinator profile: 3.3 (bundled with Neo4j 1.x, default) or 3.8",
    )
    parser.add_argument(
        "--description",
        metavar="FILE",
        help="also write the cluster description (cluster.toml) of OUT to FILE, for day 2",
    )
    parser.add_argument(
        "--allow-poor-fault-tolerance",
        action="store_true",
        help="accept 1, 2 or an even number of coordinators (check will warn: NHA208)",
    )


def _hosts(text: str) -> list[str]:
    # Blanks around commas are a typing convenience; an empty entry is left for plan() to name.
    return [] if not text.strip() else [h.strip() for h in text.split(",")]


def _fail(message: str) -> int:
    print(f"neoha-config init: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Write one NEO4J_HOME per host under ``args.out``; 0 on success, 2 on any error.

    OUT must not exist, or be an empty directory: anything else is refused with nothing
    touched. The plan is made before OUT is created, so a bad host list writes nothing.
    """
    from neoha_config.errors import NeohaConfigError
    from neoha_config.profile import Profile
    from neoha_config.provision import dump, import_tree, plan, write_plan

    out = Path(args.out)
    described = Path(args.description) if args.description else None
    if described is not None and (described.exists() or described.is_symlink()):
        return _fail(f"{described} exists; init writes a new description only")
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            return _fail(f"{out} exists and is not a directory")
        try:
            if any(out.iterdir()):
                return _fail(f"{out} is not empty; init only writes into a new or empty directory")
        except OSError as exc:
            return _fail(f"cannot read {out}: {exc.strerror or exc}")
    try:
        cluster = plan(
            _hosts(args.db_hosts),
            _hosts(args.coordinator_hosts),
            cluster_name=args.cluster_name,
            profile=Profile(args.zookeeper),
            allow_poor_fault_tolerance=args.allow_poor_fault_tolerance,
        )
        out.mkdir(parents=True, exist_ok=True)
        changes = write_plan(cluster, out)
        if described is not None:
            dump(import_tree(out, zookeeper=args.zookeeper), described)
    except NeohaConfigError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot create {out}: {exc.strerror or exc}")
    written: dict[Path, int] = {}
    for change in changes:
        written[change.path] = written.get(change.path, 0) + (change.key is not None)
    for path, keys in written.items():
        what = f"{keys} settings" if keys else "id"
        print(f"wrote {path.as_posix()} ({what})")
    if described is not None:
        print(f"wrote {described.as_posix()} (the cluster description)")
    after = f"; later: neoha-config plan {described} {out}" if described is not None else ""
    print(
        f"{len(cluster.databases)} database nodes and {len(cluster.coordinators)} coordinators "
        f"in {out}; next: neoha-config check --zookeeper {args.zookeeper} {out}{after}",
        file=sys.stderr,
    )
    return 0
