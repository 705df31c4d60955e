"""Collect a sweep's run folders into tidy tables: one row per run, or per run-day."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sim.config import RUN_CONTROL


def run_dirs(sweep: Path) -> list[Path]:
    """Folders under `sweep` holding a finished run, in a stable order. A run is finished when
    its manifest.json, written after its other files, is there."""
    return sorted(
        p.parent
        for p in Path(sweep).rglob("manifest.json")
        if (p.parent / "metrics.json").is_file() and "report" not in p.parts
    )


RUN_CONTROL_KEYS = {"seed", *RUN_CONTROL}


def _manifest(run: Path) -> dict:
    path = run / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else {}


def swept(manifest: dict) -> dict[str, str]:
    """The job's overrides (what the sweep varied), without run-control keys and Hydra's own."""
    pairs = (o.split("=", 1) for o in manifest.get("overrides", []) if "=" in o)
    return {
        k.lstrip("+~"): v
        for k, v in pairs
        if not k.lstrip("+~").startswith("hydra") and k not in RUN_CONTROL_KEYS
    }


def scenario(manifest: dict) -> str:
    """The policy preset's name as recorded in the run's own configuration."""
    return str(manifest.get("config", {}).get("policy", {}).get("name", "unknown"))


def config_value(manifest: dict, dotted: str) -> Any:
    """A value of the run's own configuration by dotted name (e.g. "policy.grid.patrol_share"),
    or None: what a run used, whether a sweep set it by override, by preset or by default."""
    node: Any = manifest.get("config", {})
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def runs_table(sweep: Path, config_keys: Sequence[str] = ()) -> pd.DataFrame:
    """One row per finished run: its metrics, the overrides it was swept on (`param:` columns)
    and, for each of `config_keys`, the value its configuration held (`cfg:` columns)."""
    rows = []
    for run in run_dirs(sweep):
        manifest = _manifest(run)
        row = {"run": str(run.relative_to(sweep)), "scenario": scenario(manifest)}
        row.update({f"param:{k}": v for k, v in swept(manifest).items()})
        row.update({f"cfg:{k}": config_value(manifest, k) for k in config_keys})
        row.update(json.loads((run / "metrics.json").read_text()))
        rows.append(row)
    if not rows:
        raise FileNotFoundError(f"no finished runs (manifest.json) under {sweep}")
    frame = pd.DataFrame(rows)
    metrics = [c for c in frame.columns if c not in ("run", "scenario") and ":" not in c]
    # JSON null (an undefined rate, e.g. no dispute became known) becomes NaN, not a string.
    frame[metrics] = frame[metrics].apply(pd.to_numeric, errors="coerce")
    return frame


def daily_table(sweep: Path) -> pd.DataFrame:
    frames = []
    for run in run_dirs(sweep):
        path = run / "timeseries.csv"
        if path.exists():
            seed = json.loads((run / "metrics.json").read_text())["seed"]
            frame = pd.read_csv(path).assign(scenario=scenario(_manifest(run)), seed=seed)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def per_run(sweep: Path, reduce: Callable[[pd.DataFrame], dict[str, float]]) -> pd.DataFrame:
    """Reduce each finished run's timeseries.csv to a few numbers (one row per run, keyed by the
    same `run` column as `runs_table`), for quantities metrics.json does not hold."""
    rows = []
    for run in run_dirs(sweep):
        path = run / "timeseries.csv"
        if path.exists():
            rows.append({"run": str(run.relative_to(sweep))} | reduce(pd.read_csv(path)))
    return pd.DataFrame(rows)
