"""The plain ``coord.cfg`` keys of ZooKeeper 3.3-3.9, with the release line that added each."""

from __future__ import annotations

import re


def _version_table() -> dict[str, str]:
    table: dict[str, str] = {}
    by_version = {
        "3.3": (
            "tickTime dataDir dataLogDir clientPort clientPortAddress initLimit syncLimit "
            "minSessionTimeout maxSessionTimeout maxClientCnxns electionAlg peerType "
            "preAllocSize snapCount forceSync globalOutstandingLimit leaderServes skipACL "
            "cnxTimeout"
        ),
        "3.4": (
            "autopurge.snapRetainCount autopurge.purgeInterval quorumListenOnAllIPs "
            "syncEnabled quorum.cnxn.threads.size quorum.auth.enableSasl "
            "quorum.auth.serverRequireSasl quorum.auth.learnerRequireSasl "
            "quorum.auth.kerberos.servicePrincipal quorum.auth.learner.saslLoginContext "
            "quorum.auth.server.saslLoginContext"
        ),
        "3.5": (
            "dynamicConfigFile standaloneEnabled reconfigEnabled localSessionsEnabled "
            "localSessionsUpgradingEnabled secureClientPort secureClientPortAddress "
            "sslQuorum portUnification sslQuorumReloadCertFiles admin.enableServer "
            "admin.serverPort admin.serverAddress 4lw.commands.whitelist"
        ),
        "3.6": (
            "observerMasterPort connectToLearnerMasterLimit clientPortListenBacklog "
            "multiAddress.enabled multiAddress.reachabilityCheckTimeoutMs "
            "multiAddress.reachabilityCheckEnabled metricsProvider.className"
        ),
        "3.8": "oraclePath",
    }
    for version, keys in by_version.items():
        for key in keys.split():
            table[key] = version
    return table


COORD_KEY_SINCE: dict[str, str] = _version_table()
"""Every plain ``coord.cfg`` key ZooKeeper 3.3-3.9 knows, with the first release line that
knows it. ``server.N``, ``group.G``, ``weight.N``, ``metricsProvider.*`` and ``jvm.pause.*`` are
patterns, see ``coord_key_since``."""

_PATTERN_SINCE = (
    (re.compile(r"server\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"group\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"weight\..*\Z", re.DOTALL), "3.3"),
    (re.compile(r"metricsProvider\..*\Z", re.DOTALL), "3.6"),
    (re.compile(r"jvm\.pause\..*\Z", re.DOTALL), "3.6"),
)


def coord_key_since(key: str) -> str | None:
    """The first ZooKeeper release line (``3.3`` … ``3.8``) that knows ``key``, or None."""
    since = COORD_KEY_SINCE.get(key)
    if since is not None:
        return since
    for pattern, version in _PATTERN_SINCE:
        if pattern.match(key):
            return version
    return None
