"""The run contract: `python -m sim` writes metrics.json and timeseries.csv; bad input stops it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_METRICS = [
    "seed",
    "days",
    "residents",
    "dispute_arisen",
    "dispute_resolved",
    "dispute_escalated",
    "dispute_open_end",
    "dispute_resolution_rate",
    "dispute_on_time_rate",
    "dispute_median_days",
    "dispute_mean_days_open",
    "service_arisen",
    "service_met",
    "service_open_end",
    "service_coverage",
    "service_coverage_vulnerable",
    "admin_pushed",
    "admin_approved",
    "admin_refused",
    "admin_bypassed",
    "admin_open_end",
    "admin_burden_share",
    "funds_transferred",
    "mean_satisfaction",
    "community_coverage_spread",
]
REQUIRED_COLUMNS = [
    "day",
    "open_disputes",
    "open_services",
    "open_admin",
    "admin_burden_share",
    "mean_satisfaction",
]


def sim(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sim", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_run_writes_the_contract_files(tmp_path):
    out = tmp_path / "run"
    done = sim("policy=reform", "district=community", "seed=1", "days=40", f"hydra.run.dir={out}")
    assert done.returncode == 0, done.stderr
    metrics = json.loads((out / "metrics.json").read_text())
    assert set(REQUIRED_METRICS) <= set(metrics)
    assert metrics["seed"] == 1 and metrics["days"] == 40 and metrics["residents"] == 5000
    series = pd.read_csv(out / "timeseries.csv")
    assert set(REQUIRED_COLUMNS) <= set(series.columns)
    assert len(series) == 40
    assert "policy=reform" in done.stdout and "disputes" in done.stdout


@pytest.mark.parametrize(
    ("override", "names"),
    [
        ("cases.dispute_rate=-0.1", ["cases.dispute_rate", "allowed"]),
        ("policy.access_control.bypass_rate=1.5", ["bypass_rate", "0.0 to 1.0"]),
        ("seed=abc", ["seed", "abc"]),
        ("policy=nope", ["policy/nope", "baseline"]),
        ("district.residents=0", ["district.residents", "allowed"]),
        ("cases.services.health.eligible=pets", ["eligible", "elderly"]),
    ],
)
def test_bad_values_stop_before_running_with_one_line(tmp_path, override, names):
    done = sim(override, f"hydra.run.dir={tmp_path / 'run'}")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for name in names:
        assert name in lines[0]
    assert not (tmp_path / "run").exists()


def test_one_bad_job_in_a_sweep_launches_nothing(tmp_path):
    done = sim("-m", "days=5", "policy.grid.patrol_share=0.5,2", f"hydra.sweep.dir={tmp_path}/s")
    assert done.returncode == 2
    assert "patrol_share" in done.stderr and "2" in done.stderr
    assert not (tmp_path / "s").exists()
