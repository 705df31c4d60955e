"""Validation experiments: every script runs end to end on a tiny configuration, the report is
rebuilt from disk without rerunning, the verdict logic can say yes and no on synthetic data, and
the queueing theory the sanity check relies on is itself right."""

from __future__ import annotations

import json
import math
from collections import deque
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from experiments.validation import (
    VALIDATIONS,
    access,
    common,
    crowding,
    fee,
    feedback,
    grid,
    plausibility,
    queueing_theory,
)
from experiments.validation.__main__ import main as validate

SEEDS = range(8)


# ------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> Path:
    """All validations on tiny runs, through the command's own entry point (its sweeps are
    Hydra multiruns in subprocesses, as in a full run)."""
    out = tmp_path_factory.mktemp("validation")
    assert validate(["--quick", "--jobs", "2", "--out", str(out)]) == 0
    return out


def _verdict(folder: Path) -> dict:
    return json.loads((folder / "verdict.json").read_text())


@pytest.mark.parametrize("key", VALIDATIONS)
def test_each_validation_runs_end_to_end_and_writes_a_figure_and_verdict(quick, key):
    result = _verdict(quick / key)
    allowed = {
        "queueing": ("agrees", "partly agrees", "disagrees"),
        "plausibility": plausibility.WORDS,
    }.get(key, common.VERDICTS)
    assert result["verdict"] in allowed
    assert result["checks"] and result["explanation"]
    figure = quick / key / f"{key}.png"
    assert figure.stat().st_size > 10_000


def test_report_collects_every_validation_and_rebuilds_from_disk(quick, capsys):
    report = (quick / "report.md").read_text()
    for key in VALIDATIONS:
        assert f'<a id="{key}"></a>' in report and f"({key}/{key}.png)" in report
    before = {key: _verdict(quick / key)["verdict"] for key in VALIDATIONS}
    runs = sorted(quick.rglob("metrics.json"))
    stamps = [p.stat().st_mtime_ns for p in runs]
    capsys.readouterr()
    assert validate(["--rebuild", "--out", str(quick), "--only", "crowding", "access"]) == 0
    assert "running:" not in capsys.readouterr().out  # nothing was rerun
    assert (quick / "report.md").read_text().count('<a id="') == len(VALIDATIONS)
    assert [p.stat().st_mtime_ns for p in runs] == stamps
    assert {key: _verdict(quick / key)["verdict"] for key in VALIDATIONS} == before


# ---------------------------------------------------------------------- verdict logic
def test_checks_apply_their_criterion_to_the_confidence_interval():
    assert not common.above("x", [1e-17, 1e-17, 1e-17]).passed  # rounding is not an effect
    positive, around_zero = [1.0, 1.1, 0.9, 1.05], [1.0, -1.0, 0.5, -0.6]
    assert common.above("x", positive).passed and not common.above("x", around_zero).passed
    assert common.below("x", [-v for v in positive]).passed
    assert common.within("x", positive, 0.8, 1.25).passed
    assert not common.within("x", around_zero, 0.8, 1.25).passed
    assert common.near("x", positive, 1.03, 0.05).passed
    assert not common.near("x", positive, 2.0, 0.05).passed
    assert not common.above("x", [5.0]).passed  # one value: no CI, no pass


def test_verdict_says_shows_partly_and_does_not_show():
    yes, no = common.above("x", [1.0, 1.2, 0.9]), common.above("x", [-1.0, 1.0, 0.1])
    assert common.verdict([yes, yes]) == "shows"
    assert common.verdict([yes, no]) == "partly"
    assert common.verdict([no, no]) == "does not show"
    assert common.verdict([no], ("agrees", "partly agrees", "disagrees")) == "disagrees"


def _noise(n: int, scale: float, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, scale, n)


def _crowding_runs(effect: bool) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        for push in (0, 1200, 2400, 3600):
            load = push / 4000 if effect else 0.3
            rows.append(
                {
                    "seed": seed,
                    crowding.X: push,
                    "admin_burden_share": load + _noise(1, 0.01, seed * 7 + push)[0],
                    "dispute_on_time_rate": 0.9 - load / 2 + _noise(1, 0.01, seed + push)[0],
                }
            )
    return pd.DataFrame(rows)


def test_crowding_verdict_on_synthetic_sweeps():
    assert common.verdict(crowding.checks(_crowding_runs(True))) == "shows"
    assert common.verdict(crowding.checks(_crowding_runs(False))) == "does not show"


def _access_arms(cut_per_stopped: float) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        for bypass in (0.0, 0.5, 1.0):
            stopped = 0.47 * (1 - bypass)
            cut = cut_per_stopped * stopped + _noise(1, 0.005, seed * 10 + int(4 * bypass))[0]
            rows.append(
                {
                    "seed": seed,
                    "bypass": bypass,
                    "stopped": stopped,
                    "cut": cut,
                    "admin_burden_share": 0.66 * (1 - cut),
                }
            )
    return pd.DataFrame(rows)


def test_access_verdict_on_synthetic_sweeps():
    assert common.verdict(access.checks(_access_arms(1.0))) == "shows"
    assert common.verdict(access.checks(_access_arms(0.5))) == "partly"  # cut too small
    assert common.verdict(access.checks(_access_arms(0.0))) == "does not show"


def _fee_runs(restores: bool) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        for level in (0.0, 8.0, 16.0, 31.0, 62.0):
            paid = min(level, 16.0) * 500.0  # money buys hours up to a cap
            saved = (paid if restores else 0.0) + _noise(1, 20.0, seed * 100 + int(level))[0]
            rows.append(
                {
                    "seed": seed,
                    "fee": level,
                    "paid_help_hours": paid,
                    "paid_k_hours": paid / 1000,
                    "saved_hours": saved,
                    "dispute_on_time_rate": 0.5 + (saved / 40_000 if restores else 0.0),
                }
            )
    return pd.DataFrame(rows)


def test_fee_verdict_on_synthetic_sweeps():
    assert common.verdict(fee.checks(_fee_runs(True))) == "shows"
    assert common.verdict(fee.checks(_fee_runs(False))) == "does not show"


def _grid_runs(effect: bool) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        for workers in (1, 2, 4, 8, 16, 32):
            x = math.log2(workers)
            rows.append(
                {
                    "seed": seed,
                    grid.WORKERS: workers,
                    "doublings": x,
                    "days_hidden": (60 / workers if effect else 20.0) + _noise(1, 0.2, seed)[0],
                    "dispute_escalated": (20 - 3 * x if effect else 10.0)
                    + _noise(1, 0.3, seed * 10 + workers)[0],
                }
            )
    return pd.DataFrame(rows)


def test_grid_verdict_on_synthetic_sweeps():
    assert common.verdict(grid.checks(_grid_runs(True))) == "shows"
    assert common.verdict(grid.checks(_grid_runs(False))) == "does not show"


def _feedback_runs(loop: bool) -> pd.DataFrame:
    rows = []
    for seed in SEEDS:
        for start in (0.3, 0.6, 0.9):
            for on in (False, True):
                reported = 0.47 + (0.3 * (start - 0.6) if on and loop else 0.0)
                rows.append(
                    {
                        "seed": seed,
                        "start": start,
                        "feedback": on,
                        "reported_share": reported + _noise(1, 0.002, seed)[0],
                        "mean_satisfaction": start
                        + 0.05 * (reported - 0.47)
                        + _noise(1, 1e-4, seed + 50)[0],
                    }
                )
    return pd.DataFrame(rows)


def test_feedback_verdict_on_synthetic_sweeps():
    assert common.verdict(feedback.checks(_feedback_runs(True))) == "shows"
    assert common.verdict(feedback.checks(_feedback_runs(False))) == "does not show"


def test_plausibility_bands_say_inside_and_outside():
    def seeds(median: float, mean: float, within: float, upward: float) -> pd.DataFrame:
        n = len(SEEDS)
        return pd.DataFrame(
            {
                "median_days": median + _noise(n, 0.01),
                "mean_days": mean + _noise(n, 0.01),
                "within_7_days": within + _noise(n, 0.001),
                "upward_within_7_working": upward + _noise(n, 0.001),
            }
        )

    words = plausibility.WORDS
    inside = plausibility.checks(seeds(3.0, 9.0, 0.85, 0.95))
    outside = plausibility.checks(seeds(30.0, 90.0, 0.2, 0.3))
    assert common.verdict(inside, words) == "inside"
    assert common.verdict(outside, words) == "outside"


# -------------------------------------------------------------------- queueing theory
def test_mg1_with_exponential_work_is_mm1():
    q = queueing_theory.PlainQueue(0.2, 8.0, 1.0, 1)  # ρ = 0.2 × 7/40 × 8 = 0.28
    hours = 1.0 / (1.0 / 8.0 - q.arrivals_per_work_hour)  # M/M/1 sojourn 1/(μ − λ)
    assert queueing_theory.pooled_mg1_days(q) == pytest.approx(hours * 7 / 40)
    assert queueing_theory.erlang_c(2, 1.0) == pytest.approx(1 / 3)


def _daily_schedule_by_hand(q: queueing_theory.PlainQueue, days: int) -> float:
    """The model's daily schedule simulated directly (an independent check of the numerics)."""
    rng = np.random.default_rng(7)
    queue: deque[list[float]] = deque()
    open_days = []
    for day in range(days):
        for _ in range(rng.poisson(q.arrivals_per_day)):
            queue.append([day, rng.gamma(q.effort_shape, q.mean_effort / q.effort_shape)])
        hours = q.servers * q.hours_per_server if day % 7 < 5 else 0.0
        while hours > 1e-9 and queue:
            done = min(hours, queue[0][1])
            hours -= done
            queue[0][1] -= done
            if queue[0][1] <= 1e-9:
                arisen = queue.popleft()[0]
                if day > 200:
                    open_days.append(day - arisen)
    return float(np.mean(open_days))


def test_daily_schedule_theory_matches_the_schedule_simulated_by_hand():
    q = queueing_theory.PlainQueue(0.15, 16.0, 2.0, 1)  # ρ = 0.42
    theory = queueing_theory.daily_schedule_days(q)
    assert _daily_schedule_by_hand(q, 60_000) == pytest.approx(theory, rel=0.04)
    # Whole working days: a case arising on a weekend waits, so the textbook formula is off.
    assert abs(queueing_theory.pooled_mg1_days(q) / theory - 1) > 0.05


# ----------------------------------------------------------- helpers added for validation
def test_summary_groups_by_several_columns_and_config_values_are_found():
    from experiments import aggregate, stats

    runs = pd.DataFrame(
        {"a": [1, 1, 2, 2], "b": ["x", "x", "y", "y"], "seed": [0, 1, 0, 1], "m": [1, 3, 5, 7.0]}
    )
    table = stats.summary(runs, ["m"], by=["a", "b"])
    assert list(table["mean"]) == [2.0, 6.0] and list(table["b"]) == ["x", "y"]
    assert list(stats.summary(runs, ["m"], by="a")["a"]) == [1, 2]  # one column, as before
    assert stats.slopes(stats.seed_matrix(runs, "a", "m")).tolist() == pytest.approx([4.0, 4.0])
    manifest = {"config": {"policy": {"grid": {"patrol_share": 0.5}}}}
    assert aggregate.config_value(manifest, "policy.grid.patrol_share") == 0.5
    assert aggregate.config_value(manifest, "policy.missing") is None
