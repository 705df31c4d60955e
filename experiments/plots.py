"""Figures for papers and projectors: large type, and marker/line styles that survive
black-and-white printing (colour is a second cue, never the only one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)))
COLOURS = ("#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
STYLE = {
    "font.size": 12,
    "axes.titlesize": 13,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
}
FORMATS = ("png", "svg")
SMOOTH_DAYS = 20  # working days: a month of daily burden shares, which swing from day to day

LABELS = {
    "dispute_resolution_rate": "Disputes resolved (share)",
    "dispute_on_time_rate": "Disputes closed in 7 working days",
    "service_coverage": "Service needs met (share)",
    "service_coverage_vulnerable": "Needs met, vulnerable residents",
    "admin_burden_share": "Staff hours on department tasks",
    "mean_satisfaction": "Mean resident satisfaction",
    "funds_transferred": "Money following tasks (yuan)",
    "dispute_escalated": "Disputes escalated (petitions)",
    "open_disputes": "Open disputes",
    "open_services": "Open service needs",
    "open_admin": "Open department tasks",
    "service_on_time_rate": "Service needs closed in 7 working days",
    "dispute_detected": "Disputes found on patrol",
    "paid_help_hours": "Paid help hours (fee follows task)",
    "days_hidden": "Mean days a case stays hidden",
    "found_share": "Disputes reported or found (share)",
}


def label(metric: str) -> str:
    return LABELS.get(metric, metric.replace("_", " "))


def _style(i: int) -> dict:
    return {"marker": MARKERS[i % len(MARKERS)], "color": COLOURS[i % len(COLOURS)]}


def _save(fig, out: Path, name: str, formats: Sequence[str] = FORMATS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.{fmt}" for fmt in formats]
    for path in paths:
        fig.savefig(path)
    plt.close(fig)
    return paths


def save(fig, out: Path, name: str, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Save a figure drawn elsewhere (e.g. a validation's own layout) the way this module does."""
    return _save(fig, out, name, formats)


def _grid(n: int, cols: int = 3):
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(5 * cols, 3.3 * rows), squeeze=False)
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n])


def _compact(value: float, _position: int | None = None) -> str:
    """A tick label: thousands separated when large, 4 significant digits otherwise."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def comparison(
    summary: pd.DataFrame,
    metrics: Sequence[str],
    scenarios: Sequence[str],
    out: Path,
    value: str = "mean",
    name: str = "comparison",
    reference_line: float | None = None,
) -> list[Path]:
    """One panel per metric: each scenario's estimate with its 95% CI (dot and bar)."""
    with plt.rc_context(STYLE):
        fig, axes = _grid(len(metrics))
        for ax, metric in zip(axes, metrics, strict=True):
            rows = summary[summary["metric"] == metric].set_index("scenario")
            present = [s for s in scenarios if s in rows.index]
            for y, scenario in enumerate(present):
                r = rows.loc[scenario]
                err = [[r[value] - r["ci_low"]], [r["ci_high"] - r[value]]]
                ax.errorbar(
                    r[value],
                    y,
                    xerr=err,
                    capsize=4,
                    markersize=8,
                    linestyle="none",
                    **_style(scenarios.index(scenario)),
                )
            ax.set_yticks(range(len(present)), present)
            ax.set_ylim(-0.6, len(present) - 0.4)
            # Few, compactly formatted ticks: values range from shares to 10^5 yuan.
            ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
            ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_compact))
            ax.invert_yaxis()
            if reference_line is not None:
                ax.axvline(reference_line, color="grey", linewidth=1)
            ax.set_title(label(metric))
        fig.suptitle(
            "Mean across seeds with 95% confidence interval"
            if value == "mean"
            else "Difference from baseline, paired by seed (95% CI)"
        )
        fig.tight_layout()
        return _save(fig, out, name)


def ribbons(
    daily: pd.DataFrame,
    columns: Sequence[str],
    scenarios: Sequence[str],
    out: Path,
    name: str = "timeseries",
) -> list[Path]:
    """Median across seeds and the 10–90% band, per scenario, for each daily series."""
    with plt.rc_context(STYLE):
        fig, axes = _grid(len(columns), cols=2)
        for ax, column in zip(axes, columns, strict=True):
            for i, scenario in enumerate(scenarios):
                frame = daily[daily["scenario"] == scenario]
                if column == "admin_burden_share":  # defined on working days only; smoothed
                    frame = frame[frame["working_day"] == 1].copy()
                    frame[column] = frame.groupby("seed")[column].transform(
                        lambda v: v.rolling(SMOOTH_DAYS, min_periods=1).mean()
                    )
                q = frame.groupby("day")[column].quantile([0.1, 0.5, 0.9]).unstack()
                style = _style(i)
                ax.fill_between(
                    q.index, q[0.1], q[0.9], color=style["color"], alpha=0.15, linewidth=0
                )
                ax.plot(
                    q.index,
                    q[0.5],
                    color=style["color"],
                    linestyle=LINESTYLES[i % len(LINESTYLES)],
                    label=scenario,
                    linewidth=1.6,
                )
            smoothed = (
                f" ({SMOOTH_DAYS}-working-day mean)" if column == "admin_burden_share" else ""
            )
            ax.set_title(label(column) + smoothed)
            ax.set_xlabel("day")
        axes[0].legend(loc="best", fontsize=10)
        fig.suptitle("Median across seeds, band = 10th–90th percentile")
        fig.tight_layout()
        return _save(fig, out, name)


def tradeoff(
    summary: pd.DataFrame,
    x: str,
    y: str,
    scenarios: Sequence[str],
    out: Path,
    name: str = "tradeoff",
) -> list[Path]:
    """One point per scenario, with 95% CIs on both axes."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(6.5, 5))
        xs = summary[summary["metric"] == x].set_index("scenario")
        ys = summary[summary["metric"] == y].set_index("scenario")
        both = [s for s in scenarios if s in xs.index and s in ys.index]
        for scenario in both:
            a, b = xs.loc[scenario], ys.loc[scenario]
            ax.errorbar(
                a["mean"],
                b["mean"],
                xerr=[[a["mean"] - a["ci_low"]], [a["ci_high"] - a["mean"]]],
                yerr=[[b["mean"] - b["ci_low"]], [b["ci_high"] - b["mean"]]],
                capsize=4,
                markersize=9,
                linestyle="none",
                label=scenario,
                **_style(scenarios.index(scenario)),
            )
            ax.annotate(
                scenario,
                (a["mean"], b["mean"]),
                textcoords="offset points",
                xytext=(8, 6),
                fontsize=11,
            )
        ax.set_xlabel(label(x))
        ax.set_ylabel(label(y))
        ax.set_title("Trade-off across scenarios (95% CI)")
        fig.tight_layout()
        return _save(fig, out, name)


def heatmap(
    runs: pd.DataFrame,
    x: str,
    y: str,
    metrics: Sequence[str],
    scenarios: Sequence[str],
    out: Path,
    name: str = "heatmap",
) -> list[Path]:
    """2-D sweeps: the mean across seeds of each metric over the two swept parameters, one panel
    per metric and scenario, with the value written in each cell (readable without colour)."""
    panels = [(m, s) for m in metrics for s in scenarios if s in set(runs["scenario"])]
    with plt.rc_context(STYLE):
        fig, axes = _grid(len(panels), cols=min(3, len(panels)))
        for ax, (metric, scenario) in zip(axes, panels, strict=True):
            frame = runs[runs["scenario"] == scenario]
            table = frame.pivot_table(index=y, columns=x, values=metric, aggfunc="mean")
            table = table.sort_index(ascending=False)
            image = ax.imshow(table.to_numpy(dtype=float), cmap="viridis", aspect="auto")
            ax.set_xticks(range(len(table.columns)), [_tick(v) for v in table.columns])
            ax.set_yticks(range(len(table.index)), [_tick(v) for v in table.index])
            for (row, col), value in np.ndenumerate(table.to_numpy(dtype=float)):
                shade = image.norm(value) if np.isfinite(value) else 0.0
                ax.text(
                    col,
                    row,
                    f"{value:.2f}",
                    ha="center",
                    va="center",
                    fontsize=9,
                    color="black" if shade > 0.5 else "white",
                )
            ax.set_xlabel(x.removeprefix("param:"))
            ax.set_ylabel(y.removeprefix("param:"))
            ax.set_title(f"{label(metric)}\n{scenario}", fontsize=11)
            ax.grid(False)
            fig.colorbar(image, ax=ax, shrink=0.8)
        fig.suptitle("Mean across seeds")
        fig.tight_layout()
        return _save(fig, out, name)


def _tick(value) -> str:
    try:
        return f"{float(value):g}"
    except (TypeError, ValueError):
        return str(value)


def ci_line(
    ax: plt.Axes, rows: pd.DataFrame, x: str, index: int = 0, name: str | None = None
) -> None:
    """One series of a `stats.summary` table: means against `x` joined by a line, with 95% CI
    bars; `index` picks the marker, colour and line style (distinct in black and white)."""
    part = rows.sort_values(x)
    err = np.asarray([part["mean"] - part["ci_low"], part["ci_high"] - part["mean"]], dtype=float)
    ax.errorbar(
        part[x],
        part["mean"],
        yerr=np.nan_to_num(err),
        capsize=4,
        linestyle=LINESTYLES[index % len(LINESTYLES)],
        label=name,
        **_style(index),
    )


def response(
    summary: pd.DataFrame,
    x: str,
    metrics: Sequence[str],
    out: Path,
    name: str = "response",
    group: str | None = None,
    xlabel: str | None = None,
    title: str = "Mean across seeds with 95% confidence interval",
    overlay: Callable[[str, plt.Axes], None] | None = None,
    logx: bool = False,
    formats: Sequence[str] = FORMATS,
) -> list[Path]:
    """Dose-response panels for a swept parameter: one panel per metric, the mean at each value
    of `x` with its 95% CI (from `stats.summary(runs, metrics, by=[x, ...])`), one line per value
    of `group` if given. `overlay(metric, ax)` may draw predictions or references on a panel."""
    with plt.rc_context(STYLE):
        fig, axes = _grid(len(metrics), cols=2 if len(metrics) == 4 else min(3, len(metrics)))
        for ax, metric in zip(axes, metrics, strict=True):
            rows = summary[summary["metric"] == metric]
            groups = [None] if group is None else list(dict.fromkeys(rows[group]))
            for i, value in enumerate(groups):
                part = rows if value is None else rows[rows[group] == value]
                series = None if value is None else f"{group.split(':')[-1]} = {value}"
                ci_line(ax, part, x, i, series)
            if overlay is not None:
                overlay(metric, ax)
            if logx:
                ax.set_xscale("log", base=2)
                ax.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
            ax.set_xlabel(xlabel or x.split(":")[-1])
            ax.set_title(label(metric))
            if group is not None or ax.get_legend_handles_labels()[0]:
                ax.legend(loc="best", fontsize=9)
        fig.suptitle(title)
        fig.tight_layout()
        return _save(fig, out, name, formats)
