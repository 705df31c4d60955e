"""Check every job's configuration before Hydra launches anything.

Hydra reports a bad override as a multi-line message, and a range error would only surface
inside a job. Here each job of the command line (one, or all of a `-m` sweep) is composed and
validated first; the first problem becomes one `ConfigError` line naming the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.overrides_parser import OverridesParser

from sim.config import ConfigError, identity

_CHECKED: set[frozenset[str]] = set()  # jobs preflight composed and validated in this process

NOISE = (
    r"\s*Config search path:.*$",  # where Hydra looked: long, and not what the user got wrong
    r"\s*object_type=\w+",
    r"\s*Set the environment variable HYDRA_FULL_ERROR=1.*$",
)


def _flatten(err: BaseException) -> str:
    """Hydra's multi-line message as one line, without the parts that only help developers."""
    text = str(err)
    if err.__cause__ is not None and str(err.__cause__) not in text:
        text += " " + str(err.__cause__)
    text = " ".join(text.split())
    for pattern in NOISE:
        text = re.sub(pattern, "", text)
    return text.strip()


def _parse(args: Sequence[str]) -> list:
    try:
        return OverridesParser.create().parse_overrides(list(args))
    except Exception as err:  # Hydra's grammar errors
        raise ConfigError(_flatten(err)) from None


def _sweep_settings(plain: list[str]) -> tuple[bool, list[str]]:
    """(multirun by config?, the sweeper params a config such as an experiment declares)."""
    from hydra import compose, initialize_config_dir

    from sim.config import register
    from sim.run import CONF_DIR

    register()
    with initialize_config_dir(version_base="1.3", config_dir=str(CONF_DIR)):
        cfg = compose("config", overrides=plain, return_hydra_config=True)
    params = cfg.hydra.sweeper.get("params") or {}
    multirun = str(cfg.hydra.get("mode")) == "RunMode.MULTIRUN"
    return multirun, [f"{k}={v}" for k, v in params.items()]


def job_overrides(argv: Sequence[str]) -> list[list[str]]:
    """The override list of each job the command line would run (expanding any sweep)."""
    args = [a for a in argv if not a.startswith("-") and "=" in a]
    # Hydra's own settings are not part of a job's config, except where configs are searched.
    mine = [a for a in args if not _hydra_setting(a) or a.startswith("hydra.searchpath")]
    parsed = _parse(args)
    plain = [a for a, o in zip(args, parsed, strict=True) if not o.is_sweep_override()]
    try:
        by_config, declared = _sweep_settings(plain)
    except Exception as err:  # unknown preset, wrong type: reported by the per-job check below
        by_config, declared = False, []
        if not any(o.is_sweep_override() for o in parsed):
            raise ConfigError(_flatten(err)) from None
    if not (by_config or any(a in ("-m", "--multirun") for a in argv)):
        return [mine]
    # Command-line values win over the experiment's declared ones, as in Hydra's sweeper.
    given = {o.key_or_group for o in _parse(mine)}
    declared = [
        d for d, o in zip(declared, _parse(declared), strict=True) if o.key_or_group not in given
    ]
    return [
        job
        for batch in BasicSweeper.split_arguments(_parse(declared + mine), None)
        for job in batch
    ]


def preflight(argv: Sequence[str]) -> int:
    """Compose and validate every job; return how many there are."""
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    from sim.run import iter_configs

    jobs = job_overrides(argv)
    configs = iter_configs(jobs)
    seeds_taken: dict[str, dict[int, str]] = {}
    for overrides in jobs:  # one at a time, so the message can name the job
        prefix = f"[{' '.join(overrides)}] " if len(jobs) > 1 else ""
        try:
            cfg = next(configs)
        except ConfigError as err:
            raise ConfigError(f"{prefix}{err}") from None
        except (HydraException, OmegaConfBaseException) as err:
            raise ConfigError(f"{prefix}{_flatten(err)}") from None
        _claim_seeds(seeds_taken, cfg, prefix)
    _CHECKED.update(_job_key(job) for job in jobs)
    return len(jobs)


def _hydra_setting(override: str) -> bool:
    return override.lstrip("+~").startswith("hydra")


def _job_key(overrides: Sequence[str]) -> frozenset[str]:
    """A job's own overrides, in any order (Hydra's settings, such as where to search, aside)."""
    return frozenset(o for o in overrides if not _hydra_setting(o))


def checked(overrides: Sequence[str]) -> bool:
    """Whether `preflight` already composed and validated this job in this process."""
    return _job_key(overrides) in _CHECKED


def _claim_seeds(taken: dict[str, dict[int, str]], cfg, job: str) -> None:
    """Two jobs of one sweep must not run the same seed of the same scenario (replicates)."""
    key = json.dumps({k: v for k, v in identity(cfg).items() if k != "seed"}, sort_keys=True)
    mine = taken.setdefault(key, {})
    for seed in range(cfg.seed, cfg.seed + cfg.replicates):
        if seed in mine:
            raise ConfigError(
                f"{job}replicates = {cfg.replicates} makes seed {seed} run twice (also in "
                f"{mine[seed] or 'another job'}): space the swept seeds by replicates, "
                f"e.g. seed=range(0,20,{cfg.replicates})"
            )
        mine[seed] = job.strip()
