"""Work-item access control (社区工作事项准入制度, seeds 000 and 003).

A department's task enters a community only if it is on the catalogue (准入目录) and has been
approved by the district's community guidance committee, which takes `approval_delay_days`.
A task not on the list is refused, unless its department bypasses the rule citing its targets
(以考核为由).
"""

from __future__ import annotations

from sim.config import AccessControlConfig
from sim.policies.base import Admission, Decision, Policy


class AccessControl(Policy):
    name = "access_control"
    cfg: AccessControlConfig

    def admit(self, task, model) -> Admission:
        # The task's own uniform draws (fixed at push) decide, so arms with different
        # settings see the same tasks listed or not (common random numbers).
        if task.u_route < self.cfg.catalogue_share:
            return Admission(Decision.ENTER, self.cfg.approval_delay_days)
        if task.u_bypass < self.cfg.bypass_rate:
            return Admission(Decision.BYPASS)
        return Admission(Decision.REFUSE)
