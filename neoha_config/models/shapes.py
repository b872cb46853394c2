"""One plain description of every typed key of the file models, and the views the checker reads.

``SERVER``, ``DATABASE`` and ``COORD`` list each typed key of a file: its property key, the
field name of the pydantic model, and the converter (a function of ``models.plain``) that reads
its text. The pydantic models (``models.server``, ``models.database``, ``models.coord``) declare
the same fields; a test checks each model against its shape.

The checker never builds a pydantic model: ``read_settings`` converts a file's values with the
shape into a *view*, a plain object with the model's field attributes and its properties
(``effective_server_id``, ``backup_port`` ...; both get them from one mixin here). Only when a
value does not convert is pydantic asked, to reject the value with its own words. ``view.model()``
gives the pydantic model of a view, and ``load_tree`` hands models to API callers.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from neoha_config.catalogue.parsers import java_trim
from neoha_config.diagnostics import Location
from neoha_config.models import plain as p
from neoha_config.models.derived import CoordFields, DatabaseFacts, ServerFacts
from neoha_config.records import dataclass

if TYPE_CHECKING:
    from neoha_config.models.base import SettingsModel
    from neoha_config.models.coord import MyId
    from neoha_config.properties import Document

Converter = Callable[[str], Any]


@dataclass(frozen=True, slots=True)
class ValueIssue:
    """A setting whose value its type rejects: the property key, the raw value, why, and where
    the value is set (None when the caller gave no locations)."""

    key: str
    value: str
    message: str
    location: Location | None = None


# --- converters: text to a field value, raising ValueError -------------------------------------


def _ranged(low: int | None, high: int | None) -> Converter:
    def convert(text: str) -> int:
        value = p.parse_java_int(text)
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueError(f"{text!r} is out of range")
        return value

    return convert


def java_int(text: str) -> int:
    """``Integer.parseInt``."""
    return p.parse_java_int(text)


def java_long(text: str) -> int:
    """``Long.parseLong``."""
    return p.parse_java_int(text, bits=64)


port = _ranged(p.PORT_MIN, p.PORT_MAX)
positive = _ranged(1, None)
non_negative = _ranged(0, None)


def java_bool(text: str) -> bool:
    """``true`` or ``false`` in any case."""
    value = p.parse_java_bool(text)
    if not isinstance(value, bool):  # pragma: no cover - parse_java_bool returns bool for str
        raise ValueError(text)
    return value


def ha_server(text: str) -> p.HostPort:
    """``host:port``, split at the first ``:``."""
    return p.HostPort.parse(text, split_at="first")


def mode(text: str) -> p.ServerMode:
    """``ha`` or ``single`` in any case."""
    return p.ServerMode(p.mode_before(text))


# pydantic-core's regex engine reads ``$`` as the end of the text; Python's ``$`` would also
# match before a final newline, so the pattern's anchors are spelled out here.
_CLUSTER_NAME = re.compile(p.CLUSTER_NAME_PATTERN.removeprefix("^").removesuffix("$") + r"\Z")


def cluster_name(text: str) -> str:
    """Letters, digits, ``.``, ``_`` and ``-``."""
    if not _CLUSTER_NAME.match(text):
        raise ValueError(text)
    return text


CHUNK_MIN = 1024
CHUNK_MAX = 16 * 1024**2


def chunk_size(text: str) -> int:
    """A size within 1k-16M."""
    size = p.parse_size(text)
    if not isinstance(size, int) or not CHUNK_MIN <= size <= CHUNK_MAX:
        raise ValueError(text)
    return size


def text(value: str) -> str:
    """Any text."""
    return value


# --- the shapes ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shape:
    """The typed keys of one file: property key -> (field name, converter), and the pydantic
    model (``module:Class``) that declares the same fields."""

    name: str
    model_path: str
    keys: Mapping[str, tuple[str, Converter]]
    defaults: Mapping[str, Any]

    @classmethod
    def of(cls, name: str, model_path: str, rows: tuple[tuple[str, str, Converter], ...]) -> Shape:
        keys = {key: (field, convert) for key, field, convert in rows}
        return cls(name, model_path, keys, {field: None for _, field, _ in rows})

    def model_class(self) -> type[SettingsModel]:
        """The pydantic model of this file (imports pydantic)."""
        module, _, name = self.model_path.partition(":")
        found: type[SettingsModel] = getattr(importlib.import_module(module), name)
        return found

    def convert(self, items: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]] | None:
        """Field values and unknown keys' values from ``items``; None when a value does not
        convert."""
        values: dict[str, Any] = {}
        extras: dict[str, str] = {}
        keys = self.keys
        for key, raw in items.items():
            entry = keys.get(key)
            if entry is None:
                extras[key] = raw
                continue
            try:
                values[entry[0]] = entry[1](raw)
            except (ValueError, TypeError):
                return None
        return values, extras


S = "org.neo4j.server."

SERVER = Shape.of(
    "server",
    "neoha_config.models.server:ServerSettings",
    (
        (S + "database.mode", "mode", mode),
        (S + "db.tuning.properties", "tuning_properties", text),
        (S + "database.location", "database_location", text),
        (S + "webserver.port", "webserver_port", port),
        (S + "webserver.address", "webserver_address", text),
        (S + "webserver.https.enabled", "https_enabled", java_bool),
        (S + "webserver.https.port", "https_port", port),
        (S + "webserver.https.keystore.location", "https_keystore_location", text),
        (S + "webserver.https.cert.location", "https_cert_location", text),
        (S + "webserver.https.key.location", "https_key_location", text),
        (S + "webserver.maxthreads", "webserver_maxthreads", positive),
        (S + "webserver.limit.executiontime", "webserver_limit_executiontime", positive),
        (S + "webadmin.rrdb.location", "webadmin_rrdb_location", text),
        (S + "webadmin.data.uri", "webadmin_data_uri", text),
        (S + "webadmin.management.uri", "webadmin_management_uri", text),
        (S + "thirdparty_jaxrs_classes", "thirdparty_jaxrs_classes", text),
        (S + "rest.security_rules", "rest_security_rules", text),
        (S + "manage.console_engines", "console_engines", text),
        (S + "http.log.enabled", "http_log_enabled", java_bool),
        (S + "http.log.config", "http_log_config", text),
        (S + "startup_timeout", "startup_timeout", non_negative),
    ),
)

DATABASE = Shape.of(
    "database",
    "neoha_config.models.database:DatabaseSettings",
    (
        ("ha.server_id", "server_id", non_negative),
        ("ha.machine_id", "machine_id", non_negative),
        ("ha.coordinators", "coordinators", p.parse_coordinator_list),
        ("ha.zoo_keeper_servers", "zoo_keeper_servers", p.parse_coordinator_list),
        ("ha.server", "ha_server", ha_server),
        ("ha.cluster_name", "cluster_name", cluster_name),
        ("ha.pull_interval", "pull_interval", p.Duration.parse),
        ("ha.allow_init_cluster", "allow_init_cluster", java_bool),
        ("ha.read_timeout", "read_timeout", positive),
        ("ha.lock_read_timeout", "lock_read_timeout", positive),
        ("ha.max_concurrent_channels_per_slave", "max_concurrent_channels_per_slave", positive),
        (
            "ha.max_concurrent_transactions_on_master",
            "max_concurrent_transactions_on_master",
            positive,
        ),
        ("ha.branched_data_policy", "branched_data_policy", p.BranchedDataPolicy),
        ("ha.slave_coordinator_update_mode", "slave_coordinator_update_mode", p.UpdateMode),
        ("ha.zk_session_timeout", "zk_session_timeout", positive),
        ("ha.coordinator_fetch_info_timeout", "coordinator_fetch_info_timeout", positive),
        ("ha.coordinator_timeout", "coordinator_timeout", java_int),
        ("ha.tx_push_factor", "tx_push_factor", non_negative),
        ("ha.tx_push_strategy", "tx_push_strategy", p.PushStrategy),
        ("ha.com_chunk_size", "com_chunk_size", chunk_size),
        ("enable_online_backup", "enable_online_backup", p.ServiceSwitch.parse),
        ("online_backup_enabled", "online_backup_enabled", java_bool),
        ("online_backup_port", "online_backup_port", port),
        ("enable_remote_shell", "enable_remote_shell", p.ServiceSwitch.parse),
        ("remote_shell_enabled", "remote_shell_enabled", java_bool),
        ("remote_shell_port", "remote_shell_port", port),
        ("remote_shell_name", "remote_shell_name", text),
        ("remote_shell_read_only", "remote_shell_read_only", java_bool),
        ("keep_logical_logs", "keep_logical_logs", java_bool),
    ),
)

COORD = Shape.of(
    "coord",
    "neoha_config.models.coord:CoordConfig",
    (
        ("dataDir", "data_dir", text),
        ("dataLogDir", "data_log_dir", text),
        ("clientPort", "client_port", port),
        ("clientPortAddress", "client_port_address", text),
        ("tickTime", "tick_time", java_int),
        ("initLimit", "init_limit", java_int),
        ("syncLimit", "sync_limit", java_int),
        ("minSessionTimeout", "min_session_timeout", java_int),
        ("maxSessionTimeout", "max_session_timeout", java_int),
        ("maxClientCnxns", "max_client_cnxns", java_int),
        ("electionAlg", "election_alg", java_int),
        ("peerType", "peer_type", text),
        ("admin.enableServer", "admin_enable_server", java_bool),
        ("admin.serverPort", "admin_server_port", port),
        ("admin.serverAddress", "admin_server_address", text),
        ("4lw.commands.whitelist", "four_letter_whitelist", text),
        ("standaloneEnabled", "standalone_enabled", java_bool),
        ("reconfigEnabled", "reconfig_enabled", java_bool),
        ("quorumListenOnAllIPs", "quorum_listen_on_all_ips", java_bool),
    ),
)
"""``coord.cfg``'s typed keys; its ``server.N`` lines are the field ``servers`` (see
``coord_values``)."""


def coord_values(
    items: Mapping[str, str], *, trim: bool = True
) -> tuple[dict[str, str], dict[int, p.ServerLine]]:
    """``coord.cfg``'s values as ZooKeeper reads them: every value trimmed but ``server.N``'s
    (3.5+ passes those on untrimmed; the line's parser ignores surrounding blanks and rule NHA212
    reports them), and the ``server.N`` lines parsed. Raises ValueError for a bad line.
    ``trim=False`` keeps the other values as given (already trimmed)."""
    rest: dict[str, str] = {}
    servers: dict[int, p.ServerLine] = {}
    for key, raw in items.items():
        if key.startswith("server."):
            sid = p.parse_server_id(key)
            servers[sid] = p.ServerLine.parse(sid, raw)
        else:
            rest[key] = java_trim(raw) if trim else raw
    return rest, servers


# --- views ---------------------------------------------------------------------------------------


class SettingsView:
    """A file's settings as the checker reads them: an attribute per field of the model (None
    when unset), ``model_extra`` (unknown keys' values), ``location(key)``, and the model's
    properties. Anything else a model has is answered by ``model()``."""

    SHAPE: ClassVar[Shape]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # An unset field reads its default from the class: a view's own dictionary holds only
        # the values its file sets (a copy of every default per file was most of a view's size).
        super().__init_subclass__(**kwargs)
        shape: Shape | None = cls.__dict__.get("SHAPE")
        if shape is not None:
            for name, default in shape.defaults.items():
                if not any(name in vars(klass) for klass in cls.__mro__):
                    setattr(cls, name, default)

    def __init__(
        self,
        values: dict[str, Any],
        extras: dict[str, str],
        locations: Mapping[str, Location] | None = None,
    ) -> None:
        fields = self.__dict__
        fields.update(values)
        fields["_set"] = values
        fields["_extras"] = extras
        fields["_locations"] = locations or {}
        fields["_model"] = None

    @property
    def model_extra(self) -> dict[str, str]:
        """The values of the keys the model does not type."""
        extras: dict[str, str] = self.__dict__["_extras"]
        return extras

    def location(self, key: str) -> Location | None:
        """Where ``key`` was read from, or None."""
        found: Location | None = self.__dict__["_locations"].get(key)
        return found

    def model(self) -> SettingsModel:
        """The pydantic model of these settings (built once; imports pydantic)."""
        made: SettingsModel | None = self.__dict__["_model"]
        if made is None:
            state = self.__dict__
            made = self.SHAPE.model_class()._construct(dict(state["_set"]), state["_extras"])
            if state["_locations"]:
                made._locations = dict(state["_locations"])
            state["_model"] = made
        return made

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.model(), name)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__["_set"].items())
        return f"{type(self).__name__}({shown})"


class ServerView(ServerFacts, SettingsView):
    """``neo4j-server.properties`` as the checker reads it."""

    SHAPE = SERVER


class DatabaseView(DatabaseFacts, SettingsView):
    """``neo4j.properties`` as the checker reads it."""

    SHAPE = DATABASE


class CoordConfigView(CoordFields, SettingsView):
    """``coord.cfg`` as the checker reads it."""

    SHAPE = COORD

    def __init__(
        self,
        values: dict[str, Any],
        extras: dict[str, str],
        locations: Mapping[str, Location] | None = None,
    ) -> None:
        super().__init__(values, extras, locations)
        self.__dict__.setdefault("servers", {})
        if self.__dict__["servers"] is None:
            self.__dict__["servers"] = {}


class MyIdView:
    """The coordinator id of a ``myid`` file, as the checker reads it."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value

    def model(self) -> MyId:
        """The pydantic ``MyId`` (imports pydantic)."""
        from neoha_config.models.coord import MyId

        return MyId.model_construct(value=self.value)

    def dump_bytes(self) -> bytes:
        """The file's content: the id and a newline."""
        return f"{self.value}\n".encode("ascii")

    def __repr__(self) -> str:
        return f"MyIdView(value={self.value})"


VIEWS: dict[str, type[SettingsView]] = {
    "server": ServerView,
    "database": DatabaseView,
    "coord": CoordConfigView,
}


def read_settings(
    shape: Shape, items: Mapping[str, str], locations: Mapping[str, Location] | None = None
) -> tuple[SettingsView, list[ValueIssue]]:
    """A file's settings as a view, and one ValueIssue per value its type rejects.

    Values are read with the shape's converters; only when one does not convert is the
    pydantic model asked to say why (``SettingsModel.from_properties``). Never raises on
    values.
    """
    view_cls = VIEWS[shape.name]
    fast = _fast_values(shape, items)
    if fast is not None:
        return view_cls(fast[0], fast[1], locations), []
    model, issues = shape.model_class().from_properties(items, locations)
    values = {
        name: getattr(model, name)
        for name in model.model_fields_set
        if name in shape.defaults or name == "servers"
    }
    view = view_cls(values, dict(model.model_extra or {}), locations)
    view.__dict__["_model"] = model
    return view, issues


def _fast_values(
    shape: Shape, items: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str]] | None:
    if shape is COORD:
        try:
            rest, servers = coord_values(items)
        except ValueError:
            return None
        converted = shape.convert(rest)
        if converted is None:
            return None
        converted[0]["servers"] = servers
        return converted
    return shape.convert(items)


def locations_of(document: Document, path: str) -> dict[str, Location]:
    """Where each key's winning entry starts, as Locations in the file ``path``."""
    return {e.key: Location(path, e.line, e.column) for e in document.entries}


class DocumentLocations(Mapping[str, Location]):
    """What ``locations_of(document, path)`` holds, each Location made when it is asked for: a
    check asks for few of a file's locations, and making all of them for every file of a large
    tree cost time and a dictionary per file. Looks the document up as it is when asked."""

    __slots__ = ("_document", "_path")

    def __init__(self, document: Document, path: str) -> None:
        self._document = document
        self._path = path

    def __getitem__(self, key: str) -> Location:
        entry = self._document.get(key) if isinstance(key, str) else None
        if entry is None:
            raise KeyError(key)
        return Location(self._path, entry.line, entry.column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._document.to_dict())  # the keys in the order locations_of gives them

    def __len__(self) -> int:
        return len(self._document._by_key())  # one item per key, as in to_dict

    def __repr__(self) -> str:
        return f"DocumentLocations({dict(self)!r})"


def read_document(
    shape: Shape, document: Document, path: str = ""
) -> tuple[SettingsView, list[ValueIssue]]:
    """``read_settings`` of a parsed properties document, with every value's location."""
    return read_settings(shape, document.to_dict(), DocumentLocations(document, path))
