"""ZooKeeper profiles: which coordinator behaviour a check follows."""

from __future__ import annotations

import enum


class Profile(enum.StrEnum):
    """The ZooKeeper release line a coordinator runs.

    ``ZK33`` is the coordinator bundled with Neo4j 1.x (ZooKeeper 3.3.2); ``ZK38`` a modern
    ensemble (ZooKeeper 3.8).
    """

    ZK33 = "3.3"
    ZK38 = "3.8"

    @property
    def modern(self) -> bool:
        """True for ZooKeeper 3.5 and later behaviour."""
        return self is Profile.ZK38


DEFAULT_PROFILE = Profile.ZK33
