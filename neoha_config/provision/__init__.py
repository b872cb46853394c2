"""Provisioning: plan a consistent HA cluster, write it, and change it as a described cluster."""

from __future__ import annotations

from neoha_config.provision.applying import ApplyRefused, apply
from neoha_config.provision.changes import Changes, plan_changes
from neoha_config.provision.description import Description, DescriptionError, dump, load
from neoha_config.provision.importer import import_tree
from neoha_config.provision.planning import BasePorts, ClusterPlan, HomePlan, host_identity, plan
from neoha_config.provision.write import Change, write_plan

__all__ = [
    "ApplyRefused",
    "BasePorts",
    "Change",
    "Changes",
    "ClusterPlan",
    "Description",
    "DescriptionError",
    "HomePlan",
    "apply",
    "dump",
    "host_identity",
    "import_tree",
    "load",
    "plan",
    "plan_changes",
    "write_plan",
]
