"""Tests for neoha_config.globs: the old regex semantics, without backtracking."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from neoha_config import globs
from neoha_config.globs import compile_glob, path_matches


def _reference(pattern: str) -> re.Pattern[str]:
    """The regex the glob used to compile to (a backtracking matcher with the same meaning)."""

    def segment(part: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(part):
            ch = part[i]
            if ch == "*":
                out.append("[^/]*")
            elif ch == "?":
                out.append("[^/]")
            elif ch == "[" and (end := part.find("]", i + 2)) != -1:
                body = part[i + 1 : end]
                negate = body.startswith("!")
                body = body[1:] if negate else body
                body = body.replace("\\", "\\\\").replace("/", "")
                out.append(("[^/" if negate else "[") + body + "]")
                i = end
            else:
                out.append(re.escape(ch))
            i += 1
        return "".join(out)

    pat = pattern.strip()
    while pat.startswith("./"):
        pat = pat[2:]
    pat = pat.rstrip("/")
    anchored = "/" in pat
    pat = pat.lstrip("/")
    parts = pat.split("/")
    body = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            body += ".*" if last else "(?:.*/)?"
        else:
            body += segment(part) + ("" if last else "/")
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{body}(?:/.*)?", re.DOTALL)


GLOB_ALPHABET = st.sampled_from(["a", "b", "/", "*", "**", "?", "[ab]", "[!a]", "./", "."])
PATH_ALPHABET = st.sampled_from(["a", "b", "/", "ab", ".", "c"])


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(GLOB_ALPHABET, min_size=1, max_size=8).map("".join),
    st.lists(PATH_ALPHABET, max_size=10).map("".join),
)
@example("**/a", "a")
@example("a/**", "a")
@example("a/**/b", "a/b")
@example("*/", "a/b")
@example("[!a]", "/")
def test_same_meaning_as_the_old_regex(pattern: str, rel: str) -> None:
    try:
        glob = compile_glob(pattern)
    except ValueError:
        return
    assert glob.match(rel) is (_reference(pattern).fullmatch(rel) is not None)


def test_pathological_patterns_are_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each of these made the old regex backtrack for minutes or more on a near miss.
    steps = 0
    real = globs._accepts

    def counting(pred: globs.Pred, ch: str) -> bool:
        nonlocal steps
        steps += 1
        return real(pred, ch)

    monkeypatch.setattr(globs, "_accepts", counting)
    cases = [
        ("**/" * 30 + "x", "a/" * 200 + "y"),
        ("a*" * 30 + "b", "a" * 3000),
        ("*a*a*a*a*a*a*a*a*a*a*a*a*b", "a" * 3000),
        ("**/a*a*a*a*a*a*b/**/c", ("a" * 40 + "/") * 60),
    ]
    for pattern, path in cases:
        glob = compile_glob(pattern)
        steps = 0
        assert glob.match(path) is False
        assert path_matches(pattern, path, base=Path("/r"), cwd=Path("/r")) is False
        # At most every transition of the automaton once per path character, twice over.
        assert steps <= 2 * len(glob._nfa.eps) * 2 * (len(path) + 1), (pattern, steps)


def test_the_state_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(globs, "_CACHE_LIMIT", 8)
    glob = compile_glob.__wrapped__("*a*b*c*d")
    assert glob.match("xaybzcwd/q") is True
    assert glob.match("xaybzcw") is False
    assert len(glob._next) <= 8


def test_invalid_class_raises_and_matches_nothing(tmp_path: Path) -> None:
    with pytest.raises(re.error):
        compile_glob("[z-a]")
    assert path_matches("[z-a]", "z", base=tmp_path, cwd=tmp_path) is False


def test_compiled_glob_says_whether_it_is_anchored() -> None:
    assert compile_glob("prod/db1").anchored is True
    assert compile_glob("legacy/").anchored is False
    assert compile_glob("/coord.cfg").anchored is True
    assert compile_glob("*.cfg").anchored is False
