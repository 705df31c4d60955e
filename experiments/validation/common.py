"""What every validation shares: checks with a stated criterion, the verdict rule, the outcome
record, and running an experiment's sweep into a fixed folder.

A validation never hard-codes its verdict. It computes per-seed estimates from the runs on disk,
turns each into a `Check` (mean, 95% CI across seeds, a criterion stated in words and applied to
the CI), and `verdict` counts the checks that pass: all → "shows", none → "does not show",
otherwise "partly". A check whose CI cannot be computed (fewer than two seeds) does not pass.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

from experiments import stats
from sim.io import write_text

ROOT = Path(__file__).resolve().parents[2]
SHOWS, PARTLY, NOT_SHOWN = "shows", "partly", "does not show"
VERDICTS = (SHOWS, PARTLY, NOT_SHOWN)
FIGURE_FORMATS = ("png",)


@dataclass(frozen=True)
class Check:
    """One testable part of a hypothesis: an estimate with its 95% CI and the rule applied."""

    claim: str
    estimate: float
    low: float
    high: float
    criterion: str
    passed: bool
    n: int = 0

    def row(self, digits: int = 3) -> str:
        """A Markdown table row: claim | estimate [CI] | criterion | pass."""
        mark = "yes" if self.passed else "no"
        return f"| {self.claim} | {fmt(self.estimate, digits)} {ci(self, digits)} | " + (
            f"{self.criterion} | {mark} |"
        )


def fmt(x: float, digits: int = 3) -> str:
    """A number for a report: n/a when undefined, thousands separators when large."""
    if x is None or not math.isfinite(x):
        return "n/a"
    if float(x).is_integer() and abs(x) < 1000:
        return str(int(x))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}" if abs(x) >= 1 else f"{x:.{digits}f}"


def ci(check: Check, digits: int = 3) -> str:
    return f"[{fmt(check.low, digits)}, {fmt(check.high, digits)}]"


def interval(values: Iterable[float]) -> tuple[float, float, float, int]:
    """Mean and Student-t 95% CI of per-seed values (NaN bounds with fewer than two)."""
    return stats.mean_ci(pd.Series(list(values), dtype=float))


def _check(claim: str, values: Iterable[float], criterion: str, rule) -> Check:
    mean, low, high, n = interval(values)
    passed = bool(n >= 2 and math.isfinite(low) and math.isfinite(high) and rule(low, high))
    return Check(claim, mean, low, high, criterion, passed, n)


def _tolerance(threshold: float) -> float:
    """Rounding slack: a slope of identical values can come out as 1e-17, which is not > 0."""
    return 1e-9 * max(1.0, abs(threshold))


def above(claim: str, values: Iterable[float], threshold: float = 0.0) -> Check:
    """Passes when the whole 95% CI lies above `threshold` (an effect with a known sign)."""
    tol = _tolerance(threshold)
    return _check(
        claim, values, f"95% CI above {fmt(threshold)}", lambda lo, hi: lo > threshold + tol
    )


def below(claim: str, values: Iterable[float], threshold: float = 0.0) -> Check:
    """Passes when the whole 95% CI lies below `threshold`."""
    tol = _tolerance(threshold)
    return _check(
        claim, values, f"95% CI below {fmt(threshold)}", lambda lo, hi: hi < threshold - tol
    )


def within(claim: str, values: Iterable[float], lo: float, hi: float) -> Check:
    """Passes when the whole 95% CI lies inside [lo, hi] (e.g. "roughly proportional")."""
    return _check(
        claim,
        values,
        f"95% CI inside [{fmt(lo)}, {fmt(hi)}]",
        lambda low, high: lo <= low and high <= hi,
    )


def near(claim: str, values: Iterable[float], target: float, tolerance: float) -> Check:
    """Passes when the 95% CI overlaps target ± tolerance (relative): agreement with a
    prediction up to sampling error and the stated tolerance."""
    lo, hi = target * (1 - tolerance), target * (1 + tolerance)
    return _check(
        claim,
        values,
        f"95% CI overlaps {fmt(target)} ± {tolerance:.0%}",
        lambda low, high: low <= hi and high >= lo,
    )


def verdict(checks: Sequence[Check], words: Sequence[str] = VERDICTS) -> str:
    """All checks pass → words[0]; none → words[2]; some → words[1]."""
    passed = sum(c.passed for c in checks)
    if checks and passed == len(checks):
        return words[0]
    return words[2] if passed == 0 else words[1]


@dataclass
class Outcome:
    """A validation's result: what was tested, how, the checks, the verdict and why."""

    key: str
    title: str
    hypothesis: str
    design: str
    checks: list[Check]
    verdict: str
    explanation: str
    figures: list[Path] = field(default_factory=list)
    table: str = ""
    numbers: dict[str, float] = field(default_factory=dict)

    def save(self, folder: Path) -> Path:
        """verdict.json beside the figure: the machine-readable form of the report section."""
        data = asdict(self)
        data["figures"] = [os.path.relpath(p, folder) for p in self.figures]
        path = folder / "verdict.json"
        write_text(path, json.dumps(data, indent=2, ensure_ascii=False, default=_plain) + "\n")
        return path

    @classmethod
    def load(cls, folder: Path) -> Outcome:
        """The outcome a previous analysis saved in folder/verdict.json."""
        data = json.loads((folder / "verdict.json").read_text(encoding="utf-8"))
        data["checks"] = [Check(**c) for c in data["checks"]]
        data["figures"] = [folder / p for p in data["figures"]]
        return cls(**data)


def outcome(
    validation: ModuleType,
    design: str,
    checks: list[Check],
    numbers: dict[str, float],
    figures: list[Path],
    table: str = "",
) -> Outcome:
    """A validation module's outcome: its KEY, TITLE and HYPOTHESIS, the verdict in its own
    WORDS if it has them, and its `explain(checks, numbers)`."""
    return Outcome(
        key=validation.KEY,
        title=validation.TITLE,
        hypothesis=validation.HYPOTHESIS,
        design=design,
        checks=checks,
        verdict=verdict(checks, getattr(validation, "WORDS", VERDICTS)),
        explanation=validation.explain(checks, numbers),
        figures=figures,
        table=table,
        numbers=numbers,
    )


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)


def checks_table(checks: Sequence[Check], digits: int = 3) -> str:
    head = "| check | estimate [95% CI] | criterion | passes |\n|---|---|---|---|"
    return "\n".join([head, *(c.row(digits) for c in checks)])


# ------------------------------------------------------------------------------ sweeps
def launcher(jobs: int) -> list[str]:
    """Hydra overrides for `jobs` parallel jobs (joblib), or none for one at a time."""
    return [] if jobs <= 1 else ["hydra/launcher=joblib", f"hydra.launcher.n_jobs={jobs}"]


def run_sweep(experiment: str, sweep: Path, overrides: Sequence[str] = (), jobs: int = 1) -> int:
    """Run `conf/experiment/<experiment>.yaml` as a Hydra multirun into `sweep`; finished runs
    are skipped, so a second call resumes. Hydra's log goes to sweep.log beside the folder."""
    command = [
        sys.executable,
        "-m",
        "sim",
        f"+experiment={experiment}",
        f"hydra.sweep.dir={sweep}",
        *launcher(jobs),
        *overrides,
    ]
    sweep.parent.mkdir(parents=True, exist_ok=True)
    print("  running:", " ".join(command[2:]), flush=True)
    with open(sweep.parent / "sweep.log", "a", encoding="utf-8") as log:
        done = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    return done.returncode
