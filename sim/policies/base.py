"""The hooks a reform lever may use, in the order the day's processes call them:

- `setup(model)` when the lever is switched on (at the start, or by a mid-run intervention),
  `retune(model)` when its dials change, `teardown(model)` when it is switched off;
- `on_day(model, day)` at the start of each day (after any yearly budgets arrive);
- `route(item, day, model)` at intake: send a case to a particular desk beyond the committee;
- `handoff_terms(delay, loss)` when a case is passed upward: change its delay and loss chance;
- `admit(task, model)` when a department pushes a task: enter, wait for approval, or refuse;
- `task_entered(task, committee, model)` when a task reaches a community;
- `priority(weights)` when committees' priority weights are set (start, interventions);
- `volunteer_uplift()` when residents' volunteer hours are counted;
- `extra_shifts(handler, model)` when a handler's hours are counted for the day;
- `settle(model)` in the money step at the end of the day.

A lever overrides only what it acts on; the model never asks which lever it is talking to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from sim.handling import Desk, Shift

if TYPE_CHECKING:
    from sim.agents import Committee
    from sim.model import GovernanceModel
    from sim.workitems import Kind, WorkItem


class Decision(Enum):
    ENTER = "enter"  # the task enters the community (after `delay` working days)
    REFUSE = "refuse"  # stopped at the access list
    BYPASS = "bypass"  # not on the list, but the department sends it anyway


@dataclass(frozen=True)
class Admission:
    decision: Decision
    delay: int = 0  # working days of approval before the task enters


class Policy:
    """A reform lever (a small object switched on and tuned by configuration)."""

    name = "policy"

    def __init__(self, cfg: Any) -> None:
        self.cfg = cfg

    def setup(self, model: GovernanceModel) -> None:
        return None

    def retune(self, model: GovernanceModel) -> None:
        return None

    def teardown(self, model: GovernanceModel) -> None:
        return None

    def on_day(self, model: GovernanceModel, day: int) -> None:
        return None

    def route(self, item: WorkItem, day: int, model: GovernanceModel) -> Desk | None:
        return None

    def handoff_terms(self, delay: int, loss: float) -> tuple[int, float]:
        return delay, loss

    def admit(self, task: WorkItem, model: GovernanceModel) -> Admission | None:
        return None

    def task_entered(self, task: WorkItem, committee: Committee, model: GovernanceModel) -> None:
        return None

    def priority(self, weights: dict[Kind, float]) -> dict[Kind, float]:
        return weights

    def volunteer_uplift(self) -> float:
        return 1.0

    def extra_shifts(self, handler: Any, model: GovernanceModel) -> list[Shift]:
        return []

    def settle(self, model: GovernanceModel) -> None:
        return None
