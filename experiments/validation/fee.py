"""P3 — fee follows task restores capacity only as far as money can buy hours.

Design (`conf/experiment/validation_fee.yaml`): fee follows task at community scale, at a push
rate where the committee is short of hours (3,200 tasks per 10k residents a year); the money per
delegated hour from 0 to 4 × the wage; 20 seeds, paired by seed (same tasks and cases).

Checks:
- hours for hours: per seed, staff hours on tasks saved (against the same seed at 0 yuan) per
  paid-help hour bought, pooled over the fee levels; its 95% CI inside [0.8, 1.25];
- capacity is restored: per seed, the slope of the on-time dispute share on paid hours bought has
  a 95% CI above 0;
- only as far as money buys hours: the staff hours saved per extra yuan per delegated hour are
  larger over the two lowest fee levels than over the two highest (paired 95% CI above 0), i.e.
  once a limit stops money turning into hours (the cap on paid help, departments' budgets, or no
  tasks left to delegate), more money restores nothing more.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from experiments import aggregate, plots, stats
from experiments.validation import common
from experiments.validation.common import Check, Outcome

KEY = "fee"
EXPERIMENT = "validation_fee"
TITLE = "P3 · Fee follows task restores capacity only as far as money buys hours"
HYPOTHESIS = "Fee-follows-task restores capacity only as far as money can buy hours."
FEE = "policy.fee_follows_task.yuan_per_hour"
CAP = "policy.fee_follows_task.max_paid_share"
WAGE = "money.wage"
X = f"cfg:{FEE}"
QUICK = ["days=30", "district.residents=800", "seed=0", "replicates=2", f"{FEE}=0,31,124"]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def _hours(daily: pd.DataFrame) -> dict[str, float]:
    """Committee staff hours over the run, and on tasks (timeseries.csv, working days)."""
    return {
        "staff_task_hours": float(daily["staff_admin_hours"].sum()),
        "staff_hours_total": float(daily["staff_hours"].sum()),
        "working_days": float(daily["working_day"].sum()),
    }


def prepare(sweep: Path) -> pd.DataFrame:
    runs = aggregate.runs_table(sweep, [FEE, CAP, WAGE]).merge(
        aggregate.per_run(sweep, _hours), on="run"
    )
    runs["fee"] = runs[X].astype(float)
    base = runs[runs["fee"] == runs["fee"].min()].set_index("seed")["staff_task_hours"]
    runs["saved_hours"] = runs["seed"].map(base) - runs["staff_task_hours"]
    runs["money_hours"] = runs["funds_transferred"] / runs[f"cfg:{WAGE}"].astype(float)
    runs["cap_hours"] = runs[f"cfg:{CAP}"].astype(float) * runs["staff_hours_total"]
    runs["paid_k_hours"] = runs["paid_help_hours"] / 1000.0
    return runs


def _hours_for_hours(runs: pd.DataFrame) -> pd.Series:
    paid = runs[runs["fee"] > runs["fee"].min()].groupby("seed")
    ratio = paid["saved_hours"].sum() / paid["paid_help_hours"].sum()
    return ratio[paid["paid_help_hours"].sum() > 0]


def _saturation(runs: pd.DataFrame) -> pd.Series:
    """Per seed: saved hours per yuan/h over the lowest two levels minus over the highest two."""
    matrix = stats.seed_matrix(runs, "fee", "saved_hours")
    levels = list(matrix.columns)
    if len(levels) < 3:
        return pd.Series(dtype=float)
    low = stats.contrast(matrix, levels[0], levels[1]) / (levels[1] - levels[0])
    high = stats.contrast(matrix, levels[-2], levels[-1]) / (levels[-1] - levels[-2])
    return (low - high).dropna()


def checks(runs: pd.DataFrame) -> list[Check]:
    return [
        common.within(
            "staff task-hours saved per paid-help hour bought", _hours_for_hours(runs), 0.8, 1.25
        ),
        common.above(
            "disputes on time rise with paid hours (slope per 1,000 hours)",
            stats.slopes_by(runs, "paid_k_hours", "dispute_on_time_rate"),
        ),
        common.above(
            "saved hours per yuan/h: lowest two fee levels minus highest two",
            _saturation(runs),
        ),
    ]


def _numbers(runs: pd.DataFrame) -> dict[str, float]:
    cols = [
        "paid_help_hours",
        "money_hours",
        "cap_hours",
        "saved_hours",
        "fees_unpaid",
        "funds_transferred",
        "paid_help_wages",
        "dispute_on_time_rate",
        "admin_burden_share",
    ]
    means = runs.groupby("fee")[cols].mean().sort_index()
    out: dict[str, float] = {"wage": float(runs[f"cfg:{WAGE}"].iloc[0])}
    for level, name in ((means.index[0], "low"), (means.index[-1], "high")):
        out |= {f"{c}_{name}": float(means.at[level, c]) for c in cols}
        out[f"fee_{name}"] = float(level)
    full = means[means["saved_hours"] >= 0.98 * means["saved_hours"].max()]
    out["saturation_fee"] = float(full.index.min()) if means["saved_hours"].max() > 0 else np.nan
    out["cap_share_used_high"] = out["paid_help_hours_high"] / max(out["cap_hours_high"], 1e-9)
    out["money_spent_share_high"] = out["paid_help_wages_high"] / max(
        out["funds_transferred_high"], 1e-9
    )
    return out


def _limits(n: dict[str, float]) -> str:
    """Which limit stops money turning into hours at the highest fee, from the runs."""
    f = common.fmt
    limits = []
    if n["fees_unpaid_high"] > 0.05 * max(n["funds_transferred_high"], 1.0):
        limits.append(
            f"departments' budgets ({f(n['fees_unpaid_high'])} yuan of fees a year go unpaid)"
        )
    if n["money_spent_share_high"] < 0.9:
        limits.append(
            f"hours the committee can use (only {f(n['money_spent_share_high'])} of the money "
            f"received is spent; paid help fills {f(n['cap_share_used_high'])} of its cap of "
            f"{f(n['cap_hours_high'])} hours)"
        )
    return " and ".join(limits) if limits else "none of the limits measured here"


def explain(result: list[Check], n: dict[str, float]) -> str:
    f = common.fmt
    facts = (
        f"At {f(n['fee_high'])} yuan per delegated hour (wage {f(n['wage'])}), the money "
        f"received could pay {f(n['money_hours_high'])} hours a year; paid help worked "
        f"{f(n['paid_help_hours_high'])} and staff spent {f(n['saved_hours_high'])} fewer hours "
        f"on tasks than with no fee; the saving reaches 98% of its largest value from "
        f"{f(n['saturation_fee'])} yuan/h on. Disputes closed on time: "
        f"{f(n['dispute_on_time_rate_low'])} with no fee, {f(n['dispute_on_time_rate_high'])} at "
        f"the highest. What stops money buying more hours at the top: {_limits(n)}."
    )
    one_for_one, restored, saturates = (c.passed for c in result)
    if one_for_one and restored and saturates:
        return (
            f"{facts} Mechanism: the fees fund paid help that works delegated tasks before staff "
            "do, so each paid hour takes one task hour off the staff, who give it to residents' "
            "cases through the priority rule. Money helps only while it turns into hours: beyond "
            "that, the extra yuan sit in the task fund or are never paid."
        )
    reasons = []
    if not one_for_one:
        reasons.append(
            "staff hours saved are not one for one with paid hours (paid help also works tasks "
            "staff would never have reached, or staff refill freed hours with other tasks)"
        )
    if not restored:
        reasons.append("on-time dispute resolution does not measurably rise with paid hours")
    if not saturates:
        reasons.append(
            "the saving per extra yuan does not fall at the top of the fee range, so within this "
            "range money never stopped buying hours"
        )
    return f"{facts} Not shown in full: " + "; ".join(reasons) + "."


def figure(runs: pd.DataFrame, folder: Path) -> list[Path]:
    hours = ["money_hours", "paid_help_hours", "saved_hours", "cap_hours"]
    names = {
        "money_hours": "hours the money received could pay",
        "paid_help_hours": "paid-help hours bought",
        "saved_hours": "staff task-hours saved (vs no fee)",
        "cap_hours": "cap on paid help",
    }
    summary = stats.summary(runs, [*hours, "dispute_on_time_rate", "admin_burden_share"], ["fee"])
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(1, 3, figsize=(16, 4.8))
        for i, metric in enumerate(hours):
            rows = summary[summary["metric"] == metric]
            plots.ci_line(axes[0], rows, "fee", i, names[metric])
        axes[0].set_ylabel("hours a year")
        axes[0].set_title("Money, hours bought, hours given back")
        axes[0].legend(fontsize=9)
        rates = ["dispute_on_time_rate", "admin_burden_share"]
        for ax, metric in zip(axes[1:], rates, strict=True):
            plots.ci_line(ax, summary[summary["metric"] == metric], "fee")
            ax.set_title(plots.label(metric))
        for ax in axes:
            ax.set_xlabel("yuan per delegated hour")
        fig.suptitle("Fee follows task: mean across seeds with 95% CI")
        fig.tight_layout()
        return plots.save(fig, folder, KEY, common.FIGURE_FORMATS)


def analyse(folder: Path) -> Outcome:
    runs = prepare(folder / "sweep")
    result = checks(runs)
    numbers = _numbers(runs)
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: fee follows task, community preset, push rate 3,200; `{FEE}` at "
            f"{runs['fee'].nunique()} levels × {runs['seed'].nunique()} seeds ({len(runs)} "
            "runs); savings are against the same seed at the lowest fee."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(runs, folder),
    )
