"""Sweeps, tables, statistics and figures built from runs' files on disk (never from the model)."""
