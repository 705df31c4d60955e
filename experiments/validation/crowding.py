"""P1 — crowding out: more department push-down with no reform → more administrative burden and
fewer disputes resolved on time.

Design (`conf/experiment/validation_crowding.yaml`): baseline policy, community scale, the push
rate swept from none to 1.5 × the default, 20 seeds. A seed's residents, needs and disputes are
the same at every push rate (arrivals and tasks come from separate random streams), so each
seed's response curve isolates what the extra tasks do.

Checks: the per-seed least-squares slope of burden on push rate has a 95% CI above 0, and the
slope of the on-time dispute share has a 95% CI below 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from experiments import aggregate, plots, stats
from experiments.validation import common
from experiments.validation.common import Check, Outcome

KEY = "crowding"
EXPERIMENT = "validation_crowding"
TITLE = "P1 · Push-down crowds out residents' cases"
HYPOTHESIS = (
    "More department push-down with no reform → more burden, fewer disputes resolved on time "
    "(crowding out)."
)
PUSH = "departments.push_rate"
PRIORITY = "staff.admin_priority"
X = f"cfg:{PUSH}"
DEFAULT_PUSH = 2387.0
PER = 1000.0  # slopes per 1,000 tasks per 10k residents a year
METRICS = [
    "admin_burden_share",
    "dispute_on_time_rate",
    "dispute_escalated",
    "service_on_time_rate",
]
QUICK = ["days=30", "district.residents=800", "seed=0", "replicates=2", f"{PUSH}=0,2400,3600"]


def collect(folder: Path, quick: bool, jobs: int) -> int:
    return common.run_sweep(EXPERIMENT, folder / "sweep", QUICK if quick else [], jobs)


def _slope(runs: pd.DataFrame, metric: str) -> pd.Series:
    matrix = stats.seed_matrix(runs, X, metric)
    return stats.slopes(matrix, matrix.columns.to_numpy(dtype=float) / PER)


def checks(runs: pd.DataFrame) -> list[Check]:
    """Burden must rise and on-time dispute resolution fall with the push rate (paired slopes)."""
    return [
        common.above(
            "staff-hour share on tasks rises with push rate (slope per 1,000 tasks)",
            _slope(runs, "admin_burden_share"),
        ),
        common.below(
            "share of disputes closed in 7 working days falls with push rate (slope per 1,000)",
            _slope(runs, "dispute_on_time_rate"),
        ),
    ]


def _numbers(runs: pd.DataFrame) -> dict[str, float]:
    means = runs.groupby(X)[METRICS].mean().sort_index()
    lo, hi = means.index[0], means.index[-1]
    drops = means["dispute_on_time_rate"].diff()
    steepest = drops.idxmin() if drops.notna().any() else hi
    previous = means.index[max(0, list(means.index).index(steepest) - 1)]
    out = {"push_low": lo, "push_high": hi, "steep_from": previous, "steep_to": steepest}
    for metric in METRICS:
        out[f"{metric}_low"], out[f"{metric}_high"] = means.at[lo, metric], means.at[hi, metric]
    out["steep_drop"] = float(-drops.min()) if drops.notna().any() else float("nan")
    out["admin_priority"] = float(runs[f"cfg:{PRIORITY}"].iloc[0])
    return out


def explain(result: list[Check], n: dict[str, float]) -> str:
    """The mechanism when the pattern shows, what got in its way when it does not."""
    f = common.fmt
    rise = (
        f"From {f(n['push_low'])} to {f(n['push_high'])} tasks per 10k residents a year, the share "
        f"of committee staff hours spent on department tasks goes from "
        f"{f(n['admin_burden_share_low'])} to {f(n['admin_burden_share_high'])}, disputes closed "
        f"within 7 working days from {f(n['dispute_on_time_rate_low'])} to "
        f"{f(n['dispute_on_time_rate_high'])} and petitions from "
        f"{f(n['dispute_escalated_low'])} to {f(n['dispute_escalated_high'])} a year."
    )
    burden_ok, on_time_ok = result[0].passed, result[1].passed
    if burden_ok and on_time_ok:
        return (
            f"{rise} Mechanism: tasks and residents' cases draw on the same staff hours at the "
            f"committee's desk, and a fresh task has {f(n['admin_priority'])} times a fresh case's "
            "urgency (`staff.admin_priority`), so a dispute is taken before waiting tasks only "
            "once it has waited about its whole deadline (ODD §7.9). Extra tasks take hours first, "
            "and disputes wait until the desk has spare hours. The loss is not linear: it is "
            f"steepest between {f(n['steep_from'])} and {f(n['steep_to'])} "
            f"(−{f(n['steep_drop'])}), where the desk runs out of spare hours; below that, tasks "
            "add burden but spare capacity still absorbs the cases. The "
            f"{f(n['dispute_escalated_low'])} petitions a year left without any push-down come "
            "from disputes that escalate before anyone reports or finds them (P4), which desk "
            "hours cannot reach."
        )
    if burden_ok:
        return (
            f"{rise} Burden rises but on-time resolution does not fall measurably: the desk "
            "still had spare hours at every push rate swept, so tasks took idle time rather than "
            "time cases needed."
        )
    return (
        f"{rise} Burden does not rise measurably with the push rate in these runs (too few days "
        "or seeds to separate the levels, or tasks left undone in the queue), so the crowding "
        "mechanism cannot act."
    )


def figure(runs: pd.DataFrame, folder: Path) -> list[Path]:
    summary = stats.summary(runs, METRICS, by=[X])

    def default_line(metric: str, ax) -> None:
        ax.axvline(DEFAULT_PUSH, color="grey", linewidth=1, linestyle=":", label="default")

    return plots.response(
        summary,
        X,
        METRICS,
        folder,
        name=KEY,
        xlabel="tasks pushed per 10k residents a year",
        overlay=default_line,
        formats=common.FIGURE_FORMATS,
    )


def analyse(folder: Path) -> Outcome:
    runs = aggregate.runs_table(folder / "sweep", [PUSH, PRIORITY])
    result = checks(runs)
    numbers = _numbers(runs)
    seeds, levels = runs["seed"].nunique(), runs[X].nunique()
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}`: baseline policy, community preset, `{PUSH}` at {levels} levels "
            f"× {seeds} seeds ({len(runs)} runs); slopes are per seed (paired), then averaged."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(runs, folder),
    )
