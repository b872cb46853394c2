"""The fast path of model loading builds exactly what pydantic validation builds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from neoha_config.models import CoordConfig, DatabaseSettings, ServerSettings
from neoha_config.models.base import SettingsModel

# Values that exercise every converter: good ones, edge cases and near misses.
SAMPLES = [
    "",
    " ",
    "0",
    "1",
    "-1",
    "+7",
    "65535",
    "65536",
    "2147483648",
    "true",
    "FALSE",
    "yes",
    "ha",
    "HA",
    "Single",
    "cluster",
    "h:6001",
    "h:0",
    "h",
    " h:1",
    "a:2181,b:2182",
    "a:2181,",
    "a:2181/chroot",
    "10s",
    "500MS",
    "10",
    "1h",
    "2M",
    "512k",
    "1",
    "16M",
    "17M",
    "port=7000",
    "port=0",
    "keep_all",
    "KEEP_ALL",
    "shutdown",
    "sync",
    "none",
    "round_robin",
    "neo4j.ha",
    "bad name",
    "abc\n",
    "a:2888:3888",
    "a:2888:3888:observer",
    "a:2888:3888:x",
    "a:2888",
    "[::1]:2888:3888",
    "a:2888:3888;2181",
    "data/coordinator",
    "2000",
    "3000 ",
]


def _keys(model: type[SettingsModel]) -> list[str]:
    keys = [f.alias or n for n, f in model.model_fields.items() if n != "servers"]
    return [*keys, "unknown.key", "mode" if model is ServerSettings else "server_id"]


def _slow(model: type[SettingsModel], items: dict[str, str]) -> SettingsModel | None:
    try:
        return model.model_validate(items, by_alias=True, by_name=False)
    except ValidationError:
        return None


def _same(a: SettingsModel, b: SettingsModel) -> None:
    assert a == b
    assert a.model_fields_set == b.model_fields_set
    assert a.model_extra == b.model_extra
    assert a.to_properties() == b.to_properties()


@pytest.mark.parametrize("model", [ServerSettings, DatabaseSettings, CoordConfig])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fast_path_equals_validation(model: type[SettingsModel], data: Any) -> None:
    keys = _keys(model)
    if model is CoordConfig:
        keys += ["server.1", "server.2", "server.x"]
    items = data.draw(st.dictionaries(st.sampled_from(keys), st.sampled_from(SAMPLES), max_size=8))
    fast = model._from_strings(items)
    slow = _slow(model, items)
    if fast is not None:
        assert slow is not None, f"fast path accepted what pydantic rejects: {items}"
        _same(fast, slow)
    elif slow is not None:
        # pydantic accepts it, so the fast path must not have refused a valid file
        pytest.fail(f"fast path refused a valid file: {items}")


def test_a_field_name_used_as_a_key_is_an_unknown_key() -> None:
    model, issues = ServerSettings.from_properties({"mode": "HA"})
    assert not issues
    assert model.mode is None
    assert model.model_extra == {"mode": "HA"}
    slow = _slow(ServerSettings, {"mode": "HA"})
    assert slow is not None
    _same(model, slow)


def test_invalid_value_falls_back_to_pydantic_messages() -> None:
    model, issues = DatabaseSettings.from_properties({"ha.server_id": "x", "ha.server": "h:1"})
    assert [(i.key, i.value) for i in issues] == [("ha.server_id", "x")]
    assert model.ha_server is not None
    assert model.ha_server.port == 1
