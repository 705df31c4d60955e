"""P5 — satisfaction and reporting reinforce each other.

Design (`conf/experiment/validation_feedback.yaml`): baseline policy at community scale over two
years; initial mean satisfaction 0.3, 0.6 or 0.9, with the attitude→reporting feedback on
(`residents.report_slope` 0.8, the default) or off (0); 20 seeds, paired by seed.

Switching the feedback off changes nothing but whether attitudes move the chance of reporting,
so within a seed and an initial satisfaction, the on–off differences in reporting (Δr) and in
end-of-run satisfaction (Δs) are cause and effect. Reporting is measured on disputes (the share
of disputes that residents reported); services follow the same reporting rule.

Checks:
- satisfaction → reporting: with the feedback on, the per-seed slope of the reported share on
  initial satisfaction has a 95% CI above 0;
- reporting → satisfaction: the per-seed slope of Δs on Δr across the initial levels has a 95%
  CI above 0;
- reinforcement: the per-seed slope of end-of-run satisfaction on initial satisfaction is steeper
  with the feedback on than off (difference, 95% CI above 0): the loop amplifies a difference in
  satisfaction instead of damping it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from experiments import aggregate, plots, stats
from experiments.validation import common
from experiments.validation.common import Check, Outcome

KEY = "feedback"
EXPERIMENT = "validation_feedback"
TITLE = "P5 · Satisfaction and reporting reinforce each other"
HYPOTHESIS = "Satisfaction and reporting reinforce each other."
START = "population.initial_satisfaction"
SLOPE = "residents.report_slope"
QUICK = [
    "days=30",
    "district.residents=800",
    "seed=0",
    "replicates=2",
    f"{START}=0.3,0.9",
]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def _start(daily: pd.DataFrame) -> dict[str, float]:
    return {"satisfaction_start": float(daily["mean_satisfaction"].iloc[0])}


def prepare(sweep: Path) -> pd.DataFrame:
    runs = aggregate.runs_table(sweep, [START, SLOPE]).merge(
        aggregate.per_run(sweep, _start), on="run"
    )
    runs["start"] = runs[f"cfg:{START}"].astype(float)
    runs["feedback"] = runs[f"cfg:{SLOPE}"].astype(float) > 0
    runs["reported_share"] = runs["dispute_reported"] / runs["dispute_arisen"]
    runs["satisfaction_change"] = runs["mean_satisfaction"] - runs["satisfaction_start"]
    return runs


def differences(runs: pd.DataFrame) -> pd.DataFrame:
    """Feedback on minus off, per seed and initial satisfaction: Δ reported, Δ satisfaction."""
    keys = ["seed", "start"]
    cols = ["reported_share", "mean_satisfaction"]
    on = runs[runs["feedback"]].set_index(keys)[cols]
    off = runs[~runs["feedback"]].set_index(keys)[cols]
    diff = (on - off).dropna().reset_index()
    return diff.rename(columns={"reported_share": "d_reported", "mean_satisfaction": "d_sat"})


def _amplification(runs: pd.DataFrame) -> pd.Series:
    on = stats.slopes_by(runs[runs["feedback"]], "start", "mean_satisfaction")
    off = stats.slopes_by(runs[~runs["feedback"]], "start", "mean_satisfaction")
    return (on - off).dropna()


def checks(runs: pd.DataFrame) -> list[Check]:
    return [
        common.above(
            "share of disputes reported per unit of initial satisfaction (feedback on)",
            stats.slopes_by(runs[runs["feedback"]], "start", "reported_share"),
        ),
        common.above(
            "end satisfaction gained per unit of extra reporting (on − off differences)",
            stats.slopes_by(differences(runs), "d_reported", "d_sat"),
        ),
        common.above(
            "slope of end on initial satisfaction, feedback on minus off",
            _amplification(runs),
        ),
    ]


def _numbers(runs: pd.DataFrame) -> dict[str, float]:
    cols = [
        "reported_share",
        "mean_satisfaction",
        "satisfaction_change",
        "dispute_on_time_rate",
        "dispute_escalated",
    ]
    means = runs.groupby(["feedback", "start"])[cols].mean()
    out: dict[str, float] = {}
    for (feedback, start), row in means.iterrows():
        tag = f"{'on' if feedback else 'off'}_{start:g}"
        out |= {f"{c}_{tag}": float(row[c]) for c in cols}
    starts = sorted(runs["start"].unique())
    out["start_low"], out["start_high"] = float(starts[0]), float(starts[-1])
    diff = differences(runs)
    out["d_sat_mean_abs"] = float(diff["d_sat"].abs().mean()) if len(diff) else float("nan")
    out["amplification"] = float(_amplification(runs).mean())
    out["per_case_ends"] = float(
        (runs["dispute_resolved"] + runs["dispute_escalated"] + runs["service_met"]).mean()
        / runs["residents"].mean()
    )
    return out


def explain(result: list[Check], n: dict[str, float]) -> str:
    f = common.fmt
    lo, hi = f"{n['start_low']:g}", f"{n['start_high']:g}"
    facts = (
        f"With the feedback on, residents starting at satisfaction {lo} report "
        f"{f(n.get(f'reported_share_on_{lo}', float('nan')))} of disputes and those starting at "
        f"{hi} report {f(n.get(f'reported_share_on_{hi}', float('nan')))} (off: "
        f"{f(n.get(f'reported_share_off_{lo}', float('nan')))} and "
        f"{f(n.get(f'reported_share_off_{hi}', float('nan')))}). Switching the feedback on moves "
        f"end-of-run mean satisfaction by {f(n['d_sat_mean_abs'])} on average; about "
        f"{f(n['per_case_ends'])} cases end per resident over the run, and only a resident whose "
        "own case ends updates satisfaction."
    )

    def g(key: str) -> str:
        return f(n.get(key, float("nan")))

    petitions = (
        f"Petitions over the run with the feedback on: {g(f'dispute_escalated_on_{lo}')} "
        f"(start {lo}) and {g(f'dispute_escalated_on_{hi}')} (start {hi}); off: "
        f"{g(f'dispute_escalated_off_{lo}')}."
    )
    to_reports, to_satisfaction, loop = (c.passed for c in result)
    if to_reports and to_satisfaction and loop:
        return (
            f"{facts} {petitions} Mechanism: engagement (the mean of satisfaction and trust) "
            "sets the chance a resident reports a case (ODD §7.4); a reported case is known "
            "days or weeks before patrol would find it, so fewer disputes escalate while hidden "
            "and more cases end resolved, which raises the satisfaction of the residents "
            "concerned (§7.13). Each link is positive, so the loop amplifies differences in "
            "satisfaction. It is clear statistically (seeds are paired) but weak in size: the "
            f"end-of-run slope on initial satisfaction steepens by only {f(n['amplification'])}, "
            "because few residents have a case end in two years and on-time is counted from "
            "when a case becomes known, so a case found late on patrol scores like a reported one."
        )
    reasons = []
    if not to_reports:
        reasons.append("reporting does not measurably rise with satisfaction")
    if not to_satisfaction:
        reasons.append(
            "extra reporting does not measurably raise satisfaction: a reported case mostly "
            "ends the same way as one found later on patrol (on-time is counted from when a "
            "case becomes known), so earlier knowledge changes few outcomes, and few residents "
            "have a case end at all"
        )
    if not loop:
        reasons.append(
            "the loop does not measurably amplify differences in initial satisfaction within "
            "the run: its gain is the product of two links, one of them too weak to detect"
        )
    return f"{facts} Not shown in full: " + "; ".join(reasons) + "."


def figure(runs: pd.DataFrame, folder: Path) -> list[Path]:
    summary = stats.summary(runs, ["reported_share", "satisfaction_change"], ["feedback", "start"])
    diff = differences(runs)
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(1, 3, figsize=(16, 4.8))
        for ax, metric, title in (
            (axes[0], "reported_share", "Disputes reported by residents (share)"),
            (axes[1], "satisfaction_change", "Change in mean satisfaction over the run"),
        ):
            for i, on in enumerate((False, True)):
                rows = summary[(summary["metric"] == metric) & (summary["feedback"] == on)]
                plots.ci_line(ax, rows, "start", i, "feedback on" if on else "feedback off")
            ax.set_xlabel("initial mean satisfaction")
            ax.set_title(title)
            ax.legend(fontsize=9)
        axes[2].scatter(diff["d_reported"], diff["d_sat"], s=14, color=plots.COLOURS[1])
        axes[2].axhline(0, color="grey", linewidth=1)
        axes[2].axvline(0, color="grey", linewidth=1)
        axes[2].set_xlabel("Δ reported share (feedback on − off)")
        axes[2].set_ylabel("Δ end satisfaction")
        axes[2].set_title("Reporting → satisfaction (one dot per seed × level)")
        fig.suptitle("Satisfaction ↔ reporting: mean across seeds with 95% CI")
        fig.tight_layout()
        return plots.save(fig, folder, KEY, common.FIGURE_FORMATS)


def analyse(folder: Path) -> Outcome:
    runs = prepare(folder / "sweep")
    result = checks(runs)
    numbers = _numbers(runs)
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: baseline policy, community preset, {int(runs['days'].iloc[0])} "
            f"days; `{START}` at {runs['start'].nunique()} levels × `{SLOPE}` on/off × "
            f"{runs['seed'].nunique()} seeds ({len(runs)} runs)."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(runs, folder),
    )
