#!/usr/bin/env python3
"""govsim's front door: `python3 tasks.py main` (default comparison) and `python3 tasks.py test`.

Runs with any Python 3 (even one too old for the project): it finds a Python 3.12 or 3.13,
creates `.venv` (or reuses it while pyproject.toml is unchanged), installs the project there and
runs the command inside it. Other verbs: `sim -- [hydra overrides]`, `app [-- overrides]` (the
workshop app, e.g. `app -- lang=zh`), `lint`, `bench`, `setup`.
"""

from __future__ import annotations

import glob
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".govsim-installed"
LINTED = ("sim", "experiments", "tests", "benchmarks", "hydra_plugins", "tasks.py")
SUPPORTED = ((3, 12), (3, 13))


def _version(python: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None  # e.g. a pyenv shim for a version that is not selected
    major, minor = out.stdout.split()
    return int(major), int(minor)


def find_python() -> str:
    """$PYTHON, python3.13, python3.12, python3, then pyenv's installed 3.12/3.13."""
    candidates = [
        os.environ.get("PYTHON", ""),
        "python3.13",
        "python3.12",
        "python3",
        sys.executable,
    ]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[23]*/bin/python"), reverse=True)
    for python in filter(None, candidates):
        if _version(python) in SUPPORTED:
            return python
    sys.exit("govsim needs Python 3.12 or 3.13 (set PYTHON=/path/to/python3.12).")


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Create or reuse .venv; (re)install when pyproject.toml changed since the last install."""
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = _venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text() == want:
        return python
    if not python.exists() or _version(str(python)) not in SUPPORTED:
        print(f"govsim: creating {VENV}", file=sys.stderr)
        subprocess.run([find_python(), "-m", "venv", "--clear", str(VENV)], check=True)
    print("govsim: installing the project and its dependencies", file=sys.stderr)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(want)
    return python


def run_app(python: Path, overrides: list[str]) -> int:
    """The workshop app on this machine only (127.0.0.1) unless HOST says otherwise."""
    host, port = os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8765")
    env = {**os.environ, "GOVSIM_OVERRIDES": " ".join(overrides)}
    print(f"govsim app: open http://{host}:{port}/ in a browser (Ctrl+C stops it)", flush=True)
    solara = python.with_name("solara")
    command = [str(solara), "run", "sim/app/app.py", "--host", host, "--port", port, "--production"]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    verb, rest = (argv[0], argv[1:]) if argv else ("main", [])
    rest = rest[1:] if rest[:1] == ["--"] else rest
    commands = {
        "main": ["-m", "experiments.compare", *rest],
        "test": ["-m", "pytest", *rest],
        "sim": ["-m", "sim", *rest],
        "lint": ["-m", "ruff", "check", *LINTED],
        "bench": ["benchmarks/run_time.py", *rest],
        "app": None,
        "setup": None,
    }
    if verb not in commands:
        print(__doc__)
        return 2
    python = ensure_venv()
    if verb == "app":
        return run_app(python, rest)
    if commands[verb] is None:
        return 0
    return subprocess.run([str(python), *commands[verb]], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
