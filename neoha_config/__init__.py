"""Typed models, checks and provisioning for Neo4j 1.x High Availability configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from neoha_config.lazy import exporter

__all__ = [
    "CheckOptions",
    "CheckResult",
    "CoordConfig",
    "DatabaseSettings",
    "Diagnostic",
    "Location",
    "MyId",
    "NeohaConfigError",
    "Profile",
    "ServerSettings",
    "Settings",
    "Severity",
    "check_paths",
    "check_tree",
    "load_settings",
    "load_tree",
    "plan",
    "write_plan",
]

# Public names by the module that defines them. They are imported on first use, so that
# ``import neoha_config`` (and the check hook) pays only for what it touches.
_EXPORTS = {
    "CheckOptions": "neoha_config.check",
    "check_paths": "neoha_config.check",
    "check_tree": "neoha_config.check",
    "CheckResult": "neoha_config.result",
    "CoordConfig": "neoha_config.models",
    "DatabaseSettings": "neoha_config.models",
    "MyId": "neoha_config.models",
    "ServerSettings": "neoha_config.models",
    "Diagnostic": "neoha_config.diagnostics",
    "Location": "neoha_config.diagnostics",
    "Severity": "neoha_config.diagnostics",
    "NeohaConfigError": "neoha_config.errors",
    "Profile": "neoha_config.profile",
    "load_tree": "neoha_config.layout",
    "Settings": "neoha_config.config",
    "load_settings": "neoha_config.config",
    "plan": "neoha_config.provision",
    "write_plan": "neoha_config.provision",
}

if TYPE_CHECKING:
    from neoha_config.check import CheckOptions, check_paths, check_tree
    from neoha_config.config import Settings, load_settings
    from neoha_config.diagnostics import Diagnostic, Location, Severity
    from neoha_config.errors import NeohaConfigError
    from neoha_config.layout import load_tree
    from neoha_config.models import CoordConfig, DatabaseSettings, MyId, ServerSettings
    from neoha_config.profile import Profile
    from neoha_config.provision import plan, write_plan
    from neoha_config.result import CheckResult


__getattr__, __dir__ = exporter("neoha_config", _EXPORTS, globals())
