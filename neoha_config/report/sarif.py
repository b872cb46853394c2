"""The SARIF 2.1.0 report, for code scanning: one run, the rule catalogue and every finding."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from neoha_config.diagnostics import Severity
from neoha_config.version import tool_version

if TYPE_CHECKING:
    from collections.abc import Mapping

    from neoha_config.diagnostics import Diagnostic, Fix, Location
    from neoha_config.registry import Rule
    from neoha_config.result import CheckResult

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "neohaConfig/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _utf8(text: str) -> bytes:
    # A file name that is not UTF-8 arrives with its bytes as surrogate escapes: give them back.
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _uri(path: str) -> str:
    # Display paths are relative and '/'-separated; a URI reference must percent-encode
    # spaces, '%', '#', '?' and non-ASCII characters (the file name's own bytes, when not UTF-8).
    return quote(_utf8(path), safe="/")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(text: str) -> str:
    """``text`` without lone surrogates (not Unicode, so not in a SARIF file): ``\\udce9``."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _physical(loc: Location) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": _uri(loc.path), "uriBaseId": SRCROOT},
        "region": {"startLine": loc.line, "startColumn": loc.column},
    }


def _escape_message(text: str) -> str:
    # In a message with embedded links, literal '\', '[' and ']' must be backslash-escaped
    # (SARIF 2.1.0 section 3.11.6).
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def fingerprint(diag: Diagnostic) -> str:
    """A stable hash of code, path, key and message: it survives lines moving in the file."""
    parts = (diag.code, diag.location.path, diag.key or "", diag.message)
    return hashlib.sha256(_utf8("\0".join(parts))).hexdigest()[:32]


def _descriptor(code: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:  # a finding of a rule that is not registered still gets a valid descriptor
        return {"id": code, "shortDescription": {"text": code}}
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "shortDescription": {"text": rule.summary or rule.code},
    }
    if rule.doc:
        descriptor["fullDescription"] = {"text": rule.doc}
        descriptor["help"] = {"text": rule.doc, "markdown": rule.doc}
    descriptor["defaultConfiguration"] = {"level": _LEVEL[rule.severity]}
    return descriptor


def _fix(fix: Fix) -> dict[str, Any]:
    """A SARIF fix object (section 3.55): one artifact change per file, one replacement per
    edit; a replacement's deleted region ends before ``endColumn`` and may be empty (an
    insertion)."""
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        changes.setdefault(edit.path, []).append(
            {
                "deletedRegion": {
                    "startLine": edit.start[0],
                    "startColumn": edit.start[1],
                    "endLine": edit.end[0],
                    "endColumn": edit.end[1],
                },
                "insertedContent": {"text": edit.content},
            }
        )
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": {"uri": _uri(path), "uriBaseId": SRCROOT}, "replacements": reps}
            for path, reps in changes.items()
        ],
        "properties": {"applicability": fix.applicability.value},
    }


def _result(diag: Diagnostic, index: int) -> dict[str, Any]:
    text = diag.message
    if diag.related:
        # Embedded links [text](id) make viewers show the related sites next to the message.
        links = ", ".join(
            f"[{_escape_message(str(rel))}]({i})" for i, rel in enumerate(diag.related, 1)
        )
        text = f"{_escape_message(diag.message)} Related: {links}."
    out: dict[str, Any] = {
        "ruleId": diag.code,
        "ruleIndex": index,
        "level": _LEVEL[diag.severity],
        "message": {"text": _text(text)},
        "locations": [{"physicalLocation": _physical(diag.location)}],
        "partialFingerprints": {FINGERPRINT: fingerprint(diag)},
    }
    if diag.related:
        out["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical(rel)} for i, rel in enumerate(diag.related, 1)
        ]
    if diag.fix is not None:
        out["fixes"] = [_fix(diag.fix)]
    props = {
        name: _text(value)
        for name, value in (("node", diag.node), ("key", diag.key), ("group", diag.group))
        if value is not None
    }
    if props:
        out["properties"] = props
    return out


def sarif_dict(
    result: CheckResult,
    *,
    root: Path | None = None,
    rules: Mapping[str, Rule] | None = None,
) -> dict[str, Any]:
    """The SARIF log of ``result`` as plain JSON data.

    ``root`` is the directory display paths are relative to (default: the current directory);
    it becomes ``%SRCROOT%``. ``rules`` is the catalogue to list (default: every registered
    rule); codes found but not in it are listed with their code as description.
    """
    if rules is None:
        from neoha_config.rules import by_code as registered

        rules = registered()
    codes = sorted(set(rules) | {d.code for d in result.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    base = (root or Path.cwd()).absolute().as_uri()
    if not base.endswith("/"):
        base += "/"
    run = {
        "tool": {
            "driver": {
                "name": "neoha_config",
                "version": tool_version(),
                "rules": [_descriptor(code, rules.get(code)) for code in codes],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": base}},
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(d, index[d.code])
            for d in sorted(result.diagnostics, key=lambda d: d.sort_key())
        ],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(
    result: CheckResult,
    *,
    root: Path | None = None,
    rules: Mapping[str, Rule] | None = None,
) -> str:
    """The SARIF 2.1.0 log of ``result`` as indented, ASCII-only JSON text, newline-ended.

    See ``sarif_dict`` for ``root`` and ``rules``.
    """
    return json.dumps(sarif_dict(result, root=root, rules=rules), indent=2) + "\n"
