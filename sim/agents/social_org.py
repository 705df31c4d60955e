"""Social organizations (社会组织): service providers with hours, quality and a price."""

from __future__ import annotations

import mesa
from mesa.discrete_space import Cell, FixedAgent

from sim.handling import Desk, Shift
from sim.workitems import Kind


class SocialOrganization(FixedAgent):
    """An NGO or service provider located in one community, serving its whole street."""

    def __init__(
        self,
        model: mesa.Model,
        index: int,
        street: int,
        cell: Cell,
        category: int,
        hours: float,
        quality: float,
        price: float,
        desk: Desk,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.street = street
        self.cell = cell
        self.category = category  # the service category it serves
        self.hours = hours  # own hours per working day, without contracts
        self.quality = quality  # chance a case it finishes is properly resolved
        self.price = price  # yuan per contracted hour
        self.desk = desk
        self.account = f"org:{index}"
        self.done = self.failed = self.late = 0  # cases since its last evaluation

    def shifts(self) -> list[Shift]:
        return [Shift(self.hours, kinds=(Kind.SERVICE,), quality=self.quality, owner=self)]

    def record(self, properly: bool, on_time: bool) -> None:
        self.done += 1
        self.failed += not properly
        self.late += not on_time

    def performance(self) -> float | None:
        """Share properly resolved × share on time since the last evaluation (None: no cases)."""
        if self.done == 0:
            return None
        return (1 - self.failed / self.done) * (1 - self.late / self.done)

    def reset_record(self) -> None:
        self.done = self.failed = self.late = 0
