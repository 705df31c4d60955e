"""Documentation generated from code stays in step with it."""

from __future__ import annotations

from sim import paramtable
from sim.config import SimConfig


def test_parameter_table_is_up_to_date():
    assert paramtable.DOC.read_text(encoding="utf-8") == paramtable.render(), (
        "docs/parameters.md is stale: run `python -m sim.paramtable`"
    )


def test_every_model_parameter_has_meaning_unit_and_source():
    text = paramtable.render()
    for line in text.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            name, meaning, _unit, _default, _range, source = cells
            assert meaning.strip(), f"{name} has no meaning"
            assert source.strip() or name in ("`quiet`",), f"{name} has no source"


def test_defaults_are_valid():
    from sim.config import validate

    validate(SimConfig())
