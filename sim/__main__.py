"""`python -m sim [overrides]`: one run (or a Hydra multirun with -m), files in the run folder."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig, OmegaConf

from sim import io
from sim.config import ConfigError, register, validate
from sim.preflight import preflight
from sim.run import run, summary

register()


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def main(cfg: DictConfig) -> dict[str, float]:
    start = time.perf_counter()
    sim_cfg = OmegaConf.to_object(cfg)
    validate(sim_cfg)
    result = run(sim_cfg)
    out = Path(HydraConfig.get().runtime.output_dir)
    io.write_json(out / "metrics.json", result.metrics)
    io.write_csv(out / "timeseries.csv", result.timeseries)
    if not sim_cfg.quiet:
        print(summary(sim_cfg, result.metrics))
        print(f"  wrote {out}/metrics.json, timeseries.csv ({time.perf_counter() - start:.1f} s)")
    return result.metrics


if __name__ == "__main__":
    try:
        preflight(sys.argv[1:])
    except ConfigError as err:
        print(f"govsim: invalid configuration: {err}", file=sys.stderr)
        sys.exit(2)
    main()
