"""JSON Schemas of the file models and of the JSON report, as committed under ``schemas/``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _model_schema(name: str, title: str, model: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://neoha-config.invalid/schemas/{name}",
    }
    body = model.model_json_schema(by_alias=True, mode="serialization")
    body["title"] = title
    schema.update(body)
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema by file name: the three file models, ``myid`` and the report."""
    from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
    from neoha_config.report.jsonreport import report_schema

    return {
        "neo4j-server.properties.schema.json": _model_schema(
            "neo4j-server.properties.schema.json",
            "conf/neo4j-server.properties",
            ServerSettings,
        ),
        "neo4j.properties.schema.json": _model_schema(
            "neo4j.properties.schema.json", "conf/neo4j.properties", DatabaseSettings
        ),
        "coord.cfg.schema.json": _model_schema(
            "coord.cfg.schema.json", "conf/coord.cfg", CoordConfig
        ),
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
