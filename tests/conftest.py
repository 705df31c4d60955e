from __future__ import annotations

from collections.abc import Callable

import pytest

from sim.config import SimConfig
from sim.run import Result, load_config, run

PRESETS = ("baseline", "access_control", "fee_follows_task", "reform")
SMALL = ("district.residents=1500", "days=90", "quiet=true")


@pytest.fixture(scope="session")
def small_config() -> Callable[..., SimConfig]:
    """A small community for fast tests; extra Hydra overrides on top."""

    def make(*overrides: str) -> SimConfig:
        return load_config([*SMALL, *overrides])

    return make


@pytest.fixture(scope="session")
def preset_results(small_config) -> dict[str, Result]:
    return {p: run(small_config(f"policy={p}", "seed=3")) for p in PRESETS}
