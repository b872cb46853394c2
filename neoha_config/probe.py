"""Live coordinator check: ask each ensemble member for its mode over ZooKeeper's ``srvr``."""

from __future__ import annotations

import math
import socket
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

# ``srvr`` is the one four-letter word ZooKeeper 3.5.3+ whitelists by default, and its ``Mode:``
# line is the only readiness evidence: ``ruok`` answers ``imok`` on a node without quorum.
COMMAND = "srvr"
NOT_SERVING = "This ZooKeeper instance is not currently serving requests"
MODES = ("leader", "follower", "observer", "standalone")
MAX_ANSWER = 64 * 1024  # a srvr answer is a few hundred bytes; never buffer a runaway peer
MAX_WORKERS = 8  # a handful of threads: ensembles have 3-7 members
MAX_TIMEOUT = 3600.0  # seconds; more is a typo, and sockets cannot wait for ever (inf)


@dataclass(frozen=True, slots=True)
class Target:
    """One member to ask: its ``server.N`` id, where its client port listens, whether it votes.

    ``problem`` set means the member cannot be asked (e.g. its client port is unknown): it is
    reported as not serving with that text, and no connection is made.
    """

    id: int
    host: str
    port: int
    participant: bool = True
    problem: str | None = None

    @property
    def endpoint(self) -> str:
        """``host:port``, with an IPv6 literal in brackets."""
        return format_endpoint(self.host, self.port)


@dataclass(slots=True)
class EnsembleTargets:
    """The members of one ensemble to probe.

    ``participants`` is the number of voting ``server.N`` lines; members that are not probed
    (a line with no coordinator in the tree) still count towards the majority. When None, the
    participant targets are counted. ``label`` names the ensemble in text output.
    """

    members: list[Target] = field(default_factory=list)
    participants: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class Member:
    """What one member answered: ``mode`` when it serves, else ``error`` says why not."""

    id: int
    endpoint: str
    mode: str | None
    error: str | None
    participant: bool = True

    @property
    def serving(self) -> bool:
        """The member answered ``srvr`` with a mode."""
        return self.mode is not None

    def to_json(self) -> dict[str, Any]:
        """The member as it appears in the JSON report."""
        return {"id": self.id, "endpoint": self.endpoint, "mode": self.mode, "error": self.error}


@dataclass(slots=True)
class ProbeEnsemble:
    """One ensemble's members and whether a quorum holds.

    ``split_brain`` is True when more than one member answers ``Mode: leader``: the members do
    not form one quorum, whatever their count (``quorum`` is then False).
    """

    quorum: bool
    members: list[Member] = field(default_factory=list)
    label: str = ""
    split_brain: bool = False

    @property
    def leaders(self) -> list[Member]:
        """The members answering ``Mode: leader``."""
        return [m for m in self.members if m.mode == "leader"]

    def to_json(self) -> dict[str, Any]:
        """The ensemble as it appears in the JSON report (``label`` is for text output only)."""
        return {
            "quorum": self.quorum,
            "split_brain": self.split_brain,
            "members": [m.to_json() for m in self.members],
        }


@dataclass(slots=True)
class ProbeReport:
    """Every probed ensemble."""

    ensembles: list[ProbeEnsemble] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        """Every member serves and every ensemble has a quorum."""
        return all(e.quorum and all(m.serving for m in e.members) for e in self.ensembles)

    def to_json(self) -> dict[str, Any]:
        """``{"ensembles": [{"quorum": bool, "members": [...]}]}``."""
        return {"ensembles": [e.to_json() for e in self.ensembles]}


def format_endpoint(host: str, port: int) -> str:
    """``host:port``; an IPv6 literal (a host containing ``:``) is put in brackets.

    An unknown host (empty) or port (0 or less) shows as ``?``.
    """
    shown_port = str(port) if port > 0 else "?"
    if not host:
        return f"?:{shown_port}"
    if ":" in host and not host.startswith("["):
        return f"[{host}]:{shown_port}"
    return f"{host}:{shown_port}"


def check_timeout(timeout: float) -> float:
    """``timeout`` when it is a number of seconds above 0 and at most ``MAX_TIMEOUT``.

    Raises ValueError otherwise (0, negative, ``inf``, ``nan``, not a number).
    """
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or not 0 < timeout <= MAX_TIMEOUT
    ):
        raise ValueError(
            f"timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, "
            f"not {timeout!r}"
        )
    return float(timeout)


def four_letter_word(host: str, port: int, word: str = COMMAND, timeout: float = 2.0) -> str:
    """Send ``word`` to ``host:port`` and return the whole answer, decoded as Latin-1.

    ``timeout`` bounds the connect and the whole read (seconds). Raises OSError (refused,
    unreachable, timed out, name not resolved) for the caller to turn into an error text, and
    ValueError for a timeout ``check_timeout`` refuses, a port outside 1-65535, or a host name
    that cannot be a DNS name (an empty label, as in ``a..b``, or a label over 63 characters).
    """
    check_timeout(timeout)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        # getaddrinfo would take 70000 as 4464: never connect somewhere else than asked.
        raise ValueError(f"port {port!r} is outside 1-65535")
    deadline = time.monotonic() + timeout
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(word.encode("ascii"))
        chunks: list[bytes] = []
        size = 0
        while size < MAX_ANSWER:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no complete answer within {timeout:g} s")
            sock.settimeout(remaining)
            chunk = sock.recv(4096)
            if not chunk:  # ZooKeeper closes the connection after answering
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks).decode("latin-1")


def parse_srvr(answer: str) -> tuple[str | None, str | None]:
    """Read a ``srvr`` answer: ``(mode, None)`` when it names a mode, else ``(None, error)``."""
    text = answer.strip()
    if not text:
        return None, "empty answer to srvr"
    if NOT_SERVING in text:
        return None, NOT_SERVING
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() == "Mode":
            mode = value.strip()
            if mode in MODES:
                return mode, None
            return None, f"unknown mode {mode!r}"
    first = text.splitlines()[0].strip()
    return None, f"unexpected answer to srvr: {first[:200]}"


def _describe(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"timed out: {exc}" if str(exc) and str(exc) != "timed out" else "timed out"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve host: {exc.strerror or exc}"
    return exc.strerror or str(exc) or type(exc).__name__


def probe_member(target: Target, timeout: float = 2.0) -> Member:
    """Ask one member for its mode over one connection; never raises on network failure or on
    an endpoint that cannot be connected to (its error says why)."""
    if target.problem is not None:
        return Member(target.id, target.endpoint, None, target.problem, target.participant)
    try:
        answer = four_letter_word(target.host, target.port, COMMAND, timeout)
    except OSError as exc:
        return Member(target.id, target.endpoint, None, _describe(exc), target.participant)
    except UnicodeError:  # the IDNA codec refuses the name before any lookup
        invalid = "invalid host name: a DNS label is empty or longer than 63 characters"
        return Member(target.id, target.endpoint, None, invalid, target.participant)
    except (ValueError, OverflowError) as exc:  # a port out of range, a NUL in the name
        invalid = f"invalid endpoint: {exc}"
        return Member(target.id, target.endpoint, None, invalid, target.participant)
    mode, error = parse_srvr(answer)
    return Member(target.id, target.endpoint, mode, error, target.participant)


def has_quorum(members: Sequence[Member], participants: int) -> bool:
    """Whether ``members`` show a working quorum of an ensemble of ``participants`` voters.

    A leader must be seen and more than half of the voters must report leader or follower;
    observers never count. A one-voter ensemble runs standalone, which counts as quorum. Two
    or more members answering leader are a split brain, never a quorum.
    """
    if sum(1 for m in members if m.mode == "leader") > 1:
        return False
    if participants <= 1 and any(m.mode == "standalone" for m in members):
        return True
    voting = [m for m in members if m.participant and m.mode in ("leader", "follower")]
    leader = any(m.mode == "leader" for m in voting)
    return leader and len(voting) * 2 > participants


def probe(ensembles: Sequence[EnsembleTargets], timeout: float = 2.0) -> ProbeReport:
    """Probe every member of every ensemble with ``srvr`` and judge each ensemble's quorum.

    Members are asked concurrently (a small thread pool, one connection per member);
    ``timeout`` bounds each member's connect and read. Members keep their input order.
    Network failures become ``Member.error`` texts; nothing is raised for them. Raises
    ValueError for a timeout ``check_timeout`` refuses.
    """
    check_timeout(timeout)
    targets = [t for e in ensembles for t in e.members]
    if targets:
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(targets))) as pool:
            answers = list(pool.map(lambda t: probe_member(t, timeout), targets))
    else:
        answers = []
    report = ProbeReport()
    pos = 0
    for ens in ensembles:
        members = answers[pos : pos + len(ens.members)]
        pos += len(ens.members)
        voters = ens.participants
        if voters is None:
            voters = sum(1 for t in ens.members if t.participant)
        split = sum(1 for m in members if m.mode == "leader") > 1
        report.ensembles.append(
            ProbeEnsemble(
                quorum=has_quorum(members, voters),
                members=members,
                label=ens.label,
                split_brain=split,
            )
        )
    return report
