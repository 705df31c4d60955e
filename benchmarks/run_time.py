"""Run time and memory of govsim, against a plain Mesa baseline, checked against issue 6's targets.

Each measurement runs in a fresh process, so the peak resident set size (RSS) belongs to that run
alone, and the median of `--repeats` runs is reported. In-process runs (multiprocessing "spawn")
split wall time into building the model and simulating its days; the command-line run times
`python -m sim ...` end to end (interpreter, Hydra, build, simulate, writing the output files).
The baseline is plain Mesa: a `mesa.Model` with as many empty-`step()` agents as govsim has
residents, stepped with `model.agents.shuffle_do("step")` once per day.

A run during which other processes kept more than a quarter of a core busy is repeated (up to
`--repeats` extra attempts) and left out of the median; the output says how many were. Before
each run the script waits (up to `--wait` seconds) for other processes to go quiet.

    .venv/bin/python benchmarks/run_time.py [--repeats N] [--quick] [--no-cli] [--wait S]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import mesa
import numpy as np
from common import ROOT, Others, code_state, fresh, load, machine, wait_quiet

DAYS = 365
PLAIN_MIN_STEPS = 1_500_000  # plain Mesa runs at least 3 days and this many agent-steps
RUNS = {  # label: (residents, overrides); the scaling table is these rows
    "community": (5_000, ["district=community"]),
    "district 50k": (50_000, ["district=district", "district.residents=50000"]),
    "district": (500_000, ["district=district"]),
}
COMMON = ["policy=reform", "seed=1", "quiet=true", f"days={DAYS}"]
# Issue 6's targets, for the `district` preset (500k residents) under `reform`.
TARGET_SECONDS = 60.0
TARGET_MB = 4 * 1024.0
TARGET_RATIO = 5.0


@dataclass(frozen=True)
class Sample:
    build: float  # seconds to construct the model
    simulate: float  # seconds to run it (including the final metrics)
    days: int
    cpu: float  # CPU seconds of build + simulate (less sensitive than wall to other processes)
    base_mb: float  # peak RSS before construction (interpreter, imports, config)
    peak_mb: float  # peak RSS of the whole run

    @property
    def total(self) -> float:
        return self.build + self.simulate


@dataclass(frozen=True)
class CliSample:
    wall: float  # seconds from starting `python -m sim` to its exit
    peak_mb: float


def _peak_mb() -> float:
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20


def govsim_run(overrides: list[str]) -> Sample:
    from sim.model import GovernanceModel
    from sim.run import load_config

    cfg = load_config([*overrides, *COMMON])
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    model = GovernanceModel(cfg)
    t1 = time.perf_counter()
    model.run()
    t2, c2 = time.perf_counter(), time.process_time()
    return Sample(t1 - t0, t2 - t1, cfg.days, c2 - c0, base, _peak_mb())


class Idle(mesa.Agent):
    def step(self) -> None:
        pass


def plain_mesa_run(n: int, days: int) -> Sample:
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    model = mesa.Model(rng=1)
    Idle.create_agents(model, n)
    t1 = time.perf_counter()
    for _ in range(days):
        model.agents.shuffle_do("step")
    t2, c2 = time.perf_counter(), time.process_time()
    return Sample(t1 - t0, t2 - t1, days, c2 - c0, base, _peak_mb())


def cli(overrides: list[str]) -> CliSample:
    """`python -m sim <overrides>` in a fresh folder: wall time and the process's own peak RSS."""
    with tempfile.TemporaryDirectory(prefix="govsim-bench-") as tmp:
        command = [sys.executable, "-m", "sim", *overrides, f"hydra.run.dir={tmp}/run"]
        with open(f"{tmp}/log", "w") as log:
            t0 = time.perf_counter()
            proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
            wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            output = Path(tmp, "log").read_text()[-3000:]
            sys.exit(f"{' '.join(command)} failed:\n{output}")
    unit = 1 if sys.platform == "darwin" else 1024
    return CliSample(wall, usage.ru_maxrss * unit / 2**20)


def describe(s: Any) -> str:
    if isinstance(s, CliSample):
        return f"wall {s.wall:.2f} s, peak {s.peak_mb:.0f} MB"
    return (
        f"build {s.build:.2f} s, simulate {s.simulate:.2f} s (CPU {s.cpu:.2f} s),"
        f" peak {s.peak_mb:.0f} MB"
    )


def median(
    run: Callable[[], Any], repeats: int, label: str, wait: float
) -> tuple[Any, list[Any], str]:
    """Median, field by field, of `repeats` runs, with the samples kept and a note on disturbed
    runs: each of up to `repeats` disturbed runs is left out and repeated; later ones are kept
    (and counted). Each attempt first waits up to `wait` s for a quiet machine. Progress goes to
    stderr."""
    kept, dropped, flagged = [], 0, 0
    while len(kept) < repeats:
        wait_quiet(wait)
        others = Others()
        sample = run()
        others.stop()
        status = "kept"
        if others.disturbed and dropped < repeats:
            dropped += 1
            status = "left out, repeating"
        else:
            kept.append(sample)
            flagged += others.disturbed
        print(
            f"  {label} attempt {len(kept) + dropped}: {describe(sample)} · {others} · {status}",
            file=sys.stderr,
            flush=True,
        )
    kind = type(kept[0])
    mid = kind(
        **{f.name: statistics.median(getattr(x, f.name) for x in kept) for f in fields(kind)}
    )
    note = f"{len(kept)} run" + ("s" if len(kept) > 1 else "")
    if dropped:
        note += f", {dropped} disturbed run(s) left out"
    if flagged:
        note += f", {flagged} disturbed run(s) kept"
    return mid, kept, note


def per_second(n: int, s: Sample) -> float:
    return n * s.days / s.simulate


def spread(samples: list[Any], attr: str) -> str:
    values = [getattr(s, attr) for s in samples]
    return f"{min(values):.2f}–{max(values):.2f}"


def verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--quick", action="store_true", help="1 repeat, community only, no CLI run")
    ap.add_argument("--no-cli", action="store_true", help="skip the `python -m sim` district run")
    ap.add_argument(
        "--wait",
        type=float,
        default=120.0,
        help="seconds to wait, before each run, for other processes to go quiet (0: do not wait)",
    )
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # keep results in order with stderr progress
    repeats = 1 if args.quick else max(1, args.repeats)
    runs = {"community": RUNS["community"]} if args.quick else RUNS

    print(f"# govsim run time · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(
        f"versions: Python {platform.python_version()} · numpy {np.__version__} · "
        f"mesa {mesa.__version__}"
    )
    print(f"code: {code_state()}")
    print(f"before: {load()}")
    print(f"{' '.join(COMMON)}; median of {repeats} run(s), each in a fresh process\n")

    results, notes = {}, []
    for label, (_, overrides) in runs.items():
        mid, kept, note = median(
            lambda o=overrides: fresh(govsim_run, o), repeats, label, args.wait
        )
        results[label] = mid
        notes.append(f"{label}: simulate {spread(kept, 'simulate')} s ({note})")
    rows = [(label, runs[label][0], s) for label, s in results.items()]

    label, n, top = rows[-1]  # the largest run: district (or community with --quick)
    days = max(3, math.ceil(PLAIN_MIN_STEPS / n))
    plain, kept, note = median(
        lambda: fresh(plain_mesa_run, n, days), repeats, "plain Mesa", args.wait
    )
    notes.append(f"plain Mesa: simulate {spread(kept, 'simulate')} s ({note})")
    ratio = per_second(n, top) / per_second(n, plain)

    cli_sample = None
    if not (args.quick or args.no_cli):
        command = [*RUNS["district"][1], *COMMON]
        cli_sample, kept, note = median(
            lambda: cli(command), repeats, "python -m sim district", args.wait
        )
        notes.append(f"python -m sim district: wall {spread(kept, 'wall')} s ({note})")

    print(f"after: {load()}")
    print(
        f"\nplain Mesa {mesa.__version__}: {n:,} empty-step agents, shuffle_do('step') × {days}"
        f" days: {plain.simulate / days:.3f} s/day → {per_second(n, plain):,.0f} agent-steps/s"
        f" (build {plain.build:.2f} s, peak {plain.peak_mb:.0f} MB); for {DAYS} days that is"
        f" about {plain.simulate / days * DAYS:.0f} s"
    )
    print("spread: " + "; ".join(notes))

    print(
        "\n| run | residents | build s | simulate s | build + simulate s | CPU s | base MB"
        " | peak RSS MB | µs per resident-day | resident-days/s |"
        "\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    )
    for name, size, s in [*rows, (f"plain Mesa ({days} days)", n, plain)]:
        print(
            f"| {name} | {size:,} | {s.build:.2f} | {s.simulate:.2f} | {s.total:.2f} | "
            f"{s.cpu:.2f} | {s.base_mb:.0f} | {s.peak_mb:.0f} |"
            f" {1e6 * s.simulate / (size * s.days):.3f} | {per_second(size, s):,.0f} |"
        )
    if cli_sample:
        print(
            f"\n`python -m sim {' '.join(command)}` (interpreter, Hydra, build, simulate, files):"
            f" wall {cli_sample.wall:.2f} s, peak RSS {cli_sample.peak_mb:.0f} MB"
        )

    print(f"\ngovsim {label} / plain Mesa: {ratio:.2f}× (resident-days/s ÷ agent-steps/s)")
    slopes = []
    if len(rows) > 1:
        print("\nscaling (exponent b in time ∝ residents^b; b ≤ 1 is linear or better):")
        for (a, na, sa), (b, nb, sb) in itertools.pairwise(rows):
            grow = math.log(nb / na)
            slopes.append(math.log(sb.total / sa.total) / grow)
            print(
                f"  {a} → {b}: ×{nb / na:.0f} residents; build + simulate"
                f" ×{sb.total / sa.total:.2f} (b = {slopes[-1]:.2f}); simulate"
                f" ×{sb.simulate / sa.simulate:.2f}"
                f" (b = {math.log(sb.simulate / sa.simulate) / grow:.2f})"
            )

    if "district" not in results:
        print("\ntargets: not checked (the district preset was not run)")
        return
    d = results["district"]
    wall, how = (cli_sample.wall, "python -m sim") if cli_sample else (d.total, "build + simulate")
    peak = max(d.peak_mb, cli_sample.peak_mb if cli_sample else 0.0)
    print("\ntargets (issue 6: district preset, reform, 365 days):")
    print(
        f"  wall ≤ {TARGET_SECONDS:.0f} s incl. construction: {wall:.1f} s ({how})"
        f" · {verdict(wall <= TARGET_SECONDS and d.total <= TARGET_SECONDS)}"
    )
    print(f"  peak memory ≤ 4 GiB: {peak:.0f} MB · {verdict(peak <= TARGET_MB)}")
    print(
        f"  throughput ≥ {TARGET_RATIO:.0f}× plain Mesa: {ratio:.1f}×"
        f" · {verdict(ratio >= TARGET_RATIO)}"
    )
    print(
        f"  cost linear or better in residents: b = {', '.join(f'{b:.2f}' for b in slopes)}"
        f" · {verdict(all(b <= 1.0 for b in slopes))}"
    )


if __name__ == "__main__":
    main()
