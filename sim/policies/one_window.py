"""One-window intake (一口式接件、归口式办理, seed 004).

A case is taken in once and passed to the right handler: the hand-off delay falls to
`delay_days` and `loss_reduction` of the hand-offs that would otherwise be lost are not.
"""

from __future__ import annotations

from sim.config import OneWindowConfig
from sim.policies.base import Policy


class OneWindow(Policy):
    name = "one_window"
    cfg: OneWindowConfig

    def handoff_terms(self, delay: int, loss: float) -> tuple[int, float]:
        return min(delay, self.cfg.delay_days), loss * (1.0 - self.cfg.loss_reduction)
