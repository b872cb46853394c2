"""Render the key catalogue as Markdown (``docs/key-catalogue.md``).

``python -m neoha_config.catalogue.document docs/key-catalogue.md`` rewrites the file;
without a path the text goes to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from neoha_config.catalogue._query import CATALOGUE, LISTENERS
from neoha_config.catalogue._sources import SOURCES
from neoha_config.catalogue._spec import (
    COORD,
    DATABASE,
    SERVER,
    KeySpec,
    Kind,
    Variant,
    describe_span,
)

_TITLES = {
    DATABASE: "`conf/neo4j.properties` (Neo4j 1.3-1.9)",
    SERVER: "`conf/neo4j-server.properties` (Neo4j 1.3-1.9)",
    COORD: "`conf/coord.cfg` (ZooKeeper 3.3-3.9)",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str | None) -> str:
    if text is None or text == "":
        return ""
    return "`" + text.replace("`", "'") + "`"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _range(v: Variant) -> str:
    if v.options:
        case = "any case" if v.ignore_case else "exact case"
        return ", ".join(v.options) + f" ({case})"
    if v.minimum is None and v.maximum is None:
        return ""
    low = "" if v.minimum is None else _num(v.minimum)
    high = "" if v.maximum is None else _num(v.maximum)
    unit = " ms" if v.kind in (Kind.DURATION, Kind.DURATION_UNIT) else ""
    if low and high:
        return f"{low}-{high}{unit}"
    return f">= {low}{unit}" if low else f"<= {high}{unit}"


def _type(v: Variant) -> str:
    text = v.kind.value
    if v.kind is Kind.DURATION and v.bare_unit:
        text += f" (bare = {v.bare_unit})"
    return text


def _default(v: Variant) -> str:
    parts = [_code(v.default)] if v.default is not None else []
    if v.default_note:
        parts.append(v.default_note)
    if v.required:
        parts.append("required")
    return "; ".join(parts)


def _notes(spec: KeySpec, v: Variant) -> str:
    parts = [v.note] if v.note else []
    if v.listener:
        parts.append(f"listener: {v.listener}")
    if not v.verified:
        parts.append(f"**unverified:** {v.basis}")
    return "; ".join(parts)


def _rows(spec: KeySpec) -> list[str]:
    name = _code(spec.key)
    if spec.family:
        name += " (family)"
    if spec.raw:
        name += " (raw)"
    if not spec.variants:
        status = "inert: read by no release" if spec.inert else ""
        status = status or ("plugin" if spec.plugin else "")
        if spec.later:
            status = f"read only after the catalogued releases ({spec.later} on)"
        return [f"| {name} | none | | | | | {_cell(status + '; ' + spec.summary)} | |"]
    out = []
    for v in spec.variants:
        releases = describe_span(v.releases)
        if not v.verified:
            releases += " †"
        cells = [
            name,
            releases,
            _type(v),
            v.unit or (v.bare_unit or ""),
            _default(v),
            _range(v),
            _notes(spec, v),
            v.source,
        ]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return out


def render() -> str:
    """The whole catalogue as one Markdown document."""
    lines = [
        "# Key catalogue",
        "",
        "Every key Neo4j 1.3-1.9 reads from `conf/neo4j.properties` and",
        "`conf/neo4j-server.properties`, and every key ZooKeeper 3.3-3.9 reads from",
        "`conf/coord.cfg`, release by release. Generated from `neoha_config.catalogue` by",
        "`python -m neoha_config.catalogue.document docs/key-catalogue.md`; a test keeps it",
        "current. One row per group of releases that read a key alike.",
        "",
        "Releases marked † rest on something weaker than that release's own source (the",
        "notes say what): treat them as *possibly* reading the key. Defaults are written as a",
        "file would spell them. Server-file keys are read through Commons Configuration",
        "(trimmed) except those marked *raw*.",
        "",
    ]
    for file in (DATABASE, SERVER, COORD):
        lines += [f"## {_TITLES[file]}", ""]
        lines.append("| key | releases | type | unit | default | range | notes | source |")
        lines.append("|---|---|---|---|---|---|---|---|")
        for spec in CATALOGUE[file]:
            lines += _rows(spec)
        lines.append("")
    lines += ["## Value types", "", "| type | how it is read |", "|---|---|"]
    lines += [f"| {kind.value} | {_cell(_KIND_TEXT[kind])} |" for kind in Kind]
    lines += [
        "",
        "## Listeners",
        "",
        "| listener | file | releases | switch | address | default port | on by default | notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for x in LISTENERS:
        cells = [
            x.name,
            x.file,
            describe_span(x.releases) + ("" if x.verified else " †"),
            _code(x.switch),
            _code(x.address),
            "" if x.default_port is None else str(x.default_port),
            "yes" if x.enabled_by_default else "no",
            x.note,
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "## Sources", "", "| name | reference |", "|---|---|"]
    lines += [f"| {name} | {_cell(ref)} |" for name, ref in SOURCES.items()]
    lines.append("")
    return "\n".join(lines)


_KIND_TEXT: dict[Kind, str] = {
    Kind.BOOLEAN_LENIENT: "Boolean.parseBoolean: true in any case is true, anything else is "
    "silently false",
    Kind.BOOLEAN: "true or false in any case; anything else is refused at start",
    Kind.INTEGER: "Integer.parseInt: optional sign, decimal digits, no blanks, 32 bits",
    Kind.LONG: "Long.parseLong: as integer, 64 bits",
    Kind.FLOAT: "Float.parseFloat (it trims; an f or d suffix is allowed)",
    Kind.PORT: "an integer port; out of 0-65535 is refused, 0 binds a random port",
    Kind.DURATION: "TimeUtil: digits and an optional unit ms, s or m (minutes) in any case, "
    "no blank before the unit, no h; a bare number counts in the bare unit; the value is ms",
    Kind.DURATION_UNIT: "digits and a unit ms, s or m, exact case, the unit required",
    Kind.SIZE_13: "digits with one optional M, k or G (exact case); other text is logged and "
    "maps nothing",
    Kind.SIZE: "digits and a unit k, m or g in any case, the unit required",
    Kind.BYTES: "digits with an optional k, m or g in any case",
    Kind.HOST: "a host name or address",
    Kind.HOST_PORT: "host:port split at the first ':'; no IPv6 brackets",
    Kind.HOST_PORT_RANGE: "host:port or host:first-last; an empty host means every interface",
    Kind.HOST_PORT_LIST: "comma-separated host:port entries",
    Kind.COORDINATOR_LIST: "a ZooKeeper connect string: entries split on ',' (trailing empty "
    "entries dropped), the port after the last ':' (2181 when missing), no trimming",
    Kind.ENUM: "one of the listed options, in the case the row says",
    Kind.PATH: "a file or directory name",
    Kind.STRING: "text",
    Kind.LIST: "comma-separated text",
    Kind.SERVICE_SWITCH: "true/false (Boolean.parseBoolean) or key=value[,key=value] with "
    "port, name, readonly",
    Kind.KEEP_LOGS_13: "exactly true keeps every log, else a comma list of data source names "
    "(nioneodb, lucene); anything else keeps nothing, silently",
    Kind.KEEP_LOGS_18: "exactly true or false, or '<n>[k|m|g] <files|size|txs|hours|days>' "
    "split on single blanks, the type in exact case (7 days, 100M size, 200k txs)",
    Kind.CLUSTER_NAME: "the znode /<name>: refused when empty, containing '/', '.' or '..', "
    "or a control character; other characters outside A-Za-z0-9._- work",
    Kind.SERVER_LINE: "3.3/3.4: trimmed, host:quorum[:election[:type]] split as Java's split; "
    "3.5+: untrimmed, host:quorum:election[:type][;[host:]clientPort]",
    Kind.COMMONS_BOOLEAN: "Commons Configuration getBoolean: true/yes/on or false/no/off in any "
    "case; other text stops the server (ConversionException)",
    Kind.COMMONS_INTEGER: "Commons Configuration getInt: decimal, 0x hex or 0b binary, 32 bits; "
    "other text stops the server (ConversionException)",
    Kind.ZK_YES_NO: "compared with yes / no",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Write the catalogue to the path in ``argv`` (stdout without one); returns 0."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = render()
    if args:
        with open(args[0], "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
