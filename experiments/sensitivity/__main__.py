"""`python -m experiments.sensitivity morris|sobol|prim [options] [hydra overrides]`.

    python -m experiments.sensitivity morris --out results/sensitivity/morris
    python -m experiments.sensitivity sobol --samples 64 --params dispute_rate,push_rate
    python -m experiments.sensitivity prim --samples 200 --policy full_reform
    python -m experiments.sensitivity morris --quick -- district.residents=2000

Every run is a Hydra multirun of `python -m sim` (see runner.py); extra arguments are passed to it
as overrides, e.g. `hydra/launcher=joblib hydra.launcher.n_jobs=2` or `district.residents=2000`.
Running a command again resumes: finished runs are skipped.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from experiments.sensitivity import morris, runner, sobol
from experiments.sensitivity.space import MAIN, resolve

# (full, quick) sizes: morris trajectories, Sobol base samples, PRIM points
SIZES = {"morris": (20, 4), "sobol": (32, 8), "prim": (200, 40)}
DAYS = (180, 90)  # full, quick: half a year keeps the defaults to a few minutes on 2 cores


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m experiments.sensitivity", description=__doc__.splitlines()[0]
    )
    parser.add_argument("method", choices=sorted(SIZES))
    parser.add_argument("--out", type=Path, help="default: results/sensitivity/<method>[-quick]")
    parser.add_argument("--samples", type=int, help="trajectories | base samples | LHS points")
    parser.add_argument("--days", type=int, help=f"days per run (default {DAYS[0]})")
    parser.add_argument("--quick", action="store_true", help="small sample, shorter runs")
    parser.add_argument("--params", help="comma list of parameters (default: the main ones)")
    parser.add_argument("--seed", type=int, default=0, help="sampling seed and first run seed")
    parser.add_argument("--replicates", type=int, default=1, help="seeds averaged per point")
    parser.add_argument("--launcher", default="basic", help="Hydra launcher: basic, joblib, ...")
    parser.add_argument("--parallel", type=int, help="concurrent launches (default: cores)")
    parser.add_argument("--policy", help="morris/sobol: policy preset (baseline); prim: reform")
    parser.add_argument("--metric", default="dispute_on_time_rate", help="prim: metric compared")
    parser.add_argument("--min-coverage", type=float, default=0.5, help="prim: box choice")
    parser.add_argument("--max-dims", type=int, default=3, help="prim: most restricted params")
    parser.add_argument(
        "--no-run",
        dest="run",
        action="store_false",
        help="analyse the finished runs on disk without launching any",
    )
    parser.add_argument("--levels", type=int, default=4, help="morris: grid levels")
    parser.add_argument(
        "--no-seed-factor",
        dest="seed_factor",
        action="store_false",
        help="morris/sobol: one common seed instead of the seed as a factor",
    )
    return parser


def settings(args: argparse.Namespace, overrides: list[str], argv: list[str]) -> runner.Settings:
    suffix = "-quick" if args.quick else ""
    return runner.Settings(
        out=args.out or Path(f"results/sensitivity/{args.method}{suffix}"),
        days=args.days or DAYS[args.quick],
        seed=args.seed,
        replicates=args.replicates,
        launcher=args.launcher,
        parallel=args.parallel or runner.default_parallel(args.launcher),
        overrides=overrides,
        command=shlex.join(["python", "-m", "experiments.sensitivity", *argv]),
        run=args.run,
    )


def dispatch(args: argparse.Namespace, cfg: runner.Settings) -> Path:
    names = resolve(args.params.split(",")) if args.params else list(MAIN)
    size = args.samples or SIZES[args.method][args.quick]
    if args.method == "morris":
        policy = args.policy or "baseline"
        return morris.run(cfg, names, size, args.levels, args.seed_factor, policy)
    if args.method == "sobol":
        return sobol.run(cfg, names, size, args.seed_factor, args.policy or "baseline")
    from experiments.sensitivity import discovery  # prim imports scipy.stats: seconds

    question = discovery.Question(args.policy or "reform", args.metric)
    return discovery.run(cfg, names, size, question, args.min_coverage, args.max_dims)


RESERVED = ("policy", "seed", "days", "replicates", "hydra.sweep.dir", "hydra.searchpath")


def _refused(overrides: list[str]) -> str:
    """Overrides the analysis sets itself (options instead), and misspelt options."""
    for o in overrides:
        if o.startswith("-"):
            return f"unknown option {o}"
        if o.split("=", 1)[0].lstrip("+~") in RESERVED:
            return f"{o}: use --policy, --seed, --days, --replicates, --out instead"
    return ""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, overrides = _parser().parse_known_args(argv)
    overrides = [o for o in overrides if o != "--"]
    if problem := _refused(overrides):
        print(f"sensitivity: {problem}", file=sys.stderr)
        return 2
    try:
        path = dispatch(args, settings(args, overrides, argv))
    except (KeyError, ValueError, runner.IncompleteRuns) as err:
        print(f"sensitivity: {err}", file=sys.stderr)
        return 1
    print(f"summary: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
