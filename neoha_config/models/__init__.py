"""Typed pydantic models of the four files of a Neo4j 1.x HA node.

The names are imported on first use: the checker reads files through ``models.plain`` and
``models.shapes``, which need no pydantic, and only the API's models import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.lazy import exporter

__all__ = [
    "CoordConfig",
    "DatabaseSettings",
    "Duration",
    "HostPort",
    "MyId",
    "PeerType",
    "ServerLine",
    "ServerMode",
    "ServerSettings",
    "ServiceSwitch",
    "SettingsModel",
    "ValueIssue",
]

_EXPORTS = {
    "CoordConfig": "neoha_config.models.coord",
    "MyId": "neoha_config.models.coord",
    "DatabaseSettings": "neoha_config.models.database",
    "ServerSettings": "neoha_config.models.server",
    "SettingsModel": "neoha_config.models.base",
    "ValueIssue": "neoha_config.models.shapes",
    "Duration": "neoha_config.models.plain",
    "HostPort": "neoha_config.models.plain",
    "PeerType": "neoha_config.models.plain",
    "ServerLine": "neoha_config.models.plain",
    "ServerMode": "neoha_config.models.plain",
    "ServiceSwitch": "neoha_config.models.plain",
}

if TYPE_CHECKING:
    from neoha_config.models.base import SettingsModel
    from neoha_config.models.coord import CoordConfig, MyId
    from neoha_config.models.database import DatabaseSettings
    from neoha_config.models.plain import (
        Duration,
        HostPort,
        PeerType,
        ServerLine,
        ServerMode,
        ServiceSwitch,
    )
    from neoha_config.models.server import ServerSettings
    from neoha_config.models.shapes import ValueIssue


__getattr__, __dir__ = exporter("neoha_config.models", _EXPORTS, globals())
