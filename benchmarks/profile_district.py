"""Where the district run's time goes: a phase breakdown, and optionally a pyinstrument profile.

The breakdown times `python -m sim district=district policy=reform seed=1 quiet=true` piece by
piece in a fresh process, without a profiler: imports, config preflight and composition, building
the model (and, separately, creating 500k bare `Resident` agents), each daily process of
`GovernanceModel.step` (with a few hot callees inside them), metrics and writing the files.
Timers wrap whole methods, so their own cost is small (about a microsecond per call). The figures
are medians of `--repeats` processes.

`--pyinstrument` also records the same command under pyinstrument (not a project dependency:
`.venv/bin/pip install pyinstrument`) and writes the call tree, trimmed to frames taking at least
1 % of the time, to benchmarks/profiles/district_reform.txt. A sampling profiler roughly doubles
this run's time and inflates code that makes many small calls, so read its percentages next to
the breakdown. `--sweep` profiles `python -m sim +experiment=policy_comparison days=1` the same
way (benchmarks/profiles/sweep_days1.txt): 80 one-day runs, so what is left is the cost of
Hydra, the sweep and each job.

    .venv/bin/python benchmarks/profile_district.py [--repeats N] [--wait S] [--pyinstrument]
        [--sweep]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path

from common import ROOT, Others, code_state, fresh, load, machine, wait_quiet

OVERRIDES = ["district=district", "policy=reform", "seed=1", "quiet=true"]
PROFILES = ROOT / "benchmarks" / "profiles"
SWEEP = ["+experiment=policy_comparison", "days=1"]  # Hydra's, the launcher's and jobs' own costs
STEP_PHASES = (  # GovernanceModel methods that step() calls, in order
    "_endow_year",
    "_arrivals",
    "_discover",
    "_push_tasks",
    "_serve",
    "_escalate",
    "_learn",
    "_record_day",
)


BUILD = "build GovernanceModel"
SIMULATE = "simulate (365 days, incl. final metrics)"
RESIDENTS = "500k Resident agents alone (bare mesa.Model)"
TOP = (  # the pieces of the command, in order
    "interpreter start-up (python -c pass)",
    "imports",
    "preflight (composes the config)",
    "compose the config once more (as Hydra's main does)",
    BUILD,
    SIMULATE,
    "metrics() again (sim.run.run calls it twice)",
    "timeseries + write files",
)
STEP = (  # step()'s processes, with hot callees (indented) after the process that calls them
    "_endow_year",
    "_arrivals",
    "  _new_cases",
    "_discover",
    "  HiddenCases.due",
    "_push_tasks",
    "_serve",
    "  Desk.serve",
    "_escalate",
    "settle (policies)",
    "_learn",
    "  Records.end",
    "_record_day",
)


def phases() -> dict[str, float]:
    """Seconds per piece of one district run (run in a fresh process)."""
    t: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)

    def timed(fn: Callable, name: str) -> Callable:
        @wraps(fn)
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                t[name] += time.perf_counter() - t0
                calls[name] += 1

        return wrapper

    t0 = time.perf_counter()
    import mesa

    import sim.__main__  # noqa: F401  (hydra, mesa, pandas, …: what `python -m sim` imports)
    from sim import io
    from sim import metrics as metric_defs
    from sim.agents import Resident
    from sim.discovery import HiddenCases
    from sim.handling import Desk
    from sim.model import GovernanceModel
    from sim.preflight import preflight
    from sim.records import Records
    from sim.run import load_config

    t["imports"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    preflight(OVERRIDES)
    t["preflight (composes the config)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    cfg = load_config(OVERRIDES)
    t["compose the config once more (as Hydra's main does)"] = time.perf_counter() - t0

    # Hot callees, timed inside their phases (class-level patches, this process only).
    GovernanceModel._new_cases = timed(GovernanceModel._new_cases, "  _new_cases")
    HiddenCases.due = timed(HiddenCases.due, "  HiddenCases.due")
    Desk.serve = timed(Desk.serve, "  Desk.serve")
    Records.end = timed(Records.end, "  Records.end")

    t0 = time.perf_counter()
    model = GovernanceModel(cfg)
    t[BUILD] = time.perf_counter() - t0
    for name in STEP_PHASES:  # instance attributes shadow the methods step() calls
        setattr(model, name, timed(getattr(model, name), name))
    for lever in model.policies:
        lever.settle = timed(lever.settle, "settle (policies)")
    t0 = time.perf_counter()
    model.run()  # ends with metrics()
    t[SIMULATE] = time.perf_counter() - t0
    t0 = time.perf_counter()
    metrics = model.metrics()
    t["metrics() again (sim.run.run calls it twice)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    table = metric_defs.timeseries(model)
    with tempfile.TemporaryDirectory() as tmp:
        io.write_json(Path(tmp, "metrics.json"), metrics)
        io.write_csv(Path(tmp, "timeseries.csv"), table)
        io.write_json(Path(tmp, "manifest.json"), io.manifest({}, OVERRIDES, 0.0))
    t["timeseries + write files"] = time.perf_counter() - t0

    bare = mesa.Model(rng=1)
    bare.population = model.population
    t0 = time.perf_counter()
    _ = [Resident(bare, i) for i in range(cfg.district.residents)]
    t[RESIDENTS] = time.perf_counter() - t0
    t["calls: Desk.serve"] = calls["  Desk.serve"]
    t["calls: Records.end"] = calls["  Records.end"]
    return dict(t)


def interpreter_start() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - t0


def pyinstrument_profile(overrides: list[str], path: Path, what: str) -> None:
    """Record `python -m sim <overrides>` under pyinstrument; write the trimmed call tree."""
    PROFILES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp, "profile.txt")
        command = [
            *(sys.executable, "-m", "pyinstrument", "-r", "text", "--no-color", "--unicode"),
            *("--show", "*/mesa/*", "-p", "processor_options.filter_threshold=0.01"),
            *("-o", str(raw), "-m", "sim", *overrides),
            *(f"hydra.run.dir={tmp}/run", f"hydra.sweep.dir={tmp}/sweep"),
        ]
        others = Others()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        others.stop()
        header = (
            f"# pyinstrument profile of `python -m sim {' '.join(overrides)}` ({what})\n"
            f"# {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · code {code_state().split(' · ')[0]}"
            f" · {machine()}\n"
            f"# {others} during the run. Frames under 1 % of the time are left out; library"
            " frames other than mesa's are folded.\n"
            "# The profiler roughly doubles the run's time and inflates many-small-call code:"
            " see benchmarks/README.md\n"
        )
        path.write_text(header + raw.read_text())
    print(f"\nwrote {path.relative_to(ROOT)} ({others})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3, help="fresh processes (median)")
    ap.add_argument("--wait", type=float, default=120.0, help="max seconds to wait for quiet")
    ap.add_argument(
        "--pyinstrument", action="store_true", help="also write profiles/district_reform.txt"
    )
    ap.add_argument(
        "--sweep", action="store_true", help="also profile the 80-run sweep at 1 day a run"
    )
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    print(f"# district run, piece by piece · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"code: {code_state()}")
    print(f"before: {load()}")
    samples, start = [], []
    for i in range(max(1, args.repeats)):
        wait_quiet(args.wait)
        others = Others()
        start.append(interpreter_start())
        samples.append(fresh(phases))
        others.stop()
        total = samples[-1][BUILD] + samples[-1][SIMULATE]
        print(f"  run {i + 1}: build + simulate {total:.2f} s · {others}", file=sys.stderr)
    print(f"after: {load()}")
    mid = {k: statistics.median(s.get(k, 0.0) for s in samples) for k in samples[0]}
    mid["interpreter start-up (python -c pass)"] = statistics.median(start)
    whole = sum(mid[k] for k in TOP)
    simulate = mid[SIMULATE]

    print(f"\nmedian of {len(samples)} fresh processes\n")
    print("| piece of `python -m sim ...` | seconds | % of sum |\n|---|--:|--:|")
    for key in TOP:
        print(f"| {key} | {mid[key]:.2f} | {100 * mid[key] / whole:.1f} |")
    print(f"| sum | {whole:.2f} | 100 |")

    print("\n| simulate, by daily process | seconds | % of simulate |\n|---|--:|--:|")
    for key in STEP:
        name = f"↳ {key.strip()}" if key.startswith(" ") else key
        print(f"| {name} | {mid.get(key, 0.0):.2f} | {100 * mid.get(key, 0.0) / simulate:.1f} |")
    rest = simulate - sum(mid.get(k, 0.0) for k in STEP if not k.startswith(" "))
    print(
        f"| rest: agenda hand-offs, Mesa's step loop, final metrics() | {rest:.2f} |"
        f" {100 * rest / simulate:.1f} |"
    )
    print(
        f"\nDesk.serve calls: {mid['calls: Desk.serve']:,.0f}; Records.end calls:"
        f" {mid['calls: Records.end']:,.0f}"
    )
    print(
        f"500k Resident agents created alone (bare mesa.Model):"
        f" {mid[RESIDENTS]:.2f} s (build GovernanceModel: {mid[BUILD]:.2f} s)"
    )
    if args.pyinstrument:
        wait_quiet(args.wait)
        pyinstrument_profile(OVERRIDES, PROFILES / "district_reform.txt", "365 days")
    if args.sweep:
        wait_quiet(args.wait)
        pyinstrument_profile(SWEEP, PROFILES / "sweep_days1.txt", "serial, 80 runs of 1 day")


if __name__ == "__main__":
    main()
