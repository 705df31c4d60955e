"""The main job: the default scenario comparison, from runs to report.

    python -m experiments.compare [--out results/comparison] [hydra overrides...]

Runs the `policy_comparison` experiment (four policy presets × 20 seeds, community scale) as a
Hydra multirun into a fixed folder, so a second call resumes instead of starting over, then builds
the report from whatever runs finished — a failed run never takes the others' results with it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from experiments import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("results/comparison"))
    parser.add_argument("--experiment", default="policy_comparison")
    args, overrides = parser.parse_known_args(argv)
    command = [
        sys.executable,
        "-m",
        "sim",
        f"+experiment={args.experiment}",
        f"hydra.sweep.dir={args.out}",
        *overrides,
    ]
    print("running:", " ".join(command[1:]), flush=True)
    status = subprocess.run(command).returncode
    if status == 2:  # invalid configuration: nothing ran
        return status
    try:
        path = report.build(args.out)
    except FileNotFoundError as err:
        print(f"compare: {err}", file=sys.stderr)
        return 1
    print(f"report: {path}")
    if status:
        print(
            "compare: some runs failed; the report covers the runs that finished", file=sys.stderr
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
