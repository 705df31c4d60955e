"""Residents (居民): a population kept as columns, each resident also a Mesa agent.

The columns make population-wide work (arrivals, reporting, means) a few numpy calls; a
`Resident` agent is a view on one row, so each resident keeps its own identity, cell, groups,
satisfaction and trust without any per-resident Python work on days nothing happens to it.
"""

from __future__ import annotations

import mesa
import numpy as np

from sim.config import PopulationConfig


class ResidentPopulation:
    """All residents' state; row i is `Resident` i."""

    def __init__(self, cfg: PopulationConfig, community: np.ndarray, rng: np.random.Generator):
        n = len(community)
        self.n = n
        self.community = community
        self._community_sizes = np.bincount(community)
        self.elderly = rng.random(n) < cfg.elderly_share
        self.disabled = self.elderly & (rng.random(n) < cfg.elderly_disabled_share)
        self.low_income = rng.random(n) < cfg.low_income_share
        self.unemployed = ~self.elderly & (rng.random(n) < cfg.unemployed_share)
        self.vulnerable = self.elderly | self.disabled | self.low_income | self.unemployed
        self.satisfaction = self._around(rng, cfg.initial_satisfaction, cfg.spread, n)
        self.trust = self._around(rng, cfg.initial_trust, cfg.spread, n)
        # Households are consecutive residents of one community (≈ household_size each).
        starts = np.flatnonzero(np.r_[True, community[1:] != community[:-1]])
        local = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
        self.household = (local / cfg.household_size).astype(np.int64)
        self.cell = np.zeros(n, dtype=np.int64)  # cell index within the community's space
        self.grid = np.zeros(n, dtype=np.int64)  # district-wide grid id, set by grid management
        self._groups = {
            "all": np.arange(n),
            "elderly": np.flatnonzero(self.elderly),
            "unemployed": np.flatnonzero(self.unemployed),
            "low_income": np.flatnonzero(self.low_income),
            "disabled": np.flatnonzero(self.disabled),
        }
        self.satisfaction_sum = float(self.satisfaction.sum())
        self.satisfaction_by_community = np.bincount(community, weights=self.satisfaction)
        self.trust_sum = float(self.trust.sum())
        self.open_cases = np.zeros(n, dtype=np.int32)  # cases arisen and not yet ended (for maps)

    @staticmethod
    def _around(rng: np.random.Generator, mean: float, sd: float, n: int) -> np.ndarray:
        return np.clip(rng.normal(mean, sd, n), 0.0, 1.0)

    def draw_arrivals(self, rng: np.random.Generator, group: str, per_year: float) -> np.ndarray:
        """Residents of `group` to whom a case arises today (Poisson rate per resident)."""
        members = self._groups[group]
        if len(members) == 0:
            return members
        count = rng.poisson(per_year / 365.0 * len(members))
        return members[rng.integers(0, len(members), size=count)]

    def report_probability(self, who: np.ndarray, base: float, slope: float) -> np.ndarray:
        """Residents who trust the committee and are satisfied report more (feedback loop)."""
        engagement = 0.5 * (self.trust[who] + self.satisfaction[who])
        return np.clip(base + slope * (engagement - 0.5), 0.0, 1.0)

    def learn(self, who: int, score: float, satisfaction_rate: float, trust_rate: float) -> None:
        """Move satisfaction and trust toward how the resident's case ended (score in [0, 1])."""
        s, t = self.satisfaction[who], self.trust[who]
        ds, dt = satisfaction_rate * (score - s), trust_rate * (score - t)
        self.satisfaction[who] = s + ds
        self.trust[who] = t + dt
        self.satisfaction_sum += ds
        self.satisfaction_by_community[self.community[who]] += ds
        self.trust_sum += dt

    def volunteers(self, community: int, share: float) -> float:
        """Expected active volunteers in a community: the registered share, scaled by how
        satisfied residents are (participation responds to satisfaction; = share at 0.5)."""
        size = self.members_of(community)
        return share * (0.5 * size + self.satisfaction_by_community[community])

    def members_of(self, community: int) -> int:
        return int(self._community_sizes[community])

    @property
    def mean_satisfaction(self) -> float:
        return self.satisfaction_sum / self.n

    @property
    def mean_trust(self) -> float:
        return self.trust_sum / self.n


class Resident(mesa.Agent):
    """One resident (居民): a view on row `index` of the population."""

    def __init__(self, model: mesa.Model, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def _pop(self) -> ResidentPopulation:
        return self.model.population

    @property
    def satisfaction(self) -> float:
        return float(self._pop.satisfaction[self.index])

    @property
    def trust(self) -> float:
        return float(self._pop.trust[self.index])

    @property
    def vulnerable(self) -> bool:
        return bool(self._pop.vulnerable[self.index])

    @property
    def community(self) -> int:
        return int(self._pop.community[self.index])

    @property
    def grid(self) -> int:
        return int(self._pop.grid[self.index])

    @property
    def cell(self):
        """The building/courtyard cell (楼院) of the community's space this resident lives in."""
        return self.model.committees[self.community].cell_of(int(self._pop.cell[self.index]))
