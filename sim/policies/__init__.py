"""Reform levers. A lever is one module here and one preset in `conf/policy/`."""

from __future__ import annotations

from sim.config import PolicyConfig
from sim.policies.access_control import AccessControl
from sim.policies.base import Admission, Decision, Policy
from sim.policies.escalation_path import EscalationPath
from sim.policies.fee_follows_task import FeeFollowsTask
from sim.policies.grid import GridManagement
from sim.policies.one_window import OneWindow
from sim.policies.professionalization import Professionalization
from sim.policies.purchase_of_services import PurchaseOfServices
from sim.policies.resident_evaluation import ResidentEvaluation
from sim.policies.volunteer_incentives import VolunteerIncentives

# In the order their hooks run. Grid management is always on (there is always a grid).
LEVERS: dict[str, type[Policy]] = {
    lever.name: lever
    for lever in (
        GridManagement,
        AccessControl,
        FeeFollowsTask,
        PurchaseOfServices,
        VolunteerIncentives,
        ResidentEvaluation,
        OneWindow,
        Professionalization,
        EscalationPath,
    )
}
ALWAYS_ON = ("grid",)

__all__ = ["LEVERS", "Admission", "Decision", "Policy", "is_on"]


def is_on(cfg: PolicyConfig, name: str) -> bool:
    return name in ALWAYS_ON or bool(getattr(cfg, name).enabled)
