"""Tests for neoha_config.commons: the server file read as Commons Configuration 1.6 reads it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neoha_config.commons import KINDS, Include, Reading, compare, read
from neoha_config.properties import parse

Values = dict[str, list[str]]

# (text, what PropertiesConfiguration 1.6 holds: every key with its values, in key order).
# test_commons_oracle.py holds this table against the real library (1.10), apart from the
# inputs of RELEASE_DIFFERENCES below, which the two releases read differently.
CASES: list[tuple[str, Values]] = [
    ("", {}),
    ("a=b", {"a": ["b"]}),
    ("a = b", {"a": ["b"]}),
    ("a:b", {"a": ["b"]}),
    ("a : b", {"a": ["b"]}),
    ("a b", {"a": ["b"]}),
    ("a\tb", {"a": ["b"]}),
    ("a\fb", {"a": ["b"]}),
    ("a==b", {"a": ["=b"]}),
    ("a = = b", {"a": ["= b"]}),
    ("a =:b", {"a": [":b"]}),
    ("a b c", {"a": ["b c"]}),
    ("a b=c", {"a": ["b=c"]}),
    # keys and values are trimmed (String.trim: every char up to U+0020)
    ("  a  =  b  ", {"a": ["b"]}),
    ("a=b\t\f", {"a": ["b"]}),
    ("\x01a=b\x01", {"a": ["b"]}),
    ("a=", {"a": [""]}),
    ("a =", {"a": [""]}),
    ("=b", {"": ["b"]}),
    (":b", {"": ["b"]}),
    ("=", {"": [""]}),
    # comments
    ("#a=b", {}),
    ("!a=b", {}),
    ("  #a=b", {}),
    ("\x01#a=b", {}),
    ("a=#b", {"a": ["#b"]}),
    ("a#=b", {"a#": ["b"]}),
    # lists: unescaped commas split a value, each item trimmed
    ("a=1,2", {"a": ["1", "2"]}),
    ("a = 1 , 2 ,3", {"a": ["1", "2", "3"]}),
    ("a=1,", {"a": ["1", ""]}),
    ("a=1,,2", {"a": ["1", "", "2"]}),
    ("a=1\\,2", {"a": ["1,2"]}),
    ("a=1\\,2,3", {"a": ["1,2", "3"]}),
    ("a=\\,1", {"a": [",1"]}),
    # a comma at index 0: no split at all, so escapes of the list stay
    ("a=,1", {"a": [",1"]}),
    ("a=,1,2", {"a": [",1,2"]}),
    ("a=,1\\,2", {"a": [",1\\,2"]}),
    ("a= ,1", {"a": [",1"]}),
    # "\\," is a backslash then a comma after unescaping: the list escapes that comma
    ("a=1\\\\,2", {"a": ["1,2"]}),
    ("a=1\\\\\\,2", {"a": ["1\\", "2"]}),
    ("a=1\\\\2,3", {"a": ["1\\2", "3"]}),
    ("a=1\\\\2", {"a": ["1\\2"]}),
    ("a=x\\\\\\\\y,z", {"a": ["x\\y", "z"]}),
    # repeated keys collect a list, first value first; key order is first appearance
    ("a=1\nb=2\na=3", {"a": ["1", "3"], "b": ["2"]}),
    ("a=1,2\na=3", {"a": ["1", "2", "3"]}),
    ("a=\na=x", {"a": ["", "x"]}),
    # escapes in values
    ("a=\\t\\n\\r\\f\\b", {"a": ["\t\n\r\f\b"]}),
    ("a=\\'\\\"\\q", {"a": ["'\"q"]}),
    ("a=\\u0041", {"a": ["A"]}),
    ("a=\\u00e9", {"a": ["\xe9"]}),
    ("a=\\uD83D\\uDE00", {"a": ["\U0001f600"]}),
    ("a=\\u+041", {"a": ["A"]}),
    ("a=\\u-001", {"a": ["\uffff"]}),
    ("a=\\u00", {"a": [""]}),
    ("a=x\\u004", {"a": ["x"]}),
    ("a=\\\\", {"a": ["\\"]}),
    ("a=\\u005c,b", {"a": [",b"]}),
    ("a=\\u0020x", {"a": [" x"]}),
    ("a=x\\u0020", {"a": ["x "]}),
    # continuations: every physical line trimmed, blank and comment lines skipped
    ("a=b\\\nc", {"a": ["bc"]}),
    ("a=b\\\n   c", {"a": ["bc"]}),
    ("a=b \\\n c", {"a": ["b c"]}),
    ("a=b\\ \n c", {"a": ["bc"]}),
    ("a=b\\\n\nc", {"a": ["bc"]}),
    ("a=b\\\n  \n#x\n!y\nc", {"a": ["bc"]}),
    ("a=b\\\\\nc=d", {"a": ["b\\"], "c": ["d"]}),
    ("a=b\\\\\\\nc", {"a": ["b\\c"]}),
    ("a\\\n=b", {"a": ["b"]}),
    ("a\\\n b=c", {"ab": ["c"]}),
    ("a=1,\\\n2", {"a": ["1", "2"]}),
    ("a=b\\\r\nc\rd=e", {"a": ["bc"], "d": ["e"]}),
    ("a=\\u00\\\n41", {"a": ["A"]}),
    # a continuation at the end of the file loses the property
    ("a=b\\", {}),
    ("x=1\na=b\\\n", {"x": ["1"]}),
    ("a=b\\\n#c", {}),
    # keys: escaped separators and blanks, other escapes unescaped
    ("a\\=b=c", {"a=b": ["c"]}),
    ("a\\:b:c", {"a:b": ["c"]}),
    ("a\\ b c", {"a b": ["c"]}),
    ("a\\\\=b", {"a\\": ["b"]}),
    ("a\\tb=c", {"a\tb": ["c"]}),
    ("\\u0041=b", {"A": ["b"]}),
    ("a\\,b=c", {"a,b": ["c"]}),
    ("a,b=c", {"a,b": ["c"]}),
    ("a\\u0020=b", {"a ": ["b"]}),
    # the value of an include line is no property (compared ignoring case)
    ("include=x.properties", {}),
    ("INCLUDE = x", {}),
    ("\\u0131nclude=x", {}),
    ("includes=x", {"includes": ["x"]}),
    ("a=1\ninclude=x\nb=2", {"a": ["1"], "b": ["2"]}),
    # bytes are ISO-8859-1
    ("k=\xe9\xff\x80", {"k": ["\xe9\xff\x80"]}),
    ("\xef\xbb\xbfk=v", {"\xef\xbb\xbfk": ["v"]}),
]

# Inputs PropertiesConfiguration 1.6 and 1.10 read differently: (text, 1.6, 1.10).
# docs/commons-configuration.md explains each; the oracle test checks the 1.10 column.
RELEASE_DIFFERENCES: list[tuple[str, Values, Values]] = [
    ("a", {"a": [""]}, {"": [""]}),
    ("a\\=b", {"a=b": [""]}, {"": [""]}),
    ("\\ a=b", {"a": ["b"]}, {" a": ["b"]}),
    ("a\\ =b", {"a": ["b"]}, {"a\\": ["b"]}),
    ("a\x0bb=c", {"a\x0bb": ["c"]}, {"a": ["b=c"]}),
    ("a \x0b=b", {"a": ["=b"]}, {"a": ["b"]}),
    ("a=b\x85c", {"a": ["b\x85c"]}, {"": [""]}),
    ("a\\\x85=b", {"a\x85": ["b"]}, {"": [""]}),
]

# Inputs the library refuses as a whole: (text, (line, column) of the failure).
FAILURES: list[tuple[str, tuple[int, int]]] = [
    ("a=\\uzzzz", (1, 3)),
    ("a=\\u12G4", (1, 3)),
    ("x=1\n  a = b\\u+-12", (2, 8)),
    ("\\u00G0=b", (1, 1)),
    ("a=ok\\\n   \\uXYZW", (2, 4)),
]


def reading(text: str, release: str = "1.6") -> Values:
    result = read(text.encode("latin-1"), release=release)  # type: ignore[arg-type]
    assert result.failure is None
    return result.to_dict()


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(text: str, expected: Values) -> None:
    assert reading(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases_read_alike_by_1_10(text: str, expected: Values) -> None:
    assert reading(text, "1.10") == expected


@pytest.mark.parametrize(("text", "old", "new"), RELEASE_DIFFERENCES)
def test_release_differences(text: str, old: Values, new: Values) -> None:
    assert reading(text) == old
    assert reading(text, "1.10") == new
    assert old != new


@pytest.mark.parametrize(("text", "where"), FAILURES)
def test_failures(text: str, where: tuple[int, int]) -> None:
    for release in ("1.6", "1.10"):
        failure = read(text, release=release).failure
        assert failure is not None
        assert (failure.line, failure.column) == where
        assert "\\uxxxx" in failure.message


def test_get_string_takes_the_first_value() -> None:
    result = read(b"a=1,2\na=3\nb=\n")
    assert result.get_string("a") == "1"
    assert result.values("a") == ["1", "2", "3"]
    assert result.get_string("b") == ""
    assert result.get_string("missing") is None
    assert result.values("missing") == []
    assert result.keys() == ["a", "b"]


def test_occurrences_are_located() -> None:
    text = "# c\n  alpha  =  one , two\n\nbeta\\\n   = x\\\n  y\nalpha:3\n"
    result = read(text)
    spots = [
        (o.key, o.values, o.line, o.column, o.value_line, o.value_column, o.end_line)
        for o in result.occurrences
    ]
    assert spots == [
        ("alpha", ("one", "two"), 2, 3, 2, 13, 2),
        ("beta", ("xy",), 4, 1, 5, 6, 6),
        ("alpha", ("3",), 7, 1, 7, 7, 7),
    ]
    assert [o.key for o in result.occurrences_of("alpha")] == ["alpha", "alpha"]


def test_empty_value_is_located_after_the_separator() -> None:
    (occurrence,) = read("key =  ").occurrences
    assert (occurrence.value_line, occurrence.value_column) == (1, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("include=a.properties", [Include("a.properties", ("a.properties",), 1, 1, 1)]),
        ("x=1\n  Include : a , b,,c ,", [Include("a , b,,c ,", ("a", "b", "c"), 2, 3, 2)]),
        ("include = a\\,b", [Include("a\\,b", ("a\\", "b"), 1, 1, 1)]),
        ("include=\\\n  ${dir}/x", [Include("${dir}/x", ("${dir}/x",), 1, 1, 2)]),
        ("include=", [Include("", (), 1, 1, 1)]),
        (
            "include = a\ninclude = b",
            [Include("a", ("a",), 1, 1, 1), Include("b", ("b",), 2, 1, 2)],
        ),
    ],
)
def test_includes_are_returned_not_read(text: str, expected: list[Include]) -> None:
    result = read(text)
    assert result.includes == expected
    assert result.keys() == (["x"] if text.startswith("x=") else [])


def kinds(text: str) -> list[str]:
    return [note.kind for note in read(text).notes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=b", []),
        ("a = b", []),
        ("a=b  ", ["trimmed"]),
        ("a=\x01b", ["trimmed"]),
        ("a=  ", []),
        ("a=1,2", ["list"]),
        ("a=1\\,2", []),
        ("a=,1\\,2", ["escape"]),
        ("a=\\b", ["escape"]),
        ("a=x\\u00", ["escape"]),
        ("a=b\\\n\nc", ["continuation"]),
        ("a=b\\\n#c\nd", ["continuation"]),
        ("a=b\\ \nc", ["continuation"]),
        ("a=b\\\n\x01c", ["continuation"]),
        ("a=b\\", ["dropped"]),
        ("a=${b}", ["interpolation"]),
        ("include=x", ["include"]),
        ("a=1\na=2", ["duplicate"]),
        ("\x01a=b", ["key"]),
        ("\\ a=b", ["key"]),
        ("a\\u0020=b", []),
    ],
)
def test_notes_name_what_the_jvm_reads_otherwise(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


def test_note_of_a_1_10_pattern_miss() -> None:
    (note,) = read("lonely", release="1.10").notes
    assert note.kind == "key"
    assert (note.line, note.column) == (1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=b\nc=d", []),
        ("a=b  ", [("a", ("b",), "b  ", ("trimmed",))]),
        ("a=1,2", [("a", ("1", "2"), "1,2", ("list",))]),
        ("a=1\na=2", [("a", ("1", "2"), "2", ("duplicate",))]),
        ("include=x", [("include", (), "x", ("include",))]),
        ("a=b\\", [("a", (), "b", ("dropped",))]),
        ("a=\\b", [("a", ("\b",), "b", ("escape",))]),
    ],
)
def test_compare_with_the_jvm(
    text: str, expected: list[tuple[str, tuple[str, ...], str | None, tuple[str, ...]]]
) -> None:
    differences = compare(read(text), parse(text))
    assert [(d.key, d.commons, d.jvm, d.kinds) for d in differences] == expected


def test_compare_locates_the_first_occurrence() -> None:
    (difference,) = compare(read("x=1\n a=1\na=2"), parse("x=1\n a=1\na=2"))
    assert (difference.line, difference.column) == (2, 2)


def test_release_is_recorded() -> None:
    assert read("").release == "1.6"
    assert read("", release="1.10").release == "1.10"
    assert isinstance(read(""), Reading)


PIECES = [*"\\=: #!\t\f\r\n,u0aGk\x01\x0b\x85\xe9", "include", "\\u00"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.sampled_from(["1.6", "1.10"]))
def test_any_input_reads_without_raising(text: str, release: str) -> None:
    result = read(text, release=release)  # type: ignore[arg-type]
    for key in result.keys():  # noqa: SIM118 - Reading is no mapping
        assert result.values(key)
        assert result.get_string(key) == result.values(key)[0]
    assert sum(len(o.values) for o in result.occurrences) == sum(
        len(v) for v in result.to_dict().values()
    )
    assert {note.kind for note in result.notes} <= set(KINDS)
    for difference in compare(result, parse(text)):
        assert set(difference.kinds) <= set(KINDS)


def test_large_input_reads_each_line_once() -> None:
    text = "k=x" + "\\\n ,x" * 20000 + "\n" + "a=1\n" * 20000
    result = read(text)
    assert len(result.values("k")) == 20001
    assert len(result.values("a")) == 20000
