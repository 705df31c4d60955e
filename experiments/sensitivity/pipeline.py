"""Steps Morris, Sobol and PRIM share: record the ranges and settings, run a SALib matrix as a
design, keep only metrics the analysis can use, tabulate indices, and write a short Markdown
summary."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from experiments.sensitivity import runner
from experiments.sensitivity.space import SEED, Uncertainty, design, ranges_table
from sim.io import write_csv, write_text


def start(settings: runner.Settings, space: Sequence[Uncertainty], **sizes: object) -> None:
    """Write `ranges.csv` (every range with its rule and reason) and `settings.json`."""
    settings.out.mkdir(parents=True, exist_ok=True)
    write_csv(settings.out / "ranges.csv", ranges_table(list(space)))
    record = asdict(settings) | {"out": str(settings.out), **sizes}
    write_text(settings.out / "settings.json", json.dumps(record, indent=2, default=str) + "\n")


def run_matrix(
    settings: runner.Settings,
    space: Sequence[Uncertainty],
    matrix: np.ndarray,
    policies: Sequence[str],
    metrics: Sequence[str],
) -> pd.DataFrame:
    """Run a SALib sample matrix; rows of the result follow the matrix's rows (per scenario).
    A seed column of the matrix (the seed factor) becomes each point's seed."""
    points = design(matrix, list(space))
    factor = points.pop(SEED) if SEED in points else None
    points[SEED] = runner.seeds(factor, len(points), settings)
    results = runner.evaluate(settings, points, policies, metrics)
    write_csv(settings.out / "results.csv", results)
    return results


def usable(results: pd.DataFrame, metrics: Sequence[str]) -> tuple[list[str], list[str]]:
    """Metrics defined at every point. A rate is undefined (NaN) when nothing it divides by
    happened, e.g. no dispute in a tiny run; SALib's estimators cannot skip points."""
    ok = [m for m in metrics if results[m].notna().all()]
    return ok, [m for m in metrics if m not in ok]


def indices(
    results: pd.DataFrame,
    metrics: Sequence[str],
    names: Sequence[str],
    columns: Sequence[str],
    analyse: Callable[[np.ndarray], Mapping[str, Any]],
) -> pd.DataFrame:
    """One row per metric and parameter: the `columns` SALib's `analyse(outputs)` returns."""
    frames = []
    for metric in metrics:
        si = analyse(results[metric].to_numpy(dtype=float))
        frame = pd.DataFrame({k: si[k] for k in columns})
        frames.append(frame.assign(metric=metric, parameter=list(names)))
    return pd.concat(frames, ignore_index=True)[["metric", "parameter", *columns]]


def top(
    indices: pd.DataFrame, metrics: Sequence[str], by: str, describe: Callable[[Any], str]
) -> str:
    """A Markdown table of the three parameters with the largest `by` for each metric."""
    rows = []
    for metric in metrics:
        best = indices[indices.metric == metric].nlargest(3, by)
        rows.append(
            {"metric": metric}
            | {
                f"#{i + 1}": f"{r.parameter} ({describe(r)})"
                for i, r in enumerate(best.itertuples())
            }
        )
    return table(pd.DataFrame(rows))


def table(frame: pd.DataFrame, digits: int = 3) -> str:
    """A Markdown table (pandas' to_markdown needs an extra package)."""

    def cell(v: object) -> str:
        return f"{v:.{digits}g}" if isinstance(v, float) else str(v)

    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join([head, rule, *rows])


def ranges_markdown(space: Sequence[Uncertainty]) -> str:
    frame = ranges_table(list(space))[["parameter", "unit", "default", "low", "high", "rule"]]
    return table(frame, digits=4)


def summary(
    settings: runner.Settings, title: str, sections: Sequence[str], figures: Sequence[Path]
) -> Path:
    """`<out>/summary.md`: the command, the ranges, the main numbers and the figures."""
    parts = [
        f"# {title}",
        f"Command: `{settings.command}`  \nDays simulated: {settings.days}; replicate seeds per "
        f"point: {settings.replicates}; extra overrides: {' '.join(settings.overrides) or 'none'}.",
        *sections,
        "## Figures",
        *(f"![{p.stem}]({p.name})" for p in figures if p.suffix == ".png"),
        "Files: `ranges.csv` (ranges and why), `results.csv` (every point's values and metrics), "
        "`commands.sh` (the Hydra launches), `runs/` (the runs), `samples/` (their configs).",
    ]
    path = settings.out / "summary.md"
    write_text(path, "\n\n".join(parts) + "\n")
    return path
