"""P4 — denser grids find disputes earlier, so fewer escalate, with diminishing returns.

Design (`conf/experiment/validation_grid.yaml`): baseline policy at community scale; residents
per grid worker from 5,000 (one worker) to 156 (32 workers), doubling the workers at each step;
20 seeds, paired by seed (same residents, needs and disputes at every density).

"Earlier" is measured as the mean days a case (dispute or service need: both are found the same
way) stays hidden within the run: the area under the daily count of hidden cases divided by the
cases that arose (timeseries.csv; a case still hidden at the end counts the days it was hidden).

Checks (x = log2 grid workers, so one unit is a doubling):
- per seed, the slope of mean days hidden on x has a 95% CI below 0 (found earlier);
- per seed, the slope of petitions (escalated disputes) on x has a 95% CI below 0 (fewer escalate);
- diminishing returns: per seed, petitions avoided per added grid worker over the lower half of
  the density range minus over the upper half; 95% CI above 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from experiments import aggregate, plots, stats
from experiments.validation import common
from experiments.validation.common import Check, Outcome

KEY = "grid"
EXPERIMENT = "validation_grid"
TITLE = "P4 · Denser grids find disputes earlier, fewer escalate, diminishing returns"
HYPOTHESIS = "Denser grids find disputes earlier, so fewer escalate, with diminishing returns."
DENSITY = "policy.grid.residents_per_worker"
WORKERS = "grid_workers"
METRICS = ["days_hidden", "found_share", "dispute_escalated", "dispute_on_time_rate"]
QUICK = ["days=30", "district.residents=800", "seed=0", "replicates=2", f"{DENSITY}=800,200,50"]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def _hidden(daily: pd.DataFrame) -> dict[str, float]:
    """Mean days hidden per case within the run (area under the hidden count ÷ cases)."""
    cases = daily["disputes_arisen_total"].iloc[-1] + daily["services_arisen_total"].iloc[-1]
    return {"days_hidden": float(daily["hidden_cases"].sum() / cases) if cases else np.nan}


def prepare(sweep: Path) -> pd.DataFrame:
    runs = aggregate.runs_table(sweep, [DENSITY]).merge(aggregate.per_run(sweep, _hidden), on="run")
    runs["found_share"] = (runs["dispute_reported"] + runs["dispute_detected"]) / runs[
        "dispute_arisen"
    ]
    runs["doublings"] = np.log2(runs[WORKERS].astype(float))
    return runs


def _diminishing(runs: pd.DataFrame) -> pd.Series:
    """Petitions avoided per added worker, lower half of the range minus upper half, per seed."""
    matrix = stats.seed_matrix(runs, WORKERS, "dispute_escalated")
    levels = list(matrix.columns)
    if len(levels) < 3:
        return pd.Series(dtype=float)
    first, middle, last = levels[0], levels[len(levels) // 2], levels[-1]
    low = -stats.contrast(matrix, first, middle) / (middle - first)
    high = -stats.contrast(matrix, middle, last) / (last - middle)
    return (low - high).dropna()


def checks(runs: pd.DataFrame) -> list[Check]:
    return [
        common.below(
            "mean days a case stays hidden, per doubling of grid workers",
            stats.slopes_by(runs, "doublings", "days_hidden"),
        ),
        common.below(
            "petitions a year, per doubling of grid workers",
            stats.slopes_by(runs, "doublings", "dispute_escalated"),
        ),
        common.above(
            "petitions avoided per added worker: lower half of density range minus upper half",
            _diminishing(runs),
        ),
    ]


def _numbers(runs: pd.DataFrame) -> dict[str, float]:
    runs = runs.assign(reported_share=runs["dispute_reported"] / runs["dispute_arisen"])
    cols = [*METRICS, "reported_share"]
    means = runs.groupby(WORKERS)[cols].mean().sort_index()
    levels = list(means.index)
    out: dict[str, float] = {"workers_low": levels[0], "workers_high": levels[-1]}
    for metric in cols:
        out[f"{metric}_low"] = float(means.at[levels[0], metric])
        out[f"{metric}_high"] = float(means.at[levels[-1], metric])
    # What each step of the sweep (a doubling in the design) avoids, sparse to dense.
    out["petitions_avoided_by_step"] = means["dispute_escalated"].diff(-1).dropna().tolist()
    out["days_saved_by_step"] = means["days_hidden"].diff(-1).dropna().tolist()
    out["steps_are_doublings"] = float(
        len(levels) > 1 and np.allclose(np.diff(np.log2(np.array(levels, dtype=float))), 1.0)
    )
    return out


def _shape(n: dict, step: str) -> str:
    """How the returns diminish, read off the petitions avoided at each step of the sweep."""
    f = common.fmt
    avoided = n["petitions_avoided_by_step"]
    tail = float(np.mean(avoided[-2:])) if avoided else np.nan
    if tail < 0.5 * max(avoided, default=np.nan):
        return (
            f"Returns diminish even per {step}: the last steps avoid {f(tail)} petitions a year "
            f"against up to {f(max(avoided))} earlier, as most disputes are found in time "
            f"({f(n['found_share_high'])} at the densest grid)."
        )
    return (
        f"Returns diminish per added worker but not per {step}: petitions fall roughly with the "
        f"logarithm of the workforce, so each {step} (adding as many workers as all before it) "
        f"avoids about as many as the last. No saturation within this range: at "
        f"{f(n['workers_high'])} workers, {f(1 - n['found_share_high'])} of disputes still "
        "escalate before anyone finds them, and residents report a falling share themselves "
        f"({f(n['reported_share_low'])} → {f(n['reported_share_high'])}) because patrol now "
        "gets there first."
    )


def _listing(values: list[float]) -> str:
    return ", ".join(common.fmt(v, 2) for v in values)


def explain(result: list[Check], n: dict) -> str:
    f = common.fmt
    step = "doubling" if n["steps_are_doublings"] else "step"
    facts = (
        f"From {f(n['workers_low'])} to {f(n['workers_high'])} grid workers, cases stay hidden "
        f"{f(n['days_hidden_low'])} → {f(n['days_hidden_high'])} days on average, disputes found "
        f"before escalating {f(n['found_share_low'])} → {f(n['found_share_high'])}, petitions "
        f"{f(n['dispute_escalated_low'])} → {f(n['dispute_escalated_high'])} a year. Each "
        f"{step}, sparse to dense, saves {_listing(n['days_saved_by_step'])} days hidden and "
        f"avoids {_listing(n['petitions_avoided_by_step'])} petitions a year."
    )
    earlier, fewer, diminishing = (c.passed for c in result)
    if earlier and fewer and diminishing:
        return (
            f"{facts} Mechanism: a grid worker visits a share of the grid's households each "
            "working day, so the daily chance of finding a hidden case grows with the number of "
            "workers (ODD §7.5) and the time to find one falls like 1/workers; a dispute found "
            "before its severity reaches 1 can still be mediated, and a fresh one is easier to "
            "settle. "
            + _shape(n, step)
            + " Denser grids also add on-the-spot handling hours, in the same direction."
        )
    reasons = []
    if not earlier:
        reasons.append("cases are not measurably found earlier")
    if not fewer:
        reasons.append(
            "petitions do not measurably fall (too few disputes a year at community scale to "
            "separate the levels, or discovery was not what limited them)"
        )
    if not diminishing:
        reasons.append(
            "the petitions avoided per added worker do not shrink measurably from the sparse to "
            "the dense half of the range"
        )
    return f"{facts} Not shown in full: " + "; ".join(reasons) + "."


def figure(runs: pd.DataFrame, folder: Path) -> list[Path]:
    summary = stats.summary(runs, METRICS, by=[WORKERS])
    return plots.response(
        summary,
        WORKERS,
        METRICS,
        folder,
        name=KEY,
        xlabel="grid workers (log scale)",
        logx=True,
        formats=common.FIGURE_FORMATS,
    )


def _levels(runs: pd.DataFrame) -> str:
    return ", ".join(str(int(w)) for w in sorted(runs[WORKERS].unique()))


def analyse(folder: Path) -> Outcome:
    runs = prepare(folder / "sweep")
    result = checks(runs)
    numbers = _numbers(runs)
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: baseline policy, community preset, `{DENSITY}` at "
            f"{runs[WORKERS].nunique()} levels ({_levels(runs)} grid workers) × "
            f"{runs['seed'].nunique()} seeds ({len(runs)} runs); paired by seed."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(runs, folder),
    )
