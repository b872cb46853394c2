"""Tests for neoha_config.properties: JVM reading, locations, lossless edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neoha_config.errors import NeohaConfigError
from neoha_config.properties import (
    Blank,
    Comment,
    Element,
    Entry,
    escape_key,
    escape_value,
    iter_lines,
    parse,
    split_lines,
)

# (text, what java.util.Properties holds after load). test_properties_jvm.py checks this
# table against the real JVM, so every expectation here is the JVM's.
DICT_CASES: list[tuple[str, dict[str, str]]] = [
    ("", {}),
    ("a=b", {"a": "b"}),
    ("a=b\n", {"a": "b"}),
    ("a = b", {"a": "b"}),
    ("a:b", {"a": "b"}),
    ("a : b", {"a": "b"}),
    ("a b", {"a": "b"}),
    ("a\tb", {"a": "b"}),
    ("a\fb", {"a": "b"}),
    ("a  =  b", {"a": "b"}),
    ("a =:b", {"a": ":b"}),
    ("a==b", {"a": "=b"}),
    ("a::b", {"a": ":b"}),
    ("a:=b", {"a": "=b"}),
    ("a = = b", {"a": "= b"}),
    ("a b=c", {"a": "b=c"}),
    ("a b c", {"a": "b c"}),
    ("a=b  ", {"a": "b  "}),
    ("a=b\t\f", {"a": "b\t\f"}),
    ("   a=b", {"a": "b"}),
    ("\t\fa=b", {"a": "b"}),
    ("a", {"a": ""}),
    ("a=", {"a": ""}),
    ("a ", {"a": ""}),
    ("a =", {"a": ""}),
    ("=b", {"": "b"}),
    (":b", {"": "b"}),
    ("  =b", {"": "b"}),
    ("#a=b", {}),
    ("!a=b", {}),
    ("  #a=b", {}),
    ("\t!a=b", {}),
    ("a=#b", {"a": "#b"}),
    ("a#=b", {"a#": "b"}),
    ("a!b c", {"a!b": "c"}),
    ("#a=b\\\nc=d", {"c": "d"}),
    # continuations
    ("a=b\\\nc", {"a": "bc"}),
    ("a=b\\\n   c", {"a": "bc"}),
    ("a=b\\\n\t\fc", {"a": "bc"}),
    ("a=b \\\n c", {"a": "b c"}),
    ("a=b\\\\\nc=d", {"a": "b\\", "c": "d"}),
    ("a=b\\\\\\\nc", {"a": "b\\c"}),
    ("a=b\\\n#c", {"a": "b#c"}),
    ("a=b\\\n!c", {"a": "b!c"}),
    ("a=b\\\n\nc=d", {"a": "b", "c": "d"}),
    ("a=b\\\n   \nc=d", {"a": "b", "c": "d"}),
    ("a\\\n=b", {"a": "b"}),
    ("a\\\n b=c", {"ab": "c"}),
    ("a\\\n  \\\n  b=c", {"ab": "c"}),
    ("a\\\r\nb=c", {"ab": "c"}),
    ("a\\\rb=c", {"ab": "c"}),
    ("a\\\r\r\nb", {"a": "", "b": ""}),
    ("a\\\n\r\nb", {"a": "", "b": ""}),
    ("a=\\u00\\\n41", {"a": "A"}),
    ("a=b\\", {"a": "b"}),
    ("a=b\\\n", {"a": "b"}),
    ("a=b\\\r", {"a": "b"}),
    ("a=b\\\r\n", {"a": "b"}),
    ("a=b\\\\", {"a": "b\\"}),
    ("a=b\\\\\\", {"a": "b\\"}),
    ("a=\\", {"a": ""}),
    ("a=b\\\n   ", {"a": "b"}),
    # escapes
    ("a=\\t\\n\\r\\f", {"a": "\t\n\r\f"}),
    ('a=\\x\\y\\"', {"a": 'xy"'}),
    ("a=\\u0041", {"a": "A"}),
    ("a=\\u00e9\\u00E9", {"a": "éé"}),
    ("a=\\uD83D\\uDE00", {"a": "\U0001f600"}),
    ("\\u0041=1", {"A": "1"}),
    ("a\\ b=c", {"a b": "c"}),
    ("a\\=b=c", {"a=b": "c"}),
    ("a\\:b=c", {"a:b": "c"}),
    ("a\\\tb=c", {"a\tb": "c"}),
    ("\\#a=b", {"#a": "b"}),
    ("\\!a=b", {"!a": "b"}),
    ("\\ a=b", {" a": "b"}),
    ("a=\\ b", {"a": " b"}),
    ("a=\\\\", {"a": "\\"}),
    ("a=\\\\u0041", {"a": "\\u0041"}),
    ("a=\\=\\:", {"a": "=:"}),
    ("\\\\=x", {"\\": "x"}),
    ("a\\u0020b=c", {"a b": "c"}),
    # line terminators
    ("a=1\rb=2", {"a": "1", "b": "2"}),
    ("a=1\r\nb=2\r\n", {"a": "1", "b": "2"}),
    ("a=1\n\rb=2", {"a": "1", "b": "2"}),
    ("a=1\r\r\r\nb=2", {"a": "1", "b": "2"}),
    # duplicates: last wins
    ("a=1\na=2", {"a": "2"}),
    ("a=1\nb=x\na:3\n", {"a": "3", "b": "x"}),
    # blanks only
    ("   ", {}),
    ("\t\f ", {}),
    ("\n\n\n", {}),
    ("\r\n\r\n", {}),
    # class A: a final line of only "\"
    ("\\", {"": ""}),
    ("  \\", {"": ""}),
    ("a=b\n  \\", {"a": "b", "": ""}),
    ("\\\n", {"": ""}),
    ("\\\r", {"": ""}),
    ("\\\r\n", {}),
    ("\\\n\n", {}),
    ("\\\n   ", {}),
    ("=x\n\\", {"": ""}),
    ("\\\n\\", {"": ""}),
    ("\\\na=b", {"a": "b"}),
    # class B: a line of only "\" before a comment
    ("\\\n#a=b", {}),
    ("\\\r\n#a=b", {}),
    ("\\\n!a=b", {}),
    ("\\\n  #a=b", {}),
    ("\\\n\\\n#a=b", {}),
    ("\\\n#\\uZZZZ", {}),
    ("\\\n\n#a=b", {}),
]


@pytest.mark.parametrize(("text", "expected"), DICT_CASES)
def test_parse_reads_like_the_jvm(text: str, expected: dict[str, str]) -> None:
    doc = parse(text)
    assert doc.to_dict() == expected
    assert not doc.fatal
    assert doc.dumps() == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"k=\xe9", {"k": "é"}),
        (b"\xef\xbb\xbfk=v", {"\xef\xbb\xbfk": "v"}),
        (b"\xff=\xfe", {"\xff": "\xfe"}),
        (b"k=\\u00e9\r\n", {"k": "é"}),
        (b"k=\x00\x7f", {"k": "\x00\x7f"}),
    ],
)
def test_parse_bytes_are_latin1(data: bytes, expected: dict[str, str]) -> None:
    doc = parse(data)
    assert doc.to_dict() == expected
    assert doc.dump_bytes() == data


@pytest.mark.parametrize("data", [bytearray(b"a=b"), memoryview(b"a=b")])
def test_parse_bytes_like(data: bytes) -> None:
    assert parse(data).to_dict() == {"a": "b"}


# (text, entries as (key, value, line, column, value_line, value_column, end_line))
EntryRow = tuple[str, str, int, int, int, int, int]
ENTRY_CASES: list[tuple[str, list[EntryRow]]] = [
    ("a=b", [("a", "b", 1, 1, 1, 3, 1)]),
    ("  a = b\n", [("a", "b", 1, 3, 1, 7, 1)]),
    ("a", [("a", "", 1, 1, 1, 2, 1)]),
    ("a=", [("a", "", 1, 1, 1, 3, 1)]),
    ("a = ", [("a", "", 1, 1, 1, 5, 1)]),
    ("=b", [("", "b", 1, 1, 1, 2, 1)]),
    ("\n\n#c\nkey:value\n", [("key", "value", 4, 1, 4, 5, 4)]),
    (
        "a=1\r\nb=2\rc=3\nd=4",
        [
            ("a", "1", 1, 1, 1, 3, 1),
            ("b", "2", 2, 1, 2, 3, 2),
            ("c", "3", 3, 1, 3, 3, 3),
            ("d", "4", 4, 1, 4, 3, 4),
        ],
    ),
    ("a=1\\\n  2\nb=3", [("a", "12", 1, 1, 1, 3, 2), ("b", "3", 3, 1, 3, 3, 3)]),
    ("key = \\\n    value\n", [("key", "value", 1, 1, 2, 5, 2)]),
    ("ke\\\n  y = v", [("key", "v", 1, 1, 2, 7, 2)]),
    ("\t\\u0041\\ b=\\tc", [("A b", "\tc", 1, 2, 1, 12, 1)]),
    ("a=b\\\n\\\n  \\\n c", [("a", "bc", 1, 1, 1, 3, 4)]),
    ("a=b\\\n\nc", [("a", "b", 1, 1, 1, 3, 2), ("c", "", 3, 1, 3, 2, 3)]),
    ("x\\\n", [("x", "", 1, 1, 1, 2, 1)]),
    ("a=1\na=2", [("a", "1", 1, 1, 1, 3, 1), ("a", "2", 2, 1, 2, 3, 2)]),
    ("  \\", [("", "", 1, 3, 1, 3, 1)]),
    ("a=1\n\\\n", [("a", "1", 1, 1, 1, 3, 1), ("", "", 2, 1, 2, 1, 2)]),
    ("\\\nk=v", [("k", "v", 2, 1, 2, 3, 2)]),
    ("a=b\\\n   ", [("a", "b", 1, 1, 1, 3, 2)]),
]


@pytest.mark.parametrize(("text", "rows"), ENTRY_CASES)
def test_entry_locations(text: str, rows: list[EntryRow]) -> None:
    doc = parse(text)
    got = [
        (e.key, e.value, e.line, e.column, e.value_line, e.value_column, e.end_line)
        for e in doc.entries
    ]
    assert got == rows


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("", []),
        ("a=b", ["E"]),
        ("#c\n\na=b\n  \n!d", ["C", "B", "E", "B", "C"]),
        ("a=1\\\n  2\\\n  3\n#x", ["E", "C"]),
        ("\\\n#a", ["B", "C"]),
        ("\\\n\\", ["B", "E"]),
        ("\\\r\n", ["B"]),
        ("   ", ["B"]),
        ("a=b\\\n#c\n#d", ["E", "C"]),
    ],
)
def test_element_kinds(text: str, kinds: list[str]) -> None:
    letter = {Entry: "E", Comment: "C", Blank: "B"}
    doc = parse(text)
    assert [letter[type(e)] for e in doc.elements] == kinds
    assert "".join(e.raw for e in doc.elements) == text


@pytest.mark.parametrize(
    ("text", "comments"),
    [
        ("# hello\n", [(" hello", 1)]),
        ("a=1\n  ! bang\r\n#", [(" bang", 2), ("", 3)]),
        ("#a\\\nb=c", [("a\\", 1)]),
    ],
)
def test_comments(text: str, comments: list[tuple[str, int]]) -> None:
    assert [(c.text, c.line) for c in parse(text).comments] == comments


# (text, fatal issues as (line, column) of the backslash)
FATAL_CASES: list[tuple[str, list[tuple[int, int]]]] = [
    ("a=\\u12G4", [(1, 3)]),
    ("a=\\u12", [(1, 3)]),
    ("a=\\u12\nb=c", [(1, 3)]),
    ("a=\\u", [(1, 3)]),
    ("a=\\u12\\", [(1, 3)]),
    ("\\u00=x", [(1, 1)]),
    ("\\u00 41", [(1, 1)]),
    ("k=x\\uzzzz\\u0041", [(1, 4)]),
    ("x\\\n  y=\\u1", [(2, 5)]),
    ("  k = ok\\\n    \\u004", [(2, 5)]),
    ("\\uXYZW=\\uQ", [(1, 1), (1, 8)]),
    ("a=1\nb=\\u00é9", [(2, 3)]),
]


@pytest.mark.parametrize(("text", "where"), FATAL_CASES)
def test_malformed_unicode_escape_is_fatal(text: str, where: list[tuple[int, int]]) -> None:
    doc = parse(text)
    assert [(i.line, i.column) for i in doc.issues if i.fatal] == where
    assert doc.fatal
    assert all("\\uxxxx" in i.message for i in doc.issues)
    assert doc.dumps() == text


@pytest.mark.parametrize(
    "text",
    ["#\\uZZZZ", "a=\\\\u12", "a=\\u004\\\n1", "!\\u", "a=b\\\n#\\u0041"],
)
def test_not_malformed(text: str) -> None:
    assert not parse(text).issues


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("\\", 1, 1, "empty key"),
        ("a=b\n  \\", 2, 3, "empty key"),
        ("\\\n#a=b", 2, 1, "comment"),
        ("\\\n  !a=b", 2, 3, "comment"),
    ],
)
def test_jvm_disagreement_is_a_located_warning(
    text: str, line: int, column: int, words: str
) -> None:
    (issue,) = parse(text).issues
    assert (issue.line, issue.column, issue.fatal) == (line, column, False)
    assert words in issue.message
    assert "JVM" in issue.message


@pytest.mark.parametrize("text", ["\\\r\n", "\\\n\n", "a=b\\\n\\\n#c", "\\\n  \n#c", "\\\\"])
def test_no_disagreement_warning(text: str) -> None:
    assert not parse(text).issues


@pytest.mark.parametrize(
    ("text", "newline"),
    [("", "\n"), ("a\n", "\n"), ("a\r\nb\r\nc\n", "\r\n"), ("a\rb\r", "\r"), ("a\r\nb\n", "\n")],
)
def test_dominant_newline(text: str, newline: str) -> None:
    assert parse(text).newline == newline


def test_get_get_all_entries() -> None:
    doc = parse("a=1\nb=2\na=3\n")
    entry = doc.get("a")
    assert entry is not None
    assert (entry.value, entry.line) == ("3", 3)
    assert [e.value for e in doc.get_all("a")] == ["1", "3"]
    assert doc.get("zz") is None
    assert doc.get_all("zz") == []
    assert [e.key for e in doc.entries] == ["a", "b", "a"]


@pytest.mark.parametrize(
    ("text", "key", "comment"),
    [
        ("# neoha: ignore[NHA004]\nha.foo=1\n", "ha.foo", " neoha: ignore[NHA004]"),
        ("#x\n\nk=v", "k", None),
        ("k=v", "k", None),
        ("a=1\nk=v", "k", None),
        ("  ! note\r\nk=v", "k", " note"),
    ],
)
def test_comment_before(text: str, key: str, comment: str | None) -> None:
    doc = parse(text)
    entry = doc.get(key)
    assert entry is not None
    found = doc.comment_before(entry)
    assert (found.text if found else None) == comment


def test_comment_before_foreign_entry() -> None:
    other = parse("#c\nk=v").get("k")
    assert other is not None
    assert parse("#c\nk=v").comment_before(other) is None


# (text, key, value, expected text after set)
SET_CASES: list[tuple[str, str, str, str]] = [
    ("a=1\n", "a", "2", "a=2\n"),
    ("a = 1\n", "a", "2", "a = 2\n"),
    ("a:1\n", "a", "2", "a:2\n"),
    ("a : 1\n", "a", "22", "a : 22\n"),
    ("a 1\n", "a", "2", "a 2\n"),
    ("  a\t=\t1\r\n", "a", "2", "  a\t=\t2\r\n"),
    ("a\\ b = 1\nc=3\n", "a b", "x y", "a\\ b = x y\nc=3\n"),
    ("\\u0041=1\n", "A", "2", "\\u0041=2\n"),
    ("a=1\n", "a", " lead", "a=\\ lead\n"),
    ("a=1\n", "a", "x\\y", "a=x\\\\y\n"),
    ("a=1\n", "a", "l1\nl2\r\tf\f", "a=l1\\nl2\\r\\tf\\f\n"),
    ("a=1\n", "a", "€", "a=\\u20AC\n"),
    ("a=1\n", "a", "\U0001f600", "a=\\uD83D\\uDE00\n"),
    ("a=1\n", "a", "é", "a=é\n"),
    ("a 1\n", "a", "=x", "a \\=x\n"),
    ("a 1\n", "a", ":x", "a \\:x\n"),
    ("a=1\n", "a", "#x!y=z:w", "a=#x!y=z:w\n"),
    ("a=1\n", "a", "", "a=\n"),
    ("a=1\n", "a", "trailing ", "a=trailing \n"),
    ("a=1\n", "a", "\tx", "a=\\tx\n"),
    ("a = 1\\\n    2\nb=3\n", "a", "x", "a = x\nb=3\n"),
    ("a = \\\n    1\nb=2\n", "a", "x", "a = x\nb=2\n"),
    ("ke\\\n  y = 1\n", "key", "x", "key=x\n"),
    ("a\nb=2\n", "a", "x", "a=x\nb=2\n"),
    ("a \nb=2\n", "a", "x", "a x\nb=2\n"),
    ("a=1\na=2\n", "a", "3", "a=1\na=3\n"),
    ("a=1", "a", "2", "a=2"),
    ("#c\na=1\n#d\n", "a", "2", "#c\na=2\n#d\n"),
    ("=1\n", "", "2", "=2\n"),
    ("x=1\n\\", "", "v", "x=1\n=v"),
    # new keys are appended with the dominant newline
    ("a=1\n", "b", "2", "a=1\nb=2\n"),
    ("a=1", "b", "2", "a=1\nb=2\n"),
    ("a=1\r\n", "b", "2", "a=1\r\nb=2\r\n"),
    ("a=1\rc=3\r", "b", "2", "a=1\rc=3\rb=2\r"),
    ("", "b", "2", "b=2\n"),
    ("#x", "b", "2", "#x\nb=2\n"),
    ("", "a b", "c", "a\\ b=c\n"),
    ("", "#k", "v", "\\#k=v\n"),
    ("", "k=:", " v", "k\\=\\:=\\ v\n"),
    ("a=1\\", "b", "2", "a=1\\\n\nb=2\n"),
    ("a=1\\\n", "b", "2", "a=1\\\n\nb=2\n"),
    ("a=1\\\\", "b", "2", "a=1\\\\\nb=2\n"),
]


@pytest.mark.parametrize(("text", "key", "value", "expected"), SET_CASES)
def test_set(text: str, key: str, value: str, expected: str) -> None:
    doc = parse(text)
    before = parse(text).to_dict()
    assert doc.set(key, value) is True
    assert doc.dumps() == expected
    reread = parse(expected)
    assert reread.to_dict() == {**before, key: value}
    assert doc.to_dict() == reread.to_dict()


def test_set_changes_one_line_only() -> None:
    text = "# top\n  a = 1\n\nb : two \\\n   parts\n! bang\nc 3\r\nd=4"
    doc = parse(text)
    assert doc.set("b", "new")
    old_lines = text.splitlines(keepends=True)
    new_lines = doc.dumps().splitlines(keepends=True)
    assert new_lines == [*old_lines[:3], "b : new\n", *old_lines[5:]]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [("a=1\n", "a", "1"), ("a = x\\\n  y", "a", "xy"), ("a=1\na=2", "a", "2")],
)
def test_set_unchanged_value_is_a_no_op(text: str, key: str, value: str) -> None:
    doc = parse(text)
    elements = list(doc.elements)
    assert doc.set(key, value) is False
    assert doc.dumps() == text
    assert all(a is b for a, b in zip(doc.elements, elements, strict=True))


def test_set_keeps_positions_and_identity_true() -> None:
    doc = parse("#c\na=1\\\n  2\\\n  3\nb=2\nc=3\n")
    b, c = doc.get("b"), doc.get("c")
    assert doc.set("a", "x")
    assert doc.get("b") is b
    assert doc.get("c") is c
    assert (b.line, c.line) == (3, 4)  # type: ignore[union-attr]
    a = doc.get("a")
    assert a is not None
    assert (a.value, a.line, a.end_line, a.raw) == ("x", 2, 2, "a=x\n")
    assert doc.comment_before(a) is doc.elements[0]


# (text, key, expected text, changed)
REMOVE_CASES: list[tuple[str, str, str, bool]] = [
    ("a=1\nb=2\n", "a", "b=2\n", True),
    ("a=1\\\n  2\\\n\\\n  3\nb=2\n", "a", "b=2\n", True),
    ("a=1\nb=2\na=3\n", "a", "b=2\n", True),
    ("b=2", "c", "b=2", False),
    ("#c\na=1", "a", "#c\n", True),
    ("#a=1\n", "#a", "#a=1\n", False),
    ("a=1\r\n\r\nb=2\r\n", "b", "a=1\r\n\r\n", True),
]


@pytest.mark.parametrize(("text", "key", "expected", "changed"), REMOVE_CASES)
def test_remove(text: str, key: str, expected: str, changed: bool) -> None:
    doc = parse(text)
    assert doc.remove(key) is changed
    assert doc.dumps() == expected
    assert key not in doc.to_dict()
    assert [(e.key, e.line) for e in doc.entries] == [
        (e.key, e.line) for e in parse(expected).entries
    ]


def test_edit_rereads_issues() -> None:
    doc = parse("a=\\u12\nb=1\n")
    assert doc.fatal
    assert doc.set("a", "fixed")
    assert not doc.issues
    assert doc.dumps() == "a=fixed\nb=1\n"


@pytest.mark.parametrize(
    ("key", "escaped"),
    [
        ("a", "a"),
        ("a b", "a\\ b"),
        ("a=b:c", "a\\=b\\:c"),
        ("#a", "\\#a"),
        ("!a", "\\!a"),
        ("a#", "a#"),
        ("\t", "\\t"),
        ("\\", "\\\\"),
        ("\x00", "\\u0000"),
        ("ü", "ü"),
        ("Ā", "\\u0100"),
        ("", ""),
    ],
)
def test_escape_key(key: str, escaped: str) -> None:
    assert escape_key(key) == escaped
    assert parse(escaped + "=v").to_dict() == {key: "v"}


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("v", "v"),
        (" v", "\\ v"),
        ("v v ", "v v "),
        ("=v", "\\=v"),
        (":v", "\\:v"),
        ("a=b", "a=b"),
        ("#!", "#!"),
        ("\f", "\\f"),
        ("\\u0041", "\\\\u0041"),
        ("\x7f", "\\u007F"),
        ("\ud800", "\\uD800"),
    ],
)
def test_escape_value(value: str, escaped: str) -> None:
    assert escape_value(value) == escaped
    assert parse("k=" + escaped).to_dict() == {"k": value}
    assert parse("k " + escaped).to_dict() == {"k": value}


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("k=€", b"k=\\u20AC"),
        ("k=\\€", b"k=\\u20AC"),
        ("k=\\\\€", b"k=\\\\\\u20AC"),
        ("#€", b"#\\u20AC"),
        ("k=\U0001f600", b"k=\\uD83D\\uDE00"),
    ],
)
def test_dump_bytes_escapes_non_latin1(text: str, data: bytes) -> None:
    doc = parse(text)
    assert doc.dump_bytes() == data
    assert parse(data).to_dict() == doc.to_dict()


# Hypothesis: an alphabet dense in the characters that matter to the syntax.
SYNTAX_CHARS = st.sampled_from(
    [*"\\\\\\=: #!\t\f\r\nu0123456789abcdefGkx", "\r\n", "é", "ÿ", "€", "\\u00", "\\\n"]
)
syntax_text = st.lists(SYNTAX_CHARS, max_size=40).map("".join)
any_text = st.one_of(syntax_text, st.text(max_size=60))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_roundtrip_text(text: str) -> None:
    doc = parse(text)
    assert doc.dumps() == text
    assert "".join(e.raw for e in doc.elements) == text
    for entry in doc.entries:
        assert 1 <= entry.line <= entry.value_line <= entry.end_line


@settings(max_examples=400)
@given(st.one_of(syntax_text.map(lambda t: t.encode("latin-1", "replace")), st.binary()))
def test_roundtrip_bytes(data: bytes) -> None:
    assert parse(data).dump_bytes() == data


def _only_backslash_line(text: str) -> bool:
    return any(line.strip(" \t\f") == "\\" for line in text.splitlines())


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.one_of(syntax_text, st.text(max_size=10)), st.text(max_size=20))
def test_set_then_parse(text: str, key: str, value: str) -> None:
    doc = parse(text)
    before = doc.to_dict()
    doc.set(key, value)
    after = parse(doc.dumps())
    expected = {**before, key: value}
    got = after.to_dict()
    if _only_backslash_line(text) and key != "":
        # A final line of only "\" reads as "" = "" and stops doing so once a line follows it.
        expected.pop("", None)
        got.pop("", None)
    assert got == expected
    assert doc.to_dict() == after.to_dict()
    assert doc.get(key) is not None


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text, st.data())
def test_remove_then_parse(text: str, data: st.DataObject) -> None:
    doc = parse(text)
    before = doc.to_dict()
    keys = sorted(before)
    key = data.draw(st.sampled_from(keys)) if keys else data.draw(st.text(max_size=5))
    doc.remove(key)
    got = parse(doc.dumps()).to_dict()
    expected = {k: v for k, v in before.items() if k != key}
    if _only_backslash_line(text):
        expected.pop("", None)
        got.pop("", None)
    assert got == expected
    assert key not in got or (key == "" and _only_backslash_line(text))


@settings(max_examples=200)
@given(any_text, st.text(max_size=8), st.text(max_size=8))
def test_edits_never_raise(text: str, key: str, value: str) -> None:
    doc = parse(text)
    doc.set(key, value)
    doc.remove(value)
    doc.set(value, key)
    doc.dump_bytes()
    for entry in doc.entries:
        doc.comment_before(entry)


# --- one line splitter, as the JVM splits lines ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\n\n", ["a", ""]),
        ("a\rb\r\nc\nd", ["a", "b", "c", "d"]),
        ("\r\r\n\n", ["", "", ""]),
        ("\n\r", ["", ""]),
        # str.splitlines() would split on every one of these; the JVM keeps them in the line.
        ("remote_shell_name=shell\f\nx=1", ["remote_shell_name=shell\f", "x=1"]),
        ("a\vb\x1cc\x1dd\x1ee\x85f\u2028g\u2029h", ["a\vb\x1cc\x1dd\x1ee\x85f\u2028g\u2029h"]),
    ],
)
def test_split_lines(text: str, lines: list[str]) -> None:
    assert split_lines(text) == lines
    assert split_lines(text.encode("latin-1", "replace")) == [
        line.encode("latin-1", "replace") for line in lines
    ]
    assert [content for content, _ in iter_lines(text)] == lines
    assert "".join(c + t for c, t in iter_lines(text)) == text
    assert len(parse(text).elements) == len(lines)  # the parser splits the same way


def test_split_lines_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="str or bytes, not int"):
        split_lines(5)  # type: ignore[call-overload]


def test_form_feed_is_a_blank_in_keys_and_kept_at_the_end_of_values() -> None:
    doc = parse("remote_shell_name=shell\f\n\f\n\fkey\f=\fv\f\f\n")
    assert doc.to_dict() == {"remote_shell_name": "shell\f", "key": "v\f\f"}
    assert isinstance(doc.elements[1], Blank)
    entry = doc.get("key")
    assert entry is not None
    assert (entry.line, entry.column, entry.value_column) == (3, 2, 8)


# --- O(1) lookup of the winning entry ---------------------------------------------------------


class _CountingList(list[Element]):
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self) -> Iterator[Element]:
        _CountingList.walks += 1
        return super().__iter__()

    def __reversed__(self) -> Iterator[Element]:
        _CountingList.walks += 1
        return super().__reversed__()


def test_get_does_not_scan_the_document() -> None:
    text = "".join(f"k{i}={i}\n" for i in range(500)) + "k7=last\n"
    doc = parse(text)
    doc.elements = _CountingList(doc.elements)
    _CountingList.walks = 0
    for i in range(500):
        entry = doc.get(f"k{i}")
        assert entry is not None
        assert entry.value == ("last" if i == 7 else str(i))
    assert doc.get("missing") is None
    assert [e.value for e in doc.get_all("k7")] == ["7", "last"]
    assert _CountingList.walks <= 1  # the index is built once


def test_lookup_follows_edits_and_replaced_elements() -> None:
    doc = parse("a=1\nb=2\na=3\n")
    assert doc.get("a") is doc.elements[2]
    doc.set("c", "4")
    doc.remove("a")
    assert doc.get("a") is None
    assert doc.get_all("a") == []
    c = doc.get("c")
    assert c is not None
    assert c.value == "4"
    doc.elements = parse("x=1\n").elements
    assert doc.get("c") is None
    assert doc.get("x") is not None
    doc.elements.append(Entry("y", "2", 2, 1, 2, 3, 2, "y=2\n"))
    assert doc.get("y") is not None


# --- wrong types ------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [10**100, None, 3.5, ["a=b"], object()])
def test_parse_rejects_other_types(data: object) -> None:
    with pytest.raises(TypeError, match="parse\\(\\) takes str or bytes"):
        parse(data)  # type: ignore[arg-type]


def test_parse_takes_bytes_like() -> None:
    # Not in the signature, but taken: any bytes-like object reads as its bytes.
    assert parse(bytearray(b"a=1")).to_dict() == {"a": "1"}  # type: ignore[arg-type]
    assert parse(memoryview(b"a=1")).to_dict() == {"a": "1"}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda d: d.remove(None),
        lambda d: d.remove(1),
        lambda d: d.set(None, "x"),
        lambda d: d.set("a", 5),
        lambda d: d.set("a", None),
        lambda d: d.get(b"a"),
        lambda d: d.get_all(None),
    ],
)
def test_document_rejects_keys_and_values_that_are_not_strings(call: Any) -> None:
    doc = parse("a=1\n")
    with pytest.raises(TypeError, match="must be a str, not"):
        call(doc)
    assert doc.dumps() == "a=1\n"


# --- lossless edits: verified by reading the result again -------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "value", "expected"),
    [
        (
            "mapped_memory=25M\\\r",
            "ha.pull_interval",
            "10s",
            "mapped_memory=25M\\\r\rha.pull_interval=10s\r",
        ),
        ("a=1\\", "k", "v", "a=1\\\n\nk=v\n"),
        ("a=1\\\r\n", "k", "v", "a=1\\\r\n\r\nk=v\r\n"),
        ("a=1\n\\", "k", "v", "a=1\nk=v\n\\"),
        ("a=1\n\\\r", "k", "v", "a=1\nk=v\n\\\r"),
        ("a=1\n", "k", "v", "a=1\nk=v\n"),
    ],
)
def test_set_after_a_continuation_at_end_of_file(
    text: str, key: str, value: str, expected: str
) -> None:
    doc = parse(text)
    before = doc.to_dict()
    assert doc.set(key, value) is True
    assert doc.dumps() == expected
    assert parse(expected).to_dict() == {**before, key: value}


def test_remove_keeps_a_lone_backslash_above_from_becoming_an_entry() -> None:
    doc = parse("\\\na=1")
    assert doc.to_dict() == {"a": "1"}
    assert doc.remove("a") is True
    assert parse(doc.dumps()).to_dict() == {}


def test_an_edit_that_would_change_another_entry_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from neoha_config import properties

    text = "a=1\nb=2\nc=3\n"
    doc = parse(text)
    elements = list(doc.elements)
    # A rewrite that ends in a continuation would join the next line to the edited value.
    monkeypatch.setattr(properties, "_rewrite", lambda entry, key, value: "a=9\\\n")
    with pytest.raises(NeohaConfigError, match="cannot set 'a' losslessly") as info:
        doc.set("a", "9")
    assert info.value.line == 1
    assert info.value.key == "a"
    assert "'b' at line 2" in str(info.value)
    assert doc.dumps() == text
    assert all(x is y for x, y in zip(doc.elements, elements, strict=True))
    assert doc.to_dict() == {"a": "1", "b": "2", "c": "3"}


# --- malformed escapes: located once, no second pass ------------------------------------------


def test_malformed_escapes_carry_their_excerpt_and_key() -> None:
    doc = parse("k\\u12=\\uZZZZZZZ\nx=\\\n  ab\\u4\n")
    fatal = [(i.line, i.column, i.excerpt, i.key) for i in doc.issues if i.fatal]
    assert fatal == [
        (1, 2, "\\u12=\\", "ku12"),
        (1, 7, "\\uZZZZ", "ku12"),
        (3, 5, "\\u4", "x"),
    ]


def test_many_malformed_escapes_parse_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from neoha_config import properties

    class Counting:
        calls = 0

        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
            Counting.calls += 1
            return self.pattern.match(text, pos)

    monkeypatch.setattr(properties, "_LINE", Counting(properties._LINE))
    lines = 50_000
    doc = parse("k=\\uZZZZ\n" * lines + "a=\\u1\\\n \\u2\\\n \\u3")
    assert sum(i.fatal for i in doc.issues) == lines + 3
    assert Counting.calls <= 2 * (lines + 4)  # each line is matched once, or twice with a backslash


def test_a_refusal_quotes_keys_briefly(monkeypatch: pytest.MonkeyPatch) -> None:
    from neoha_config import properties

    long_key = "k" * 10_000
    doc = parse(f"{long_key}=1\nb=2\n")
    monkeypatch.setattr(properties, "_rewrite", lambda entry, key, value: f"{long_key}=9\\\n")
    with pytest.raises(NeohaConfigError) as info:
        doc.set(long_key, "9")
    assert len(str(info.value)) < 200
    assert info.value.key == long_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# the id\nha.machine_id = 1\nx=2\n", "# the id\nha.server_id = 1\nx=2\n"),
        ("ha.machine_id\t3\r\n", "ha.server_id\t3\r\n"),
        ("  ha.machine_id:1\\\n  2\n", "  ha.server_id:1\\\n  2\n"),
        ("ha\\.machine_id=3\n", "ha.server_id=3\n"),
        ("ha.machine_id=1\nha.machine_id=2\n", "ha.server_id=1\nha.server_id=2\n"),
    ],
)
def test_rename_keeps_the_line_and_its_neighbours(text: str, expected: str) -> None:
    doc = parse(text)
    value = doc.to_dict()["ha.machine_id"]
    assert doc.rename("ha.machine_id", "ha.server_id")
    assert doc.dumps() == expected
    assert doc.to_dict()["ha.server_id"] == value
    assert "ha.machine_id" not in doc.to_dict()


def test_rename_of_an_absent_key_changes_nothing_and_a_collision_raises() -> None:
    doc = parse("a=1\nb=2\n")
    assert not doc.rename("c", "d")
    assert doc.dumps() == "a=1\nb=2\n"
    with pytest.raises(ValueError, match="already set"):
        doc.rename("a", "b")
