"""Collect a sweep's run folders into tidy tables: one row per run, or per run-day."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml


def run_dirs(sweep: Path) -> list[Path]:
    """Folders under `sweep` holding a finished run (a metrics.json), in a stable order."""
    return sorted(p.parent for p in Path(sweep).rglob("metrics.json") if "report" not in p.parts)


def _overrides(run: Path) -> dict[str, str]:
    """The job's Hydra overrides (what was swept), as {key: value} strings."""
    path = run / ".hydra" / "overrides.yaml"
    if not path.exists():
        return {}
    pairs = (o.split("=", 1) for o in yaml.safe_load(path.read_text()) or [] if "=" in o)
    return {k.lstrip("+~"): v for k, v in pairs if not k.lstrip("+").startswith("hydra")}


def _scenario(run: Path) -> str:
    """The policy preset's name as recorded in the run's own composed config."""
    path = run / ".hydra" / "config.yaml"
    if path.exists():
        return str(yaml.safe_load(path.read_text())["policy"]["name"])
    return _overrides(run).get("policy", "unknown")


def runs_table(sweep: Path) -> pd.DataFrame:
    rows = []
    for run in run_dirs(sweep):
        row = {"run": str(run.relative_to(sweep)), "scenario": _scenario(run)}
        row.update({f"param:{k}": v for k, v in _overrides(run).items() if k != "seed"})
        row.update(json.loads((run / "metrics.json").read_text()))
        rows.append(row)
    if not rows:
        raise FileNotFoundError(f"no finished runs (metrics.json) under {sweep}")
    return pd.DataFrame(rows)


def daily_table(sweep: Path) -> pd.DataFrame:
    frames = []
    for run in run_dirs(sweep):
        path = run / "timeseries.csv"
        if path.exists():
            seed = json.loads((run / "metrics.json").read_text())["seed"]
            frame = pd.read_csv(path).assign(scenario=_scenario(run), seed=seed)
            frames.append(frame)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
