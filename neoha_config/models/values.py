"""Typed setting values and their parsers, strict in the way the Java side reads them."""

from __future__ import annotations

import enum
import functools
import ipaddress
import re
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

PORT_MIN = 1
PORT_MAX = 65535
INT_MIN = -(2**31)
INT_MAX = 2**31 - 1

_JAVA_INT = re.compile(r"[+-]?[0-9]+\Z")
_HOSTNAME_LABEL = re.compile(r"(?!-)[A-Za-z0-9_-]{1,63}(?<!-)\Z")
_NUMERIC = re.compile(r"[0-9.]+")
CLUSTER_NAME_PATTERN = r"^[A-Za-z0-9._-]+$"


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


def _int_before(value: Any) -> Any:
    if isinstance(value, str):
        return parse_java_int(value)
    return value


def _long_before(value: Any) -> Any:
    if isinstance(value, str):
        return parse_java_int(value, bits=64)
    return value


JavaInt = Annotated[int, BeforeValidator(_int_before)]
JavaLong = Annotated[int, BeforeValidator(_long_before)]
Port = Annotated[int, BeforeValidator(_int_before), Field(ge=PORT_MIN, le=PORT_MAX)]
PositiveInt = Annotated[int, BeforeValidator(_int_before), Field(ge=1)]
NonNegativeInt = Annotated[int, BeforeValidator(_int_before), Field(ge=0)]


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


JavaBool = Annotated[bool, BeforeValidator(parse_java_bool)]


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


class HostPort(BaseModel):
    """A ``host:port`` pair; written back as ``host:port`` (IPv6 hosts in brackets)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    host: str
    port: Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)]

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
        return cls.model_construct(host=_check_host(host, text), port=_check_port(port_text, text))

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _host_port_first(value: Any) -> Any:
    return HostPort.parse(value, split_at="first") if isinstance(value, str) else value


HaServerAddress = Annotated[
    HostPort, BeforeValidator(_host_port_first), PlainSerializer(str, return_type=str)
]


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


CoordinatorList = Annotated[
    list[HostPort],
    BeforeValidator(parse_coordinator_list),
    PlainSerializer(lambda v: ",".join(str(e) for e in v), return_type=str),
]


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


Mode = Annotated[ServerMode, BeforeValidator(mode_before)]

ClusterName = Annotated[str, Field(pattern=CLUSTER_NAME_PATTERN)]

_DURATION = re.compile(r"([0-9]+)(ms|s|m)?\Z", re.IGNORECASE)


class Duration(BaseModel):
    """A Neo4j HA duration: an amount with ``ms``, ``s`` or ``m`` (minutes), or no unit."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    amount: Annotated[int, Field(ge=0)]
    unit: Literal["ms", "s", "m"] | None = None

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
        return cls.model_construct(amount=int(match.group(1)), unit=unit)

    def millis(self, bare_unit: Literal["ms", "s"] = "s") -> int:
        """The duration in milliseconds; a bare number counts in ``bare_unit`` (1.3: seconds)."""
        unit = self.unit or bare_unit
        return self.amount * {"ms": 1, "s": 1000, "m": 60000}[unit]

    def __str__(self) -> str:
        return f"{self.amount}{self.unit or ''}"


def _duration_before(value: Any) -> Any:
    return Duration.parse(value) if isinstance(value, str) else value


DurationValue = Annotated[
    Duration, BeforeValidator(_duration_before), PlainSerializer(str, return_type=str)
]

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


def _size_text(value: int) -> str:
    for suffix, factor in (("G", 1024**3), ("M", 1024**2), ("k", 1024)):
        if value % factor == 0 and value >= factor:
            return f"{value // factor}{suffix}"
    return str(value)


ChunkSize = Annotated[
    int,
    BeforeValidator(parse_size),
    Field(ge=1024, le=16 * 1024**2),
    PlainSerializer(_size_text, return_type=str),
]


class ServiceSwitch(BaseModel):
    """The 1.3-1.7 ``enable_online_backup``/``enable_remote_shell`` value: a boolean or
    ``port=N`` (a ``k=v[,k=v]`` list)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    enabled: bool
    port: Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)] | None = None
    options: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> ServiceSwitch:
        """Parse ``true``, ``false`` or ``port=6362[,name=shell]``; raises ValueError."""
        low = text.lower()
        if low in ("true", "false"):
            return cls.model_construct(enabled=low == "true")
        options: dict[str, str] = {}
        for part in text.split(","):
            key, sep, val = part.partition("=")
            if not sep or not key:
                raise ValueError(f"{text!r} is not 'true', 'false' or 'port=N'")
            options[key] = val
        port = None
        if "port" in options:
            port = _check_port(options.pop("port"), text)
        return cls.model_construct(enabled=True, port=port, options=options)

    def __str__(self) -> str:
        if self.port is None and not self.options:
            return "true" if self.enabled else "false"
        parts = [] if self.port is None else [f"port={self.port}"]
        parts += [f"{k}={v}" for k, v in self.options.items()]
        return ",".join(parts)


def _switch_before(value: Any) -> Any:
    return ServiceSwitch.parse(value) if isinstance(value, str) else value


ServiceSwitchValue = Annotated[
    ServiceSwitch, BeforeValidator(_switch_before), PlainSerializer(str, return_type=str)
]
