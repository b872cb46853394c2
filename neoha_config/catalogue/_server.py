"""The keys of ``conf/neo4j-server.properties`` in Neo4j 1.3-1.9 (prefix ``org.neo4j.server.``)."""

from __future__ import annotations

from typing import Any

from neoha_config.catalogue._spec import SERVER, KeySpec, Variant, span
from neoha_config.catalogue._spec import Kind as K

P = "org.neo4j.server."

_SEEN_EARLY = (
    "in the early Configurator and the shipped 1.3 file; the releases between were not all read"
)


def _v(releases: str, kind: K, default: str | None = None, **kw: Any) -> Variant:
    return Variant(span(releases), kind, default, **kw)


def _key(key: str, summary: str, *variants: Variant, **kw: Any) -> KeySpec:
    return KeySpec(SERVER, P + key, summary, variants, **kw)


def _everywhere(key: str, summary: str, kind: K, default: str | None, **kw: Any) -> KeySpec:
    """A key of the first server release (shipped in 1.3) that every later one still reads."""
    raw = kw.pop("raw", False)
    return _key(
        key,
        summary,
        _v("1.3", kind, default, source="stock-1.3", **kw),
        _v("1.4", kind, default, source="n-conf-early", verified=False, basis=_SEEN_EARLY, **kw),
        _v("1.5-1.7", kind, default, source="n-conf-16", **kw),
        _v("1.8-1.9", kind, default, source="n-serversettings18", **kw),
        raw=raw,
    )


def _since(first: str, key: str, summary: str, kind: K, default: str | None, **kw: Any) -> KeySpec:
    """A key read from ``first`` on; the release before it is listed as possibly reading it."""
    source = kw.pop("source", "n-conf-16")
    verified = kw.pop("verified", True)
    basis = kw.pop("basis", "")
    rel = span(f"{first}-1.9")
    before = span("1.3-1.9")[span("1.3-1.9").index(first) - 1]
    return _key(
        key,
        summary,
        _v(
            before,
            kind,
            default,
            verified=False,
            basis=f"read from {first} on; {before} was not read",
            **kw,
        ),
        Variant(rel, kind, default, source=source, verified=verified, basis=basis, **kw),
    )


_GETTER = (
    "the key is in the Configurator; that it is read with getInt/getBoolean, like the port and "
    "HTTPS keys, was not read"
)

_LISTENER_HTTPS = "HTTPS"

KEYS: tuple[KeySpec, ...] = (
    _everywhere(
        "database.mode",
        "single or HA (enterprise); read raw by the start-up preflight",
        K.ENUM,
        "SINGLE",
        options=("single", "ha"),
        ignore_case=True,
        raw=True,
        note="upper-cased before it is compared; the preflight reads it with "
        "java.util.Properties, untrimmed",
    ),
    _everywhere(
        "db.tuning.properties",
        "the database settings file, relative to the working directory (NEO4J_HOME)",
        K.PATH,
        None,
        raw=True,
        note="the HA preflight reads it raw and requires it; 1.8 ServerSettings defaults it to "
        "conf/neo4j.properties",
    ),
    _everywhere("database.location", "store directory", K.PATH, "data/graph.db"),
    _everywhere(
        "webserver.port",
        "HTTP port",
        K.COMMONS_INTEGER,
        "7474",
        listener="HTTP",
        minimum=0,
        maximum=65535,
        note="read with Commons Configuration getInt",
    ),
    _everywhere("webadmin.rrdb.location", "round-robin statistics database", K.PATH, None),
    _everywhere("webadmin.data.uri", "REST API mount point", K.STRING, "/db/data/"),
    _everywhere("webadmin.management.uri", "management API mount point", K.STRING, "/db/manage/"),
    _everywhere(
        "thirdparty_jaxrs_classes",
        "unmanaged extensions, package=/mount list",
        K.LIST,
        None,
    ),
    _since(
        "1.5", "webserver.address", "HTTP bind address", K.HOST, "localhost", source="stock-1.5"
    ),
    _since(
        "1.5",
        "webserver.https.enabled",
        "HTTPS on or off",
        K.COMMONS_BOOLEAN,
        "false",
        listener=_LISTENER_HTTPS,
        source="n-webserver",
        note="read with Commons Configuration getBoolean; the shipped 1.5-1.9 files set it to true",
    ),
    _since(
        "1.5",
        "webserver.https.port",
        "HTTPS port",
        K.COMMONS_INTEGER,
        "7473",
        listener=_LISTENER_HTTPS,
        minimum=0,
        maximum=65535,
        source="n-webserver",
        note="read with Commons Configuration getInt",
    ),
    _since(
        "1.5",
        "webserver.https.keystore.location",
        "HTTPS keystore",
        K.PATH,
        "neo4j-home/ssl/keystore",
        source="stock-1.5",
    ),
    _since(
        "1.5",
        "webserver.https.cert.location",
        "HTTPS certificate",
        K.PATH,
        "neo4j-home/ssl/snakeoil.cert",
        source="stock-1.5",
    ),
    _since(
        "1.5",
        "webserver.https.key.location",
        "HTTPS private key",
        K.PATH,
        "neo4j-home/ssl/snakeoil.key",
        source="stock-1.5",
    ),
    _since(
        "1.6",
        "webserver.maxthreads",
        "web server threads",
        K.COMMONS_INTEGER,
        None,
        verified=False,
        basis=_GETTER,
        minimum=1,
        default_note="10 per CPU (1.8)",
    ),
    _since(
        "1.6",
        "webserver.limit.executiontime",
        "request time limit",
        K.COMMONS_INTEGER,
        None,
        verified=False,
        basis=_GETTER,
        unit="ms",
        minimum=1,
    ),
    _since("1.6", "rest.security_rules", "security rule classes", K.LIST, None),
    _since(
        "1.7",
        "http.log.enabled",
        "HTTP request log on or off",
        K.COMMONS_BOOLEAN,
        "false",
        verified=False,
        basis=_GETTER,
        source="stock-1.6",
        note="the shipped 1.7/1.8 files write it with a trailing blank",
    ),
    _since(
        "1.7", "http.log.config", "HTTP request log configuration", K.PATH, None, source="stock-1.6"
    ),
    _since(
        "1.8",
        "manage.console_engines",
        "web console engines",
        K.LIST,
        "shell",
        source="n-serversettings18",
    ),
    _key(
        "startup_timeout",
        "seconds the server waits for the database to start",
        _v(
            "1.6-1.9",
            K.COMMONS_INTEGER,
            "120",
            unit="s",
            verified=False,
            basis="in the Configurator of the 1.x line; the release that added it was not read",
            default_note="120; in HA mode no timeout unless set",
        ),
    ),
    *(
        _key(
            "osgi." + name,
            summary,
            _v(
                "1.3-1.4",
                kind,
                None,
                source="n-conf-early",
                verified=False,
                basis="named in early 1.x Configurator revisions; which releases read them was "
                "not read",
            ),
        )
        for name, summary, kind in (
            ("enable", "OSGi container on or off", K.COMMONS_BOOLEAN),
            ("bundledir", "OSGi bundle directory", K.PATH),
            ("cachedir", "OSGi cache directory", K.PATH),
        )
    ),
    _key(
        "webserver.http.enabled",
        "shipped in the 1.5/1.6 files; no 1.x Configurator reads it",
        inert=True,
    ),
    _key(
        "properties",
        "the JVM system property naming this file, not a key of it",
        inert=True,
    ),
    _key(
        "webserver.https.keystore.password",
        "not read by any Configurator revision read",
        inert=True,
    ),
    _key(
        "credentials",
        "the authentication-extension plugin's credentials",
        plugin=True,
    ),
    *(
        _key(
            name,
            summary,
            _v(
                "1.9",
                K.STRING,
                None,
                verified=False,
                basis="Configurator revisions of 2013-2015 hold it; whether 1.9 reads it was "
                "not read",
            ),
            later="2.0",
        )
        for name, summary in (
            ("webserver.statistics", "request statistics (a later server)"),
            ("script.sandboxing.enabled", "script sandbox (a later server)"),
            ("transaction.timeout", "REST transaction timeout (a later server)"),
        )
    ),
)
"""Every key of ``conf/neo4j-server.properties`` the catalogue knows."""
