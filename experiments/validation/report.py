"""The validation report: one Markdown file collecting every validation's verdict and figure."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from experiments.validation import common
from experiments.validation.common import Outcome
from sim.io import write_text

RULE = (
    "Each verdict comes from the checks below it: every check states its criterion, applied to "
    "the 95% confidence interval across seeds (Student t on per-seed estimates; seeds are paired "
    "across settings by common random numbers). All checks pass → **shows** (agrees, inside); "
    "none → **does not show** (disagrees, outside); otherwise **partly**. Nothing was tuned to "
    "make a check pass."
)


def _commit() -> str:
    """The code version the report was built with (short hash, "+dirty" with local changes)."""
    try:
        head = subprocess.run(
            ["git", "describe", "--always", "--dirty=+dirty"],
            cwd=common.ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return head.stdout.strip() or "unknown"


def _shown(path: Path) -> str:
    """A path relative to the repository when it lies inside it."""
    try:
        return str(path.resolve().relative_to(common.ROOT))
    except ValueError:
        return str(path)


def _summary(outcomes: Sequence[Outcome]) -> str:
    lines = ["| validation | verdict | checks passed | first check: estimate [95% CI] |"]
    lines.append("|---|---|---|---|")
    for o in outcomes:
        first = o.checks[0] if o.checks else None
        estimate = f"{common.fmt(first.estimate)} {common.ci(first)}" if first else "—"
        passed = f"{sum(c.passed for c in o.checks)}/{len(o.checks)}"
        lines.append(f"| [{o.title}](#{o.key}) | **{o.verdict}** | {passed} | {estimate} |")
    return "\n".join(lines)


def _section(o: Outcome, out: Path) -> str:
    parts = [
        f'<a id="{o.key}"></a>\n\n## {o.title}',
        f"**Hypothesis.** {o.hypothesis}",
        f"**Design.** {o.design}",
        f"**Verdict: {o.verdict}.**",
        common.checks_table(o.checks),
    ]
    if o.table:
        parts.append(o.table)
    parts.append(o.explanation)
    parts += [f"![{o.key}]({os.path.relpath(p, out)})" for p in o.figures if p.suffix == ".png"]
    return "\n\n".join(parts)


def write(out: Path, outcomes: Sequence[Outcome], command: str, missing: Sequence[str]) -> Path:
    """Write out/report.md; return its path."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    head = [
        "# Validation report",
        f"Built {stamp} from the runs under `{_shown(out)}` (code {_commit()}) by:",
        f"```bash\n{command}\n```",
        RULE,
        _summary(outcomes),
    ]
    if missing:
        head.append("Not available (no finished runs on disk): " + ", ".join(missing) + ".")
    text = "\n\n".join(head + [_section(o, out) for o in outcomes]) + "\n"
    path = out / "report.md"
    write_text(path, text)
    return path
