"""Value parsers, one per value kind, as each release reads text (one file: the parser table).

Every parser is a pure function from the raw text to a ``Result``: the parsed value, or the
reason it is refused and, where known, the message the Java side prints. A value a release
accepts but reads differently from what its author probably meant (``Boolean.parseBoolean``
turning ``yes`` into false) parses with a ``warning``. No parser trims: callers pass the value
as the release's reader leaves it (``java.util.Properties`` keeps trailing blanks; ZooKeeper and
Commons Configuration trim).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from neoha_config.catalogue._spec import KeySpec, Kind, Variant

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
PORT_MAX = 65535


class Result(NamedTuple):
    """A parsed value, or why the release refuses the text."""

    value: object = None
    reason: str | None = None
    java: str | None = None
    warning: str | None = None

    @property
    def ok(self) -> bool:
        """True when the release accepts the text."""
        return self.reason is None


_COMPILED: dict[str, re.Pattern[str]] = {}


def _rx(pattern: str) -> re.Pattern[str]:
    # Compiled on first use: most parsers never run in a check, and compiling is most of the
    # module's import time.
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled


def _ok(value: object, warning: str | None = None) -> Result:
    return Result(value, None, None, warning)


def _bad(reason: str, java: str | None = None) -> Result:
    return Result(None, reason, java)


def _nfe(text: str) -> str:
    return f'java.lang.NumberFormatException: For input string: "{text}"'


# Integer.parseInt takes an optional sign and decimal digits of any script (Character.digit);
# Python's ``\d`` and ``int`` agree on those digits.
_JAVA_INT = r"[+-]?\d+\Z"
_ASCII_DIGITS = r"[0-9]+\Z"


def java_int(text: str, bits: int = 32) -> Result:
    """``Integer.parseInt`` (``bits=32``) or ``Long.parseLong`` (``bits=64``)."""
    if not _rx(_JAVA_INT).match(text):
        return _bad(f"{text!r} is not an integer", _nfe(text))
    value = int(text)
    limit = 2 ** (bits - 1)
    if not -limit <= value < limit:
        return _bad(f"{text!r} does not fit a {bits}-bit integer", _nfe(text))
    return _ok(value)


def java_trim(text: str) -> str:
    """``String.trim()``: drop every character up to U+0020 from both ends."""
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def java_split(text: str, sep: str) -> list[str]:
    """``String.split`` on a literal one-character separator: trailing empty strings are
    dropped, and an empty text gives one empty string."""
    if text == "":
        return [""]
    parts = text.split(sep)
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def boolean_lenient(text: str) -> Result:
    """``Boolean.parseBoolean``: true for ``true`` in any case, false for anything else."""
    low = text.lower()
    if low == "true":
        return _ok(True)
    if low == "false":
        return _ok(False)
    return _ok(False, f"{text!r} is neither true nor false: Boolean.parseBoolean reads it as false")


def boolean_strict(text: str) -> Result:
    """``true``/``false`` in any case (1.8 ``BooleanSetting``, 1.9 ``Settings.BOOLEAN``)."""
    low = text.lower()
    if low in ("true", "false"):
        return _ok(low == "true")
    return _bad(f"{text!r} is not true or false", "Invalid option. Valid options are:[true, false]")


_JAVA_FLOAT = r"[+-]?(NaN|Infinity|(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)[fFdD]?)\Z"


def java_float(text: str) -> Result:
    """``Float.parseFloat``: it trims, and takes an optional ``f``/``d`` suffix."""
    body = java_trim(text)
    if not _rx(_JAVA_FLOAT).match(body):
        return _bad(f"{text!r} is not a number", f"java.lang.NumberFormatException: {text}")
    return _ok(float(body.rstrip("fFdD")))


def _wrap32(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


_TIME_FACTOR = {"ms": 1, "s": 1000, "m": 60_000}


def timeutil_millis(text: str, bare_unit: str = "s", *, hours: bool = False) -> Result:
    """Neo4j ``TimeUtil.parseTimeMillis``: the leading digits are the amount, the rest the unit
    (``ms``, ``s``, ``m`` in any case; ``h`` too when ``hours``), a bare number counts in
    ``bare_unit``. The value is milliseconds.

    The amount is parsed before the unit is looked at, as in the Java code: ``-5`` and ``x``
    fail with ``For input string: ""``, ``1h`` with ``Unrecognized unit h``.
    """
    cut = next((i for i, ch in enumerate(text) if not ch.isdecimal()), -1)
    amount_text = text if cut < 0 else text[:cut]
    amount = java_int(amount_text)
    if not amount.ok:
        return _bad(f"{text!r} is not a duration: {amount.reason}", amount.java)
    assert isinstance(amount.value, int)
    unit = bare_unit if cut < 0 else text[cut:].lower()
    factors = dict(_TIME_FACTOR, h=3_600_000) if hours else _TIME_FACTOR
    if unit not in factors:
        units = ", ".join(factors)
        return _bad(
            f"{text!r} has the unit {unit!r}; the units are {units} (no blank before the unit)",
            f"java.lang.RuntimeException: Unrecognized unit {unit}",
        )
    if unit == "m":  # 1.3 multiplies in int arithmetic, which wraps silently
        return _ok(_wrap32(amount.value * 60) * 1000)
    return _ok(amount.value * factors[unit])


_DURATION_UNIT = r"([0-9]+)(ms|s|m)\Z"


def duration_with_unit(text: str) -> Result:
    """1.8 ``\\d+(ms|s|m)``: digits and a unit, exact case; the value is milliseconds."""
    match = _rx(_DURATION_UNIT).match(text)
    if not match:
        return _bad(
            f"{text!r} is not a duration with a unit (digits then ms, s or m)",
            f"Must be a valid duration: {text}",
        )
    return _ok(int(match.group(1)) * _TIME_FACTOR[match.group(2)])


_SIZE_13 = {"M": 1024**2, "k": 1024, "G": 1024**3}


def size_13(text: str) -> Result:
    """1.3-1.7 memory mapping: one trailing ``M``, ``k`` or ``G`` (exact case) is stripped and
    the rest read with ``Integer.parseInt``. Text that does not parse is logged and maps 0
    bytes: accepted, with a warning."""
    multiplier = _SIZE_13.get(text[-1:], 1)
    number = text[:-1] if multiplier > 1 else text
    parsed = java_int(number)
    if not parsed.ok:
        return _ok(
            0,
            f"{text!r} is not a size (digits with M, k or G, exact case): the store logs "
            f"'Unable to parse mapped memory[{number}]' and maps nothing",
        )
    assert isinstance(parsed.value, int)
    return _ok(parsed.value * multiplier)


_SIZE = r"([0-9]+)([kmgKMG])\Z"
_BYTES = r"([0-9]+)([kmgKMG]?)\Z"
_BYTE_FACTOR = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def size_with_unit(text: str) -> Result:
    """1.8 ``\\d+[kmgKMG]``: digits and a unit (required); the value is bytes."""
    match = _rx(_SIZE).match(text)
    if not match:
        return _bad(
            f"{text!r} is not a size with a unit (digits then k, M or G)",
            f"Invalid value {text}, must be e.g. 20M",
        )
    return _ok(int(match.group(1)) * _BYTE_FACTOR[match.group(2).lower()])


def byte_count(text: str) -> Result:
    """digits with an optional ``k``, ``m``, ``g`` in any case; the value is bytes."""
    match = _rx(_BYTES).match(text)
    if not match:
        return _bad(f"{text!r} is not a size (digits with an optional k, M or G)")
    return _ok(int(match.group(1)) * _BYTE_FACTOR[match.group(2).lower()])


def _port(text: str, whole: str) -> Result:
    parsed = java_int(text)
    if not parsed.ok:
        return _bad(f"{whole!r} has a port {text!r} that is not an integer", parsed.java)
    assert isinstance(parsed.value, int)
    if not 0 <= parsed.value <= PORT_MAX:
        return _bad(
            f"{whole!r} has port {parsed.value} outside 0-65535",
            f"java.lang.IllegalArgumentException: port out of range:{parsed.value}",
        )
    return parsed


def port(text: str) -> Result:
    """An integer port; 0 binds an ephemeral port and parses with a warning."""
    parsed = _port(text, text)
    if parsed.ok and parsed.value == 0:
        return _ok(0, "port 0 binds a random free port")
    return parsed


def host(text: str) -> Result:
    """A host name or address: any non-empty text without blanks."""
    if text == "":
        return _bad("the host is empty")
    if text != java_trim(text) or " " in text:
        return _bad(f"{text!r} has blanks in the host name")
    return _ok(text)


def host_port_first(text: str) -> Result:
    """1.3-1.8 ``ha.server``: split at the first ``:`` (``Machine.splitIpAndPort``); the port
    is ``Integer.parseInt`` of the rest, so ``[::1]:6361`` fails."""
    idx = text.find(":")
    if idx < 0:
        return _bad(
            f"{text!r} is not host:port",
            "java.lang.StringIndexOutOfBoundsException: String index out of range: -1",
        )
    host_part, port_text = text[:idx], text[idx + 1 :]
    parsed = _port(port_text, text)
    if not parsed.ok:
        reason = parsed.reason or ""
        if text.startswith("["):
            reason += "; Neo4j 1.x splits at the first ':' and takes no IPv6 brackets"
        return _bad(reason, parsed.java)
    return _ok((host_part, parsed.value))


_PORT_RANGE = r"([0-9]+)(?:-([0-9]+))?\Z"


def host_port_range(text: str) -> Result:
    """1.9 ``HOSTNAME_PORT``: ``host:port`` or ``host:first-last``; the host may be empty.
    The value is ``(host, first, last)``."""
    host_part, sep, ports = text.rpartition(":")
    if not sep:
        return _bad(f"{text!r} has no ':port'")
    match = _rx(_PORT_RANGE).match(ports)
    if not match:
        return _bad(f"{text!r} has a port {ports!r} that is not a port or a port range")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if not (0 <= first <= PORT_MAX and 0 <= last <= PORT_MAX):
        return _bad(f"{text!r} has a port outside 0-65535")
    warning = None
    if ":" in host_part:
        warning = f"{text!r}: an IPv6 host is not known to work with 1.9's HostnamePort"
    if last < first:
        warning = f"{text!r}: the port range ends before it starts"
    return _ok((host_part, first, last), warning)


def host_port_list(text: str) -> Result:
    """1.9 ``ha.initial_hosts``: comma-separated ``host:port`` entries."""
    out = []
    for entry in java_split(text, ","):
        parsed = host_port_range(entry)
        if not parsed.ok:
            return _bad(f"entry {entry!r} of {text!r}: {parsed.reason}")
        out.append(parsed.value)
    return _ok(tuple(out))


def coordinator_list(text: str) -> Result:
    """A ZooKeeper 3.3 connect string as ``ClientCnxn`` reads it (no trimming; the port follows
    the last ``:``, 2181 when missing or empty; a chroot from the first ``/``).

    Fatal for every 1.x path: blanks around a host (``Unable to create zoo keeper client``), a
    port that is not an integer. An entry without ``:`` and an empty inner entry are accepted by
    the client but refused by the 1.4-1.8 server preflight: they parse with a warning. The
    value is a tuple of ``(host, port)``.
    """
    connect = text.split("/", 1)[0]
    entries = java_split(connect, ",")
    out: list[tuple[str, int]] = []
    warnings: list[str] = []
    for entry in entries:
        if ":" not in entry:
            warnings.append(
                f'the server preflight refuses {entry!r} (Invalid server config "{entry}" for '
                "ha.server_id); the ZooKeeper client reads it as port 2181"
            )
        host_part, sep, port_text = entry.rpartition(":")
        if not sep:
            host_part, port_text = entry, ""
        if any(ch <= " " for ch in host_part):
            return _bad(
                f"entry {entry!r} has blanks in the host, which does not resolve",
                "Unable to create zoo keeper client",
            )
        if port_text == "":
            out.append((host_part, 2181))
            continue
        parsed = _port(port_text, entry)
        if not parsed.ok:
            return _bad(parsed.reason or "", parsed.java)
        assert isinstance(parsed.value, int)
        out.append((host_part, parsed.value))
    return _ok(tuple(out), "; ".join(warnings) or None)


def options(text: str, choices: tuple[str, ...], *, ignore_case: bool) -> Result:
    """One of ``choices``: exact case (``Enum.valueOf``) or any case (1.8 ``OptionsSetting``).
    The value is the option as listed."""
    for choice in choices:
        if text == choice or (ignore_case and text.lower() == choice.lower()):
            return _ok(choice)
    listed = ", ".join(choices)
    if ignore_case:
        return _bad(
            f"{text!r} is not one of {listed}",
            f"Invalid option. Valid options are:[{listed}]",
        )
    case = next((c for c in choices if c.lower() == text.lower()), None)
    reason = f"{text!r} is not one of {listed} (exact case)"
    if case is not None:
        reason += f"; this release wants {case!r}"
    return _bad(reason, f"java.lang.IllegalArgumentException: No enum const ... .{text}")


def text_value(text: str) -> Result:
    """Any text; empty text parses with a warning."""
    return _ok(text, "the value is empty" if text == "" else None)


def service_switch(text: str, key: str = "the switch") -> Result:
    """1.3-1.7 ``enable_online_backup``/``enable_remote_shell``: text with ``=`` is a
    ``key=value`` list split on ``,`` and ``=`` as ``String.split`` does (each part must give
    exactly two tokens); other text is ``Boolean.parseBoolean``. The value is
    ``(enabled, port or None, other options)``."""
    if "=" not in text:
        parsed = boolean_lenient(text)
        return _ok((parsed.value, None, ()), parsed.warning)
    pairs: list[tuple[str, str]] = []
    for part in java_split(text, ","):
        tokens = java_split(part, "=")
        if len(tokens) != 2:
            return _bad(
                f"{text!r}: {part!r} is not key=value",
                f"java.lang.RuntimeException: Invalid configuration value '{text}' for {key}. "
                "The format is [true/false] or [key1=value1,key2=value2...]",
            )
        pairs.append((tokens[0], tokens[1]))
    found = dict(pairs)
    port_value: int | None = None
    if "port" in found:
        parsed = _port(found.pop("port"), text)
        if not parsed.ok:
            return parsed
        assert isinstance(parsed.value, int)
        port_value = parsed.value
    return _ok((True, port_value, tuple(sorted(found.items()))))


DATA_SOURCES = ("nioneodb", "lucene", "lucene-fulltext")


def keep_logs_13(text: str) -> Result:
    """1.3-1.7 ``keep_logical_logs``: exactly ``true`` keeps every log; otherwise the comma
    tokens (trimmed) name the data sources whose logs are kept. The value is ``"all"`` or a
    tuple of names; nothing is ever refused."""
    if text == "true":
        return _ok("all")
    # StringTokenizer skips empty tokens; each token is trimmed.
    names = tuple(t.strip() for t in text.split(",") if t.strip())
    if text.lower() == "true":
        return _ok(names, f"{text!r} is not exactly 'true': no log is kept")
    if text in ("false", ""):
        return _ok(())
    unknown = [n for n in names if n not in DATA_SOURCES]
    warning = None
    if unknown:
        warning = (
            f"{', '.join(unknown)} names no data source ({', '.join(DATA_SOURCES)}): "
            "its logs are not kept"
        )
    return _ok(names, warning)


_KEEP_TYPES = ("files", "size", "txs", "hours", "days")
_NUMBER_WITH_UNIT = r"(\d+)([kKmMgG]?)\Z"


def keep_logs_18(text: str) -> Result:
    """1.8 ``keep_logical_logs`` (``LogPruneStrategies.fromConfigValue``): split on single
    blanks; one token must be exactly ``true`` (keep all) or ``false`` (keep one transaction);
    otherwise ``<n>[k|m|g] <type>`` with type ``files``, ``size``, ``txs``, ``hours`` or ``days``
    (exact case; further tokens are ignored). The value is True, False or ``(amount, type)``."""
    invalid = (
        f"java.lang.IllegalArgumentException: Invalid log pruning configuration value '{text}'"
    )
    tokens = java_split(text, " ")
    if not tokens or tokens == [""]:
        return _bad(f"{text!r} is empty", invalid)
    if len(tokens) == 1:
        # fromConfigValue compares tokens[0], so trailing blanks (split drops them) are fine.
        if tokens[0] in ("true", "false"):
            return _ok(tokens[0] == "true")
        return _bad(
            f"{text!r} is not true, false or '<number><unit> <type>' (7 days, 100M size, 200k txs)",
            invalid + ". The form is 'all' or '<number><unit> <type>' for example '100k txs' "
            "for the latest 100 000 transactions",
        )
    number, kind = tokens[0], tokens[1]
    if kind not in _KEEP_TYPES:
        return _bad(
            f"{text!r} has the type {kind!r}; the types are {', '.join(_KEEP_TYPES)}",
            invalid + f". Invalid type '{kind}', valid are [{', '.join(_KEEP_TYPES)}]",
        )
    match = _rx(_NUMBER_WITH_UNIT).match(number)
    if not match:
        return _bad(f"{text!r} has the amount {number!r}; digits with k, m or g are expected")
    amount = int(match.group(1)) * _BYTE_FACTOR[match.group(2).lower()]
    return _ok((amount, kind))


def cluster_name(text: str) -> Result:
    """1.3-1.8 ``ha.cluster_name``, used as the znode ``/<name>``.

    Refused: empty, ``/`` anywhere (a nested or invalid znode path), ``.`` and ``..``, and
    characters ZooKeeper's path check refuses (controls, surrogates, U+FFF0-U+FFFF). Accepted
    with a warning: other characters outside the shipped comment's ``A-Za-z0-9._-``.
    """
    if text == "":
        return _bad("the cluster name is empty", "Must be a valid cluster name")
    if "/" in text:
        return _bad(
            f"{text!r} contains '/': the znode '/{text}' is not a child of the root, and "
            "its parent does not exist",
            "Unable to write cluster store id",
        )
    if text in (".", ".."):
        return _bad(f"{text!r} is a relative znode name ZooKeeper refuses")
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xF8FF or code >= 0xFFF0:
            return _bad(f"{text!r} has the character U+{code:04X}, which ZooKeeper refuses")
    if not _rx(r"[A-Za-z0-9._-]+\Z").match(text):
        return _ok(text, f"{text!r} has characters outside A-Za-z0-9._- (it works)")
    return _ok(text)


def _peer_type(part: str, whole: str) -> Result:
    low = part.lower()
    if low in ("participant", "observer"):
        return _ok(low)
    return _bad(
        f"{whole!r} has unknown peer type {part!r}",
        f"org.apache.zookeeper.server.quorum.QuorumPeerConfig$ConfigException: "
        f"Unrecognised peertype: {whole}",
    )


def server_line_33(text: str, *, brackets: bool = False) -> Result:
    """A ZooKeeper 3.3/3.4 ``server.N`` value: trimmed, split on ``:`` as Java's ``split``
    (trailing empty parts dropped), ``host:quorum[:election[:type]]``, ports untrimmed; 3.4
    (``brackets``) also takes ``[v6]:quorum:election``. The quorum port is parsed before the
    part count matters: one part is an ``ArrayIndexOutOfBoundsException``, five or more log an
    error and drop the line. The value is ``(host, quorum, election or None, type)``."""
    value = java_trim(text)
    if brackets and value.startswith("["):
        host_part, sep, rest = value[1:].partition("]:")
        if not sep:
            return _bad(f"{text!r} starts with '[' but has no matching ']:'")
        parts = [host_part, *java_split(rest, ":")]
    else:
        parts = java_split(value, ":")
    if len(parts) < 2:
        return _bad(
            f"{text!r} does not have the form host:port",
            "java.lang.ArrayIndexOutOfBoundsException: 1",
        )
    quorum = _port(parts[1], text)
    if not quorum.ok:
        return quorum
    if len(parts) > 4:
        return _ok(None, f"{text!r} has more than four parts: ZooKeeper drops the line")
    election = _port(parts[2], text) if len(parts) > 2 else _ok(None)
    if not election.ok:
        return election
    kind = _peer_type(parts[3], value) if len(parts) > 3 else _ok("participant")
    if not kind.ok:
        return kind
    return _ok((parts[0], quorum.value, election.value, kind.value))


def server_line_35(text: str) -> Result:
    """A ZooKeeper 3.5+ ``server.N`` value (not trimmed):
    ``host:quorum:election[:type][;[clientHost:]clientPort]``; ``[v6]`` hosts allowed."""
    server, _, _client = text.partition(";")
    first = server.split("|", 1)[0]
    if first.startswith("["):
        host_part, sep, rest = first[1:].partition("]:")
        if not sep:
            return _bad(f"{text!r} starts with '[' but has no matching ']:'")
        parts = [host_part, *rest.split(":")]
    else:
        parts = first.split(":")
    if len(parts) < 3:
        return _bad(
            f"{text!r} does not have the form host:port:port[:type]",
            f"{text} does not have the form server_config or server_config;client_config",
        )
    for ptext in parts[1:3]:
        if not _rx(_ASCII_DIGITS).match(ptext) or not 0 <= int(ptext) <= PORT_MAX:
            return _bad(
                f"{text!r} has a port {ptext!r} that is not a port",
                f"Address unresolved: {parts[0]}:{ptext}",
            )
    kind = _peer_type(parts[3], text) if len(parts) > 3 else _ok("participant")
    if not kind.ok:
        return kind
    return _ok((parts[0], int(parts[1]), int(parts[2]), kind.value))


_COMMONS_TRUE = ("true", "yes", "on")
_COMMONS_FALSE = ("false", "no", "off")
_COMMONS_LETTERS = {"y": True, "t": True, "n": False, "f": False}


def commons_boolean(text: str, key: str = "key") -> Result:
    """Commons Configuration ``getBoolean``: ``true``/``yes``/``on`` or ``false``/``no``/
    ``off`` in any case. commons-lang 2.6 also takes one letter (``y``, ``t``, ``n``, ``f``);
    those parse with a warning, as older commons-lang releases may refuse them."""
    low = text.lower()
    if low in _COMMONS_TRUE:
        return _ok(True)
    if low in _COMMONS_FALSE:
        return _ok(False)
    if low in _COMMONS_LETTERS:
        return _ok(_COMMONS_LETTERS[low], f"{text!r} is read as a boolean by commons-lang 2.6 only")
    return _bad(
        f"{text!r} is not true/yes/on or false/no/off",
        f"org.apache.commons.configuration.ConversionException: '{key}' doesn't map to a "
        "Boolean object",
    )


_COMMONS_INT = r"[+-]?\d+\Z|0x[0-9A-Fa-f]+\Z|0b[01]+\Z"


def commons_integer(text: str, key: str = "key") -> Result:
    """Commons Configuration ``getInt``: decimal (sign, leading zeros and digits of any script
    allowed) within 32 bits, or ``0x`` hex / ``0b`` binary, which it reads as a BigInteger
    and cuts to 32 bits (``0x80000000`` is -2147483648)."""
    if _rx(_COMMONS_INT).match(text):
        if text.startswith(("0x", "0b")):
            wide = int(text[2:], 16 if text[1] == "x" else 2)
            value = _wrap32(wide)
            warning = None if wide == value else f"{text!r} is cut to 32 bits: {value}"
            return _ok(value, warning)
        value = int(text)
        if INT_MIN <= value <= INT_MAX:
            return _ok(value)
    return _bad(
        f"{text!r} is not an integer",
        f"org.apache.commons.configuration.ConversionException: '{key}' doesn't map to an "
        "Integer object",
    )


def yes_no(text: str) -> Result:
    """A ZooKeeper system-property switch compared with ``yes``/``no``."""
    if text in ("yes", "no"):
        return _ok(text)
    return _ok(text, f"{text!r} is neither yes nor no")


_RANGE_MESSAGES = {
    "electionAlg": "Invalid electionAlg value. Only 3 is supported.",
    "clientPort": "java.lang.IllegalArgumentException: clientPort is not set",
}
# The 1.8 typed settings word their range errors themselves.
_RANGE_WORDED = ("n-gds18", "n-hasettings18", "n-shell18")


def _in_range(result: Result, variant: Variant, key: str) -> Result:
    value = result.value
    if not result.ok or not isinstance(value, int | float) or isinstance(value, bool):
        return result
    low, high = variant.minimum, variant.maximum
    if low is not None and value < low:
        if variant.kind is Kind.DURATION and key == "ha.pull_interval":
            return _bad(
                f"a pull interval of {value} ms stops the database at start: "
                "scheduleWithFixedDelay refuses a delay that is not positive",
                "java.lang.IllegalArgumentException",
            )
        return _bad(f"{value} is below the minimum {_num(low)}", _range_java(variant, key, low))
    if high is not None and value > high:
        return _bad(f"{value} is above the maximum {_num(high)}", _range_java(variant, key, high))
    return result


def _range_java(variant: Variant, key: str, bound: float) -> str | None:
    if key in _RANGE_MESSAGES:
        return _RANGE_MESSAGES[key]
    if variant.source in _RANGE_WORDED:
        word = "Minimum" if variant.minimum == bound else "Maximum"
        return f"{word} allowed value is: {_num(bound)}"
    return None


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_SIMPLE: dict[Kind, Callable[[str], Result]] = {
    Kind.BOOLEAN_LENIENT: boolean_lenient,
    Kind.BOOLEAN: boolean_strict,
    Kind.INTEGER: java_int,
    Kind.LONG: lambda text: java_int(text, 64),
    Kind.FLOAT: java_float,
    Kind.PORT: port,
    Kind.DURATION_UNIT: duration_with_unit,
    Kind.SIZE_13: size_13,
    Kind.SIZE: size_with_unit,
    Kind.BYTES: byte_count,
    Kind.HOST: host,
    Kind.HOST_PORT: host_port_first,
    Kind.HOST_PORT_RANGE: host_port_range,
    Kind.HOST_PORT_LIST: host_port_list,
    Kind.COORDINATOR_LIST: coordinator_list,
    Kind.PATH: text_value,
    Kind.STRING: text_value,
    Kind.LIST: text_value,
    Kind.KEEP_LOGS_13: keep_logs_13,
    Kind.KEEP_LOGS_18: keep_logs_18,
    Kind.CLUSTER_NAME: cluster_name,
    Kind.ZK_YES_NO: yes_no,
}


# 1.8 text settings validate against ANY = ".+": an empty value is refused at start.
_ANY_18 = ("n-gds18", "n-hasettings18")
_TEXTUAL = (Kind.STRING, Kind.LIST, Kind.PATH, Kind.HOST, Kind.HOST_PORT, Kind.COORDINATOR_LIST)


def parse_variant(variant: Variant, text: str, key: str = "") -> Result:
    """Read ``text`` the way ``variant`` says, range and options included (a pure function:
    a tree's files repeat the same few values, so the answers are remembered)."""
    return _parse_variant(variant, text, key)


@functools.lru_cache(maxsize=16384)
def _parse_variant(variant: Variant, text: str, key: str) -> Result:
    kind = variant.kind
    if text == "" and kind in _TEXTUAL and variant.source in _ANY_18:
        return _bad("the value is empty; 1.8 wants a non-empty value")
    if kind is Kind.DURATION:
        result = timeutil_millis(text, variant.bare_unit or "s")
    elif kind is Kind.ENUM:
        result = options(text, variant.options, ignore_case=variant.ignore_case)
        if not result.ok and key == "peerType":
            result = _peer_type(text, text)
    elif kind is Kind.COMMONS_BOOLEAN:
        result = commons_boolean(text, key or "key")
    elif kind is Kind.COMMONS_INTEGER:
        result = commons_integer(text, key or "key")
    elif kind is Kind.SERVICE_SWITCH:
        result = service_switch(text, key or "the switch")
    elif kind is Kind.SERVER_LINE:
        first = variant.releases[0]
        if first in ("3.3", "3.4"):
            result = server_line_33(text, brackets=first == "3.4")
        else:
            result = server_line_35(text)
    else:
        result = _SIMPLE[kind](text)
    return _in_range(result, variant, key)


def parse(spec: KeySpec, release: str, text: str) -> Result | None:
    """Read ``text`` as the value of ``spec`` in ``release``; None when it does not read it."""
    variant = spec.variant(release)
    if variant is None:
        return None
    return parse_variant(variant, text, spec.key)
