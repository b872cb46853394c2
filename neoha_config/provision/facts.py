"""Facts provisioning shares with the checker: file and key names, listeners, session timeouts."""

from __future__ import annotations

from dataclasses import dataclass

from neoha_config import names
from neoha_config.catalogue._spec import NEO4J_RELEASES
from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
from neoha_config.names import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.profile import Profile

# Files of a NEO4J_HOME, relative to the home.
SERVER_FILE = f"{names.CONF_DIR}/{names.SERVER_FILE}"
DATABASE_FILE = names.DEFAULT_TUNING
COORD_FILE = f"{names.CONF_DIR}/{names.COORD_FILE}"
MYID_FILE = f"{names.COORD_DATA_DIR}/{names.MYID_FILE}"
COORDINATOR_DATA_DIR = names.COORD_DATA_DIR
DATABASE_LOCATION = names.DEFAULT_DATABASE_LOCATION

SERVER_PREFIX = names.SERVER_PREFIX
MODE_KEY = names.MODE_KEY
TUNING_KEY = names.TUNING_KEY
LOCATION_KEY = names.LOCATION_KEY
WEB_PORT_KEY = names.WEB_PORT_KEY

SERVER_ID_KEY, _LEGACY_ID_KEY = names.ID_KEYS
COORDINATORS_KEY, _LEGACY_COORDINATORS_KEY = names.COORD_KEYS
HA_SERVER_KEY = names.HA_SERVER_KEY
CLUSTER_NAME_KEY = names.CLUSTER_NAME_KEY
PULL_INTERVAL_KEY = names.PULL_INTERVAL_KEY
SESSION_TIMEOUT_KEY = names.SESSION_TIMEOUT_KEY
# Neo4j 1.9 replaced the coordinators with its own cluster protocol: these two say where the
# members of a cluster meet, and the coordinator keys go.
INITIAL_HOSTS_KEY = names.INITIAL_HOSTS_KEY
CLUSTER_SERVER_KEY = names.CLUSTER_SERVER_KEY
DEFAULT_CLUSTER_PORT = names.DEFAULT_CLUSTER_PORT

# Pre-1.5 name of a setting -> its current name; both set at once is NHA104.
LEGACY_NAMES = {_LEGACY_ID_KEY: SERVER_ID_KEY, _LEGACY_COORDINATORS_KEY: COORDINATORS_KEY}
CURRENT_NAMES = {new: old for old, new in LEGACY_NAMES.items()}
# Keys that only a coordinator-based release (1.3-1.8) reads.
COORDINATOR_KEYS = frozenset(names.COORD_KEYS)

CLIENT_PORT_KEY = names.CLIENT_PORT_KEY
RELEASES = NEO4J_RELEASES
FIRST_RELEASE_WITHOUT_COORDINATORS = "1.9"

# Session timeouts: ZooKeeper grants a client between 2 and 20 ticks unless the coordinator
# sets minSessionTimeout/maxSessionTimeout, and clamps silently outside (NHA310).
MIN_SESSION_TICKS = 2
MAX_SESSION_TICKS = 20


def release_has_coordinators(release: str) -> bool:
    """True for the releases whose HA runs on ZooKeeper coordinators (1.3-1.8)."""
    return RELEASES.index(release) < RELEASES.index(FIRST_RELEASE_WITHOUT_COORDINATORS)


@dataclass(frozen=True, slots=True)
class SessionBounds:
    """The session timeouts (ms) a coordinator grants, from its tick time and explicit limits."""

    tick: int
    low: int
    high: int

    def allows(self, timeout: int) -> bool:
        """True when ZooKeeper grants ``timeout`` as asked, without clamping it."""
        return self.low <= timeout <= self.high


def session_bounds(coord: CoordConfig) -> SessionBounds:
    """The [low, high] session timeouts ``coord`` grants (unset, -1 or 0: 2 and 20 ticks).

    As ``check`` (NHA310) and ZooKeeper 3.3 read them, only -1 means unset: any other negative
    limit is the limit itself."""
    tick = coord.effective_tick_time
    low = coord.min_session_timeout
    high = coord.max_session_timeout
    return SessionBounds(
        tick=tick,
        low=low if low not in (None, -1, 0) else MIN_SESSION_TICKS * tick,
        high=high if high not in (None, -1, 0) else MAX_SESSION_TICKS * tick,
    )


def session_timeout(database: DatabaseSettings) -> int:
    """The session timeout (ms) a database node asks its coordinators for."""
    return database.zk_session_timeout or DEFAULT_ZK_SESSION_TIMEOUT


def listeners(
    *,
    server: ServerSettings | None = None,
    database: DatabaseSettings | None = None,
    coord: CoordConfig | None = None,
    myid: MyId | None = None,
    profile: Profile = Profile.ZK33,
) -> list[tuple[str, int]]:
    """Every (listener, port) a home binds, defaults included: web/https for the server file,
    ha.server/backup/shell for the database file, client/quorum/election (and the 3.5+
    AdminServer under a modern profile) for a coordinator."""
    out: list[tuple[str, int]] = []
    if server is not None:
        out.append(("web", server.effective_web_port))
        https = server.effective_https_port
        if https is not None:
            out.append(("https", https))
    if database is not None:
        out.append(("ha.server", database.effective_ha_port))
        for label, port in (("backup", database.backup_port), ("shell", database.shell_port)):
            if port is not None:
                out.append((label, port))
    if coord is not None:
        if coord.client_port is not None:
            out.append(("client", coord.client_port))
        line = coord.servers.get(myid.value) if myid is not None else None
        if line is not None:
            out.append(("quorum", line.quorum_port))
            if line.election_port is not None:
                out.append(("election", line.election_port))
        admin = coord.admin_port
        if profile.modern and admin is not None:
            out.append(("admin", admin))
    return out
