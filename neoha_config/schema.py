"""JSON Schemas of the file models and of the JSON report, as committed under ``schemas/``.

A file schema describes one file's settings as a JSON object of property key to value, the
document ``Model.model_validate`` accepts: each value either as the file writes it (a string,
as ``properties.parse(...).to_dict()`` gives it) or as a typed JSON value (an integer, a
boolean; what ``model_dump(mode="json", by_alias=True)`` gives). Ranges, patterns and enums are
the models' own; keys in a namespace Neo4j or ZooKeeper owns that neither knows are rejected,
as NHA004 reports them; other keys (kernel settings) are allowed, as the models keep them.
"""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# pydantic writes its own constraint names for constraints it cannot place in a schema (a
# BeforeValidator before Field(ge=...)): JSON Schema ignores them, so they are renamed.
_KEYWORDS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
    "min_length": "minLength",
    "max_length": "maxLength",
}
INT32 = (-(2**31), 2**31 - 1)
INT64 = (-(2**63), 2**63 - 1)
_CI_BOOL = "[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]"
_LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])"


# --- integer ranges as regular expressions ------------------------------------------------


def _same_length(lo: str, hi: str) -> list[str]:
    """Alternatives matching every digit string of ``len(lo)`` between ``lo`` and ``hi``."""
    if lo == hi:
        return [lo]
    if set(lo) == {"0"} and set(hi) == {"9"}:
        return [f"[0-9]{{{len(lo)}}}" if len(lo) > 1 else "[0-9]"]
    if len(lo) == 1:
        return [f"[{lo}-{hi}]"]
    if lo[0] == hi[0]:
        return [lo[0] + rest for rest in _same_length(lo[1:], hi[1:])]
    n = len(lo) - 1
    digits = f"[0-9]{{{n}}}" if n > 1 else "[0-9]"
    first, last = int(lo[0]), int(hi[0])
    out = []
    if set(lo[1:]) != {"0"}:  # lo's own leading digit takes only part of its range
        out += [lo[0] + rest for rest in _same_length(lo[1:], "9" * n)]
        first += 1
    whole_last = set(hi[1:]) == {"9"}
    stop = last if whole_last else last - 1
    if first <= stop:
        out.append((str(first) if first == stop else f"[{first}-{stop}]") + digits)
    if not whole_last:
        out += [hi[0] + rest for rest in _same_length("0" * n, hi[1:])]
    return out


def _unsigned(lo: int, hi: int) -> list[str]:
    """Alternatives matching the decimal forms (no leading zero) of ``lo`` to ``hi`` (>= 0)."""
    if lo > hi:
        return []
    if len(str(lo)) < len(str(hi)):
        top = 10 ** len(str(lo)) - 1
        return _same_length(str(lo), str(top)) + _unsigned(top + 1, hi)
    return _same_length(str(lo), str(hi))


def integer_pattern(lo: int, hi: int, *, signs: bool = True) -> str:
    """A regular expression for the text of an integer in ``[lo, hi]`` as ``Integer.parseInt``
    reads it: optional sign (with ``signs``), ASCII digits, leading zeros, nothing else."""
    parts = []
    if hi >= 0:
        positive = "|".join(_unsigned(max(lo, 0), hi))
        parts.append(("\\+?" if signs else "") + f"0*(?:{positive})")
    if lo < 0 and signs:
        negative = "|".join(_unsigned(max(-hi, 0), -lo))
        parts.append(f"-0*(?:{negative})")
    elif lo == 0 and signs:
        parts.append("-0+")  # minus zero is zero
    return "^(?:" + "|".join(parts) + ")$"


# --- what each field accepts ----------------------------------------------------------------


def _bounds(metadata: list[Any], default: tuple[int, int]) -> tuple[int, int]:
    lo, hi = default
    for item in metadata:
        for inner in [item, *getattr(item, "metadata", [])]:
            if getattr(inner, "ge", None) is not None:
                lo = max(lo, int(inner.ge))
            if getattr(inner, "le", None) is not None:
                hi = min(hi, int(inner.le))
    return lo, hi


def _integer(metadata: list[Any], text_range: tuple[int, int]) -> list[dict[str, Any]]:
    """An integer field: a JSON integer within the field's own bounds (the model bounds typed
    values by nothing else), or text ``parseInt`` reads within those and ``text_range``."""
    lo, hi = _bounds(metadata, (text_range[0] - 1, text_range[1] + 1))
    typed: dict[str, Any] = {"type": "integer"}
    if lo >= text_range[0]:
        typed["minimum"] = lo
    if hi <= text_range[1]:
        typed["maximum"] = hi
    text = integer_pattern(max(lo, text_range[0]), min(hi, text_range[1]))
    return [typed, {"type": "string", "pattern": text}]


def _size(lo: int, hi: int) -> list[dict[str, Any]]:
    alternatives = []
    for suffix, factor in (("", 1), ("[kK]", 1024), ("[mM]", 1024**2), ("[gG]", 1024**3)):
        first, last = -(-lo // factor), hi // factor
        if first <= last:
            alternatives.append("(?:" + "|".join(_unsigned(first, last)) + ")" + suffix)
    pattern = "^0*(?:" + "|".join(alternatives) + ")$"
    return [
        {"type": "integer", "minimum": lo, "maximum": hi},
        {"type": "string", "pattern": pattern, "description": "bytes, or k, M or G"},
    ]


def _port_text() -> str:
    return integer_pattern(1, 65535)[4:-2]  # the alternatives without ^(?: and )$


def _accepts(annotation: Any) -> list[dict[str, Any]] | None:
    """The schemas of the values a field of ``annotation`` accepts, or None to keep pydantic's."""
    from pydantic import BeforeValidator

    from neoha_config.models import values

    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            return None
        found = _accepts(inner[0])
        return None if found is None else [*found, {"type": "null"}]
    if typing.get_origin(annotation) is not typing.Annotated:
        if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
            return [
                {
                    "type": "string",
                    "enum": [
                        str(m) for m in vars(annotation).values() if isinstance(m, annotation)
                    ],
                }
            ]
        return [{"type": "string"}] if annotation is str else None
    metadata = list(annotation.__metadata__)
    before = next((m.func for m in metadata if isinstance(m, BeforeValidator)), None)
    port = _port_text()
    if before is values._int_before:
        return _integer(metadata, INT32)
    if before is values._long_before:
        return _integer(metadata, INT64)
    if before is values.parse_size:
        return _size(*_bounds(metadata, INT32))
    if before is values.parse_java_bool:
        return [{"type": "boolean"}, {"type": "string", "pattern": f"^(?:{_CI_BOOL})$"}]
    if before is values.mode_before:
        return [{"type": "string", "pattern": "^(?:[Hh][Aa]|[Ss][Ii][Nn][Gg][Ll][Ee])$"}]
    if before is values.parse_coordinator_list:
        entry = f"{_HOST}:(?:{port})"
        return [
            {
                "type": "string",
                "pattern": f"^{entry}(?:,{entry})*(?:/.*)?$",
                "description": "host:clientPort, comma-separated (an optional /chroot)",
            }
        ]
    if before is values._host_port_first:
        return [{"type": "string", "pattern": f"^{_HOST}:(?:{port})$"}]
    if before is values._duration_before:
        return [{"type": "string", "pattern": "^[0-9]+(?:[Mm][Ss]|[SsMm])?$"}]
    if before is values._switch_before:
        option = "[^=,]+=[^,]*"
        return [
            {"type": "boolean"},
            {"type": "string", "pattern": f"^(?:{_CI_BOOL}|{option}(?:,{option})*)$"},
        ]
    pattern = next(
        (getattr(m, "pattern", None) for f in metadata for m in getattr(f, "metadata", [])), None
    )
    if pattern:
        return [{"type": "string", "pattern": pattern}]
    return None


def _fix_keywords(node: Any) -> None:
    if isinstance(node, dict):
        for old, new in _KEYWORDS.items():
            if old in node:
                node[new] = node.pop(old)
        for value in node.values():
            _fix_keywords(value)
    elif isinstance(node, list):
        for value in node:
            _fix_keywords(value)


def _names(known: Sequence[str], owned: str | None) -> dict[str, Any] | None:
    if owned is None:
        return None
    return {"anyOf": [{"enum": sorted(set(known))}, {"not": {"pattern": owned}}]}


def _model_schema(
    name: str, title: str, model: Any, *, owned: str | None = None, known: Sequence[str] = ()
) -> dict[str, Any]:
    """The schema of ``model``'s input; ``owned`` is a pattern of the key namespace only
    ``known`` keys may use."""
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://neoha-config.invalid/schemas/{name}",
    }
    body = model.model_json_schema(by_alias=True, mode="validation")
    _fix_keywords(body)
    body["title"] = title
    for field_name, field in model.model_fields.items():
        key = field.alias or field_name
        accepted = _accepts(field.annotation)
        if accepted is not None and key in body.get("properties", {}):
            shown = body["properties"][key]
            entry = {k: shown[k] for k in ("description", "title") if k in shown}
            entry["anyOf"] = accepted
            body["properties"][key] = entry
    names = _names([*known, *body.get("properties", {})], owned)
    if names is not None:
        body["propertyNames"] = names
    schema.update(body)
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name: the three file models, ``myid`` and the report."""
    from neoha_config.models import (
        CoordConfig,
        DatabaseSettings,
        MyId,
        ServerSettings,
        coord,
        database,
        server,
    )
    from neoha_config.names import HA_NAMESPACES
    from neoha_config.report.jsonreport import report_schema

    ha = "^(?:" + "|".join(re.escape(p) for p in HA_NAMESPACES) + ")"
    coordinator = _model_schema(
        "coord.cfg.schema.json",
        "conf/coord.cfg",
        CoordConfig,
        owned="^",  # ZooKeeper reads every key of its file
        known=list(coord.COORD_KEY_SINCE),
    )
    server_line = f"{_HOST}:(?:{_port_text()})(?::(?:{_port_text()}))?"
    coordinator["patternProperties"] = {
        r"^server\.[0-9]+$": {
            "type": "string",
            "pattern": rf"^\s*{server_line}(?::(?:participant|observer))?"
            rf"(?:;(?:{_HOST}:)?(?:{_port_text()}))?\s*$",
            "description": "host:quorumPort[:electionPort[:participant|observer]][;clientPort]",
        }
    }
    names = coordinator["propertyNames"]["anyOf"]
    names[1] = {"pattern": r"^(?:server|group|weight|metricsProvider|jvm\.pause)\..+$"}
    return {
        "neo4j-server.properties.schema.json": _model_schema(
            "neo4j-server.properties.schema.json",
            "conf/neo4j-server.properties",
            ServerSettings,
            owned=r"^org\.neo4j\.server\.",
            known=list(server.KNOWN_KEYS),
        ),
        "neo4j.properties.schema.json": _model_schema(
            "neo4j.properties.schema.json",
            "conf/neo4j.properties",
            DatabaseSettings,
            owned=ha,
            known=list(database.KNOWN_KEYS),
        ),
        "coord.cfg.schema.json": coordinator,
        "myid.schema.json": _model_schema("myid.schema.json", "data/coordinator/myid", MyId),
        "report.schema.json": report_schema(),
    }


def render(schema: dict[str, Any]) -> str:
    """A schema as committed: sorted keys are not used (field order is meaningful), 2-space
    indentation, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(out: Path) -> list[Path]:
    """Write every schema into ``out`` (created if missing) atomically; returns the paths
    whose content changed."""
    from neoha_config.atomic import write_atomic

    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, schema in schemas().items():
        path = out / name
        data = render(schema).encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        changed.append(path)
    return changed
