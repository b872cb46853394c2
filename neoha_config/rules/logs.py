"""Runtime evidence rules (NHA4xx) from messages.log."""

from __future__ import annotations
