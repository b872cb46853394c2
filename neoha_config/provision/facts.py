"""Names provisioning writes by: paths below a NEO4J_HOME, current and pre-1.5 key names,
releases. Every other key name and default is in ``neoha_config.names``."""

from __future__ import annotations

from neoha_config import names
from neoha_config.catalogue._spec import NEO4J_RELEASES

# Files of a NEO4J_HOME, relative to the home.
SERVER_FILE = f"{names.CONF_DIR}/{names.SERVER_FILE}"
DATABASE_FILE = names.DEFAULT_TUNING
COORD_FILE = f"{names.CONF_DIR}/{names.COORD_FILE}"
MYID_FILE = f"{names.COORD_DATA_DIR}/{names.MYID_FILE}"

SERVER_ID_KEY, _LEGACY_ID_KEY = names.ID_KEYS
COORDINATORS_KEY, _LEGACY_COORDINATORS_KEY = names.COORD_KEYS
# Pre-1.5 name of a setting -> its current name; both set at once is NHA104.
LEGACY_NAMES = {_LEGACY_ID_KEY: SERVER_ID_KEY, _LEGACY_COORDINATORS_KEY: COORDINATORS_KEY}
CURRENT_NAMES = {new: old for old, new in LEGACY_NAMES.items()}
# Keys that only a coordinator-based release (1.3-1.8) reads.
COORDINATOR_KEYS = frozenset(names.COORD_KEYS)

RELEASES = NEO4J_RELEASES
# Neo4j 1.9 replaced the coordinators with its own cluster protocol: ha.initial_hosts and
# ha.cluster_server say where the members of a cluster meet, and the coordinator keys go.
FIRST_RELEASE_WITHOUT_COORDINATORS = "1.9"


def release_has_coordinators(release: str) -> bool:
    """True for the releases whose HA runs on ZooKeeper coordinators (1.3-1.8)."""
    return RELEASES.index(release) < RELEASES.index(FIRST_RELEASE_WITHOUT_COORDINATORS)
