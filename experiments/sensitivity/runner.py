"""Run a design as Hydra multiruns of `python -m sim`, then read the metrics back from disk.

Each design point becomes a tiny config-group file, `<out>/samples/sample/s00042.yaml`
(`# @package _global_`, the point's values, its seed and a run-folder name), and the points are
launched as `python -m sim -m hydra.searchpath=[file://<out>/samples] +sample=s00000,...`. So the
runs go through govsim's own preflight validation, run folders, manifests and resume logic, and
parallelise with any Hydra launcher (`hydra/launcher=joblib`, submitit, …) exactly like other
sweeps. Points are split into several launches: command lines stay short, and on a small machine
concurrent launches also spread Hydra's per-job composing, which is serial within one launch.
"""

from __future__ import annotations

import math
import os
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from experiments import aggregate
from experiments.sensitivity.space import SEED
from sim.io import write_text

HEADLINE = (
    "dispute_on_time_rate",
    "dispute_resolution_rate",
    "service_coverage",
    "admin_burden_share",
    "mean_satisfaction",
)
CHUNK = 50  # design points per launch (at most)
SAMPLE = "param:sample"  # the column runs_table gives the `+sample=` override


class IncompleteRuns(RuntimeError):
    """Some design points have no finished run: the analysis needs all of them."""


@dataclass
class Settings:
    """Where outputs go and how runs are made (shared by Morris, Sobol and PRIM)."""

    out: Path
    days: int = 180
    seed: int = 0
    replicates: int = 1
    launcher: str = "basic"
    parallel: int = 1
    overrides: list[str] = field(default_factory=list)
    command: str = ""  # how the analysis was invoked, for the summary
    run: bool = True  # False: analyse the runs already on disk (another box choice, new figures)

    def __post_init__(self) -> None:
        self.out = Path(self.out).resolve()  # Hydra and the search path need absolute paths

    @property
    def samples(self) -> Path:
        return self.out / "samples"

    @property
    def runs(self) -> Path:
        return self.out / "runs"


def default_parallel(launcher: str) -> int:
    """Concurrent launches: one per core for the basic launcher; other launchers spread jobs."""
    return max(1, min(os.cpu_count() or 1, 4)) if launcher == "basic" else 1


def seeds(values: Sequence[float] | None, n: int, settings: Settings) -> list[int]:
    """Each point's first seed: the seed factor's value, or the common seed, spaced by replicates
    so that no two points' replicate seeds overlap (preflight refuses overlaps)."""
    if values is None:
        return [settings.seed] * n
    return [settings.seed + int(v) * settings.replicates for v in values]


def point_ids(design: pd.DataFrame) -> pd.Series:
    """One id per distinct row: a Morris trajectory may revisit a point, which then runs once."""
    codes = design.astype(str).agg("|".join, axis=1)
    first = {code: i for i, code in reversed(list(enumerate(codes)))}
    return pd.Series([f"s{first[c]:05d}" for c in codes], index=design.index, name="sample")


def _nested(values: dict[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for path, value in values.items():
        *parents, leaf = path.split(".")
        node = tree
        for name in parents:
            node = node.setdefault(name, {})
        node[leaf] = value.item() if hasattr(value, "item") else value
    return tree


def sample_yaml(sample_id: str, values: dict[str, Any]) -> str:
    """The config-group file of one point; its run folder is named after it, so results can be
    found whatever launch ran it."""
    tree = _nested(values) | {"hydra": {"sweep": {"subdir": f"{sample_id}_${{policy.name}}"}}}
    header = (
        f"# @package _global_\n# design point {sample_id}: written by experiments.sensitivity\n"
    )
    return header + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True)


def write_samples(settings: Settings, points: pd.DataFrame) -> None:
    """One file per point in `<out>/samples/sample/`; files of an earlier design are removed."""
    folder = settings.samples / "sample"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("s*.yaml"):
        if old.stem not in points.index:
            old.unlink()
    for sample_id, values in points.to_dict("index").items():  # keeps ints ints (iterrows does not)
        write_text(folder / f"{sample_id}.yaml", sample_yaml(str(sample_id), values))


def chunks(ids: Sequence[str], parallel: int) -> list[list[str]]:
    """Contiguous groups of at most CHUNK ids, and at least one per concurrent launch."""
    n = min(len(ids), max(parallel, math.ceil(len(ids) / CHUNK)))
    size = math.ceil(len(ids) / n) if n else 0
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)] if size else []


def command(
    settings: Settings, ids: Sequence[str], policies: Sequence[str], name: str
) -> list[str]:
    """The `python -m sim -m ...` command of one launch."""
    launcher = [] if settings.launcher == "basic" else [f"hydra/launcher={settings.launcher}"]
    policy = [f"policy={','.join(policies)}"] if policies else []
    return [
        sys.executable,
        "-m",
        "sim",
        "-m",
        f"hydra.searchpath=[file://{settings.samples}]",
        f"+sample={','.join(ids)}",
        *policy,
        f"days={settings.days}",
        f"replicates={settings.replicates}",
        "quiet=true",
        f"hydra.sweep.dir={settings.runs / name}",
        *launcher,
        *settings.overrides,
    ]


def _launch_one(cmd: list[str], log: Path) -> tuple[int, float]:
    start = time.perf_counter()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as fh:
        code = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT).returncode
    return code, time.perf_counter() - start


def launch(settings: Settings, ids: Sequence[str], policies: Sequence[str] = ()) -> None:
    """Run every point (under each policy), `parallel` launches at a time; logs in `<out>/logs`.
    A failed launch is reported, not raised: `collect` then says what is missing."""
    groups = chunks(ids, settings.parallel)
    names = [f"c{i:03d}" for i in range(len(groups))]
    cmds = [command(settings, g, policies, n) for g, n in zip(groups, names, strict=True)]
    header = (
        "#!/bin/sh\n# the Hydra launches of this analysis (written by experiments.sensitivity)\n"
    )
    write_text(settings.out / "commands.sh", header + "\n".join(map(shlex.join, cmds)) + "\n")
    runs = len(ids) * max(1, len(policies)) * settings.replicates
    print(f"launching {runs} runs in {len(cmds)} launches; commands: {settings.out}/commands.sh")
    logs = [settings.out / "logs" / f"{n}.log" for n in names]
    with ThreadPoolExecutor(max_workers=settings.parallel) as pool:
        results = pool.map(_launch_one, cmds, logs)
        for name, log, (code, wall) in zip(names, logs, results, strict=True):
            status = "done" if code == 0 else f"FAILED (exit {code}); see {log}"
            print(f"  {name}: {status} in {wall:.0f} s", flush=True)
            if code == 2:  # invalid configuration: every launch would fail the same way
                pool.shutdown(wait=False, cancel_futures=True)
                raise IncompleteRuns(_tail(log))


def _tail(log: Path, lines: int = 5) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _matches(table: pd.DataFrame, points: pd.DataFrame, settings: Settings) -> np.ndarray:
    """Which runs on disk were made with their point's values, days and seeds (not an earlier
    design's: sample ids are reused when a command is run again with other sizes)."""
    expected = points.loc[table[SAMPLE]].reset_index(drop=True)
    ok = table["cfg:days"].eq(settings.days).to_numpy()
    for name in (c for c in points.columns if c != SEED):
        got = pd.to_numeric(table[f"cfg:{name}"], errors="coerce").to_numpy(dtype=float)
        ok = ok & np.isclose(got, expected[name].to_numpy(dtype=float), rtol=1e-9, atol=0.0)
    first = expected[SEED].to_numpy()
    seeds = table["seed"].to_numpy()
    return ok & (seeds >= first) & (seeds < first + settings.replicates)


def _finished(settings: Settings, points: pd.DataFrame) -> pd.DataFrame:
    """Finished runs of this design's points, the newest per point, policy and seed (a point
    lands in another launch folder if the launches are split differently on a rerun)."""
    keys = [*(c for c in points.columns if c != SEED), "days"]
    try:
        table = aggregate.runs_table(settings.runs, config_keys=keys)
    except FileNotFoundError as err:
        raise IncompleteRuns(f"{err}; see the logs in {settings.out}/logs") from None
    table = table[table[SAMPLE].isin(points.index)].reset_index(drop=True)
    table = table[_matches(table, points, settings)]
    written = [(settings.runs / run / "manifest.json").stat().st_mtime for run in table["run"]]
    table = table.assign(written=written).sort_values("written")
    return table.drop_duplicates([SAMPLE, "scenario", "seed"], keep="last")


def collect(
    settings: Settings, points: pd.DataFrame, metrics: Sequence[str], policies: Sequence[str]
) -> pd.DataFrame:
    """Mean of each metric over a point's replicate seeds: one row per (sample, scenario)."""
    table = _finished(settings, points)
    means = table.groupby([SAMPLE, "scenario"])[list(metrics)].mean()
    counts = table.groupby([SAMPLE, "scenario"]).size()
    scenarios = list(policies) or sorted(table["scenario"].unique())[:1]
    wanted = pd.MultiIndex.from_product([points.index, scenarios], names=[SAMPLE, "scenario"])
    done = counts.reindex(wanted).fillna(0) >= settings.replicates
    if not done.all():
        missing = [f"{s}/{p}" for s, p in done[~done].index[:5]]
        raise IncompleteRuns(
            f"{(~done).sum()} of {len(done)} design points have no finished run (e.g. "
            f"{', '.join(missing)}); run the same command again to resume "
            f"(finished runs are skipped); logs: {settings.out}/logs"
        )
    return means.reindex(wanted).rename_axis(["sample", "scenario"]).reset_index()


def evaluate(
    settings: Settings,
    design: pd.DataFrame,
    policies: Sequence[str] = (),
    metrics: Sequence[str] = HEADLINE,
) -> pd.DataFrame:
    """Run the design (which holds a `seed` column) and return one row per design row and
    scenario: its sample id, its values and the metrics. Points are run once each."""
    ids = point_ids(design)
    points = design.set_axis(ids).loc[~ids.duplicated().to_numpy()]
    if settings.run:
        write_samples(settings, points)
        launch(settings, list(points.index), policies)
    results = collect(settings, points, metrics, policies)
    rows = design.assign(sample=ids.to_numpy()).reset_index(names="row")
    return rows.merge(results, on="sample", how="left").sort_values(["scenario", "row"])
