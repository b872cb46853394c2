"""Every rule, in one table: one file per rule (or per small family named by its codes)."""

from __future__ import annotations

import importlib

from neoha_config.registry import Rule
from neoha_config.rules.nha001_unreadable import unreadable
from neoha_config.rules.nha002_malformed_escape import malformed_escape
from neoha_config.rules.nha006_encoding import encoding
from neoha_config.rules.nha007_no_node import no_node
from neoha_config.rules.nha008_misnamed_server import misnamed_server
from neoha_config.rules.nha009_parser_disagreement import parser_disagreement
from neoha_config.rules.nha010_unused_suppression import unused_suppression
from neoha_config.rules.nha109_loopback_ha_server import loopback_ha_server
from neoha_config.rules.nha301_duplicate_machine_id import duplicate_machine_id
from neoha_config.rules.nha302_different_coordinators import different_coordinators
from neoha_config.rules.nha303_unknown_coordinator import unknown_coordinator
from neoha_config.rules.nha304_missing_coordinator import missing_coordinator
from neoha_config.rules.nha305_different_server_lines import different_server_lines
from neoha_config.rules.nha306_duplicate_myid import duplicate_myid
from neoha_config.rules.nha307_different_timing import different_timing
from neoha_config.rules.nha308_single_mode_member import single_mode_member
from neoha_config.rules.nha309_port_clash import port_clash
from neoha_config.rules.nha310_session_timeout_clamped import session_timeout_clamped
from neoha_config.rules.nha311_shared_cluster_name import shared_cluster_name
from neoha_config.rules.nha401_multiple_masters import multiple_masters
from neoha_config.rules.nha402_port_mismatch import port_mismatch
from neoha_config.rules.nha403_info_already_present import info_already_present

_LEGACY_MODULES = (
    "coordinator",
    "database",
    "dbaddresses",
    "dbvalues",
    "keys",
    "quorum",
    "servers",
)
for _name in _LEGACY_MODULES:
    importlib.import_module(f"neoha_config.rules.{_name}")

RULES: tuple[Rule, ...] = (
    unreadable,
    malformed_escape,
    encoding,
    no_node,
    misnamed_server,
    parser_disagreement,
    unused_suppression,
    loopback_ha_server,
    duplicate_machine_id,
    different_coordinators,
    unknown_coordinator,
    missing_coordinator,
    different_server_lines,
    duplicate_myid,
    different_timing,
    single_mode_member,
    port_clash,
    session_timeout_clamped,
    shared_cluster_name,
    multiple_masters,
    port_mismatch,
    info_already_present,
)
"""Every ported rule. The table is explicit: a rule not listed here never runs."""
