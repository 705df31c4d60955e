"""Independent random streams, one per random process (common random numbers).

Each process draws only from its own stream, so two runs with the same seed but different
policies face the same population, the same arrivals and the same per-case draws: a policy can
change how many draws the *handling* processes make without shifting what residents experience.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Order matters: a new stream is appended at the end so existing streams keep their numbers.
PROCESSES = ("population", "arrivals", "cases", "departments", "handling", "mesa", "organizations")


@dataclass(frozen=True)
class Streams:
    population: np.random.Generator  # who the residents are
    arrivals: np.random.Generator  # when and to whom needs and disputes arise
    cases: np.random.Generator  # per-case draws fixed at arrival (report, effort, growth, ...)
    departments: np.random.Generator  # administrative tasks pushed down, and their draws
    handling: np.random.Generator  # outcomes of handling (mediation success)
    mesa: np.random.Generator  # handed to mesa.Model, for Mesa's own draws
    organizations: np.random.Generator  # social organizations' quality and price

    @classmethod
    def from_seed(cls, seed: int) -> Streams:
        children = np.random.SeedSequence(seed).spawn(len(PROCESSES))
        return cls(*(np.random.default_rng(c) for c in children))
