"""neoha_config.commons against the real library: Debian's Commons Configuration is the oracle.

Debian ships Commons Configuration 1.10; the Neo4j 1.x server bundles 1.6. Both read with the
same ``PropertiesReader.readProperty`` (line joining, comments, trimming), the same
``unescapeJava`` and ``PropertyConverter.split``, the same ``include`` handling and the same
default encoding (ISO-8859-1). They differ only in how one logical line is cut into key and
value: 1.6 runs a small automaton (``parseProperty``), 1.10 a regular expression
(``PROPERTY_PATTERN``). ``read(release="1.10")`` follows the 1.10 cut, so every input is held
against the real library; the default reading follows 1.6. Known differences (1.6 / 1.10):

| input              | 1.6 (Neo4j's)    | 1.10 (Debian's)   | why                           |
|--------------------|------------------|-------------------|-------------------------------|
| ``key``            | ``key`` = ""     | "" = ""           | the pattern needs a separator |
| ``a\\=b``          | ``a=b`` = ""     | "" = ""           | the same: no bare separator   |
| ``\\ a=b``         | key ``a``        | key `` a``        | 1.6 trims after unescaping    |
| ``a\\ =b``         | key ``a``        | key ``a\\``       | 1.10 trims before unescaping  |
| ``a<VT>b=c``       | key ``a<VT>b``   | ``a`` = ``b=c``   | Java's \\s holds VT, 1.6's not |
| ``a <VT>=b``       | value ``=b``     | value ``b``       | the same                      |
| ``a=b<U+0085>c``   | value ``b<85>c`` | "" = ""           | Java's '.' refuses U+0085     |
| ``a\\<U+0085>=b``  | key ``a<85>``    | "" = ""           | the same                      |

Also outside the reader: 1.10's no-argument constructor allows includes (1.6: only once a base
path is set); the server loads a ``File``, which allows them in both. The test module
``tests/test_commons.py`` holds the same table (``RELEASE_DIFFERENCES``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.commons import Reading, read
from tests.jvm import (
    JAVA_SOURCES,
    compile_java,
    line_server,
    require_java,
    run_java,
    unavailable,
)
from tests.test_commons import CASES, FAILURES, RELEASE_DIFFERENCES

pytestmark = pytest.mark.java

JARS = [
    Path("/usr/share/java/commons-configuration.jar"),
    Path("/usr/share/java/commons-lang.jar"),
    Path("/usr/share/java/commons-logging.jar"),
]
# What the library holds: (keys with their values in key order, include values) or None when
# it refuses the input.
Outcome = tuple[list[list[Any]], list[str]] | None


def commons_missing(jars: list[Path] | None = None) -> str | None:
    """Why the real library cannot be used here, or None when it can."""
    missing = [str(jar) for jar in (JARS if jars is None else jars) if not jar.is_file()]
    if missing:
        return f"{', '.join(missing)} not found (apt-get install libcommons-configuration-java)"
    return None


@pytest.fixture(scope="session")
def oracle_classpath(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    require_java()
    reason = commons_missing()
    if reason is not None:
        unavailable(reason)
    out = compile_java(JAVA_SOURCES / "commons", tmp_path_factory.mktemp("commons-oracle"), JARS)
    return [out, *JARS]


def _decode(line: str) -> Outcome:
    answer: dict[str, Any] = json.loads(line)
    if answer["ok"]:
        return answer["keys"], answer["includes"]
    # The only way the reader fails: a \u escape whose four chars are no number.
    assert "Unable to parse unicode value" in answer["error"], answer
    return None


@pytest.fixture(scope="session")
def library(oracle_classpath: list[Path]) -> Iterator[Any]:
    """One long-lived JVM answering one hex-encoded input per line."""
    with line_server(oracle_classpath, "CommonsOracle") as ask:
        yield lambda data: _decode(ask(data))


def outcome(result: Reading) -> Outcome:
    if result.failure is not None:
        return None
    keys = [[key, values] for key, values in result.to_dict().items()]
    return keys, [include.value for include in result.includes]


def ours(data: bytes, release: str = "1.10") -> Outcome:
    return outcome(read(data, release=release))  # type: ignore[arg-type]


def test_debian_ships_1_10(oracle_classpath: list[Path]) -> None:
    # The difference table above is between 1.6 and 1.10: another version needs a new look.
    version = run_java("CommonsOracle", oracle_classpath, ["--version"]).stdout.strip()
    assert version == "1.10"


def _latin1(text: str) -> bytes:
    return text.encode("latin-1")


def test_unit_table_is_the_library_truth(library: Any) -> None:
    mismatches = []
    for text, expected in CASES:
        truth = library(_latin1(text))
        assert truth is not None, text
        if dict(truth[0]) != expected or ours(_latin1(text)) != truth:
            mismatches.append((text, truth, expected))
    assert mismatches == []


@pytest.mark.parametrize(("text", "old", "new"), RELEASE_DIFFERENCES)
def test_release_differences_hold_for_1_10(
    library: Any, text: str, old: dict[str, list[str]], new: dict[str, list[str]]
) -> None:
    truth = library(_latin1(text))
    assert truth is not None
    assert dict(truth[0]) == new
    assert dict(truth[0]) != old
    assert ours(_latin1(text)) == truth


@pytest.mark.parametrize(("text", "where"), FAILURES)
def test_failures_are_the_library_failures(library: Any, text: str, where: object) -> None:
    assert library(_latin1(text)) is None
    assert ours(_latin1(text)) is None


# Hand-picked inputs where a reader can go wrong; the library gives the expected reading.
TRICKY: list[str] = [
    "a=1,2,3",
    "a=1\\,2",
    "a=1\\\\,2",
    "a=1\\\\\\,2",
    "a=1\\\\\\\\,2",
    "a=,",
    "a=,,",
    "a= , ",
    "a=\\,",
    "a=x,\\",
    "a=x\\\\",
    "a=x\\",
    "a=x\\\n",
    "a=x\\\\\n",
    "a=x\\\n  y\\\n  z",
    "a=x\\\n\n\n  y",
    "a=x\\\n#y\n z",
    "a=x\\\r\n\ty",
    "a=x\\\ry",
    "a=x\\  \ny",
    "a=x \\\n y",
    "a=x\\\\\\\ny",
    "\\",
    "\\\n",
    "\\\nk=v",
    "\\\\",
    "\\\\=x",
    "k=\\",
    "k=\\\\\\",
    "k \\",
    "a=1\na=2\na=3",
    "a=1,2\na=3,4",
    "a\na",
    "a=\na=",
    "=\n=",
    " = ",
    ":",
    "a:b=c",
    "a=b:c",
    "a:=b",
    "a  b  c",
    "a\t:\tb",
    "a\f=\fb",
    "  key  :  value  ",
    "key value",
    "key\tvalue",
    "key:value",
    "a\\=b=c",
    "a\\:b=c",
    "a\\ b=c",
    "a\\\\ b=c",
    "a\\=\\:\\ b=c",
    "\\=a=b",
    "\\:=b",
    "a\\\\=b",
    "a\\u003db=c",
    "\\u0041\\u0042=\\u0043,\\u0044",
    "k=\\u0041\\u004",
    "k=\\u",
    "k=\\uD800",
    "k=\\uDE00\\uD83D",
    "k=\\u+7FF",
    "k=\\u-7FF",
    "k=\\u 123",
    "k=\\u12 4",
    "#k=v",
    "!k=v",
    "   #k=v",
    "\t!k=v",
    "#\\uZZZZ",
    "k=v#c",
    "k=v !c",
    "#a\\\nb=c",
    "include=a.properties",
    "include = a.properties, b.properties",
    "Include=x",
    "iNcLuDe=x",
    "\\u0131nclude=x",
    "\\u0130nclude=x",
    "include\\ =x",
    "include",
    "\ninclude = ",
    "include=",
    "include=x\\,y",
    "  include  =  x  ",
    "k=${x}",
    "k=a\\b",
    "k=\\t\\n\\r\\f\\b\\'\\\"\\v\\0",
    "\x01k=v",
    "k=\x01v\x01",
    "k\x01=v",
    "k=v\x00",
    "\x00",
    "k=\xe9\xff\x80\x85",
    "\xe9=\xe9",
    "k\x0b=v",
    "k=v\x0bw",
    "k=v\n\n\nk=w\r\r\nk=x",
    "k=v\r\n",
    "\r\n\r\n",
    "\n\rk=v",
    "k=" + "x," * 500,
    "k=" + "\\\\" * 300 + ",y",
]


def test_tricky_inputs(library: Any) -> None:
    assert len(TRICKY) >= 100
    inputs = [_latin1(t) for t in TRICKY]
    mismatches = [(data, library(data), ours(data)) for data in inputs]
    assert [m for m in mismatches if m[1] != m[2]] == []


# Random inputs, dense in what matters: backslashes, separators, blanks and control characters,
# commas, comment markers, line terminators, \u escapes whole and cut, include, Latin-1 bytes.
PIECES = [
    *"\\\\\\\\=: #!\t\f\r\n,,u0123456789abcdefGkx",
    "\r\n",
    "\\u",
    "\\u00",
    "\\u0041",
    "\\u002c",
    "\\u005c",
    "\\\n",
    "\\\r\n",
    "\\,",
    "\\\\,",
    " , ",
    "include",
    "\ninclude = ",
    "${k}",
    "\\b",
    "\\uzz",
    "\\u+0",
    "\xe9",
    "\xff",
    "\x85",
    "\x0b",
    "\x01",
    "\x00",
]


def random_inputs(seed: int, count: int, max_pieces: int) -> list[bytes]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(0, max_pieces))).encode("latin-1")
        for _ in range(count)
    ]


RANDOM_CORPUS = random_inputs(13, 2000, 16) + random_inputs(1313, 1000, 80)


def test_random_corpus_matches_the_library(library: Any) -> None:
    assert len(RANDOM_CORPUS) >= 3000
    truths = [library(data) for data in RANDOM_CORPUS]
    mismatches = [
        (data, truth, ours(data))
        for data, truth in zip(RANDOM_CORPUS, truths, strict=True)
        if ours(data) != truth
    ]
    assert mismatches[:10] == []
    # the corpus must exercise every outcome to mean anything
    assert sum(t is None for t in truths) > 100
    assert sum(bool(t and t[1]) for t in truths) > 100
    assert sum(bool(t and any(len(v) > 1 for _, v in t[0])) for t in truths) > 500


def test_random_corpus_where_the_releases_differ(library: Any) -> None:
    # Every input the 1.6 reading gives otherwise holds a construct of the difference table.
    differing = [data for data in RANDOM_CORPUS if ours(data, "1.6") != ours(data, "1.10")]
    assert len(differing) > 100

    def explained(data: bytes) -> bool:
        if b"\x0b" in data or b"\x85" in data:
            return True  # Java's \s and '.' in the 1.10 pattern
        if any(n.kind == "key" and "1.10" in n.message for n in read(data, release="1.10").notes):
            return True  # a line without separator
        # an escaped blank at either end of a key: 1.6 trims it after unescaping
        return any(n.kind == "key" and "trimmed" in n.message for n in read(data).notes)

    assert [data for data in differing if not explained(data)] == []


@settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(lambda p: "".join(p).encode("latin-1")))
def test_hypothesis_matches_the_library(library: Any, data: bytes) -> None:
    assert ours(data) == library(data)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.binary(max_size=60))
def test_hypothesis_bytes_match_the_library(library: Any, data: bytes) -> None:
    assert ours(data) == library(data)


def _expand(path: Path, release: str, out: dict[str, list[str]]) -> None:
    """What the library holds after loading ``path`` with its includes, by the Python reader."""
    result = read(path.read_bytes(), release=release)  # type: ignore[arg-type]
    events: list[tuple[int, int, Any]] = [(o.line, 0, o) for o in result.occurrences]
    events += [(i.line, 1, i) for i in result.includes]
    for _, kind, event in sorted(events, key=lambda e: (e[0], e[1])):
        if kind == 0:
            out.setdefault(event.key, []).extend(event.values)
        else:
            for name in event.files:
                _expand(path.parent / name, release, out)


def _file_outcome(oracle_classpath: list[Path], paths: list[Path]) -> list[dict[str, Any]]:
    listing = paths[0].parent / "inputs.txt"
    listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
    lines = run_java("CommonsOracle", oracle_classpath, [listing]).stdout.splitlines()
    assert len(lines) == len(paths)
    return [json.loads(line) for line in lines]


def test_includes_are_followed_in_place(oracle_classpath: list[Path], tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.properties").write_bytes(b"a=from one\nshared=1\n")
    (tmp_path / "two.properties").write_bytes(b"b=2,3\ninclude=sub/three.properties\n")
    (tmp_path / "sub" / "three.properties").write_bytes(b"c=\xe9\nshared=3\n")
    main = tmp_path / "neo4j-server.properties"
    main.write_bytes(
        b"shared=0\ninclude = one.properties\nz=last?\nINCLUDE=two.properties , \nshared=4\n"
    )
    (answer,) = _file_outcome(oracle_classpath, [main])
    assert answer["ok"], answer
    expected: dict[str, list[str]] = {}
    _expand(main, "1.10", expected)
    assert [[k, v] for k, v in expected.items()] == answer["keys"]
    assert expected["shared"] == ["0", "1", "3", "4"]
    assert list(expected) == ["shared", "a", "z", "b", "c"]


def test_a_missing_include_fails_the_whole_file(
    oracle_classpath: list[Path], tmp_path: Path
) -> None:
    main = tmp_path / "neo4j-server.properties"
    main.write_bytes(b"a=1\ninclude=absent.properties\n")
    (answer,) = _file_outcome(oracle_classpath, [main])
    assert not answer["ok"]
    assert "Cannot resolve include file absent.properties" in answer["error"]
    assert read(main.read_bytes()).includes[0].files == ("absent.properties",)


def test_a_file_is_read_as_iso_8859_1(oracle_classpath: list[Path], tmp_path: Path) -> None:
    path = tmp_path / "neo4j-server.properties"
    data = bytes(range(0x20, 0x100)).replace(b"\\", b"").replace(b",", b"")
    path.write_bytes(b"k=" + data + b"\n")
    (answer,) = _file_outcome(oracle_classpath, [path])
    assert answer["ok"]
    assert answer["keys"] == outcome(read(path.read_bytes(), release="1.10"))[0]  # type: ignore[index]


def test_missing_library_reason_names_the_package(tmp_path: Path) -> None:
    assert commons_missing([tmp_path]) is not None  # a directory is no jar
    reason = commons_missing([tmp_path / "no.jar"])
    assert reason is not None
    assert "apt-get install libcommons-configuration-java" in reason


def test_include_edge_cases(oracle_classpath: list[Path], tmp_path: Path) -> None:
    (tmp_path / "one.properties").write_bytes(b"x=1\n")
    texts = [
        b"a=1\ninclude=one.properties, ,one.properties\n",  # a blank name: the directory
        b"a=1\ninclude=\nb=2\n",  # nothing to load
        b"include=one.properties,one.properties\n",  # loaded twice
        b"include=one.properties\\,one.properties\n",  # "\," splits too
    ]
    paths = []
    for i, text in enumerate(texts):
        paths.append(tmp_path / f"main{i}.properties")
        paths[-1].write_bytes(text)
    answers = _file_outcome(oracle_classpath, paths)
    assert [read(p.read_bytes()).includes[-1].files for p in paths] == [
        ("one.properties", "", "one.properties"),
        (),
        ("one.properties", "one.properties"),
        ("one.properties\\", "one.properties"),
    ]
    assert not answers[0]["ok"]
    assert "Cannot load a configuration from a directory" in answers[0]["error"]
    assert answers[1]["keys"] == [["a", ["1"]], ["b", ["2"]]]
    assert answers[2]["keys"] == [["x", ["1", "1"]]]
    assert not answers[3]["ok"]
    assert "Cannot resolve include file one.properties\\" in answers[3]["error"]
