"""The typed setting values of the pydantic models: the plain value types and parsers of
``models.plain``, each with the pydantic validator, serializer and schema it needs."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

from neoha_config import records
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
    """pydantic's schema of a plain value class of ``models.plain`` (a ``records`` class): that
    of a standard dataclass of the same name and fields, whose instances become ``cls``'s."""
    from pydantic_core import core_schema

    mirror = _mirror(cls)
    names = [f.name for f in records.fields(cls)]

    def to_mirror(value: Any) -> Any:
        if isinstance(value, cls):
            return mirror(**{name: getattr(value, name) for name in names})
        return value

    def to_plain(value: Any) -> Any:
        return cls(**{name: getattr(value, name) for name in names})

    return core_schema.no_info_before_validator_function(
        to_mirror,
        core_schema.no_info_after_validator_function(to_plain, handler.generate_schema(mirror)),
        serialization=core_schema.plain_serializer_function_ser_schema(
            to_mirror, return_schema=handler.generate_schema(mirror)
        ),
    )


_MIRRORS: dict[type[Any], type[Any]] = {}


def _mirror(cls: type[Any]) -> type[Any]:
    """A pydantic model with ``cls``'s name, documentation, fields, defaults and ranges."""
    import typing

    from pydantic import ConfigDict, create_model

    made = _MIRRORS.get(cls)
    if made is None:
        hints = typing.get_type_hints(cls)
        specs: dict[str, Any] = {}
        table: Any = records.fields(cls)
        for f in table:
            hint = hints[f.name]
            if f.name in cls._RANGES:  # the ranges the class checks
                low, high = cls._RANGES[f.name]
                hint = Annotated[hint, Field(ge=low, le=high)]
            if f.default is not records.MISSING:
                specs[f.name] = (hint, f.default)
            elif f.default_factory is not records.MISSING:
                specs[f.name] = (hint, Field(default_factory=f.default_factory))
            else:
                specs[f.name] = (hint, ...)
        made = create_model(
            cls.__name__,
            __config__=ConfigDict(frozen=True),
            __doc__=cls.__doc__,
            __module__=cls.__module__,
            **specs,
        )
        made.__qualname__ = cls.__qualname__
        _MIRRORS[cls] = made
    return made


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
