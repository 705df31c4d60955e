"""Sweeps end to end: every launcher gives the same results, failures lose nothing, reruns resume,
and reports build from what is on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from experiments import aggregate, report

ROOT = Path(__file__).resolve().parents[1]
TINY = ["days=15", "district.residents=300", "quiet=true"]
SWEEP = ["policy=baseline,reform", "seed=0,1"]
LAUNCHERS = {
    "basic": [],
    "joblib": ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"],
    "submitit_local": ["hydra/launcher=submitit_local", "hydra.launcher.timeout_min=5"],
}


def multirun(sweep_dir: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sim", "-m", *args, f"hydra.sweep.dir={sweep_dir}"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


def results(sweep_dir: Path) -> dict[tuple[str, int], dict]:
    out = {}
    for run in aggregate.run_dirs(sweep_dir):
        metrics = json.loads((run / "metrics.json").read_text())
        scenario = json.loads((run / "manifest.json").read_text())["config"]["policy"]["name"]
        out[(scenario, metrics["seed"])] = metrics
    return out


@pytest.fixture(scope="module")
def basic_sweep(tmp_path_factory) -> Path:
    sweep = tmp_path_factory.mktemp("basic")
    done = multirun(sweep, *SWEEP, *TINY)
    assert done.returncode == 0, done.stderr
    return sweep


def test_basic_sweep_writes_every_run_with_a_manifest(basic_sweep):
    runs = aggregate.run_dirs(basic_sweep)
    assert len(runs) == 4
    manifest = json.loads((runs[0] / "manifest.json").read_text())
    assert {"config", "overrides", "seed", "git_commit", "packages", "wall_seconds"} <= set(
        manifest
    )


@pytest.mark.parametrize("launcher", ["joblib", "submitit_local"])
def test_every_launcher_gives_the_same_results(basic_sweep, tmp_path, launcher):
    done = multirun(tmp_path, *SWEEP, *TINY, *LAUNCHERS[launcher])
    assert done.returncode == 0, done.stderr
    assert results(tmp_path) == results(basic_sweep)


def test_report_builds_from_a_saved_sweep(basic_sweep):
    path = report.build(basic_sweep)
    text = path.read_text()
    assert "baseline" in text and "reform" in text and "Δ" in text
    figures = path.parent / "figures"
    for name in ("comparison", "paired_differences", "timeseries", "tradeoff"):
        assert (figures / f"{name}.png").stat().st_size > 10_000
        assert (figures / f"{name}.svg").exists()
    runs = (path.parent / "runs.csv").read_text().splitlines()
    assert len(runs) == 1 + 4


def test_a_failing_job_loses_no_other_result_and_reruns_resume(tmp_path):
    # Make one job's output impossible to write: its metrics.json path is a folder.
    (tmp_path / "1_baseline_seed1" / "metrics.json").mkdir(parents=True)
    done = multirun(tmp_path, *SWEEP, *TINY)
    assert done.returncode != 0
    finished = results(tmp_path)
    assert set(finished) == {("baseline", 0), ("reform", 0), ("reform", 1)}
    assert report.build(tmp_path).exists()  # aggregation works from the files on disk
    (tmp_path / "1_baseline_seed1" / "metrics.json").rmdir()
    again = multirun(tmp_path, *SWEEP, *TINY)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("already finished") == 3
    assert len(results(tmp_path)) == 4


def test_replicates_run_consecutive_seeds_in_one_job(tmp_path, basic_sweep):
    done = multirun(tmp_path, "policy=baseline,reform", "seed=0", "replicates=2", *TINY)
    assert done.returncode == 0, done.stderr
    assert results(tmp_path) == results(basic_sweep)  # same seeds, same numbers


def test_overlapping_replicates_are_refused_before_launch(tmp_path):
    done = multirun(tmp_path / "s", "seed=0,1", "replicates=2", *TINY)
    assert done.returncode == 2 and "run twice" in done.stderr
    assert not (tmp_path / "s").exists()


class CountingLoader:
    """Stands in for Hydra's config loader: records which jobs get composed."""

    def __init__(self) -> None:
        self.composed: list[list[str]] = []

    def load_sweep_config(self, master_config, sweep_overrides: list[str]) -> None:
        self.composed.append(sweep_overrides)


def test_the_sweeper_composes_only_jobs_preflight_did_not_check():
    from hydra.core.override_parser.overrides_parser import OverridesParser

    from sim.preflight import preflight

    sweep = ["policy=baseline,reform", "seed=0", *TINY]
    preflight(["-m", *sweep, "hydra.searchpath=[]"])
    # Imported after Hydra's plugin scan (which preflight triggers), as `python -m sim` does.
    from hydra_plugins.govsim_sweeper.preflight_sweeper import PreflightSweeper

    sweeper = PreflightSweeper(max_batch_size=None)
    loader = CountingLoader()
    sweeper.config, sweeper.hydra_context = object(), SimpleNamespace(config_loader=loader)
    # The jobs as Hydra's sweeper spells them, given the same command line.
    (checked,) = sweeper.split_arguments(OverridesParser.create().parse_overrides(sweep), None)
    sweeper.validate_batch_is_legal(checked)
    assert len(checked) == 2 and loader.composed == []  # preflight did these already
    unchecked = [o.replace("seed=0", "seed=7") for o in checked[0]]
    sweeper.validate_batch_is_legal([*checked, unchecked])
    assert loader.composed == [unchecked]
