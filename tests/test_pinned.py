"""A small run's metrics, pinned: a speed-up must not change results (same seed ⇒ same numbers).

A deliberate model change re-pins them with `GOVSIM_REPIN=1 python -m pytest tests/test_pinned.py`
(and says why in its commit).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from sim.run import load_config, run

PINNED = Path(__file__).with_name("data") / "pinned_metrics.json"
OVERRIDES = [
    "policy=all_levers",
    "district.residents=1500",
    "district.communities=2",
    "district.streets=2",
    "days=120",
    "seed=7",
    "quiet=true",
]


def test_small_run_matches_pinned_metrics():
    metrics = run(load_config(OVERRIDES)).metrics
    clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}
    if os.environ.get("GOVSIM_REPIN"):
        PINNED.write_text(json.dumps(clean, indent=2, sort_keys=True) + "\n")
    pinned = json.loads(PINNED.read_text())
    assert clean.keys() == pinned.keys()
    for key, value in pinned.items():
        assert clean[key] == value or (
            isinstance(value, float) and math.isclose(clean[key], value, rel_tol=1e-12)
        ), key
