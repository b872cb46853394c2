"""The loaded tree: nodes, their source files, parsed documents and typed models."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from neoha_config.diagnostics import Location
from neoha_config.records import dataclass, field

if TYPE_CHECKING:
    from neoha_config.commons import Reading
    from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
    from neoha_config.models.base import ValueIssue
    from neoha_config.models.coordfacts import CoordFacts
    from neoha_config.properties import Document, Entry


class FileRole(enum.StrEnum):
    """What a known file is; the value is its canonical file name."""

    SERVER = "neo4j-server.properties"
    DATABASE = "neo4j.properties"
    COORD = "coord.cfg"
    MYID = "myid"
    MISNAMED_SERVER = "neo-server.properties"


@dataclass(frozen=True, slots=True)
class Site:
    """A key's winning entry in one file: the key, its raw value, where it is, the entry."""

    key: str
    value: str
    location: Location
    entry: Entry

    def __init__(self, key: str, value: str, location: Location, entry: Entry) -> None:
        setter = object.__setattr__  # written out: one per key a rule looks up
        setter(self, "key", key)
        setter(self, "value", value)
        setter(self, "location", location)
        setter(self, "entry", entry)


@dataclass(slots=True)
class SourceFile:
    """One file as read from disk, read once.

    ``display`` is its path relative to the current directory, ``/``-separated: every Location
    uses it. ``data`` is None when the file could not be read, and ``error`` says why (NHA001).
    ``document`` is the parsed properties document for properties roles.
    """

    role: FileRole | None
    path: Path
    display: str
    data: bytes | None = None
    error: str | None = None
    document: Document | None = None
    commons: Reading | None = None  # the server file as Commons Configuration reads it

    def loc(self, line: int = 1, column: int = 1) -> Location:
        """A location in this file."""
        return Location(self.display, line, column)

    def site(self, key: str | None) -> Site | None:
        """Where ``key`` wins in this file, with its raw value; None when the file was not
        parsed or does not set the key."""
        if key is None or self.document is None:
            return None
        entry = self.document.get(key)
        if entry is None:
            return None
        return Site(key, entry.value, Location(self.display, entry.line, entry.column), entry)

    def raw(self, key: str) -> str | None:
        """The winning raw value of ``key``, or None."""
        site = self.site(key)
        return None if site is None else site.value


@dataclass(slots=True)
class LogFile:
    """One ``messages.log`` (or rotated ``messages.log.N``) of a node, as far as it was read."""

    path: Path
    display: str
    rotation: int  # 0 for messages.log, N for messages.log.N
    data: bytes | None = None
    error: str | None = None
    # Line number in the file of the first line of ``data``; 0 (``logs.UNKNOWN_LINE``) when
    # ``data`` is the tail of a larger file and line numbers are not counted.
    first_line: int = 1


@dataclass(slots=True)
class Node:
    """A database node and/or coordinator: one NEO4J_HOME (``home``) or one flat directory.

    ``name`` is the node's path relative to the argument it was found under (``.`` when it is
    the argument itself). Models are None when their file is absent or unreadable; invalid values
    are left out of a model and listed in ``value_issues`` per role.
    """

    name: str
    path: Path
    display: str
    layout: str  # "home" or "flat"
    files: dict[FileRole, SourceFile] = field(default_factory=dict)
    myid_preferred: bool = True  # False when myid was found where ZooKeeper will not read it
    server: ServerSettings | None = None
    database: DatabaseSettings | None = None
    coord: CoordConfig | None = None
    myid: MyId | None = None
    myid_line: str | None = None  # myid's first line as ZooKeeper reads it; None: empty, unread
    coord_facts: CoordFacts | None = None  # coord.cfg as ZooKeeper reads it
    value_issues: dict[FileRole, list[ValueIssue]] = field(default_factory=dict)
    logs: list[LogFile] = field(default_factory=list)

    def where(self, role: FileRole, key: str | None = None) -> Location:
        """Where ``key`` wins in the node's ``role`` file; line 1 of that file when the key is
        absent (a default), or the node's directory when the file is absent too."""
        source = self.files.get(role)
        if source is None:
            return Location(self.display)
        site = source.site(key)
        return site.location if site is not None else source.loc()

    @property
    def is_database(self) -> bool:
        """Has a server or database file."""
        return FileRole.SERVER in self.files or FileRole.DATABASE in self.files

    @property
    def is_coordinator(self) -> bool:
        """Has a ``coord.cfg``."""
        return FileRole.COORD in self.files

    @property
    def roles(self) -> list[str]:
        """``database`` and/or ``coordinator``, as in the JSON report."""
        out = []
        if self.is_database:
            out.append("database")
        if self.is_coordinator:
            out.append("coordinator")
        return out


@dataclass(slots=True)
class Tree:
    """Every node found under the checked paths, and the paths under which none was found."""

    nodes: list[Node] = field(default_factory=list)
    # (display path, why) of each path argument under which no node was found (NHA007).
    unplaced: list[tuple[str, str]] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        """How many known files the nodes hold (logs excluded)."""
        return sum(len(n.files) for n in self.nodes)
