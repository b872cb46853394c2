"""Every fixer, registered by code: importing this module imports them all."""

from __future__ import annotations

from neoha_config.fix import files, nodes
from neoha_config.fix.base import FIXABLE, FIXERS, RENAMES, Fixer, release_reads_new_names

__all__ = ["FIXABLE", "FIXERS", "RENAMES", "Fixer", "files", "nodes", "release_reads_new_names"]
