"""Ensemble rules (NHA305, NHA306, NHA307, NHA310): one ensemble's members, and its timeouts."""

from __future__ import annotations

from collections.abc import Iterator

from neoha_config import topology
from neoha_config.diagnostics import Diagnostic, Location, Severity
from neoha_config.models.coord import PeerType, ServerLine
from neoha_config.models.values import ServerMode
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.registry import define
from neoha_config.rules._clusterfacts import majority, mode
from neoha_config.topology import Ensemble, HACluster, Topology, key_location
from neoha_config.tree import FileRole, Node

DIFFERENT_SERVER_LINES = define(
    "NHA305",
    Severity.ERROR,
    "coordinators of one ensemble have different server.N sets",
    """
    **What:** the coordinators of one ensemble (coordinators whose `server.N` lines share a
    `host:quorumPort`) do not all carry the same `server.N` block. Lines are compared by id,
    host (`localhost`, `127.x.x.x` and `::1` as one, names in any case), quorum port, election
    port and peer type.

    **Why:** each coordinator votes and counts its quorum from its own list. The shipped
    `coord.cfg` and the ZooKeeper admin guide both ask for the same server list in every file;
    with different lists the members disagree on the quorum size and on where to reach each
    other, which at worst lets two halves each elect a leader (split brain).

    **How to fix:** copy one `server.N` block into every `coord.cfg`. The block that most
    coordinators use is taken as the intended one; each coordinator that differs is reported
    at its first differing line, with the lines it disagrees with as related sites.

    **Example:**

    ```properties
    # zk1 and zk2
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2888:3888
    # zk3 (reported: server.3 differs)
    server.1=zk1:2888:3888
    server.2=zk2:2888:3888
    server.3=zk3:2889:3889
    ```
    """,
)

DUPLICATE_MYID = define(
    "NHA306",
    Severity.ERROR,
    "two coordinators of one ensemble have the same myid",
    """
    **What:** two coordinators of one ensemble read the same id from their `myid` files.

    **Why:** a coordinator's `myid` says which `server.N` line is its own: the one it binds
    and votes as. Two coordinators with one id both claim one line, so one member is never
    started and the ensemble is a member short (or the two fight for the same ports). `myid`s
    are unrelated to `ha.server_id` (NHA301 checks those).

    **How to fix:** write into each coordinator's `<dataDir>/myid` the N of its own
    `server.N` line (`echo 2 > data/coordinator/myid`).

    **Example:**

    ```text
    zk1/data/coordinator/myid: 1
    zk2/data/coordinator/myid: 1   # reported: should be 2
    ```
    """,
)

DIFFERENT_TIMING = define(
    "NHA307",
    Severity.WARNING,
    "coordinators of one ensemble differ in tickTime, initLimit or syncLimit",
    """
    **What:** the coordinators of one ensemble set `tickTime` (3000 unless set), `initLimit`
    or `syncLimit` to different values.

    **Why:** ZooKeeper tolerates it, but the limits are counted in ticks of the leader, and
    session timeout bounds (2 and 20 ticks) then depend on which member a client reaches:
    behaviour changes with every leader election. Keep the timing identical across the
    ensemble.

    **How to fix:** use the value most coordinators use on all of them; each coordinator that
    differs is reported at its setting, with a coordinator of the common value as related site.
    Unset `initLimit`/`syncLimit` are NHA203's business and not compared here.

    **Example:**

    ```properties
    # zk1, zk2: tickTime=2000   zk3: tickTime=3000 (reported)
    ```
    """,
)

SESSION_TIMEOUT_CLAMPED = define(
    "NHA310",
    Severity.WARNING,
    "ha.zk_session_timeout outside [2 x tickTime, 20 x tickTime] of the ensemble: clamped",
    """
    **What:** a database node's `ha.zk_session_timeout` (milliseconds, Neo4j 1.7+) lies
    outside the session timeout range of a coordinator of the ensemble its cluster uses:
    `[minSessionTimeout, maxSessionTimeout]`, by default `[2 x tickTime, 20 x tickTime]`.
    Checked only for nodes of a cluster whose ensemble is in the tree, and not for nodes in
    single mode.

    **Why:** the ZooKeeper server silently clamps a requested session timeout into its range.
    The node believes its session lasts what it asked for, but it expires earlier or later.
    With the shipped `tickTime=3000`, the 1.7/1.8 default of 5000 ms becomes 6000 ms. An
    explicit setting is a warning; the default is reported as `info`, since releases before
    1.7 have no such setting.

    **How to fix:** choose a timeout inside the range, or adjust `tickTime` or
    `minSessionTimeout`/`maxSessionTimeout` on every coordinator.

    **Example:**

    ```properties
    # coord.cfg: tickTime=3000 -> range 6000..60000 ms
    ha.zk_session_timeout=90000   # reported: becomes 60000
    ```
    """,
)


def check_ensembles(topo: Topology) -> Iterator[Diagnostic]:
    """NHA305 to NHA307 within each ensemble of ``topo``, NHA310 for each cluster that uses
    one; run by the cluster check. Yields findings; never raises on content."""
    for ens in topo.ensembles:
        if len(ens.coordinators) > 1:
            yield from _different_server_lines(ens)
            yield from _duplicate_myids(ens)
            yield from _different_timing(ens)
    for cluster in topo.clusters:
        if cluster.ensemble is not None:
            yield from _session_timeouts(cluster, cluster.ensemble)


# --- NHA305, NHA306, NHA307: within one ensemble ----------------------------------------------

_LineKey = tuple[int, str, int, int | None, PeerType]


def _line_key(line: ServerLine) -> _LineKey:
    return (
        line.id,
        topology.host_key(line.host),
        line.quorum_port,
        line.election_port,
        line.peer_type,
    )


def _different_server_lines(ens: Ensemble) -> Iterator[Diagnostic]:
    blocks: list[tuple[Node, dict[int, ServerLine], frozenset[_LineKey]]] = []
    for node in ens.coordinators:
        servers = node.coord.servers if node.coord is not None else {}
        blocks.append((node, servers, frozenset(_line_key(line) for line in servers.values())))
    common = majority([block for _, _, block in blocks])
    holders = [(n, s) for n, s, b in blocks if b == common]
    if len(holders) == len(blocks):
        return
    ref, ref_servers = holders[0]
    for node, servers, block in blocks:
        if block == common:
            continue
        changed = sorted(
            sid
            for sid in servers
            if sid in ref_servers and _line_key(servers[sid]) != _line_key(ref_servers[sid])
        )
        extra = sorted(set(servers) - set(ref_servers))
        lacking = sorted(set(ref_servers) - set(servers))
        diff = [
            f"server.{sid}={servers[sid]} where {ref.name} has {ref_servers[sid]}"
            for sid in changed
        ]
        diff += [f"server.{sid}={servers[sid]} that {ref.name} lacks" for sid in extra]
        diff += [f"no server.{sid} ({ref.name} has {ref_servers[sid]})" for sid in lacking]
        first = min(changed + extra, default=min(servers, default=None))
        key = f"server.{first}" if first is not None else None
        yield DIFFERENT_SERVER_LINES.diag(
            key_location(node, FileRole.COORD, key),
            f"coordinator {node.name} of {ens.label} has a different server.N block than "
            f"{len(holders)} of its {len(blocks)} coordinators (e.g. {ref.name}): "
            + "; ".join(diff),
            node=node.name,
            key=key,
            related=[
                key_location(ref, FileRole.COORD, f"server.{sid}")
                for sid in sorted(set(changed) | set(lacking))
            ]
            or [key_location(ref, FileRole.COORD)],
            group=ens.label,
        )


def _myid_location(node: Node) -> Location:
    source = node.files.get(FileRole.MYID)
    return source.loc() if source is not None else key_location(node, FileRole.COORD)


def _duplicate_myids(ens: Ensemble) -> Iterator[Diagnostic]:
    first: dict[int, Node] = {}
    for node in ens.coordinators:
        if node.myid is None:
            continue
        owner = first.setdefault(node.myid.value, node)
        if owner is node:
            continue
        yield DUPLICATE_MYID.diag(
            _myid_location(node),
            f"myid {node.myid.value} of coordinator {node.name} is also the myid of coordinator "
            f"{owner.name} in {ens.label}: both claim the line server.{node.myid.value}, so "
            "one member of the ensemble never runs",
            node=node.name,
            related=[_myid_location(owner)],
            group=ens.label,
        )


_TIMING = (("tick_time", "tickTime"), ("init_limit", "initLimit"), ("sync_limit", "syncLimit"))


def _different_timing(ens: Ensemble) -> Iterator[Diagnostic]:
    for attr, key in _TIMING:
        values: list[tuple[Node, int, bool]] = []
        for node in ens.coordinators:
            coord = node.coord
            if coord is None:
                continue
            value = getattr(coord, attr)
            if value is None:
                if key != "tickTime" or coord.location(key) is not None:
                    continue  # unset limits are NHA203's, rejected values NHA201's
                values.append((node, coord.effective_tick_time, True))
            else:
                values.append((node, value, False))
        if len(values) < 2:
            continue
        common = majority([v for _, v, _ in values])
        holders = [n for n, v, _ in values if v == common]
        if len(holders) == len(values):
            continue
        ref = holders[0]
        for node, value, default in values:
            if value == common:
                continue
            setting = f"{key} is unset ({value})" if default else f"{key}={value}"
            yield DIFFERENT_TIMING.diag(
                key_location(node, FileRole.COORD, key),
                f"coordinator {node.name}: {setting}, but {len(holders)} of the {len(values)} "
                f"coordinators of {ens.label} (e.g. {ref.name}) use {key}={common}",
                node=node.name,
                key=key,
                related=[key_location(ref, FileRole.COORD, key)],
                group=ens.label,
            )


# --- NHA310: session timeout against the ensemble's bounds -------------------------------------


def _session_bounds(node: Node) -> tuple[int, int, str, Location] | None:
    """(min, max, how they come about, where) of a coordinator; None when unknown or invalid."""
    coord = node.coord
    if coord is None:
        return None
    for key, value in (
        ("tickTime", coord.tick_time),
        ("minSessionTimeout", coord.min_session_timeout),
        ("maxSessionTimeout", coord.max_session_timeout),
    ):
        if value is None and coord.location(key) is not None:
            return None  # a rejected value: NHA201/NHA111 report it, the bounds are unknown
    tick = coord.effective_tick_time
    if tick <= 0:
        return None
    low_set = coord.min_session_timeout is not None and coord.min_session_timeout != -1
    high_set = coord.max_session_timeout is not None and coord.max_session_timeout != -1
    low = coord.min_session_timeout if low_set and coord.min_session_timeout else 2 * tick
    high = coord.max_session_timeout if high_set and coord.max_session_timeout else 20 * tick
    if low > high:
        return None  # NHA209
    if low_set and high_set:
        how = f"minSessionTimeout={low}, maxSessionTimeout={high}"
    elif low_set:
        how = f"minSessionTimeout={low}, 20 x tickTime={tick}"
    elif high_set:
        how = f"2 x tickTime={tick}, maxSessionTimeout={high}"
    else:
        how = f"2 and 20 x tickTime={tick}"
    key = "tickTime" if not (low_set or high_set) else "minSessionTimeout"
    if not low_set and high_set:
        key = "maxSessionTimeout"
    return low, high, how, key_location(node, FileRole.COORD, key)


def _session_timeouts(cluster: HACluster, ens: Ensemble) -> Iterator[Diagnostic]:
    bounds = [(c, b) for c in ens.coordinators if (b := _session_bounds(c)) is not None]
    if not bounds:
        return
    key = "ha.zk_session_timeout"
    for node in cluster.nodes:
        db = node.database
        if db is None or mode(node) is ServerMode.SINGLE:
            continue
        if db.zk_session_timeout is not None:
            timeout, explicit = db.zk_session_timeout, True
        elif db.location(key) is not None:
            continue  # rejected value (NHA111)
        else:
            timeout, explicit = DEFAULT_ZK_SESSION_TIMEOUT, False
        for coord, (low, high, how, where) in bounds:
            if low <= timeout <= high:
                continue
            clamped = low if timeout < low else high
            setting = (
                f"{key}={timeout}"
                if explicit
                else f"{key} is unset, so Neo4j 1.7+ asks for {timeout}"
            )
            yield SESSION_TIMEOUT_CLAMPED.diag(
                key_location(node, FileRole.DATABASE, key),
                f"node {node.name}: {setting} ms, outside the session timeout range "
                f"{low}..{high} ms of coordinator {coord.name} ({how}) of {ens.label}: "
                f"ZooKeeper silently makes it {clamped} ms",
                severity=None if explicit else Severity.INFO,
                node=node.name,
                key=key,
                related=[where],
                group=cluster.label,
            )
            break
