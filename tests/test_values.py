"""Tests for neoha_config.models.values.parse_java_int: numbers as Integer.parseInt reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from neoha_config import CheckOptions, check_paths
from neoha_config.models.values import parse_java_int

# What Integer.parseInt answers on OpenJDK 17 (None: NumberFormatException).
JAVA_PARSE_INT: list[tuple[str, int | None]] = [
    ("123", 123),
    ("-7", -7),
    ("+7", 7),
    ("\u0661\u0662\u0663", 123),  # Arabic-Indic
    ("\uff11\uff12", 12),  # fullwidth
    ("-\u0669", -9),
    ("+\u0966\u0967", 1),  # Devanagari
    ("1\u0662", 12),  # mixed scripts
    ("\u0e51\u0e52", 12),  # Thai
    ("\u0f20", 0),  # Tibetan
    ("\u07c0", 0),  # NKo
    ("\uabf0", 0),  # Meetei Mayek
    ("\u00b2", None),  # superscript two: a digit to Python's isdigit, not to Java
    ("\u2460", None),  # circled one
    ("\u216b", None),  # Roman numeral
    ("\u1369", None),  # Ethiopic digit: category No
    ("\u19da", None),  # New Tai Lue: category No
    ("\U0001d7ce", None),  # mathematical bold zero: two UTF-16 chars, neither a digit
    ("\u0663" * 10, None),  # 3333333333 overflows an int
    ("", None),
    ("-", None),
    ("+\u0661-", None),
    (" 1", None),
    ("1_000", None),
    ("\u0661 ", None),
]


@pytest.mark.parametrize(("text", "expected"), JAVA_PARSE_INT)
def test_parse_java_int_reads_unicode_digits_as_java_does(text: str, expected: int | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match="integer"):
            parse_java_int(text)
    else:
        assert parse_java_int(text) == expected


def test_long_range() -> None:
    assert parse_java_int("\u0663" * 10, bits=64) == 3333333333
    with pytest.raises(ValueError, match="out of range for a 64-bit integer"):
        parse_java_int("\uff19" * 19 + "9", bits=64)


def test_same_id_in_other_digits_is_equal() -> None:
    assert parse_java_int("\u0661") == parse_java_int("1") == parse_java_int("\uff11")


def test_duplicate_server_id_in_other_digits_is_nha301(tmp_path: Path) -> None:
    for name, sid in (("db1", "1"), ("db2", "\\u0661")):  # the second spells 1 in Arabic-Indic
        conf = tmp_path / name / "conf"
        conf.mkdir(parents=True)
        (conf / "neo4j.properties").write_text(
            f"ha.server_id={sid}\nha.server={name}:6001\nha.coordinators=h1:2181\n"
        )
    result = check_paths([tmp_path], CheckOptions(cwd=tmp_path))
    assert [d.code for d in result.diagnostics if d.code == "NHA301"] == ["NHA301"]
