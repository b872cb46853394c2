"""Plan a cluster description against a tree: the changes per file and key, and removals."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from neoha_config.errors import NeohaConfigError
from neoha_config.models import MyId
from neoha_config.properties import Document, parse
from neoha_config.provision import facts, render
from neoha_config.provision.description import Database, Description
from neoha_config.provision.disk import parse_existing, read_file

KNOWN_FILES = (facts.SERVER_FILE, facts.DATABASE_FILE, facts.COORD_FILE)
# The second line of the header older releases of this library wrote.
_OLD_SECOND_HEADER_LINE = (
    "# Settings the plan owns are updated in place; other lines are kept as they are."
)
Action = Literal["add", "change", "remove", "rename", "comment"]


@dataclass(frozen=True, slots=True)
class KeyChange:
    """One change inside a file: a key added, changed (``old`` -> ``new``), removed, renamed in
    place (``old_key`` -> ``key``; the value may change too) or the generated header comment
    refreshed (``key`` None). For ``myid`` the key is None and the values are the id's text."""

    action: Action
    key: str | None
    old: str | None = None
    new: str | None = None
    old_key: str | None = None

    def describe(self) -> str:
        """One line of the text diff."""
        if self.key is None and self.action in {"add", "change"}:
            return f"+ id {self.new}" if self.action == "add" else f"~ id: {self.old} -> {self.new}"
        if self.action == "add":
            return f"+ {self.key} = {self.new}"
        if self.action == "remove":
            return f"- {self.key} = {self.old}"
        if self.action == "rename":
            tail = "" if self.old == self.new else f", {self.old} -> {self.new}"
            return f"> {self.old_key} -> {self.key} (renamed in place{tail})"
        if self.action == "comment":
            return "~ generated header comment refreshed"
        return f"~ {self.key or 'id'}: {self.old} -> {self.new}"


@dataclass(frozen=True, slots=True)
class FileChange:
    """The new bytes of one file (``path`` relative to the tree) and the key changes that make
    them. ``before`` is None for a file that does not exist yet."""

    path: str
    before: bytes | None
    after: bytes
    keys: tuple[KeyChange, ...]

    @property
    def created(self) -> bool:
        """True when the file is new."""
        return self.before is None


@dataclass(frozen=True, slots=True)
class Removal:
    """A home (``kind`` ``home``) or a retired member's file (``file``) the description no
    longer has; only ``apply(..., prune=True)`` deletes it."""

    path: str
    kind: Literal["home", "file"]
    reason: str


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that would make the tree at ``root`` match a description: file changes,
    removals (done only with ``prune``) and notes (the rolling-upgrade order, for one)."""

    root: Path
    files: tuple[FileChange, ...] = ()
    removals: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ("3.3",)

    def __bool__(self) -> bool:
        return bool(self.files or self.removals)

    @property
    def empty(self) -> bool:
        """True when the tree already matches the description."""
        return not self

    def diff(self) -> str:
        """The reviewable text of the plan: each file with its key changes, then the removals
        and the notes; ``No changes.`` when there are none."""
        lines: list[str] = []
        for change in self.files:
            lines.append(f"{change.path}{' (new file)' if change.created else ''}")
            lines += [f"  {k.describe()}" for k in change.keys]
        for removal in self.removals:
            lines.append(
                f"{removal.path} ({removal.kind} to delete with --prune: {removal.reason})"
            )
        if not lines:
            lines.append("No changes.")
        for note in self.notes:
            lines += ["", *note.splitlines()]
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        """``N files to change, M to create, K to delete``."""
        created = sum(1 for f in self.files if f.created)
        return (
            f"{len(self.files) - created} file(s) to change, {created} to create, "
            f"{len(self.removals)} to delete (with --prune)"
        )

    def to_json(self) -> dict[str, Any]:
        """The plan as JSON-ready data (``plan --format json``)."""
        return {
            "version": 1,
            "changed": bool(self),
            "files": [
                {
                    "path": f.path,
                    "created": f.created,
                    "changes": [
                        {
                            "action": k.action,
                            "key": k.key,
                            "old": k.old,
                            "new": k.new,
                            **({"old_key": k.old_key} if k.old_key else {}),
                        }
                        for k in f.keys
                    ],
                }
                for f in self.files
            ],
            "removals": [
                {"path": r.path, "kind": r.kind, "reason": r.reason} for r in self.removals
            ],
            "notes": list(self.notes),
        }


# --- reading the tree -------------------------------------------------------------------------


def homes(root: Path) -> dict[str, Path]:
    """The NEO4J_HOMEs under ``root`` (directories with a ``conf/`` holding a known file), by
    ``/``-separated path relative to ``root``. Hidden and symlinked directories are skipped and
    a home's own subdirectories are not searched."""
    found: dict[str, Path] = {}
    for current, dirs, _files in os.walk(root, followlinks=False):
        here = Path(current)
        if here != root and any((here / rel).is_file() for rel in KNOWN_FILES):
            found[here.relative_to(root).as_posix()] = here
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
    return dict(sorted(found.items()))


# --- planning ---------------------------------------------------------------------------------


def _refresh_header(doc: Document, rel: str) -> tuple[Document, KeyChange | None]:
    """``doc`` with its generated header (one or two comment lines at the top) written the way
    ``render.header`` writes it now; the change, or None when it already is."""
    lines = doc.dumps().splitlines(keepends=True)
    if not lines or not lines[0].startswith(render.GENERATED_MARK):
        return doc, None
    fresh = render.header(rel).splitlines()
    second = lines[1].rstrip("\r\n") if len(lines) > 1 else None
    count = 2 if second in {_OLD_SECOND_HEADER_LINE, fresh[1]} else 1
    if [line.rstrip("\r\n") for line in lines[:count]] == fresh[:count]:
        return doc, None
    head = "".join(line + doc.newline for line in fresh[:count])
    return parse(head + "".join(lines[count:])), KeyChange("comment", None)


def _same(a: str, b: str, trim: bool) -> bool:
    return a.strip() == b.strip() if trim else a == b


def _new_file(want: render.DesiredFile) -> FileChange:
    doc = parse(render.header(want.rel))
    for key, value in want.values.items():
        doc.set(key, value)
    keys = tuple(KeyChange("add", k, None, v) for k, v in want.values.items())
    return FileChange(want.path, None, doc.dump_bytes(), keys)


def _renames(doc: Document, want: render.DesiredFile) -> list[KeyChange]:
    """Rename in place each wanted key the file holds under its other name (pre-1.5 or
    current), so that its line and the comment above it stay where they are."""
    changes: list[KeyChange] = []
    current = doc.to_dict()
    for key, value in want.values.items():
        other = facts.LEGACY_NAMES.get(key) or facts.CURRENT_NAMES.get(key)
        if key in current or other is None or other not in current or other in want.values:
            continue
        doc.rename(other, key)
        doc.set(key, value)
        changes.append(KeyChange("rename", key, current[other], value, old_key=other))
        current = doc.to_dict()
    return changes


def _removes_and_sets(doc: Document, want: render.DesiredFile) -> list[KeyChange]:
    changes: list[KeyChange] = []
    for key in dict.fromkeys(e.key for e in doc.entries):
        entry = doc.get(key)
        if key not in want.values and entry is not None:
            doc.remove(key)
            changes.append(KeyChange("remove", key, entry.value, None))
    for key, value in want.values.items():
        entry = doc.get(key)
        if entry is None:
            doc.set(key, value)
            changes.append(KeyChange("add", key, None, value))
        elif not _same(entry.value, value, want.trim):
            old = entry.value
            doc.set(key, value)
            changes.append(KeyChange("change", key, old, value))
    return changes


def _plan_properties(root: Path, want: render.DesiredFile) -> FileChange | None:
    path = root / want.path
    existing = read_file(path)
    if existing is None:
        return _new_file(want)
    doc = parse_existing(existing, path)
    changes = _renames(doc, want) + _removes_and_sets(doc, want)
    if changes:
        # A header from an older release of this library may name a host or cluster that has
        # changed: refresh it whenever the file is rewritten anyway.
        doc, header_change = _refresh_header(doc, want.rel)
        if header_change is not None:
            changes.insert(0, header_change)
    after = doc.dump_bytes()
    if after == existing:
        return None
    return FileChange(want.path, existing, after, tuple(changes))


def _plan_myid(root: Path, want: render.DesiredFile) -> FileChange | None:
    assert want.myid is not None
    path = root / want.path
    existing = read_file(path)
    new = MyId(value=want.myid)
    if existing is None:
        return FileChange(
            want.path, None, new.dump_bytes(), (KeyChange("add", None, None, str(want.myid)),)
        )
    try:
        if MyId.parse(existing).value == want.myid:
            return None
    except ValueError:
        pass
    old = existing.decode("latin-1").splitlines()[0] if existing.strip() else ""
    return FileChange(
        want.path, existing, new.dump_bytes(), (KeyChange("change", None, old, str(want.myid)),)
    )


def _removals(description: Description, root: Path, on_disk: dict[str, Path]) -> list[Removal]:
    dbs = {m.name for _, m in description.members() if isinstance(m, Database)}
    coords = {m.name for _, m in description.members() if not isinstance(m, Database)}
    out: list[Removal] = []
    for name, home in on_disk.items():
        if name not in dbs and name not in coords:
            was_coordinator = (home / facts.COORD_FILE).is_file() and _running_myid(home)
            reason = (
                "a coordinator the description no longer has"
                if was_coordinator
                else "no member of the description lives there"
            )
            out.append(Removal(name, "home", reason))
            continue
        if name not in dbs:
            out += _retired_database_files(name, home)
        if name in coords or not (home / facts.COORD_FILE).is_file():
            continue
        myid = _running_myid(home)
        if myid is not None:
            for rel in (facts.COORD_FILE, myid):
                out.append(
                    Removal(f"{name}/{rel}", "file", "the coordinator of this home is retired")
                )
    return out


def _retired_database_files(name: str, home: Path) -> list[Removal]:
    """The database files of a home whose database member left while its coordinator stays,
    when they show the node runs (an HA id is set); a stock copy is left alone."""
    data = read_file(home / facts.DATABASE_FILE)
    props = parse(data or b"").to_dict()
    if not any(k in props for k in (facts.SERVER_ID_KEY, "ha.machine_id")):
        return []
    return [
        Removal(f"{name}/{rel}", "file", "the database of this home is retired")
        for rel in (facts.SERVER_FILE, facts.DATABASE_FILE)
        if (home / rel).is_file()
    ]


def _running_myid(home: Path) -> str | None:
    """The ``myid`` of a coordinator that runs (an id ZooKeeper accepts, as ``import`` reads
    it), or None: a stock ``coord.cfg`` without one is no member and never retired."""
    rel = found_myid(home)
    if rel is None:
        return None
    try:
        value = MyId.parse(read_file(home / rel) or b"").value
    except ValueError:
        return None
    return rel if 1 <= value <= 255 else None


def found_myid(home: Path) -> str | None:
    """Where the coordinator of ``home`` keeps its ``myid`` (relative), or None."""
    data = read_file(home / facts.COORD_FILE)
    data_dir = parse(data or b"").to_dict().get("dataDir", "").strip()
    candidates = [facts.MYID_FILE]
    if data_dir and not Path(data_dir).is_absolute() and ".." not in Path(data_dir).parts:
        candidates.insert(0, (Path(data_dir) / "myid").as_posix())
    return next((rel for rel in candidates if (home / rel).is_file()), None)


UPGRADE_NOTE = """\
Upgrade to Neo4j 1.9 of cluster {name}: a rolling upgrade, one instance at a time, in the
order the Neo4j 1.9 manual ("Upgrading a Neo4j HA Cluster") prescribes. It starts from a
cluster on 1.8 with its coordinators running:
  1. Find the current master; back up the store.
  2. Upgrade the slaves first, one after another: stop the instance, install 1.9 with these
     files and the old store, start it, and wait until it has joined and caught up. While an
     older member remains, the 1.9 instances take no part in electing a master.
  3. Upgrade the master last; a 1.9 instance takes over when it stops.
  4. When every instance runs 1.9, stop and remove the coordinator services: 1.9 no longer
     uses them (apply with --prune deletes their files).
Database members to upgrade: {members} (whichever is master at the time goes last).
Coordinators to retire: {retired}."""


def _notes(
    description: Description, files: Iterable[FileChange], removed: list[Removal]
) -> list[str]:
    notes: list[str] = []
    touched = {f.path: f for f in files}
    for cluster in description.clusters:
        if facts.release_has_coordinators(cluster.release):
            continue
        upgraded = [
            db.name
            for db in cluster.databases
            if any(
                k.key in facts.COORDINATOR_KEYS and k.action == "remove"
                for k in getattr(touched.get(f"{db.name}/{facts.DATABASE_FILE}"), "keys", ())
            )
        ]
        if not upgraded:
            continue
        retired = sorted({r.path.split("/")[0] if r.kind == "file" else r.path for r in removed})
        notes.append(
            UPGRADE_NOTE.format(
                name=cluster.name or "neo4j.ha",
                members=", ".join(upgraded),
                retired=", ".join(retired) or "none in this tree",
            )
        )
    return notes


def plan_changes(description: Description, tree: str | os.PathLike[str]) -> Changes:
    """The changes that make the tree at ``tree`` match ``description``. Nothing is written.

    Every described file is compared key by key: keys added, changed, removed, renamed in
    place from their pre-1.5 name (or back), the generated header comment refreshed; a ``myid``
    with another id. Homes under the tree with no member, and the files of a retired member in
    a home another member keeps, are listed as removals. A tree that does not exist yet is
    empty. Raises NeohaConfigError when ``tree`` exists but is not a directory, or a file
    cannot be read or would not load in the JVM.
    """
    if not isinstance(description, Description):
        raise TypeError(f"expected a Description, not {type(description).__name__}")
    root = Path(tree)
    if root.exists() and not root.is_dir():
        raise NeohaConfigError("is not a directory", path=str(root))
    from neoha_config.provision.day2 import normalized

    description = normalized(description)
    files: list[FileChange] = []
    for want in render.desired(description):
        change = _plan_myid(root, want) if want.myid is not None else _plan_properties(root, want)
        if change is not None:
            files.append(change)
    removed = _removals(description, root, homes(root))
    profiles = tuple(sorted({c.zookeeper for c in description.clusters})) or ("3.3",)
    return Changes(
        root=root,
        files=tuple(files),
        removals=tuple(removed),
        notes=tuple(_notes(description, files, removed)),
        profiles=profiles,
    )
