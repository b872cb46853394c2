"""The value types of the file models and their parsers, in plain Python (no pydantic).

Everything the check path needs to read a value lives here: the parsers that read text the way
the Java side does, and the frozen value classes they return (``HostPort``, ``Duration``,
``ServiceSwitch``, ``ServerLine``). The pydantic models use these same classes as field types
(``models.values`` teaches pydantic to validate and describe them), so a value read by the
checker and a value of a model are one object of one class.
"""

from __future__ import annotations

import enum
import functools
import ipaddress
import re
from typing import Any, ClassVar, Literal, cast

from neoha_config.catalogue.parsers import java_trim
from neoha_config.records import dataclass, field

PORT_MIN = 1
PORT_MAX = 65535
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

_JAVA_INT = re.compile(r"[+-]?[0-9]+\Z")
_HOSTNAME_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\Z")
_NUMERIC = re.compile(r"[0-9.]+")
CLUSTER_NAME_PATTERN = r"^[A-Za-z0-9._-]+$"
SERVER_KEY = re.compile(r"server\.(.*)\Z", re.DOTALL)


def parse_java_int(text: str, *, bits: int = 32) -> int:
    """Read ``text`` as ``Integer.parseInt``/``Long.parseLong`` do: an optional sign, then
    decimal digits and nothing else (no blanks).

    Like Java's ``Character.digit``, any Unicode decimal digit of the Basic Multilingual Plane
    counts (Arabic-Indic ``"\\u0661\\u0662"`` is 12); superscripts, circled and other numeric
    characters do not. Raises ValueError with a message that quotes the text.
    """
    value = int(text) if _JAVA_INT.match(text) else _unicode_digits(text)
    limit = 2 ** (bits - 1)
    if not -limit <= value < limit:
        raise ValueError(f"{text!r} is out of range for a {bits}-bit integer")
    return value


def _unicode_digits(text: str) -> int:
    import unicodedata  # only for a number written in other digits than ASCII's

    sign, digits = (text[0], text[1:]) if text[:1] in ("+", "-") else ("", text)
    if not digits or not all(ord(c) <= 0xFFFF and unicodedata.category(c) == "Nd" for c in digits):
        raise ValueError(f"{text!r} is not an integer")
    return int(sign + "".join(str(unicodedata.decimal(c)) for c in digits))


def parse_java_bool(value: Any) -> Any:
    """``true``/``false`` in any case; anything else is rejected (Java would read it as false)."""
    if isinstance(value, str):
        low = value.lower()
        if low == "true":
            return True
        if low == "false":
            return False
        raise ValueError(f"{value!r} is not 'true' or 'false'")
    return value


# Cached: every server.N line and coordinator list of a cluster names the same few hosts, and
# ipaddress's parser is the costliest step of loading a coordinator.
@functools.lru_cache(maxsize=4096)
def is_valid_host(host: str) -> bool:
    """True for an IPv4/IPv6 literal or a host name of letters, digits, ``-`` and ``_`` labels."""
    if not host or len(host) > 253:
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return True
    name = host[:-1] if host.endswith(".") else host
    if _NUMERIC.fullmatch(name):  # looks numeric but is not an address
        return False
    return all(_HOSTNAME_LABEL.match(label) for label in name.split("."))


def _check_host(host: str, whole: str) -> str:
    if host != host.strip():
        raise ValueError(f"{whole!r} has whitespace around the host")
    if not is_valid_host(host):
        raise ValueError(f"{whole!r} does not name a valid host")
    return host


def _check_port(text: str, whole: str) -> int:
    if text != text.strip():
        raise ValueError(f"{whole!r} has whitespace around the port")
    try:
        port = parse_java_int(text)
    except ValueError:
        raise ValueError(f"{whole!r} has a port that is not an integer") from None
    if not PORT_MIN <= port <= PORT_MAX:
        raise ValueError(f"{whole!r} has port {port} outside 1-65535")
    return port


def _in_range(owner: object, name: str, low: int, high: int | None) -> None:
    value = getattr(owner, name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer, not {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"{low}-{high}" if high is not None else f">= {low}"
        raise ValueError(f"{name} {value} is outside {bound}")


class _Ranged:
    """Checks the integer fields named in ``_RANGES`` when an instance is made in code (the
    parsers check them on the way in); pydantic validates them with the same ranges, which the
    JSON Schema shows."""

    __slots__ = ()
    _RANGES: ClassVar[dict[str, tuple[int, int | None]]] = {}

    def __post_init__(self) -> None:
        for name, (low, high) in self._RANGES.items():
            _in_range(self, name, low, high)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from neoha_config.models.values import plain_value_schema

        return plain_value_schema(cls, source, handler)


_PORT_RANGE = (PORT_MIN, PORT_MAX)


@dataclass(frozen=True, slots=True)
class HostPort(_Ranged):
    """A ``host:port`` pair; written back as ``host:port`` (IPv6 hosts in brackets)."""

    host: str
    port: int

    _RANGES: ClassVar[dict[str, tuple[int, int | None]]] = {"port": _PORT_RANGE}

    @classmethod
    # Cached: a cluster's files repeat the same few values, and a parsed value is frozen.
    @functools.lru_cache(maxsize=8192)
    def parse(cls, text: str, *, split_at: Literal["first", "last"] = "first") -> HostPort:
        """Parse ``host:port``; ``split_at`` says which ``:`` ends the host (``ha.server``
        splits at the first, a ZooKeeper connect string at the last). ``[v6]:port`` is accepted.

        Raises ValueError naming the text.
        """
        if text.startswith("[") and "]:" in text:
            host, _, port_text = text[1:].partition("]:")
        else:
            idx = text.find(":") if split_at == "first" else text.rfind(":")
            if idx < 0:
                raise ValueError(f"{text!r} is not host:port")
            host, port_text = text[:idx], text[idx + 1 :]
        return cls(_check_host(host, text), _check_port(port_text, text))

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def parse_coordinator_list(value: Any) -> Any:
    """Split a ZooKeeper connect string into endpoints; strict where the client does not trim.

    Every entry must be ``host:port`` (the 1.x preflight refuses an entry without ``:``, even
    though the ZooKeeper client would default it to 2181). Raises ValueError naming the entry.
    """
    if not isinstance(value, str):
        return value
    if value == "":
        raise ValueError("the coordinator list is empty")
    connect = value.split("/", 1)[0]  # a chroot suffix is not an endpoint
    out = []
    for entry in connect.split(","):
        if entry == "":
            raise ValueError(f"{value!r} has an empty entry")
        if entry != entry.strip():
            raise ValueError(f"entry {entry!r} has whitespace around it")
        out.append(HostPort.parse(entry, split_at="last"))
    return out


class ServerMode(enum.StrEnum):
    """``org.neo4j.server.database.mode``: compared upper-cased by the server."""

    HA = "ha"
    SINGLE = "single"


def mode_before(value: Any) -> Any:
    """``ha``/``single`` in any case, lower-cased; raises ValueError on other text."""
    if isinstance(value, str):
        low = value.lower()
        if low not in ("ha", "single"):
            raise ValueError(f"{value!r} is not 'ha' or 'single'")
        return low
    return value


_DURATION = re.compile(r"([0-9]+)(ms|s|m)?\Z", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Duration(_Ranged):
    """A Neo4j HA duration: an amount with ``ms``, ``s`` or ``m`` (minutes), or no unit."""

    amount: int
    unit: Literal["ms", "s", "m"] | None = None

    _RANGES: ClassVar[dict[str, tuple[int, int | None]]] = {"amount": (0, None)}

    @classmethod
    # Cached: a cluster's files repeat the same few values, and a parsed value is frozen.
    @functools.lru_cache(maxsize=8192)
    def parse(cls, text: str) -> Duration:
        """Parse ``10``, ``500ms``, ``10s``, ``1m`` (unit in any case); raises ValueError."""
        match = _DURATION.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a duration (a number with ms, s or m)")
        unit = match.group(2)
        unit = cast("Literal['ms', 's', 'm']", unit.lower()) if unit else None
        return cls(int(match.group(1)), unit)

    def millis(self, bare_unit: Literal["ms", "s"] = "s") -> int:
        """The duration in milliseconds; a bare number counts in ``bare_unit`` (1.3: seconds)."""
        unit = self.unit or bare_unit
        return self.amount * {"ms": 1, "s": 1000, "m": 60000}[unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit or ''}"


_SIZE = re.compile(r"([0-9]+)([kmgKMG]?)\Z")
_SIZE_FACTOR = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: Any) -> Any:
    """``2M``, ``512k``, ``1048576`` as bytes; raises ValueError on other text."""
    if not isinstance(value, str):
        return value
    match = _SIZE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a size (digits with an optional k, M or G)")
    return int(match.group(1)) * _SIZE_FACTOR[match.group(2).lower()]


def size_text(value: int) -> str:
    """A byte count written with the largest exact unit (``2M``, ``512k``)."""
    for suffix, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if value % factor == 0 and value >= factor:
            return f"{value // factor}{suffix}"
    return str(value)


@dataclass(frozen=True, slots=True)
class ServiceSwitch(_Ranged):
    """The 1.3-1.7 ``enable_online_backup``/``enable_remote_shell`` value: a boolean or
    ``port=N`` (a ``k=v[,k=v]`` list)."""

    enabled: bool
    port: int | None = None
    options: dict[str, str] = field(default_factory=dict, hash=False)

    _RANGES: ClassVar[dict[str, tuple[int, int | None]]] = {"port": _PORT_RANGE}

    @classmethod
    def parse(cls, text: str) -> ServiceSwitch:
        """Parse ``true``, ``false`` or ``port=6362[,name=shell]``; raises ValueError."""
        low = text.lower()
        if low in ("true", "false"):
            return cls(low == "true")
        options: dict[str, str] = {}
        for part in text.split(","):
            key, sep, val = part.partition("=")
            if not sep or not key:
                raise ValueError(f"{text!r} is not 'true', 'false' or 'port=N'")
            options[key] = val
        port = None
        if "port" in options:
            port = _check_port(options.pop("port"), text)
        return cls(True, port, options)

    def __str__(self) -> str:
        if self.port is None and not self.options:
            return "true" if self.enabled else "false"
        parts = [] if self.port is None else [f"port={self.port}"]
        parts += [f"{k}={v}" for k, v in self.options.items()]
        return ",".join(parts)


class BranchedDataPolicy(enum.StrEnum):
    """What a slave does with a branched store (exact lower case before 1.8)."""

    KEEP_ALL = "keep_all"
    KEEP_LAST = "keep_last"
    KEEP_NONE = "keep_none"
    SHUTDOWN = "shutdown"


class UpdateMode(enum.StrEnum):
    """``ha.slave_coordinator_update_mode``."""

    SYNC = "sync"
    ASYNC = "async"
    NONE = "none"


class PushStrategy(enum.StrEnum):
    """``ha.tx_push_strategy`` (1.8.M06+)."""

    FIXED = "fixed"
    ROUND_ROBIN = "round_robin"


class PeerType(enum.StrEnum):
    """A ``server.N`` line's role in the ensemble."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class ServerLine(_Ranged):
    """One ``server.N=host:quorumPort[:electionPort[:type]][;[clientHost:]clientPort]`` line."""

    id: int
    host: str
    quorum_port: int
    election_port: int | None = None
    peer_type: PeerType = PeerType.PARTICIPANT
    client_port: int | None = None
    client_host: str | None = None

    _RANGES: ClassVar[dict[str, tuple[int, int | None]]] = {
        "quorum_port": _PORT_RANGE,
        "election_port": _PORT_RANGE,
        "client_port": _PORT_RANGE,
    }

    @classmethod
    # Cached: a cluster's files repeat the same few values, and a parsed value is frozen.
    @functools.lru_cache(maxsize=8192)
    def parse(cls, server_id: int, text: str) -> ServerLine:
        """Parse a ``server.N`` value as leniently as any ZooKeeper 3.3-3.9 does.

        Surrounding whitespace is ignored here (3.3/3.4 trim it; whether 3.5+ accepts it is a
        rule's business). Raises ValueError naming the value and what is wrong.
        """
        value = java_trim(text)
        server_part, semi, client_part = value.partition(";")
        if server_part.startswith("["):
            host, sep, rest = server_part[1:].partition("]:")
            if not sep:
                raise ValueError(f"{text!r} starts with '[' but has no matching ']:'")
            parts = [host, *rest.split(":")]
        else:
            parts = server_part.split(":")
        if not 2 <= len(parts) <= 4:
            raise ValueError(
                f"{text!r} does not have the form host:port[:port[:participant|observer]]"
            )
        host = parts[0]
        if not is_valid_host(host):
            raise ValueError(f"{text!r} does not name a valid host")
        quorum = _server_port(parts[1], text)
        election = _server_port(parts[2], text) if len(parts) > 2 else None
        peer = PeerType.PARTICIPANT
        if len(parts) == 4:
            try:
                peer = PeerType(parts[3].lower())
            except ValueError:
                raise ValueError(f"{text!r} has unknown peer type {parts[3]!r}") from None
        client_port = client_host = None
        if semi:
            chost, csep, cport = client_part.rpartition(":")
            client_port = _server_port(cport, text)
            client_host = chost if csep else None
        return cls(server_id, host, quorum, election, peer, client_port, client_host)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        text = f"{host}:{self.quorum_port}"
        if self.election_port is not None:
            text += f":{self.election_port}"
            if self.peer_type is PeerType.OBSERVER:
                text += ":observer"
        if self.client_port is not None:
            client = f"{self.client_host}:" if self.client_host else ""
            text += f";{client}{self.client_port}"
        return text


def _server_port(text: str, whole: str) -> int:
    try:
        port = parse_java_int(java_trim(text))
    except ValueError:
        raise ValueError(f"{whole!r} has a port {text!r} that is not an integer") from None
    if not PORT_MIN <= port <= PORT_MAX:
        raise ValueError(f"{whole!r} has port {port} out of range 1-65535")
    return port


def parse_server_id(key: str) -> int:
    """The N of a ``server.N`` key, read as ``Long.parseLong``; raises ValueError."""
    match = SERVER_KEY.match(key)
    if not match:
        raise ValueError(f"{key!r} is not a server.N key")
    try:
        return parse_java_int(match.group(1), bits=64)
    except ValueError:
        raise ValueError(f"{key!r}: {match.group(1)!r} is not an integer server id") from None


def myid_first_line(data: bytes) -> str | None:
    """The first line of a ``myid`` file as ZooKeeper's ``readLine`` returns it: ISO-8859-1, up
    to the first CR or LF, untrimmed; None for an empty file."""
    if not data:
        return None
    return re.split(r"\r\n|\r|\n", data.decode("latin-1"), maxsplit=1)[0]


def myid_value(first: str | None) -> int:
    """The id on ``first``, a first line from ``myid_first_line``; raises ValueError."""
    if first is None:
        raise ValueError("myid is empty: serverid null is not a number")
    try:
        return parse_java_int(first, bits=64)
    except ValueError:
        raise ValueError(f"serverid {first} is not a number: {first!r}") from None


def to_text(value: Any) -> str:
    """A typed value written the way the Java side reads it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ",".join(to_text(v) for v in value)
    return str(value)
