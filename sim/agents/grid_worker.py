"""Grid workers (网格员): patrol a grid, find cases early, handle small ones on the spot."""

from __future__ import annotations

import math

import mesa
from mesa.discrete_space import Cell, CellAgent

from sim.config import GridConfig, StaffConfig
from sim.handling import Desk, Shift


class GridWorker(CellAgent):
    """Watches one grid (网格): a contiguous set of cells of one community."""

    def __init__(
        self,
        model: mesa.Model,
        grid_id: int,
        community: int,
        cell: Cell,
        residents: int,
        households: int,
        desk: Desk,
    ) -> None:
        super().__init__(model)
        self.grid_id = grid_id
        self.community = community
        self.cell = cell
        self.residents = residents
        self.households = max(1, households)
        self.desk = desk  # on-the-spot cases and government tasks that land on the grid

    def patrol_hazard(self, grid: GridConfig, staff: StaffConfig) -> float:
        """Daily hazard that patrol finds a hidden case in this grid (入户走访).

        The share of households visited today times the chance a visit finds the case.
        """
        hours = grid.patrol_share * staff.grid_worker_hours
        visited = min(1.0, hours * staff.households_per_patrol_hour / self.households)
        p = visited * staff.detection_on_visit
        return -math.log1p(-p) if p < 1.0 else math.inf

    def shift(self, grid: GridConfig, staff: StaffConfig) -> Shift:
        hours = (1.0 - grid.patrol_share) * staff.grid_worker_hours
        return Shift(hours, 1.0, self.model.cfg.cases.mediation_success)
