"""Each lever acts on what it should, directly (mechanism level, not emergent outcomes)."""

from __future__ import annotations

import pytest

from sim.model import GovernanceModel
from sim.run import run
from sim.workitems import Kind, State


def test_closed_catalogue_without_bypass_keeps_every_task_out(small_config):
    m = run(
        small_config(
            "policy=access_control",
            "policy.access_control.catalogue_share=0",
            "policy.access_control.bypass_rate=0",
        )
    ).metrics
    assert m["admin_pushed"] > 0
    assert m["admin_refused"] == m["admin_pushed"]
    assert m["admin_entered"] == 0 and m["admin_burden_share"] == 0


def test_full_bypass_lets_every_unlisted_task_in(small_config):
    m = run(
        small_config(
            "policy=access_control",
            "policy.access_control.catalogue_share=0",
            "policy.access_control.bypass_rate=1",
        )
    ).metrics
    assert m["admin_bypassed"] == m["admin_pushed"] == m["admin_entered"]


@pytest.mark.parametrize("delay", [0, 3])
def test_approved_tasks_enter_after_the_approval_delay(small_config, delay):
    model = GovernanceModel(
        small_config(
            "policy=access_control",
            "policy.access_control.catalogue_share=1",
            f"policy.access_control.approval_delay_days={delay}",
            "departments.grid_task_share=0",
        )
    )
    model.run(days=30)
    table = model.records.table()
    admin = table["kind"] == Kind.ADMIN
    queued = [i for q in (c.desk.queues[Kind.ADMIN] for c in model.committees) for i in q]
    entered = list(zip(table["arisen"][admin], table["known"][admin], strict=True))
    entered += [(task.arisen, task.known) for task in queued]
    assert len(entered) > 10
    for arisen, known in entered:
        assert known == model.calendar.add_working_days(int(arisen), delay)
    assert model.records.counters["admin_approved"] == model.records.counters["admin_pushed"]


def test_baseline_lets_every_task_in_at_once(small_config):
    m = run(small_config("policy=baseline")).metrics
    assert m["admin_entered"] == m["admin_pushed"]
    assert m["admin_approved"] == m["admin_refused"] == m["admin_bypassed"] == 0


def test_fee_follows_task_pays_for_each_entered_hour(small_config):
    cfg = small_config("policy=fee_follows_task", "policy.fee_follows_task.yuan_per_hour=10")
    model = GovernanceModel(cfg)
    owed = 0.0
    lever = next(p for p in model.policies if p.name == "fee_follows_task")
    original = lever.task_entered

    def spy(task, committee, m):
        nonlocal owed
        owed += task.effort * 10
        original(task, committee, m)

    lever.task_entered = spy
    model.run()
    assert model.ledger.moved("fee_follows_task") == pytest.approx(owed, abs=1.0)


def test_no_fee_means_no_paid_help(small_config):
    m = run(
        small_config("policy=fee_follows_task", "policy.fee_follows_task.yuan_per_hour=0")
    ).metrics
    assert m["funds_transferred"] == 0 and m["paid_help_hours"] == 0


def test_paid_help_is_bounded_by_money(small_config):
    m = run(small_config("policy=fee_follows_task")).metrics
    wage = small_config().money.wage
    assert m["paid_help_wages"] == pytest.approx(m["paid_help_hours"] * wage, rel=1e-3, abs=1)
    assert m["paid_help_wages"] <= m["funds_transferred"] + 1e-6


def test_paid_help_only_does_delegated_tasks(small_config):
    base = run(small_config("policy=baseline", "seed=4")).metrics
    fee = run(small_config("policy=fee_follows_task", "seed=4")).metrics
    # Staff spend fewer hours on tasks once paid help does some of them.
    assert fee["paid_help_hours"] > 0
    assert fee["admin_burden_share"] < base["admin_burden_share"]


@pytest.mark.parametrize(("per_worker", "expected"), [(500, 3), (1500, 1), (300, 5)])
def test_grid_density_sets_the_number_of_grid_workers(small_config, per_worker, expected):
    model = GovernanceModel(small_config(f"policy.grid.residents_per_worker={per_worker}"))
    assert len(model.grid_workers) == expected
    assert sum(w.residents for w in model.grid_workers) == model.population.n
    assert set(model.population.grid.tolist()) == set(range(expected))


def test_grids_are_contiguous_blocks(small_config):
    model = GovernanceModel(small_config("district.residents=5000"))
    committee = model.committees[0]
    pop = model.population
    for g in range(len(model.grid_workers)):
        blocks = sorted(set(pop.cell[pop.grid == g].tolist()))
        cells = {committee.cell_of(b) for b in blocks}
        for cell in cells:  # every block of a grid touches another block of the same grid
            assert len(cells) == 1 or any(n in cells for n in cell.neighborhood)


def test_no_patrol_detects_nothing(small_config):
    m = run(small_config("policy.grid.patrol_share=0")).metrics
    assert m["dispute_detected"] == 0


def test_more_patrol_means_more_hazard(small_config):
    low = GovernanceModel(small_config("policy.grid.patrol_share=0.2")).grid_hazard
    high = GovernanceModel(small_config("policy.grid.patrol_share=0.8")).grid_hazard
    assert (high > low).all()


def test_refused_tasks_end_as_refused(small_config):
    model = GovernanceModel(
        small_config(
            "policy=access_control",
            "policy.access_control.catalogue_share=0",
            "policy.access_control.bypass_rate=0",
        )
    )
    model.run()
    assert model.registry.ended(Kind.ADMIN, State.REFUSED) == model.records.counters["admin_pushed"]


def test_residents_live_on_cells_of_their_grid(small_config):
    model = GovernanceModel(small_config("district.communities=2"))
    for resident in model.residents[::97]:
        committee = model.committees[resident.community]
        assert resident.cell in committee.space.all_cells
        worker = model.grid_workers[resident.grid]
        assert worker.community == resident.community
        assert isinstance(resident.satisfaction, float) and 0 <= resident.trust <= 1
