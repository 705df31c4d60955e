"""Check every job's configuration before Hydra launches anything.

Hydra reports a bad override as a multi-line message, and a range error would only surface
inside a job. Here each job of the command line (one, or all of a `-m` sweep) is composed and
validated first; the first problem becomes one `ConfigError` line naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.overrides_parser import OverridesParser

from sim.config import ConfigError


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


def job_overrides(argv: Sequence[str]) -> list[list[str]]:
    """The override list of each job the command line would run."""
    args = [a for a in argv if not a.startswith("-") and "=" in a]
    args = [a for a in args if not a.lstrip("+~").startswith("hydra")]
    multirun = any(a in ("-m", "--multirun") for a in argv)
    try:
        parsed = OverridesParser.create().parse_overrides(args)
    except Exception as err:  # Hydra's grammar errors
        raise ConfigError(_flatten(err)) from None
    if not multirun:
        return [args]
    return [job for batch in BasicSweeper.split_arguments(parsed, None) for job in batch]


def preflight(argv: Sequence[str]) -> int:
    """Compose and validate every job; return how many there are."""
    from hydra.errors import HydraException
    from omegaconf.errors import OmegaConfBaseException

    from sim.run import load_config

    jobs = job_overrides(argv)
    for overrides in jobs:
        try:
            load_config(overrides)
        except ConfigError as err:
            prefix = f"[{' '.join(overrides)}] " if len(jobs) > 1 else ""
            raise ConfigError(f"{prefix}{err}") from None
        except (HydraException, OmegaConfBaseException) as err:
            raise ConfigError(_flatten(err)) from None
    return len(jobs)
