"""The installed package's version, looked up only when something shows it."""

from __future__ import annotations


def tool_version() -> str:
    """The installed version of ``neoha_config`` (``0+unknown`` from an uninstalled tree)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("neoha_config")
    except PackageNotFoundError:
        return "0+unknown"
