"""Escalation path (归口办理): disputes beyond the street go to the justice bureau.

Without it, a street office keeps mediating whatever it receives. With it, a dispute whose
severity has reached `department_severity` is passed to the justice bureau, which has its own
hours and delay; disputes that still reach severity 1 become petitions (信访).
"""

from __future__ import annotations

from sim.config import EscalationPathConfig
from sim.policies.base import Policy
from sim.workitems import Kind


class EscalationPath(Policy):
    name = "escalation_path"
    cfg: EscalationPathConfig

    def route(self, item, day, model):
        if item.kind == Kind.DISPUTE and item.severity(day) >= self.cfg.department_severity:
            return model.justice.desk
        return None
