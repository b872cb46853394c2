"""Names provisioning writes by, as paths below a NEO4J_HOME and keys, and its releases."""

from __future__ import annotations

from neoha_config import names
from neoha_config.catalogue._spec import NEO4J_RELEASES

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


def release_has_coordinators(release: str) -> bool:
    """True for the releases whose HA runs on ZooKeeper coordinators (1.3-1.8)."""
    return RELEASES.index(release) < RELEASES.index(FIRST_RELEASE_WITHOUT_COORDINATORS)
