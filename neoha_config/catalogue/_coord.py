"""The keys of ``conf/coord.cfg`` (ZooKeeper's ``zoo.cfg``) for ZooKeeper 3.3-3.9.

ZooKeeper 3.3/3.4 trim keys and values; an unknown key becomes the JVM system property
``zookeeper.<key>`` silently, which is also how the keys read back as system properties work.
"""

from __future__ import annotations

from typing import Any

from neoha_config.catalogue._spec import COORD, KeySpec, Variant, span
from neoha_config.catalogue._spec import Kind as K

_SYS = "read back as the system property zookeeper.<key>"


def _v(releases: str, kind: K, default: str | None = None, **kw: Any) -> Variant:
    return Variant(span(releases), kind, default, **kw)


def _key(key: str, summary: str, *variants: Variant, **kw: Any) -> KeySpec:
    return KeySpec(COORD, key, summary, variants, **kw)


def _since(
    first: str, key: str, summary: str, kind: K, default: str | None = None, **kw: Any
) -> KeySpec:
    source = kw.pop(
        "source", {"3.3": "z33", "3.4": "z34", "3.5": "z35", "3.6": "z36"}.get(first, "z38")
    )
    return _key(key, summary, _v(f"{first}-3.9", kind, default, source=source, **kw))


_BOOL_35 = "3.5+ parse it strictly: \"Invalid option <v> for <key>. Choose 'true' or 'false.'\""

KEYS: tuple[KeySpec, ...] = (
    _key(
        "tickTime",
        "the basic time unit",
        _v(
            "3.3-3.9",
            K.INTEGER,
            "3000",
            unit="ms",
            source="z33",
            note="0 gives 'tickTime is not set'",
        ),
    ),
    _key(
        "initLimit",
        "ticks a follower may take to connect and sync",
        _v(
            "3.3-3.9",
            K.INTEGER,
            None,
            unit="ticks",
            source="z33",
            note="required with more than one participant ('initLimit is not set' when 0); "
            "a negative value parses but no quorum ever forms",
        ),
    ),
    _key(
        "syncLimit",
        "ticks a follower may lag",
        _v(
            "3.3-3.9",
            K.INTEGER,
            None,
            unit="ticks",
            source="z33",
            note="required with more than one participant ('syncLimit is not set' when 0)",
        ),
    ),
    _key(
        "dataDir",
        "snapshot directory; holds myid",
        _v(
            "3.3-3.9",
            K.PATH,
            None,
            required=True,
            source="z33",
            note="'dataDir is not set'; a relative path resolves against the working directory",
        ),
    ),
    _key(
        "dataLogDir",
        "transaction log directory",
        _v(
            "3.3-3.9",
            K.PATH,
            None,
            source="z33",
            default_note="= dataDir",
            note="must exist when set: 'dataLogDir <x> is missing.'",
        ),
    ),
    _key(
        "clientPort",
        "client port",
        _v(
            "3.3-3.4",
            K.PORT,
            None,
            required=True,
            minimum=1,
            source="z33",
            listener="client",
            note="'clientPort is not set' (also for 0)",
        ),
        _v(
            "3.5-3.9",
            K.PORT,
            None,
            source="z35",
            listener="client",
            note="optional from 3.5 (secureClientPort may replace it)",
        ),
    ),
    _key(
        "clientPortAddress",
        "client bind address",
        _v("3.3-3.9", K.HOST, None, source="z33", default_note="all interfaces"),
    ),
    _key(
        "minSessionTimeout",
        "smallest session timeout granted",
        _v(
            "3.3-3.4",
            K.INTEGER,
            "-1",
            unit="ms",
            source="z33",
            default_note="-1: 2 x tickTime",
            note="compared raw with maxSessionTimeout: min set and max unset fails",
        ),
        _v("3.5-3.9", K.INTEGER, "-1", unit="ms", source="z35", default_note="-1: 2 x tickTime"),
    ),
    _key(
        "maxSessionTimeout",
        "largest session timeout granted",
        _v("3.3-3.9", K.INTEGER, "-1", unit="ms", source="z33", default_note="-1: 20 x tickTime"),
    ),
    _key(
        "maxClientCnxns",
        "connections per client address",
        _v("3.3", K.INTEGER, "10", source="z33"),
        _v("3.4-3.9", K.INTEGER, "60", source="z34"),
    ),
    _key(
        "electionAlg",
        "leader election algorithm",
        _v(
            "3.3-3.5",
            K.INTEGER,
            "3",
            source="z33",
            note="0 needs no election port; outside 0-3 parses but the peer never elects",
        ),
        _v(
            "3.6-3.9",
            K.INTEGER,
            "3",
            minimum=3,
            maximum=3,
            source="z36",
            note="'Invalid electionAlg value. Only 3 is supported.'",
        ),
    ),
    _key(
        "peerType",
        "this server's role",
        _v(
            "3.3-3.9",
            K.ENUM,
            "participant",
            options=("participant", "observer"),
            ignore_case=True,
            source="z33",
            note="'Unrecognised peertype: <v>'",
        ),
    ),
    _key(
        "server.N",
        "an ensemble member: host:quorumPort[:electionPort[:type]]",
        _v(
            "3.3",
            K.SERVER_LINE,
            None,
            source="z33",
            note="N is Long.parseLong; the value is trimmed and split on ':' (2-4 parts)",
        ),
        _v(
            "3.4",
            K.SERVER_LINE,
            None,
            source="z34",
            note="as 3.3, and [v6]:port:port is accepted",
        ),
        _v(
            "3.5-3.9",
            K.SERVER_LINE,
            None,
            source="z35",
            note="host:q:e[:type][;[clientHost:]clientPort], value not trimmed",
        ),
        family=r"server\..*\Z",
    ),
    _key(
        "group*",
        "a hierarchical quorum group (group.G=sid:sid...)",
        _v(
            "3.3-3.9",
            K.STRING,
            None,
            source="z33",
            note="any key starting with 'group' is parsed as a group: 'groups.1' is a group, "
            "'group1' a NumberFormatException; 'Every server must be in exactly one group'",
        ),
        family=r"group.*\Z",
    ),
    _key(
        "weight*",
        "a server's weight in hierarchical quorums (weight.N=w)",
        _v(
            "3.3-3.9",
            K.LONG,
            None,
            source="z33",
            note="any key starting with 'weight' is parsed as a weight",
        ),
        family=r"weight.*\Z",
    ),
    *(
        _key(name, summary, _v("3.3-3.9", kind, default, unit=unit, source="z33", note=_SYS))
        for name, summary, kind, default, unit in (
            ("preAllocSize", "transaction log preallocation", K.LONG, "65536", "KiB"),
            ("snapCount", "transactions between snapshots", K.INTEGER, "100000", None),
            ("forceSync", "fsync the transaction log", K.ZK_YES_NO, "yes", None),
            ("globalOutstandingLimit", "queued requests limit", K.INTEGER, "1000", None),
            ("leaderServes", "the leader accepts client connections", K.ZK_YES_NO, "yes", None),
            ("skipACL", "skip ACL checks", K.ZK_YES_NO, "no", None),
            ("cnxTimeout", "leader election connection timeout", K.INTEGER, "5000", "ms"),
        )
    ),
    _key(
        "jmx.log4j.disable",
        "do not register log4j MBeans",
        _v(
            "3.3-3.7",
            K.BOOLEAN_LENIENT,
            "false",
            source="z33-sys",
            note=_SYS,
            verified=False,
            basis="read by 3.3.2 ManagedUtil; its removal with log4j (3.8) was not read",
        ),
    ),
    _key(
        "authProvider.N",
        "an authentication provider class",
        _v("3.3-3.9", K.STRING, None, source="z33-sys", note=_SYS),
        family=r"authProvider\..*\Z",
    ),
    _key(
        "DigestAuthenticationProvider.superDigest",
        "the super user's digest (user:base64)",
        _v("3.3-3.9", K.STRING, None, source="z33-sys", note=_SYS),
    ),
    _since(
        "3.4", "autopurge.snapRetainCount", "snapshots autopurge keeps", K.INTEGER, "3", minimum=3
    ),
    _since(
        "3.4", "autopurge.purgeInterval", "autopurge interval (0: off)", K.INTEGER, "0", unit="h"
    ),
    _key(
        "quorumListenOnAllIPs",
        "quorum and election ports on every interface",
        _v("3.4", K.BOOLEAN_LENIENT, "false", source="z34"),
        _v("3.5-3.9", K.BOOLEAN, "false", source="z35", note=_BOOL_35),
    ),
    _key(
        "syncEnabled",
        "observers log and snapshot",
        _v("3.4", K.BOOLEAN_LENIENT, "true", source="z34"),
        _v(
            "3.5-3.9",
            K.BOOLEAN,
            "true",
            source="z35",
            note=_BOOL_35,
            verified=False,
            basis="3.5's strict boolean parser; which keys use it was not all read",
        ),
    ),
    _since("3.4", "quorum.cnxn.threads.size", "quorum SASL connection threads", K.INTEGER, "20"),
    *(
        _since("3.4", name, summary, K.BOOLEAN_LENIENT, "false", note="added in 3.4.10")
        for name, summary in (
            ("quorum.auth.enableSasl", "SASL between quorum peers"),
            ("quorum.auth.serverRequireSasl", "quorum server requires SASL"),
            ("quorum.auth.learnerRequireSasl", "quorum learner requires SASL"),
        )
    ),
    *(
        _since("3.4", name, summary, K.STRING, default, note="added in 3.4.10")
        for name, summary, default in (
            (
                "quorum.auth.kerberos.servicePrincipal",
                "quorum Kerberos principal",
                "zkquorum/localhost",
            ),
            (
                "quorum.auth.learner.saslLoginContext",
                "quorum learner JAAS section",
                "QuorumLearner",
            ),
            ("quorum.auth.server.saslLoginContext", "quorum server JAAS section", "QuorumServer"),
        )
    ),
    *(
        _key(
            name,
            summary,
            _v(
                "3.4-3.9",
                kind,
                None,
                note=_SYS,
                verified=False,
                basis="known to ZooKeeper 3.4+ as a system property; its first release was not "
                "read",
            ),
        )
        for name, summary, kind in (
            ("requireClientAuthScheme", "require a client authentication scheme", K.STRING),
            (
                "kerberos.removeHostFromPrincipal",
                "strip the host from Kerberos principals",
                K.BOOLEAN_LENIENT,
            ),
            (
                "kerberos.removeRealmFromPrincipal",
                "strip the realm from Kerberos principals",
                K.BOOLEAN_LENIENT,
            ),
        )
    ),
    _since("3.5", "dynamicConfigFile", "dynamic configuration file", K.PATH),
    _since(
        "3.5",
        "standaloneEnabled",
        "a single server runs standalone",
        K.BOOLEAN,
        "true",
        note=_BOOL_35,
    ),
    _since(
        "3.5",
        "reconfigEnabled",
        "dynamic reconfiguration",
        K.BOOLEAN,
        "false",
        note=_BOOL_35 + "; default true before 3.5.3",
    ),
    _since("3.5", "localSessionsEnabled", "local sessions", K.BOOLEAN, "false", note=_BOOL_35),
    _since(
        "3.5",
        "localSessionsUpgradingEnabled",
        "local sessions may upgrade",
        K.BOOLEAN,
        "false",
        note=_BOOL_35,
    ),
    _since("3.5", "secureClientPort", "TLS client port", K.PORT, listener="secure client"),
    _since("3.5", "secureClientPortAddress", "TLS client bind address", K.HOST),
    _since("3.5", "sslQuorum", "TLS between quorum peers", K.BOOLEAN, "false", note=_BOOL_35),
    _since(
        "3.5", "portUnification", "TLS and plain on one port", K.BOOLEAN, "false", note=_BOOL_35
    ),
    _since(
        "3.5",
        "sslQuorumReloadCertFiles",
        "reload quorum TLS certificates",
        K.BOOLEAN,
        "false",
        note=_BOOL_35,
    ),
    _since(
        "3.5",
        "admin.enableServer",
        "the AdminServer (Jetty)",
        K.BOOLEAN_LENIENT,
        "true",
        listener="AdminServer",
        note=_SYS,
    ),
    _since(
        "3.5",
        "admin.serverPort",
        "AdminServer port",
        K.PORT,
        "8080",
        listener="AdminServer",
        note=_SYS,
    ),
    _since("3.5", "admin.serverAddress", "AdminServer bind address", K.HOST, "0.0.0.0", note=_SYS),
    _since(
        "3.5",
        "4lw.commands.whitelist",
        "allowed four-letter words",
        K.LIST,
        "srvr",
        note=_SYS + "; added in 3.5.3",
    ),
    _since("3.6", "observerMasterPort", "observer master port", K.PORT),
    _since(
        "3.6",
        "connectToLearnerMasterLimit",
        "ticks to connect to the learner master",
        K.INTEGER,
        "0",
        unit="ticks",
    ),
    _since("3.6", "clientPortListenBacklog", "client listen backlog", K.INTEGER, "-1"),
    _since(
        "3.6",
        "multiAddress.enabled",
        "several addresses per server.N",
        K.BOOLEAN,
        "false",
        note=_SYS,
    ),
    _since(
        "3.6",
        "multiAddress.reachabilityCheckTimeoutMs",
        "address reachability timeout",
        K.INTEGER,
        "1000",
        unit="ms",
        note=_SYS,
    ),
    _since(
        "3.6",
        "multiAddress.reachabilityCheckEnabled",
        "check address reachability",
        K.BOOLEAN,
        "true",
        note=_SYS,
    ),
    _since("3.6", "metricsProvider.className", "metrics provider class", K.STRING),
    _key(
        "metricsProvider.*",
        "a metrics provider setting",
        _v("3.6-3.9", K.STRING, None, source="z36"),
        family=r"metricsProvider\..*\Z",
    ),
    _key(
        "jvm.pause.*",
        "JVM pause monitor settings",
        _v("3.6-3.9", K.STRING, None, source="z36"),
        family=r"jvm\.pause\..*\Z",
    ),
    _since("3.8", "oraclePath", "quorum oracle file (two-server ensembles)", K.PATH),
)
"""Every key of ``coord.cfg`` the catalogue knows, with the ZooKeeper lines that read it."""
