"""Typed pydantic models of the four files of a Neo4j 1.x HA node."""

from __future__ import annotations

from neoha_config.models.base import SettingsModel, ValueIssue
from neoha_config.models.coord import CoordConfig, MyId, PeerType, ServerLine
from neoha_config.models.database import DatabaseSettings
from neoha_config.models.server import ServerSettings
from neoha_config.models.values import Duration, HostPort, ServerMode, ServiceSwitch

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
