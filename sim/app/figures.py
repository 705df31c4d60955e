"""Matplotlib figures for the workshop: the community map and the live race charts."""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.lines import Line2D

from sim.app.i18n import t
from sim.model import GovernanceModel

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "SimHei")
SERIES = ("open_disputes", "open_services", "burden", "on_time", "coverage", "satisfaction")


def chart_language(lang: str) -> str:
    """Chinese chart text needs a CJK font; without one, charts fall back to English."""
    if lang != "zh":
        return lang
    font = _cjk_font()
    if font is None:
        warnings.warn(t("font_warning", "en"), stacklevel=2)
        return "en"
    plt.rcParams["font.sans-serif"] = [font, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return "zh"


def _cjk_font() -> str | None:
    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        font = next((f for f in CJK_FONTS if f in installed), None)
        if font or attempt:
            return font
        # A font installed after matplotlib built its cache is found only after a rebuild.
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
    return None


def cell_values(model: GovernanceModel, layer: str) -> np.ndarray:
    """Per cell of community 0's space: open cases, or mean resident satisfaction."""
    pop, committee = model.population, model.committees[0]
    here = pop.community == 0
    cells = pop.cell[here]
    if layer == "open_cases":
        values = np.bincount(cells, weights=pop.open_cases[here], minlength=committee.blocks)
    else:
        total = np.bincount(cells, weights=pop.satisfaction[here], minlength=committee.blocks)
        values = total / np.maximum(1, np.bincount(cells, minlength=committee.blocks))
    width, height = committee.space.dimensions
    grid = np.full(width * height, np.nan)
    grid[: committee.blocks] = values
    return grid.reshape(height, width)


def community_map(model: GovernanceModel, layer: str, lang: str):
    lang = chart_language(lang)
    committee = model.committees[0]
    width, _height = committee.space.dimensions
    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    cmap = "Reds" if layer == "open_cases" else "RdYlGn"
    values = cell_values(model, layer)
    vmax = max(1.0, float(np.nanmax(values))) if layer == "open_cases" else 1.0
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=vmax, origin="lower")
    fig.colorbar(image, ax=ax, shrink=0.8, label=t(layer, lang))
    _grid_boundaries(ax, model, width)
    for worker in committee.grid_workers:
        x, y = worker.cell.coordinate
        ax.plot(x, y, "^", color="navy", markersize=9, markeredgecolor="white")
    for org in model.social_orgs:
        if org.street == committee.street:
            x, y = org.cell.coordinate
            ax.plot(x + 0.25, y + 0.25, "s", color="purple", markersize=7, markeredgecolor="white")
    x, y = committee.cell.coordinate
    ax.plot(x, y, "*", color="gold", markersize=16, markeredgecolor="black")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"{t('map', lang)} · {t('day', lang)} {model.day}")
    legend = [
        Line2D([], [], marker="^", color="navy", linestyle="none", label=t("grid_worker", lang)),
        Line2D([], [], marker="s", color="purple", linestyle="none", label=t("social_org", lang)),
        Line2D(
            [],
            [],
            marker="*",
            color="gold",
            markeredgecolor="black",
            linestyle="none",
            markersize=12,
            label=t("committee", lang),
        ),
        Line2D([], [], color="black", linewidth=2, label=t("grid_boundary", lang)),
    ]
    ax.legend(
        handles=legend,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.02),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    return fig


def _grid_boundaries(ax, model: GovernanceModel, width: int) -> None:
    """Thick lines between neighbouring cells that belong to different grids."""
    pop = model.population
    here = pop.community == 0
    grid_of = np.full(model.committees[0].blocks, -1)
    grid_of[pop.cell[here]] = pop.grid[here]
    for block, grid in enumerate(grid_of):
        x, y = block % width, block // width
        right, up = block + 1, block + width
        if x + 1 < width and right < len(grid_of) and grid_of[right] != grid:
            ax.plot([x + 0.5, x + 0.5], [y - 0.5, y + 0.5], color="black", linewidth=2)
        if up < len(grid_of) and grid_of[up] != grid:
            ax.plot([x - 0.5, x + 0.5], [y + 0.5, y + 0.5], color="black", linewidth=2)


def race_charts(history: list[dict[str, dict[str, float]]], lang: str, events=()):
    """Your policy (solid) against baseline (dashed), same seed, day by day."""
    lang = chart_language(lang)
    fig, axes = plt.subplots(2, 3, figsize=(11, 5.4), sharex=True)
    days = [h["mine"]["day"] for h in history]
    for ax, key in zip(axes.flat, SERIES, strict=True):
        for side, style, colour in (("base", "--", "grey"), ("mine", "-", "#0072B2")):
            values = [h[side][key] for h in history]
            ax.plot(
                days,
                values,
                style,
                color=colour,
                linewidth=2,
                label=t("baseline" if side == "base" else "yours", lang),
            )
        for day, _ in events:
            ax.axvline(day, color="#D55E00", linewidth=1, linestyle=":")
        ax.set_title(t(key if key != "burden" else "burden", lang), fontsize=10)
        ax.grid(alpha=0.3)
        if key in ("burden", "on_time", "coverage"):
            ax.set_ylim(0, 1.02)
    axes[0, 0].legend(fontsize=8)
    for ax in axes[1]:
        ax.set_xlabel(t("day", lang))
    # Fixed margins: tight_layout measures every label and costs most of a frame.
    fig.subplots_adjust(left=0.05, right=0.99, top=0.94, bottom=0.1, wspace=0.22, hspace=0.3)
    return fig


def fmt(key: str, value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if key in ("burden", "on_time", "coverage"):
        return f"{100 * value:.1f}%"
    if key == "satisfaction":
        return f"{value:.3f}"
    return f"{value:,.0f}"
