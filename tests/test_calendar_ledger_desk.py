"""Building blocks: working-day arithmetic, exact money, the priority rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sim.calendar import Calendar
from sim.handling import Desk, Shift
from sim.ledger import Ledger
from sim.workitems import Kind, Registry, State, WorkItem


def test_weekends_are_not_working_days():
    cal = Calendar(30)
    assert [cal.working(d) for d in range(7)] == [True] * 5 + [False] * 2


@given(st.integers(0, 300), st.integers(0, 30))
def test_adding_working_days_lands_on_a_working_day_that_far_away(day, n):
    cal = Calendar(400)
    end = cal.add_working_days(day, n)
    assert cal.working_days_between(day, end) == n
    if n:
        assert cal.working(end)


def test_seven_working_days_span_a_weekend():
    cal = Calendar(30)
    assert cal.add_working_days(0, 7) == 9  # Monday + 7 working days = Wednesday next week


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.floats(0, 1e6)), max_size=40))
def test_ledger_conserves_money(moves):
    ledger = Ledger()
    accounts = ["a", "b", "c", "d"]
    for name in accounts:
        ledger.endow(name, 1000.0)
    for src, dst, amount in moves:
        ledger.transfer(accounts[src], accounts[dst], amount, "x")
        assert all(v >= 0 for v in ledger.balances.values())
    assert ledger.total() == ledger.endowed == 4000 * 100


def _item(reg: Registry, kind: Kind, known: int, effort: float = 1.0, deadline: int = 7):
    item = reg.arise(WorkItem(reg.new_id(), kind, 0, known, effort, deadline))
    reg.move(item, State.QUEUED, known)
    return item


def test_priority_rule_prefers_weighted_tasks_until_cases_wait_long():
    reg, cal = Registry(), Calendar(60)
    desk = Desk(cal, {Kind.ADMIN: 2.0, Kind.DISPUTE: 1.0, Kind.SERVICE: 1.0})
    task = _item(reg, Kind.ADMIN, known=14, deadline=10)
    old_case = _item(reg, Kind.SERVICE, known=0)
    desk.add(task)
    desk.add(old_case)
    # On day 14 the service case has waited 10 working days: 1 × (1 + 10/7) > 2 × (1 + 0/10).
    assert desk.next_item(14, tuple(Kind)) is old_case
    fresh = Desk(cal, desk.weights)
    fresh.add(task)
    fresh.add(_item(reg, Kind.SERVICE, known=14))
    assert fresh.next_item(14, tuple(Kind)) is task


def test_serve_spends_hours_and_reports_finished_items():
    reg, cal = Registry(), Calendar(30)
    desk = Desk(cal, dict.fromkeys(Kind, 1.0))
    items = [_item(reg, Kind.DISPUTE, known=0, effort=3.0) for _ in range(3)]
    for it in items:
        desk.add(it)
    finished, started = [], []
    spent = desk.serve(
        0,
        [Shift(4.0), Shift(1.0, mediation_speed=2.0)],
        started.append,
        lambda it, s: finished.append(it),
    )
    assert finished == items[:2] and started == [items[1]]
    assert spent[Kind.DISPUTE] == 5.0  # the second shift mediates at double speed


def test_ended_items_leave_the_queue_lazily():
    reg, cal = Registry(), Calendar(30)
    desk = Desk(cal, dict.fromkeys(Kind, 1.0))
    gone, stays = _item(reg, Kind.DISPUTE, 0), _item(reg, Kind.DISPUTE, 0)
    desk.add(gone)
    desk.add(stays)
    reg.move(gone, State.ESCALATED, 1)
    assert desk.next_item(1, tuple(Kind)) is stays and len(desk) == 1
