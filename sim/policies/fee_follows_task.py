"""Fee follows task (费随事转, 权随责走; seeds 001–003).

Each delegated task brings `yuan_per_hour` × its hours from the department to the community's
task fund, paid in the day's money step. The committee turns the fund into paid help (at the
wage, up to `max_paid_share` of its staff hours a day) that does delegated tasks, so staff hours
go back to residents only as far as the money can buy hours.
"""

from __future__ import annotations

from collections import defaultdict

from sim.config import FeeFollowsTaskConfig
from sim.handling import Shift
from sim.ledger import FEN_PER_YUAN, to_fen
from sim.policies.base import Policy
from sim.workitems import Kind


class FeeFollowsTask(Policy):
    name = "fee_follows_task"

    cfg: FeeFollowsTaskConfig

    def __init__(self, cfg: FeeFollowsTaskConfig) -> None:
        super().__init__(cfg)
        self.owed: dict[tuple[str, str], float] = defaultdict(float)  # (department, committee)
        self.hired: dict[str, Shift] = {}  # today's paid help, by task fund

    def task_entered(self, task, committee, model) -> None:
        department = model.departments[task.category].account
        self.owed[(department, committee.task_fund)] += task.effort * self.cfg.yuan_per_hour

    def extra_shifts(self, handler, model) -> list[Shift]:
        if handler not in model.committees:
            return []
        committee = handler
        staff_hours = sum(s.hours for s in committee.shifts(model.cfg.staff, model.day))
        affordable = model.ledger.balance(committee.task_fund) / model.cfg.money.wage
        hours = min(self.cfg.max_paid_share * staff_hours, affordable)
        if hours <= 0:
            return []
        shift = Shift(hours, kinds=(Kind.ADMIN,), paid=True)
        self.hired[committee.task_fund] = shift
        return [shift]

    def teardown(self, model) -> None:
        self.settle(model)  # fees for tasks already delegated are still paid

    def settle(self, model) -> None:
        wage = model.cfg.money.wage
        for fund, shift in self.hired.items():
            model.ledger.transfer(fund, "wages", shift.used * wage, "paid_help_wages")
        self.hired.clear()
        for (department, fund), yuan in self.owed.items():
            paid = model.ledger.transfer(department, fund, yuan, "fee_follows_task")
            # A department out of budget pays what it can; the rest is an unfunded mandate.
            unpaid_fen = to_fen(yuan) - to_fen(paid)  # whole fen: no rounding remainders
            model.records.count("fees_unpaid", unpaid_fen / FEN_PER_YUAN)
        self.owed.clear()
