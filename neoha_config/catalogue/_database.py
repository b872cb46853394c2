"""The keys of ``conf/neo4j.properties`` in Neo4j 1.3-1.9 (one file: the data of one file role)."""

from __future__ import annotations

from typing import Any

from neoha_config.catalogue._spec import DATABASE, KeySpec, Variant, span
from neoha_config.catalogue._spec import Kind as K

_BETWEEN = (
    "read in 1.3 and in 1.8 alike, and named in the 2011-2012 kernel Config revisions between "
    "them; those revisions were not matched to release tags"
)
_ADDED = (
    "absent from 1.3, typed in 1.8; which of 1.4-1.7 first reads it was not read, so they are "
    "listed as possibly reading it"
)
_ON19 = "the 1.9 revision was not read; 1.8 and a later revision agree"
_EARLY_HA = (
    "the 1.4 source was not read: 1.5 ships the new HA key names and HaConfig@173f4fe reads "
    "them; 1.4 is listed as possibly reading it"
)


def _v(releases: str, kind: K, default: str | None = None, **kw: Any) -> Variant:
    return Variant(span(releases), kind, default, **kw)


def _key(key: str, summary: str, *variants: Variant, **kw: Any) -> KeySpec:
    return KeySpec(DATABASE, key, summary, variants, **kw)


def _kernel(
    key: str,
    summary: str,
    kind13: K | None,
    kind18: K,
    default: str | None = None,
    *,
    src13: str = "att-config",
    default13: str | None = None,
    in19: bool = True,
    **kw: Any,
) -> KeySpec:
    """A kernel key: 1.3 (read), 1.4-1.7 (not read), 1.8 (read), 1.9 (not read)."""
    note13 = kw.pop("note13", "")
    d13 = default if default13 is None else default13
    variants: list[Variant] = []
    if kind13 is not None:
        variants.append(_v("1.3", kind13, d13, source=src13, note=note13, **kw))
        variants.append(
            _v("1.4-1.7", kind13, d13, source=src13, verified=False, basis=_BETWEEN, **kw)
        )
    else:
        variants.append(
            _v("1.4-1.7", kind18, default, source="n-gds18", verified=False, basis=_ADDED, **kw)
        )
    variants.append(_v("1.8", kind18, default, source="n-gds18", **kw))
    if in19:
        variants.append(
            _v("1.9", kind18, default, source="n-gds18", verified=False, basis=_ON19, **kw)
        )
    return _key(key, summary, *variants)


_MAPPED = {
    "neostore.nodestore.db": ("20M", "node store"),
    "neostore.relationshipstore.db": ("100M", "relationship store"),
    "neostore.propertystore.db": ("90M", "property store"),
    "neostore.propertystore.db.index": ("1M", "property index store"),
    "neostore.propertystore.db.index.keys": ("1M", "property index keys store"),
    "neostore.propertystore.db.strings": ("130M", "string store"),
    "neostore.propertystore.db.arrays": ("130M", "array store"),
}

_MAPPED_NOTE13 = (
    "1.3 strips one trailing M, k or G (exact case) and reads the rest with Integer.parseInt; "
    "any other text logs 'Unable to parse mapped memory[...]' and maps nothing"
)


def _mapped(store: str, default: str | None, what: str, family: str | None = None) -> KeySpec:
    key = f"{store}.mapped_memory"
    common: dict[str, Any] = {"unit": "bytes"}
    return _key(
        key,
        f"memory mapped for the {what}",
        _v("1.3", K.SIZE_13, default, source="att-store", note=_MAPPED_NOTE13, **common),
        _v("1.4-1.7", K.SIZE_13, default, source="att-store", verified=False, basis=_BETWEEN),
        _v(
            "1.8",
            K.SIZE,
            default,
            source="n-gds18",
            note="1.8 validates \\d+[kmgKMG]: a unit is required ('Invalid value %s, must be "
            "e.g. 20M')",
            verified=False,
            basis="the 1.8 pattern was read; that 1.8 refuses a bare byte count at start rests "
            "on its Config validating every typed setting, which was not run",
            **common,
        ),
        _v("1.9", K.SIZE, default, source="n-gds18", verified=False, basis=_ON19),
        family=family,
    )


_KERNEL: tuple[KeySpec, ...] = (
    _kernel("read_only", "open the store read-only", K.BOOLEAN_LENIENT, K.BOOLEAN, "false"),
    _kernel(
        "dump_configuration",
        "log the effective configuration at start",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "false",
    ),
    _kernel(
        "backup_slave",
        "open the store as a backup slave",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "false",
        src13="att-store",
        note13="the store compares with exactly 'true'; Config uses Boolean.parseBoolean",
    ),
    _kernel(
        "allow_store_upgrade",
        "allow an older store format to be upgraded",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "false",
    ),
    _kernel(
        "use_memory_mapped_buffers",
        "memory-map the store files",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "true",
        default_note="false on Windows",
    ),
    *(_mapped(store, default, what) for store, (default, what) in _MAPPED.items()),
    _mapped(
        "neostore.*",
        None,
        "store file named by the key (the store's file name before .mapped_memory)",
        family=r"neostore(\..+)?\.mapped_memory\Z",
    ),
    _key(
        "cache_type",
        "the object cache",
        _v(
            "1.3",
            K.ENUM,
            "soft",
            options=("weak", "soft", "old", "none", "strong"),
            source="att-nodemanager",
            note="CacheType.valueOf: exact case",
        ),
        _v(
            "1.4-1.6",
            K.ENUM,
            "soft",
            options=("weak", "soft", "old", "none", "strong"),
            verified=False,
            basis=_BETWEEN,
        ),
        _v(
            "1.7",
            K.ENUM,
            "soft",
            options=("weak", "soft", "old", "none", "strong", "gcr"),
            source="n-changes",
            verified=False,
            basis="1.7.M03 adds the GCR cache (enterprise); the 1.7 option list was not read",
        ),
        _v(
            "1.8",
            K.ENUM,
            "gcr",
            options=("weak", "soft", "none", "strong", "gcr"),
            ignore_case=True,
            source="n-gds18",
            note="gcr is the enterprise default",
        ),
        _v(
            "1.9",
            K.ENUM,
            "gcr",
            options=("weak", "soft", "none", "strong", "gcr"),
            ignore_case=True,
            verified=False,
            basis=_ON19,
        ),
    ),
    _kernel("store_dir", "store directory (set by the server)", K.PATH, K.PATH),
    _kernel("logical_log", "logical log file name", K.PATH, K.PATH),
    _kernel("neo_store", "neostore file name", K.PATH, K.PATH),
    _kernel(
        "tx_manager_impl",
        "transaction manager implementation",
        K.STRING,
        K.STRING,
    ),
    _kernel(
        "rebuild_idgenerators_fast",
        "rebuild id generators quickly after a crash",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "true",
        src13="att-store",
    ),
    _kernel(
        "string_block_size",
        "string store block size at store creation",
        K.INTEGER,
        K.INTEGER,
        "120",
        unit="bytes",
        minimum=1,
    ),
    _kernel(
        "array_block_size",
        "array store block size at store creation",
        K.INTEGER,
        K.INTEGER,
        "120",
        unit="bytes",
        minimum=1,
    ),
    _kernel(
        "relationship_grab_size",
        "relationships loaded per batch",
        K.INTEGER,
        K.INTEGER,
        "100",
        src13="att-store",
    ),
    _kernel(
        "grab_file_lock",
        "lock the store directory",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "true",
        src13="att-store",
        note13="1.3 turns it off only for 'false' in any case: anything else keeps the lock",
    ),
    _kernel(
        "load_kernel_extensions",
        "load kernel extensions (backup, shell, UDC, ...)",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "true",
    ),
    _kernel(
        "use_adaptive_cache",
        "adaptive cache sizing",
        K.BOOLEAN_LENIENT,
        K.BOOLEAN,
        "false",
        src13="att-nodemanager",
    ),
    _kernel(
        "adaptive_cache_heap_ratio",
        "heap ratio of the adaptive cache",
        K.FLOAT,
        K.FLOAT,
        "0.77",
        src13="att-nodemanager",
        minimum=0.1,
        maximum=0.95,
    ),
    _kernel(
        "adaptive_cache_worker_sleep_time",
        "adaptive cache check interval",
        K.INTEGER,
        K.INTEGER,
        "3000",
        src13="att-nodemanager",
        unit="ms",
    ),
    _kernel(
        "adaptive_cache_manager_decrease_ratio",
        "adaptive cache decrease ratio",
        K.FLOAT,
        K.FLOAT,
        "1.15",
        src13="att-nodemanager",
        minimum=1.0,
    ),
    _kernel(
        "adaptive_cache_manager_increase_ratio",
        "adaptive cache increase ratio",
        K.FLOAT,
        K.FLOAT,
        "1.1",
        src13="att-nodemanager",
        minimum=1.0,
    ),
    *(
        _kernel(
            name,
            f"{name.replace('_', ' ')} (adaptive cache)",
            K.INTEGER,
            K.INTEGER,
            default,
            src13="att-nodemanager",
        )
        for name, default in (
            ("min_node_cache_size", "0"),
            ("min_relationship_cache_size", "0"),
            ("max_node_cache_size", "1500"),
            ("max_relationship_cache_size", "3500"),
        )
    ),
    _key(
        "keep_logical_logs",
        "keep logical logs (for backup); not a boolean",
        _v(
            "1.3",
            K.KEEP_LOGS_13,
            None,
            source="att-xads",
            note="exactly 'true' keeps every data source's log, else a comma list of data "
            "source names (nioneodb, lucene); HA and an enabled online backup force 'true'",
        ),
        _v("1.4-1.7", K.KEEP_LOGS_13, None, source="att-xads", verified=False, basis=_BETWEEN),
        _v(
            "1.8",
            K.KEEP_LOGS_18,
            None,
            source="n-prune18",
            note="the data source list of 1.3-1.7 is refused; HA and an enabled online backup "
            "keep logs regardless",
        ),
        _v("1.9", K.KEEP_LOGS_18, None, verified=False, basis=_ON19),
    ),
    _kernel(
        "node_auto_indexing",
        "auto-index node properties",
        None,
        K.BOOLEAN,
        "false",
    ),
    _kernel(
        "relationship_auto_indexing",
        "auto-index relationship properties",
        None,
        K.BOOLEAN,
        "false",
    ),
    _kernel("node_keys_indexable", "node keys to auto-index", None, K.LIST),
    _kernel("relationship_keys_indexable", "relationship keys to auto-index", None, K.LIST),
    _kernel(
        "lucene_searcher_cache_size",
        "open Lucene searchers",
        None,
        K.INTEGER,
        "2147483647",
        minimum=1,
    ),
    _kernel(
        "lucene_writer_cache_size",
        "open Lucene writers",
        None,
        K.INTEGER,
        "2147483647",
        minimum=1,
    ),
    _kernel(
        "intercept_committing_transactions",
        "transaction interceptors on commit",
        None,
        K.BOOLEAN,
        "false",
    ),
    _kernel(
        "intercept_deserialized_transactions",
        "transaction interceptors on received transactions",
        None,
        K.BOOLEAN,
        "false",
    ),
    _kernel("execution_guard_enabled", "execution guard", None, K.BOOLEAN, "false"),
    _kernel(
        "gc_monitor_wait_time",
        "GC monitor poll interval",
        None,
        K.DURATION_UNIT,
        "100ms",
    ),
    _kernel(
        "gc_monitor_threshold",
        "GC pause worth logging",
        None,
        K.DURATION_UNIT,
        "200ms",
    ),
    _kernel(
        "array_cache_min_log_interval",
        "GCR cache statistics log interval",
        None,
        K.DURATION_UNIT,
        "60s",
    ),
    _key(
        "gcr_cache_min_log_interval",
        "GCR cache statistics log interval (1.7 name)",
        _v(
            "1.7",
            K.DURATION,
            None,
            bare_unit="s",
            source="n-haconfig",
            note="documented as: default unit seconds, suffix s, m or ms",
        ),
        _v("1.8-1.9", K.DURATION, None, bare_unit="s", verified=False, basis=_ADDED),
    ),
    *(
        _key(
            name,
            summary,
            _v(
                "1.7",
                K.SIZE,
                None,
                unit="bytes",
                source="n-haconfig",
                verified=False,
                basis="named in the 1.7 HaConfig (GCR cache, 1.7.M03); its parser was not read",
            ),
            _v("1.8", K.SIZE, None, unit="bytes", source="n-gds18"),
            _v("1.9", K.SIZE, None, unit="bytes", verified=False, basis=_ON19),
        )
        for name, summary in (
            ("node_cache_size", "GCR node cache size"),
            ("relationship_cache_size", "GCR relationship cache size"),
        )
    ),
    *(
        _key(
            name,
            summary,
            _v(
                "1.7",
                K.FLOAT,
                "1.0",
                source="n-haconfig",
                verified=False,
                basis="named in the 1.7 HaConfig (GCR cache); its parser was not read",
            ),
            _v(
                "1.8", K.FLOAT, "1.0", minimum=1.0, maximum=10.0, unit="% of heap", source="n-gds18"
            ),
            _v("1.9", K.FLOAT, "1.0", minimum=1.0, maximum=10.0, verified=False, basis=_ON19),
        )
        for name, summary in (
            ("node_cache_array_fraction", "GCR node cache array, percent of heap"),
            ("relationship_cache_array_fraction", "GCR relationship cache array, percent of heap"),
        )
    ),
    _key(
        "cypher_parser_version",
        "default Cypher parser version",
        _v(
            "1.6-1.9",
            K.STRING,
            None,
            source="stock-1.6",
            note="1.8 (early revision) lists 1.5, 1.6, 1.7; the list grows with each release",
            verified=False,
            basis="documented in the shipped 1.6-1.9 neo4j.properties; the per-release option "
            "lists were not all read",
        ),
    ),
    _kernel("remote_logging_enabled", "logback remote logging", None, K.BOOLEAN, "false"),
    _kernel("remote_logging_host", "logback remote logging host", None, K.HOST, "127.0.0.1"),
    _kernel(
        "remote_logging_port",
        "logback remote logging port",
        None,
        K.PORT,
        "4560",
        minimum=1,
        maximum=65535,
        note="PortSetting: 'Must be a valid port number'",
    ),
    _key(
        "forced_kernel_id",
        "JMX kernel instance name",
        _v(
            "1.4-1.9",
            K.STRING,
            None,
            verified=False,
            basis="listed among the real 1.x kernel keys; its source was not read",
        ),
    ),
    _key(
        "jmx.port",
        "JMX connector port (management extension)",
        _v("1.3", K.PORT, None, source="att-jmx"),
        _v("1.4-1.9", K.PORT, None, verified=False, basis="read in 1.3; later code not read"),
    ),
    _key(
        "jmx.use_ssl",
        "JMX connector over SSL",
        _v("1.3", K.BOOLEAN_LENIENT, "false", source="att-jmx"),
        _v(
            "1.4-1.9",
            K.BOOLEAN_LENIENT,
            "false",
            verified=False,
            basis="read in 1.3; later code not read",
        ),
    ),
)

_HA_LISTENER = "HA server"
_BACKUP = "online backup"
_SHELL = "remote shell"

_HA: tuple[KeySpec, ...] = (
    _key(
        "ha.machine_id",
        "this instance's id in the HA cluster (old name of ha.server_id)",
        _v(
            "1.3",
            K.INTEGER,
            None,
            required=True,
            source="att-hagdb",
            note="Integer.parseInt, no trim; required in HA",
        ),
        _v(
            "1.4-1.7",
            K.INTEGER,
            None,
            source="n-haconfig",
            note="deprecated alias: with ha.server_id also set, 'Multiple configuration values "
            "set for the same logical key: [ha.server_id, ha.machine_id]'",
        ),
        _v(
            "1.8",
            K.INTEGER,
            None,
            source="n-migrator18",
            note="the 1.8 migrator rewrites it to ha.server_id",
        ),
        replaced_by="ha.server_id",
    ),
    _key(
        "ha.server_id",
        "this instance's id in the HA cluster",
        _v("1.4", K.INTEGER, None, source="n-haconfig", verified=False, basis=_EARLY_HA),
        _v(
            "1.5-1.7",
            K.INTEGER,
            None,
            required=True,
            source="n-haconfig",
            note="the 1.4-1.8 server preflight also wants a non-negative integer",
        ),
        _v("1.8", K.INTEGER, None, required=True, source="n-hasettings18"),
        _v("1.9", K.INTEGER, None, required=True, source="n-cluster19"),
    ),
    _key(
        "ha.zoo_keeper_servers",
        "coordinators, host:clientPort list (old name of ha.coordinators)",
        _v("1.3", K.COORDINATOR_LIST, None, required=True, source="att-hagdb"),
        _v("1.4-1.7", K.COORDINATOR_LIST, None, source="n-haconfig", note="deprecated alias"),
        _v(
            "1.8",
            K.COORDINATOR_LIST,
            None,
            source="n-migrator18",
            note="the 1.8 migrator rewrites it to ha.coordinators",
        ),
        replaced_by="ha.coordinators",
    ),
    _key(
        "ha.coordinators",
        "coordinators, host:clientPort list (ZooKeeper connect string)",
        _v("1.4", K.COORDINATOR_LIST, None, verified=False, basis=_EARLY_HA),
        _v("1.5-1.7", K.COORDINATOR_LIST, None, required=True, source="n-haconfig"),
        _v("1.8", K.COORDINATOR_LIST, None, required=True, source="n-hasettings18"),
        _v(
            "1.9",
            K.COORDINATOR_LIST,
            None,
            source="n-changes",
            verified=False,
            basis="1.9.M02 adds a ZooKeeper compatibility layer for rolling upgrades from 1.8; "
            "whether it reads this key was not read",
        ),
    ),
    _key(
        "ha.server",
        "host:port of this instance's HA server (published to the cluster, port bound)",
        _v(
            "1.3",
            K.HOST_PORT,
            None,
            source="att-hagdb",
            listener=_HA_LISTENER,
            default_note="InetAddress.getLocalHost().toString() + ':6361' (name/ip:6361)",
            note="split at the first ':'; only the master binds the port",
        ),
        _v(
            "1.4-1.7",
            K.HOST_PORT,
            None,
            source="n-haconfig",
            listener=_HA_LISTENER,
            default_note="<local address>:6361",
            note="split at the first ':'; only the master binds the port",
        ),
        _v(
            "1.8",
            K.HOST_PORT,
            None,
            source="n-hasettings18",
            listener=_HA_LISTENER,
            default_note="<local address>:6361",
            note="StringSetting ANY; split at the first ':'; slaves bind too (SlaveServer)",
        ),
        _v(
            "1.9",
            K.HOST_PORT_RANGE,
            "0.0.0.0:6001-6011",
            source="n-hasettings19",
            listener=_HA_LISTENER,
        ),
    ),
    _key(
        "ha.cluster_name",
        "cluster name (1.3-1.8: the znode /<name> on the coordinators)",
        _v("1.3", K.CLUSTER_NAME, "neo4j.ha", source="att-hagdb"),
        _v("1.4-1.7", K.CLUSTER_NAME, "neo4j.ha", source="n-haconfig"),
        _v(
            "1.8",
            K.CLUSTER_NAME,
            "neo4j.ha",
            source="n-hasettings18",
            note="StringSetting ANY: any non-empty text passes validation",
        ),
        _v("1.9", K.STRING, "neo4j.ha", source="n-cluster19"),
    ),
    _key(
        "ha.pull_interval",
        "how often a slave pulls updates from the master",
        _v(
            "1.3",
            K.DURATION,
            None,
            bare_unit="s",
            minimum=1,
            source="att-timeutil",
            note="0 (0s, 0ms) is fatal: scheduleWithFixedDelay refuses a delay of 0",
            default_note="unset: no periodic pull",
        ),
        _v(
            "1.4-1.7",
            K.DURATION,
            "-1",
            bare_unit="s",
            source="n-haconfig",
            default_note="-1: no periodic pull; pulls only when > 0",
        ),
        _v(
            "1.8",
            K.DURATION,
            "0",
            bare_unit="s",
            source="n-timeutil18",
            note="StringSetting ANY read with TimeUtil",
            default_note="0: no periodic pull",
        ),
        _v(
            "1.9",
            K.DURATION,
            "0s",
            bare_unit="s",
            source="n-hasettings19",
            verified=False,
            basis="1.9 Settings.DURATION uses helpers TimeUtil; whether 1.9's accepts 'h' (a "
            "later revision does) was not read",
        ),
    ),
    _key(
        "ha.allow_init_cluster",
        "may this instance create a new cluster",
        _v("1.3", K.BOOLEAN_LENIENT, "true", source="att-hagdb"),
        _v("1.4-1.7", K.BOOLEAN_LENIENT, "true", source="n-haconfig"),
        _v("1.8", K.BOOLEAN, "true", source="n-hasettings18"),
        _v("1.9", K.BOOLEAN, "true", source="n-cluster19"),
    ),
    _key(
        "ha.read_timeout",
        "how long a slave waits for the master",
        _v("1.4", K.INTEGER, "20", unit="s", verified=False, basis=_EARLY_HA),
        _v("1.5-1.7", K.INTEGER, "20", unit="s", source="n-haconfig"),
        _v(
            "1.8",
            K.INTEGER,
            "20",
            unit="s",
            minimum=5,
            source="n-hasettings18",
            note="'Minimum allowed value is: 5'",
        ),
        _v("1.9", K.DURATION, "20s", bare_unit="s", source="n-hasettings19"),
    ),
    _key(
        "ha.lock_read_timeout",
        "how long a slave waits for a lock on the master",
        _v("1.4", K.INTEGER, None, unit="s", verified=False, basis=_EARLY_HA),
        _v(
            "1.5-1.7",
            K.INTEGER,
            None,
            unit="s",
            source="n-haconfig",
            default_note="= ha.read_timeout",
        ),
        _v(
            "1.8",
            K.INTEGER,
            None,
            unit="s",
            minimum=1,
            source="n-hasettings18",
            default_note="= ha.read_timeout",
        ),
        _v(
            "1.9",
            K.DURATION,
            None,
            bare_unit="s",
            source="n-hasettings19",
            default_note="= ha.read_timeout",
        ),
    ),
    _key(
        "ha.max_concurrent_channels_per_slave",
        "connections a slave may open to the master",
        _v("1.4", K.INTEGER, "20", verified=False, basis=_EARLY_HA),
        _v("1.5-1.7", K.INTEGER, "20", source="n-haconfig"),
        _v("1.8", K.INTEGER, "20", minimum=1, source="n-hasettings18"),
        _v("1.9", K.INTEGER, "20", minimum=1, source="n-hasettings19"),
    ),
    _key(
        "ha.max_concurrent_transactions_on_master",
        "concurrent transactions the master serves",
        _v("1.7", K.INTEGER, "200", source="n-haconfig", note="added in 1.7.M01"),
    ),
    _key(
        "ha.branched_data_policy",
        "what a slave does with a branched store",
        _v(
            "1.5-1.7",
            K.ENUM,
            "keep_all",
            options=("keep_all", "keep_last", "keep_none"),
            source="n-haconfig",
            note="Enum.valueOf: exact lower case; added in 1.5.M02",
        ),
        _v(
            "1.8",
            K.ENUM,
            "keep_all",
            options=("keep_all", "keep_last", "keep_none", "shutdown"),
            ignore_case=True,
            source="n-hasettings18",
        ),
        _v(
            "1.9",
            K.ENUM,
            "keep_all",
            options=("keep_all", "keep_last", "keep_none"),
            source="n-hasettings19",
            verified=False,
            basis="the 1.9 BranchedDataPolicy enum's members were not read",
        ),
    ),
    _key(
        "ha.slave_coordinator_update_mode",
        "how a slave publishes its last transaction to ZooKeeper",
        _v(
            "1.4",
            K.ENUM,
            "async",
            options=("sync", "async", "none"),
            verified=False,
            basis=_EARLY_HA,
        ),
        _v(
            "1.5-1.7",
            K.ENUM,
            "async",
            options=("sync", "async", "none"),
            source="n-haconfig",
            note="Enum.valueOf: exact lower case",
        ),
        _v(
            "1.8",
            K.ENUM,
            "async",
            options=("sync", "async", "none"),
            ignore_case=True,
            source="n-hasettings18",
        ),
    ),
    _key(
        "ha.zk_session_timeout",
        "ZooKeeper session timeout the instance asks for",
        _v(
            "1.7",
            K.DURATION,
            None,
            bare_unit="s",
            source="n-haconfig",
            default_note="5000 ms when unset; a bare number is seconds (TimeUtil)",
            note="added in 1.7.M01; ha.zk_session_timeout=5000 means 5000 s",
        ),
        _v("1.8", K.INTEGER, "5000", unit="ms", minimum=1, source="n-hasettings18"),
    ),
    _key(
        "ha.coordinator_fetch_info_timeout",
        "timeout fetching cluster info from the coordinators",
        _v(
            "1.6",
            K.INTEGER,
            "500",
            verified=False,
            basis="present in the 1.7 HaConfig; 1.6 not read",
        ),
        _v("1.7", K.INTEGER, "500", source="n-haconfig"),
        _v("1.8", K.INTEGER, "500", minimum=1, source="n-hasettings18"),
    ),
    _key(
        "ha.coordinator_timeout",
        "coordinator timeout of one HaConfig revision, read by no known release",
        inert=True,
    ),
    _key(
        "ha.skeleton_db_path",
        "a 1.2 milestone's temporary key, read by no catalogued release",
        inert=True,
    ),
    _key(
        "ha.tx_push_factor",
        "slaves the master pushes each transaction to",
        _v("1.8", K.INTEGER, "1", minimum=0, source="n-hasettings18", note="added in 1.8.M06"),
        _v("1.9", K.INTEGER, "1", minimum=0, source="n-hasettings19"),
    ),
    _key(
        "ha.tx_push_strategy",
        "which slaves get pushed transactions",
        _v(
            "1.8",
            K.ENUM,
            "fixed",
            options=("round_robin", "fixed"),
            ignore_case=True,
            source="n-hasettings18",
        ),
        _v("1.9", K.ENUM, "fixed", options=("round_robin", "fixed"), source="n-hasettings19"),
    ),
    _key(
        "ha.com_chunk_size",
        "chunk size of master/slave traffic",
        _v(
            "1.8",
            K.BYTES,
            "2M",
            unit="bytes",
            minimum=1024,
            maximum=16 * 1024**2,
            source="n-hasettings18",
            note="'Must be within 1k-16M'",
        ),
        _v("1.9", K.BYTES, "2M", unit="bytes", minimum=1024, source="n-hasettings19"),
    ),
    _key(
        "ha.initial_hosts",
        "cluster members to join, host:port list",
        _v("1.9", K.HOST_PORT_LIST, None, required=True, source="n-cluster19"),
    ),
    _key(
        "ha.cluster_server",
        "host:port (or port range) of this instance's cluster listener",
        _v(
            "1.9",
            K.HOST_PORT_RANGE,
            "0.0.0.0:5001-5099",
            source="n-cluster19",
            listener="cluster server",
        ),
    ),
    _key(
        "ha.slave_only",
        "never become master",
        _v("1.9", K.BOOLEAN, "false", source="n-hasettings19"),
    ),
    _key(
        "ha.state_switch_timeout",
        "timeout waiting to become master or slave",
        _v(
            "1.9",
            K.DURATION,
            "120s",
            bare_unit="s",
            source="n-hasettings19",
            verified=False,
            basis="in the 1.9-era HaSettings read; the 1.9 point release that "
            "added it was not read",
        ),
    ),
    *(
        _key(
            name,
            summary,
            _v(
                "1.9",
                K.DURATION,
                default,
                bare_unit="s",
                source="n-cluster19",
                default_note=note,
            ),
        )
        for name, summary, default, note in (
            ("ha.default_timeout", "default of the cluster timeouts", "5s", ""),
            ("ha.heartbeat_timeout", "heartbeat timeout", "11s", ""),
            ("ha.heartbeat_interval", "heartbeat interval", None, "= ha.default_timeout"),
            ("ha.broadcast_timeout", "broadcast timeout", "30s", ""),
            ("ha.join_timeout", "cluster join timeout", None, "= ha.broadcast_timeout"),
            ("ha.configuration_timeout", "configuration fetch timeout", "1s", ""),
            ("ha.leave_timeout", "cluster leave timeout", None, "= ha.broadcast_timeout"),
            ("ha.paxos_timeout", "Paxos timeout", None, "= ha.default_timeout"),
            ("ha.phase1_timeout", "Paxos phase 1 timeout", None, "= ha.paxos_timeout"),
            ("ha.phase2_timeout", "Paxos phase 2 timeout", None, "= ha.paxos_timeout"),
            ("ha.learn_timeout", "learner timeout", None, "= ha.default_timeout"),
            ("ha.election_timeout", "election timeout", None, "= ha.paxos_timeout"),
        )
    ),
)

_SERVICES: tuple[KeySpec, ...] = (
    _key(
        "enable_online_backup",
        "online backup switch: true, false or port=N",
        _v(
            "1.3",
            K.SERVICE_SWITCH,
            None,
            source="att-backup",
            listener=_BACKUP,
            default_note="unset: off",
            note="true: port 6362; port=N: on, port N",
        ),
        _v(
            "1.4-1.7",
            K.SERVICE_SWITCH,
            None,
            source="n-haconfig",
            listener=_BACKUP,
            default_note="unset: off",
        ),
        _v(
            "1.8",
            K.SERVICE_SWITCH,
            None,
            source="n-migrator18",
            listener=_BACKUP,
            note="migrated to online_backup_enabled and online_backup_port",
        ),
        replaced_by="online_backup_enabled",
    ),
    _key(
        "online_backup_enabled",
        "online backup on or off",
        _v("1.8", K.BOOLEAN, "false", source="n-gds18", listener=_BACKUP),
        _v(
            "1.9",
            K.BOOLEAN,
            "true",
            source="n-backup19",
            listener=_BACKUP,
            verified=False,
            basis="a later OnlineBackupSettings defaults to true and the shipped 1.9 file sets "
            "it; the 1.9 revision was not read",
        ),
    ),
    _key(
        "online_backup_port",
        "online backup port",
        _v("1.8", K.PORT, "6362", source="n-migrator18", listener=_BACKUP),
        _v(
            "1.9",
            K.PORT,
            "6362",
            source="stock-1.9",
            listener=_BACKUP,
            verified=False,
            basis="the shipped 1.9 file sets it; how 1.9 maps it to online_backup_server was "
            "not read",
        ),
    ),
    _key(
        "online_backup_server",
        "online backup listener, host:port or port range",
        _v(
            "1.9",
            K.HOST_PORT_RANGE,
            "0.0.0.0:6362-6372",
            source="n-backup19",
            listener=_BACKUP,
            verified=False,
            basis="a later OnlineBackupSettings; the 1.9 revision was not read",
        ),
    ),
    _key(
        "enable_remote_shell",
        "remote shell switch: true, false or port=N[,name=...,readonly=...]",
        _v(
            "1.3-1.7",
            K.SERVICE_SWITCH,
            None,
            source="att-config",
            listener=_SHELL,
            default_note="unset: off",
            verified=False,
            basis="the key is in the 1.3 Config; its value format (true/false or "
            "port/name/readonly pairs, port 1337) follows the 1.8 migrator, the 1.3 shell "
            "extension was not read",
        ),
        _v(
            "1.8",
            K.SERVICE_SWITCH,
            None,
            source="n-shell18",
            listener=_SHELL,
            note="migrated to remote_shell_enabled, _port, _name, _read_only",
        ),
        replaced_by="remote_shell_enabled",
    ),
    *(
        _key(
            name,
            summary,
            _v("1.8", kind, default, source="n-shell18", listener=_SHELL),
            _v(
                "1.9",
                kind,
                default,
                source="n-shell18",
                listener=_SHELL,
                verified=False,
                basis=_ON19,
            ),
        )
        for name, summary, kind, default in (
            ("remote_shell_enabled", "remote shell on or off", K.BOOLEAN, "false"),
            ("remote_shell_port", "remote shell port", K.PORT, "1337"),
            ("remote_shell_name", "remote shell RMI name", K.STRING, "shell"),
            ("remote_shell_read_only", "remote shell read-only", K.BOOLEAN, "false"),
        )
    ),
    _key(
        "neo4j.ext.udc.disable",
        "turn usage data collection off",
        _v("1.3", K.BOOLEAN_LENIENT, "false", source="att-udc"),
        _v("1.4-1.7", K.BOOLEAN_LENIENT, "false", verified=False, basis=_BETWEEN),
        _v(
            "1.8",
            K.BOOLEAN_LENIENT,
            "false",
            source="n-migrator18",
            note="migrated: 'true' in any case becomes neo4j.ext.udc.enabled=false",
        ),
        _v("1.9", K.BOOLEAN_LENIENT, "false", verified=False, basis=_ON19),
        replaced_by="neo4j.ext.udc.enabled",
    ),
    _key(
        "neo4j.ext.udc.enabled",
        "usage data collection on or off",
        _v(
            "1.8",
            K.BOOLEAN,
            "true",
            source="n-migrator18",
            verified=False,
            basis="the 1.8 migrator writes it; the 1.8 UDC setting's type was not read",
        ),
        _v("1.9", K.BOOLEAN, "true", verified=False, basis=_ON19),
    ),
    *(
        _key(
            name,
            summary,
            _v("1.3", kind, None, source="att-udc", unit=unit, note=note),
            _v(
                "1.4-1.9",
                kind,
                None,
                unit=unit,
                verified=False,
                basis="read in 1.3; later code not read",
            ),
        )
        for name, summary, kind, unit, note in (
            (
                "neo4j.ext.udc.first_delay",
                "delay before the first UDC ping",
                K.INTEGER,
                "ms",
                "1.3 falls back to its default when Integer.parseInt fails, silently",
            ),
            (
                "neo4j.ext.udc.interval",
                "UDC ping interval",
                K.INTEGER,
                "ms",
                "1.3 falls back to its default when Integer.parseInt fails, silently",
            ),
            ("neo4j.ext.udc.host", "UDC host", K.HOST, None, ""),
            ("neo4j.ext.udc.source", "UDC source tag", K.STRING, None, ""),
        )
    ),
)

KEYS: tuple[KeySpec, ...] = _KERNEL + _HA + _SERVICES
"""Every key of ``conf/neo4j.properties`` the catalogue knows."""
