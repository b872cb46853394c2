"""The committed JSON Schemas are the ones the models generate, and they describe real data."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from neoha_config import schema
from neoha_config.cli import main
from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings

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
        {"tickTime": "2000", "clientPort": "2181", "server.1": "a:2888:3888", "x.y": "z"},
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
