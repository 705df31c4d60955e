"""`python -m sim [overrides]`: one run (or a Hydra multirun with -m), files in the run folder.

Each run folder gets metrics.json, timeseries.csv and manifest.json (written last). A run whose
folder already has a manifest for the same configuration is skipped, so re-running a sweep into
the same folder resumes it. With `replicates=R`, one job runs seeds seed … seed+R-1, each in a
`seed<n>/` subfolder: short runs then do not each pay Hydra's per-job start-up.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf

from sim import io
from sim.config import ConfigError, SimConfig, identity, register, validate
from sim.preflight import preflight
from sim.run import run, summary

register()


def _finished(out: Path, config: dict) -> dict | None:
    """The saved metrics if this exact configuration already finished in `out`."""
    manifest = out / "manifest.json"
    if manifest.exists() and io.read_json(manifest).get("config") == config:
        return io.read_json(out / "metrics.json")
    return None


def _run_one(sim_cfg: SimConfig, out: Path, overrides: list[str], announce: bool) -> dict:
    start = time.perf_counter()
    config = identity(sim_cfg)
    if (done := _finished(out, config)) is not None:
        print(f"  skipped {out}: already finished", flush=True)
        return done
    result = run(sim_cfg)
    io.write_json(out / "metrics.json", result.metrics)
    io.write_csv(out / "timeseries.csv", result.timeseries)
    wall = time.perf_counter() - start
    io.write_json(out / "manifest.json", io.manifest(config, overrides, wall))
    if not sim_cfg.quiet:
        print(summary(sim_cfg, result.metrics))
        print(f"  wrote {out}/metrics.json, timeseries.csv ({wall:.1f} s)")
    elif announce:
        print(f"  finished {out} ({wall:.1f} s)", flush=True)
    return result.metrics


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def main(cfg: DictConfig) -> list[dict]:
    hydra_cfg = HydraConfig.get()
    out = Path(hydra_cfg.runtime.output_dir)
    overrides = list(hydra_cfg.overrides.task)
    announce = hydra_cfg.mode == RunMode.MULTIRUN
    first = OmegaConf.to_object(cfg)
    validate(first)
    if first.replicates == 1:
        return [_run_one(first, out, overrides, announce)]
    seeds = range(first.seed, first.seed + first.replicates)
    return [
        _run_one(dataclasses.replace(first, seed=s), out / f"seed{s}", overrides, announce)
        for s in seeds
    ]


if __name__ == "__main__":
    try:
        preflight(sys.argv[1:])
    except ConfigError as err:
        print(f"govsim: invalid configuration: {err}", file=sys.stderr)
        sys.exit(2)
    main()
