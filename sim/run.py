"""`run(config) -> Result`: the one entry point for the CLI, sweeps, notebooks and the app."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from omegaconf import DictConfig, OmegaConf

from sim import metrics as metric_defs
from sim.config import SimConfig, validate
from sim.model import GovernanceModel

CONF_DIR = Path(__file__).resolve().parents[1] / "conf"
QUIET_SECONDS = 2.0  # runs shorter than this show no progress


@dataclass
class Result:
    metrics: dict[str, float]
    timeseries: pd.DataFrame
    model: GovernanceModel


def load_config(overrides: Sequence[str] = ()) -> SimConfig:
    """Compose `conf/` with Hydra-style overrides, e.g. ["policy=reform", "seed=3"]."""
    return next(iter_configs([overrides]))


def iter_configs(jobs: Sequence[Sequence[str]]) -> Iterator[SimConfig]:
    """Compose and validate many override lists, one config per list, in order.

    Composing is the slow part (a few tenths of a second), and sweeps mostly vary the seed, so
    each distinct set of other overrides is composed once and the seed set on a copy.
    """
    from hydra import compose, initialize_config_dir

    from sim.config import register

    register()
    composed: dict[tuple[str, ...], DictConfig] = {}
    with initialize_config_dir(version_base="1.3", config_dir=str(CONF_DIR)):
        for overrides in jobs:
            seeds = [o for o in overrides if o.startswith("seed=")]
            rest = tuple(o for o in overrides if not o.startswith("seed="))
            if rest not in composed:
                composed[rest] = compose("config", overrides=list(rest))
            cfg = composed[rest].copy()
            for seed in seeds:
                cfg.seed = seed.split("=", 1)[1]  # typed node: converts or rejects the value
            obj = OmegaConf.to_object(cfg)
            validate(obj)
            yield obj


class Progress:
    """Prints simulated days to stderr once a run has lasted a couple of seconds."""

    def __init__(self, days: int) -> None:
        self.days = days
        self.start = time.perf_counter()
        self.every = max(1, days // 20)
        self.shown = False

    def __call__(self, day: int) -> None:
        if time.perf_counter() - self.start < QUIET_SECONDS:
            return
        if day % self.every == 0 or day == self.days:
            end = "\n" if day == self.days or not sys.stderr.isatty() else ""
            print(f"\r  simulated day {day}/{self.days}", end=end, file=sys.stderr, flush=True)
            self.shown = True


def run(cfg: SimConfig, quiet: bool | None = None) -> Result:
    """Validate, build and run one simulation; return its metrics and daily table."""
    validate(cfg)
    model = GovernanceModel(cfg)
    quiet = cfg.quiet if quiet is None else quiet
    model.run(progress=None if quiet else Progress(cfg.days))
    return Result(model.metrics(), metric_defs.timeseries(model), model)


def _pct(x: float | None) -> str:
    return "n/a" if x is None or x != x else f"{100 * x:.1f}%"


def summary(cfg: SimConfig, m: dict[str, float]) -> str:
    """A few lines a person can read at the end of a run."""
    d = cfg.district
    return "\n".join(
        [
            f"govsim · policy={cfg.policy.name} · district={d.name} ({m['residents']:,} residents, "
            f"{m['communities']} communities) · seed={cfg.seed} · {m['days']} days",
            f"  disputes   arisen {m['dispute_arisen']:,}"
            f"  resolved {_pct(m['dispute_resolution_rate'])}"
            f"  on time {_pct(m['dispute_on_time_rate'])}  escalated {m['dispute_escalated']:,}"
            f"  median {m['dispute_median_days']:.1f} days",
            f"  services   arisen {m['service_arisen']:,}  coverage {_pct(m['service_coverage'])}"
            f"  vulnerable {_pct(m['service_coverage_vulnerable'])}",
            f"  admin      pushed {m['admin_pushed']:,}  approved {m['admin_approved']:,}"
            f"  refused {m['admin_refused']:,}  bypassed {m['admin_bypassed']:,}"
            f"  burden {_pct(m['admin_burden_share'])} of staff hours",
            f"  money      transferred with tasks {m['funds_transferred']:,.0f} yuan"
            f"  paid help {m['paid_help_hours']:,.0f} h",
            f"  residents  satisfaction {m['mean_satisfaction']:.3f}  trust {m['mean_trust']:.3f}",
        ]
    )
