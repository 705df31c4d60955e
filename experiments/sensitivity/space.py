"""The uncertain inputs the analyses vary, and the range each is varied over.

Ranges come from the figures in `sim/config.py`'s sources and `../shared/calibration.md` where
those give a range; otherwise ±50% of the default, clipped to the field's allowed [lo, hi]. The
rule and the reason are kept with each range so every output can say why it was chosen.

Policy levers (whether access control, fee-follows-task … are on, grid density) are *not*
uncertainties: they are what the analyses compare. The reform's own implementation dials that
nobody controls — how often departments bypass the access list, how much paid help a committee
can actually hire — are uncertainties of the reform and enter the scenario discovery only.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields, is_dataclass
from typing import Any

import pandas as pd

from sim.config import SimConfig

SPREAD = 0.5  # ±50% of the default where no source gives a range
SEED = "seed"  # the random seed, varied as a factor: its index is the noise floor

# Parameters whose range a source gives: (low, high, why).
CALIBRATED: dict[str, tuple[float, float, str]] = {
    "cases.dispute_rate": (
        0.008,
        0.038,
        "people's mediation handles 0.004 (Huangshi) to 0.019 (Nanjing) disputes per resident-year "
        "(calibration.md); divided by the 0.5 share of disputes that reach mediation assumed in "
        "sim/config.py",
    ),
    "staff.community_workers_per_10k": (
        9.0,
        25.0,
        "provincial plans target 18 per 10k and some set 25 (calibration.md): 25 is the high end; "
        "no figure for staffing below target, so the low end is the default −50%",
    ),
}

# Why each ±50% parameter is uncertain (its default is one figure or an assumption).
REASONS: dict[str, str] = {
    "cases.severity_growth": "assumption (no source): how fast an unhandled dispute escalates",
    "cases.mediation_success": "assumption (no source): chance a session resolves a dispute",
    "cases.dispute_effort_hours": "assumption (no source): hours per mediation session",
    "residents.report_base": "assumption (no source): residents' propensity to report",
    "residents.report_slope": "assumption (no source): how engagement changes reporting",
    "staff.households_per_patrol_hour": "assumption (no source): grid workers' visit rate",
    "staff.handoff_loss": "assumption (no source): hand-offs upward that get lost",
    "staff.admin_priority": "value an assumption (seed 003 only says tasks come with evaluations)",
    "departments.push_rate": "one figure (Hubei 2003: ≈1,850 tasks per community-year), no range",
    "departments.task_effort_hours": (
        "calibrated to a 0.65–0.70 share of staff hours on tasks, itself an assumption "
        "('no measured survey found', calibration.md)"
    ),
    "policy.access_control.bypass_rate": "assumption: seed 003 names bypassing but gives no rate",
    "policy.fee_follows_task.max_paid_share": "assumption: how much paid help can be hired",
}

# The main uncertainties, for Morris, Sobol and PRIM (order = order in tables and figures).
MAIN: tuple[str, ...] = (
    "cases.dispute_rate",
    "cases.severity_growth",
    "cases.mediation_success",
    "cases.dispute_effort_hours",
    "departments.push_rate",
    "departments.task_effort_hours",
    "staff.community_workers_per_10k",
    "staff.households_per_patrol_hour",
    "staff.handoff_loss",
    "staff.admin_priority",
    "residents.report_base",
    "residents.report_slope",
)
# Implementation uncertainties of the reform: scenario discovery only (no effect on baseline).
REFORM: tuple[str, ...] = (
    "policy.access_control.bypass_rate",
    "policy.fee_follows_task.max_paid_share",
)


@dataclass(frozen=True)
class Uncertainty:
    """One varied input: its dotted config name, range, and where the range comes from."""

    name: str
    low: float
    high: float
    default: float
    unit: str
    integer: bool
    rule: str
    reason: str
    source: str = ""


def _field(path: str) -> tuple[Any, dict[str, Any]]:
    """Default value and metadata of a dotted field of `SimConfig`, from the dataclasses."""
    node: Any = SimConfig
    *parents, leaf = path.split(".")
    for name in parents:
        f = next((f for f in fields(node) if f.name == name), None)
        if f is None or f.default_factory is MISSING:
            raise KeyError(f"{path}: {name} is not a section of the configuration")
        node = f.default_factory()
    if not is_dataclass(node):
        raise KeyError(f"{path} is not a configuration field")
    f = next((f for f in fields(node) if f.name == leaf), None)
    if f is None or f.default is MISSING or "unit" not in f.metadata:
        raise KeyError(f"{path} is not a numeric parameter with a declared range")
    return f.default, dict(f.metadata)


def uncertainty(path: str) -> Uncertainty:
    """The range of one parameter: calibrated if a source gives one, else ±50% clipped."""
    if path == SEED:
        return Uncertainty(
            SEED, 0, 999_999, 0, "integer", True, "seed as a factor", "random-number stream"
        )
    default, meta = _field(path)
    integer = isinstance(default, int) and not isinstance(default, bool)
    if path in CALIBRATED:
        low, high, reason = CALIBRATED[path]
        rule = "calibration"
    else:
        raw = (_tidy(default * (1 - SPREAD)), _tidy(default * (1 + SPREAD)))
        low = raw[0] if meta["lo"] is None else max(raw[0], meta["lo"])
        high = raw[1] if meta["hi"] is None else min(raw[1], meta["hi"])
        rule = f"default ±{SPREAD:.0%}" + (" (clipped)" if (low, high) != raw else "")
        reason = REASONS.get(path, "no source gives a range")
    return Uncertainty(
        path, low, high, default, meta["unit"], integer, rule, reason, meta.get("source", "")
    )


def _tidy(x: float) -> float:
    """0.0375 rather than 0.037500000000000006 in tables and sample files."""
    return float(f"{x:.12g}")


def resolve(names: list[str]) -> list[str]:
    """Full dotted names from full or last-part names (`dispute_rate` → `cases.dispute_rate`)."""
    known = [*MAIN, *REFORM]
    out = []
    for name in names:
        hits = [k for k in known if k == name or k.endswith("." + name)]
        if len(hits) == 1:
            out.append(hits[0])
        elif not hits and name.count("."):
            uncertainty(name)  # raises KeyError if it is not a numeric parameter
            out.append(name)
        else:
            raise KeyError(f"{name}: {'ambiguous' if hits else 'unknown'} (known: {known})")
    return out


def uncertainties(names: list[str], seed_factor: bool) -> list[Uncertainty]:
    """The uncertainties to vary, with the seed appended when it is varied as a factor."""
    return [uncertainty(n) for n in names] + ([uncertainty(SEED)] if seed_factor else [])


def problem(space: list[Uncertainty]) -> dict[str, Any]:
    """SALib's problem definition (names and bounds)."""
    return {
        "num_vars": len(space),
        "names": [u.name for u in space],
        "bounds": [[u.low, u.high] for u in space],
    }


def ranges_table(space: list[Uncertainty]) -> pd.DataFrame:
    """What each output's `ranges.csv` records: the range, its rule and its reason."""
    rows = [
        {
            "parameter": u.name,
            "unit": u.unit,
            "default": u.default,
            "low": u.low,
            "high": u.high,
            "rule": u.rule,
            "reason": u.reason,
            "config_source": u.source,
        }
        for u in space
    ]
    return pd.DataFrame(rows)


def design(samples: Any, space: list[Uncertainty]) -> pd.DataFrame:
    """SALib's sample matrix as a table; integer parameters (and the seed) rounded."""
    frame = pd.DataFrame(samples, columns=[u.name for u in space])
    for u in space:
        if u.integer:
            frame[u.name] = frame[u.name].round().clip(u.low, u.high).astype(int)
    return frame
