"""Scenario discovery with PRIM: under which combinations of uncertain conditions does the reform
fail to beat the baseline?

Baseline and reform run at every point of a Latin hypercube over the uncertainties (plus the
reform's implementation uncertainties), each point with its own seed shared by both policies
(common random numbers: the paired difference excludes what the seed does to both). A point
"fails" when reform − baseline ≤ 0 on the chosen metric. The `prim` package (Friedman & Fisher's
bump hunting, from the EMA Workbench) peels a box around the failures; the box kept is the densest
one on the peeling trajectory that restricts at most `max_dims` parameters and still covers
`min_coverage` of them, without the restrictions that are not significant (quasi-p > 0.05).
The `reform` column of the tables holds whichever policy is compared.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import prim
from SALib.sample import latin

from experiments import stats
from experiments.sensitivity import figures, pipeline, runner
from experiments.sensitivity.space import REFORM, Uncertainty, design, problem, uncertainties
from sim.io import write_csv, write_text

BASELINE = "baseline"
QUASI_P = 0.05  # restrictions less significant than this are dropped from the chosen box


@dataclass(frozen=True)
class Question:
    """What is compared: `policy` against the baseline on `metric`; failure = difference ≤ 0."""

    policy: str = "reform"
    metric: str = "dispute_on_time_rate"

    @property
    def title(self) -> str:
        return f"Scenario discovery: {self.policy} vs baseline ({self.metric})"


@dataclass
class Box:
    """The PRIM box kept: limits of the restricted parameters, and how it was chosen."""

    limits: pd.DataFrame  # index: parameter; columns min, max, quasi_p
    trajectory: pd.DataFrame  # coverage, density, mean, res dim, mass per peeling step
    chosen: int
    stats: dict[str, float]


def paired(results: pd.DataFrame, question: Question, names: Sequence[str]) -> pd.DataFrame:
    """One row per point: its values, both policies' metric, the difference and whether it fails."""
    wide = results.pivot(index="row", columns="scenario", values=question.metric)
    points = results[results.scenario == BASELINE].set_index("row")[[*names, "seed"]]
    points = points.assign(baseline=wide[BASELINE], reform=wide[question.policy])
    points["difference"] = points.reform - points.baseline
    points = points.dropna(subset=["difference"])  # an undefined rate at either policy
    return points.assign(fails=points.difference <= 0)


def choose(box: prim.prim_box.PrimBox, min_coverage: float, max_dims: int) -> int:
    """The densest box on the trajectory that restricts at most `max_dims` parameters and covers
    at least `min_coverage` of the failures (Bryant & Lempert: a box must also be readable).
    Without such a box, the densest box with the fewest restrictions."""
    traj = box.peeling_trajectory.reset_index(drop=True)
    ok = traj[(traj.coverage >= min_coverage) & (traj["res dim"] <= max_dims)]
    if ok.empty:
        dims = traj["res dim"].where(traj["res dim"] > 0)
        ok = traj[dims == dims.min()] if dims.notna().any() else traj
    best = ok[ok.density == ok.density.max()]
    return int(best.coverage.idxmax())


def prune(box: prim.prim_box.PrimBox, alpha: float, chosen: int) -> int:
    """Drop restrictions whose quasi-p value exceeds `alpha` (slivers PRIM peeled by chance),
    the least significant first; each drop is a new step on the trajectory. Returns the step."""
    while len(limits := box.limits) > 1 and (limits["qp values"] > alpha).any():
        box.drop_restriction(limits["qp values"].idxmax())
        chosen = len(box.peeling_trajectory) - 1
    return chosen


def find_box(points: pd.DataFrame, names: Sequence[str], min_coverage: float, max_dims: int) -> Box:
    """Run PRIM (one box) on the failures, select a box on its peeling trajectory and keep its
    significant restrictions."""
    x = points[list(names)].astype(float)
    finder = prim.Prim(x, points.fails.to_numpy(), threshold=0.5, threshold_type=">")
    box = finder.find_box()
    first = choose(box, min_coverage, max_dims)
    box.select(first)
    chosen = prune(box, QUASI_P, first)
    # PrimBox.limits works; Prim.limits fails on pandas >= 2 (positional indexing by name).
    limits = box.limits.rename(columns={"qp values": "quasi_p"})
    trajectory = box.peeling_trajectory.reset_index(drop=True).astype(float)
    return Box(limits, trajectory, chosen, {k: float(v) for k, v in box.stats.items()})


def inside(points: pd.DataFrame, limits: pd.DataFrame) -> pd.Series:
    """Which points lie in the box (all of them for a box that restricts nothing)."""
    mask = pd.Series(True, index=points.index)
    for name, row in limits.iterrows():
        mask &= points[name].between(row["min"], row["max"])
    return mask


def _describe(points: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """Mean metric and failure share inside and outside the box: what the box's conditions do."""
    rows = []
    for where, part in (("inside box", points[mask]), ("outside box", points[~mask])):
        rows.append(
            {
                "where": where,
                "points": len(part),
                "fail share": part.fails.mean(),
                "baseline": part.baseline.mean(),
                "reform": part.reform.mean(),
                "difference": part.difference.mean(),
            }
        )
    return pd.DataFrame(rows)


def _overview(points: pd.DataFrame, question: Question) -> str:
    mean, low, high, n = stats.mean_ci(points.difference)
    return (
        f"{n} points, each run under `baseline` and `policy={question.policy}` with a shared "
        f"seed. Failure = {question.policy} − baseline ≤ 0 on `{question.metric}`: "
        f"{int(points.fails.sum())} points ({points.fails.mean():.0%}), of which exact ties "
        f"(difference = 0): {int((points.difference == 0).sum())}. Mean paired difference "
        f"{mean:.3f} [95% CI {low:.3f}, {high:.3f}]."
    )


def _sections(
    points: pd.DataFrame, box: Box, space: Sequence[Uncertainty], question: Question
) -> list[str]:
    shown = box.limits.reset_index(names="parameter")
    chosen = box.stats | {"step": box.chosen}
    return [
        _overview(points, question),
        "## Ranges\n\n" + pipeline.ranges_markdown(space),
        "## PRIM box\n\n"
        + (pipeline.table(shown, digits=4) if not shown.empty else "no restriction")
        + "\n\n"
        + ", ".join(f"{k} {v:.3g}" for k, v in chosen.items()),
        "## Inside and outside the box\n\n"
        + pipeline.table(_describe(points, inside(points, box.limits))),
    ]


def _write_box(settings: runner.Settings, box: Box, points: pd.DataFrame) -> None:
    record = box.stats | {
        "chosen_step": box.chosen,
        "points": len(points),
        "failures": int(points.fails.sum()),
        "ties": int((points.difference == 0).sum()),
    }
    write_csv(settings.out / "prim_box.csv", box.limits.reset_index(names="parameter"))
    write_csv(settings.out / "prim_trajectory.csv", box.trajectory)
    write_text(settings.out / "prim_summary.json", json.dumps(record, indent=2) + "\n")


def _no_box(
    settings: runner.Settings,
    points: pd.DataFrame,
    space: Sequence[Uncertainty],
    question: Question,
) -> Path:
    """PRIM needs both failures and successes; say so instead of failing."""
    note = f"All {len(points)} points {'fail' if points.fails.all() else 'succeed'}: no box."
    write_text(settings.out / "prim_summary.json", json.dumps({"note": note}) + "\n")
    sections = [
        _overview(points, question),
        note,
        "## Ranges\n\n" + pipeline.ranges_markdown(space),
    ]
    return pipeline.summary(settings, question.title, sections, [])


def evaluate(
    settings: runner.Settings, space: Sequence[Uncertainty], samples: int, question: Question
) -> pd.DataFrame:
    """Latin hypercube points, each run under both policies with its own shared seed."""
    matrix = latin.sample(problem(list(space)), samples, seed=settings.seed)
    seeds = settings.seed + np.arange(samples) * settings.replicates
    points = design(matrix, list(space)).assign(seed=seeds)
    metrics = list(dict.fromkeys([question.metric, *runner.HEADLINE]))
    results = runner.evaluate(settings, points, [BASELINE, question.policy], metrics)
    write_csv(settings.out / "results.csv", results)
    return results


def run(
    settings: runner.Settings,
    names: Sequence[str],
    samples: int,
    question: Question = Question(),
    min_coverage: float = 0.5,
    max_dims: int = 3,
) -> Path:
    """Latin hypercube → paired runs (Hydra multiruns) → PRIM box, tables and figures."""
    space = uncertainties([*names, *(r for r in REFORM if r not in names)], seed_factor=False)
    varied = [u.name for u in space]
    pipeline.start(settings, space, method="prim", samples=samples, **asdict(question))
    points = paired(evaluate(settings, space, samples, question), question, varied)
    write_csv(settings.out / "prim_points.csv", points.reset_index())
    if points.fails.all() or not points.fails.any():
        return _no_box(settings, points, space, question)
    box = find_box(points, varied, min_coverage, max_dims)
    _write_box(settings, box, points)
    paths = figures.prim_tradeoff(box.trajectory, box.chosen, settings.out)
    paths += figures.prim_box(box.limits, space, settings.out)
    paths += figures.prim_scatter(points, box.limits, settings.out)
    return pipeline.summary(
        settings, question.title, _sections(points, box, space, question), paths
    )
