"""Run time and memory of govsim, against a plain Mesa baseline.

Each measurement runs in a fresh process (multiprocessing "spawn"), so the peak resident set size
(RSS, the child's own `ru_maxrss`) belongs to that run alone; wall times are split into building
the model and simulating its days, and the median of `--repeats` runs is reported. The baseline is
plain Mesa: a `mesa.Model` with as many empty-`step()` agents as govsim has residents, stepped with
`model.agents.shuffle_do("step")` once per day.

    .venv/bin/python benchmarks/run_time.py [--repeats N] [--quick]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

import mesa
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DAYS = 365
PLAIN_MIN_STEPS = 1_500_000  # plain Mesa runs at least 3 days and this many agent-steps
RUNS = {  # label: (residents, overrides); the scaling table is these rows
    "community": (5_000, ["district=community"]),
    "district 50k": (50_000, ["district=district", "district.residents=50000"]),
    "district": (500_000, ["district=district"]),
}


@dataclass(frozen=True)
class Sample:
    build: float  # seconds to construct the model
    simulate: float  # seconds to run it
    days: int
    base_mb: float  # peak RSS before construction (interpreter, imports, config)
    peak_mb: float  # peak RSS of the whole run


def _peak_mb() -> float:
    unit = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20


def govsim_run(overrides: list[str]) -> Sample:
    from sim.model import GovernanceModel
    from sim.run import load_config

    cfg = load_config([*overrides, "policy=reform", "seed=1", "quiet=true", f"days={DAYS}"])
    base = _peak_mb()
    t0 = time.perf_counter()
    model = GovernanceModel(cfg)
    t1 = time.perf_counter()
    model.run()
    return Sample(t1 - t0, time.perf_counter() - t1, cfg.days, base, _peak_mb())


class Idle(mesa.Agent):
    def step(self) -> None:
        pass


def plain_mesa_run(n: int, days: int) -> Sample:
    base = _peak_mb()
    t0 = time.perf_counter()
    model = mesa.Model(rng=1)
    Idle.create_agents(model, n)
    t1 = time.perf_counter()
    for _ in range(days):
        model.agents.shuffle_do("step")
    return Sample(t1 - t0, time.perf_counter() - t1, days, base, _peak_mb())


def fresh(fn: Callable[..., Sample], *args: object) -> Sample:
    """Run `fn(*args)` in a new interpreter and return its sample."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def median(fn: Callable[..., Sample], args: tuple[object, ...], repeats: int, label: str) -> Sample:
    """Median of `repeats` fresh-process runs, field by field; progress goes to stderr."""
    samples = []
    for i in range(repeats):
        samples.append(s := fresh(fn, *args))
        print(
            f"  {label} run {i + 1}/{repeats}: build {s.build:.2f} s, "
            f"simulate {s.simulate:.2f} s, peak {s.peak_mb:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    return Sample(
        **{f.name: statistics.median(getattr(x, f.name) for x in samples) for f in fields(Sample)}
    )


def per_second(n: int, s: Sample) -> float:
    return n * s.days / s.simulate


def code_state() -> str:
    """The commit measured, and whether sim/ or conf/ had uncommitted changes."""

    def git(*cmd: str) -> str:
        return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = git("status", "--porcelain", "sim", "conf")
    return commit + (" + uncommitted changes in sim/ or conf/" if dirty else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--quick", action="store_true", help="1 repeat, community only")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # keep results in order with stderr progress
    repeats = 1 if args.quick else max(1, args.repeats)
    runs = {"community": RUNS["community"]} if args.quick else RUNS

    print(f"# govsim run time · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"machine: {os.cpu_count()} cores (os.cpu_count) · {platform.platform()} · "
        f"{platform.processor() or platform.machine()}"
    )
    print(
        f"versions: Python {platform.python_version()} · numpy {np.__version__} · "
        f"mesa {mesa.__version__}"
    )
    print(f"code: {code_state()}")
    print(
        f"policy=reform, seed=1, {DAYS} days; median of {repeats} run(s), each in a fresh process\n"
    )

    results = {label: median(govsim_run, (ov,), repeats, label) for label, (_, ov) in runs.items()}
    rows = [(label, runs[label][0], s) for label, s in results.items()]
    print(
        f"{'run':<14}{'residents':>10}{'build s':>9}{'sim s':>8}{'base MB':>9}{'peak MB':>9}"
        f"{'resident-days/s':>17}"
    )
    for label, n, s in rows:
        print(
            f"{label:<14}{n:>10,}{s.build:>9.2f}{s.simulate:>8.2f}{s.base_mb:>9.0f}"
            f"{s.peak_mb:>9.0f}{per_second(n, s):>17,.0f}"
        )

    label, n, top = rows[-1]  # the largest run: district (or community with --quick)
    days = max(3, math.ceil(PLAIN_MIN_STEPS / n))
    plain = median(plain_mesa_run, (n, days), repeats, "plain Mesa")
    ratio = per_second(n, top) / per_second(n, plain)
    print(
        f"\nplain Mesa {mesa.__version__}: {n:,} empty-step agents, shuffle_do('step') × {days}"
        f" days: {plain.simulate / days:.3f} s/day → {per_second(n, plain):,.0f} agent-steps/s"
        f" (build {plain.build:.2f} s, peak {plain.peak_mb:.0f} MB)"
    )

    print(
        "\n| run | residents | build s | simulate s | peak RSS MB | s per M resident-days"
        " | resident-days/s |\n|---|--:|--:|--:|--:|--:|--:|"
    )
    for name, size, s in [*rows, (f"plain Mesa ({days} days)", n, plain)]:
        print(
            f"| {name} | {size:,} | {s.build:.2f} | {s.simulate:.2f} | {s.peak_mb:.0f} | "
            f"{1e6 * s.simulate / (size * s.days):.3f} | {per_second(size, s):,.0f} |"
        )
    print(
        f"\ngovsim {label} / plain Mesa: {ratio:.2f}× "
        "(govsim resident-days/s ÷ plain Mesa agent-steps/s)"
    )


if __name__ == "__main__":
    main()
