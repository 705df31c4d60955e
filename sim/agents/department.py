"""Line departments (部门): push work items down and take cases routed up (归口办理)."""

from __future__ import annotations

import mesa

from sim.handling import Desk, Shift
from sim.workitems import Kind


class Department(mesa.Agent):
    def __init__(
        self,
        model: mesa.Model,
        index: int,
        hours: float,
        dispute_hours: float,
        success: float,
        desk: Desk,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.hours = hours  # hours per working day for service cases routed up to it
        self.dispute_hours = dispute_hours  # for disputes, if it is the justice bureau
        self.success = success
        self.desk = desk
        self.account = f"department:{index}"

    def shifts(self) -> list[Shift]:
        return [
            Shift(self.hours, kinds=(Kind.SERVICE,)),
            Shift(self.dispute_hours, success=self.success, kinds=(Kind.DISPUTE,)),
        ]
