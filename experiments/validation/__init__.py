"""Validation experiments (issue 7): does the model show the behaviour the brief expects to
emerge, does its dispute desk behave like the queue its rules describe, and are its close times
plausible next to public figures?

Each validation is a module here with `collect(folder, quick, jobs)` (run its Hydra experiment,
`conf/experiment/validation_<key>.yaml`, into `folder/sweep`, or for plausibility its seeds via
the Python API) and `analyse(folder) -> Outcome` (read the runs from disk, write a figure and a
verdict). `python -m experiments.validation` runs them all and writes the report.
"""

from __future__ import annotations

import importlib
from types import ModuleType

VALIDATIONS = ("crowding", "access", "fee", "grid", "feedback", "queueing", "plausibility")


def module(key: str) -> ModuleType:
    """The validation module called `key` (one of VALIDATIONS)."""
    if key not in VALIDATIONS:
        raise KeyError(f"unknown validation {key!r} (known: {', '.join(VALIDATIONS)})")
    return importlib.import_module(f"experiments.validation.{key}")
