"""How cases become known: residents report them, or grid workers find them on patrol.

Each case draws at arrival, from its own stream, the day its resident would report it (or never)
and an exponential patrol threshold. Patrol accumulates a hazard per grid on working days; the
case is detected once its grid's hazard since arrival passes the threshold. Nothing is done for a
hidden case on the days in between: only the cases that come due are touched.
"""

from __future__ import annotations

import numpy as np

from sim.workitems import WorkItem

NEVER = np.iinfo(np.int64).max


class HiddenCases:
    """Cases that have arisen but nobody in charge knows of yet."""

    def __init__(self) -> None:
        self.items: list[WorkItem] = []
        self.report_day = np.empty(0, dtype=np.int64)
        self.threshold = np.empty(0)  # patrol hazard needed to find the case
        self.grid = np.empty(0, dtype=np.int64)

    def add(
        self,
        items: list[WorkItem],
        report_day: np.ndarray,
        threshold: np.ndarray,
        grid: np.ndarray,
        hazard_so_far: np.ndarray,
    ) -> None:
        self.items.extend(items)
        self.report_day = np.concatenate((self.report_day, report_day))
        # Store the grid's hazard at arrival inside the threshold: found when hazard >= threshold.
        self.threshold = np.concatenate((self.threshold, threshold + hazard_so_far[grid]))
        self.grid = np.concatenate((self.grid, grid))

    def regrid(self, old_hazard: np.ndarray, grid_of: np.ndarray, new_hazard: np.ndarray) -> None:
        """Grids were redrawn: keep each case's patrol threshold still to go, on its new grid."""
        residents = np.array([item.resident for item in self.items], dtype=np.int64)
        remaining = self.threshold - old_hazard[self.grid]
        self.grid = grid_of[residents] if len(residents) else self.grid
        self.threshold = remaining + new_hazard[self.grid]

    def __len__(self) -> int:
        return len(self.items)

    def due(self, day: int, hazard: np.ndarray) -> tuple[list[WorkItem], list[WorkItem]]:
        """Remove and return (reported today, detected today); a report wins a tie."""
        reported = self.report_day <= day
        detected = ~reported & (hazard[self.grid] >= self.threshold)
        leaving = reported | detected
        if not leaving.any():
            return [], []
        out_reported = [self.items[i] for i in np.flatnonzero(reported)]
        out_detected = [self.items[i] for i in np.flatnonzero(detected)]
        keep = np.flatnonzero(~leaving)
        self.items = [self.items[i] for i in keep]
        self.report_day, self.threshold, self.grid = (
            self.report_day[keep],
            self.threshold[keep],
            self.grid[keep],
        )
        # Cases that escalated while hidden have already ended: nothing more to do for them.
        return [c for c in out_reported if c.is_open], [c for c in out_detected if c.is_open]
