"""``coord.cfg`` as ZooKeeper reads it, read once: winning entries, trimmed values, server lines."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Location
from neoha_config.models.coordkeys import coord_key_since
from neoha_config.models.plain import PeerType, ServerLine, parse_java_int, parse_server_id
from neoha_config.profile import Profile
from neoha_config.properties import Document, Entry
from neoha_config.records import dataclass, field


@dataclass(frozen=True, slots=True)
class ServerEntry:
    """One winning ``server.N`` entry: where it is, its id and its line, as far as they parse.

    ``id`` is None when N is not an integer; ``line`` is None when the value does not parse, and
    ``error`` then says why (the model's reason, starting with the quoted value). ``line33`` is
    the line as ZooKeeper 3.3 reads it (``read_33``), None where 3.3 fails on it or drops it.
    """

    entry: Entry
    location: Location
    id: int | None
    line: ServerLine | None
    error: str | None
    line33: ServerLine | None = None

    def padded(self) -> bool:
        """True when the raw value has whitespace around it (3.5+ do not trim ``server.N``)."""
        return self.entry.value != java_trim(self.entry.value)

    def modern_only(self) -> bool:
        """True when the value uses a form only ZooKeeper 3.4+/3.5+ read (``[v6]``, ``;port``)."""
        value = java_trim(self.entry.value)
        return value.startswith("[") or ";" in value

    def parsed(self, profile: Profile) -> ServerLine | None:
        """The line as ``profile``'s ZooKeeper reads it; None where it fails to."""
        if not profile.modern:
            return self.line33
        return self.line


@dataclass(frozen=True, slots=True)
class Reading33:
    """A ``server.N`` value as ZooKeeper 3.3's ``QuorumPeerConfig`` reads it.

    ``line`` is the parsed line, or None; then ``reason`` says what is wrong (without the
    quoted value), ``java`` what ZooKeeper 3.3 reports (None when it reports nothing, e.g. for a
    host it cannot resolve), and ``dropped`` whether it logs the line and goes on without it
    (more than four parts) instead of stopping.
    """

    line: ServerLine | None
    reason: str | None = None
    java: str | None = None
    dropped: bool = False


LOOPBACK_33 = "127.0.0.1"
"""What 3.3 makes of an empty host: ``InetSocketAddress("", port)`` resolves to loopback."""


# A pure function of two values that an ensemble's members all hold (every member lists every
# server line): the answers are remembered, a bounded number of them.
@functools.lru_cache(maxsize=4096)
def read_33(server_id: int, raw: str) -> Reading33:
    """``raw`` (a ``server.N`` value) as ZooKeeper 3.3.2 reads it: trimmed, split with Java's
    ``String.split(":")`` (trailing empty parts dropped, so ``h:q:e:`` is ``h:q:e``), ports
    parsed untrimmed with ``Integer.parseInt`` (``h: 2888:3888`` fails), an empty host taken as
    loopback; no ``[IPv6]`` or ``;clientPort`` forms. The host must still be a valid name or
    address, and ports 1 to 65535: 3.3 accepts other hosts and port 0, but no peer can reach
    such a server. Never raises."""
    from neoha_config.catalogue.parsers import server_line_33

    result = server_line_33(raw)
    quoted = repr(raw) + " "
    if not result.ok:
        reason = result.reason or "does not parse"
        reason = reason[len(quoted) :] if reason.startswith(quoted) else reason
        return Reading33(None, reason, result.java)
    if result.value is None:
        return Reading33(
            None,
            "has more than four ':'-separated parts",
            f"{java_trim(raw)} does not have the form host:port or host:port:port  or "
            "host:port:port:type",
            dropped=True,
        )
    assert isinstance(result.value, tuple)
    host, quorum, election, kind = result.value
    text = f"{host or LOOPBACK_33}:{quorum}"
    if election is not None:
        text += f":{election}:{kind}"
    try:
        return Reading33(ServerLine.parse(server_id, text))
    except ValueError as exc:
        reason = str(exc)
        prefix = repr(text) + " "
        return Reading33(None, reason[len(prefix) :] if reason.startswith(prefix) else reason)


@dataclass(slots=True)
class CoordFacts:
    """One ``coord.cfg``: its document and display path, and what ZooKeeper reads from it.

    ZooKeeper trims every value (``server.N`` values too, before 3.5); ``value`` gives the
    trimmed value, ``entry`` the raw winning entry (looked up in ``winners``, the winning entry
    of each key, indexed once). ``servers`` lists the winning ``server.N`` entries in file
    order, each parsed once.
    """

    document: Document
    path: str
    servers: list[ServerEntry] = field(default_factory=list)
    winners: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def read(cls, document: Document, path: str) -> CoordFacts:
        """The facts of ``document``, shown as ``path``; never raises."""
        entries = document.entries
        facts = cls(document, path, winners={e.key: e for e in entries})
        for entry in entries:
            if not entry.key.startswith("server.") or facts.winners[entry.key] is not entry:
                continue
            location = Location(path, entry.line, entry.column)
            try:
                sid: int | None = parse_server_id(entry.key)
            except ValueError:
                facts.servers.append(ServerEntry(entry, location, None, None, None))
                continue
            try:
                line: ServerLine | None = ServerLine.parse(sid, java_trim(entry.value))
                error = None
            except ValueError as exc:
                line, error = None, str(exc)
            line33 = read_33(sid, entry.value).line if sid is not None else None
            facts.servers.append(ServerEntry(entry, location, sid, line, error, line33))
        return facts

    def entry(self, key: str) -> Entry | None:
        """The winning entry of ``key``, or None."""
        return self.winners.get(key)

    def winning(self) -> list[Entry]:
        """Every winning entry (the last of its key), in file order."""
        return [e for e in self.document.entries if self.winners[e.key] is e]

    def value(self, key: str) -> str | None:
        """The value ZooKeeper reads for ``key`` (trimmed), or None when unset."""
        entry = self.winners.get(key)
        return None if entry is None else java_trim(entry.value)

    def at(self, entry: Entry) -> Location:
        """Where ``entry`` is."""
        return Location(self.path, entry.line, entry.column)

    def loc(self, key: str | None = None) -> Location:
        """Where ``key`` is set; the file's first line when it is not (or no key is given)."""
        entry = self.winners.get(key) if key is not None else None
        return self.at(entry) if entry else Location(self.path)

    def integer(self, key: str) -> int | None:
        """The integer ZooKeeper reads for ``key``; None when unset or not an integer."""
        text = self.value(key)
        if text is None:
            return None
        try:
            return parse_java_int(text)
        except ValueError:
            return None


Parsed = tuple[ServerEntry, ServerLine]
"""A ``server.N`` entry and the line a profile's ZooKeeper parses from it."""


@dataclass(slots=True)
class CoordView:
    """A ``coord.cfg`` as one ZooKeeper profile reads it: the facts the coordinator rules use.

    ``lines`` holds every ``server.N`` entry the profile's ZooKeeper parses, with its line, in
    file order; ``servers`` the parsed lines by id; ``participants`` and ``observers`` the
    entries of each role. They are worked out once, when the view is made.
    """

    facts: CoordFacts
    profile: Profile
    lines: tuple[Parsed, ...] = field(init=False)
    servers: Mapping[int, ServerLine] = field(init=False)
    participants: tuple[Parsed, ...] = field(init=False)
    observers: tuple[Parsed, ...] = field(init=False)

    def __post_init__(self) -> None:
        lines = []
        for server in self.facts.servers:
            line = server.parsed(self.profile)
            if line is not None:
                lines.append((server, line))
        self.lines = tuple(lines)
        self.servers = MappingProxyType({line.id: line for _, line in lines})
        self.participants = tuple(p for p in lines if p[1].peer_type is PeerType.PARTICIPANT)
        self.observers = tuple(p for p in lines if p[1].peer_type is PeerType.OBSERVER)

    @property
    def modern(self) -> bool:
        """True under a ZooKeeper 3.5+ profile."""
        return self.profile.modern

    def entry(self, key: str) -> Entry | None:
        """The winning entry of ``key``, or None."""
        return self.facts.entry(key)

    def value(self, key: str) -> str | None:
        """The value ZooKeeper reads for ``key`` (trimmed), or None when unset."""
        return self.facts.value(key)

    def loc(self, key: str | None = None) -> Location:
        """Where ``key`` is set; the file's first line when it is not (or no key is given)."""
        return self.facts.loc(key)

    def integer(self, key: str) -> int | None:
        """The integer ZooKeeper reads for ``key``; None when unset or not an integer."""
        return self.facts.integer(key)

    def reads(self, key: str) -> bool:
        """True when the profile's ZooKeeper knows ``key`` (see ``coord_key_since``)."""
        since = coord_key_since(key)
        return since is not None and _release(since) <= _release(self.profile.value)

    def note(self, text33: str, text38: str) -> str:
        """``text38`` under a ZooKeeper 3.5+ profile, else ``text33``."""
        return text38 if self.profile.modern else text33

    @property
    def distributed(self) -> bool:
        """True when ZooKeeper runs a quorum peer (and reads myid, needs the limits)."""
        count = len(self.participants)
        if count > 1:
            return True
        # 3.5+: standaloneEnabled=false makes even one participant a quorum peer.
        standalone = self.facts.value("standaloneEnabled") or ""
        return self.profile.modern and count == 1 and standalone == "false"


def _release(text: str) -> tuple[int, ...]:
    """A release line such as ``3.8`` as a comparable tuple."""
    return tuple(int(part) for part in text.split("."))
