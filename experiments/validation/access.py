"""P2 — access control cuts burden roughly in proportion to what it stops, less what is bypassed.

Design (`conf/experiment/validation_access.yaml`): community scale at the default push rate; one
arm without access control and five with it, departments bypassing the list for 0–100% of the
unlisted tasks; 20 seeds. Every arm of a seed sees the same tasks, listed or not by the same
draws, so the arms differ only in what the list stops.

Checks:
- proportionality: per seed, the slope of the relative burden cut (1 − burden ÷ the same seed's
  burden without access control) on the share of pushed tasks refused; "roughly in proportion"
  = the 95% CI of the mean slope lies inside [0.8, 1.25] (a cut within a quarter of
  one-for-one, symmetric on a ratio scale);
- bypass erodes the cut: per seed, the slope of burden on the bypass rate has a 95% CI above 0.
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

KEY = "access"
EXPERIMENT = "validation_access"
TITLE = "P2 · Access control cuts burden in proportion to what it stops"
HYPOTHESIS = (
    "Access control cuts burden roughly in proportion to what it stops, less what is bypassed."
)
ENABLED = "policy.access_control.enabled"
BYPASS = "policy.access_control.bypass_rate"
LISTED = "policy.access_control.catalogue_share"
DELAY = "policy.access_control.approval_delay_days"
PROPORTIONAL = (0.8, 1.25)
QUICK = [
    "days=30",
    "district.residents=800",
    "seed=0",
    "replicates=2",
    "policy.access_control={enabled:false},{enabled:true,bypass_rate:0.0},"
    "{enabled:true,bypass_rate:1.0}",
]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def prepare(runs: pd.DataFrame) -> pd.DataFrame:
    """The access-controlled runs with the share stopped and the burden cut against the same
    seed without access control."""
    enabled = runs[f"cfg:{ENABLED}"].astype(bool)
    base = runs[~enabled].set_index("seed")["admin_burden_share"]
    arms = runs[enabled].copy()
    arms["bypass"] = arms[f"cfg:{BYPASS}"].astype(float)
    arms["stopped"] = arms["admin_refused"] / arms["admin_pushed"]
    arms["baseline_burden"] = arms["seed"].map(base)
    arms["cut"] = 1.0 - arms["admin_burden_share"] / arms["baseline_burden"]
    return arms.dropna(subset=["cut"])


def checks(arms: pd.DataFrame) -> list[Check]:
    lo, hi = PROPORTIONAL
    return [
        common.within(
            "relative burden cut per unit share of tasks stopped (1 = proportional)",
            stats.slopes_by(arms, "stopped", "cut"),
            lo,
            hi,
        ),
        common.above(
            "burden rises with the bypass rate (slope, share of staff hours per unit bypass)",
            stats.slopes_by(arms, "bypass", "admin_burden_share"),
        ),
    ]


def _numbers(runs: pd.DataFrame, arms: pd.DataFrame) -> dict[str, float]:
    by = arms.groupby("bypass")[["stopped", "cut", "admin_burden_share"]].mean()
    fits = [np.polyfit(f["stopped"], f["cut"], 1) for _, f in arms.groupby("seed") if len(f) > 1]
    first, last = by.index.min(), by.index.max()
    listed, delay = float(runs[f"cfg:{LISTED}"].iloc[0]), float(arms[f"cfg:{DELAY}"].iloc[0])
    return {
        "listed": listed,
        "delay": delay,
        # Listed tasks pushed in the run's last `delay` working days are still awaiting approval.
        "delay_cut": listed * delay / (float(runs["days"].iloc[0]) * 5 / 7),
        "tasks_open_end": float(runs["admin_open_end"].mean()),
        "tasks_pushed": float(runs["admin_pushed"].mean()),
        "baseline_burden": float(arms["baseline_burden"].mean()),
        "bypass_low": first,
        "bypass_high": last,
        "stopped_low_bypass": by.at[first, "stopped"],
        "cut_low_bypass": by.at[first, "cut"],
        "burden_low_bypass": by.at[first, "admin_burden_share"],
        "stopped_high_bypass": by.at[last, "stopped"],
        "cut_high_bypass": by.at[last, "cut"],
        "intercept": float(np.mean([f[1] for f in fits])) if fits else float("nan"),
    }


def explain(result: list[Check], n: dict[str, float]) -> str:
    f = common.fmt
    facts = (
        f"With {f(n['listed'])} of tasks on the list and no bypass, the list refuses "
        f"{f(n['stopped_low_bypass'])} of pushed tasks and staff hours on tasks fall from "
        f"{f(n['baseline_burden'])} to {f(n['burden_low_bypass'])} (a relative cut of "
        f"{f(n['cut_low_bypass'])}); with bypass rate {f(n['bypass_high'])} it refuses "
        f"{f(n['stopped_high_bypass'])} and cuts {f(n['cut_high_bypass'])}. "
        f"The fitted cut at nothing stopped is {f(n['intercept'])}."
    )
    delay = (
        f"Approval only moves listed tasks {f(n['delay'])} working days later: the fitted cut "
        f"at nothing stopped ({f(n['intercept'])}) is about the listed tasks still awaiting "
        f"approval when the run ends ({f(n['listed'])} × {f(n['delay'])} ÷ working days = "
        f"{f(n['delay_cut'])})."
    )
    proportional, bypass = result[0].passed, result[1].passed
    if proportional and bypass:
        return (
            f"{facts} Mechanism: a refused task never reaches the community, and at the default "
            "push rate the committee does nearly every task that enters (on average "
            f"{f(n['tasks_open_end'])} of {f(n['tasks_pushed'])} pushed are open at the end), so "
            "the staff hours tasks take fall one for one with the tasks stopped (whether a task "
            "is listed does not depend on its effort). Bypassed tasks enter as if there were no "
            "list, so each point of bypass gives back the hours of the tasks it lets through. "
            f"{delay}"
        )
    reasons = []
    if not proportional:
        reasons.append(
            "the cut is not one for one with the share stopped: either the desk had a backlog of "
            "tasks, so fewer tasks left the same hours worked on the rest, or the sample is too "
            "small to pin the slope inside the stated band"
        )
    if not bypass:
        reasons.append("burden does not measurably rise with the bypass rate")
    return f"{facts} Not shown in full: " + "; ".join(reasons) + "."


def figure(runs: pd.DataFrame, arms: pd.DataFrame, folder: Path) -> list[Path]:
    cut = stats.summary(arms, ["cut", "stopped"], by=["bypass"]).pivot(
        index="bypass", columns="metric"
    )
    burden = stats.summary(arms, ["admin_burden_share"], by=["bypass"]).sort_values("bypass")
    base = common.interval(runs[~runs[f"cfg:{ENABLED}"].astype(bool)]["admin_burden_share"])
    with plt.rc_context(plots.STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
        left.scatter(arms["stopped"], arms["cut"], s=10, alpha=0.3, color=plots.COLOURS[1])
        left.errorbar(
            cut[("mean", "stopped")],
            cut[("mean", "cut")],
            xerr=(cut[("mean", "stopped")] - cut[("ci_low", "stopped")]).fillna(0),
            yerr=(cut[("mean", "cut")] - cut[("ci_low", "cut")]).fillna(0),
            fmt="o",
            color="black",
            capsize=4,
            label="mean per bypass rate (95% CI)",
        )
        top = max(0.05, float(arms["stopped"].max()) * 1.1)
        left.plot([0, top], [0, top], "--", color="grey", label="proportional (cut = stopped)")
        left.set_xlabel("share of pushed tasks refused")
        left.set_ylabel("relative cut in staff hours on tasks")
        left.set_title("Cut against what the list stops")
        left.legend(fontsize=9)
        right.errorbar(
            burden["bypass"],
            burden["mean"],
            yerr=[burden["mean"] - burden["ci_low"], burden["ci_high"] - burden["mean"]],
            marker="s",
            capsize=4,
            color="black",
            label="access control",
        )
        right.axhspan(base[1], base[2], color="grey", alpha=0.25, label="no access control")
        right.axhline(base[0], color="grey")
        right.set_xlabel("bypass rate of unlisted tasks")
        right.set_ylabel("staff hours on tasks (share)")
        right.set_title("Bypass gives the cut back")
        right.legend(fontsize=9)
        fig.suptitle("Access control: 95% CIs across seeds; dots are single runs")
        fig.tight_layout()
        return plots.save(fig, folder, KEY, common.FIGURE_FORMATS)


def analyse(folder: Path) -> Outcome:
    runs = aggregate.runs_table(folder / "sweep", [ENABLED, BYPASS, LISTED, DELAY])
    arms = prepare(runs)
    result = checks(arms)
    numbers = _numbers(runs, arms)
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: community preset at the default push rate; no access control and "
            f"access control with `{BYPASS}` at {arms['bypass'].nunique()} levels × "
            f"{runs['seed'].nunique()} seeds ({len(runs)} runs). Cut and share stopped are per "
            "run, against the same seed without access control."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(runs, arms, folder),
    )
