"""The hooks a reform lever may use. The day's processes call them in this order:

1. `setup(model)` once, when the world is built;
2. `admit(task, model)` when a department pushes a task: enter, wait for approval, or refuse;
3. `task_entered(task, committee, model)` when a task reaches a community;
4. `extra_shifts(committee, model)` when a committee's hours are counted for the day;
5. `settle(model)` in the money step at the end of the day.

A lever overrides only what it acts on; the model never asks which lever it is talking to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from sim.handling import Shift

if TYPE_CHECKING:
    from sim.agents import Committee
    from sim.model import GovernanceModel
    from sim.workitems import WorkItem


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

    def setup(self, model: GovernanceModel) -> None:
        return None

    def admit(self, task: WorkItem, model: GovernanceModel) -> Admission | None:
        return None

    def task_entered(self, task: WorkItem, committee: Committee, model: GovernanceModel) -> None:
        return None

    def extra_shifts(self, committee: Committee, model: GovernanceModel) -> list[Shift]:
        return []

    def settle(self, model: GovernanceModel) -> None:
        return None
