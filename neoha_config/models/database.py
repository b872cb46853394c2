"""The model of ``conf/neo4j.properties``: HA and backup settings of Neo4j 1.2-1.8."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from neoha_config.models import derived, shapes
from neoha_config.models.base import SettingsModel
from neoha_config.models.plain import BranchedDataPolicy, PushStrategy, UpdateMode
from neoha_config.models.values import (
    ChunkSize,
    ClusterName,
    CoordinatorList,
    DurationValue,
    HaServerAddress,
    JavaBool,
    JavaInt,
    NonNegativeInt,
    Port,
    PositiveInt,
    ServiceSwitchValue,
)


class DatabaseSettings(derived.DatabaseFacts, SettingsModel):
    """HA and backup settings; both generations of key names are separate fields.

    Use ``effective_server_id`` and ``effective_coordinators`` for the value Neo4j uses.
    Kernel settings this model does not type (memory mapping, caches) stay in ``model_extra``.
    """

    _shape: ClassVar[shapes.Shape] = shapes.DATABASE

    server_id: NonNegativeInt | None = Field(
        None, alias="ha.server_id", description="machine id, unique in the cluster (~1.4+)"
    )
    machine_id: NonNegativeInt | None = Field(
        None, alias="ha.machine_id", description="pre-1.5 name of ha.server_id"
    )
    coordinators: CoordinatorList | None = Field(
        None, alias="ha.coordinators", description="host:clientPort of every coordinator (~1.4+)"
    )
    zoo_keeper_servers: CoordinatorList | None = Field(
        None, alias="ha.zoo_keeper_servers", description="pre-1.5 name of ha.coordinators"
    )
    ha_server: HaServerAddress | None = Field(
        None, alias="ha.server", description="host:port this node publishes (port 6361)"
    )
    cluster_name: ClusterName | None = Field(
        None, alias="ha.cluster_name", description="root znode; neo4j.ha"
    )
    pull_interval: DurationValue | None = Field(None, alias="ha.pull_interval")
    allow_init_cluster: JavaBool | None = Field(None, alias="ha.allow_init_cluster")
    read_timeout: PositiveInt | None = Field(None, alias="ha.read_timeout", description="s")
    lock_read_timeout: PositiveInt | None = Field(
        None, alias="ha.lock_read_timeout", description="s"
    )
    max_concurrent_channels_per_slave: PositiveInt | None = Field(
        None, alias="ha.max_concurrent_channels_per_slave"
    )
    max_concurrent_transactions_on_master: PositiveInt | None = Field(
        None, alias="ha.max_concurrent_transactions_on_master"
    )
    branched_data_policy: BranchedDataPolicy | None = Field(None, alias="ha.branched_data_policy")
    slave_coordinator_update_mode: UpdateMode | None = Field(
        None, alias="ha.slave_coordinator_update_mode"
    )
    zk_session_timeout: PositiveInt | None = Field(
        None, alias="ha.zk_session_timeout", description="milliseconds; 5000"
    )
    coordinator_fetch_info_timeout: PositiveInt | None = Field(
        None, alias="ha.coordinator_fetch_info_timeout"
    )
    coordinator_timeout: JavaInt | None = Field(None, alias="ha.coordinator_timeout")
    tx_push_factor: NonNegativeInt | None = Field(None, alias="ha.tx_push_factor")
    tx_push_strategy: PushStrategy | None = Field(None, alias="ha.tx_push_strategy")
    com_chunk_size: ChunkSize | None = Field(None, alias="ha.com_chunk_size")
    enable_online_backup: ServiceSwitchValue | None = Field(
        None, alias="enable_online_backup", description="1.3-1.7: true, false or port=N"
    )
    online_backup_enabled: JavaBool | None = Field(None, alias="online_backup_enabled")
    online_backup_port: Port | None = Field(None, alias="online_backup_port")
    enable_remote_shell: ServiceSwitchValue | None = Field(None, alias="enable_remote_shell")
    remote_shell_enabled: JavaBool | None = Field(None, alias="remote_shell_enabled")
    remote_shell_port: Port | None = Field(None, alias="remote_shell_port")
    remote_shell_name: str | None = Field(None, alias="remote_shell_name")
    remote_shell_read_only: JavaBool | None = Field(None, alias="remote_shell_read_only")
    keep_logical_logs: JavaBool | None = Field(None, alias="keep_logical_logs")


KNOWN_KEYS: frozenset[str] = frozenset(
    f.alias for f in DatabaseSettings.model_fields.values() if f.alias
)
