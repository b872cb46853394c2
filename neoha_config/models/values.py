"""The typed setting values of the pydantic models: the plain value types and parsers of
``models.plain``, each with the pydantic validator, serializer and schema it needs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

from neoha_config.models.plain import (
    CLUSTER_NAME_PATTERN,
    INT_MAX,
    INT_MIN,
    PORT_MAX,
    PORT_MIN,
    Duration,
    HostPort,
    ServerMode,
    ServiceSwitch,
    is_valid_host,
    mode_before,
    parse_coordinator_list,
    parse_java_bool,
    parse_java_int,
    parse_size,
    size_text,
)

__all__ = [
    "CLUSTER_NAME_PATTERN",
    "INT_MAX",
    "INT_MIN",
    "PORT_MAX",
    "PORT_MIN",
    "Duration",
    "HostPort",
    "ServerMode",
    "ServiceSwitch",
    "is_valid_host",
    "mode_before",
    "parse_coordinator_list",
    "parse_java_bool",
    "parse_java_int",
    "parse_size",
]


def plain_value_schema(cls: type[Any], source: Any, handler: Any) -> Any:
    """pydantic's schema of a plain value class of ``models.plain`` (a frozen dataclass)."""
    return handler(source)


def plain_value_json_schema(cls: type[Any], core: Any, handler: Any) -> dict[str, Any]:
    """The JSON Schema of a plain value class, with the ranges of its ``_RANGES``."""
    shown = handler(core)
    body = handler.resolve_ref_schema(shown)
    body.pop("additionalProperties", None)  # extra keys are ignored: allowed, as unsaid
    for name, (low, high) in cls._RANGES.items():
        prop = body.get("properties", {}).get(name)
        if prop is None:
            continue
        target = next((a for a in prop.get("anyOf", []) if a.get("type") == "integer"), prop)
        bounds = {"minimum": low} if high is None else {"maximum": high, "minimum": low}
        target.update(bounds)
    return dict(shown)


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


JavaBool = Annotated[bool, BeforeValidator(parse_java_bool)]


def _host_port_first(value: Any) -> Any:
    return HostPort.parse(value, split_at="first") if isinstance(value, str) else value


HaServerAddress = Annotated[
    HostPort, BeforeValidator(_host_port_first), PlainSerializer(str, return_type=str)
]


CoordinatorList = Annotated[
    list[HostPort],
    BeforeValidator(parse_coordinator_list),
    PlainSerializer(lambda v: ",".join(str(e) for e in v), return_type=str),
]


Mode = Annotated[ServerMode, BeforeValidator(mode_before)]

ClusterName = Annotated[str, Field(pattern=CLUSTER_NAME_PATTERN)]


def _duration_before(value: Any) -> Any:
    return Duration.parse(value) if isinstance(value, str) else value


DurationValue = Annotated[
    Duration, BeforeValidator(_duration_before), PlainSerializer(str, return_type=str)
]

ChunkSize = Annotated[
    int,
    BeforeValidator(parse_size),
    Field(ge=1024, le=16 * 1024**2),
    PlainSerializer(size_text, return_type=str),
]


def _switch_before(value: Any) -> Any:
    return ServiceSwitch.parse(value) if isinstance(value, str) else value


ServiceSwitchValue = Annotated[
    ServiceSwitch, BeforeValidator(_switch_before), PlainSerializer(str, return_type=str)
]
