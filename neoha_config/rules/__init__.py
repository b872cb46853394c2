"""Every rule, in one table: one file per rule (or per small family named by its codes)."""

from __future__ import annotations

import importlib

from neoha_config.registry import Rule
from neoha_config.rules.nha001_unreadable import unreadable
from neoha_config.rules.nha002_malformed_escape import malformed_escape
from neoha_config.rules.nha003_duplicate_key import duplicate_key
from neoha_config.rules.nha004_unknown_key import unknown_key
from neoha_config.rules.nha005_trailing_whitespace import trailing_whitespace
from neoha_config.rules.nha006_encoding import encoding
from neoha_config.rules.nha007_no_node import no_node
from neoha_config.rules.nha008_misnamed_server import misnamed_server
from neoha_config.rules.nha009_parser_disagreement import parser_disagreement
from neoha_config.rules.nha010_unused_suppression import unused_suppression

_LEGACY_MODULES = (
    "cluster",
    "coordinator",
    "database",
    "dbaddresses",
    "dbvalues",
    "endpoints",
    "ensemble",
    "logs",
    "quorum",
    "servers",
)
for _name in _LEGACY_MODULES:
    importlib.import_module(f"neoha_config.rules.{_name}")

RULES: tuple[Rule, ...] = (
    unreadable,
    malformed_escape,
    duplicate_key,
    unknown_key,
    trailing_whitespace,
    encoding,
    no_node,
    misnamed_server,
    parser_disagreement,
    unused_suppression,
)
"""Every ported rule. The table is explicit: a rule not listed here never runs."""
