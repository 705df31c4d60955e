"""Plausibility against public figures: how long does the district preset take to close service
requests, next to NYC 311 and the seeds' own figures?

Design (`conf/experiment/validation_plausibility.yaml`): the district preset (500k residents, 40
communities) under the status quo, 455 days, the seeds that file declares. Runs do not write each
case's close time, so this script runs the same configuration through the Python API
(`sim.run`) and keeps, per seed, the ended disputes and service needs with the days they became
known and ended (`items.csv.gz`), so the report can be rebuilt without rerunning.

Cases counted: those that became known from day 30 (after a month of warm-up, when queues start
empty) to day 365; they have at least 90 more days to close. Days to close = ended − known
(calendar days, as 311 counts them); "within 7 working days" uses the model's own calendar (the
seed 001 deadline). Service needs still open at the end are left out of the closed-case
statistics (311 statistics are over closed requests too) and counted as late in a lower bound.

Reference figures and the bands used (judgement, stated so it can be disputed):
- NYC 311, 2004–2016: median 2.9 and mean 9.0 days to close → "inside" = within a factor of 2;
- another large sample: 85.7% closed within 7 days → inside = within ±10 percentage points;
- seed 001: 11 administrative complaints forwarded, all closed within 7 working days. If a share
  p of department-handled requests closes in time, 11 of 11 happens with chance p¹¹; the model
  is consistent with the seed when p¹¹ ≥ 0.05, i.e. p ≥ 0.762.
Verdict: all inside → "inside", none → "outside", otherwise "partly inside".
"""

from __future__ import annotations

import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from experiments import plots
from experiments.validation import common
from experiments.validation.common import Check, Outcome
from sim import io
from sim.calendar import Calendar
from sim.workitems import Kind, State

KEY = "plausibility"
EXPERIMENT = "validation_plausibility"
TITLE = "Plausibility: days to close service requests (district preset)"
HYPOTHESIS = (
    "At district scale the model closes residents' service requests on a time scale comparable "
    "with published service-request figures (NYC 311) and the seeds' own figures."
)
WORDS = ("inside", "partly inside", "outside")
NYC_MEDIAN, NYC_MEAN, WITHIN_7 = 2.9, 9.0, 0.857
SEED_COMPLAINTS, SEED_LEVEL = 11, 0.05
SEED_SHARE = SEED_LEVEL ** (1 / SEED_COMPLAINTS)  # p with p¹¹ = 0.05
FACTOR, POINTS = 2.0, 0.10
WARMUP, YEAR = 30, 365
QUICK = ["district.residents=8000", "district.communities=4", "district.streets=2", "days=60"]
COLUMNS = ["kind", "category", "level", "state", "arisen", "known", "ended"]
OPEN_STATES = (State.DETECTED, State.REPORTED, State.QUEUED, State.IN_PROGRESS)


# ------------------------------------------------------------------------------ collect
def declared_seeds(overrides: list[str]) -> list[int]:
    """The seeds the experiment file sweeps (`hydra.sweeper.params.seed`: "0,1,2" or range)."""
    from hydra import compose, initialize_config_dir

    from sim.config import register
    from sim.run import CONF_DIR

    register()
    with initialize_config_dir(version_base="1.3", config_dir=str(CONF_DIR)):
        cfg = compose("config", [f"+experiment={EXPERIMENT}", *overrides], return_hydra_config=True)
    text = str(cfg.hydra.sweeper.params.get("seed", "0"))
    if match := re.fullmatch(r"range\((\d+),\s*(\d+)(?:,\s*(\d+))?\)", text):
        start, stop, step = (int(g) if g else 1 for g in match.groups())
        return list(range(start, stop, step))
    return [int(s) for s in text.split(",")]


def _collect_seed(folder: Path, overrides: list[str], seed: int) -> Path:
    """Run one seed and keep its ended cases; done.json (written last) marks it finished."""
    from sim.config import identity
    from sim.run import load_config, run

    cfg = load_config([f"+experiment={EXPERIMENT}", *overrides, f"seed={seed}"])
    out = folder / f"seed{seed}"
    done = out / "done.json"
    if done.exists() and io.read_json(done).get("config") == identity(cfg):
        return out
    result = run(cfg, quiet=True)
    table = result.model.records.table()
    items = pd.DataFrame({c: table[c] for c in COLUMNS})
    items = items[items["kind"].isin([Kind.DISPUTE, Kind.SERVICE])]
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / ".items.csv.gz.tmp"
    items.to_csv(tmp, index=False, compression="gzip")
    os.replace(tmp, out / "items.csv.gz")
    counts = result.model.registry.counts
    extra = {"service_open_known": int(sum(counts[Kind.SERVICE, s] for s in OPEN_STATES))}
    io.write_json(out / "metrics.json", result.metrics | extra)
    io.write_json(out / "organizations.json", _organizations(result.model))
    io.write_json(done, {"config": identity(cfg), "days": cfg.days})
    return out


def _organizations(model) -> dict:
    """Per service category: social organizations' own hours a working day and the requests
    waiting at their desks when the run ends (read from the model, not part of the run's files)."""
    names = list(model.category_names)
    hours, waiting = [0.0] * len(names), [0] * len(names)
    for org in model.social_orgs:
        hours[org.category] += org.hours
        waiting[org.category] += len(org.desk)
    shares = [cat.org_share for cat in model.categories]
    return {
        "categories": names,
        "org_hours_per_day": hours,
        "org_waiting_at_end": waiting,
        "org_share": shares,
    }


def collect(folder: Path, quick: bool, jobs: int) -> int:
    overrides = QUICK if quick else []
    seeds = declared_seeds(overrides)[:1] if quick else declared_seeds(overrides)
    print(f"  running: {EXPERIMENT} seeds {seeds} via the Python API", flush=True)
    workers = max(1, min(jobs, len(seeds)))
    if workers == 1:  # no worker processes to start for one at a time
        for seed in seeds:
            _collect_seed(folder, overrides, seed)
        return 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_collect_seed, [folder] * len(seeds), [overrides] * len(seeds), seeds))
    return 0


# ------------------------------------------------------------------------------ analyse
def window(days: int) -> tuple[int, int]:
    """Cases known in [first, last): after the warm-up, and long enough before the end."""
    return min(WARMUP, days // 6), min(YEAR, days - days // 5)


def load(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All seeds' cases known in the window (with calendar and working days to close), and one
    row of metrics per seed."""
    frames, metrics = [], []
    for done in sorted(folder.glob("seed*/done.json")):
        days = int(io.read_json(done)["days"])
        first, last = window(days)
        items = pd.read_csv(done.parent / "items.csv.gz")
        items = items[(items["known"] >= first) & (items["known"] < last)].copy()
        worked = Calendar(days).worked
        items["days"] = items["ended"] - items["known"]
        items["working_days"] = worked[items["ended"] + 1] - worked[items["known"] + 1]
        m = io.read_json(done.parent / "metrics.json")
        frames.append(items.assign(seed=m["seed"]))
        metrics.append(m | {"window_first": first, "window_last": last})
    if not frames:
        raise FileNotFoundError(f"no finished seeds (done.json) under {folder}")
    return pd.concat(frames, ignore_index=True), pd.DataFrame(metrics)


def interpolated_median(days: pd.Series) -> float:
    """The median of whole-day counts, each count k standing for [k − ½, k + ½) (the grouped-data
    median). The plain median jumps between whole days when half the requests close at a
    boundary (here: within one day), which makes it useless to compare across seeds."""
    if days.empty:
        return float("nan")
    k = float(days.median())
    below, at = float((days < k).mean()), float((days == k).mean())
    return k - 0.5 + (0.5 - below) / at if at > 0 else k


def per_seed(items: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Close-time statistics of resolved service requests, one row per seed."""
    rows = []
    for seed, frame in items.groupby("seed"):
        closed = frame[(frame["kind"] == Kind.SERVICE) & (frame["state"] == State.RESOLVED)]
        upward = closed[closed["level"] == 1]
        disputes = frame[(frame["kind"] == Kind.DISPUTE) & (frame["state"] == State.RESOLVED)]
        still_open = float(metrics.set_index("seed").at[seed, "service_open_known"])
        rows.append(
            {
                "seed": seed,
                "closed": len(closed),
                "median_days": interpolated_median(closed["days"]),
                "whole_day_median": float(closed["days"].median()),
                "over_30_days": float((closed["days"] > 30).mean()),
                "mean_days": float(closed["days"].mean()),
                "within_7_days": float((closed["days"] <= 7).mean()),
                "within_7_working": float((closed["working_days"] <= 7).mean()),
                "within_7_working_low": float(
                    (closed["working_days"] <= 7).sum() / (len(closed) + still_open)
                ),
                "same_day": float((closed["days"] == 0).mean()),
                "at_deadline": float(closed["working_days"].between(6, 7).mean()),
                "upward_share": len(upward) / max(1, len(closed)),
                "upward_within_7_working": float((upward["working_days"] <= 7).mean()),
                "upward_max_working": float(upward["working_days"].max()),
                "dispute_median_days": float(disputes["days"].median()),
                "dispute_within_7_working": float((disputes["working_days"] <= 7).mean()),
            }
        )
    return pd.DataFrame(rows)


def checks(stats_: pd.DataFrame) -> list[Check]:
    return [
        common.within(
            f"median days to close a service request, interpolated (NYC 311: {NYC_MEDIAN})",
            stats_["median_days"],
            NYC_MEDIAN / FACTOR,
            NYC_MEDIAN * FACTOR,
        ),
        common.within(
            f"mean days to close (NYC 311: {NYC_MEAN})",
            stats_["mean_days"],
            NYC_MEAN / FACTOR,
            NYC_MEAN * FACTOR,
        ),
        common.within(
            f"share closed within 7 days (large sample: {WITHIN_7:.1%})",
            stats_["within_7_days"],
            WITHIN_7 - POINTS,
            WITHIN_7 + POINTS,
        ),
        common.above(
            "share of requests handled upward (department) closed in 7 working days "
            "(seed 001: 11 of 11)",
            stats_["upward_within_7_working"],
            SEED_SHARE,
        ),
    ]


def load_organizations(folder: Path) -> dict[str, list[float]]:
    """Organizations' hours and end-of-run backlog per category, averaged over seeds."""
    found = [io.read_json(p) for p in sorted(folder.glob("seed*/organizations.json"))]
    if not found:
        return {
            "categories": [],
            "org_hours_per_day": [],
            "org_waiting_at_end": [],
            "org_share": [],
        }
    keys = ("org_hours_per_day", "org_waiting_at_end", "org_share")
    means = {key: np.mean([d[key] for d in found], axis=0).tolist() for key in keys}
    return {"categories": found[0]["categories"], **means}


def _slowest(items: pd.DataFrame, orgs: dict) -> dict[str, float | str]:
    """The service category with the longest mean close time, and its organizations' backlog."""
    closed = items[(items["kind"] == Kind.SERVICE) & (items["state"] == State.RESOLVED)]
    if closed.empty:
        return {}
    by = closed.groupby("category")["days"]
    k = int(by.mean().idxmax())
    names = orgs["categories"]
    return {
        "slowest": names[k] if k < len(names) else str(k),
        "slowest_mean": float(by.mean()[k]),
        "slowest_over_30": float((closed[closed["category"] == k]["days"] > 30).mean()),
        "slowest_share": float((closed["category"] == k).mean()),
        "slowest_org_hours": float(orgs["org_hours_per_day"][k]) if names else np.nan,
        "slowest_org_waiting": float(orgs["org_waiting_at_end"][k]) if names else np.nan,
        "slowest_org_share": float(orgs["org_share"][k]) if names else np.nan,
    }


def _numbers(stats_: pd.DataFrame, metrics: pd.DataFrame, slowest: dict) -> dict:
    out = {c: float(stats_[c].mean()) for c in stats_.columns if c != "seed"}
    p = out["upward_within_7_working"]
    out["chance_11_of_11"] = p**SEED_COMPLAINTS if np.isfinite(p) else np.nan
    out["window_first"] = float(metrics["window_first"].iloc[0])
    out["window_last"] = float(metrics["window_last"].iloc[0])
    out["open_known"] = float(metrics["service_open_known"].mean())
    out["whole_day_medians"] = sorted({float(v) for v in stats_["whole_day_median"]})
    return out | slowest


def explain(result: list[Check], n: dict) -> str:
    f = common.fmt
    whole = " or ".join(f(v) for v in n["whole_day_medians"])
    facts = (
        f"Service requests known on days {f(n['window_first'])}–{f(n['window_last'])}: median "
        f"{f(n['median_days'])} days (in whole days {whole}: "
        f"{f(n['same_day'])} close the day they become known), mean {f(n['mean_days'])} "
        f"calendar days, {f(n['within_7_days'])} closed within 7 days and "
        f"{f(n['within_7_working'])} within 7 working days ({f(n['within_7_working_low'])} if the "
        f"{f(n['open_known'])} requests still open at the end count as late). Requests handled "
        f"upward by departments ({f(n['upward_share'])} of those closed): a share "
        f"{f(n['upward_within_7_working'])} close within 7 working days, so 11 of them would all "
        f"do so with chance {f(n['chance_11_of_11'])}. Disputes: median "
        f"{f(n['dispute_median_days'])} days, {f(n['dispute_within_7_working'])} resolved within "
        "7 working days."
    )
    tail = ""
    if n.get("slowest_over_30", 0) > 0.05:
        tail = (
            f" The long tail (mean far above the median) is {n['slowest']} requests "
            f"({f(n['slowest_share'])} of those closed): mean {f(n['slowest_mean'])} days, "
            f"{f(n['slowest_over_30'])} take over 30. A share {f(n['slowest_org_share'])} of them "
            "is passed to social organizations, whose own hours for this category "
            f"({f(n['slowest_org_hours'])} a working day across the district) fall short of what "
            f"they receive: {f(n['slowest_org_waiting'])} were still waiting at organizations at "
            "the end."
        )
    return facts + tail + " " + _judgement(result, n)


def _judgement(result: list[Check], n: dict) -> str:
    median, mean, share, seed = (c.passed for c in result)
    notes = [
        "median: " + ("inside the band" if median else _median_reason(n)),
        "mean: "
        + (
            "inside the band (by a long tail, as in 311, whose mean is three times its median)"
            if mean
            else "outside the band ("
            + ("a longer" if n["mean_days"] > NYC_MEAN else "a shorter")
            + " tail of long-open requests than 311's)"
        ),
        "share within 7 days: " + ("inside the band" if share else "outside the band"),
        "seed 001: "
        + (
            "consistent: department-handled requests arrive after the referral delay and close "
            f"within {common.fmt(n['upward_max_working'])} working days at most"
            if seed
            else "inconsistent: department-handled requests miss 7 working days too often for "
            "11 of 11 to be likely"
        ),
    ]
    return "Against the public figures — " + "; ".join(notes) + "."


def _median_reason(n: dict) -> str:
    if n["median_days"] > NYC_MEDIAN * FACTOR:
        return (
            "above the band: committee staff give department tasks priority, so requests wait "
            "until their urgency catches up near the 7-working-day deadline, and weekends add "
            "calendar days"
        )
    return (
        "below the band: the model closes requests faster than 311 does, with "
        f"{common.fmt(n['same_day'])} closed the day they become known: most requests need "
        "a few hours of work, and the community's volunteers, grid workers and committee staff "
        "often have those hours the same day"
    )


def figure(items: pd.DataFrame, stats_: pd.DataFrame, folder: Path) -> list[Path]:
    closed = items[(items["kind"] == Kind.SERVICE) & (items["state"] == State.RESOLVED)]
    days = closed["days"]
    top = 30
    with plt.rc_context(plots.STYLE):
        fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8))
        left.hist(days.clip(upper=top + 1), bins=np.arange(-0.5, top + 2.0), density=True)
        left.axvline(NYC_MEDIAN, color=plots.COLOURS[1], linestyle="--", label="NYC 311 median")
        left.axvline(NYC_MEAN, color=plots.COLOURS[2], linestyle="-.", label="NYC 311 mean")
        left.axvline(interpolated_median(days), color="black", label="model median")
        left.set_xlabel(f"calendar days from known to closed (last bar: over {top})")
        left.set_ylabel("share of closed service requests")
        left.set_title("Days to close (all seeds pooled)")
        left.legend(fontsize=9)
        values = days.sort_values().to_numpy()
        right.step(values, np.arange(1, len(values) + 1) / max(1, len(values)), color="black")
        right.plot([7], [WITHIN_7], "s", color=plots.COLOURS[2], label="85.7% within 7 days")
        right.axhspan(WITHIN_7 - POINTS, WITHIN_7 + POINTS, color=plots.COLOURS[2], alpha=0.1)
        right.axvline(7, color="grey", linewidth=1)
        right.set_xlim(0, 2 * top)
        right.set_xlabel("calendar days from known to closed")
        right.set_ylabel("share closed within")
        right.set_title("Cumulative share closed (band: ±10 points)")
        right.legend(fontsize=9, loc="lower right")
        fig.suptitle("District preset, status quo: service requests against public figures")
        fig.tight_layout()
        return plots.save(fig, folder, KEY, common.FIGURE_FORMATS)


def _markdown(n: dict[str, float]) -> str:
    f = common.fmt
    rows = [
        ("median days to close (interpolated)", f(n["median_days"]), "2.9 (NYC 311, 2004–2016)"),
        ("mean days to close", f(n["mean_days"]), "9.0 (NYC 311, 2004–2016)"),
        ("closed within 7 days", f(n["within_7_days"]), "0.857 (another large sample)"),
        ("closed within 7 working days", f(n["within_7_working"]), "—"),
        (
            "handled upward, within 7 working days",
            f(n["upward_within_7_working"]),
            "11 of 11 administrative complaints (seed 001)",
        ),
    ]
    lines = ["| statistic | model | public figure |", "|---|---|---|"]
    return "\n".join([*lines, *(f"| {a} | {b} | {c} |" for a, b, c in rows)])


def analyse(folder: Path) -> Outcome:
    items, metrics = load(folder)
    stats_ = per_seed(items, metrics)
    result = checks(stats_)
    numbers = _numbers(stats_, metrics, _slowest(items, load_organizations(folder)))
    residents = int(metrics["residents"].iloc[0])
    return common.outcome(
        sys.modules[__name__],
        design=(
            f"`{EXPERIMENT}` through the Python API: {len(stats_)} seeds, {residents:,} "
            f"residents, {int(metrics['days'].iloc[0])} days; {int(stats_['closed'].sum()):,} "
            "closed service requests known in the window. Bands: a factor of 2 around NYC's "
            "median and mean, ±10 points around 85.7%, p ≥ 0.762 for seed 001's 11 of 11."
        ),
        checks=result,
        numbers=numbers,
        figures=figure(items, stats_, folder),
        table=_markdown(numbers),
    )
