"""What the database node rules share: key names, the keys each value rule owns, the mode."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from neoha_config.diagnostics import Location
from neoha_config.models.plain import ServerMode
from neoha_config.names import (
    CLUSTER_NAME_KEY,
    COORD_KEYS,
    HA_SERVER_KEY,
    HTTPS_PORT_KEY,
    ID_KEYS,
    MODE_KEY,
    WEB_PORT_KEY,
)
from neoha_config.records import dataclass
from neoha_config.tree import FileRole, Node, Site

PORT_KEYS = (
    WEB_PORT_KEY,
    HTTPS_PORT_KEY,
    "online_backup_port",
    "enable_online_backup",
    "remote_shell_port",
    "enable_remote_shell",
)
VALUE_KEYS: dict[str, tuple[str, ...]] = {
    "NHA101": (MODE_KEY,),
    "NHA103": ID_KEYS,
    "NHA105": COORD_KEYS,
    "NHA107": (CLUSTER_NAME_KEY,),
    "NHA108": (HA_SERVER_KEY,),
    "NHA110": PORT_KEYS,
}
"""The keys whose rejected values each value rule reports; NHA111 reports every other key."""

OWNED_KEYS = frozenset(key for keys in VALUE_KEYS.values() for key in keys)


def server_mode(node: Node) -> tuple[ServerMode | None, Site | None]:
    """The node's effective server mode and the mode line, or (None, ...) when the mode is
    unknown: no server file, or a mode value the server rejects (NHA101 says so)."""
    source = node.files.get(FileRole.SERVER)
    if source is None or source.document is None or node.server is None:
        return None, None
    site = source.site(MODE_KEY)
    if site is not None and site.value.lower() not in ("ha", "single"):
        return None, site
    return node.server.effective_mode, site


def file_site(node: Node, role: FileRole, key: str) -> Site | None:
    """Where ``key`` wins in the node's ``role`` file, or None."""
    source = node.files.get(role)
    return source.site(key) if source is not None else None


def rejected_values(node: Node, owns: Callable[[str], bool]) -> Iterator[Rejected]:
    """Each value the models rejected in the node's server and database files whose key
    ``owns`` accepts, located at the winning entry (or the file, when it is not found)."""
    for role in (FileRole.SERVER, FileRole.DATABASE):
        source = node.files.get(role)
        if source is None:
            continue
        for issue in node.value_issues.get(role, ()):
            if owns(issue.key):
                where = issue.location or source.loc()
                yield Rejected(issue.key, issue.value, issue.message, where, source.display)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A value a model rejected: the key, the raw value, the model's reason, where, which file."""

    key: str
    value: str
    reason: str
    location: Location
    file: str

    @property
    def shown(self) -> str:
        """``key = 'value'``, as findings start."""
        return f"{self.key} = {self.value!r}"

    @property
    def model_reason(self) -> str:
        """The model's reason, worded for a message."""
        return self.reason.replace("Input should be", "must be")
