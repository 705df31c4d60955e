"""Grid management (网格化管理): how densely grids are staffed and how much they patrol.

Setting up the grid cuts each community's cells, in a snake order so every grid is contiguous,
into as many grids as `residents_per_worker` asks, and places one grid worker (网格员) on each.
"""

from __future__ import annotations

import math

import numpy as np

from sim.agents import GridWorker
from sim.config import GridConfig
from sim.policies.base import Policy


def snake_order(width: int, blocks: int) -> np.ndarray:
    """Block numbers row by row, every other row reversed, so neighbours stay together."""
    order = np.arange(math.ceil(blocks / width) * width).reshape(-1, width)
    order[1::2] = order[1::2, ::-1]
    flat = order.ravel()
    return flat[flat < blocks]


class GridManagement(Policy):
    name = "grid"
    cfg: GridConfig

    def setup(self, model) -> None:
        pop = model.population
        for committee in model.committees:
            members = np.flatnonzero(pop.community == committee.index)
            n_workers = max(1, round(len(members) / self.cfg.residents_per_worker))  # ≥ 1 a grid
            order = snake_order(committee.space.dimensions[0], committee.blocks)
            # Cumulative residents along the snake decide where one grid ends and the next begins.
            per_block = np.bincount(pop.cell[members], minlength=committee.blocks)[order]
            share = np.cumsum(per_block) / max(1, per_block.sum())
            grid_of_block = np.empty(committee.blocks, dtype=np.int64)
            grid_of_block[order] = np.minimum((share * n_workers - 1e-9).astype(int), n_workers - 1)
            first = len(model.grid_workers)
            pop.grid[members] = first + grid_of_block[pop.cell[members]]
            for g in range(n_workers):
                blocks = order[grid_of_block[order] == g]
                in_grid = members[grid_of_block[pop.cell[members]] == g]
                households = len(np.unique(pop.household[in_grid]))
                home = committee.cell_of(int(blocks[0])) if len(blocks) else committee.cell
                worker = GridWorker(
                    model,
                    first + g,
                    committee.index,
                    home,
                    len(in_grid),
                    households,
                    model.new_desk(),
                )
                model.grid_workers.append(worker)
                committee.grid_workers.append(worker)
        self._set_hazard(model)
        model.hazard = np.zeros(len(model.grid_workers))  # cumulative patrol hazard per grid

    def _set_hazard(self, model) -> None:
        model.grid_hazard = np.array(
            [w.patrol_hazard(self.cfg, model.cfg.staff) for w in model.grid_workers]
        )

    def retune(self, model) -> None:
        """Patrol share: new daily hazards. Density: redraw the grids, re-staff them, hand the
        old workers' open items to their committees, and carry each hidden case's remaining
        patrol threshold over to its new grid."""
        if len(model.grid_workers) == self._workers_wanted(model):
            self._set_hazard(model)
            return
        old_hazard = model.hazard
        for worker in model.grid_workers:
            committee = model.committees[worker.community]
            for queue in worker.desk.queues.values():
                for item in queue:
                    if item.is_open:
                        committee.desk.add(item)
            worker.remove()
        model.grid_workers.clear()
        for committee in model.committees:
            committee.grid_workers.clear()
        self.setup(model)
        model.hidden.regrid(old_hazard, model.population.grid, model.hazard)

    def _workers_wanted(self, model) -> int:
        counts = np.bincount(model.population.community, minlength=len(model.committees))
        return int(sum(max(1, round(n / self.cfg.residents_per_worker)) for n in counts))
