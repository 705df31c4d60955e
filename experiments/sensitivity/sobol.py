"""Sobol variance decomposition: how much of each metric's variance a parameter explains alone
(S1) and with all its interactions (ST), at N(k+2) runs (Saltelli's scheme, no second order).

Sobol points need N a power of two. With the seed varied as a factor, the seed's ST is the share
of variance that is pure noise; a parameter whose ST is not above it is not distinguished.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.analyze import sobol as analyze
from SALib.sample import sobol as sample

from experiments.sensitivity import figures, pipeline, runner
from experiments.sensitivity.space import problem, uncertainties
from sim.io import write_csv

RESAMPLES = 1000  # bootstrap resamples for the indices' confidence intervals


def indices(
    prob: dict[str, Any], results: pd.DataFrame, metrics: Sequence[str], seed: int
) -> pd.DataFrame:
    """One row per metric and parameter: S1, ST and their 95% CI half-widths."""
    return pipeline.indices(
        results,
        metrics,
        prob["names"],
        ("S1", "S1_conf", "ST", "ST_conf"),
        lambda y: analyze.analyze(
            prob, y, calc_second_order=False, num_resamples=RESAMPLES, seed=seed
        ),
    )


def _describe(r: Any) -> str:
    return f"ST {r.ST:.2f} ± {r.ST_conf:.2f}, S1 {r.S1:.2f}"


def is_power_of_two(n: int) -> bool:
    return n > 0 and not n & (n - 1)


def run(
    settings: runner.Settings,
    names: Sequence[str],
    base_samples: int,
    seed_factor: bool = True,
    policy: str = "baseline",
    metrics: Sequence[str] = runner.HEADLINE,
) -> Path:
    """Sample, run (as Hydra multiruns), analyse and plot; return the summary's path."""
    if not is_power_of_two(base_samples):
        raise ValueError(f"Sobol needs a power of two base samples, not {base_samples}")
    space = uncertainties(list(names), seed_factor)
    prob = problem(space)
    matrix: np.ndarray = sample.sample(
        prob, base_samples, calc_second_order=False, seed=settings.seed
    )
    pipeline.start(settings, space, method="sobol", base_samples=base_samples)
    results = pipeline.run_matrix(settings, space, matrix, [policy], metrics)
    ok, skipped = pipeline.usable(results, metrics)
    table = indices(prob, results, ok, settings.seed)
    write_csv(settings.out / "sobol_indices.csv", table)
    paths = figures.sobol(table, ok, settings.out) if ok else []
    sections = [
        f"{len(matrix)} runs (N = {base_samples} × (k + 2), k = {len(space)}) under "
        f"`policy={policy}`."
        + (f" Skipped (undefined at some point): {', '.join(skipped)}." if skipped else ""),
        "## Ranges\n\n" + pipeline.ranges_markdown(space),
        "## Largest total-order index per metric (± 95% CI half-width)\n\n"
        + pipeline.top(table, ok, "ST", _describe),
    ]
    return pipeline.summary(settings, "Sobol indices", sections, paths)
