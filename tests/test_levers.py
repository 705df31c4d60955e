"""Each reform lever of the mechanisms issue acts on what it should, alone and combined, from
configuration and from Python; interventions take effect on their day and not before."""

from __future__ import annotations

import pytest

from sim.config import ConfigError
from sim.model import GovernanceModel
from sim.run import load_config, run
from sim.workitems import Kind, State, WorkItem
from tests.test_invariants import check_invariants


def test_zero_budget_buys_no_contract_hours(small_config):
    model = GovernanceModel(
        small_config("policy=purchase_of_services", "policy.purchase_of_services.budget_per_10k=0")
    )
    model.run(days=60)
    lever = model.levers["purchase_of_services"]
    assert lever.contracts  # contracts exist, but nothing to pay them with
    assert all(lever.extra_shifts(o, model) == [] for o in model.social_orgs)
    assert model.ledger.moved("contract_payment") == 0


def test_unspent_purchase_money_stays_in_the_ledger(small_config):
    model = GovernanceModel(small_config("policy=purchase_of_services"))
    model.run()
    lever = model.levers["purchase_of_services"]
    budget = lever._street_budget(model, 0)
    spent = model.ledger.moved("contract_payment") + model.ledger.moved("incubation")
    assert spent > 0
    assert model.ledger.balance(lever.account(0)) == pytest.approx(budget - spent, abs=0.05)


def test_poor_performance_moves_the_contract(small_config):
    strict = small_config(
        "policy=purchase_of_services",
        "policy.purchase_of_services.renewal_threshold=1",
        "policy.purchase_of_services.evaluation_days=30",
        "staff.org_quality_high=0.7",
    )
    m = run(strict).metrics
    assert m["contracts_moved"] > 0
    lenient = small_config(
        "policy=purchase_of_services", "policy.purchase_of_services.renewal_threshold=0"
    )
    assert run(lenient).metrics["contracts_moved"] == 0


def test_volunteer_incentives_multiply_volunteer_hours(small_config):
    base = GovernanceModel(small_config())
    boosted = GovernanceModel(
        small_config("policy=volunteer_incentives", "policy.volunteer_incentives.uplift=2")
    )
    committee = base.committees[0]
    shift = base._volunteer_shift(committee)
    assert shift.kinds == (Kind.SERVICE,) and shift.max_effort == 2.0
    assert boosted._volunteer_shift(boosted.committees[0]).hours == pytest.approx(2 * shift.hours)


def test_volunteering_rises_with_satisfaction(small_config):
    model = GovernanceModel(small_config())
    before = model.population.volunteers(0, 0.17)
    for who in range(200):
        model.population.learn(who, 1.0, 1.0, 0.0)
    assert model.population.volunteers(0, 0.17) > before


def test_volunteer_credits_are_paid_per_hour(small_config):
    m = run(small_config("policy=volunteer_incentives")).metrics
    assert m["volunteer_hours"] > 0
    assert m["reform_spend"] == pytest.approx(5.0 * m["volunteer_hours"], rel=1e-3, abs=0.1)


@pytest.mark.parametrize("weight", [0.0, 1.0])
def test_resident_evaluation_shifts_priorities_by_its_weight(small_config, weight):
    model = GovernanceModel(
        small_config(
            "policy=resident_evaluation",
            f"policy.resident_evaluation.weight={weight}",
            "policy.resident_evaluation.coverage=1",
        )
    )
    weights = model.committees[0].desk.weights
    admin = model.cfg.staff.admin_priority
    expected = 1.0 if weight == 0 else admin
    assert weights[Kind.DISPUTE] == weights[Kind.SERVICE] == pytest.approx(expected)
    assert weights[Kind.ADMIN] == admin


def test_one_window_removes_lost_hand_offs_and_delay(small_config):
    base = run(small_config()).metrics
    window = run(small_config("policy=one_window", "policy.one_window.loss_reduction=1")).metrics
    assert base["handoffs_lost"] > 0 and window["handoffs_lost"] == 0
    model = GovernanceModel(small_config("policy=one_window"))
    model.run(days=30)
    assert not model.agenda  # with no delay, nothing waits in transit


def test_professionalization_trains_then_certifies(small_config):
    cfg = small_config(
        "policy=professionalization",
        "policy.professionalization.target_share=1",
        "policy.professionalization.training_days=5",
    )
    model = GovernanceModel(cfg)
    workers = model.committees[0].workers
    trainees = [w for w in workers if not w.certified]
    assert trainees and all(w.shift(cfg.staff, 0).hours == 0 for w in trainees)
    model.run(days=8)  # 5 working days from Monday: back on day 7
    assert all(w.certified for w in workers)
    assert all(w.shift(cfg.staff, model.day).hours == cfg.staff.worker_hours for w in workers)
    assert model.ledger.moved("training") == pytest.approx(3000 * len(trainees))


def test_escalation_path_sends_severe_disputes_to_the_justice_bureau(small_config):
    on = GovernanceModel(small_config("policy=escalation_path"))
    off = GovernanceModel(small_config())
    dispute = WorkItem(1, Kind.DISPUTE, 0, 0, 4.0, 7, severity0=0.9, growth=0.01)
    assert on._destination(dispute, 0) == (on.justice.desk, True)
    assert off._destination(dispute, 0) == (off.streets[0].desk, True)


def test_intervention_takes_effect_on_its_day_and_not_before(small_config):
    cfg = small_config(
        "policy=baseline",
        "+interventions=[{day: 30, lever: access_control, enabled: true, "
        "settings: {catalogue_share: 0, bypass_rate: 0}}]",
    )
    result = run(cfg)
    table = result.model.records.table()
    refused = table["state"] == State.REFUSED
    assert refused.any() and (table["arisen"][refused] >= 30).all()
    entered = (table["kind"] == Kind.ADMIN) & ~refused
    assert (table["arisen"][entered] < 30).all()
    m = result.metrics
    assert m["admin_burden_share_after"] < m["admin_burden_share_before"]


def test_intervention_from_python_and_switching_off(small_config):
    model = GovernanceModel(small_config("policy=fee_follows_task"))
    model.run(days=20)
    model.intervene("fee_follows_task", enabled=False)
    assert "fee_follows_task" not in model.levers
    paid = model.ledger.moved("fee_follows_task")
    model.run(days=20)
    assert model.ledger.moved("fee_follows_task") == paid
    model.intervene("grid", residents_per_worker=200)
    assert len(model.grid_workers) == round(model.population.n / 200)
    model.run(days=30)
    check_invariants_of(model)


def check_invariants_of(model):
    from sim.metrics import timeseries
    from sim.run import Result

    check_invariants(Result(model.metrics(), timeseries(model), model))


def test_bad_interventions_are_refused_with_one_line(small_config):
    with pytest.raises(ConfigError, match="not a lever"):
        load_config(["+interventions=[{day: 3, lever: magic}]"])
    with pytest.raises(ConfigError, match="bypass_rate"):
        load_config(
            ["+interventions=[{day: 3, lever: access_control, settings: {bypass_rate: 2}}]"]
        )
    model = GovernanceModel(small_config())
    with pytest.raises(ConfigError, match="not a setting"):
        model.intervene("access_control", colour=1)


@pytest.mark.parametrize("preset", ["full_reform", "all_levers"])
def test_every_lever_on_keeps_invariants_and_common_random_numbers(
    small_config, preset, preset_results
):
    result = run(small_config(f"policy={preset}", "seed=3"))
    check_invariants(result)
    base = preset_results["baseline"].metrics
    for key in ("dispute_arisen", "service_arisen", "admin_pushed"):
        assert result.metrics[key] == base[key]
