"""Names and defaults of Neo4j 1.x and its coordinator: files, directories, keys, ports."""

from __future__ import annotations

# --- files and directories, relative to NEO4J_HOME -----------------------------------------
CONF_DIR = "conf"
SERVER_FILE = "neo4j-server.properties"
DATABASE_FILE = "neo4j.properties"
COORD_FILE = "coord.cfg"
MYID_FILE = "myid"
MISNAMED_SERVER_FILE = "neo-server.properties"
COORD_DATA_DIR = "data/coordinator"
DEFAULT_TUNING = f"{CONF_DIR}/{DATABASE_FILE}"
DEFAULT_DATABASE_LOCATION = "data/graph.db"

# --- keys -----------------------------------------------------------------------------------
SERVER_PREFIX = "org.neo4j.server."
MODE_KEY = "org.neo4j.server.database.mode"
TUNING_KEY = "org.neo4j.server.db.tuning.properties"
LOCATION_KEY = "org.neo4j.server.database.location"
WEB_PORT_KEY = "org.neo4j.server.webserver.port"
HTTPS_PORT_KEY = "org.neo4j.server.webserver.https.port"
ID_KEYS = ("ha.server_id", "ha.machine_id")  # (preferred, legacy)
COORD_KEYS = ("ha.coordinators", "ha.zoo_keeper_servers")  # (preferred, legacy)
CLUSTER_NAME_KEY = "ha.cluster_name"
HA_SERVER_KEY = "ha.server"
PULL_INTERVAL_KEY = "ha.pull_interval"
SESSION_TIMEOUT_KEY = "ha.zk_session_timeout"
INITIAL_HOSTS_KEY = "ha.initial_hosts"  # 1.9: where the members of a cluster meet
CLUSTER_SERVER_KEY = "ha.cluster_server"  # 1.9: the member's cluster endpoint
CLIENT_PORT_KEY = "clientPort"
RAW_SERVER_KEYS = frozenset({MODE_KEY, TUNING_KEY})
"""The server-file keys the 1.x start-up preflight reads with ``java.util.Properties`` (raw,
last one winning); the server reads every other key with Commons Configuration (trimmed)."""
HA_NAMESPACES = ("ha.", "online_backup", "enable_online_backup")
"""Key prefixes of the database file that Neo4j owns: an unknown key there is NHA004."""

# --- defaults -------------------------------------------------------------------------------
DEFAULT_CLUSTER_NAME = "neo4j.ha"
DEFAULT_HA_PORT = 6361
DEFAULT_BACKUP_PORT = 6362
DEFAULT_SHELL_PORT = 1337
DEFAULT_WEB_PORT = 7474
DEFAULT_HTTPS_PORT = 7473
DEFAULT_CLUSTER_PORT = 5001  # 1.9 ha.cluster_server, first of 5001-5099
DEFAULT_ZK_SESSION_TIMEOUT = 5000  # ms, what Neo4j 1.3-1.8 ask the coordinators for
DEFAULT_TICK_TIME = 3000
"""tickTime (ms) when ``coord.cfg`` sets none: ZooKeeper's ``ZooKeeperServer.DEFAULT_TICK_TIME``
(3.3 to 3.8), also the value Neo4j's shipped ``coord.cfg`` sets."""
DEFAULT_ADMIN_PORT = 8080  # ZooKeeper 3.5+ AdminServer
