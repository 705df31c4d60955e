"""Community committees (社区居委会) and their community workers (社区工作者 / 社工)."""

from __future__ import annotations

import math

import mesa
from mesa.discrete_space import Cell, FixedAgent, OrthogonalMooreGrid

from sim.config import StaffConfig
from sim.handling import Desk, Shift


class CommunityWorker(mesa.Agent):
    """A community worker; certified social workers (持证社工) mediate faster and better."""

    def __init__(self, model: mesa.Model, committee: int, certified: bool) -> None:
        super().__init__(model)
        self.committee = committee
        self.certified = certified
        self.away_until = -1  # last day of training (professionalization), if any

    def shift(self, staff: StaffConfig, day: int) -> Shift:
        hours = 0.0 if day <= self.away_until else staff.worker_hours
        if self.certified:
            return Shift(hours, staff.certified_speed, staff.certified_success, owner=self)
        return Shift(hours, 1.0, self.model.cfg.cases.mediation_success, owner=self)


class Committee(FixedAgent):
    """A community's residents' committee: counter (intake), mediation, ledger accounts.

    It owns the community's space: an `OrthogonalMooreGrid` whose cells are buildings or
    courtyards (楼院), each home to about `block_residents` residents.
    """

    def __init__(
        self,
        model: mesa.Model,
        index: int,
        street: int,
        residents: int,
        block_residents: int,
        desk: Desk,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.street = street
        self.residents = residents
        blocks = max(1, math.ceil(residents / block_residents))
        width = math.ceil(math.sqrt(blocks))
        self.space = OrthogonalMooreGrid((width, math.ceil(blocks / width)), random=model.random)
        self.blocks = blocks
        self.cell = self.cell_of(blocks // 2)  # the committee's office
        self.desk = desk
        self.workers: list[CommunityWorker] = []
        self.grid_workers: list = []  # set by grid management
        self.funds = f"committee:{index}:funds"  # working funds (seed 004)
        self.task_fund = f"committee:{index}:task_fund"  # money that followed delegated tasks

    def cell_of(self, block: int) -> Cell:
        width = self.space.dimensions[0]
        return self.space[(block % width, block // width)]

    def shifts(self, staff: StaffConfig, day: int) -> list[Shift]:
        return [w.shift(staff, day) for w in self.workers]
