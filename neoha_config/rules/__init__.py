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
from neoha_config.rules.nha201_missing_basics import missing_basics
from neoha_config.rules.nha202_bad_server_line import bad_server_line
from neoha_config.rules.nha203_bad_limits import bad_limits
from neoha_config.rules.nha204_missing_myid import missing_myid
from neoha_config.rules.nha205_bad_myid import bad_myid
from neoha_config.rules.nha206_myid_not_listed import myid_not_listed
from neoha_config.rules.nha207_no_election_port import no_election_port
from neoha_config.rules.nha208_poor_ensemble import poor_ensemble
from neoha_config.rules.nha209_bad_session_timeouts import bad_session_timeouts
from neoha_config.rules.nha210_shared_peer_address import shared_peer_address
from neoha_config.rules.nha211_bad_observers import bad_observers
from neoha_config.rules.nha212_server_trailing_blank import server_trailing_blank
from neoha_config.rules.nha213_bad_coord_value import bad_coord_value

_LEGACY_MODULES = (
    "cluster",
    "database",
    "dbaddresses",
    "dbvalues",
    "endpoints",
    "ensemble",
    "keys",
    "logs",
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
    missing_basics,
    bad_server_line,
    bad_limits,
    missing_myid,
    bad_myid,
    myid_not_listed,
    no_election_port,
    poor_ensemble,
    bad_session_timeouts,
    shared_peer_address,
    bad_observers,
    server_trailing_blank,
    bad_coord_value,
)
"""Every ported rule. The table is explicit: a rule not listed here never runs."""
