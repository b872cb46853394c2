"""The arguments of ``plan()``, checked: host lists, ports, names, limits and extra settings."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping, Sequence

from neoha_config.errors import NeohaConfigError
from neoha_config.hosts import LOOPBACK, host_key
from neoha_config.models.values import CLUSTER_NAME_PATTERN, PORT_MAX, PORT_MIN, is_valid_host
from neoha_config.profile import Profile

MAX_COORDINATORS = 255  # the ZooKeeper admin guide's myid range is 1-255


def check_hosts(hosts: Sequence[str], what: str) -> list[str]:
    if isinstance(hosts, str):
        raise NeohaConfigError(f"{what} must be a list of hosts, not the string {hosts!r}")
    if not isinstance(hosts, Sequence):
        raise TypeError(f"{what} must be a list of host names, not {type(hosts).__name__}")
    out = list(hosts)
    if not out:
        raise NeohaConfigError(f"no {what} given: a cluster needs at least one")
    for index, host in enumerate(out, 1):
        if not isinstance(host, str) or not is_valid_host(host):
            raise NeohaConfigError(f"{what}: entry {index}, {host!r}, is not a valid host name")
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            continue
        if address.version == 6:
            # ha.server is split at the first ':' and ZooKeeper 3.3 has no [v6] syntax.
            raise NeohaConfigError(
                f"{what}: entry {index}, {host!r}, is an IPv6 address, which Neo4j 1.x "
                "(ha.server) and the bundled ZooKeeper 3.3 cannot parse; use a host name"
            )
        if address.is_unspecified:
            raise NeohaConfigError(
                f"{what}: entry {index}, {host!r}, is the wildcard address; "
                "peers need an address they can reach"
            )
    return out


def check_port(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not PORT_MIN <= value <= PORT_MAX:
        raise NeohaConfigError(f"{what} {value!r} is not a port in {PORT_MIN}-{PORT_MAX}")
    return value


def check_inputs(
    db_hosts: Sequence[str],
    coordinator_hosts: Sequence[str],
    *,
    cluster_name: str,
    profile: Profile | str,
    limits: tuple[int, int, int],
    allow_poor_fault_tolerance: bool,
) -> tuple[list[str], list[str], Profile]:
    dbs = check_hosts(db_hosts, "database hosts")
    coords = check_hosts(coordinator_hosts, "coordinator hosts")
    try:
        chosen = Profile(profile)
    except ValueError:
        raise NeohaConfigError(f"unknown ZooKeeper profile {profile!r}: use 3.3 or 3.8") from None
    if not isinstance(cluster_name, str) or not re.match(CLUSTER_NAME_PATTERN, cluster_name):
        raise NeohaConfigError(
            f"cluster name {cluster_name!r} must be non-empty letters, digits, '.', '-' or '_'",
            key="ha.cluster_name",
        )
    for label, value in zip(("tick_time", "init_limit", "sync_limit"), limits, strict=True):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise NeohaConfigError(f"{label} must be a positive integer, not {value!r}")
    identities = {host_key(h) for h in [*dbs, *coords]}
    if LOOPBACK in identities and len(identities) > 1:
        others = sorted(identities - {LOOPBACK})
        raise NeohaConfigError(
            f"loopback hosts are mixed with other hosts ({', '.join(others)}): nodes there "
            "could not reach a node that publishes a loopback address; use real host names"
        )
    if len(coords) > MAX_COORDINATORS:
        raise NeohaConfigError(
            f"{len(coords)} coordinator hosts: ZooKeeper ids (myid) run from 1 to "
            f"{MAX_COORDINATORS}"
        )
    if (len(coords) < 3 or len(coords) % 2 == 0) and not allow_poor_fault_tolerance:
        raise NeohaConfigError(
            f"{len(coords)} coordinator hosts give poor fault tolerance (NHA208): an ensemble "
            "needs an odd number of at least 3; pass allow_poor_fault_tolerance=True "
            "(--allow-poor-fault-tolerance) to plan it anyway"
        )
    return dbs, coords, chosen


def check_extra(
    extra: Mapping[str, Mapping[str, str]] | None, databases: int, coordinators: int
) -> dict[str, Mapping[str, str]]:
    if extra is None:
        return {}
    if not isinstance(extra, Mapping):
        raise TypeError(f"extra must map home names to settings, not {type(extra).__name__}")
    names = {f"db{i}" for i in range(1, databases + 1)}
    names |= {f"coord{i}" for i in range(1, coordinators + 1)}
    unknown = sorted(str(k) for k in extra if k not in names)
    if unknown:
        raise NeohaConfigError(f"extra settings for homes the plan does not have: {unknown}")
    for home, settings in extra.items():
        if not isinstance(settings, Mapping):
            raise TypeError(
                f"extra[{home!r}] must map keys to string values, not {type(settings).__name__}"
            )
        for key, value in settings.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise TypeError(
                    f"extra[{home!r}]: setting {key!r} = {value!r}: keys and values must be "
                    "strings (write numbers and booleans as Neo4j reads them, e.g. '7474')"
                )
    return dict(extra)
