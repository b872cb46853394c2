"""A small TOML writer for the cluster description: strings, integers, booleans, lists, tables."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}

Value = str | int | bool | Sequence["Value"] | Mapping[str, "Value"]


def key(name: str) -> str:
    """``name`` as a TOML key: bare when it can be, else a quoted string."""
    return name if _BARE_KEY.fullmatch(name) else string(name)


def string(text: str) -> str:
    """``text`` as a TOML basic string (control characters escaped, the rest kept)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value: Value) -> str:
    """A string, integer, boolean or list of them as a TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, Sequence) and not _is_tables(value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    raise TypeError(f"not a TOML scalar or inline list: {value!r}")


def _is_tables(value: object) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def _table(path: list[str], data: Mapping[str, Value], header: str | None, out: list[str]) -> None:
    scalars = [(k, v) for k, v in data.items() if not isinstance(v, Mapping) and not _is_tables(v)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping)]
    arrays = [(k, v) for k, v in data.items() if _is_tables(v)]
    if header is not None and (scalars or header.startswith("[[") or not (tables or arrays)):
        if out:
            out.append("")
        out.append(header)
    out.extend(f"{key(k)} = {scalar(v)}" for k, v in scalars)
    for name, table in tables:
        assert isinstance(table, Mapping)
        sub = [*path, key(name)]
        _table(sub, table, "[" + ".".join(sub) + "]", out)
    for name, items in arrays:
        assert isinstance(items, Sequence)
        sub = [*path, key(name)]
        for item in items:
            assert isinstance(item, Mapping)
            _table(sub, item, "[[" + ".".join(sub) + "]]", out)


def dumps(data: Mapping[str, Value], *, comment: str = "") -> str:
    """``data`` as a TOML document: each table's plain values first, then its sub-tables, then
    its arrays of tables. ``comment`` lines (without ``#``) open the document."""
    out = [f"# {line}".rstrip() for line in comment.splitlines()]
    body: list[str] = []
    _table([], data, None, body)
    if out and body:
        out.append("")
    return "\n".join(out + body) + "\n"
