"""Work items (工作事项 and residents' cases): one lifecycle for disputes, needs and tasks.

    arisen ─► detected | reported ─► queued ─► in progress ─► resolved | escalated | refused
                                          (or still open when the run ends)

Administrative tasks skip detection: they arise when a department pushes them and are queued
when they enter a community. `Registry.move` is the only way an item changes state, so the count
of items in each state always adds up to the number that arose (the no-loss ledger).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Kind(IntEnum):
    DISPUTE = 0  # 矛盾纠纷
    SERVICE = 1  # resident service need
    ADMIN = 2  # administrative task pushed down by a department (工作事项)


class State(IntEnum):
    ARISEN = 0
    DETECTED = 1
    REPORTED = 2
    QUEUED = 3
    IN_PROGRESS = 4
    RESOLVED = 5
    ESCALATED = 6  # for disputes: a petition (信访)
    REFUSED = 7  # an administrative task stopped at the access list


ENDED = (State.RESOLVED, State.ESCALATED, State.REFUSED)
OPEN = tuple(s for s in State if s not in ENDED)
NO_RESIDENT = -1


class WorkItem:
    """One case or task, with the draws fixed at arrival (common random numbers)."""

    __slots__ = (
        "arisen",
        "category",
        "community",
        "deadline_days",
        "effort",
        "ended",
        "escalate_day",
        "growth",
        "id",
        "kind",
        "known",
        "level",
        "lost_once",
        "resident",
        "sessions",
        "severity0",
        "state",
        "u_bypass",
        "u_desk",
        "u_handoff",
        "u_route",
        "u_sessions",
        "vulnerable",
    )

    def __init__(
        self,
        id: int,
        kind: Kind,
        community: int,
        arisen: int,
        effort: float,
        deadline_days: int,
        *,
        resident: int = NO_RESIDENT,
        category: int = 0,
        vulnerable: bool = False,
        u_route: float = 0.0,
        u_bypass: float = 0.0,
        u_desk: float = 0.0,
        severity0: float = 0.0,
        growth: float = 0.0,
        escalate_day: int = -1,
    ) -> None:
        self.id = id
        self.kind = kind
        self.community = community
        self.arisen = arisen
        self.effort = effort  # hours of work still needed
        self.deadline_days = deadline_days  # working days from being known
        self.resident = resident
        self.category = category
        self.vulnerable = vulnerable
        self.u_route = u_route  # uniform draw that decides routing (or listing, for tasks)
        self.u_bypass = u_bypass  # uniform draw that decides a department's bypass
        self.u_desk = u_desk  # uniform draw that picks the desk a task lands on
        self.severity0 = severity0
        self.growth = growth
        self.escalate_day = escalate_day
        self.u_sessions: tuple[float, ...] = ()  # uniforms deciding successive mediation sessions
        self.sessions = 0  # mediation sessions finished so far
        self.u_handoff = 0.0  # uniform draw deciding whether a hand-off upward is lost
        self.lost_once = False
        self.level = -1  # where it was resolved: 0 inside the community, 1 beyond
        self.known = -1
        self.ended = -1
        self.state = State.ARISEN

    @property
    def is_open(self) -> bool:
        return self.state not in ENDED

    def severity(self, day: int) -> float:
        """Disputes grow more severe each day they stay unresolved; 1 means escalation."""
        return min(1.0, self.severity0 + self.growth * (day - self.arisen))


class Registry:
    """Counts items by kind and state; the single place where items change state."""

    def __init__(self) -> None:
        self.counts = np.zeros((len(Kind), len(State)), dtype=np.int64)
        self._next_id = 0
        self.ended_today: list[WorkItem] = []

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def arise(self, item: WorkItem) -> WorkItem:
        self.counts[item.kind, State.ARISEN] += 1
        return item

    def move(self, item: WorkItem, state: State, day: int) -> None:
        if not item.is_open:
            raise RuntimeError(f"item {item.id} already ended as {item.state.name}")
        self.counts[item.kind, item.state] -= 1
        self.counts[item.kind, state] += 1
        if state in (State.DETECTED, State.REPORTED) or (state == State.QUEUED and item.known < 0):
            item.known = day
        item.state = state
        if state in ENDED:
            item.ended = day
            self.ended_today.append(item)

    def arisen(self, kind: Kind) -> int:
        return int(self.counts[kind].sum())

    def open(self, kind: Kind) -> int:
        return int(self.counts[kind, list(OPEN)].sum())

    def ended(self, kind: Kind, state: State) -> int:
        return int(self.counts[kind, state])
