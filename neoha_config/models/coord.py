"""The model of ``conf/coord.cfg`` (ZooKeeper's ``zoo.cfg``) and of the ``myid`` file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Location
from neoha_config.models import derived, shapes
from neoha_config.models.base import SettingsModel, ValueIssue, to_text
from neoha_config.models.coordkeys import COORD_KEY_SINCE, coord_key_since
from neoha_config.models.plain import (
    SERVER_KEY,
    PeerType,
    ServerLine,
    myid_first_line,
    myid_value,
    parse_server_id,
)
from neoha_config.models.values import JavaBool, JavaInt, JavaLong, Port

__all__ = [
    "COORD_KEY_SINCE",
    "SERVER_KEY",
    "CoordConfig",
    "MyId",
    "PeerType",
    "ServerLine",
    "coord_key_since",
    "myid_first_line",
    "parse_server_id",
]


class CoordConfig(derived.CoordFields, SettingsModel):
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

    _shape: ClassVar[shapes.Shape] = shapes.COORD

    @classmethod
    def _from_strings(cls, items: Mapping[str, str]) -> Self | None:
        try:
            rest, servers = shapes.coord_values(items, trim=False)
        except ValueError:
            return None
        converted = cls._shape.convert(rest)
        if converted is None:
            return None
        values, extras = converted
        values["servers"] = servers
        return cls._construct(values, extras)

    def _emit_field(self, key: str, value: Any) -> dict[str, str]:
        if key == "servers":
            return {f"server.{sid}": str(line) for sid, line in sorted(value.items())}
        return {key: to_text(value)}


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
        return cls.model_construct(value=myid_value(first))

    def dump_bytes(self) -> bytes:
        """The file's content: the id and a newline."""
        return f"{self.value}\n".encode("ascii")
