"""A standing fuzz campaign: edits read back by the JVM, and checks of random trees.

Bounded for CI (a few minutes in all): each property has a fixed ``max_examples`` and no
deadline. Inputs that once failed are kept below as ``@example`` regression cases.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from neoha_config.cli import main
from neoha_config.errors import NeohaConfigError
from neoha_config.properties import escape_key, escape_value, parse
from tests.test_fuzz_files import BASE, ROLES, TOKENS
from tests.test_properties_jvm import PIECES, Server, jvm_serve, oracle_classes

__all__ = ["jvm_serve", "oracle_classes"]  # the JVM oracle's fixtures, shared with its module

FUZZ = settings(
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

DOCUMENTS = st.lists(st.sampled_from(PIECES), max_size=24).map(
    lambda p: "".join(p).encode("latin-1")
)
KEYS = st.one_of(st.sampled_from(["a", "b", "k", "", "ha.server_id", "x y"]), st.text(max_size=5))
VALUES = st.one_of(st.sampled_from(["", "1", " lead", "a\\", "trail "]), st.text(max_size=8))
EDITS = st.lists(st.tuples(KEYS, st.one_of(st.none(), VALUES)), min_size=1, max_size=4)


# --- properties: parse, emit, set and remove, as the JVM reads them ----------------------------


@pytest.mark.java
@pytest.mark.slow
@FUZZ
@given(DOCUMENTS)
@example(b"a=1\\\r")
@example(b"\\")
@example(b"k=\\u00")
def test_parse_and_emit_agree_with_the_jvm(jvm_serve: Server, data: bytes) -> None:
    doc = parse(data)
    assert doc.dump_bytes() == data  # unchanged documents write back byte for byte
    reading = jvm_serve(data)
    assert (None if doc.fatal else doc.to_dict()) == reading


@pytest.mark.java
@pytest.mark.slow
@FUZZ
@given(st.text(max_size=8), st.text(max_size=8))
@example("#k", " v")
@example("", "=")
@example("\U0001f600", "\ud800")
def test_escaped_lines_read_back(jvm_serve: Server, key: str, value: str) -> None:
    line = (escape_key(key) + "=" + escape_value(value)).encode("latin-1", "surrogatepass")
    assert jvm_serve(line) == {key: value}


@pytest.mark.java
@pytest.mark.slow
@FUZZ
@given(DOCUMENTS, EDITS)
@example(b"mapped_memory=25M\\\r", [("ha.pull_interval", "10s")])
@example(b"a=1\n\\", [("k", "v"), ("k", None)])
@example(b"\\\na=1", [("a", None)])
@example(b"a=1\\\r\n", [("b", "2"), ("a", None)])
def test_edits_lose_nothing(
    jvm_serve: Server, data: bytes, edits: list[tuple[str, str | None]]
) -> None:
    doc = parse(data)
    if doc.fatal:
        return
    expected = jvm_serve(data)
    assert expected is not None
    for key, value in edits:
        try:
            if value is None:
                doc.remove(key)
            else:
                doc.set(key, value)
        except NeohaConfigError:
            continue  # refused with the document unchanged: nothing lost
        if value is None:
            expected.pop(key, None)
        else:
            expected[key] = value
        assert jvm_serve(doc.dump_bytes()) == expected


# --- check_paths on random trees, in every output format --------------------------------------

CONTENT = st.one_of(
    st.binary(max_size=200),
    st.lists(st.sampled_from(TOKENS), max_size=40).map(b"".join),
)
NAMES = st.sampled_from(["db1", "db2", "zk1", "zk 2", "d\xe9", "a,b:c", "%x", "node"])
FILES = st.sampled_from(sorted({*ROLES.values(), "conf/other.properties", "data/graph.db/x"}))
# A file may also be a symlink: within the home, dangling, a loop, or out of the tree.
LINKS = st.sampled_from(["neo4j.properties", "missing", "loop", "../../..", "/etc/hostname"]).map(
    lambda target: ("link", target)
)
TREES = st.lists(
    st.tuples(NAMES, st.dictionaries(FILES, st.one_of(st.none(), CONTENT, LINKS), max_size=5)),
    min_size=1,
    max_size=3,
)


Files = dict[str, bytes | tuple[str, str] | None]


def _build(root: Path, tree: list[tuple[str, Files]]) -> None:
    for name, files in tree:
        home = os.path.join(os.fsencode(root), name.encode("latin-1"))
        for rel, content in {**BASE, **files}.items():
            path = os.path.join(home, rel.encode())
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.lexists(path):
                os.unlink(path)  # a home named twice: the later one wins
            if isinstance(content, tuple):
                target = os.path.basename(path) if content[1] == "loop" else content[1]
                os.symlink(target, path)
                continue
            # None: the role's valid default (an empty file for other names).
            data = BASE.get(rel, b"") if content is None else content
            with open(path, "wb") as handle:
                handle.write(data)


@pytest.mark.slow
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(TREES)
@example([("d\xe9", {"conf/neo4j.properties": b"ha.server_id=\x1b[31m\n"})])
@example([("db1", {"conf/coord.cfg": b"server.1=\\uZZZZ\n" * 50}), ("db1", {})])
@example([("zk1", {"conf/coord.cfg": ("link", "loop"), "data/coordinator/myid": ("link", "/")})])
def test_random_trees_in_every_format(
    capsys: pytest.CaptureFixture[str], tree: list[tuple[str, Files]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _build(Path(tmp), tree)
        seen: dict[str, Any] = {}
        for fmt in ("text", "json", "github", "sarif"):
            code = main(["check", "--no-logs", "--format", fmt, tmp])
            out, err = capsys.readouterr()
            assert code in (0, 1), err
            assert "internal error" not in err
            out.encode("utf-8")  # writable to any UTF-8 stream: no lone surrogates
            if fmt in ("json", "sarif"):
                seen[fmt] = json.loads(out)
            seen[f"{fmt}-code"] = code
        assert len({seen[f"{fmt}-code"] for fmt in ("text", "json", "github", "sarif")}) == 1
        findings = seen["json"]["diagnostics"]
        assert len(seen["sarif"]["runs"][0]["results"]) == len(findings)
