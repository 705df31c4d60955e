"""Resident evaluation of cadres (居民评议 / 双评, seeds 001 and 003).

When residents' ratings make up `weight` of the committee's appraisal and reach `coverage` of
residents, the committee weighs residents' cases closer to department tasks: each resident-case
weight moves toward the task weight by weight × coverage. Weight 0 changes nothing.
"""

from __future__ import annotations

from sim.config import ResidentEvaluationConfig
from sim.policies.base import Policy
from sim.workitems import Kind


class ResidentEvaluation(Policy):
    name = "resident_evaluation"
    cfg: ResidentEvaluationConfig

    def priority(self, weights: dict[Kind, float]) -> dict[Kind, float]:
        pull = self.cfg.weight * self.cfg.coverage
        task = weights[Kind.ADMIN]
        out = dict(weights)
        for kind in (Kind.DISPUTE, Kind.SERVICE):
            out[kind] = weights[kind] + pull * (task - weights[kind])
        return out
