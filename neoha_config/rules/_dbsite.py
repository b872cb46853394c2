"""Helpers shared by the database node rule modules: key names and where a key is set."""

from __future__ import annotations

from dataclasses import dataclass

from neoha_config.diagnostics import Location
from neoha_config.tree import SourceFile

MODE_KEY = "org.neo4j.server.database.mode"
TUNING_KEY = "org.neo4j.server.db.tuning.properties"
ID_KEYS = ("ha.server_id", "ha.machine_id")  # (preferred, legacy)
COORD_KEYS = ("ha.coordinators", "ha.zoo_keeper_servers")  # (preferred, legacy)


@dataclass(frozen=True, slots=True)
class Site:
    """A key's winning entry in one file, as a location and its raw value."""

    key: str
    value: str
    location: Location


def find_site(source: SourceFile | None, key: str) -> Site | None:
    """The winning entry of ``key`` in ``source``, or None when the file, its document or the
    key is absent. Raises nothing."""
    if source is None or source.document is None:
        return None
    entry = source.document.get(key)
    if entry is None:
        return None
    return Site(key, entry.value, source.loc(entry.line, entry.column))


def file_loc(source: SourceFile) -> Location:
    """The location of ``source`` as a whole: its first line and column."""
    return source.loc(1, 1)
