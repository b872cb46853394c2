"""The model of ``conf/neo4j-server.properties``."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from neoha_config.models import derived, shapes
from neoha_config.models.base import SettingsModel
from neoha_config.models.values import JavaBool, Mode, NonNegativeInt, Port, PositiveInt

P = "org.neo4j.server."


class ServerSettings(derived.ServerFacts, SettingsModel):
    """Settings of the Neo4j server (prefix ``org.neo4j.server.``); unset fields are None."""

    _shape: ClassVar[shapes.Shape] = shapes.SERVER

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


KNOWN_KEYS: frozenset[str] = frozenset(
    f.alias for f in ServerSettings.model_fields.values() if f.alias
) | frozenset({P + "webserver.https.keystore.password"})
