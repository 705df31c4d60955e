"""Desks: where handlers keep their queues and spend their hours by a priority rule.

Every handler (grid worker, committee, social organization, street office, department) owns a
`Desk`. A desk keeps one first-in-first-out queue per kind of item, and the priority rule compares
only the heads of the queues, so within a kind work is first come, first served (a dispute whose
mediation session failed rejoins at the back):

    urgency(item) = weight[kind] × (1 + working days waited / deadline in working days)

Baseline weights favour department tasks (they carry deadlines and evaluations, 以考核为由,
seed 003); policies such as resident evaluation can change them.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sim.calendar import Calendar
from sim.workitems import Kind, WorkItem


@dataclass
class Shift:
    """Hours one person (or a pool of paid help) gives a desk today."""

    hours: float
    mediation_speed: float = 1.0  # dispute effort-hours done per hour (certified workers: more)
    success: float = 1.0  # chance a finished mediation session resolves a fresh dispute
    kinds: tuple[Kind, ...] = tuple(Kind)  # what this person may work on
    paid: bool = False  # bought with money (fee follows task, contracts), not staff time
    quality: float = 1.0  # chance a finished service case is properly resolved
    max_effort: float = math.inf  # largest item this person can take (volunteers: small ones)
    owner: Any = None  # who works this shift, for performance records (e.g. a contractor)
    used: float = 0.0  # hours actually worked, filled in by `Desk.serve`


Done = Callable[[WorkItem, Shift], None]


class Desk:
    """A handler's queues plus the priority rule that picks the next item."""

    def __init__(self, calendar: Calendar, weights: dict[Kind, float], level: int = 0) -> None:
        self.calendar = calendar
        self.weights = dict(weights)
        self.level = level  # 0: inside the community; 1: beyond it (street, departments)
        self.queues: dict[Kind, deque[WorkItem]] = {k: deque() for k in Kind}

    def add(self, item: WorkItem) -> None:
        self.queues[item.kind].append(item)

    def __len__(self) -> int:
        return sum(1 for q in self.queues.values() for item in q if item.is_open)

    def _head(self, kind: Kind) -> WorkItem | None:
        queue = self.queues[kind]
        while queue and not queue[0].is_open:  # ended elsewhere (e.g. escalated): drop lazily
            queue.popleft()
        return queue[0] if queue else None

    def urgency(self, item: WorkItem, day: int) -> float:
        waited = self.calendar.working_days_between(item.known, day)
        return self.weights[item.kind] * (1.0 + waited / item.deadline_days)

    def _first_fitting(self, kind: Kind, max_effort: float) -> WorkItem | None:
        head = self._head(kind)
        if head is None or head.effort <= max_effort:
            return head
        return next((i for i in self.queues[kind] if i.is_open and i.effort <= max_effort), None)

    def next_item(
        self, day: int, kinds: Iterable[Kind], max_effort: float = math.inf
    ) -> WorkItem | None:
        """The most urgent item among the queues' heads (or, for someone who can only take
        small items, the first small enough in each queue)."""
        heads = [h for k in kinds if (h := self._first_fitting(k, max_effort)) is not None]
        return max(heads, key=lambda h: self.urgency(h, day), default=None)

    def serve(
        self, day: int, shifts: Iterable[Shift], started: Callable[[WorkItem], None], done: Done
    ) -> dict[Kind, float]:
        """Spend each shift's hours on the most urgent items; return hours spent by kind.

        An item a shift cannot finish stays at the head, in progress (`started`), for the next
        shift or day. `done(item, shift)` decides the outcome of each finished piece of work.
        """
        spent = dict.fromkeys(Kind, 0.0)
        if not any(self.queues.values()):  # most desks, most days: nothing to pick from
            return spent
        for shift in shifts:
            hours = shift.hours
            while hours > 1e-9:
                item = self.next_item(day, shift.kinds, shift.max_effort)
                if item is None:
                    break
                speed = shift.mediation_speed if item.kind == Kind.DISPUTE else 1.0
                used = min(hours, item.effort / speed)
                hours -= used
                shift.used += used
                spent[item.kind] += used
                item.effort -= used * speed
                if item.effort > 1e-9:
                    started(item)
                else:
                    self.queues[item.kind].remove(item)  # the head, unless a small one was picked
                    done(item, shift)
        return spent
