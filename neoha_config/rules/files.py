"""File-level rules (NHA0xx): readability, syntax, duplicates, unknown keys, encoding."""

from __future__ import annotations
