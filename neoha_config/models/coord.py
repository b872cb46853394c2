"""The model of ``conf/coord.cfg`` (ZooKeeper's ``zoo.cfg``) and of the ``myid`` file."""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Location
from neoha_config.models.base import SettingsModel, ValueIssue, to_text
from neoha_config.models.values import (
    PORT_MAX,
    PORT_MIN,
    JavaBool,
    JavaInt,
    JavaLong,
    Port,
    is_valid_host,
    parse_java_int,
)
from neoha_config.names import DEFAULT_ADMIN_PORT, DEFAULT_TICK_TIME

SERVER_KEY = re.compile(r"server\.(.*)\Z", re.DOTALL)


class PeerType(enum.StrEnum):
    """A ``server.N`` line's role in the ensemble."""

    PARTICIPANT = "participant"
    OBSERVER = "observer"


class ServerLine(BaseModel):
    """One ``server.N=host:quorumPort[:electionPort[:type]][;[clientHost:]clientPort]`` line."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    host: str
    quorum_port: Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)]
    election_port: Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)] | None = None
    peer_type: PeerType = PeerType.PARTICIPANT
    client_port: Annotated[int, Field(ge=PORT_MIN, le=PORT_MAX)] | None = None
    client_host: str | None = None

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
        quorum = _port(parts[1], text)
        election = _port(parts[2], text) if len(parts) > 2 else None
        peer = PeerType.PARTICIPANT
        if len(parts) == 4:
            try:
                peer = PeerType(parts[3].lower())
            except ValueError:
                raise ValueError(f"{text!r} has unknown peer type {parts[3]!r}") from None
        client_port = client_host = None
        if semi:
            chost, csep, cport = client_part.rpartition(":")
            client_port = _port(cport, text)
            client_host = chost if csep else None
        return cls.model_construct(
            id=server_id,
            host=host,
            quorum_port=quorum,
            election_port=election,
            peer_type=peer,
            client_port=client_port,
            client_host=client_host,
        )

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


def _port(text: str, whole: str) -> int:
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


class CoordConfig(SettingsModel):
    """ZooKeeper settings of a coordinator; ``servers`` holds the ``server.N`` lines by id.

    Keys this model does not type (``group.G``, ``weight.N``, SASL, metrics, ...) stay strings
    in ``model_extra``.
    """

    data_dir: str | None = Field(None, alias="dataDir")
    data_log_dir: str | None = Field(None, alias="dataLogDir")
    client_port: Port | None = Field(None, alias="clientPort")
    client_port_address: str | None = Field(None, alias="clientPortAddress")
    tick_time: JavaInt | None = Field(None, alias="tickTime", description="ms; 3000")
    init_limit: JavaInt | None = Field(None, alias="initLimit", description="ticks")
    sync_limit: JavaInt | None = Field(None, alias="syncLimit", description="ticks")
    min_session_timeout: JavaInt | None = Field(None, alias="minSessionTimeout")
    max_session_timeout: JavaInt | None = Field(None, alias="maxSessionTimeout")
    max_client_cnxns: JavaInt | None = Field(None, alias="maxClientCnxns")
    election_alg: JavaInt | None = Field(None, alias="electionAlg", description="3")
    peer_type: str | None = Field(None, alias="peerType", description="participant|observer")
    admin_enable_server: JavaBool | None = Field(None, alias="admin.enableServer")
    admin_server_port: Port | None = Field(None, alias="admin.serverPort")
    admin_server_address: str | None = Field(None, alias="admin.serverAddress")
    four_letter_whitelist: str | None = Field(None, alias="4lw.commands.whitelist")
    standalone_enabled: JavaBool | None = Field(None, alias="standaloneEnabled")
    reconfig_enabled: JavaBool | None = Field(None, alias="reconfigEnabled")
    quorum_listen_on_all_ips: JavaBool | None = Field(None, alias="quorumListenOnAllIPs")
    servers: dict[int, ServerLine] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_servers(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out: dict[str, Any] = {}
        servers: dict[Any, Any] = dict(data.get("servers") or {})
        for key, value in data.items():
            if isinstance(key, str) and key.startswith("server.") and isinstance(value, str):
                sid = parse_server_id(key)
                servers[sid] = ServerLine.parse(sid, value)
            elif key != "servers":
                out[key] = value
        out["servers"] = servers
        return out

    @classmethod
    def from_properties(
        cls, items: Mapping[str, str], locations: Mapping[str, Location] | None = None
    ) -> tuple[Self, list[ValueIssue]]:
        """As ``SettingsModel.from_properties``; a bad ``server.N`` line is one ValueIssue."""
        good: dict[str, str] = {}
        pre_issues: list[ValueIssue] = []
        for key, raw in items.items():
            # ZooKeeper trims every value but server.N's (3.5+ passes those on untrimmed; the
            # line's parser ignores surrounding blanks and rule NHA212 reports them).
            value = raw if key.startswith("server.") else java_trim(raw)
            if key.startswith("server."):
                try:
                    ServerLine.parse(parse_server_id(key), value)
                except ValueError as exc:
                    where = locations.get(key) if locations else None
                    pre_issues.append(ValueIssue(key, value, str(exc), where))
                    continue
            good[key] = value
        model, issues = super().from_properties(good, locations)
        return model, pre_issues + issues

    _fast_skip: ClassVar[frozenset[str]] = frozenset({"servers"})

    @classmethod
    def _from_strings(cls, items: Mapping[str, str]) -> Self | None:
        servers: dict[int, ServerLine] = {}
        rest: dict[str, str] = {}
        for key, value in items.items():
            if key.startswith("server."):
                try:
                    sid = parse_server_id(key)
                    servers[sid] = ServerLine.parse(sid, value)
                except ValueError:
                    return None
            else:
                rest[key] = value
        model = super()._from_strings(rest)
        if model is None:
            return None
        object.__setattr__(model, "servers", servers)
        model.__pydantic_fields_set__.add("servers")
        return model

    @property
    def effective_tick_time(self) -> int:
        """tickTime in ms, 3000 unless set."""
        return self.tick_time if self.tick_time is not None else DEFAULT_TICK_TIME

    @property
    def participants(self) -> dict[int, ServerLine]:
        """The voting members (observers excluded)."""
        return {k: v for k, v in self.servers.items() if v.peer_type is PeerType.PARTICIPANT}

    @property
    def admin_port(self) -> int | None:
        """The AdminServer port of ZooKeeper 3.5+, None when disabled."""
        if self.admin_enable_server is False:
            return None
        return self.admin_server_port or DEFAULT_ADMIN_PORT

    def _emit_field(self, key: str, value: Any) -> dict[str, str]:
        if key == "servers":
            return {f"server.{sid}": str(line) for sid, line in sorted(value.items())}
        return {key: to_text(value)}


def myid_first_line(data: bytes) -> str | None:
    """The first line of a ``myid`` file as ZooKeeper's ``readLine`` returns it: ISO-8859-1, up
    to the first CR or LF, untrimmed; None for an empty file."""
    if not data:
        return None
    return re.split(r"\r\n|\r|\n", data.decode("latin-1"), maxsplit=1)[0]


class MyId(BaseModel):
    """The coordinator id in ``<dataDir>/myid``: the first line, read as ``Long.parseLong``."""

    model_config = ConfigDict(defer_build=True)

    value: JavaLong

    @classmethod
    def parse(cls, data: bytes) -> MyId:
        """Read the first line the way ZooKeeper does (no trimming); raises ValueError."""
        return cls.from_first_line(myid_first_line(data))

    @classmethod
    def from_first_line(cls, first: str | None) -> MyId:
        """The id on ``first``, a first line from ``myid_first_line``; raises ValueError."""
        if first is None:
            raise ValueError("myid is empty: serverid null is not a number")
        try:
            return cls.model_construct(value=parse_java_int(first, bits=64))
        except ValueError:
            raise ValueError(f"serverid {first} is not a number: {first!r}") from None

    def dump_bytes(self) -> bytes:
        """The file's content: the id and a newline."""
        return f"{self.value}\n".encode("ascii")


def _version_table() -> dict[str, str]:
    table: dict[str, str] = {}
    by_version = {
        "3.3": (
            "tickTime dataDir dataLogDir clientPort clientPortAddress initLimit syncLimit "
            "minSessionTimeout maxSessionTimeout maxClientCnxns electionAlg peerType "
            "preAllocSize snapCount forceSync globalOutstandingLimit leaderServes skipACL "
            "cnxTimeout"
        ),
        "3.4": (
            "autopurge.snapRetainCount autopurge.purgeInterval quorumListenOnAllIPs "
            "syncEnabled quorum.cnxn.threads.size quorum.auth.enableSasl "
            "quorum.auth.serverRequireSasl quorum.auth.learnerRequireSasl "
            "quorum.auth.kerberos.servicePrincipal quorum.auth.learner.saslLoginContext "
            "quorum.auth.server.saslLoginContext"
        ),
        "3.5": (
            "dynamicConfigFile standaloneEnabled reconfigEnabled localSessionsEnabled "
            "localSessionsUpgradingEnabled secureClientPort secureClientPortAddress "
            "sslQuorum portUnification sslQuorumReloadCertFiles admin.enableServer "
            "admin.serverPort admin.serverAddress 4lw.commands.whitelist"
        ),
        "3.6": (
            "observerMasterPort connectToLearnerMasterLimit clientPortListenBacklog "
            "multiAddress.enabled multiAddress.reachabilityCheckTimeoutMs "
            "multiAddress.reachabilityCheckEnabled metricsProvider.className"
        ),
        "3.8": "oraclePath",
    }
    for version, keys in by_version.items():
        for key in keys.split():
            table[key] = version
    return table


COORD_KEY_SINCE: dict[str, str] = _version_table()
"""Every plain ``coord.cfg`` key ZooKeeper 3.3-3.9 knows, with the first release line that
knows it. ``server.N``, ``group.G``, ``weight.N``, ``metricsProvider.*`` and ``jvm.pause.*`` are
patterns, see ``coord_key_since``."""

_PATTERN_SINCE = (
    (re.compile(r"server\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"group\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"weight\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"metricsProvider\..*\Z", re.DOTALL), "3.6"),
    (re.compile(r"jvm\.pause\..*\Z", re.DOTALL), "3.6"),
)


def coord_key_since(key: str) -> str | None:
    """The first ZooKeeper release line (``3.3`` … ``3.8``) that knows ``key``, or None."""
    since = COORD_KEY_SINCE.get(key)
    if since is not None:
        return since
    for pattern, version in _PATTERN_SINCE:
        if pattern.match(key):
            return version
    return None
