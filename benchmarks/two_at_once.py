"""How much slower a run gets when two run at once: the ceiling on any 2-worker speed-up.

A parallel sweep on 2 cores can be at most 2 / s times faster than a serial one, where s is how
much longer the same run takes while a second process is busy too. This script measures s for a
community run (`policy_comparison`'s scale): in each round, one fresh process runs `--runs`
seeds alone, then two fresh processes run the same seeds at the same time. The time is the
runs' own (build + simulate), so Hydra, imports and start-up are left out.

    .venv/bin/python benchmarks/two_at_once.py [--repeats N] [--runs N] [--wait S] [--set K=V ...]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime

from common import Others, code_state, load, machine, wait_quiet

BASE = ["policy=reform", "quiet=true"]


def seconds_for_runs(overrides: list[str], runs: int) -> float:
    """Build and simulate `runs` seeds one after another; total seconds."""
    from sim.model import GovernanceModel
    from sim.run import load_config

    configs = [load_config([*overrides, f"seed={seed}"]) for seed in range(runs)]
    t0 = time.perf_counter()
    for cfg in configs:
        GovernanceModel(cfg).run()
    return time.perf_counter() - t0


def at_once(workers: int, overrides: list[str], runs: int) -> list[float]:
    """`workers` fresh processes, started together, each doing the same runs."""
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(int, range(workers)))  # start every worker (imports) before timing
        futures = [pool.submit(seconds_for_runs, overrides, runs) for _ in range(workers)]
        return [f.result() for f in futures]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5, help="rounds (median over rounds)")
    ap.add_argument("--runs", type=int, default=10, help="seeds each process runs")
    ap.add_argument("--wait", type=float, default=120.0, help="max seconds to wait for quiet")
    ap.add_argument("--set", nargs="+", default=[], metavar="KEY=VALUE", help="more overrides")
    args = ap.parse_args()
    overrides = [*BASE, *args.set]
    sys.stdout.reconfigure(line_buffering=True)
    print(f"# one run vs two at once · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"code: {code_state()}")
    print(f"before: {load()}")
    print(f"{' '.join(overrides)}, seeds 0–{args.runs - 1} per process\n")

    alone, paired, disturbed = [], [], 0
    for r in range(max(1, args.repeats)):
        wait_quiet(args.wait)
        others = Others()
        (one,) = at_once(1, overrides, args.runs)
        two = at_once(2, overrides, args.runs)
        others.stop()
        disturbed += others.disturbed
        alone.append(one)
        paired.append(statistics.mean(two))
        print(
            f"  round {r + 1}: alone {one:.2f} s · two at once {two[0]:.2f} s, {two[1]:.2f} s"
            f" · slowdown {paired[-1] / one:.2f} · {others}",
            file=sys.stderr,
        )
    print(f"after: {load()}")
    ratios = [p / a for p, a in zip(paired, alone, strict=True)]
    s = statistics.median(ratios)
    print(
        f"\n| rounds | alone s (median) | two at once s (median, per process) | slowdown s"
        f" (median, range) | ceiling 2 / s |\n|--:|--:|--:|--:|--:|\n"
        f"| {len(ratios)} ({disturbed} disturbed) | {statistics.median(alone):.2f} |"
        f" {statistics.median(paired):.2f} | {s:.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |"
        f" {2 / s:.2f}× |"
    )


if __name__ == "__main__":
    main()
