"""`python -m sim [overrides]`: one run (or a Hydra multirun with -m), files in the run folder.

Each run folder gets metrics.json, timeseries.csv and manifest.json (written last). A run whose
folder already has a manifest for the same configuration is skipped, so re-running a sweep into
the same folder resumes it.
"""

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


def _finished(out: Path, config: dict) -> dict | None:
    """The saved metrics if this exact configuration already finished in `out`."""
    manifest = out / "manifest.json"
    if manifest.exists() and io.read_json(manifest).get("config") == config:
        return io.read_json(out / "metrics.json")
    return None


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def main(cfg: DictConfig) -> dict[str, float]:
    start = time.perf_counter()
    out = Path(HydraConfig.get().runtime.output_dir)
    config = OmegaConf.to_container(cfg, resolve=True)
    if (done := _finished(out, config)) is not None:
        print(f"  skipped {out.name}: already finished")
        return done
    sim_cfg = OmegaConf.to_object(cfg)
    validate(sim_cfg)
    result = run(sim_cfg)
    io.write_json(out / "metrics.json", result.metrics)
    io.write_csv(out / "timeseries.csv", result.timeseries)
    overrides = list(HydraConfig.get().overrides.task)
    io.write_json(
        out / "manifest.json", io.manifest(config, overrides, time.perf_counter() - start)
    )
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
