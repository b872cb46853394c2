"""The plain shapes (``models.shapes``) against the pydantic models, and views against models.

The checker reads every file through a shape and a view, never through pydantic; these tests
hold the two descriptions of a file's typed keys to one meaning: the same keys and field names,
the same accepted and refused texts and the same values, and per node of every case tree the
same field values and properties.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from neoha_config.layout import load_tree, materialize
from neoha_config.models import CoordConfig, DatabaseSettings, ServerSettings, shapes
from neoha_config.models.base import SettingsModel

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "data" / "cases"

MODELS: tuple[tuple[type[SettingsModel], shapes.Shape], ...] = (
    (ServerSettings, shapes.SERVER),
    (DatabaseSettings, shapes.DATABASE),
    (CoordConfig, shapes.COORD),
)

SAMPLES = (
    "", "0", "1", "-1", "+1", "٣", "70000", "2147483648", "99999999999", "true", "TRUE",
    "false", "yes", " true", "10", "10s", "500MS", "2m", "1h", "10 s", "2M", "512k", "1023",
    "16777217", "host:6361", "[::1]:6361", "host:6361 ", "h:0", "zk1:2181,zk2:2181",
    "zk1:2181,", "zk1:", "zk1", "zk1:2181/chroot", "port=6363", "port=x", "name=shell",
    "keep_all", "KEEP_ALL", "shutdown", "sync", "async", "none", "fixed", "round_robin", "ha",
    "HA", "single", "my cluster", "neo4j.ha", "a\n", "/",
)  # fmt: skip

PROPERTIES = {
    "server": ("effective_mode", "effective_web_port", "effective_https_port",
               "effective_database_location"),
    "database": ("effective_server_id", "effective_coordinators", "effective_cluster_name",
                 "effective_ha_port", "backup_port", "shell_port"),
    "coord": ("effective_tick_time", "participants", "admin_port"),
}  # fmt: skip


@pytest.mark.parametrize(("model", "shape"), MODELS, ids=[s.name for _, s in MODELS])
def test_shape_lists_the_models_fields(model: type[SettingsModel], shape: shapes.Shape) -> None:
    fields = {field.alias: name for name, field in model.model_fields.items() if name != "servers"}
    assert fields == {key: name for key, (name, _) in shape.keys.items()}
    assert model._shape is shape


@pytest.mark.parametrize(("model", "shape"), MODELS, ids=[s.name for _, s in MODELS])
def test_shape_converters_read_as_the_model_validates(
    model: type[SettingsModel], shape: shapes.Shape
) -> None:
    """Every sample text: the shape's converter accepts it exactly when pydantic does, and
    gives the value the model holds."""
    for key, (name, convert) in shape.keys.items():
        for text in SAMPLES:
            try:
                fast: Any = convert(text)
            except (ValueError, TypeError):
                fast = None
            validated, issues = model.from_properties(
                {key: text} if shape is not shapes.COORD else {key: text.strip()}
            )
            slow = getattr(validated, name) if not issues else None
            if shape is shapes.COORD and text != text.strip():
                continue  # coord.cfg values are trimmed before conversion
            assert fast == slow, (key, text)


def _case_trees() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/expected.json"))


@pytest.mark.parametrize("case", _case_trees(), ids=lambda p: p.name)
def test_views_and_models_agree_on_every_case(case: Path) -> None:
    tree = load_tree([case], cwd=case, models=False)
    for node in tree.nodes:
        for name in ("server", "database", "coord"):
            view = getattr(node, name)
            if view is None:
                continue
            model = view.model()
            assert isinstance(view, shapes.SettingsView)
            for field in type(model).model_fields:
                assert getattr(view, field) == getattr(model, field), (node.name, field)
            for prop in PROPERTIES[name]:
                assert getattr(view, prop) == getattr(model, prop), (node.name, prop)
            assert view.model_extra == model.model_extra
            for key in model.to_properties():
                assert view.location(key) == model.location(key)
        materialize(node)
        for name in ("server", "database", "coord", "myid"):
            found = getattr(node, name)
            assert found is None or hasattr(type(found), "model_fields")


@pytest.mark.parametrize(("model", "shape"), MODELS, ids=[s.name for _, s in MODELS])
def test_a_view_keeps_only_the_values_its_file_sets(
    model: type[SettingsModel], shape: shapes.Shape
) -> None:
    view_class = shapes.VIEWS[shape.name]
    for name in shape.defaults:  # no field is shadowed by, or shadows, a view's own attribute
        owners = [klass for klass in view_class.__mro__ if name in vars(klass)]
        assert owners == [view_class], name
    key, (name, _) = next(iter(shape.keys.items()))
    view, issues = shapes.read_settings(shape, {})
    assert not issues
    assert all(getattr(view, field) is None for field in shape.defaults)
    assert not set(shape.defaults) & set(vars(view))
    text = "2181" if shape is shapes.COORD else "x"
    set_view, _ = shapes.read_settings(shape, {key: text})
    assert set(vars(set_view)) & set(shape.defaults) <= {name}


def test_document_locations_hold_what_locations_of_holds() -> None:
    from neoha_config.diagnostics import Location
    from neoha_config.properties import parse

    document = parse(b"# c\nb=1\n  a = 2\nb=3\nlong\\\n  x=4\n")
    lazy = shapes.DocumentLocations(document, "n/conf/neo4j.properties")
    eager = shapes.locations_of(document, "n/conf/neo4j.properties")
    assert list(lazy) == list(eager) == ["b", "a", "longx"]
    assert dict(lazy) == eager
    assert len(lazy) == 3
    assert lazy["b"] == eager["b"] == Location("n/conf/neo4j.properties", 4, 1)
    assert lazy.get("missing") is None
    assert lazy.get(3) is None  # type: ignore[call-overload]  # not a key: no location
    view, _ = shapes.read_document(shapes.DATABASE, document, "n/conf/neo4j.properties")
    assert view.location("a") == Location("n/conf/neo4j.properties", 3, 3)
    assert view.location("c") is None


def test_a_view_answers_what_only_the_model_has() -> None:
    view, issues = shapes.read_settings(shapes.DATABASE, {"ha.server_id": "2", "x.y": "z"})
    assert not issues
    assert view.to_properties() == {"ha.server_id": "2", "x.y": "z"}
    assert view.model().model_dump(by_alias=True, exclude_none=True) == {
        "ha.server_id": 2,
        "x.y": "z",
    }


def test_a_rejected_value_is_worded_by_the_model() -> None:
    view, issues = shapes.read_settings(
        shapes.DATABASE, {"ha.server_id": "x", "ha.server": "h:6361"}
    )
    assert [i.key for i in issues] == ["ha.server_id"]
    assert view.server_id is None
    assert view.ha_server is not None
    assert view.ha_server.port == 6361


def test_public_load_tree_gives_pydantic_models() -> None:
    tree = load_tree([ROOT / "examples" / "cluster"], cwd=ROOT)
    database = next(n.database for n in tree.nodes if n.database is not None)
    assert isinstance(database, DatabaseSettings)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_check_imports_no_pydantic(fmt: str) -> None:
    """A clean check of the example cluster, in every output format, imports neither pydantic
    nor the standard library's code-generating ``dataclasses`` (and ``inspect`` with it)."""
    script = (
        "import sys\n"
        f"sys.argv = ['neoha_config', 'check', '--format', {fmt!r}, 'examples/cluster']\n"
        "import neoha_config.cli as cli\n"
        "code = cli.main()\n"
        "names = ('pydantic', 'pydantic_core', 'dataclasses', 'inspect')\n"
        "print(code, *[name in sys.modules for name in names])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines()[-1] == "0 False False False False", out.stdout + out.stderr
