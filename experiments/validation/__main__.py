"""Run every validation experiment and write the validation report.

    python -m experiments.validation                 # all, full size → results/validation/
    python -m experiments.validation --quick         # tiny runs (minutes → seconds), for checks
    python -m experiments.validation --rebuild       # no runs: figures, verdicts, report from disk
    python -m experiments.validation --only grid fee # some; the others' saved verdicts are reused

Runs go into fixed folders (`<out>/<key>/sweep`), so a second call resumes instead of starting
over; the report is rebuilt from whatever finished. `--jobs N` runs N validations' sweeps at a
time, each one job after another (Hydra's basic launcher): short runs would spend more on
starting parallel workers than they gain.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from experiments.validation import VALIDATIONS, module, report
from experiments.validation.common import Outcome


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m experiments.validation", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--out", type=Path, help="default results/validation(-quick)")
    parser.add_argument("--quick", action="store_true", help="tiny runs: few days, 2 seeds")
    parser.add_argument("--rebuild", action="store_true", help="no runs, only analysis")
    parser.add_argument("--only", nargs="+", choices=VALIDATIONS, help="run only these")
    parser.add_argument("--jobs", type=int, default=2, help="sweeps run at a time (default 2)")
    return parser


# Longest first, so that parallel sweeps finish together (community-scale CPU minutes).
COST = {"feedback": 3, "queueing": 2.5, "fee": 2, "grid": 2, "access": 1.5, "plausibility": 1.5}


def _collect(keys: list[str], out: Path, quick: bool, jobs: int) -> None:
    """Run the chosen validations' experiments, `jobs` at a time; report failures, never stop:
    the analysis uses whatever finished."""
    keys = sorted(keys, key=lambda k: -COST.get(k, 1))
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(module(k).collect, out / k, quick, 1): k for k in keys}
        for future in as_completed(futures):
            key = futures[future]
            try:
                status = future.result()
            except Exception as err:  # a failed validation must not take the others down
                status = f"{type(err).__name__}: {err}"
            note = "" if status in (0, None) else f" (some runs failed: {status})"
            print(f"{key}: collected{note} [{time.perf_counter() - start:.0f} s]", flush=True)


def _analyse(key: str, folder: Path) -> Outcome | None:
    """Figure and verdict from the runs on disk; None when nothing finished is there."""
    try:
        outcome = module(key).analyse(folder)
    except FileNotFoundError as err:
        print(f"{key}: {err}", file=sys.stderr)
        return None
    outcome.save(folder)
    print(f"{key}: {outcome.verdict}", flush=True)
    return outcome


def _outcome(key: str, folder: Path, fresh: bool) -> Outcome | None:
    """Analyse a chosen validation; for the others, reuse the verdict saved last time (or
    analyse their runs if no verdict was saved)."""
    if not folder.exists():
        return None
    if not fresh and (folder / "verdict.json").exists():
        return Outcome.load(folder)
    return _analyse(key, folder)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = args.out or Path("results/validation-quick" if args.quick else "results/validation")
    out = out.resolve()  # sweeps run from the repository root, whatever the caller's folder
    chosen = set(args.only or VALIDATIONS)
    if not args.rebuild:
        _collect([k for k in VALIDATIONS if k in chosen], out, args.quick, args.jobs)
    outcomes, missing = [], []
    for key in VALIDATIONS:
        outcome = _outcome(key, out / key, fresh=key in chosen)
        if outcome is None:
            missing.append(key)
        else:
            outcomes.append(outcome)
    command = shlex.join(["python", "-m", "experiments.validation", *(argv or sys.argv[1:])])
    path = report.write(out, outcomes, command, missing)
    print(f"report: {path}")
    return 1 if chosen & set(missing) else 0


if __name__ == "__main__":
    sys.exit(main())
