"""Hosts and endpoints as the cluster sees them: one identity per host, loopback, wildcards."""

from __future__ import annotations

import functools
import ipaddress

LOOPBACK = "loopback"
"""The host identity of ``localhost``, 127.0.0.0/8 and ``::1``: one machine's own address."""

Endpoint = tuple[str, int]
"""A ``(host_key, port)`` pair: the identity of a listening socket across spellings."""


@functools.lru_cache(maxsize=1 << 16)
def host_key(host: str) -> str:
    """The host identity used to compare hosts: ``localhost``, 127.0.0.0/8 and ``::1`` fold to
    ``loopback``; names are compared case-insensitively, a trailing dot ignored, IP literals in
    their canonical form. Never raises; never resolves a name."""
    name = host.strip()
    if name.startswith("[") and name.endswith("]"):
        name = name[1:-1]
    name = name.lower()
    if name.endswith(".") and len(name) > 1:
        name = name[:-1]
    if name == "localhost":
        return LOOPBACK
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return LOOPBACK
    return address.compressed


def endpoint(host: str, port: int) -> Endpoint:
    """The comparable ``(host_key, port)`` of a host and port."""
    return host_key(host), port


def format_endpoint(ep: Endpoint) -> str:
    """``host:port`` for display (``[v6]:port`` for IPv6 literals)."""
    host, port = ep
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def is_wildcard(address: str) -> bool:
    """True for an address that means "every interface": ``0.0.0.0``, ``::`` in any spelling
    (``[::]``, ``0:0:0:0:0:0:0:0``) and ``*``. Never raises; never resolves a name."""
    text = address.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    if text == "*":
        return True
    try:
        return ipaddress.ip_address(text).is_unspecified
    except ValueError:
        return False
