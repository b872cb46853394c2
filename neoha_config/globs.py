"""Path globs (``exclude``, ``per-file-ignores``) matched in time linear in the path."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from neoha_config.records import dataclass, field

__all__ = ["Glob", "compile_glob", "path_matches"]

# What one transition of the automaton consumes: a literal character, any character but "/",
# any character, or a character class (a one-character regular expression).
_NOT_SLASH = 0
_ANY = 1
Pred = str | int | re.Pattern[str]

_CACHE_LIMIT = 4096  # automaton states remembered per glob; cleared (not grown) past this


def _accepts(pred: Pred, ch: str) -> bool:
    if isinstance(pred, str):
        return ch == pred
    if pred == _NOT_SLASH:
        return ch != "/"
    if pred == _ANY:
        return True
    assert isinstance(pred, re.Pattern)
    return pred.fullmatch(ch) is not None


@dataclass(slots=True)
class _Nfa:
    """A Thompson automaton: ``eps[q]`` empty moves, ``moves[q]`` (what, target) moves."""

    eps: list[list[int]] = field(default_factory=list)
    moves: list[list[tuple[Pred, int]]] = field(default_factory=list)

    def state(self) -> int:
        self.eps.append([])
        self.moves.append([])
        return len(self.eps) - 1

    def step(self, q: int, pred: Pred) -> int:
        """A new state reached from ``q`` by one character ``pred`` accepts."""
        target = self.state()
        self.moves[q].append((pred, target))
        return target

    def repeat(self, q: int, pred: Pred) -> int:
        """Any number of characters ``pred`` accepts, then a new state."""
        self.moves[q].append((pred, q))
        target = self.state()
        self.eps[q].append(target)
        return target

    def directories(self, q: int) -> int:
        """Nothing, or anything ending in ``/`` (zero or more leading directories)."""
        loop, target = self.state(), self.state()
        self.eps[q] += [target, loop]
        self.moves[loop] += [(_ANY, loop), ("/", target)]
        return target


def _segment(nfa: _Nfa, q: int, part: str) -> int:
    """Add one path segment's ``*``, ``?``, ``[...]`` and literals after state ``q``."""
    i = 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            q = nfa.repeat(q, _NOT_SLASH)
        elif ch == "?":
            q = nfa.step(q, _NOT_SLASH)
        elif ch == "[" and (end := part.find("]", i + 2)) != -1:
            body = part[i + 1 : end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            body = body.replace("\\", "\\\\").replace("/", "")
            # One character against a class: re cannot backtrack here. Raises re.error.
            q = nfa.step(q, re.compile(("[^/" if negate else "[") + body + "]", re.DOTALL))
            i = end
        else:
            q = nfa.step(q, ch)
        i += 1
    return q


@dataclass(slots=True)
class Glob:
    """A compiled glob: ``match`` runs a lazily built deterministic automaton over the path.

    Each character of the path costs one dictionary look-up once the automaton state is known,
    so no pattern (``**/**/**/…``, ``a*a*a*…b``) makes matching slower than linear.
    """

    pattern: str
    anchored: bool
    _nfa: _Nfa
    _accept: frozenset[int]
    _start: frozenset[int] = field(default_factory=frozenset)
    _next: dict[tuple[frozenset[int], str], frozenset[int]] = field(default_factory=dict)

    def _closure(self, states: set[int]) -> frozenset[int]:
        todo = list(states)
        while todo:
            q = todo.pop()
            for target in self._nfa.eps[q]:
                if target not in states:
                    states.add(target)
                    todo.append(target)
        return frozenset(states)

    def match(self, rel: str) -> bool:
        """True when the ``/``-separated relative path ``rel`` matches, or lies below a match."""
        current = self._start
        table = self._next
        for ch in rel:
            known = table.get((current, ch))
            if known is None:
                moved = {
                    target
                    for q in current
                    for pred, target in self._nfa.moves[q]
                    if _accepts(pred, ch)
                }
                known = self._closure(moved)
                if len(table) >= _CACHE_LIMIT:
                    table.clear()
                table[(current, ch)] = known
            current = known
            if not current:
                return False
        return not current.isdisjoint(self._accept)


@functools.lru_cache(maxsize=256)
def compile_glob(pattern: str) -> Glob:
    """Compile a glob over ``/``-separated relative paths.

    ``*`` and ``?`` stay inside one path segment, ``**`` spans any number of segments and
    ``[...]``/``[!...]`` are character classes. A pattern with a ``/`` (other than at its end) is
    anchored at the base directory (``Glob.anchored``); one without matches at any depth, as in
    ``.gitignore``. A match also covers everything below the matched path. Raises
    ``ValueError`` for an empty pattern and ``re.error`` for an invalid character class.
    """
    pat = pattern.strip()
    while pat.startswith("./"):
        pat = pat[2:]
    pat = pat.rstrip("/")
    anchored = "/" in pat
    pat = pat.lstrip("/")
    if not pat:
        raise ValueError("empty glob")
    nfa = _Nfa()
    start = nfa.state()
    q = start if anchored else nfa.directories(start)
    parts = pat.split("/")
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            q = nfa.repeat(q, _ANY) if last else nfa.directories(q)
        else:
            q = _segment(nfa, q, part)
            if not last:
                q = nfa.step(q, "/")
    # Everything below a match matches too.
    below = nfa.state()
    nfa.moves[q].append(("/", below))
    nfa.moves[below].append((_ANY, below))
    glob = Glob(pattern, anchored, nfa, frozenset({q, below}))
    glob._start = glob._closure({start})
    return glob


def path_matches(
    pattern: str, display_path: str, *, base: Path | None = None, cwd: Path | None = None
) -> bool:
    """True when ``display_path`` (relative to ``cwd``) matches ``pattern`` (relative to ``base``).

    ``cwd`` and ``base`` default to the current directory. A path outside ``base`` is matched
    only by unanchored patterns (no ``/``), against its own components. An empty or invalid
    pattern matches nothing.
    """
    try:
        glob = compile_glob(pattern)
    except (ValueError, re.error):
        return False
    here = os.path.abspath(cwd if cwd is not None else os.getcwd())
    full = os.path.normpath(os.path.join(here, display_path))
    root = os.path.abspath(base) if base is not None else here
    try:
        rel = os.path.relpath(full, root)
    except ValueError:  # another drive on Windows: never under base
        rel = os.pardir
    rel = rel.replace(os.sep, "/")
    if rel == ".":
        return False
    if rel == ".." or rel.startswith("../"):
        if glob.anchored:
            return False
        rel = full.replace(os.sep, "/").lstrip("/")
    return glob.match(rel)
