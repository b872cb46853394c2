"""Database node rules (NHA1xx): mode, machine id, coordinator list, ports, typed settings."""

from __future__ import annotations
