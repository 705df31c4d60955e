"""Queueing theory for the plain-queue settings: textbook formulas and the model's own schedule.

Two kinds of prediction, both for the mean number of calendar days a case stays open:

- **Textbook** (continuous time): Pollaczek–Khinchine for M/G/1 and the Allen–Cunneen
  approximation for M/G/c, on a clock that runs only in working hours (40 a week), converted to
  calendar days by 7/40 days per working hour. These ignore that the model works in whole days.
- **Daily schedule** (exact up to a grid step): the model's desk as a queue observed once a working
  day. Each working day starts with the day's arrivals (Monday's include Saturday's and Sunday's),
  then the desk works `hours_per_day` hours first come, first served, carrying unfinished work
  over (Lindley's recursion U' = max(U + B − C, 0)). Solving this numerically for its weekly
  periodic steady state gives the distribution of the working day each case ends on, hence its
  calendar days open as the model counts them (ended − arisen). No simulation is involved: only
  convolutions of known distributions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import signal, stats

WORK_HOURS_PER_WEEK = 40.0
CALENDAR_DAYS_PER_WORK_HOUR = 7.0 / WORK_HOURS_PER_WEEK
WORKDAYS = 5
# Calendar days a Monday batch's arrivals wait before Monday: Saturday 2, Sunday 1, Monday 0.
MONDAY_OFFSET = 1.0


@dataclass(frozen=True)
class PlainQueue:
    """A desk fed only by Poisson arrivals of one kind of case, served first come first served."""

    arrivals_per_day: float  # calendar-day Poisson rate
    mean_effort: float  # hours of work per case (gamma distributed)
    effort_shape: float  # gamma shape (1 = exponential)
    servers: int  # workers, each `hours_per_server` a working day
    hours_per_server: float = 8.0

    @property
    def arrivals_per_work_hour(self) -> float:
        return self.arrivals_per_day * 7.0 / WORK_HOURS_PER_WEEK

    @property
    def utilisation(self) -> float:
        """Share of working hours the desk is busy, ρ = λ E[S] / (c · hours) per working hour."""
        capacity = self.servers * self.hours_per_server / 8.0
        return self.arrivals_per_work_hour * self.mean_effort / capacity

    @property
    def effort_scv(self) -> float:
        """Squared coefficient of variation of the work per case (1/shape for a gamma)."""
        return 1.0 / self.effort_shape


def pooled_mg1_days(q: PlainQueue) -> float:
    """Pollaczek–Khinchine sojourn for one server as fast as all workers together, in calendar
    days (the desk lets every worker continue the same case, so its hours pool)."""
    rho = q.utilisation
    if rho >= 1:
        return math.inf
    speed = q.servers * q.hours_per_server / 8.0
    service = q.mean_effort / speed  # working hours per case
    second_moment = service**2 * (1.0 + q.effort_scv)
    wait = q.arrivals_per_work_hour * second_moment / (2.0 * (1.0 - rho))
    return (wait + service) * CALENDAR_DAYS_PER_WORK_HOUR


def erlang_c(servers: int, offered: float) -> float:
    """Probability an arrival waits in M/M/c (offered load a = λ/μ < c)."""
    c, a = servers, offered
    terms = sum(a**k / math.factorial(k) for k in range(c))
    last = a**c / math.factorial(c) * c / (c - a)
    return last / (terms + last)


def separate_mgc_days(q: PlainQueue) -> float:
    """Allen–Cunneen M/G/c sojourn (c separate workers, one case each), in calendar days."""
    rho = q.utilisation
    if rho >= 1:
        return math.inf
    service = q.mean_effort * 8.0 / q.hours_per_server  # working hours per case, one worker
    offered = q.arrivals_per_work_hour * service
    wait_mm = erlang_c(q.servers, offered) * service / (q.servers - offered)
    wait = wait_mm * (1.0 + q.effort_scv) / 2.0
    return (wait + service) * CALENDAR_DAYS_PER_WORK_HOUR


# ------------------------------------------------------------------------- daily schedule
def _gamma_pmf(shape: float, scale: float, step: float, bins: int) -> np.ndarray:
    """A gamma distribution as masses on the grid 0, step, 2·step, … (each bin's CDF mass)."""
    edges = (np.arange(bins + 1) - 0.5).clip(min=0.0) * step
    return np.diff(stats.gamma.cdf(edges, shape, scale=scale))


def _batch_work_pmf(q: PlainQueue, mean_count: float, step: float, bins: int) -> np.ndarray:
    """Total work of a Poisson(mean_count) batch: a Poisson mixture of gamma(n·shape) sums."""
    pmf = np.zeros(bins)
    pmf[0] = math.exp(-mean_count)
    scale = q.mean_effort / q.effort_shape
    top = int(mean_count + 12 * math.sqrt(mean_count) + 12)
    for n in range(1, top + 1):
        pmf += stats.poisson.pmf(n, mean_count) * _gamma_pmf(n * q.effort_shape, scale, step, bins)
    return pmf


def _lindley_day(u: np.ndarray, batch: np.ndarray, capacity_bins: int) -> np.ndarray:
    """One working day: add the batch's work, work off `capacity_bins`, never below zero."""
    total = signal.fftconvolve(u, batch)[: len(u)].clip(min=0.0)
    total[-1] += max(0.0, 1.0 - total.sum())  # mass beyond the grid stays at its top
    out = np.zeros_like(u)
    out[0] = total[: capacity_bins + 1].sum()
    out[1 : len(u) - capacity_bins] = total[capacity_bins + 1 :]
    return out / out.sum()


def _batch_means(q: PlainQueue) -> list[float]:
    """Mean arrivals in each working day's batch, Monday first (Saturday's and Sunday's too)."""
    return [3.0 * q.arrivals_per_day] + [q.arrivals_per_day] * (WORKDAYS - 1)


def _steady_workloads(
    q: PlainQueue, step: float, bins: int, tolerance: float, max_weeks: int
) -> list[np.ndarray]:
    """Workload at the start of each working day (before its batch), weekly steady state."""
    capacity_bins = round(q.servers * q.hours_per_server / step)
    batches = [_batch_work_pmf(q, m, step, bins) for m in _batch_means(q)]
    u = np.zeros(bins)
    u[0] = 1.0
    grid = np.arange(bins) * step
    previous = -1.0
    for _ in range(max_weeks):
        starts = []
        for batch in batches:
            starts.append(u)
            u = _lindley_day(u, batch, capacity_bins)
        mean = float(grid @ u)
        if abs(mean - previous) < tolerance * max(1.0, mean):
            return starts
        previous = mean
    raise RuntimeError("daily-schedule queue did not settle (utilisation too close to 1?)")


def _end_day_of_bin(bins: int, step: float, capacity: float) -> list[tuple[float, np.ndarray]]:
    """The working day (0 = the batch's own) on which work done at each grid point ends, as
    (weight, day) pairs: a bin centred on a day boundary is split half and half between the two."""
    t = np.arange(bins) * step
    lower = np.ceil((t - step / 2) / capacity - 1e-9).clip(min=1).astype(np.int64) - 1
    upper = np.ceil((t + step / 2) / capacity - 1e-9).clip(min=1).astype(np.int64) - 1
    return [(0.5, lower), (0.5, upper)]


def _days_after(weekday: int, working_days: np.ndarray) -> np.ndarray:
    """Calendar days from a working day (0 = Monday) to the working day `working_days` later."""
    return working_days + 2 * ((weekday + working_days) // WORKDAYS)


def _grid_step(capacity: float, mean_effort: float) -> float:
    """At most half an hour and 1/32 of a case, dividing a day's capacity into whole bins."""
    return capacity / math.ceil(capacity / min(0.5, mean_effort / 32))


def daily_schedule_days(q: PlainQueue, tolerance: float = 1e-7, max_weeks: int = 20_000) -> float:
    """Mean calendar days open (ended − arisen) under the model's daily schedule."""
    if q.utilisation >= 1:
        return math.inf
    capacity = q.servers * q.hours_per_server
    step = _grid_step(capacity, q.mean_effort)
    horizon = q.mean_effort * (40.0 + 40.0 / (1.0 - q.utilisation)) + 10 * capacity
    bins = int(horizon / step)
    starts = _steady_workloads(q, step, bins, tolerance, max_weeks)
    scale = q.mean_effort / q.effort_shape
    day_of_bin = _end_day_of_bin(bins, step, capacity)
    total_days = total_cases = 0.0
    for weekday, (u, mean_count) in enumerate(zip(starts, _batch_means(q), strict=True)):
        offset = MONDAY_OFFSET if weekday == 0 else 0.0
        top = int(mean_count + 12 * math.sqrt(mean_count) + 12)
        for i in range(1, top + 1):
            # The i-th case of the batch ends when the workload plus i cases' work is done.
            at_least_i = stats.poisson.sf(i - 1, mean_count)
            done = signal.fftconvolve(u, _gamma_pmf(i * q.effort_shape, scale, step, bins))
            done = done[:bins].clip(min=0.0)
            days = sum(w * _days_after(weekday, d) for w, d in day_of_bin)
            total_days += at_least_i * (float(done @ days) / done.sum() + offset)
        total_cases += mean_count
    return total_days / total_cases
