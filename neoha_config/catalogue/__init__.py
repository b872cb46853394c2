"""The key catalogue: every key Neo4j 1.3-1.9 and ZooKeeper 3.3-3.9 read, release by release.

Plain data (named tuples) and pure parsers, no pydantic: cheap enough for the check path.

>>> from neoha_config.catalogue import lookup
>>> spec = lookup("neo4j.properties", "ha.zk_session_timeout")
>>> spec.kind("1.7"), spec.kind("1.8")
(<Kind.DURATION: 'duration'>, <Kind.INTEGER: 'integer'>)
>>> spec.reads_in("1.6")
False
"""

from __future__ import annotations

from neoha_config.catalogue._query import (
    CATALOGUE,
    LISTENERS,
    enabled_by_default,
    keys,
    known,
    listeners,
    lookup,
    reading_answer,
    releases_reading,
    unverified,
)
from neoha_config.catalogue._sources import SOURCES
from neoha_config.catalogue._spec import (
    COORD,
    DATABASE,
    FILES,
    NEO4J_RELEASES,
    SERVER,
    ZOOKEEPER_RELEASES,
    KeySpec,
    Kind,
    Listener,
    Variant,
    describe_span,
    releases_of,
    span,
)
from neoha_config.catalogue.parsers import Result, parse, parse_variant

__all__ = [
    "CATALOGUE",
    "COORD",
    "DATABASE",
    "FILES",
    "LISTENERS",
    "NEO4J_RELEASES",
    "SERVER",
    "SOURCES",
    "ZOOKEEPER_RELEASES",
    "KeySpec",
    "Kind",
    "Listener",
    "Result",
    "Variant",
    "describe_span",
    "enabled_by_default",
    "keys",
    "known",
    "listeners",
    "lookup",
    "parse",
    "parse_variant",
    "reading_answer",
    "releases_of",
    "releases_reading",
    "span",
    "unverified",
]
