"""neoha_config.properties against the JVM: java.util.Properties.load(InputStream) is the oracle."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import javaproperties
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.errors import NeohaConfigError
from neoha_config.properties import parse
from tests.jvm import JAVA_SOURCES, compile_java, java_missing, line_server, require_java, run_java
from tests.test_properties import DICT_CASES, FATAL_CASES

pytestmark = pytest.mark.java

Reading = dict[str, str] | None  # what Properties holds, or None when load() throws
Loader = Callable[[list[bytes]], list[Reading]]
Server = Callable[[bytes], Reading]


@pytest.fixture(scope="session")
def oracle_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_java()
    return compile_java(JAVA_SOURCES / "props", tmp_path_factory.mktemp("props-oracle"))


def _decode(line: str) -> Reading:
    answer: dict[str, Any] = json.loads(line)
    if answer["ok"]:
        props: dict[str, str] = answer["props"]
        return props
    assert answer["error"] == "java.lang.IllegalArgumentException: Malformed \\uxxxx encoding."
    return None


@pytest.fixture(scope="session")
def jvm_load_files(oracle_classes: Path, tmp_path_factory: pytest.TempPathFactory) -> Loader:
    """Load many inputs in one JVM launch: each is written to a file, all files to a list."""
    counter = iter(range(1_000_000))

    def load(inputs: list[bytes]) -> list[Reading]:
        folder = tmp_path_factory.mktemp(f"batch{next(counter)}")
        paths = []
        for i, data in enumerate(inputs):
            path = folder / f"{i}.properties"
            path.write_bytes(data)
            paths.append(str(path))
        listing = folder / "inputs.txt"
        listing.write_text("".join(p + "\n" for p in paths), encoding="utf-8")
        lines = run_java("PropsOracle", [oracle_classes], [listing]).stdout.splitlines()
        assert len(lines) == len(inputs)
        return [_decode(line) for line in lines]

    return load


@pytest.fixture(scope="session")
def jvm_serve(oracle_classes: Path) -> Iterator[Server]:
    """One long-lived JVM answering one hex-encoded input per line (for hypothesis)."""
    with line_server([oracle_classes], "PropsOracle") as ask:
        yield lambda data: _decode(ask(data))


def ours(data: bytes) -> Reading:
    doc = parse(data)
    return None if doc.fatal else doc.to_dict()


def python_library(data: bytes) -> Reading:
    try:
        result: dict[str, str] = javaproperties.loads(data)
    except javaproperties.InvalidUEscapeError:
        return None
    return result


BUFFER = 8192  # Properties.LineReader reads the stream in chunks of this many bytes


def _latin1(text: str | bytes) -> bytes:
    return text.encode("latin-1") if isinstance(text, str) else text


# Hand-picked inputs where a reader can go wrong; the JVM gives the expected reading.
_TRICKY_TEXTS: list[str | bytes] = [
    "\\",
    "\\\n",
    "\\\r",
    "\\\r\n",
    "\\\n\n",
    "\\\n\r\n",
    "\\\n   ",
    "\\\n \\",
    "\\\n\\\n",
    "\\\n\\\r\n",
    " \t\\",
    "=x\n\\",
    "a=b\n  \\",
    "a=b\n\\\n",
    "\\\n#a=b",
    "\\\r\n#a=b",
    "\\\r#a=b",
    "\\\n!a=b",
    "\\\n   #a=b",
    "\\\n#\\uZZZZ",
    "\\\n\\\n#a",
    "\\\n\n#a=b",
    "\\\nk=v",
    "\\\n\\u0041=1",
    "a=b\\\n#c",
    "a=b\\\n  !c\\\n  d",
    "a=b\\\n\\",
    "a=b\\\n\\\n",
    "a\\\n\\\nb=c",
    "a\\\r\r\nb",
    "a\\\n\r\nb",
    "a\\\r\n\r\nb",
    "a\\\n\n",
    "a=\\u00\\\n41",
    "a=\\u00\\\n  4\\\n  1",
    "\\u00\\\n41=x",
    "a=\\u12",
    "a=\\u12\n",
    "a=\\u12\\",
    "a=\\u12G4",
    "a=\\u",
    "\\u00=x",
    "\\u0:=x",
    "#\\u12",
    "!\\uZZZZ\nk=v",
    "a=\\\\u12",
    "a=\\\\\\u0041",
    "a==b",
    "a =:b",
    "a = = b",
    "a\t\f:\t\fb",
    "a b c",
    ":",
    "=",
    " = ",
    "\f",
    "\fa\fb",
    "a\\ =b",
    "a\\\\ b",
    "a\\\\\\ b=c",
    "\\ \\ =\\ ",
    "a=b  \t",
    "a=\\t\\n\\r\\f\\b\\v\\0",
    "a=\\uD83D\\uDE00",
    "a=\\uDE00\\uD83D",
    "a=1\ra=2\na=3\r\n",
    "a=1\n\n\na=",
    b"\xef\xbb\xbfha.server_id=1",
    b"k=\xe9\xff\x80\x00",
    b"\x00=\x01",
    "#comment\\\nk=v",
    "  # indented comment\n  k = v  ",
    "k=v#not a comment",
    "\r\r\r",
    "\n\r\n\r",
    # the LineReader's 8 KiB buffer boundary: continuation, CRLF and comments across it
    "a=" + "x" * (BUFFER - 4) + "\\\r\n b",
    "a=" + "x" * (BUFFER - 3) + "\\\r\n b",
    "a=" + "x" * (BUFFER - 4) + "\\\n",
    "#" + "c" * (BUFFER - 2) + "\r\nk=v",
    "#" + "c" * (BUFFER - 1) + "\nk=v",
    "\n" * (BUFFER - 1) + "\\\n#k=v",
    "\n" * (BUFFER - 1) + "\\",
    "k=" + "\\u0041" * 2000 + "\\u00",
]
TRICKY = [_latin1(t) for t in _TRICKY_TEXTS]


def test_tricky_table_is_large() -> None:
    assert len(TRICKY) >= 60


def test_tricky_inputs(jvm_load_files: Loader) -> None:
    jvm = jvm_load_files(TRICKY)
    mismatches = [
        (data, j, ours(data)) for data, j in zip(TRICKY, jvm, strict=True) if ours(data) != j
    ]
    assert mismatches == []


def test_unit_test_tables_are_jvm_truths(jvm_load_files: Loader) -> None:
    inputs = [t.encode("latin-1") for t, _ in DICT_CASES] + [
        t.encode("latin-1") for t, _ in FATAL_CASES
    ]
    expected: list[Reading] = [d for _, d in DICT_CASES] + [None] * len(FATAL_CASES)
    assert jvm_load_files(inputs) == expected


# Random inputs, dense in the characters that matter: backslashes, separators, comment
# markers, line terminators, \u escapes whole and cut, and a few Latin-1 bytes.
PIECES = [
    *"\\\\\\\\=: #!\t\f\r\nu0123456789abcdefGkx",
    "\r\n",
    "\\u",
    "\\u00",
    "\\u0041",
    "\\\n",
    "\\\r\n",
    "\xe9",
    "\xff",
    "\x80",
]


def random_inputs(seed: int, count: int, max_pieces: int) -> list[bytes]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(0, max_pieces))).encode("latin-1")
        for _ in range(count)
    ]


RANDOM_CORPUS = random_inputs(17, 2000, 14) + random_inputs(1717, 1000, 60)


def test_random_corpus_matches_jvm(jvm_load_files: Loader) -> None:
    assert len(RANDOM_CORPUS) >= 2000
    jvm = jvm_load_files(RANDOM_CORPUS)
    mismatches = [
        (data, j, ours(data)) for data, j in zip(RANDOM_CORPUS, jvm, strict=True) if ours(data) != j
    ]
    assert mismatches[:10] == []
    # the corpus must exercise both outcomes to mean anything
    assert sum(j is None for j in jvm) > 100
    assert sum(bool(j) for j in jvm) > 1000


def test_where_python_library_disagrees_we_follow_jvm_and_warn(jvm_load_files: Loader) -> None:
    inputs = TRICKY + RANDOM_CORPUS
    jvm = jvm_load_files(inputs)
    disagreements = [
        (data, j) for data, j in zip(inputs, jvm, strict=True) if python_library(data) != j
    ]
    # DOMAIN.md §3: the library and the JVM differ on lines that are only "\" (classes A, B).
    assert len(disagreements) > 20
    for data, j in disagreements:
        assert ours(data) == j
        assert b"\\" in data
        if j is not None:
            assert any(not issue.fatal for issue in parse(data).issues), data


@pytest.mark.parametrize(
    ("data", "jvm_reading", "library_reading"),
    [
        (b"\\", {"": ""}, {}),
        (b"a=b\n  \\", {"a": "b", "": ""}, {"a": "b"}),
        (b"=x\n\\", {"": ""}, {"": "x"}),
        (b"\\\n#a=b", {}, {"#a": "b"}),
        (b"\\\r\n!a=b", {}, {"!a": "b"}),
        (b"\\\n#\\uZZZZ", {}, None),
    ],
)
def test_documented_disagreements(
    jvm_load_files: Loader, data: bytes, jvm_reading: Reading, library_reading: Reading
) -> None:
    assert jvm_load_files([data]) == [jvm_reading]
    assert python_library(data) == library_reading
    assert ours(data) == jvm_reading
    assert [issue.fatal for issue in parse(data).issues] == [False]


SERVED_PIECES = st.sampled_from(PIECES)


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(SERVED_PIECES, max_size=30).map(lambda p: "".join(p).encode("latin-1")))
def test_hypothesis_matches_jvm(jvm_serve: Server, data: bytes) -> None:
    assert ours(data) == jvm_serve(data)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(SERVED_PIECES, max_size=20).map(lambda p: "".join(p).encode("latin-1")),
    st.text(st.characters(max_codepoint=0x2FF), max_size=6),
    st.text(max_size=8),
)
def test_edits_read_back_by_jvm(jvm_serve: Server, data: bytes, key: str, value: str) -> None:
    doc = parse(data)
    if doc.fatal:
        return
    doc.set(key, value)
    written = doc.dump_bytes()
    reading = jvm_serve(written)
    assert reading is not None
    assert reading[key] == value
    assert reading == ours(written)


def test_java_missing_reason_names_the_tools() -> None:
    reason = java_missing()
    assert reason is None or "not found on PATH" in reason


# --- set/remove are lossless: every untouched entry reads as before, as the JVM reads it ------

_EDIT_LINES = ["a=1", "b=2", "a=3", "\\", " \\", "#c", "", "k", "k=v\\", "x\\\\", "=", "c=d \\"]
_EDIT_ENDS = ["\n", "\r", "\r\n"]
_EDIT_TAILS = ["", "\\", "\\\r", "\\\n", "\\\r\n", " \\", "\r", "\n"]
_EDIT_OPS: list[tuple[str, str | None]] = [
    ("a", "9"),
    ("b", ""),
    ("k", "v2"),
    ("new", "x"),
    ("new", " lead"),
    ("", "e"),
    ("a", None),
    ("k", None),
    ("", None),
    ("c", None),
]


def edit_cases(seed: int, count: int) -> list[tuple[bytes, str, str | None]]:
    """Small files built from lines around continuations and lone backslashes, with an edit."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        lines = [rng.choice(_EDIT_LINES) for _ in range(rng.randint(0, 4))]
        text = "".join(line + rng.choice(_EDIT_ENDS) for line in lines) + rng.choice(_EDIT_TAILS)
        key, value = rng.choice(_EDIT_OPS)
        cases.append((text.encode("latin-1"), key, value))
    return cases


EDIT_CASES = edit_cases(15, 4000)


def test_set_and_remove_lose_nothing(jvm_load_files: Loader) -> None:
    before = jvm_load_files([data for data, _, _ in EDIT_CASES])
    written: list[bytes] = []
    expected: list[Reading] = []
    refused = []
    for (data, key, value), reading in zip(EDIT_CASES, before, strict=True):
        if reading is None:
            continue
        doc = parse(data)
        try:
            if value is None:
                doc.remove(key)
            else:
                doc.set(key, value)
        except NeohaConfigError as exc:
            refused.append((data, key, value, str(exc)))
            continue
        want = dict(reading)
        if value is None:
            want.pop(key, None)
        else:
            want[key] = value
        written.append(doc.dump_bytes())
        expected.append(want)
    after = jvm_load_files(written)
    wrong = [
        (data, got, want)
        for data, got, want in zip(written, after, expected, strict=True)
        if got != want
    ]
    assert wrong == []
    assert refused == []
    assert len(written) > 3500


@pytest.mark.parametrize(
    ("data", "key", "value"),
    [
        # The lone CR after the continuation used to get an LF, making one CRLF: glued values.
        (b"mapped_memory=25M\\\r", "ha.pull_interval", "10s"),
        (b"a=1\\", "k", "v"),
        (b"a=1\\\r\n", "k", "v"),
        (b"a=1\n\\", "k", "v"),
        (b"a=1\n\\\r", "k", "v"),
        (b"\\\na=1", "a", None),
    ],
)
def test_edits_at_a_continuation_at_end_of_file(
    jvm_load_files: Loader, data: bytes, key: str, value: str | None
) -> None:
    (original,) = jvm_load_files([data])
    assert original is not None
    doc = parse(data)
    if value is None:
        doc.remove(key)
        original.pop(key, None)
    else:
        doc.set(key, value)
        original[key] = value
    assert jvm_load_files([doc.dump_bytes()]) == [original]
