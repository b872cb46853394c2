"""Fixes: the one repair of a mechanical finding, computed after checking and applied in place."""

from __future__ import annotations

from neoha_config.fix.attach import attach, fixable_counts
from neoha_config.fix.fixers import FIXABLE, release_reads_new_names

__all__ = ["FIXABLE", "attach", "fixable_counts", "release_reads_new_names"]
