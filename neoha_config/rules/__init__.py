"""Every rule, in one table: one file per rule, named by its code."""

from __future__ import annotations

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
from neoha_config.rules.nha101_bad_mode import bad_mode
from neoha_config.rules.nha102_ha_incomplete import ha_incomplete
from neoha_config.rules.nha103_bad_machine_id import bad_machine_id
from neoha_config.rules.nha104_both_names import both_names
from neoha_config.rules.nha105_bad_coordinators import bad_coordinators
from neoha_config.rules.nha106_duplicate_coordinator import duplicate_coordinator
from neoha_config.rules.nha107_bad_cluster_name import bad_cluster_name
from neoha_config.rules.nha108_bad_ha_server import bad_ha_server
from neoha_config.rules.nha109_loopback_ha_server import loopback_ha_server
from neoha_config.rules.nha110_bad_port import bad_port
from neoha_config.rules.nha111_bad_value import bad_value
from neoha_config.rules.nha112_ha_in_single import ha_in_single
from neoha_config.rules.nha113_no_tuning_file import no_tuning_file
from neoha_config.rules.nha114_legacy_key import legacy_key
from neoha_config.rules.nha115_bare_pull_interval import bare_pull_interval
from neoha_config.rules.nha116_ha_server_unset import ha_server_unset
from neoha_config.rules.nha120_coordinator_in_19 import coordinator_in_19
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
from neoha_config.rules.nha214_bad_groups import bad_groups
from neoha_config.rules.nha215_missing_data_log_dir import missing_data_log_dir
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
from neoha_config.rules.nha312_duplicate_server_id_19 import duplicate_server_id_19
from neoha_config.rules.nha313_unknown_initial_host import unknown_initial_host
from neoha_config.rules.nha314_different_initial_hosts import different_initial_hosts
from neoha_config.rules.nha315_port_range_clash_19 import port_range_clash_19
from neoha_config.rules.nha320_several_ensembles import several_ensembles
from neoha_config.rules.nha321_near_duplicate_cluster_name import near_duplicate_cluster_name
from neoha_config.rules.nha322_no_node_may_init import no_node_may_init
from neoha_config.rules.nha323_every_node_slave_only import every_node_slave_only
from neoha_config.rules.nha324_loopback_client_address import loopback_client_address
from neoha_config.rules.nha325_coordinator_not_in_tree import coordinator_not_in_tree
from neoha_config.rules.nha401_multiple_masters import multiple_masters
from neoha_config.rules.nha402_port_mismatch import port_mismatch
from neoha_config.rules.nha403_info_already_present import info_already_present
from neoha_config.rules.nha404_ha_failure_logged import ha_failure_logged

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
    bad_mode,
    ha_incomplete,
    bad_machine_id,
    both_names,
    bad_coordinators,
    duplicate_coordinator,
    bad_cluster_name,
    bad_ha_server,
    loopback_ha_server,
    bad_port,
    bad_value,
    ha_in_single,
    no_tuning_file,
    legacy_key,
    bare_pull_interval,
    ha_server_unset,
    coordinator_in_19,
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
    bad_groups,
    missing_data_log_dir,
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
    duplicate_server_id_19,
    unknown_initial_host,
    different_initial_hosts,
    port_range_clash_19,
    several_ensembles,
    near_duplicate_cluster_name,
    no_node_may_init,
    every_node_slave_only,
    loopback_client_address,
    coordinator_not_in_tree,
    multiple_masters,
    port_mismatch,
    info_already_present,
    ha_failure_logged,
)
"""Every rule, in code order. The table is explicit: a rule not listed here never runs."""


def by_code() -> dict[str, Rule]:
    """Every rule by code, in code order."""
    return {r.code: r for r in RULES}
