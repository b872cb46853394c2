"""The shapes of the key catalogue: releases, value kinds, per-release variants, key specs."""

from __future__ import annotations

import enum
import re
from typing import NamedTuple

NEO4J_RELEASES: tuple[str, ...] = ("1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9")
"""The Neo4j release lines the catalogue describes, oldest first."""

ZOOKEEPER_RELEASES: tuple[str, ...] = ("3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "3.9")
"""The ZooKeeper release lines whose ``coord.cfg`` keys the catalogue describes."""

SERVER = "neo4j-server.properties"
DATABASE = "neo4j.properties"
COORD = "coord.cfg"
FILES: tuple[str, ...] = (DATABASE, SERVER, COORD)
"""The file roles, named by their canonical file names (the values of ``tree.FileRole``)."""


def releases_of(file: str) -> tuple[str, ...]:
    """The release lines that read ``file``: ZooKeeper's for ``coord.cfg``, else Neo4j's."""
    return ZOOKEEPER_RELEASES if file == COORD else NEO4J_RELEASES


_SPANS: dict[str, tuple[str, ...]] = {}


def span(text: str) -> tuple[str, ...]:
    """Expand ``"1.3-1.7,1.9"`` into the release lines it names, oldest first.

    Raises ValueError for a name that is no release line.
    """
    known = _SPANS.get(text)
    if known is None:
        known = _SPANS[text] = _span(text)
    return known


def _span(text: str) -> tuple[str, ...]:
    every = ZOOKEEPER_RELEASES if text.startswith("3") else NEO4J_RELEASES
    out: list[str] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        last = last or first
        if first not in every or last not in every:
            raise ValueError(f"{part!r} names no release line")
        out.extend(every[every.index(first) : every.index(last) + 1])
    return tuple(r for r in every if r in out)


def describe_span(releases: tuple[str, ...] | frozenset[str]) -> str:
    """``("1.3", "1.4", "1.5", "1.9")`` as ``"1.3-1.5, 1.9"``; empty as ``"none"``."""
    if not releases:
        return "none"
    every = ZOOKEEPER_RELEASES if next(iter(releases)).startswith("3") else NEO4J_RELEASES
    idx = sorted(every.index(r) for r in releases)
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [every[r[0]] if len(r) == 1 else f"{every[r[0]]}-{every[r[-1]]}" for r in runs]
    return ", ".join(parts)


class Kind(enum.StrEnum):
    """How a release reads a value: each kind has one parser in ``parsers``."""

    BOOLEAN_LENIENT = "boolean-lenient"
    """``Boolean.parseBoolean``: ``true`` in any case is true, anything else silently false."""
    BOOLEAN = "boolean"
    """``true`` or ``false`` in any case; anything else is refused at start."""
    INTEGER = "integer"
    """``Integer.parseInt``: optional sign, decimal digits, no blanks, 32 bits."""
    LONG = "long"
    """``Long.parseLong``: as ``integer`` with 64 bits."""
    FLOAT = "float"
    """``Float.parseFloat``."""
    PORT = "port"
    """An integer port, 1-65535 where the release checks the range."""
    DURATION = "duration"
    """Neo4j ``TimeUtil``: digits and an optional unit ``ms``, ``s``, ``m`` (minutes) in any
    case, no blank; a bare number counts in the variant's ``bare_unit``."""
    DURATION_UNIT = "duration-unit"
    """1.8 ``\\d+(ms|s|m)``: a unit is required and case matters."""
    SIZE_13 = "size-1.3"
    """1.3-1.7 memory mapping: digits with an optional ``M``, ``k`` or ``G`` (exact case);
    anything else is logged and maps nothing."""
    SIZE = "size"
    """1.8 ``\\d+[kmgKMG]``: digits and a unit, the unit required."""
    BYTES = "bytes"
    """digits with an optional ``k``, ``m``, ``g`` in any case (1.8 ``ha.com_chunk_size``,
    1.9 byte settings)."""
    HOST = "host"
    """a host name or address."""
    HOST_PORT = "host:port"
    """``host:port`` split at the first ``:`` (1.3-1.8 ``ha.server``); no IPv6 brackets."""
    HOST_PORT_RANGE = "host:port-range"
    """1.9 ``host:port`` or ``host:first-last``; the host may be empty (all interfaces)."""
    HOST_PORT_LIST = "host:port-list"
    """1.9 comma-separated ``host:port`` entries."""
    COORDINATOR_LIST = "coordinator-list"
    """a ZooKeeper connect string: ``host:port`` entries split on ``,`` as Java's ``split``
    does; the port follows the last ``:``."""
    ENUM = "enum"
    """one of the variant's options; ``ignore_case`` says whether case matters."""
    PATH = "path"
    """a file or directory name."""
    STRING = "string"
    """any text (``ANY`` = non-empty where the release validates)."""
    LIST = "list"
    """comma-separated text."""
    SERVICE_SWITCH = "service-switch"
    """1.3-1.7 ``enable_online_backup``/``enable_remote_shell``: ``true``/``false``
    (``Boolean.parseBoolean``) or ``key=value[,key=value]`` (port, name, readonly)."""
    KEEP_LOGS_13 = "keep-logical-logs-1.3"
    """1.3-1.7 ``keep_logical_logs``: exactly ``true``, or a comma list of data sources
    (``nioneodb``, ``lucene``); anything else keeps nothing, silently."""
    KEEP_LOGS_18 = "keep-logical-logs-1.8"
    """1.8+ ``keep_logical_logs``: exactly ``true``/``false``, or ``<n>[k|m|g] <type>``
    (``7 days``, ``100M size``, ``200k txs``)."""
    CLUSTER_NAME = "cluster-name"
    """1.3-1.8 ``ha.cluster_name``: a ZooKeeper znode name (``/<name>``)."""
    SERVER_LINE = "server-line"
    """a ZooKeeper ``server.N`` value."""
    COMMONS_BOOLEAN = "commons-boolean"
    """Commons Configuration ``getBoolean``: ``true``/``yes``/``on`` and ``false``/``no``/``off``
    in any case; other text fails with ``ConversionException``."""
    COMMONS_INTEGER = "commons-integer"
    """Commons Configuration ``getInt``: a decimal integer (sign, leading zeros), ``0x`` hex or
    ``0b`` binary; other text fails with ``ConversionException``."""
    ZK_YES_NO = "yes-no"
    """a ZooKeeper system-property switch compared with ``yes``/``no``."""


class Variant(NamedTuple):
    """What a set of releases makes of one key.

    ``default`` is the value as a file would spell it (None: no default, the key is unset or
    required); ``default_note`` says more when the default is not a plain value.
    ``verified`` is False when the fact rests on something weaker than the release's own
    source; ``basis`` then says what.
    """

    releases: tuple[str, ...]
    kind: Kind
    default: str | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    options: tuple[str, ...] = ()
    ignore_case: bool = False
    bare_unit: str | None = None
    source: str = ""
    verified: bool = True
    basis: str = ""
    note: str = ""
    default_note: str = ""
    listener: str | None = None
    required: bool = False


class KeySpec(NamedTuple):
    """One key of one file (or a family of keys), described for every release that reads it.

    ``family`` is a regular expression for a family of keys (``neostore.*.mapped_memory``,
    ``server.N``); ``key`` is then its display name. ``inert`` keys are known but read by no
    release; ``later`` names the first release line beyond the catalogue that reads a key no
    catalogued release reads. ``raw`` marks the server-file keys the 1.x preflight reads with
    ``java.util.Properties`` (untrimmed) instead of Commons Configuration.
    """

    file: str
    key: str
    summary: str
    variants: tuple[Variant, ...]
    family: str | None = None
    inert: bool = False
    plugin: bool = False
    raw: bool = False
    later: str | None = None
    replaced_by: str | None = None

    @property
    def releases(self) -> tuple[str, ...]:
        """Every release line that reads the key, oldest first."""
        seen = {r for v in self.variants for r in v.releases}
        return tuple(r for r in releases_of(self.file) if r in seen)

    @property
    def verified_releases(self) -> tuple[str, ...]:
        """The release lines whose reading of the key was checked in their own source."""
        seen = {r for v in self.variants if v.verified for r in v.releases}
        return tuple(r for r in releases_of(self.file) if r in seen)

    def variant(self, release: str) -> Variant | None:
        """How ``release`` reads the key, or None when it does not read it."""
        for v in self.variants:
            if release in v.releases:
                return v
        return None

    def reads_in(self, release: str) -> bool:
        """True when ``release`` reads the key (verified or not)."""
        return self.variant(release) is not None

    def kind(self, release: str) -> Kind | None:
        """The value kind in ``release``, None when it does not read the key."""
        v = self.variant(release)
        return v.kind if v else None

    def default(self, release: str) -> str | None:
        """The default in ``release`` as a file would spell it, None when there is none."""
        v = self.variant(release)
        return v.default if v else None

    def matches(self, key: str) -> bool:
        """True when ``key`` is this key or a member of this family."""
        if self.family is None:
            return key == self.key
        return _pattern(self.family).match(key) is not None


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _pattern(source: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(source)
    if pattern is None:
        pattern = _PATTERNS[source] = re.compile(source, re.DOTALL)
    return pattern


class Listener(NamedTuple):
    """A socket a release may open, the keys that switch and place it, and its defaults."""

    name: str
    file: str
    releases: tuple[str, ...]
    switch: str | None
    address: str
    default_port: int | None
    enabled_by_default: bool
    note: str = ""
    verified: bool = True
