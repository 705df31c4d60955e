"""Street offices (街道办事处): take disputes beyond a community, hold street funds."""

from __future__ import annotations

import mesa

from sim.handling import Desk, Shift
from sim.workitems import Kind


class StreetOffice(mesa.Agent):
    def __init__(
        self, model: mesa.Model, index: int, hours: float, success: float, desk: Desk
    ) -> None:
        super().__init__(model)
        self.index = index
        self.hours = hours  # hours per working day of its mediation (justice) station
        self.success = success
        self.desk = desk
        self.account = f"street:{index}"

    def shifts(self) -> list[Shift]:
        return [Shift(self.hours, success=self.success, kinds=(Kind.DISPUTE,))]
