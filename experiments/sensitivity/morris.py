"""Morris screening (elementary effects): which uncertainties matter at all, at r(k+1) runs.

mu* (mean absolute elementary effect) ranks a parameter's overall influence, sigma (spread of its
effects) flags non-linearity or interactions. With the seed varied as a factor, the seed's own
mu* is what changing nothing but the random numbers does: effects below it are noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.analyze import morris as analyze
from SALib.sample import morris as sample

from experiments.sensitivity import figures, pipeline, runner
from experiments.sensitivity.space import problem, uncertainties
from sim.io import write_csv

RESAMPLES = 1000  # bootstrap resamples for mu*'s confidence interval


def indices(
    prob: dict[str, Any],
    matrix: np.ndarray,
    results: pd.DataFrame,
    metrics: Sequence[str],
    levels: int,
    seed: int,
) -> pd.DataFrame:
    """One row per metric and parameter: mu, mu*, mu*'s 95% CI half-width, sigma."""
    return pipeline.indices(
        results,
        metrics,
        prob["names"],
        ("mu", "mu_star", "mu_star_conf", "sigma"),
        lambda y: analyze.analyze(
            prob, matrix, y, num_resamples=RESAMPLES, num_levels=levels, seed=seed
        ),
    )


def run(
    settings: runner.Settings,
    names: Sequence[str],
    trajectories: int,
    levels: int = 4,
    seed_factor: bool = True,
    policy: str = "baseline",
    metrics: Sequence[str] = runner.HEADLINE,
) -> Path:
    """Sample, run (as Hydra multiruns), analyse and plot; return the summary's path."""
    space = uncertainties(list(names), seed_factor)
    prob = problem(space)
    matrix = sample.sample(prob, trajectories, num_levels=levels, seed=settings.seed)
    pipeline.start(settings, space, method="morris", trajectories=trajectories, levels=levels)
    results = pipeline.run_matrix(settings, space, matrix, [policy], metrics)
    ok, skipped = pipeline.usable(results, metrics)
    table = indices(prob, matrix, results, ok, levels, settings.seed)
    write_csv(settings.out / "morris_indices.csv", table)
    paths = figures.morris(table, ok, settings.out) if ok else []
    sections = [
        f"{len(matrix)} runs ({trajectories} trajectories × {len(space) + 1} points, "
        f"{levels} levels) under `policy={policy}`."
        + (f" Skipped (undefined at some point): {', '.join(skipped)}." if skipped else ""),
        "## Ranges\n\n" + pipeline.ranges_markdown(space),
        "## Largest mu* per metric (± 95% CI half-width)\n\n"
        + pipeline.top(table, ok, "mu_star", lambda r: f"{r.mu_star:.3f} ± {r.mu_star_conf:.3f}"),
    ]
    return pipeline.summary(settings, "Morris screening", sections, paths)
