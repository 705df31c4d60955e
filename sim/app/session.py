"""A workshop session: the community under the chosen policy, raced against baseline on the
same seed (common random numbers make the race fair), with the history both leave behind."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sim import metrics
from sim.model import GovernanceModel
from sim.run import CONF_DIR, load_config

SWITCHES = (
    "access_control",
    "fee_follows_task",
    "purchase_of_services",
    "volunteer_incentives",
    "resident_evaluation",
    "one_window",
    "professionalization",
    "escalation_path",
)
BURDEN_WINDOW = 20  # working days: daily burden shares swing; show a month's mean


def presets() -> list[str]:
    """Policy presets in conf/policy/, baseline and reform first."""
    names = sorted(p.stem for p in Path(CONF_DIR, "policy").glob("*.yaml"))
    return sorted(names, key=lambda n: (n not in ("baseline", "reform"), n != "baseline", n))


def levers_of(preset: str, base: Sequence[str] = ()) -> dict[str, bool]:
    cfg = load_config([*base, f"policy={preset}"])
    return {name: getattr(cfg.policy, name).enabled for name in SWITCHES}


@dataclass(frozen=True)
class Settings:
    """What the room chooses: levers and the dials a workshop plays with."""

    levers: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(SWITCHES, False))
    catalogue_share: float = 0.53
    bypass_rate: float = 0.2
    yuan_per_hour: float = 31.0
    push_rate: float = 2387.0
    residents_per_worker: float = 625.0
    patrol_share: float = 0.5
    seed: int = 1

    def overrides(self, with_levers: bool) -> list[str]:
        world = [
            f"seed={self.seed}",
            f"departments.push_rate={self.push_rate}",
            f"policy.grid.residents_per_worker={self.residents_per_worker}",
            f"policy.grid.patrol_share={self.patrol_share}",
            "quiet=true",
            "days=36500",
        ]
        if not with_levers:
            return ["policy=baseline", *world]
        dials = [
            f"policy.access_control.catalogue_share={self.catalogue_share}",
            f"policy.access_control.bypass_rate={self.bypass_rate}",
            f"policy.fee_follows_task.yuan_per_hour={self.yuan_per_hour}",
        ]
        on = [f"policy.{name}.enabled={str(v).lower()}" for name, v in self.levers.items()]
        return ["policy=baseline", "policy.name=yours", *world, *dials, *on]


class Workshop:
    """Two models stepped in lock-step: `mine` (the room's policy) and `base` (baseline)."""

    def __init__(self, settings: Settings, base_overrides: Sequence[str] = ()) -> None:
        self.base_overrides = list(base_overrides)
        self.reset(settings)

    def reset(self, settings: Settings) -> None:
        self.settings = settings
        self.mine = GovernanceModel(load_config([*self.base_overrides, *settings.overrides(True)]))
        self.base = GovernanceModel(load_config([*self.base_overrides, *settings.overrides(False)]))
        self.history = [{"mine": snapshot(self.mine), "base": snapshot(self.base)}]  # day 0
        self.events: list[tuple[int, str]] = []

    @property
    def day(self) -> int:
        return self.mine.day

    def step(self, days: int = 1) -> None:
        for _ in range(days):
            self.mine.step()
            self.base.step()
        self.history.append({"mine": snapshot(self.mine), "base": snapshot(self.base)})

    def intervene(self, lever: str, on: bool) -> None:
        """Switch a lever for the room's community from today on (the baseline is untouched)."""
        self.mine.intervene(lever, enabled=on)
        self.settings = replace(self.settings, levers={**self.settings.levers, lever: on})
        self.events.append((self.day, f"{lever}={'on' if on else 'off'}"))


def snapshot(model: GovernanceModel) -> dict[str, float]:
    """The headline numbers of a model now (the scoreboard and the charts)."""
    m = metrics.compute(model)
    working = [d for d in model.records.daily if d["working_day"]][-BURDEN_WINDOW:]
    hours = sum(d["staff_hours"] for d in working)
    burden = sum(d["staff_admin_hours"] for d in working) / hours if hours else math.nan
    last = model.records.daily[-1] if model.records.daily else {}
    return {
        "day": model.day,
        "open_disputes": last.get("open_disputes", 0),
        "open_services": last.get("open_services", 0),
        "burden": burden,
        "on_time": m["dispute_on_time_rate"],
        "coverage": m["service_coverage"],
        "escalated": m["petitions"],
        "satisfaction": m["mean_satisfaction"],
        "money": m["reform_spend"],
    }
