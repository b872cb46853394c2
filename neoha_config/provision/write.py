"""Write a cluster plan as a tree of NEO4J_HOMEs, updating existing files in place, atomically."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from neoha_config.models import MyId
from neoha_config.models.base import SettingsModel
from neoha_config.models.coord import SERVER_KEY
from neoha_config.properties import Document, Entry, parse
from neoha_config.provision import facts, render
from neoha_config.provision.disk import os_errors, parse_existing, read_file, write_file
from neoha_config.provision.planning import (
    COORD_KEYS,
    DATABASE_KEYS,
    LEGACY_NAMES,
    SERVER_KEYS,
    ClusterPlan,
    HomePlan,
)

SERVER_FILE = facts.SERVER_FILE
DATABASE_FILE = facts.DATABASE_FILE
COORD_FILE = facts.COORD_FILE
MYID_FILE = facts.MYID_FILE

# New files list the keys a plan owns first, in the plan's order, then any other key in the
# model's field order, and the server.N block last.
LEADING_KEYS: dict[str, tuple[str, ...]] = {
    SERVER_FILE: SERVER_KEYS,
    DATABASE_FILE: DATABASE_KEYS,
    COORD_FILE: COORD_KEYS,
}


@dataclass(frozen=True, slots=True)
class Change:
    """One change ``write_plan`` made (or would make, in a dry run) to ``path``.

    For a properties file: one Change per key that was added (``old`` None), changed, or
    removed (``new`` None, e.g. a ``server.N`` line the plan no longer has, or a legacy key
    name). For ``myid``: ``key`` is None and ``old``/``new`` are the id's text. ``created``
    is true when the file did not exist: then there is one Change per key it was written with.
    """

    path: Path
    key: str | None
    old: str | None
    new: str | None
    created: bool = False


@dataclass(slots=True)
class _Planned:
    path: Path
    data: bytes
    changes: list[Change]


def _ordered(rel: str, props: Mapping[str, str]) -> list[tuple[str, str]]:
    leading = [k for k in LEADING_KEYS.get(rel, ()) if k in props]
    servers = [k for k in props if SERVER_KEY.match(k) and k not in leading]
    rest = [k for k in props if k not in leading and k not in servers]
    return [(k, props[k]) for k in [*leading, *rest, *servers]]


def _header(home: HomePlan, rel: str, plan: ClusterPlan) -> str:
    # The header names no host, id or cluster: a later change can never make it stale.
    del home, plan
    return render.header(rel)


def _keep_last_only(doc: Document, key: str) -> Document:
    """The document without the earlier duplicates of ``key`` (the JVM ignores them anyway)."""
    last = doc.get(key)
    kept = [e for e in doc.elements if not (isinstance(e, Entry) and e.key == key) or e is last]
    return parse("".join(e.raw for e in kept))


def _plan_properties(
    path: Path, rel: str, props: Mapping[str, str], header: str, own_servers: bool
) -> _Planned:
    existing = read_file(path)
    if existing is None:
        doc = parse(header)
        for key, value in _ordered(rel, props):
            doc.set(key, value)
        created = [Change(path, k, None, v, created=True) for k, v in _ordered(rel, props)]
        return _Planned(path, doc.dump_bytes(), created)
    doc = parse_existing(existing, path)
    changes: list[Change] = []
    stale = [LEGACY_NAMES[k] for k in props if k in LEGACY_NAMES]
    if own_servers:
        stale += [e.key for e in doc.entries if SERVER_KEY.match(e.key) and e.key not in props]
    for key in dict.fromkeys(stale):
        entry = doc.get(key)
        if entry is not None and doc.remove(key):
            changes.append(Change(path, key, entry.value, None))
    for key, value in props.items():
        entry = doc.get(key)
        old = entry.value if entry is not None else None
        if len(doc.get_all(key)) > 1:
            doc = _keep_last_only(doc, key)
            if old == value:
                changes.append(Change(path, key, old, value))
        if doc.set(key, value):
            changes.append(Change(path, key, old, value))
    return _Planned(path, doc.dump_bytes(), changes)


def _plan_myid(path: Path, myid: MyId) -> _Planned:
    existing = read_file(path)
    new = str(myid.value)
    if existing is None:
        return _Planned(path, myid.dump_bytes(), [Change(path, None, None, new, created=True)])
    try:
        if MyId.parse(existing).value == myid.value:
            return _Planned(path, existing, [])  # keep the user's line ending
    except ValueError:
        pass
    old = existing.decode("latin-1").splitlines()[0] if existing else ""
    return _Planned(path, myid.dump_bytes(), [Change(path, None, old, new)])


def _files(home: HomePlan) -> list[tuple[str, SettingsModel | MyId]]:
    out: list[tuple[str, SettingsModel | MyId]] = []
    if home.server is not None:
        out.append((SERVER_FILE, home.server))
    if home.database is not None:
        out.append((DATABASE_FILE, home.database))
    if home.coord is not None:
        out.append((COORD_FILE, home.coord))
    if home.myid is not None:
        out.append((MYID_FILE, home.myid))
    return out


def write_plan(plan: ClusterPlan, out_dir: str | Path, *, dry_run: bool = False) -> list[Change]:
    """Write ``plan`` under ``out_dir``: ``<out>/<home>/conf/neo4j-server.properties`` and
    ``conf/neo4j.properties`` for a database node, ``conf/coord.cfg`` and
    ``data/coordinator/myid`` for a coordinator. Returns the changes, in home and file order.

    A new file gets a two-line header comment and the plan's keys in a stable order. An
    existing file is updated in place: only the keys the plan holds are set (each line keeps
    its separator and escaping), pre-1.5 names of those keys are removed, earlier duplicates of
    them dropped, and in ``coord.cfg`` every ``server.N`` line the plan does not have is
    removed; comments, blank lines, unknown keys and their order stay byte for byte. A file
    whose bytes would not change is not written at all, so writing a plan twice changes
    nothing the second time. Same plan, same bytes: the output holds no time or version.

    Every change is computed before anything is written, and each file is replaced atomically
    (``atomic.write_atomic``); ``dry_run`` computes and returns the changes, writing nothing.
    Raises NeohaConfigError (with the path) when an existing file cannot be read, is not a
    regular file, holds an escape the JVM rejects, or a write fails; files written before a
    failed write stay written (each one whole).
    """
    if not isinstance(plan, ClusterPlan):
        raise TypeError(f"write_plan needs the ClusterPlan of plan(), not {type(plan).__name__}")
    root = Path(out_dir)
    planned: list[_Planned] = []
    for home in plan.homes:
        for rel, model in _files(home):
            path = root / home.name / rel
            if isinstance(model, MyId):
                planned.append(_plan_myid(path, model))
            else:
                header = _header(home, rel, plan)
                props = model.to_properties()
                planned.append(_plan_properties(path, rel, props, header, rel == COORD_FILE))
    changes = [c for p in planned for c in p.changes]
    if dry_run:
        return changes
    for item in planned:
        with os_errors("write", item.path):
            if item.path.is_file() and item.path.read_bytes() == item.data:
                continue
        write_file(item.path, item.data, root)
    return changes
