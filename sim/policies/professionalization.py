"""Professionalization (持证社工, seed 003): train community workers into certified social workers.

When switched on, each committee sends uncertified workers to training until `target_share` of
its workers are certified: each is away for `training_days` working days and costs
`training_cost`; certified workers then mediate faster and better, and every certified worker
draws a monthly `allowance` (seed 003: 50–150 yuan a month) from the committee's funds.
"""

from __future__ import annotations

from functools import partial

from sim.config import ProfessionalizationConfig
from sim.policies.base import Policy

MONTH_DAYS = 30


class Professionalization(Policy):
    name = "professionalization"
    cfg: ProfessionalizationConfig

    def setup(self, model) -> None:
        day = model.day
        for committee in model.committees:
            want = round(self.cfg.target_share * len(committee.workers))
            training = [w for w in committee.workers if not w.certified and w.away_until >= day]
            have = sum(w.certified for w in committee.workers) + len(training)
            idle = [w for w in committee.workers if not w.certified and w not in training]
            trainees = idle[: max(0, want - have)]
            for worker in trainees:
                back = model.calendar.add_working_days(day, self.cfg.training_days)
                worker.away_until = back - 1 if self.cfg.training_days else -1
                model.ledger.transfer(
                    committee.funds, "training", self.cfg.training_cost, "training"
                )
                model.agenda[back].append(partial(self._certify, worker))

    @staticmethod
    def _certify(worker, day: int) -> None:
        worker.certified = True

    def retune(self, model) -> None:
        self.setup(model)  # a higher target trains more workers; a lower one decertifies none

    def on_day(self, model, day: int) -> None:
        if day % MONTH_DAYS:
            return
        for committee in model.committees:
            certified = sum(w.certified for w in committee.workers)
            model.ledger.transfer(
                committee.funds, "allowances", certified * self.cfg.allowance, "allowances"
            )
