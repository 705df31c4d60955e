"""Nothing is lost, money is conserved, counts and rates stay in range — on every run."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.run import Result, load_config, run
from sim.workitems import ENDED, Kind, State

RATE_KEYS = (
    "dispute_resolution_rate",
    "dispute_on_time_rate",
    "service_coverage",
    "service_coverage_vulnerable",
    "admin_burden_share",
    "mean_satisfaction",
    "mean_trust",
)


def check_invariants(result: Result) -> None:
    model, m = result.model, result.metrics
    reg, table = model.registry, model.records.table()
    assert (reg.counts >= 0).all()
    for kind in Kind:
        # Every item that arose is in exactly one state, and each ended one was recorded once.
        recorded = np.bincount(table["state"][table["kind"] == kind], minlength=len(State))
        for state in ENDED:
            assert recorded[state] == reg.counts[kind, state]
        assert reg.arisen(kind) == reg.open(kind) + sum(reg.ended(kind, s) for s in ENDED)
    assert (
        m["dispute_arisen"]
        == m["dispute_resolved"] + m["dispute_escalated"] + m["dispute_open_end"]
    )
    assert m["service_arisen"] == m["service_met"] + m["service_open_end"]
    assert m["admin_pushed"] == (m["admin_refused"] + m["admin_done"] + m["admin_open_end"])
    assert m["admin_entered"] + m["admin_refused"] <= m["admin_pushed"]
    # Money: only endowments create it; every transfer keeps the total.
    assert model.ledger.total() == model.ledger.endowed
    assert all(b >= 0 for b in model.ledger.balances.values())
    for key, value in m.items():
        if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
            assert value >= 0, key
    for key in RATE_KEYS:
        assert math.isnan(m[key]) or 0.0 <= m[key] <= 1.0, key
    assert (model.population.open_cases >= 0).all()
    assert model.population.open_cases.sum() == m["dispute_open_end"] + m["service_open_end"]
    ts = result.timeseries
    assert len(ts) == m["days"]
    assert (ts[["open_disputes", "open_services", "open_admin"]] >= 0).all().all()
    assert ts["open_disputes"].iloc[-1] == m["dispute_open_end"]


def test_presets_keep_invariants(preset_results):
    for result in preset_results.values():
        check_invariants(result)


def test_wages_paid_never_exceed_money_received(preset_results):
    m = preset_results["fee_follows_task"].metrics
    assert m["funds_transferred"] > 0
    assert m["paid_help_wages"] <= m["funds_transferred"] + 1e-6


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    residents=st.integers(40, 1200),
    days=st.integers(1, 45),
    seed=st.integers(0, 2**32),
    policy=st.sampled_from(
        ["baseline", "access_control", "fee_follows_task", "reform", "full_reform", "all_levers"]
    ),
    dispute_rate=st.floats(0.0, 0.5),
    push_rate=st.floats(0.0, 6000.0),
    catalogue=st.floats(0.0, 1.0),
    bypass=st.floats(0.0, 1.0),
    patrol=st.floats(0.0, 1.0),
    per_worker=st.floats(50.0, 3000.0),
    communities=st.integers(1, 4),
    delay=st.integers(0, 3),
)
def test_invariants_hold_for_random_valid_configs(
    residents,
    days,
    seed,
    policy,
    dispute_rate,
    push_rate,
    catalogue,
    bypass,
    patrol,
    per_worker,
    communities,
    delay,
):
    cfg = load_config(
        [
            f"policy={policy}",
            f"district.residents={residents}",
            f"days={days}",
            f"seed={seed}",
            f"district.communities={communities}",
            f"district.streets={min(2, communities)}",
            f"cases.dispute_rate={dispute_rate}",
            f"departments.push_rate={push_rate}",
            f"policy.access_control.catalogue_share={catalogue}",
            f"policy.access_control.bypass_rate={bypass}",
            f"policy.access_control.approval_delay_days={delay}",
            f"policy.grid.patrol_share={patrol}",
            f"policy.grid.residents_per_worker={per_worker}",
            f"staff.referral_delay_days={delay}",
            "quiet=true",
        ]
    )
    check_invariants(run(cfg))


def test_state_counts_match_where_items_are(small_config):
    """Mid-run, each state's count equals the items actually held in the matching place."""
    from sim.model import GovernanceModel

    model = GovernanceModel(small_config("seed=5", "district.communities=2"))
    model.run(days=40)
    counts = model.registry.counts
    hidden = sum(1 for item in model.hidden.items if item.is_open)
    assert counts[[Kind.DISPUTE, Kind.SERVICE], State.ARISEN].sum() == hidden
    assert counts[Kind.ADMIN, State.ARISEN] == 0  # baseline: no approval queue
    desks = [
        *(c.desk for c in model.committees),
        *(w.desk for w in model.grid_workers),
        *(o.desk for o in model.social_orgs),
        *(s.desk for s in model.streets),
        *(d.desk for d in model.departments),
    ]
    on_desks = sum(len(desk) for desk in desks)
    assert counts[:, [State.QUEUED, State.IN_PROGRESS]].sum() == on_desks
    handed_off = sum(len(actions) for actions in model.agenda.values())
    assert counts[:, [State.DETECTED, State.REPORTED]].sum() == handed_off
