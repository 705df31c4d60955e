"""Rebuild tables, figures and a Markdown report from a finished (or partly failed) sweep.

    python -m experiments.report results/comparison [--reference baseline]

Reads only the files runs left on disk, so it works after a crash and never reruns anything.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

import pandas as pd

from experiments import aggregate, plots, stats
from sim.io import write_csv, write_text

HEADLINE = [
    "dispute_resolution_rate",
    "dispute_on_time_rate",
    "service_coverage",
    "service_coverage_vulnerable",
    "admin_burden_share",
    "mean_satisfaction",
    "dispute_escalated",
    "funds_transferred",
]
HEATMAP_METRICS = ["dispute_on_time_rate", "admin_burden_share", "service_coverage"]
SERIES = ["open_disputes", "open_services", "admin_burden_share", "mean_satisfaction"]
SCENARIO_ORDER = ["baseline", "access_control", "fee_follows_task", "reform"]


def swept_axes(runs: pd.DataFrame) -> list[str]:
    """Numeric parameters the sweep varied (besides the policy preset), as columns of `runs`."""
    axes = []
    for column in (c for c in runs.columns if c.startswith("param:")):
        values = pd.to_numeric(runs[column], errors="coerce")
        if values.notna().all() and values.nunique() > 1:
            runs[column] = values
            axes.append(column)
    return axes


def _order(scenarios: list[str], reference: str) -> list[str]:
    known = [s for s in [reference, *SCENARIO_ORDER] if s in scenarios]
    return list(dict.fromkeys(known + sorted(scenarios)))


def _fmt(x: float) -> str:
    if pd.isna(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3f}"


def _markdown_table(summary: pd.DataFrame, paired: pd.DataFrame, scenarios: list[str]) -> str:
    lines = ["| metric | " + " | ".join(scenarios) + " |", "|---" * (len(scenarios) + 1) + "|"]
    for metric in HEADLINE:
        cells = []
        for s in scenarios:
            r = summary[(summary.metric == metric) & (summary.scenario == s)]
            if r.empty:
                cells.append("")
                continue
            r = r.iloc[0]
            cell = f"{_fmt(r['mean'])} [{_fmt(r.ci_low)}, {_fmt(r.ci_high)}]"
            d = paired[(paired.metric == metric) & (paired.scenario == s)]
            if not d.empty:
                d = d.iloc[0]
                cell += f"<br>Δ {_fmt(d.difference)} [{_fmt(d.ci_low)}, {_fmt(d.ci_high)}]"
            cells.append(cell)
        lines.append(f"| {plots.label(metric)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def build(sweep: Path, reference: str = "baseline") -> Path:
    """Write report/ inside the sweep folder; return the Markdown report's path."""
    sweep = Path(sweep)
    out = sweep / "report"
    runs = aggregate.runs_table(sweep)
    scenarios = _order(list(runs.scenario.unique()), reference)
    if reference not in scenarios:
        reference = scenarios[0]
    metrics = [
        m
        for m in runs.columns
        if m not in ("run", "scenario", "seed")
        and not m.startswith("param:")
        and pd.api.types.is_numeric_dtype(runs[m])
    ]
    summary = stats.summary(runs, metrics)
    paired = stats.paired_differences(runs, metrics, reference)
    write_csv(out / "runs.csv", runs)
    write_csv(out / "summary.csv", summary)
    write_csv(out / "paired_differences.csv", paired)
    with contextlib.suppress(ImportError):  # Parquet needs pyarrow, an optional extra
        runs.to_parquet(out / "runs.parquet")
    figures = plots.comparison(summary, HEADLINE, scenarios, out / "figures")
    if not paired.empty:
        figures += plots.comparison(
            paired,  # the reference has no row here, so each scenario keeps its colour
            HEADLINE,
            scenarios,
            out / "figures",
            value="difference",
            name="paired_differences",
            reference_line=0.0,
        )
    daily = aggregate.daily_table(sweep)
    if not daily.empty:
        figures += plots.ribbons(daily, SERIES, scenarios, out / "figures")
    axes = swept_axes(runs)
    if len(axes) == 2:
        figures += plots.heatmap(runs, *axes, HEATMAP_METRICS, scenarios, out / "figures")
    figures += plots.tradeoff(
        summary, "admin_burden_share", "dispute_on_time_rate", scenarios, out / "figures"
    )
    seeds = runs.groupby("scenario").seed.nunique()
    text = "\n\n".join(
        [
            f"# Scenario comparison: {sweep.name}",
            f"{len(runs)} finished runs; seeds per scenario: "
            + ", ".join(f"{s} {seeds[s]}" for s in scenarios)
            + f". Reference for paired differences: **{reference}** (same seed = same residents,"
            " needs and disputes).",
            "Each cell: mean across seeds [95% CI]; Δ = paired difference from the reference"
            " [95% CI].",
            _markdown_table(summary, paired, scenarios),
            "## Figures",
            *(f"![{p.stem}](figures/{p.name})" for p in figures if p.suffix == ".png"),
            "Tables: [runs.csv](runs.csv) (one row per run), [summary.csv](summary.csv),"
            " [paired_differences.csv](paired_differences.csv).",
        ]
    )
    path = out / "report.md"
    write_text(path, text + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sweep", type=Path, help="a sweep folder (results/...)")
    parser.add_argument("--reference", default="baseline", help="scenario to pair against")
    args = parser.parse_args(argv)
    try:
        path = build(args.sweep, args.reference)
    except FileNotFoundError as err:
        print(f"report: {err}", file=sys.stderr)
        return 1
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
