"""Sensitivity analysis (Morris, Sobol with SALib) and scenario discovery (PRIM) of govsim.

Modules: `space` (the uncertainties and their ranges), `runner` (designs → Hydra multiruns →
metrics read back from disk), `morris`, `sobol`, `discovery` (PRIM), `figures`, `pipeline`
(shared steps). Command line: `python -m experiments.sensitivity morris|sobol|prim`; see
docs/sensitivity.md.
"""
