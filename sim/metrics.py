"""Records -> the run's metrics (metrics.json) and daily time series (timeseries.csv).

Every metric is defined here and nowhere else. Resolution and coverage rates divide by the items
that arose, so a case still open at the end counts against them; on-time rates divide by the
cases that became known (detected or reported). Days-open statistics of disputes cover all ended
disputes, resolved or escalated.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.workitems import Kind, State

if TYPE_CHECKING:
    from sim.model import GovernanceModel


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else math.nan


def _stat(values: np.ndarray, fn) -> float:
    return float(fn(values)) if len(values) else math.nan


def _spread(values: np.ndarray) -> float:
    """Gap between the 90th and 10th percentile across communities (0 for a single one)."""
    values = values[~np.isnan(values)]
    return float(np.percentile(values, 90) - np.percentile(values, 10)) if len(values) else 0.0


def compute(model: GovernanceModel) -> dict[str, float]:
    reg, rec, cfg = model.registry, model.records, model.cfg
    t = rec.table()
    c = rec.counters
    days_open = t["ended"] - t["arisen"]
    is_dispute, is_service = t["kind"] == Kind.DISPUTE, t["kind"] == Kind.SERVICE
    resolved = t["state"] == State.RESOLVED
    disputes_ended = days_open[is_dispute]
    dispute_known = c["dispute_reported"] + c["dispute_detected"]
    met = is_service & resolved
    met_by_community = np.bincount(t["community"][met], minlength=len(model.committees))
    arisen_by_community = rec.community_counts.get(
        "service_arisen", np.zeros(len(model.committees), dtype=np.int64)
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage_by_community = np.where(
            arisen_by_community > 0, met_by_community / arisen_by_community, np.nan
        )
    out = {
        "seed": cfg.seed,
        "days": model.day,
        "residents": model.population.n,
        "communities": len(model.committees),
        "community_workers": sum(len(cm.workers) for cm in model.committees),
        "grid_workers": len(model.grid_workers),
        "dispute_arisen": reg.arisen(Kind.DISPUTE),
        "dispute_reported": c["dispute_reported"],
        "dispute_detected": c["dispute_detected"],
        "dispute_resolved": reg.ended(Kind.DISPUTE, State.RESOLVED),
        "dispute_escalated": reg.ended(Kind.DISPUTE, State.ESCALATED),
        "dispute_open_end": reg.open(Kind.DISPUTE),
        "dispute_resolution_rate": _ratio(
            reg.ended(Kind.DISPUTE, State.RESOLVED), reg.arisen(Kind.DISPUTE)
        ),
        "dispute_on_time_rate": _ratio((is_dispute & t["on_time"]).sum(), dispute_known),
        "dispute_median_days": _stat(disputes_ended, np.median),
        "dispute_mean_days_open": _stat(disputes_ended, np.mean),
        "dispute_p90_days": _stat(disputes_ended, lambda v: np.percentile(v, 90)),
        "service_arisen": reg.arisen(Kind.SERVICE),
        "service_met": reg.ended(Kind.SERVICE, State.RESOLVED),
        "service_open_end": reg.open(Kind.SERVICE),
        "service_coverage": _ratio(
            reg.ended(Kind.SERVICE, State.RESOLVED), reg.arisen(Kind.SERVICE)
        ),
        "service_coverage_vulnerable": _ratio(
            (met & (t["vulnerable"] == 1)).sum(), c["service_arisen_vulnerable"]
        ),
        "service_on_time_rate": _ratio(
            (is_service & t["on_time"]).sum(), c["service_reported"] + c["service_detected"]
        ),
        "service_median_days": _stat(days_open[met], np.median),
        "admin_pushed": c["admin_pushed"],
        "admin_approved": c["admin_approved"],
        "admin_refused": c["admin_refused"],
        "admin_bypassed": c["admin_bypassed"],
        "admin_entered": c["admin_entered"],
        "admin_done": reg.ended(Kind.ADMIN, State.RESOLVED),
        "admin_open_end": reg.open(Kind.ADMIN),
        "admin_burden_share": _ratio(c["staff_admin_hours"], c["staff_hours"]),
        "paid_help_hours": float(c["paid_help_hours"]),
        "funds_transferred": model.ledger.moved("fee_follows_task"),
        "paid_help_wages": model.ledger.moved("paid_help_wages"),
        "fees_unpaid": float(c["fees_unpaid"]),
        "mean_satisfaction": model.population.mean_satisfaction,
        "mean_trust": model.population.mean_trust,
        "community_coverage_spread": _spread(coverage_by_community),
        "petitions": reg.ended(Kind.DISPUTE, State.ESCALATED),
        "resolved_in_community_share": _ratio(
            (is_dispute & resolved & (t["level"] == 0)).sum(), (is_dispute & resolved).sum()
        ),
        "handoffs_lost": c["handoffs_lost"],
        "service_not_properly_resolved": c["service_not_properly_resolved"],
        "volunteer_hours": float(c["volunteer_hours"]),
        "social_org_contract_spend": model.ledger.moved("contract_payment"),
        "contracts_moved": c["contracts_moved"],
        "orgs_incubated": c["orgs_incubated"],
        "reform_spend": sum(model.ledger.moved(p) for p in REFORM_SPENDING),
        "cost_per_resolved_case": _ratio(
            sum(model.ledger.moved(p) for p in RESIDENT_SERVICE_SPENDING),
            reg.ended(Kind.DISPUTE, State.RESOLVED) + reg.ended(Kind.SERVICE, State.RESOLVED),
        ),
        "certified_worker_share": _ratio(
            sum(w.certified for cm in model.committees for w in cm.workers),
            sum(len(cm.workers) for cm in model.committees),
        ),
    }
    for k, name in enumerate(model.category_names):
        out[f"service_coverage_{name}"] = _ratio(
            (met & (t["category"] == k)).sum(), c[f"service_arisen_{name}"]
        )
    if model.cfg.interventions:
        day = min(i.day for i in model.cfg.interventions)
        out |= {f"{k}_before": v for k, v in window(model, 0, day).items()}
        out |= {f"{k}_after": v for k, v in window(model, day, model.day).items()}
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in out.items()}


def window(model: GovernanceModel, start: int, end: int) -> dict[str, float]:
    """Headline rates for cases that arose (or, for on-time, became known) in [start, end)."""
    t = model.records.table()
    daily = pd.DataFrame.from_records(model.records.daily)
    if end <= start or daily.empty:
        return dict.fromkeys(WINDOW_KEYS, math.nan)
    days = daily[(daily.day >= start) & (daily.day < end)]
    last = daily[daily.day < end].iloc[-1]
    before = daily[daily.day < start].iloc[-1] if start > 0 else None

    def grown(column: str) -> float:
        return last[column] - (before[column] if before is not None else 0)

    in_window = (t["arisen"] >= start) & (t["arisen"] < end)
    known_in = (t["known"] >= start) & (t["known"] < end)
    dispute, service = t["kind"] == Kind.DISPUTE, t["kind"] == Kind.SERVICE
    resolved = t["state"] == State.RESOLVED
    return {
        "dispute_resolution_rate": _ratio(
            (dispute & resolved & in_window).sum(), grown("disputes_arisen_total")
        ),
        "dispute_on_time_rate": _ratio(
            (dispute & t["on_time"] & known_in).sum(), grown("disputes_known_total")
        ),
        "service_coverage": _ratio(
            (service & resolved & in_window).sum(), grown("services_arisen_total")
        ),
        "admin_burden_share": _ratio(days.staff_admin_hours.sum(), days.staff_hours.sum()),
        "mean_satisfaction": float(last.mean_satisfaction),
    }


WINDOW_KEYS = (
    "dispute_resolution_rate",
    "dispute_on_time_rate",
    "service_coverage",
    "admin_burden_share",
    "mean_satisfaction",
)
# Money the reforms spend (staff salaries are not modelled); paid help does department tasks,
# so only the rest counts toward the cost of a resolved resident case.
RESIDENT_SERVICE_SPENDING = (
    "contract_payment",
    "volunteer_credits",
    "training",
    "allowances",
    "incubation",
)
REFORM_SPENDING = ("paid_help_wages", *RESIDENT_SERVICE_SPENDING)


def timeseries(model: GovernanceModel) -> pd.DataFrame:
    return pd.DataFrame.from_records(model.records.daily)
