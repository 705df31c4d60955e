"""Reform levers. A lever is one module here and one preset in `conf/policy/`."""

from __future__ import annotations

from sim.config import PolicyConfig
from sim.policies.access_control import AccessControl
from sim.policies.base import Admission, Decision, Policy
from sim.policies.fee_follows_task import FeeFollowsTask
from sim.policies.grid import GridManagement

__all__ = [
    "AccessControl",
    "Admission",
    "Decision",
    "FeeFollowsTask",
    "GridManagement",
    "Policy",
    "from_config",
]


def from_config(cfg: PolicyConfig) -> list[Policy]:
    """The levers a policy configuration switches on (grid management is always there)."""
    levers: list[Policy] = [GridManagement(cfg.grid)]
    if cfg.access_control.enabled:
        levers.append(AccessControl(cfg.access_control))
    if cfg.fee_follows_task.enabled:
        levers.append(FeeFollowsTask(cfg.fee_follows_task))
    return levers
