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


def summary(runs: pd.DataFrame, metrics: list[str], by: str = "scenario") -> pd.DataFrame:
    """One row per scenario and metric: mean and 95% CI across seeds."""
    rows = []
    for group, frame in runs.groupby(by, sort=False):
        for metric in metrics:
            mean, low, high, n = mean_ci(frame[metric])
            rows.append(
                {by: group, "metric": metric, "mean": mean, "ci_low": low, "ci_high": high, "n": n}
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
