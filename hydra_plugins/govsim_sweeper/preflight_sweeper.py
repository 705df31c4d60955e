"""`hydra/sweeper=govsim`: Hydra's basic sweeper, minus a second composition of every job.

Before launching a batch, Hydra's basic sweeper composes each job's configuration to catch
errors early. `python -m sim` has already done that, and more, in `sim.preflight` (range checks,
one-line errors), so for the jobs preflight checked in this process the sweeper skips the work:
about a tenth of a second per job, spent serially before any launcher can run jobs in parallel.
Jobs preflight did not check (another entry point, an unexpected override spelling) are still
composed, exactly as by Hydra's sweeper.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from hydra._internal.core_plugins.basic_sweeper import BasicSweeper, BasicSweeperConf
from hydra.core.config_store import ConfigStore

from sim.preflight import checked


class PreflightSweeper(BasicSweeper):
    """Sweeps like Hydra's basic sweeper; composes only the jobs `sim.preflight` did not."""

    def validate_batch_is_legal(self, batch: Sequence[Sequence[str]]) -> None:
        unchecked = [job for job in batch if not checked(job)]
        if unchecked:
            super().validate_batch_is_legal(unchecked)


@dataclass
class PreflightSweeperConf(BasicSweeperConf):
    _target_: str = "hydra_plugins.govsim_sweeper.preflight_sweeper.PreflightSweeper"


ConfigStore.instance().store(
    group="hydra/sweeper", name="govsim", node=PreflightSweeperConf, provider="govsim"
)
