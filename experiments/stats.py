"""Means with 95% confidence intervals, and paired differences against a reference scenario.

Runs with the same seed share residents, needs and disputes (common random numbers), so the
difference between two scenarios is taken seed by seed: its spread excludes what the seeds share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

CONFIDENCE = 0.95


def mean_ci(values: pd.Series) -> tuple[float, float, float, int]:
    """Mean and Student-t interval of the mean; NaN bounds with fewer than two values."""
    v = values.dropna().to_numpy(dtype=float)
    n = len(v)
    if n == 0:
        return np.nan, np.nan, np.nan, 0
    mean = float(v.mean())
    if n < 2 or np.all(v == v[0]):
        return mean, mean if n >= 2 else np.nan, mean if n >= 2 else np.nan, n
    low, high = stats.t.interval(CONFIDENCE, n - 1, loc=mean, scale=stats.sem(v))
    return mean, float(low), float(high), n


def summary(
    runs: pd.DataFrame, metrics: list[str], by: str | list[str] = "scenario"
) -> pd.DataFrame:
    """One row per scenario (or per combination of the `by` columns) and metric: mean and 95% CI
    across seeds."""
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for group, frame in runs.groupby(keys, sort=False):
        labels = dict(zip(keys, group, strict=True))
        for metric in metrics:
            mean, low, high, n = mean_ci(frame[metric])
            rows.append(
                labels | {"metric": metric, "mean": mean, "ci_low": low, "ci_high": high, "n": n}
            )
    return pd.DataFrame(rows)


def paired_differences(
    runs: pd.DataFrame, metrics: list[str], reference: str, by: str = "scenario"
) -> pd.DataFrame:
    """Scenario minus reference, matched on seed, with a 95% CI and a paired t-test p-value."""
    ref = runs[runs[by] == reference].set_index("seed")
    rows = []
    for group, frame in runs[runs[by] != reference].groupby(by, sort=False):
        other = frame.set_index("seed")
        seeds = other.index.intersection(ref.index)
        for metric in metrics:
            diff = (other.loc[seeds, metric] - ref.loc[seeds, metric]).dropna()
            mean, low, high, n = mean_ci(diff)
            p = np.nan
            if n >= 2 and diff.std() > 0:
                p = float(stats.ttest_1samp(diff, 0.0).pvalue)
            rows.append(
                {
                    by: group,
                    "reference": reference,
                    "metric": metric,
                    "difference": mean,
                    "ci_low": low,
                    "ci_high": high,
                    "p_value": p,
                    "pairs": n,
                }
            )
    columns = [by, "reference", "metric", "difference", "ci_low", "ci_high", "p_value", "pairs"]
    return pd.DataFrame(rows, columns=columns)


# ------------------------------------------------------------ paired sweeps (dose-response)
def seed_matrix(runs: pd.DataFrame, x: str, metric: str, seed: str = "seed") -> pd.DataFrame:
    """One row per seed and one column per value of the swept `x` (sorted): the metric, so
    each row is one seed's response curve (common random numbers make rows comparable)."""
    return runs.pivot_table(index=seed, columns=x, values=metric, aggfunc="mean").sort_index(axis=1)


def slopes(matrix: pd.DataFrame, x: pd.Index | np.ndarray | None = None) -> pd.Series:
    """Each row's least-squares slope against the column values (or `x`), missing cells left
    out: a paired dose-response estimate per seed, whose mean and CI come from `mean_ci`."""
    xs = np.asarray(matrix.columns if x is None else x, dtype=float)
    out = {}
    for key, row in matrix.iterrows():
        ys = row.to_numpy(dtype=float)
        ok = np.isfinite(ys)
        if ok.sum() >= 2 and np.ptp(xs[ok]) > 0:
            out[key] = float(np.polyfit(xs[ok], ys[ok], 1)[0])
    return pd.Series(out, dtype=float, name="slope")


def contrast(matrix: pd.DataFrame, low: object, high: object) -> pd.Series:
    """Each row's value at column `high` minus its value at column `low` (a paired difference)."""
    return (matrix[high] - matrix[low]).dropna()


def slopes_by(runs: pd.DataFrame, x: str, y: str, by: str = "seed") -> pd.Series:
    """Least-squares slope of `y` on `x` within each group (by default each seed), for sweeps
    whose x is itself an outcome of the run (e.g. the share of tasks an access list stopped)."""
    out = {}
    for key, frame in runs.groupby(by):
        part = frame[[x, y]].astype(float).dropna()
        if len(part) >= 2 and np.ptp(part[x].to_numpy()) > 0:
            out[key] = float(np.polyfit(part[x], part[y], 1)[0])
    return pd.Series(out, dtype=float, name="slope")
