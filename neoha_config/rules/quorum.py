"""Quorum peer rules (NHA203-NHA206): initLimit, syncLimit and the myid file a peer reads."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config.diagnostics import Diagnostic, Severity
from neoha_config.models.coord import MyId, java_trim
from neoha_config.models.values import parse_java_int
from neoha_config.registry import define
from neoha_config.rules._coordctx import Cfg
from neoha_config.tree import FileRole

BAD_LIMITS = define(
    "NHA203",
    Severity.ERROR,
    "more than one participant but initLimit or syncLimit missing, non-integer or not positive",
    """
    **What:** the ensemble has more than one participant and `initLimit` or `syncLimit` is
    missing, `0` or negative; or either is not an integer (reported whatever the ensemble,
    since ZooKeeper parses it anyway).

    **Why:** with a quorum ZooKeeper stops with `initLimit is not set` / `syncLimit is not set`
    when the value is 0 (the default). It lets a negative value through, but the limits are
    tick counts that followers get to connect and sync to the leader: a negative limit is never
    what was meant, so this rule reports it too. A non-integer is a `NumberFormatException`.

    **How to fix:** set both to positive tick counts (Neo4j ships `initLimit=20`,
    `syncLimit=10`), the same on every coordinator (NHA307).

    **Example:**

    ```properties
    # bad
    initLimit=0
    # good
    initLimit=20
    syncLimit=10
    ```
    """,
)

MISSING_MYID = define(
    "NHA204",
    Severity.ERROR,
    "more than one participant but no myid file",
    """
    **What:** the ensemble has more than one participant but the node has no `myid` file
    (looked up at `<dataDir>/myid`, then `<node>/myid`, then `data/coordinator/myid`). As a
    warning of this rule: a `myid` found somewhere other than `<dataDir>/myid` while `dataDir`
    is relative, where ZooKeeper will not read it.

    **Why:** in a quorum every server learns its own id from `<dataDir>/myid`; without it
    ZooKeeper stops with `<dataDir>/myid file is missing` (3.3) or `myid file is missing`
    (3.8). A relative `dataDir` resolves against the coordinator's working directory
    (NEO4J_HOME), so a `myid` elsewhere is never read.

    **How to fix:** write the number of this coordinator's own `server.N` line into
    `<dataDir>/myid` (`echo 1 > data/coordinator/myid`).

    **Example:**

    ```text
    # coord.cfg: dataDir=data/coordinator/, server.1 to server.3
    data/coordinator/myid    1
    ```
    """,
)

BAD_MYID = define(
    "NHA205",
    Severity.ERROR,
    "myid does not hold an integer on its first line with nothing else on that line",
    """
    **What:** the `myid` file is empty, or its first line is not an integer with nothing
    around it (`␠1`, `1␠`, `one`). A line ending in CRLF is fine.

    **Why:** ZooKeeper reads the first line and calls `Long.parseLong` on it without trimming:
    `serverid 1  is not a number`, `serverid null is not a number` for an empty file. ZooKeeper
    3.3 reads `myid` only with more than one participant, so there a bad file in a standalone
    coordinator is a warning; 3.5 and later read it whenever `<dataDir>/myid` exists and reject
    it even standalone (an error under `--zookeeper 3.8`).

    **How to fix:** write only the id and a newline.

    **Example:**

    ```text
    bad:  "␠1⏎"
    good: "1⏎"
    ```
    """,
)

MYID_NOT_LISTED = define(
    "NHA206",
    Severity.ERROR,
    "myid is not one of the server.N ids",
    """
    **What:** the coordinator's `myid` is not the `N` of any `server.N` line of its own
    `coord.cfg`, in an ensemble of more than one participant.

    **Why:** the configuration parses, but the coordinator dies at start with
    `java.lang.RuntimeException: My id <N> not in the peer list` (ZooKeeper 3.8 exits within a
    second). A standalone coordinator never consults the list. Ids generated with another
    numbering base (0-based myid, 1-based lines) are the classic cause.

    **How to fix:** make `myid` the number of this machine's own line.

    **Example:**

    ```text
    # coord.cfg: server.1, server.2, server.3
    bad:  myid = 0
    good: myid = 1
    ```
    """,
)


def check_limits(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA203 for initLimit and syncLimit: not integers, or unset/0/negative in a quorum."""
    name = cfg.node.name
    quorum = cfg.distributed
    for key in ("initLimit", "syncLimit"):
        entry = cfg.entry(key)
        if entry is None:
            if quorum:
                yield BAD_LIMITS.diag(
                    cfg.source.loc(),
                    f"{len(cfg.participants)} participants but {key} is not set: ZooKeeper "
                    f"stops with: {key} is not set",
                    node=name,
                    key=key,
                )
            continue
        text = java_trim(entry.value)
        try:
            value = parse_java_int(text)
        except ValueError:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} is not an integer: ZooKeeper parses it even without a "
                f'quorum and stops with a NumberFormatException: For input string: "{text}"',
                node=name,
                key=key,
            )
            continue
        if quorum and value == 0:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} with {len(cfg.participants)} participants: ZooKeeper "
                f"stops with: {key} is not set",
                node=name,
                key=key,
            )
        elif quorum and value < 0:
            yield BAD_LIMITS.diag(
                cfg.loc(key),
                f"{key} = {entry.value!r} is negative: ZooKeeper accepts it, but a limit is a "
                "positive number of ticks followers get to connect and sync",
                node=name,
                key=key,
            )


def check_myid(cfg: Cfg) -> Iterator[Diagnostic]:
    """NHA204 to NHA206 for the node's ``myid`` file; an unreadable one is left to NHA001."""
    node, name = cfg.node, cfg.node.name
    source = node.files.get(FileRole.MYID)
    data_dir = cfg.value("dataDir")
    if source is None:
        if cfg.distributed:
            expected = f"{data_dir.rstrip('/')}/myid" if data_dir else "<dataDir>/myid"
            said = "myid file is missing" if cfg.modern else f"{expected} file is missing"
            yield MISSING_MYID.diag(
                cfg.source.loc(),
                f"{len(cfg.participants)} participants but no myid file at {expected}: ZooKeeper "
                f"stops with: {said}",
                node=name,
                key="myid",
            )
        return
    where = source.loc()
    if not node.myid_preferred:
        yield MISSING_MYID.diag(
            where,
            f"myid found at {source.display}, where ZooKeeper will not read it: with dataDir = "
            f"{data_dir!r} it reads {data_dir.rstrip('/') if data_dir else '<dataDir>'}/myid "
            "(relative to the coordinator's working directory, NEO4J_HOME)",
            severity=Severity.WARNING,
            node=name,
            key="myid",
            related=[cfg.loc("dataDir")],
        )
    if source.data is None:
        return  # unreadable: NHA001
    try:
        myid = MyId.parse(source.data)
    except ValueError:
        first = _first_line(source.data)
        read = node.myid_preferred and (cfg.modern or cfg.distributed)
        said = (
            "serverid null is not a number"
            if first is None
            else f"serverid {first} is not a number"
        )
        shown = "the file is empty" if first is None else f"its first line is {first!r}"
        if read:
            note = f"ZooKeeper stops with: {said}"
        elif not node.myid_preferred:
            note = f"ZooKeeper does not read it here, but would stop with: {said}"
        else:
            note = (
                f"ZooKeeper 3.3 reads myid only with more than one participant; 3.5+ read it "
                f"always and stop with: {said}"
            )
        yield BAD_MYID.diag(
            where,
            f"myid: {shown}, not an integer with nothing else on the line: {note}",
            severity=Severity.ERROR if read else Severity.WARNING,
            node=name,
            key="myid",
        )
        return
    servers = cfg.servers
    if cfg.distributed and servers and myid.value not in servers:
        ids = ", ".join(str(i) for i in sorted(servers))
        yield MYID_NOT_LISTED.diag(
            where,
            f"myid = {myid.value} is not among the server.N ids of {cfg.source.display} ({ids}): "
            f"ZooKeeper stops at start with: My id {myid.value} not in the peer list",
            node=name,
            key="myid",
            related=[ln.location for ln in cfg.lines if ln.parsed is not None],
        )


def _first_line(data: bytes) -> str | None:
    """The first line as ZooKeeper's readLine sees it; None for an empty file."""
    if not data:
        return None
    text = data.decode("latin-1")
    for end in ("\r\n", "\r", "\n"):
        text = text.split(end, 1)[0]
    return text
