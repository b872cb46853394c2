"""The committed JSON Schemas are the ones the models generate, and they describe real data."""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from neoha_config import schema
from neoha_config.cli import main
from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
from neoha_config.models.base import SettingsModel

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
GENERATED = schema.schemas()


def test_file_names_name_the_files() -> None:
    names = " ".join(GENERATED)
    for part in ("neo4j-server", "neo4j.properties", "coord", "report"):
        assert part in names


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_committed_schema_matches_the_models(name: str) -> None:
    committed = SCHEMAS / name
    assert committed.is_file(), f"{name} is not committed: run neoha-config schema --out schemas/"
    assert committed.read_text(encoding="utf-8") == schema.render(GENERATED[name]), (
        f"schemas/{name} drifted from the models: run neoha-config schema --out schemas/"
    )


def test_no_stale_schema_is_committed() -> None:
    assert {p.name for p in SCHEMAS.glob("*.json")} == set(GENERATED)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_schema_is_valid(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(GENERATED[name])


P = "org.neo4j.server."
CASES = [
    (
        "neo4j-server.properties.schema.json",
        ServerSettings,
        {P + "database.mode": "HA", P + "webserver.port": "7474", "custom.key": "x"},
    ),
    (
        "neo4j.properties.schema.json",
        DatabaseSettings,
        {
            "ha.server_id": "1",
            "ha.coordinators": "a:2181,b:2181",
            "ha.server": "db1:6001",
            "ha.pull_interval": "10s",
            "ha.com_chunk_size": "2M",
            "enable_online_backup": "port=6363",
            "ha.branched_data_policy": "keep_last",
        },
    ),
    (
        "coord.cfg.schema.json",
        CoordConfig,
        {
            "tickTime": "2000",
            "clientPort": "2181",
            "server.1": "a:2888:3888",
            "peerType": "observer",
        },
    ),
]


@pytest.mark.parametrize(("name", "model", "items"), CASES, ids=[c[0] for c in CASES])
def test_model_data_validates_against_its_schema(
    name: str, model: type[ServerSettings | DatabaseSettings | CoordConfig], items: dict[str, str]
) -> None:
    loaded, issues = model.from_properties(items)
    assert not issues
    data = loaded.model_dump(mode="json", by_alias=True, exclude_unset=True)
    jsonschema.validate(data, GENERATED[name])
    broken = {**data, next(iter(data)): {"not": "a value"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, GENERATED[name])


def test_myid_validates() -> None:
    data = MyId.parse(b"3\n").model_dump(mode="json")
    jsonschema.validate(data, GENERATED["myid.schema.json"])


def test_schema_command_writes_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.iterdir()}
    assert written == set(GENERATED)
    capsys.readouterr()
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert "0 schema(s) changed" in capsys.readouterr().err


def test_schema_command_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert main(["schema", "--out", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "x"


# --- the schemas mean what the models mean ------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
FILES: dict[str, tuple[str, type[SettingsModel]]] = {
    "neo4j-server.properties": ("neo4j-server.properties.schema.json", ServerSettings),
    "neo4j.properties": ("neo4j.properties.schema.json", DatabaseSettings),
    "coord.cfg": ("coord.cfg.schema.json", CoordConfig),
}


def _valid(name: str, document: object) -> bool:
    return jsonschema.Draft202012Validator(GENERATED[name]).is_valid(document)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (ROOT / "examples" / "cluster").rglob("*") if p.name in FILES),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_real_files_validate_as_written(path: Path) -> None:
    from neoha_config.properties import parse

    name, model = FILES[path.name]
    document = parse(path.read_bytes()).to_dict()
    assert document
    assert all(isinstance(v, str) for v in document.values())
    jsonschema.validate(document, GENERATED[name])
    model.model_validate(document)  # the model accepts the same document


DB = "neo4j.properties.schema.json"
SERVER = "neo4j-server.properties.schema.json"
COORD = "coord.cfg.schema.json"


@pytest.mark.parametrize(
    ("name", "document", "valid"),
    [
        (DB, {"ha.server_id": "1"}, True),
        (DB, {"ha.server_id": 1}, True),
        (DB, {"ha.server_id": "007"}, True),
        (DB, {"ha.server_id": -5}, False),
        (DB, {"ha.server_id": "-5"}, False),
        (DB, {"ha.server_id": " 1"}, False),
        (DB, {"ha.server_id": "2147483648"}, False),
        (DB, {"ha.server_idd": "1"}, False),  # a typo in Neo4j's namespace
        (DB, {"online_backup_prot": "6362"}, False),
        (DB, {"neostore.nodestore.db.mapped_memory": "25M"}, True),  # a kernel setting
        (DB, {"ha.com_chunk_size": "16M"}, True),
        (DB, {"ha.com_chunk_size": "17M"}, False),
        (DB, {"ha.com_chunk_size": "1k"}, True),
        (DB, {"ha.com_chunk_size": "1023"}, False),
        (DB, {"ha.com_chunk_size": 2048}, True),
        (DB, {"ha.allow_init_cluster": "TRUE"}, True),
        (DB, {"ha.allow_init_cluster": "yes"}, False),
        (DB, {"ha.pull_interval": "10s"}, True),
        (DB, {"ha.pull_interval": "10 s"}, False),
        (DB, {"ha.coordinators": "zk1:2181,zk2:2181"}, True),
        (DB, {"ha.coordinators": "zk1:2181, zk2:2181"}, False),
        (DB, {"ha.coordinators": "zk1:70000"}, False),
        (DB, {"ha.server": "db1:6001"}, True),
        (DB, {"ha.branched_data_policy": "keep_last"}, True),
        (DB, {"ha.branched_data_policy": "KEEP_LAST"}, False),
        (DB, {"ha.cluster_name": "orders.prod"}, True),
        (DB, {"ha.cluster_name": "orders prod"}, False),
        (DB, {"enable_online_backup": "port=6363"}, True),
        (SERVER, {"org.neo4j.server.webserver.port": "7474"}, True),
        (SERVER, {"org.neo4j.server.webserver.port": 70000}, False),
        (SERVER, {"org.neo4j.server.webserver.prot": "7474"}, False),
        (SERVER, {"org.neo4j.server.database.mode": "HA"}, True),
        (SERVER, {"org.neo4j.server.database.mode": "master"}, False),
        (COORD, {"tickTime": "2000", "server.1": "zk1:2888:3888"}, True),
        (COORD, {"server.1": "zk1:2888:3888:observer;2181"}, True),
        (COORD, {"server.1": "zk1"}, False),
        (COORD, {"tickTim": "2000"}, False),
        (COORD, {"clientPort": "0"}, False),
        (COORD, {"group.1": "1:2:3"}, True),
    ],
)
def test_schema_verdicts(name: str, document: dict[str, object], valid: bool) -> None:
    assert _valid(name, document) is valid


# Fields whose values the schema can say exactly: every integer, boolean, size, duration and
# mode field. The schema must accept a value exactly when the model does.
def _exact_fields() -> list[tuple[str, str]]:
    out = []
    for file_name, (name, model) in FILES.items():
        del file_name
        props = GENERATED[name]["properties"]
        for key, prop in props.items():
            kinds = {alt.get("type") for alt in prop.get("anyOf", [])}
            if "integer" in kinds or "boolean" in kinds or key.endswith(("interval", "mode")):
                if key.startswith("enable_"):
                    continue  # a port=N option list: its other options are free text
                out.append((name, key))
        assert model
    return out


EXACT = _exact_fields()
VALUES = st.one_of(
    st.from_regex(r"\A[ +-]?0*[0-9]{0,20}(ms|s|m|k|M|G|K)?[ ]?\Z"),
    st.sampled_from(["true", "FALSE", "True ", "ha", "HA", "single", "", "1e3", "0x10", "-0"]),
    st.integers(min_value=-(2**65), max_value=2**65),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(EXACT), value=VALUES)
def test_schema_accepts_exactly_what_the_model_accepts(
    field: tuple[str, str], value: object
) -> None:
    name, key = field
    model = next(m for n, m in FILES.values() if n == name)
    kinds = {alt.get("type") for alt in GENERATED[name]["properties"][key]["anyOf"]}
    # pydantic's lax mode reads true as 1 and 1 as true; no file holds such a value, and the
    # schemas keep JSON's types apart.
    assume(not (isinstance(value, bool) and "integer" in kinds))
    assume(not (type(value) is int and "boolean" in kinds))
    try:
        model.model_validate({key: value})
        accepted = True
    except ValueError:
        accepted = False
    assert _valid(name, {key: value}) is accepted, (key, value)


@given(
    bounds=st.tuples(st.integers(-(2**40), 2**40), st.integers(0, 2**40)),
    value=st.integers(-(2**41), 2**41),
    form=st.sampled_from(["{}", "+{}", "00{}"]),
)
def test_integer_pattern_matches_exactly_the_range(
    bounds: tuple[int, int], value: int, form: str
) -> None:
    lo, width = bounds
    hi = lo + width
    text = str(value) if value < 0 else form.format(value)
    if value < 0 and form == "00{}":
        text = f"-00{-value}"
    assert bool(re.match(schema.integer_pattern(lo, hi), text)) is (lo <= value <= hi)
