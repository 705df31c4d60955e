"""What both benchmark scripts share: the checkout measured, machine facts, and a check on how
much CPU other processes took while a measurement ran (this 2-core machine is shared)."""

from __future__ import annotations

import multiprocessing as mp
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Measure the checkout these scripts sit in, even when the venv's editable install points at
# another one (sim/ is a namespace package, so the first `sim` folder on sys.path wins).
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BUSY_FIELDS = (0, 1, 2, 5, 6, 7)  # /proc/stat cpu: user nice system irq softirq steal
DISTURBED_CORES = 0.25  # other processes using more than this many cores on average


def code_state() -> str:
    """The commit measured, and whether sim/ or conf/ had uncommitted changes."""

    def git(*cmd: str) -> str:
        return subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = git("status", "--porcelain", "sim", "conf", "hydra_plugins")
    clean = " + uncommitted changes in sim/, conf/ or hydra_plugins/" if dirty else " (clean)"
    return f"{commit}{clean} · {ROOT}"


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores (os.cpu_count) · {memory:.0f} GB RAM · {platform.platform()} · "
        f"{platform.processor() or platform.machine()}"
    )


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def _busy_seconds() -> float | None:
    try:
        with open("/proc/stat") as fh:
            ticks = fh.readline().split()[1:]
    except OSError:
        return None
    return sum(int(ticks[i]) for i in BUSY_FIELDS if i < len(ticks)) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    """CPU time of this process and of every descendant it has waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        use = resource.getrusage(who)
        total += use.ru_utime + use.ru_stime
    return total


@dataclass
class Others:
    """CPU that processes outside this benchmark used during a measurement (Linux only).

    All busy CPU time on the machine (/proc/stat, including time the hypervisor stole) minus
    this process's and its finished descendants', divided by the wall time: the average number
    of cores others kept busy. Call `stop()` only after the measured children have exited.
    """

    wall: float = 0.0
    cores: float | None = None

    def __post_init__(self) -> None:
        self._t0, self._busy0, self._own0 = time.perf_counter(), _busy_seconds(), _own_seconds()

    def stop(self) -> Others:
        self.wall = time.perf_counter() - self._t0
        busy = _busy_seconds()
        if busy is not None and self._busy0 is not None and self.wall > 0:
            other = (busy - self._busy0) - (_own_seconds() - self._own0)
            self.cores = max(0.0, other / self.wall)
        return self

    @property
    def disturbed(self) -> bool:
        return self.cores is not None and self.cores > DISTURBED_CORES

    def __str__(self) -> str:
        if self.cores is None:
            return "others: n/a"
        return f"others {self.cores:.2f} cores" + (" (disturbed)" if self.disturbed else "")


def wait_quiet(max_seconds: float, window: float = 2.0, settle: int = 3) -> None:
    """Wait, up to `max_seconds`, until other processes have used at most `DISTURBED_CORES` in
    each of `settle` consecutive `window`-second samples. Says on stderr when it had to wait."""
    start, quiet = time.perf_counter(), 0
    while max_seconds > 0:
        sample = Others()
        time.sleep(window)
        sample.stop()
        quiet = 0 if sample.disturbed else quiet + 1
        waited = time.perf_counter() - start
        if quiet >= settle or waited >= max_seconds:
            if waited > (settle + 1) * window:
                print(f"  waited {waited:.0f} s for a quiet machine: {sample}", file=sys.stderr)
            return


def fresh[T](fn: Callable[..., T], *args: object) -> T:
    """Run `fn(*args)` in a new interpreter (spawn) and return its result."""
    with ProcessPoolExecutor(1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()
