"""Volunteer incentives (志愿服务激励机制, seed 003): time-bank credit and recognition.

Residents volunteer anyway (registered share × how satisfied they are); incentives multiply
participation by `uplift`, and each volunteer hour earns a time-bank credit the community pays.
"""

from __future__ import annotations

from sim.config import VolunteerIncentivesConfig
from sim.policies.base import Policy


class VolunteerIncentives(Policy):
    name = "volunteer_incentives"
    cfg: VolunteerIncentivesConfig

    def volunteer_uplift(self) -> float:
        return self.cfg.uplift

    def settle(self, model) -> None:
        for committee in model.committees:
            hours = model.volunteer_hours_today.get(committee.index, 0.0)
            model.ledger.transfer(
                committee.funds,
                "volunteer_credits",
                hours * self.cfg.yuan_per_hour,
                "volunteer_credits",
            )
