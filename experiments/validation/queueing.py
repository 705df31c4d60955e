"""Queueing sanity: with the levers set so dispute handling is a plain queue, does the simulated
waiting match queueing theory for the same rates and capacities?

Settings (`conf/experiment/validation_queueing.yaml`): disputes only, all reported on arrival,
no escalation, every session succeeds, one or two community workers of 8 hours a working day,
gamma(2) work per dispute with mean 16 hours; utilisation 0.15–0.7; six years per run, the first
discarded as warm-up; 20 seeds per setting.

Simulated waiting is the mean calendar days a dispute stays open (ended − arisen, the model's own
count), obtained from timeseries.csv by Little's law after the warm-up: the mean number open at
the end of a day divided by arrivals per day (exact for end-of-day counts, up to edge effects).

Predictions (`queueing_theory`): the model's daily schedule solved numerically (Lindley's
recursion, exact up to a 0.5-hour grid) — the criterion — and, for reference, the textbook
continuous-time M/G/1 (all workers pooled into one faster server) and M/G/c (separate workers).
Criterion per setting: the 95% CI of the simulated mean overlaps the daily-schedule prediction
± 5%. Verdict: all settings → "agrees", none → "disagrees", otherwise "partly agrees".
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from experiments import aggregate, plots
from experiments.validation import common
from experiments.validation.common import Check, Outcome
from experiments.validation.queueing_theory import (
    PlainQueue,
    daily_schedule_days,
    pooled_mg1_days,
    separate_mgc_days,
)
from sim.model import EFFORT_SHAPE

KEY = "queueing"
EXPERIMENT = "validation_queueing"
TITLE = "Queueing sanity: the dispute desk as a plain queue"
HYPOTHESIS = (
    "With the levers set so dispute handling is a plain queue, simulated waiting matches what "
    "queueing theory predicts for the same arrival rate, work per case and capacity."
)
WORDS = ("agrees", "partly agrees", "disagrees")
RATE, EFFORT = "cases.dispute_rate", "cases.dispute_effort_hours"
HOURS, RESIDENTS = "staff.worker_hours", "district.residents"
WARMUP_DAYS = 365
TOLERANCE = 0.05
QUICK = [
    "days=150",
    "seed=0",
    "replicates=2",
    f"{RATE}=0.0130357",
    "staff.community_workers_per_10k=2",
]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def _little(daily: pd.DataFrame) -> dict[str, float]:
    """Mean days open after the warm-up by Little's law (L / λ on end-of-day counts)."""
    warm = min(WARMUP_DAYS, len(daily) // 4)
    window = daily.iloc[warm:]
    before = daily["disputes_arisen_total"].iloc[warm - 1] if warm > 0 else 0
    arrivals = float(daily["disputes_arisen_total"].iloc[-1] - before)
    rate = arrivals / len(window)
    return {
        "days_open": float(window["open_disputes"].mean() / rate) if rate > 0 else np.nan,
        "arrivals_per_day": rate,
        "warmup_days": float(warm),
    }


def queue_of(row: pd.Series) -> PlainQueue:
    """The plain queue a run's configuration describes."""
    return PlainQueue(
        arrivals_per_day=float(row[f"cfg:{RATE}"]) * float(row[f"cfg:{RESIDENTS}"]) / 365.0,
        mean_effort=float(row[f"cfg:{EFFORT}"]),
        effort_shape=EFFORT_SHAPE,
        servers=int(row["community_workers"]),
        hours_per_server=float(row[f"cfg:{HOURS}"]),
    )


def prepare(sweep: Path) -> pd.DataFrame:
    runs = aggregate.runs_table(sweep, [RATE, EFFORT, HOURS, RESIDENTS]).merge(
        aggregate.per_run(sweep, _little), on="run"
    )
    queues = [queue_of(row) for _, row in runs.iterrows()]
    runs["setting"] = [repr(q) for q in queues]  # a hashable, printable key per setting
    runs.attrs["queues"] = {repr(q): q for q in queues}
    runs["rho"] = [q.utilisation for q in queues]
    runs["workers"] = runs["community_workers"].astype(int)
    return runs


def predictions(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per setting: simulated mean days open [CI] and the three predictions."""
    rows = []
    for setting, frame in runs.groupby("setting", sort=False):
        cell = runs.attrs["queues"][setting]
        mean, low, high, n = common.interval(frame["days_open"])
        rows.append(
            {
                "setting": setting,
                "cell": cell,
                "rho": cell.utilisation,
                "workers": cell.servers,
                "arrivals_per_day": cell.arrivals_per_day,
                "simulated": mean,
                "ci_low": low,
                "ci_high": high,
                "seeds": n,
                "daily_schedule": daily_schedule_days(cell),
                "pooled_mg1": pooled_mg1_days(cell),
                "separate_mgc": separate_mgc_days(cell),
            }
        )
    table = pd.DataFrame(rows).sort_values(["workers", "rho"]).reset_index(drop=True)
    for model in ("daily_schedule", "pooled_mg1", "separate_mgc"):
        table[f"error_{model}"] = table["simulated"] / table[model] - 1.0
    return table


def checks(runs: pd.DataFrame, table: pd.DataFrame) -> list[Check]:
    out = []
    for _, row in table.iterrows():
        values = runs[runs["setting"] == row["setting"]]["days_open"]
        claim = (
            f"ρ = {row['rho']:.2f}, {row['workers']} worker(s): mean days open vs daily-schedule "
            "theory"
        )
        out.append(common.near(claim, values, row["daily_schedule"], TOLERANCE))
    return out


def _markdown(table: pd.DataFrame) -> str:
    f = common.fmt
    lines = [
        "| ρ | workers | disputes/day | simulated days open [95% CI] | daily schedule "
        "(error) | M/G/1 pooled (error) | M/G/c separate (error) |",
        "|---|---|---|---|---|---|---|",
    ]
    for _, r in table.iterrows():
        lines.append(
            f"| {r['rho']:.2f} | {r['workers']} | {r['arrivals_per_day']:.3f} | "
            f"{f(r['simulated'])} [{f(r['ci_low'])}, {f(r['ci_high'])}] | "
            f"{f(r['daily_schedule'])} ({r['error_daily_schedule']:+.1%}) | "
            f"{f(r['pooled_mg1'])} ({r['error_pooled_mg1']:+.1%}) | "
            f"{f(r['separate_mgc'])} ({r['error_separate_mgc']:+.1%}) |"
        )
    return "\n".join(lines)


def _numbers(runs: pd.DataFrame, table: pd.DataFrame) -> dict[str, float]:
    many = table[table["workers"] > 1]
    return {
        "max_error_daily": float(table["error_daily_schedule"].abs().max()),
        "max_error_pooled": float(table["error_pooled_mg1"].abs().max()),
        "min_error_pooled": float(table["error_pooled_mg1"].abs().min()),
        "error_separate_many": float(many["error_separate_mgc"].mean()) if len(many) else np.nan,
        "error_pooled_many": float(many["error_pooled_mg1"].mean()) if len(many) else np.nan,
        "not_plain": float(
            (runs["dispute_escalated"] + runs["service_arisen"] + runs["admin_pushed"]).sum()
        ),
        "unresolved_sessions": float((runs["dispute_arisen"] - runs["dispute_resolved"]).mean()),
    }


def explain(result: list[Check], n: dict[str, float]) -> str:
    f = common.fmt
    plain = (
        "The settings do make a plain queue: no petitions, services or department tasks in any run."
        if n["not_plain"] == 0
        else f"Caution: {f(n['not_plain'])} petitions, services or tasks appeared, so the queue "
        "is not entirely plain."
    )
    textbook = (
        f"Textbook continuous-time M/G/1 on a 40-hour week is off by "
        f"{n['min_error_pooled']:.0%}–{n['max_error_pooled']:.0%}, because the model works in "
        "whole days: a case arising on a weekend waits for Monday, arrivals join at the start "
        "of a day rather than spread over it, and a case finished during a day counts as "
        "closed that day."
    )
    pooling = ""
    if np.isfinite(n["error_separate_many"]):
        pooling = (
            " With two workers the model behaves like one server as fast as both (the daily "
            "schedule theory assumes exactly that and agrees; textbook pooled M/G/1 is off by "
            f"{n['error_pooled_many']:+.0%}, only the whole-day effect), not like two separate "
            f"servers (M/G/2, {n['error_separate_many']:+.0%}): a desk lets the second worker "
            "continue a case the first left unfinished the same day, so hours pool."
        )
    if common.verdict(result, WORDS) == WORDS[0]:
        lead = (
            "The simulated desk agrees with queueing theory for its own daily schedule in every "
            f"setting (largest deviation {n['max_error_daily']:.1%}, within sampling error)."
        )
    else:
        lead = (
            "The simulated desk departs from the daily-schedule prediction in some settings "
            f"(largest deviation {n['max_error_daily']:.1%}); look for work the theory omits, "
            "such as warm-up left in the window, or failed mediation sessions "
            f"({f(n['unresolved_sessions'])} disputes per run unresolved at the end)."
        )
    return f"{lead} {plain} {textbook}{pooling}"


def _curve(cells: list[PlainQueue], fn) -> tuple[np.ndarray, np.ndarray]:
    base = cells[0]
    rhos = [c.utilisation for c in cells]
    grid = np.unique(np.r_[rhos, np.linspace(min(rhos), max(rhos), 5)])
    scale = [r / base.utilisation for r in grid]
    queues = [PlainQueue(base.arrivals_per_day * s, *_rest(base)) for s in scale]
    return grid, np.array([fn(q) for q in queues])


def _rest(q: PlainQueue) -> tuple[float, float, int, float]:
    return q.mean_effort, q.effort_shape, q.servers, q.hours_per_server


def figure(table: pd.DataFrame, folder: Path) -> list[Path]:
    staffing = sorted(table["workers"].unique())
    with plt.rc_context(plots.STYLE):
        fig, axes = plt.subplots(1, len(staffing), figsize=(6.5 * len(staffing), 4.8))
        for ax, workers in zip(np.atleast_1d(axes), staffing, strict=True):
            part = table[table["workers"] == workers]
            cells = list(part["cell"])
            for i, (fn, name) in enumerate(
                (
                    (daily_schedule_days, "daily schedule (exact)"),
                    (pooled_mg1_days, "M/G/1, hours pooled"),
                    (separate_mgc_days, f"M/G/{workers}, separate workers"),
                )
            ):
                if fn is separate_mgc_days and workers == 1:
                    continue
                x, y = _curve(cells, fn)
                style = {"linestyle": plots.LINESTYLES[i + 1], "color": plots.COLOURS[i + 1]}
                ax.plot(x, y, label=name, **style)
            err = [part["simulated"] - part["ci_low"], part["ci_high"] - part["simulated"]]
            ax.errorbar(
                part["rho"],
                part["simulated"],
                yerr=np.nan_to_num(np.asarray(err, dtype=float)),
                fmt="o",
                color="black",
                capsize=4,
                label="model (95% CI)",
            )
            ax.set_xlabel("utilisation ρ")
            ax.set_ylabel("mean calendar days open")
            ax.set_title(f"{workers} worker(s), 8 h a working day each")
            ax.legend(fontsize=9)
        fig.suptitle("Dispute desk as a plain queue: model against queueing theory")
        fig.tight_layout()
        return plots.save(fig, folder, KEY, common.FIGURE_FORMATS)


def analyse(folder: Path) -> Outcome:
    runs = prepare(folder / "sweep")
    table = predictions(runs)
    result = checks(runs, table)
    numbers = _numbers(runs, table)
    seeds = runs["seed"].nunique()
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: {len(table)} settings × {seeds} seeds ({len(runs)} runs), "
            f"{int(runs['days'].iloc[0])} days each, the first {int(runs['warmup_days'].iloc[0])} "
            "discarded. Criterion per setting: 95% CI overlaps the daily-schedule prediction "
            f"± {TOLERANCE:.0%}."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(table, folder),
        table=_markdown(table),
    )
