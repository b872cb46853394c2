"""The model of ``conf/neo4j-server.properties``."""

from __future__ import annotations

from pydantic import Field

from neoha_config.models.base import SettingsModel
from neoha_config.models.values import JavaBool, Mode, NonNegativeInt, Port, PositiveInt, ServerMode
from neoha_config.names import DEFAULT_DATABASE_LOCATION, DEFAULT_HTTPS_PORT, DEFAULT_WEB_PORT

P = "org.neo4j.server."


class ServerSettings(SettingsModel):
    """Settings of the Neo4j server (prefix ``org.neo4j.server.``); unset fields are None."""

    mode: Mode | None = Field(
        None, alias=P + "database.mode", description="single (default) or ha, any case"
    )
    tuning_properties: str | None = Field(
        None,
        alias=P + "db.tuning.properties",
        description="database settings file, relative to NEO4J_HOME; required in HA mode",
    )
    database_location: str | None = Field(
        None, alias=P + "database.location", description="store directory (data/graph.db)"
    )
    webserver_port: Port | None = Field(None, alias=P + "webserver.port", description="7474")
    webserver_address: str | None = Field(
        None, alias=P + "webserver.address", description="bind address (localhost)"
    )
    https_enabled: JavaBool | None = Field(
        None, alias=P + "webserver.https.enabled", description="false"
    )
    https_port: Port | None = Field(None, alias=P + "webserver.https.port", description="7473")
    https_keystore_location: str | None = Field(None, alias=P + "webserver.https.keystore.location")
    https_cert_location: str | None = Field(None, alias=P + "webserver.https.cert.location")
    https_key_location: str | None = Field(None, alias=P + "webserver.https.key.location")
    webserver_maxthreads: PositiveInt | None = Field(None, alias=P + "webserver.maxthreads")
    webserver_limit_executiontime: PositiveInt | None = Field(
        None, alias=P + "webserver.limit.executiontime", description="milliseconds"
    )
    webadmin_rrdb_location: str | None = Field(None, alias=P + "webadmin.rrdb.location")
    webadmin_data_uri: str | None = Field(None, alias=P + "webadmin.data.uri")
    webadmin_management_uri: str | None = Field(None, alias=P + "webadmin.management.uri")
    thirdparty_jaxrs_classes: str | None = Field(None, alias=P + "thirdparty_jaxrs_classes")
    rest_security_rules: str | None = Field(None, alias=P + "rest.security_rules")
    console_engines: str | None = Field(None, alias=P + "manage.console_engines")
    http_log_enabled: JavaBool | None = Field(None, alias=P + "http.log.enabled")
    http_log_config: str | None = Field(None, alias=P + "http.log.config")
    startup_timeout: NonNegativeInt | None = Field(
        None, alias=P + "startup_timeout", description="seconds"
    )

    @property
    def effective_mode(self) -> ServerMode:
        """The mode the server runs in: ``single`` unless set."""
        return self.mode or ServerMode.SINGLE

    @property
    def effective_web_port(self) -> int:
        """The HTTP port, 7474 unless set."""
        return self.webserver_port or DEFAULT_WEB_PORT

    @property
    def effective_https_port(self) -> int | None:
        """The HTTPS port when HTTPS is enabled, else None."""
        return (self.https_port or DEFAULT_HTTPS_PORT) if self.https_enabled else None

    @property
    def effective_database_location(self) -> str:
        """The store directory, ``data/graph.db`` unless set."""
        return self.database_location or DEFAULT_DATABASE_LOCATION


KNOWN_KEYS: frozenset[str] = frozenset(
    f.alias for f in ServerSettings.model_fields.values() if f.alias
) | frozenset({P + "webserver.https.keystore.password"})
