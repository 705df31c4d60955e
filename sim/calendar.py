"""Working days and deadlines. Day 0 is a Monday; Saturdays and Sundays are not working days."""

from __future__ import annotations

import numpy as np

WEEK = 7
WORKING_DAYS_PER_WEEK = 5


class Calendar:
    """Counts working days so deadlines can be stated in them (seed 001: 7 working days)."""

    def __init__(self, days: int) -> None:
        # A margin beyond the run so deadlines set near its end can still be computed.
        horizon = 2 * days + 800
        self.is_working = (np.arange(horizon) % WEEK) < WORKING_DAYS_PER_WEEK
        # worked[d]: working days strictly before day d.
        self.worked = np.concatenate(([0], np.cumsum(self.is_working)))

    def working(self, day: int) -> bool:
        return bool(self.is_working[day])

    def working_days_between(self, start: int, end: int) -> int:
        """Working days after `start` up to and including `end`."""
        return int(self.worked[end + 1] - self.worked[start + 1])

    def add_working_days(self, day: int, n: int) -> int:
        """The day on which the n-th working day after `day` falls (n=0: `day` itself)."""
        if n <= 0:
            return day
        target = self.worked[day + 1] + n
        return int(np.searchsorted(self.worked, target)) - 1
