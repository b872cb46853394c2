"""Hosts, client endpoints, ensembles and HA clusters of a loaded tree (SPEC §3).

INTERFACE STUB: being implemented; names and fields are final.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from neoha_config.tree import Node, Tree

LOOPBACK = "loopback"


def host_key(host: str) -> str:
    """The host identity used to compare hosts: ``localhost``, 127.0.0.0/8 and ``::1`` fold to
    ``loopback``; names are compared case-insensitively."""
    raise NotImplementedError


@dataclass(slots=True)
class Ensemble:
    """Coordinators whose ``server.N`` lines share at least one ``host:quorumPort``."""

    coordinators: list[Node] = field(default_factory=list)
    label: str = ""  # for display, e.g. "ensemble neo4j-manager-01:2888,..."


@dataclass(slots=True)
class HACluster:
    """Database nodes with one ``ha.cluster_name`` whose coordinator lists share an endpoint."""

    name: str
    nodes: list[Node] = field(default_factory=list)
    ensemble: Ensemble | None = None  # the ensemble in the tree it points at, when found
    label: str = ""  # for display, e.g. "cluster neo4j.ha"


@dataclass(slots=True)
class Topology:
    """Every ensemble and HA cluster of a tree."""

    ensembles: list[Ensemble] = field(default_factory=list)
    clusters: list[HACluster] = field(default_factory=list)


def build(tree: Tree) -> Topology:
    """Group the tree's nodes; linear in the number of nodes. Cached per tree object."""
    raise NotImplementedError
