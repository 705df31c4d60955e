"""Files at the edge: atomic writes of metrics, time series and a run manifest."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import tempfile
from datetime import UTC, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd


def _atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _json_safe(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def write_json(path: Path, data: dict[str, Any]) -> None:
    clean = {k: _json_safe(v) for k, v in data.items()}
    _atomic_write(path, json.dumps(clean, indent=2, ensure_ascii=False) + "\n")


def write_text(path: Path, text: str) -> None:
    _atomic_write(path, text)


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    _atomic_write(path, frame.to_csv(index=False))


@cache  # once per process: the code that runs is what was imported, and a sweep job runs many
def _git_commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    if head.returncode:
        return "unknown"
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def manifest(config: dict[str, Any], overrides: list[str], wall_seconds: float) -> dict[str, Any]:
    """What it takes to reproduce a run: config, overrides, seed, code version, packages."""
    packages = ("mesa", "numpy", "scipy", "pandas", "hydra-core", "omegaconf", "matplotlib")
    return {
        "config": config,
        "overrides": overrides,
        "seed": config.get("seed"),
        "git_commit": _git_commit(Path(__file__).resolve().parents[1]),
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in packages},
        "wall_seconds": round(wall_seconds, 3),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


@cache  # package metadata costs ~3 ms a package to read: once per process, not per run
def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
