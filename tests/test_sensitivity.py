"""Sensitivity analysis and scenario discovery: the ranges follow the stated rules, design points
become valid Hydra sample configs, and Morris, Sobol and PRIM run end to end through
`python -m sim` multiruns on a tiny community."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from experiments.sensitivity import runner, space
from experiments.sensitivity.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
# Two uncertainties that move every metric, a tiny community and a short run: the cost is Hydra's
# per-job overhead, so the three pipelines run at once, as the documented command, on all cores.
PARAMS = "community_workers_per_10k,task_effort_hours"
TINY = ["--days", "60", "--parallel", "1", "--params", PARAMS, "--", "district.residents=2000"]
PIPELINES = {
    "morris": ["--samples", "2"],  # r (k + 1) = 2 × 4 runs with the seed as a factor
    "sobol": ["--samples", "2", "--no-seed-factor"],  # N (k + 2) = 2 × 4 runs, one common seed
    "prim": ["--samples", "5"],  # 5 points × 2 policies
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """Run `python -m experiments.sensitivity <method>` for all three methods concurrently."""
    base = tmp_path_factory.mktemp("sensitivity")
    procs = {
        method: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "experiments.sensitivity",
                method,
                "--out",
                str(base / method),
                *args,
                *TINY,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for method, args in PIPELINES.items()
    }
    for method, proc in procs.items():
        log, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{method}:\n{log}"
    return {method: base / method for method in procs}


def test_ranges_use_calibration_else_half_default_clipped():
    rate = space.uncertainty("cases.dispute_rate")
    assert (rate.low, rate.high, rate.rule) == (0.008, 0.038, "calibration")
    push = space.uncertainty("departments.push_rate")
    assert (push.low, push.high) == (2387 * 0.5, 2387 * 1.5)
    success = space.uncertainty("cases.mediation_success")  # 0.75 × 1.5 > 1: clipped
    assert (success.low, success.high) == (0.375, 1.0) and "clipped" in success.rule
    table = space.ranges_table(space.uncertainties(list(space.MAIN), seed_factor=True))
    assert table.reason.str.len().min() > 10 and table.parameter.iloc[-1] == space.SEED


def test_short_names_resolve_and_unknown_names_are_refused():
    assert space.resolve(["dispute_rate", "staff.handoff_loss"]) == [
        "cases.dispute_rate",
        "staff.handoff_loss",
    ]
    with pytest.raises(KeyError):
        space.resolve(["no_such_parameter"])


def test_a_design_point_becomes_a_global_sample_config():
    text = runner.sample_yaml("s00007", {"cases.dispute_rate": 0.02, "seed": 3})
    assert text.startswith("# @package _global_\n")
    tree = yaml.safe_load(text)
    assert tree["cases"]["dispute_rate"] == 0.02 and tree["seed"] == 3
    assert tree["hydra"]["sweep"]["subdir"] == "s00007_${policy.name}"


def test_repeated_points_run_once_and_launches_are_split():
    design = pd.DataFrame({"a": [1.0, 2.0, 1.0], "seed": [0, 0, 0]})
    assert list(runner.point_ids(design)) == ["s00000", "s00001", "s00000"]
    ids = [f"s{i:05d}" for i in range(120)]
    groups = runner.chunks(ids, parallel=2)
    assert [i for g in groups for i in g] == ids and max(map(len, groups)) <= runner.CHUNK
    assert len(runner.chunks(ids[:3], parallel=2)) == 2


def test_morris_runs_end_to_end(outputs):
    out = outputs["morris"]
    indices = pd.read_csv(out / "morris_indices.csv")
    assert set(indices.parameter) == {
        "staff.community_workers_per_10k",
        "departments.task_effort_hours",
        "seed",
    }
    assert {"service_coverage", "admin_burden_share"} <= set(indices.metric)
    assert (indices.mu_star >= 0).all()
    assert (out / "morris.png").stat().st_size > 10_000
    assert "Morris screening" in (out / "summary.md").read_text()
    assert len(list((out / "runs").rglob("manifest.json"))) <= 2 * 4  # a repeated point runs once


def test_sobol_runs_end_to_end(outputs):
    out = outputs["sobol"]
    indices = pd.read_csv(out / "sobol_indices.csv")
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(indices.columns)
    assert len(indices) == 2 * indices.metric.nunique()
    assert (out / "sobol.png").exists()
    results = pd.read_csv(out / "results.csv")
    assert len(results) == 2 * (2 + 2) and results.seed.eq(0).all()  # N (k + 2), common seed
    ranges = pd.read_csv(out / "ranges.csv")
    assert ranges.set_index("parameter").loc["departments.task_effort_hours", "high"] == 19.5


def test_prim_finds_where_the_reform_fails(outputs):
    out = outputs["prim"]
    points = pd.read_csv(out / "prim_points.csv")
    assert 3 <= len(points) <= 5 and {"baseline", "reform", "difference", "fails"} <= set(points)
    assert 0 < points.fails.sum() < len(points)
    summary = json.loads((out / "prim_summary.json").read_text())
    assert 0 < summary["coverage"] <= 1 and 0 < summary["density"] <= 1
    box = pd.read_csv(out / "prim_box.csv")
    assert {"parameter", "min", "max", "quasi_p"} <= set(box.columns)
    assert (out / "prim_tradeoff.png").exists() and (out / "prim_box.png").exists()
    results = pd.read_csv(out / "results.csv")  # both policies at every point, same seed
    assert set(results.scenario) == {"baseline", "reform"}
    assert results.groupby("row").seed.nunique().eq(1).all()


def test_policy_and_seed_are_options_not_overrides(tmp_path):
    assert main(["morris", "--out", str(tmp_path), "--", "policy=reform"]) == 2


def test_an_invalid_run_configuration_stops_with_the_field_named(tmp_path, capsys):
    args = ["morris", "--out", str(tmp_path), "--samples", "1", "--params", "dispute_rate"]
    assert main([*args, "--parallel", "1", "--", "district.residents=-5"]) == 1
    assert "district.residents = -5 is out of range" in capsys.readouterr().err
