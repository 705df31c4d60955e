"""Serial vs joblib (2 workers) wall time of the default 4-preset × 20-seed community sweep.

Runs `python -m sim +experiment=policy_comparison` (4 policy presets × seeds 0–19 at community
scale) with Hydra's basic launcher (one job after another) and with `hydra/launcher=joblib
hydra.launcher.n_jobs=2`, each launch as a subprocess in a fresh temporary sweep folder, timing
the whole command (Hydra start-up and config preflight included). Two ways of batching the same
80 runs are measured by default, because Hydra's per-job cost is comparable to a community run:

- `replicates=5` (the experiment's default): 16 jobs, each running 5 consecutive seeds;
- `replicates=1 seed=range(0,20,1)`: 80 jobs, one run each.

`--replicates 10 4` measures other batchings (20 must be a multiple of each).

The table also gives, as medians, how long each command took before Hydra logged "Launching"
(interpreter, imports, preflight, composing the sweep, Hydra's validation of every job's config)
and the sum of the runs' own wall times (manifest.json wall_seconds: build, simulate, write).

Every launch must finish all 80 runs, and their metrics.json (and timeseries.csv) must be
identical, keyed by (policy preset from manifest.json, seed from metrics.json), across launchers
and batchings. Rounds interleave the launches, alternating which launcher goes first; the
speed-up is also given paired (each joblib launch against the serial one next to it in time),
because this VM's speed drifts by tens of percent over minutes. A launch during which other
processes kept more than a quarter of a core busy is repeated (up to `--retries` times per
round; the last try is kept and counted as disturbed); the figures are medians over rounds.

    .venv/bin/python benchmarks/sweep_parallel.py [--repeats N] [--retries N] [--wait S]
        [--replicates R ...] [--days D] [--set KEY=VALUE ...] [--keep DIR]

`--days 1` makes the runs themselves negligible, so the wall times show what Hydra, the launcher
and each job cost on their own; `--set district.residents=20000` makes each run longer, so they
show what the launcher gives when the runs dominate.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from common import ROOT, Others, code_state, load, machine, wait_quiet

EXPERIMENT = ["+experiment=policy_comparison"]
REPLICATES = (5, 1)  # seeds per job to measure by default; 20 must be a multiple of each


def batching_of(r: int) -> tuple[str, list[str]]:
    """A label and the overrides that run seeds 0–19 as 20/r jobs per preset of r seeds each."""
    label = f"replicates={r} ({80 // r} jobs × {r} seed{'s' if r > 1 else ''})"
    if r == 5:  # the experiment's own setting
        return label, []
    return label, [f"replicates={r}", f"seed=range(0,20,{r})"]


LAUNCHERS = {
    "serial": [],  # Hydra's basic launcher
    "joblib": ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"],
}
RUNS = 80  # 4 presets × 20 seeds
TARGET = 1.7  # issue 6: joblib on 2 cores at least this much faster than serial


LAUNCHING = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\]\[HYDRA\] Launching", re.M)


@dataclass
class Launch:
    wall: float  # seconds, the whole `python -m sim` command
    before: float  # seconds until Hydra logged "Launching …" (start-up, preflight, validation)
    run_seconds: float  # sum of the runs' own wall_seconds (manifest.json)
    others: Others
    results: dict[tuple[str, int], tuple[dict, str]]  # (preset, seed) → (metrics, timeseries)


def collect(sweep: Path) -> tuple[dict[tuple[str, int], tuple[dict, str]], float]:
    """Every finished run under `sweep`, and the sum of their own wall times."""
    results, seconds = {}, 0.0
    for manifest_path in sorted(sweep.rglob("manifest.json")):
        run = manifest_path.parent
        manifest = json.loads(manifest_path.read_text())
        metrics = json.loads((run / "metrics.json").read_text())
        key = (manifest["config"]["policy"]["name"], metrics["seed"])
        if key in results:
            sys.exit(f"{sweep}: {key} ran twice")
        results[key] = (metrics, (run / "timeseries.csv").read_text())
        seconds += manifest["wall_seconds"]
    return results, seconds


def launch(overrides: list[str], keep: Path | None, name: str) -> Launch:
    tmp = Path(tempfile.mkdtemp(prefix="govsim-sweep-"))
    sweep = tmp / "sweep"
    command = [sys.executable, "-m", "sim", *EXPERIMENT, *overrides, f"hydra.sweep.dir={sweep}"]
    others = Others()
    t0, started = time.perf_counter(), time.time()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    others.stop()
    found = LAUNCHING.search(done.stdout + done.stderr)  # Hydra logs local time, ms resolution
    before = float("nan")
    if found:
        before = datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S,%f").timestamp() - started
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    results, seconds = collect(sweep)
    if len(results) != RUNS:
        sys.exit(f"{' '.join(command)}: {len(results)} finished runs, expected {RUNS}")
    if keep:
        shutil.copytree(sweep, keep / name, dirs_exist_ok=False)
    shutil.rmtree(tmp)
    return Launch(wall, before, seconds, others, results)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="rounds (median over rounds)")
    ap.add_argument("--retries", type=int, default=2, help="repeats of a disturbed launch")
    ap.add_argument("--wait", type=float, default=120.0, help="max seconds to wait for quiet")
    ap.add_argument(
        "--replicates", type=int, nargs="+", default=REPLICATES, help="seeds per job to compare"
    )
    ap.add_argument("--days", type=int, help="simulated days per run (default: the config's 365)")
    ap.add_argument(
        "--set",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help="more overrides for every run, e.g. district.residents=20000 (longer runs)",
    )
    ap.add_argument("--keep", type=Path, help="copy every sweep folder here (must not exist)")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    repeats = max(1, args.repeats)
    if args.keep:
        args.keep.mkdir(parents=True)
    extra = [f"days={args.days}"] * bool(args.days) + args.set
    if any(20 % r for r in args.replicates):
        ap.error("20 must be a multiple of every --replicates value")
    batchings = dict(batching_of(r) for r in args.replicates)
    what = f"{args.days} day(s)" if args.days else "365 days"
    what += "".join(f", {o}" for o in args.set)

    print(f"# govsim sweep: serial vs joblib · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()} · Python {platform.python_version()}")
    print(f"code: {code_state()}")
    print(f"before: {load()}")
    print(f"`python -m sim {' '.join(EXPERIMENT)}`: 4 presets × 20 seeds, community, {what}\n")

    cells = [(b, lau) for b in batchings for lau in LAUNCHERS]
    kept: dict[tuple[str, str], list[Launch]] = {cell: [] for cell in cells}
    dropped = dict.fromkeys(cells, 0)
    reference: dict | None = None
    for r in range(repeats):
        # The VM's speed drifts over minutes: alternate which launcher goes first, and compare
        # each joblib launch with the serial one next to it in time (paired speed-up).
        order = list(LAUNCHERS) if r % 2 == 0 else list(reversed(LAUNCHERS))
        for batching, launcher in [(b, lau) for b in batchings for lau in order]:
            for attempt in range(1, args.retries + 2):
                wait_quiet(args.wait)
                name = f"round{r + 1}-{launcher}-{batching.split()[0]}-attempt{attempt}"
                overrides = [*batchings[batching], *LAUNCHERS[launcher], *extra]
                result = launch(overrides, args.keep, name)
                if reference is None:
                    reference = result.results
                if result.results != reference:
                    sys.exit(f"{launcher}, {batching}: results differ from the first launch")
                repeat = result.others.disturbed and attempt <= args.retries
                print(
                    f"  round {r + 1} · {launcher:<6} · {batching}: {result.wall:6.1f} s"
                    f" (launch after {result.before:4.1f} s; runs' own {result.run_seconds:5.1f} s)"
                    f" · {result.others}" + (" · left out, repeating" if repeat else ""),
                    file=sys.stderr,
                    flush=True,
                )
                if repeat:
                    dropped[(batching, launcher)] += 1
                    continue
                kept[(batching, launcher)].append(result)
                break
    print(f"after: {load()}")

    def wall(cell: tuple[str, str]) -> float:
        return statistics.median(x.wall for x in kept[cell])

    def paired(batching: str) -> list[float]:
        """Serial wall ÷ joblib wall, round by round."""
        pairs = zip(kept[(batching, "serial")], kept[(batching, "joblib")], strict=True)
        return [s.wall / j.wall for s, j in pairs]

    print(
        "\n| batching | launcher | wall s (median) | range s | until launch s | runs' own s |"
        " disturbed | speed-up: ratio of medians | paired, median (range) |"
        "\n|---|---|--:|--:|--:|--:|--:|--:|--:|"
    )
    for batching, launcher in cells:
        runs = kept[(batching, launcher)]
        walls = [x.wall for x in runs]
        flagged = sum(x.others.disturbed for x in runs)
        speedup = wall((batching, "serial")) / wall((batching, launcher))
        ratios = paired(batching) if launcher == "joblib" else [1.0]
        print(
            f"| {batching} | {launcher} | {wall((batching, launcher)):.1f} |"
            f" {min(walls):.1f}–{max(walls):.1f} |"
            f" {statistics.median(x.before for x in runs):.1f} |"
            f" {statistics.median(x.run_seconds for x in runs):.1f} |"
            f" {dropped[(batching, launcher)]} left out, {flagged} kept | {speedup:.2f}× |"
            f" {statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}) |"
        )
    print(
        f"\nresults: all {RUNS} runs' metrics.json and timeseries.csv identical across launchers,"
        f" batchings and {repeats} round(s)"
    )
    best_serial = min(batchings, key=lambda b: wall((b, "serial")))
    best_joblib = min(batchings, key=lambda b: wall((b, "joblib")))
    print(
        f"fastest serial: {best_serial}, {wall((best_serial, 'serial')):.1f} s; fastest joblib:"
        f" {best_joblib}, {wall((best_joblib, 'joblib')):.1f} s;"
        f" best vs best {wall((best_serial, 'serial')) / wall((best_joblib, 'joblib')):.2f}×"
    )
    print(f"\ntarget (issue 6): joblib on 2 cores ≥ {TARGET}× faster than serial, same results")
    for batching in batchings:
        ratio = statistics.median(paired(batching))
        print(
            f"  {batching}: {ratio:.2f}× (paired median) ·"
            f" {'MET' if ratio >= TARGET else 'NOT MET'}"
        )


if __name__ == "__main__":
    main()
