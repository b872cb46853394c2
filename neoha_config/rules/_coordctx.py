"""``coord.cfg`` as ZooKeeper reads it: the context the coordinator rule modules share."""

from __future__ import annotations

from dataclasses import dataclass, field

from neoha_config.diagnostics import Location
from neoha_config.models.coord import PeerType, ServerLine, java_trim
from neoha_config.models.values import parse_java_int
from neoha_config.profile import Profile
from neoha_config.properties import Document, Entry
from neoha_config.tree import Node, SourceFile

_VERSION = {Profile.ZK33: (3, 3), Profile.ZK38: (3, 8)}


@dataclass(slots=True)
class Line:
    """One winning ``server.N`` entry, parsed as far as possible."""

    entry: Entry
    location: Location
    parsed: ServerLine | None = None


@dataclass(slots=True)
class Cfg:
    """``coord.cfg`` of one node: its document, and the values ZooKeeper reads (trimmed)."""

    node: Node
    source: SourceFile
    doc: Document
    profile: Profile
    lines: list[Line] = field(default_factory=list)
    winners: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Index the winning entry of each key once: Document.get scans the whole file.
        self.winners = {e.key: e for e in self.doc.entries}

    @property
    def modern(self) -> bool:
        return self.profile.modern

    def knows(self, since: tuple[int, int]) -> bool:
        """True when the profile's ZooKeeper reads a key introduced in release ``since``."""
        return _VERSION[self.profile] >= since

    def entry(self, key: str) -> Entry | None:
        return self.winners.get(key)

    def value(self, key: str) -> str | None:
        entry = self.winners.get(key)
        return None if entry is None else java_trim(entry.value)

    def loc(self, key: str) -> Location:
        entry = self.winners.get(key)
        return self.source.loc(entry.line, entry.column) if entry else self.source.loc()

    def integer(self, key: str) -> int | None:
        """The integer ZooKeeper reads for ``key``; None when unset or not an integer."""
        text = self.value(key)
        if text is None:
            return None
        try:
            return parse_java_int(text)
        except ValueError:
            return None

    @property
    def servers(self) -> dict[int, ServerLine]:
        return {ln.parsed.id: ln.parsed for ln in self.lines if ln.parsed is not None}

    @property
    def participants(self) -> list[Line]:
        return [
            ln
            for ln in self.lines
            if ln.parsed is not None and ln.parsed.peer_type is PeerType.PARTICIPANT
        ]

    @property
    def observers(self) -> list[Line]:
        return [
            ln
            for ln in self.lines
            if ln.parsed is not None and ln.parsed.peer_type is PeerType.OBSERVER
        ]

    @property
    def distributed(self) -> bool:
        """True when ZooKeeper runs a quorum peer (and reads myid, needs the limits)."""
        count = len(self.participants)
        if count > 1:
            return True
        # 3.5+: standaloneEnabled=false makes even one participant a quorum peer.
        return self.modern and count == 1 and (self.value("standaloneEnabled") or "") == "false"


def profile_note(cfg: Cfg, text33: str, text38: str) -> str:
    """``text38`` under a ZooKeeper 3.5+ profile, else ``text33``."""
    return text38 if cfg.modern else text33
