"""Provisioning: plan a consistent HA cluster from host lists and write it as NEO4J_HOMEs."""

from __future__ import annotations

from neoha_config.provision.planning import BasePorts, ClusterPlan, HomePlan, host_identity, plan
from neoha_config.provision.write import Change, write_plan

__all__ = ["BasePorts", "Change", "ClusterPlan", "HomePlan", "host_identity", "plan", "write_plan"]
