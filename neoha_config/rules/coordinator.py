"""Coordinator rules (NHA2xx): coord.cfg and myid against what ZooKeeper accepts."""

from __future__ import annotations
