"""What happened, appended cheaply: one row per ended item, counters, and one row per day.

Items are dropped once recorded, so memory grows with the number of ended items (compact integer
columns), not with their histories.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from sim.workitems import WorkItem

END_COLUMNS = (
    "kind",
    "category",
    "community",
    "vulnerable",
    "arisen",
    "known",
    "ended",
    "state",
    "level",
)


@dataclass
class Records:
    ends: dict[str, array] = field(default_factory=lambda: {c: array("l") for c in END_COLUMNS})
    on_time: array = field(default_factory=lambda: array("b"))
    counters: Counter = field(default_factory=Counter)
    daily: list[dict[str, float]] = field(default_factory=list)
    community_counts: dict[str, np.ndarray] = field(default_factory=dict)

    def end(self, item: WorkItem, on_time: bool) -> None:
        for column in END_COLUMNS:
            self.ends[column].append(int(getattr(item, column)))
        self.on_time.append(on_time)

    def count(self, key: str, n: float = 1) -> None:
        self.counters[key] += n

    def by_community(self, key: str, communities: int) -> np.ndarray:
        """A per-community counter (created on first use), to be incremented in place."""
        if key not in self.community_counts:
            self.community_counts[key] = np.zeros(communities, dtype=np.int64)
        return self.community_counts[key]

    def table(self) -> dict[str, np.ndarray]:
        """The ended items as numpy columns."""
        out = {c: np.asarray(a, dtype=np.int64) for c, a in self.ends.items()}
        out["on_time"] = np.array(self.on_time, dtype=bool)
        return out
