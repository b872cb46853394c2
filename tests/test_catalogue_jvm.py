"""The catalogue's Java primitives against the JDK: parseInt, parseLong, parseBoolean,
parseFloat, trim and split(",") on a hand-written table and on generated inputs."""

from __future__ import annotations

import random
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from neoha_config.catalogue import parsers as p
from tests.jvm import JAVA_SOURCES, compile_java, require_java, run_java

pytestmark = pytest.mark.java

Answer = tuple[bool, str]  # (ok, result or exception text)

TABLE = [
    "", "0", "1", "-1", "+1", "+", "-", "007", " 1", "1 ", "1\t", "2147483647", "2147483648",
    "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1_000", "1e3",
    "0x10", "\u0663", "\uff11\uff12", "\u00b2", "true", "TRUE", "True", "yes", "false", " true",
    "1.5", "1.", ".5", ".", "1e5", "1E-2", "1f", "1d", "1F ", " 2.5 ", "NaN", "-Infinity",
    "+NaN", "infinity", "a,b", "a,,b,,", ",", ",,", ",a", "a, b", "\x00a\x1f", "\u00a0a\u00a0",
    "zk1:2181,zk2:2181,", " \t\n",
]  # fmt: skip

_ALPHABET = "0123456789+-., \t\x0bab:eE\u0663fdtrueTRUEN"


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 8))) for _ in range(count)]


@pytest.fixture(scope="module")
def jdk(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, list[str]], list[Answer]]:
    require_java()
    classes = compile_java(JAVA_SOURCES / "values", tmp_path_factory.mktemp("values-oracle"))

    def ask(op: str, inputs: list[str]) -> list[Answer]:
        stdin = "".join(f"{op} {text.encode('utf-8').hex()}\n" for text in inputs)
        lines = run_java("ValuesOracle", [classes], stdin=stdin).stdout.splitlines()
        assert len(lines) == len(inputs)
        out = []
        for line in lines:
            status, _, data = line.partition(" ")
            out.append((status == "ok", bytes.fromhex(data).decode("utf-8")))
        return out

    return ask


INPUTS = TABLE + _generated(1200, 13)


def _mine_int(text: str, bits: int) -> Answer:
    result = p.java_int(text, bits)
    if result.ok:
        return True, str(result.value)
    return False, result.java or ""


@pytest.mark.parametrize(("op", "bits"), [("int", 32), ("long", 64)])
def test_java_int_agrees(jdk: Callable[[str, list[str]], list[Answer]], op: str, bits: int) -> None:
    expected = jdk(op, INPUTS)
    wrong = [
        (text, want, _mine_int(text, bits))
        for text, want in zip(INPUTS, expected, strict=True)
        if _mine_int(text, bits) != want
    ]
    assert wrong == []


def test_parse_boolean_agrees(jdk: Callable[[str, list[str]], list[Answer]]) -> None:
    expected = jdk("bool", INPUTS)
    mine = [(True, str(p.boolean_lenient(text).value).lower()) for text in INPUTS]
    assert [t for t, a, b in zip(INPUTS, expected, mine, strict=True) if a != b] == []


def test_parse_float_agrees(jdk: Callable[[str, list[str]], list[Answer]]) -> None:
    expected = jdk("float", INPUTS)
    wrong: list[tuple[str, object, object]] = []
    for text, (ok, bits) in zip(INPUTS, expected, strict=True):
        result = p.java_float(text)
        if result.ok != ok:
            wrong.append((text, ok, result))
        elif ok and isinstance(result.value, float):
            mine = struct.unpack(">i", struct.pack(">f", result.value))[0]
            if result.value == result.value and mine != int(bits):  # NaN bits may differ
                wrong.append((text, bits, mine))
    assert wrong == []


def test_trim_agrees(jdk: Callable[[str, list[str]], list[Answer]]) -> None:
    expected = jdk("trim", INPUTS)
    pairs = zip(INPUTS, expected, strict=True)
    assert [text for text, (_, want) in pairs if p.java_trim(text) != want] == []


def test_split_agrees(jdk: Callable[[str, list[str]], list[Answer]]) -> None:
    expected = jdk("split", INPUTS)
    wrong = []
    for text, (_, answer) in zip(INPUTS, expected, strict=True):
        joined, _, count = answer.rpartition("\x02")
        parts = joined.split("\x01") if int(count) else []
        if p.java_split(text, ",") != parts:
            wrong.append((text, parts, p.java_split(text, ",")))
    assert wrong == []


def test_oracle_source_is_ours() -> None:
    source = (Path(JAVA_SOURCES) / "values" / "ValuesOracle.java").read_text(encoding="utf-8")
    assert "Integer.parseInt" in source
    assert "neo4j" not in source.lower()


COMMONS_JARS = [
    Path("/usr/share/java/commons-configuration.jar"),
    Path("/usr/share/java/commons-lang.jar"),
    Path("/usr/share/java/commons-logging.jar"),
]

COMMONS_TABLE = [
    "true", "TRUE", "yes", "Yes", "on", "ON", "false", "no", "Off", "1", "0", "", "x", "truee",
    "7474", "+7474", "-1", "07474", "0x1D32", "0X1D32", "0x", "0b101", "0b2", "1e3", "7474L",
    "2147483647", "2147483648", "-2147483648", "0x7fffffff", "0x80000000", "\u0663",
]  # fmt: skip


@pytest.fixture(scope="module")
def commons(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, list[str]], list[Answer]]:
    from tests.jvm import unavailable

    require_java()
    missing = [str(j) for j in COMMONS_JARS if not j.is_file()]
    if missing:
        unavailable(
            f"{', '.join(missing)} not found (apt-get install libcommons-configuration-java)"
        )
    out = tmp_path_factory.mktemp("commons-oracle")
    classes = compile_java(JAVA_SOURCES / "commons", out, COMMONS_JARS)

    def ask(op: str, inputs: list[str]) -> list[Answer]:
        stdin = "".join(f"{op} {text.encode('utf-8').hex()}\n" for text in inputs)
        proc = run_java("CommonsValuesOracle", [classes, *COMMONS_JARS], stdin=stdin)
        lines = proc.stdout.splitlines()
        assert len(lines) == len(inputs)
        return [
            (status == "ok", bytes.fromhex(data).decode("utf-8"))
            for status, _, data in (line.partition(" ") for line in lines)
        ]

    return ask


COMMONS_INPUTS = COMMONS_TABLE + _generated(600, 29)


def test_commons_boolean_agrees(commons: Callable[[str, list[str]], list[Answer]]) -> None:
    inputs = [*COMMONS_INPUTS, "y", "T", "n", "F"]
    expected = commons("bool", inputs)
    wrong = []
    for text, (ok, value) in zip(inputs, expected, strict=True):
        mine = p.commons_boolean(text)
        if mine.ok != ok or (ok and str(mine.value).lower() != value):
            wrong.append((text, ok, value, mine))
    assert wrong == []


def test_commons_integer_agrees(commons: Callable[[str, list[str]], list[Answer]]) -> None:
    expected = commons("int", COMMONS_INPUTS)
    wrong = []
    for text, (ok, value) in zip(COMMONS_INPUTS, expected, strict=True):
        mine = p.commons_integer(text)
        if mine.ok != ok or (ok and str(mine.value) != value):
            wrong.append((text, ok, value, mine))
    assert wrong == []


SERVER_LINES = [
    "zk1:2888:3888", "zk1:2888:3888:", "zk1:2888:3888::", "zk1:2888::", ":2888:3888",
    "zk1: 2888:3888", "zk1:2888 :3888", " zk1:2888:3888 ", "zk1:2888:3888:observer",
    "zk1:2888:3888:OBSERVER:", "zk1:2888:3888:voter", "zk1:2888:3888:participant:x", "zk1",
    ":::", "", "[::1]:2888:3888", "[1:2:3:4:5:6:7:8]:2888:3888", "zk1:2888:3888;2181",
    "zk1:+2888:3888", "zk1:70000:3888", "zk1:2888:-1", "zk1:0:0", "zk1:2888", "zk1::3888",
]  # fmt: skip

_LINE_ALPHABET = "zk1:28 3\t;[]:obsrv:"
_LINE_PIECES = [
    "zk1", "", " ", "\t", "2888", " 2888", "2888 ", "+3888", "70000", "-1", "0", "65535",
    "observer", "OBSERVER", "participant", "voter", "[::1]", "[fe80", "1]", "3888;2181", "\u0663",
]  # fmt: skip


def _server_lines(count: int, seed: int) -> list[str]:
    """Random characters for half the inputs, random ``:``-joined pieces for the other half."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        if i % 2:
            out.append("".join(rng.choice(_LINE_ALPHABET) for _ in range(rng.randint(0, 14))))
        else:
            pieces = [rng.choice(_LINE_PIECES) for _ in range(rng.randint(1, 6))]
            out.append(":".join(pieces) + rng.choice(["", "", ":", "::", " "]))
    return out


def _mine_line(text: str) -> Answer:
    result = p.server_line_33(text)
    if not result.ok:
        return False, result.java or ""
    if result.value is None:
        return True, "dropped"
    assert isinstance(result.value, tuple)
    host, quorum, election, kind = result.value
    return True, f"{host}|{quorum}|{'' if election is None else election}|{kind}"


def _same_failure(mine: str, java: str) -> bool:
    # NumberFormatException and port range texts agree word for word; the JDK's
    # ArrayIndexOutOfBounds wording changed after Java 6, so only its class is compared; 3.3
    # raises the peer type error as its own ConfigException, so only the message is compared.
    if "ArrayIndexOutOfBounds" in java:
        return "ArrayIndexOutOfBoundsException" in mine
    if "Unrecognised peertype" in java:
        return mine.partition(": ")[2] == java.partition(": ")[2]
    return mine == java


def test_server_line_33_agrees(jdk: Callable[[str, list[str]], list[Answer]]) -> None:
    """``server_line_33`` reads a server.N value as the JDK calls of ZooKeeper 3.3 do: Java's
    trim and split(":"), parseInt without trimming, the socket address port range."""
    inputs = SERVER_LINES + _server_lines(1500, 33)
    wrong = []
    for text, (ok, answer) in zip(inputs, jdk("serverline33", inputs), strict=True):
        mine_ok, mine = _mine_line(text)
        if mine_ok != ok or (ok and mine != answer) or (not ok and not _same_failure(mine, answer)):
            wrong.append((text, (ok, answer), (mine_ok, mine)))
    assert wrong == []
