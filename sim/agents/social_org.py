"""Social organizations (社会组织): service providers with hours, serving certain categories."""

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
        categories: tuple[int, ...],
        hours: float,
        desk: Desk,
    ) -> None:
        super().__init__(model)
        self.index = index
        self.street = street
        self.cell = cell
        self.categories = categories  # service categories it serves
        self.hours = hours  # hours per working day
        self.desk = desk

    def shifts(self) -> list[Shift]:
        return [Shift(self.hours, kinds=(Kind.SERVICE,))]
