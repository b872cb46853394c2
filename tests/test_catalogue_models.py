"""Every field of the pydantic file models is described by the key catalogue, type for type.

The catalogue is the one description of the keys; the models are checked against it here. A
model field whose type differs from what a release reads is listed in ``KNOWN``, with the
releases and why, so a change to either side shows up as a changed list.
"""

from __future__ import annotations

import enum
import json
import os
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest

from neoha_config import catalogue as cat
from neoha_config.catalogue import Kind, Variant
from neoha_config.models import values as v
from neoha_config.models.coord import CoordConfig
from neoha_config.models.database import DatabaseSettings
from neoha_config.models.server import ServerSettings

MODELS: list[tuple[type[Any], str]] = [
    (DatabaseSettings, cat.DATABASE),
    (ServerSettings, cat.SERVER),
    (CoordConfig, cat.COORD),
]

K = "model refuses values below"
B = "model boolean, catalogue boolean-lenient"
C = "model refuses names outside A-Za-z0-9._- that the release accepts"
# Server keys read with Commons Configuration's getBoolean/getInt (yes/on/off, 0x hex, ...)
CB = "model boolean, catalogue commons-boolean"
CI = "catalogue commons-integer"

_TEXT = {Kind.STRING, Kind.PATH, Kind.HOST, Kind.LIST}

# model type -> (catalogue kinds it describes, the smallest value the model accepts)
_ALIASES: list[tuple[Any, set[Kind], int | None]] = [
    (v.JavaInt, {Kind.INTEGER}, None),
    (v.JavaLong, {Kind.LONG}, None),
    (v.Port, {Kind.PORT}, v.PORT_MIN),
    (v.PositiveInt, {Kind.INTEGER}, 1),
    (v.NonNegativeInt, {Kind.INTEGER}, 0),
    (v.JavaBool, {Kind.BOOLEAN}, None),
    (v.HaServerAddress, {Kind.HOST_PORT}, None),
    (v.CoordinatorList, {Kind.COORDINATOR_LIST}, None),
    (v.Mode, {Kind.ENUM}, None),
    (v.ClusterName, {Kind.CLUSTER_NAME}, None),
    (v.DurationValue, {Kind.DURATION}, None),
    (v.ChunkSize, {Kind.BYTES}, 1024),
    (v.ServiceSwitchValue, {Kind.SERVICE_SWITCH}, None),
]


def _annotation(field: Any) -> Any:
    annotation = field.annotation
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _mismatch(annotation: Any, variant: Variant) -> str | None:
    """Why the model type does not describe ``variant``, or None when it does."""
    kind = variant.kind
    if annotation is str:
        return None if kind in _TEXT | {Kind.ENUM} else f"model str, catalogue {kind}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        if kind is not Kind.ENUM:
            return f"model enum, catalogue {kind}"
        model = {m.value for m in annotation}
        extra, lacking = model - set(variant.options), set(variant.options) - model
        if lacking:
            return f"model enum lacks {', '.join(sorted(lacking))}"
        if extra:
            return f"model enum accepts {', '.join(sorted(extra))}, which the release refuses"
        return None
    if annotation == v.ClusterName and kind is Kind.CLUSTER_NAME:
        return C
    for alias, kinds, model_min in _ALIASES:
        if annotation == alias:
            if kind not in kinds:
                return f"model {'/'.join(sorted(k.value for k in kinds))}, catalogue {kind}"
            release_min = variant.minimum
            if model_min is not None and (release_min is None or release_min < model_min):
                return f"model refuses values below {model_min}, the release does not"
            return None
    return f"model type {annotation!r} is not mapped"


def _fields(model: type[Any]) -> list[tuple[str, str]]:
    out = []
    for name, field in model.model_fields.items():
        if name == "servers":
            out.append((name, "server.1"))
        elif field.alias:
            out.append((name, field.alias))
    return out


def disagreements() -> list[str]:
    """Every (model field, releases) pair whose type the catalogue describes differently."""
    out: list[str] = []
    for model, file in MODELS:
        for name, key in _fields(model):
            spec = cat.lookup(file, key)
            if spec is None:
                out.append(f"{key}: not in the catalogue")
                continue
            if spec.inert:
                out.append(f"{key}: the catalogue knows no release that reads it")
                continue
            if name == "servers":
                continue  # ServerLine is structured; its parsing is the rules' business
            annotation = _annotation(model.model_fields[name])
            by_reason: dict[str, list[str]] = {}
            for variant in spec.variants:
                reason = _mismatch(annotation, variant)
                if reason is not None:
                    by_reason.setdefault(reason, []).extend(variant.releases)
            for reason, releases in by_reason.items():
                out.append(f"{key} [{cat.describe_span(tuple(releases))}]: {reason}")
    return sorted(out)


# The model fields the catalogue describes differently, and in which releases. Lenient
# booleans: the model refuses text Boolean.parseBoolean reads as false. Minimums: the model
# refuses 0 or negatives that the release takes as they are (a port of 0 binds a random one).
KNOWN = sorted(
    [
        "admin.enableServer [3.5-3.9]: " + B,
        "admin.serverPort [3.5-3.9]: " + K + " 1, the release does not",
        "clientPort [3.5-3.9]: " + K + " 1, the release does not",
        "ha.allow_init_cluster [1.3-1.7]: " + B,
        "ha.branched_data_policy [1.5-1.7, 1.9]: model enum accepts shutdown, which the "
        "release refuses",
        "ha.cluster_name [1.3-1.8]: " + C,
        "ha.cluster_name [1.9]: model cluster-name, catalogue string",
        "ha.coordinator_fetch_info_timeout [1.6-1.7]: " + K + " 1, the release does not",
        "ha.coordinator_timeout: the catalogue knows no release that reads it",
        "ha.lock_read_timeout [1.4-1.7]: " + K + " 1, the release does not",
        "ha.lock_read_timeout [1.9]: model integer, catalogue duration",
        "ha.machine_id [1.3-1.8]: " + K + " 0, the release does not",
        "ha.max_concurrent_channels_per_slave [1.4-1.7]: " + K + " 1, the release does not",
        "ha.max_concurrent_transactions_on_master [1.7]: " + K + " 1, the release does not",
        "ha.read_timeout [1.4-1.7]: " + K + " 1, the release does not",
        "ha.read_timeout [1.9]: model integer, catalogue duration",
        "ha.server [1.9]: model host:port, catalogue host:port-range",
        "ha.server_id [1.4-1.9]: " + K + " 0, the release does not",
        "ha.zk_session_timeout [1.7]: model integer, catalogue duration",
        "keep_logical_logs [1.3-1.7]: model boolean, catalogue keep-logical-logs-1.3",
        "keep_logical_logs [1.8-1.9]: model boolean, catalogue keep-logical-logs-1.8",
        "online_backup_port [1.8-1.9]: " + K + " 1, the release does not",
        "org.neo4j.server.http.log.enabled [1.6-1.9]: " + CB,
        "org.neo4j.server.startup_timeout [1.6-1.9]: model integer, " + CI,
        "org.neo4j.server.webserver.https.enabled [1.4-1.9]: " + CB,
        "org.neo4j.server.webserver.https.port [1.4-1.9]: model port, " + CI,
        "org.neo4j.server.webserver.limit.executiontime [1.5-1.9]: model integer, " + CI,
        "org.neo4j.server.webserver.maxthreads [1.5-1.9]: model integer, " + CI,
        "org.neo4j.server.webserver.port [1.3-1.9]: model port, " + CI,
        "quorumListenOnAllIPs [3.4]: " + B,
        "remote_shell_port [1.8-1.9]: " + K + " 1, the release does not",
    ]
)


def test_every_model_field_is_catalogued() -> None:
    missing = [d for d in disagreements() if d.endswith("not in the catalogue")]
    assert missing == []


def test_model_types_against_the_catalogue() -> None:
    found = disagreements()
    assert found == KNOWN, "\n".join(
        ["new:", *sorted(set(found) - set(KNOWN)), "gone:", *sorted(set(KNOWN) - set(found))]
    )


@pytest.mark.parametrize(("model", "file"), MODELS)
def test_models_known_keys_are_catalogued(model: type[Any], file: str) -> None:
    import importlib

    module = importlib.import_module(model.__module__)
    for key in getattr(module, "KNOWN_KEYS", frozenset()):
        assert cat.lookup(file, key) is not None, key


# Sample values tried on both sides: the model's own converters (the functions its validators
# use) and the catalogue's parser for each release.
SAMPLES = (
    "", "0", "1", "5", "-1", "+1", "20", "70000", "2147483648", "true", "TRUE", "false",
    "yes", "10", "10s", "500ms", "2m", "1h", "10 s", "2M", "512", "25000000", "host:6361",
    "[::1]:6361", "host:6361 ", "zk1:2181,zk2:2181", "zk1:2181,", "zk1:", "zk1",
    "zk1:2181, zk2:2181", "port=6363", "keep_all", "KEEP_ALL", "shutdown", "sync", "fixed",
    "ha", "HA", "single", "my cluster", "neo4j.ha", "7 days", "nioneodb", "/",
    "0.0.0.0:6001-6011", ":5001",
)  # fmt: skip

GOLDEN = Path(__file__).parent / "data" / "catalogue-model-values.json"


def value_disagreements() -> dict[str, list[str]]:
    """Per model key and release span: the samples one side accepts and the other refuses."""
    out: dict[str, list[str]] = {}
    for model, file in MODELS:
        for _name, key in _fields(model):
            spec = cat.lookup(file, key)
            shape = model._shape
            convert = shape.keys[key][1] if shape is not None and key in shape.keys else None
            if spec is None or spec.inert or convert is None:
                continue
            for variant in spec.variants:
                lines = []
                for text in SAMPLES:
                    try:
                        convert(text)
                        model_ok = True
                    except (ValueError, TypeError):
                        model_ok = False
                    release_ok = cat.parse_variant(variant, text, key).ok
                    if model_ok != release_ok:
                        side = "model accepts" if model_ok else "model refuses"
                        lines.append(f"{side} {text!r}")
                if lines:
                    out[f"{key} [{cat.describe_span(variant.releases)}]"] = lines
    return dict(sorted(out.items()))


def test_model_values_against_the_catalogue() -> None:
    found = value_disagreements()
    if os.environ.get("NEOHA_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert found == expected, "regenerate with NEOHA_UPDATE_GOLDEN=1 and review the diff"


def test_value_comparison_sees_known_differences() -> None:
    found = value_disagreements()
    assert "model accepts '[::1]:6361'" in found["ha.server [1.8]"]
    assert "model refuses '7 days'" in found["keep_logical_logs [1.8]"]
    assert "model refuses '10s'" in found["ha.zk_session_timeout [1.7]"]
    assert "model refuses 'my cluster'" in found["ha.cluster_name [1.8]"]


@pytest.mark.parametrize(
    "text",
    ["0", "1", "-1", "+1", "007", "", " 1", "1 ", "2147483647", "2147483648", "-2147483648",
     "1e3", "0x10", "\u0663", "\uff11"],
)  # fmt: skip
def test_java_int_matches_the_models_parser(text: str) -> None:
    """The catalogue reads integers as the models do, digits of other scripts included (the
    JDK oracle shows that Integer.parseInt takes them)."""
    from neoha_config.catalogue import parsers

    try:
        model: int | None = v.parse_java_int(text)
    except ValueError:
        model = None
    mine = parsers.java_int(text)
    assert mine.value == model
    assert mine.ok is (model is not None)
