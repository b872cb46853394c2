"""Fill a model from property strings with the library's own value parsers, no pydantic run.

Every typed value of the file models is read by a function of ``values`` (a pydantic
``BeforeValidator``) followed by at most a range or pattern check. When all of a file's values
pass those same functions, the model is built with ``model_construct`` and pydantic never
builds or runs a validator: on a clean tree ``check`` then pays for neither. When any value
fails, or a field has a type this table does not know, the caller validates with pydantic
instead, so messages and results are pydantic's. Tests assert both ways build equal models.
"""

from __future__ import annotations

import enum
import re
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

from neoha_config.models import values as v

Converter = Callable[[str], Any]


def _ranged(low: int | None, high: int | None) -> Converter:
    def convert(text: str) -> int:
        value = v.parse_java_int(text)
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"{text!r} is out of range")
        return value

    return convert


def _java_bool(text: str) -> bool:
    value = v.parse_java_bool(text)
    if not isinstance(value, bool):  # pragma: no cover - parse_java_bool returns bool for str
        raise ValueError(text)
    return value


# pydantic-core's regex engine reads ``$`` as the end of the text; Python's ``$`` would also
# match before a final newline, so the pattern's anchors are spelled out here.
_CLUSTER_NAME = re.compile(v.CLUSTER_NAME_PATTERN.removeprefix("^").removesuffix("$") + r"\Z")


def _cluster_name(text: str) -> str:
    if not _CLUSTER_NAME.match(text):
        raise ValueError(text)
    return text


def _chunk_size(text: str) -> int:
    size = v.parse_size(text)
    if not isinstance(size, int) or not 1024 <= size <= 16 * 1024**2:
        raise ValueError(text)
    return size


# The type aliases of ``values`` and the functions that read them: the same functions and
# bounds the aliases' validators use.
_BY_ALIAS: list[tuple[Any, Converter]] = [
    (v.JavaInt, v.parse_java_int),
    (v.JavaLong, lambda text: v.parse_java_int(text, bits=64)),
    (v.Port, _ranged(v.PORT_MIN, v.PORT_MAX)),
    (v.PositiveInt, _ranged(1, None)),
    (v.NonNegativeInt, _ranged(0, None)),
    (v.JavaBool, _java_bool),
    (v.HaServerAddress, lambda text: v.HostPort.parse(text, split_at="first")),
    (v.CoordinatorList, v.parse_coordinator_list),
    (v.Mode, lambda text: v.ServerMode(v.mode_before(text))),
    (v.ClusterName, _cluster_name),
    (v.DurationValue, v.Duration.parse),
    (v.ChunkSize, _chunk_size),
    (v.ServiceSwitchValue, v.ServiceSwitch.parse),
]


def _converter(annotation: Any) -> Converter | None:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            return None
        annotation = members[0]
    if annotation is str:
        return str
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    for alias, convert in _BY_ALIAS:
        if annotation == alias:
            return convert
    return None


def table(
    model: type[Any], skip: frozenset[str] = frozenset()
) -> dict[str, tuple[str, Converter]] | None:
    """Property key -> (field name, converter) for every field of ``model`` but ``skip``;
    None when a field's type has no converter here (the model is then always validated)."""
    out: dict[str, tuple[str, Converter]] = {}
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        convert = _converter(field.annotation)
        if convert is None:
            return None
        out[field.alias or name] = (name, convert)
    return out


def convert(
    conversions: Mapping[str, tuple[str, Converter]], items: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str]] | None:
    """Field values and extras from ``items``; None when a value does not convert."""
    values: dict[str, Any] = {}
    extras: dict[str, str] = {}
    for key, raw in items.items():
        entry = conversions.get(key)
        if entry is None:
            extras[key] = raw
            continue
        try:
            values[entry[0]] = entry[1](raw)
        except (ValueError, TypeError):
            return None
    return values, extras
