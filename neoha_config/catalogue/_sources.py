"""The public sources the catalogue's facts were read in, by the short names variants cite."""

from __future__ import annotations

_ATT = "neo4j-attic/graphdb@dafa13f:"  # Neo4j 1.3 (2011-04-13)
_N = "neo4j/neo4j:"
_ZK = "apache/zookeeper@"

SOURCES: dict[str, str] = {
    "att-config": _ATT + "kernel/src/main/java/org/neo4j/kernel/Config.java",
    "att-store": _ATT + "kernel/src/main/java/org/neo4j/kernel/impl/nioneo/store/"
    "CommonAbstractStore.java",
    "att-nodemanager": _ATT + "kernel/src/main/java/org/neo4j/kernel/impl/core/NodeManager.java, "
    "GraphDbModule.java, impl/cache/AdaptiveCacheManager.java",
    "att-xads": _ATT + "kernel/src/main/java/org/neo4j/kernel/impl/transaction/xaframework/"
    "XaDataSource.java (shouldKeepLog)",
    "att-hagdb": _ATT + "ha/src/main/java/org/neo4j/kernel/HighlyAvailableGraphDatabase.java",
    "att-timeutil": _ATT + "ha/src/main/java/org/neo4j/kernel/ha/TimeUtil.java",
    "att-backup": _ATT + "backup/src/main/java/org/neo4j/backup/OnlineBackupExtension.java",
    "att-udc": _ATT + "udc/src/main/java/org/neo4j/ext/udc/UdcProperties.java, "
    "impl/UdcExtensionImpl.java",
    "att-jmx": _ATT + "management/src/main/java/org/neo4j/management/impl/"
    "HotspotManagementSupport.java",
    "att-lucene": _ATT + "lucene-index/src/main/java/org/neo4j/index/impl/lucene/"
    "LuceneDataSource.java",
    "n-haconfig": _N + "enterprise/ha/src/main/java/org/neo4j/kernel/HaConfig.java "
    "(@173f4fe and a 1.7 revision with ha.zk_session_timeout)",
    "n-changes": _N + "enterprise/ha/CHANGES.txt@00ebe0f",
    "n-gds18": _N + "community/kernel/src/main/java/org/neo4j/graphdb/factory/"
    "GraphDatabaseSettings.java (1.8 revision)",
    "n-gdsetting18": _N + "community/kernel/src/main/java/org/neo4j/graphdb/factory/"
    "GraphDatabaseSetting.java (1.8 revision: BooleanSetting, IntegerSetting, TimeSpanSetting; "
    "validate() is 'called when configuration is set')",
    "n-prune18": _N + "community/kernel/src/main/java/org/neo4j/kernel/impl/transaction/"
    "xaframework/LogPruneStrategies.java (revision of the 1.8 kernel, with LogLoader and "
    "Config.parseLongWithUnit)",
    "n-hasettings18": _N + "enterprise/ha/src/main/java/org/neo4j/kernel/ha/HaSettings.java "
    "(1.8 revision)",
    "n-migrator18": _N + "community/kernel/src/main/java/org/neo4j/kernel/configuration/"
    "ConfigurationMigrator.java (1.8 revision) and enterprise/ha/.../"
    "EnterpriseConfigurationMigrator.java",
    "n-shell18": _N + "community/shell/src/main/java/org/neo4j/shell/ShellSettings.java "
    "(1.8 revision) and the 1.8 ConfigurationMigrator",
    "n-timeutil18": _N + "community/kernel/src/main/java/org/neo4j/helpers/TimeUtil.java "
    "(1.8 revision: bare number = seconds)",
    "n-cluster19": _N + "enterprise/cluster/src/main/java/org/neo4j/cluster/ClusterSettings.java "
    "(1.9 revision)",
    "n-hasettings19": _N + "enterprise/ha/src/main/java/org/neo4j/kernel/ha/HaSettings.java "
    "(1.9 revision, org.neo4j.helpers.Settings)",
    "n-backup19": _N + "enterprise/backup/src/main/java/org/neo4j/backup/"
    "OnlineBackupSettings.java (a later revision)",
    "n-preflight": _N + "enterprise/server-enterprise/src/main/java/org/neo4j/server/enterprise/"
    "Neo4jHAPropertiesMustExistRule.java@25d13c9",
    "n-conf-early": _N + "community/server/src/main/java/org/neo4j/server/configuration/"
    "Configurator.java (early 1.x revision with the OSGi keys)",
    "n-conf-16": _N + "community/server/src/main/java/org/neo4j/server/configuration/"
    "Configurator.java (1.6/1.7 revision with the HTTPS keys)",
    "n-serversettings18": _N + "community/server/src/main/java/org/neo4j/server/configuration/"
    "ServerSettings.java, Configurator.java (1.8 revision)",
    "n-webserver": _N + "community/server/src/main/java/org/neo4j/server/AbstractNeoServer.java "
    "and NeoServerWithEmbeddedWebServer.java (1.x revisions: getInt/getBoolean of the port and "
    "HTTPS keys)",
    "cc": "apache/commons-configuration: PropertiesConfiguration, PropertyConverter "
    "(observed with Debian's libcommons-configuration-java 1.10 and commons-lang 2.6)",
    "stock-1.3": _N + "packaging/standalone/src/main/distribution/text/enterprise/conf/"
    "neo4j.properties@11fae01 and neo4j-server.properties (shipped 1.3 files)",
    "stock-1.5": _N + ".../enterprise/conf/neo4j.properties@c8ca5d8 and the shipped 1.5 "
    "neo4j-server.properties",
    "stock-1.6": _N + ".../enterprise/conf/neo4j.properties@5e976f5 and the shipped 1.6/1.7 "
    "neo4j-server.properties",
    "stock-1.9": _N + "packaging/standalone/standalone-enterprise/src/main/distribution/text/"
    "enterprise/conf/neo4j.properties@002af5a and the shipped 1.9 neo4j-server.properties",
    "z33": _ZK + "release-3.3.2:src/java/main/org/apache/zookeeper/server/quorum/"
    "QuorumPeerConfig.java",
    "z33-sys": _ZK + "release-3.3.2:src/java/main/org/apache/zookeeper/server/"
    "{jmx/ManagedUtil,auth/ProviderRegistry,auth/DigestAuthenticationProvider}.java",
    "z34": _ZK + "release-3.4.14:zookeeper-server/src/main/java/org/apache/zookeeper/server/"
    "quorum/QuorumPeerConfig.java",
    "z35": _ZK + "release-3.5.9:zookeeper-server/src/main/java/org/apache/zookeeper/server/"
    "quorum/QuorumPeerConfig.java",
    "z36": _ZK + "release-3.6.0:zookeeper-server/src/main/java/org/apache/zookeeper/server/"
    "quorum/QuorumPeerConfig.java",
    "z38": _ZK + "release-3.8.4:zookeeper-server/src/main/java/org/apache/zookeeper/server/"
    "{quorum/QuorumPeerConfig,admin/JettyAdminServer}.java",
}
