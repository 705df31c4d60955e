"""Figures of sensitivity indices and PRIM boxes, in the style of `experiments.plots` (large type,
shapes and hatching that survive black-and-white printing, PNG + SVG)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from experiments import plots
from experiments.sensitivity.space import SEED, Uncertainty

GREY = "#777777"


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def _colours(rows: pd.DataFrame) -> list[str]:
    """Parameters in blue, the seed (noise, not a parameter) in grey."""
    return [GREY if name == SEED else plots.COLOURS[1] for name in rows.index]


def _noise_line(ax: Axes, rows: pd.DataFrame, column: str) -> None:
    """The seed factor's index as a dashed line: effects left of it are not told from noise."""
    if SEED in rows.index and np.isfinite(rows.loc[SEED, column]):
        ax.axvline(rows.loc[SEED, column], color=GREY, linestyle="--", linewidth=1.2)


def morris(indices: pd.DataFrame, metrics: Sequence[str], out: Path) -> list[Path]:
    """Per metric: mu* (bar, bootstrap 95% CI) and sigma (diamond), parameters by mu*."""
    with plt.rc_context(plots.STYLE):
        fig, axes = plots._grid(len(metrics), cols=min(3, len(metrics)))
        for ax, metric in zip(axes, metrics, strict=True):
            rows = indices[indices.metric == metric].set_index("parameter")
            rows = rows.sort_values("mu_star")
            y = np.arange(len(rows))
            ax.barh(
                y,
                rows.mu_star,
                xerr=rows.mu_star_conf,
                color=_colours(rows),
                alpha=0.8,
                capsize=3,
                label="μ* (95% CI)",
            )
            ax.plot(rows.sigma, y, "D", markerfacecolor="white", color="black", label="σ")
            _noise_line(ax, rows, "mu_star")
            ax.set_yticks(y, [_short(p) for p in rows.index], fontsize=9)
            ax.set_title(plots.label(metric), fontsize=11)
        axes[0].legend(loc="lower right", fontsize=9)
        fig.suptitle(
            "Morris screening: mean |elementary effect| μ* and its spread σ"
            " (dashed: the seed's μ*, the noise floor)"
        )
        fig.tight_layout()
        return plots._save(fig, out, "morris")


def sobol(indices: pd.DataFrame, metrics: Sequence[str], out: Path) -> list[Path]:
    """Per metric: first-order S1 (filled) and total ST (hatched) with bootstrap 95% CIs."""
    with plt.rc_context(plots.STYLE):
        fig, axes = plots._grid(len(metrics), cols=min(3, len(metrics)))
        for ax, metric in zip(axes, metrics, strict=True):
            rows = indices[indices.metric == metric].set_index("parameter").sort_values("ST")
            y = np.arange(len(rows))
            ax.barh(
                y - 0.2,
                rows.S1,
                height=0.4,
                xerr=rows.S1_conf,
                capsize=3,
                color=_colours(rows),
                label="S1 first order",
            )
            ax.barh(
                y + 0.2,
                rows.ST,
                height=0.4,
                xerr=rows.ST_conf,
                capsize=3,
                color="white",
                edgecolor="black",
                hatch="///",
                label="ST total",
            )
            _noise_line(ax, rows, "ST")
            ax.axvline(0, color="black", linewidth=0.8)
            ax.set_yticks(y, [_short(p) for p in rows.index], fontsize=9)
            ax.set_title(plots.label(metric), fontsize=11)
        axes[0].legend(loc="lower right", fontsize=9)
        fig.suptitle(
            "Sobol indices with bootstrap 95% CIs (dashed: the seed's ST, the noise floor)"
        )
        fig.tight_layout()
        return plots._save(fig, out, "sobol")


def prim_tradeoff(trajectory: pd.DataFrame, chosen: int, out: Path) -> list[Path]:
    """PRIM's peeling trajectory: coverage against density, marker = restricted dimensions."""
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(6.5, 5))
        for i, (dims, rows) in enumerate(trajectory.groupby("res dim")):
            ax.plot(
                rows.coverage,
                rows.density,
                linestyle="none",
                markersize=7,
                label=f"{int(dims)} restricted",
                **plots._style(i),
            )
        pick = trajectory.iloc[chosen]
        ax.plot(
            pick.coverage,
            pick.density,
            "o",
            markersize=22,
            markerfacecolor="none",
            markeredgewidth=2.5,
            color=plots.COLOURS[2],
            label="chosen box",
        )
        ax.set_xlabel("coverage (share of failures inside the box)")
        ax.set_ylabel("density (share of the box that fails)")
        ax.set_title("PRIM peeling trajectory")
        ax.legend(fontsize=9)
        fig.tight_layout()
        return plots._save(fig, out, "prim_tradeoff")


def prim_box(limits: pd.DataFrame, space: Sequence[Uncertainty], out: Path) -> list[Path]:
    """The chosen box: each restricted parameter's kept interval within its full range."""
    ranges = {u.name: u for u in space}
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.7 * max(1, len(limits))))
        for y, (name, row) in enumerate(limits.iterrows()):
            u = ranges[name]
            lo, hi = (
                (row["min"] - u.low) / (u.high - u.low),
                (row["max"] - u.low) / (u.high - u.low),
            )
            ax.barh(y, 1, color="white", edgecolor=GREY)
            ax.barh(y, hi - lo, left=lo, color=plots.COLOURS[1], alpha=0.8)
            ax.text(lo, y + 0.42, f"{row['min']:.4g}", ha="left", va="bottom", fontsize=9)
            ax.text(hi, y + 0.42, f"{row['max']:.4g}", ha="right", va="bottom", fontsize=9)
        ax.set_yticks(range(len(limits)), [_short(n) for n in limits.index])
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.6, len(limits) - 0.1)
        ax.set_xlabel("position within the parameter's sampled range")
        ax.set_title("PRIM box: where the reform fails to beat baseline")
        fig.tight_layout()
        return plots._save(fig, out, "prim_box")


def prim_scatter(points: pd.DataFrame, limits: pd.DataFrame, out: Path) -> list[Path]:
    """The box's two most significant dimensions (or its only one against the paired
    difference): failing points filled, the others hollow, the box dashed."""
    if limits.empty:
        return []
    x = str(limits.index[0])
    y = str(limits.index[1]) if len(limits) > 1 else "difference"
    x0, x1 = limits.loc[x, ["min", "max"]]
    y0, y1 = limits.loc[y, ["min", "max"]] if y in limits.index else points[y].agg(["min", "max"])
    fail = points["fails"].astype(bool)
    with plt.rc_context(plots.STYLE):
        fig, ax = plt.subplots(figsize=(6.5, 5))
        ax.plot(
            points.loc[~fail, x],
            points.loc[~fail, y],
            "o",
            markerfacecolor="white",
            color=GREY,
            label="reform beats baseline",
        )
        ax.plot(
            points.loc[fail, x],
            points.loc[fail, y],
            "s",
            color=plots.COLOURS[2],
            label="reform does not beat baseline",
        )
        box = Rectangle(
            (x0, y0),
            x1 - x0,
            y1 - y0,
            fill=False,
            linewidth=2,
            linestyle="--",
            edgecolor="black",
            label="PRIM box",
        )
        ax.add_patch(box)
        ax.set_xlabel(_short(x))
        ax.set_ylabel(_short(y) if y != "difference" else "reform − baseline")
        ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.02, 1))
        ax.set_title("Design points and the PRIM box")
        fig.tight_layout()
        return plots._save(fig, out, "prim_scatter")
