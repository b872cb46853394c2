"""Facts provisioning shares with the checker: file and key names, listeners, session timeouts."""

from __future__ import annotations

from dataclasses import dataclass

from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
from neoha_config.models.database import DEFAULT_ZK_SESSION_TIMEOUT
from neoha_config.profile import Profile

# Files of a NEO4J_HOME, relative to the home.
SERVER_FILE = "conf/neo4j-server.properties"
DATABASE_FILE = "conf/neo4j.properties"
COORD_FILE = "conf/coord.cfg"
MYID_FILE = "data/coordinator/myid"
COORDINATOR_DATA_DIR = "data/coordinator"
DATABASE_LOCATION = "data/graph.db"

SERVER_PREFIX = "org.neo4j.server."
MODE_KEY = SERVER_PREFIX + "database.mode"
TUNING_KEY = SERVER_PREFIX + "db.tuning.properties"
LOCATION_KEY = SERVER_PREFIX + "database.location"
WEB_PORT_KEY = SERVER_PREFIX + "webserver.port"

SERVER_ID_KEY = "ha.server_id"
COORDINATORS_KEY = "ha.coordinators"
HA_SERVER_KEY = "ha.server"
CLUSTER_NAME_KEY = "ha.cluster_name"
PULL_INTERVAL_KEY = "ha.pull_interval"
SESSION_TIMEOUT_KEY = "ha.zk_session_timeout"
# Neo4j 1.9 replaced the coordinators with its own cluster protocol: these two say where the
# members of a cluster meet, and the coordinator keys go.
INITIAL_HOSTS_KEY = "ha.initial_hosts"
CLUSTER_SERVER_KEY = "ha.cluster_server"
DEFAULT_CLUSTER_PORT = 5001

# Pre-1.5 name of a setting -> its current name; both set at once is NHA104.
LEGACY_NAMES = {"ha.machine_id": SERVER_ID_KEY, "ha.zoo_keeper_servers": COORDINATORS_KEY}
CURRENT_NAMES = {new: old for old, new in LEGACY_NAMES.items()}
# Keys that only a coordinator-based release (1.3-1.8) reads.
COORDINATOR_KEYS = frozenset({COORDINATORS_KEY, "ha.zoo_keeper_servers"})

CLIENT_PORT_KEY = "clientPort"
RELEASES = ("1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9")
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
    """The [low, high] session timeouts ``coord`` grants (0 or unset limits: 2 and 20 ticks)."""
    tick = coord.effective_tick_time
    low = coord.min_session_timeout or 0
    high = coord.max_session_timeout or 0
    return SessionBounds(
        tick=tick,
        low=low if low > 0 else MIN_SESSION_TICKS * tick,
        high=high if high > 0 else MAX_SESSION_TICKS * tick,
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
