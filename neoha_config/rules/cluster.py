"""Cluster rules (NHA3xx): ids, coordinator lists, server.N blocks and ports across nodes."""

from __future__ import annotations
