"""Start-up time of the command line: what every command an investigator runs pays before it works.

    .venv/bin/python bench/cli_startup.py [--runs 5] [--json OUT]

Makes a fresh case in a temporary folder, then runs ``footprint --help``, ``footprint ls DIR`` and
``footprint parsers`` each ``--runs`` times in a fresh process (``python -m footprint``, so the code on
``PYTHONPATH`` is measured) and reports the best wall time and that run's CPU time (user + system of
the child). It also reports the cumulative import time of ``footprint.cli`` from ``python -X importtime``
and whether scikit-learn, SciPy or pandas were imported by ``footprint --help``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("sklearn", "scipy", "pandas")


def _run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh ``python -m footprint ARGS`` (output discarded)."""
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "footprint", *args], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def best(args: list[str], runs: int) -> dict[str, float]:
    """The fastest of ``runs`` runs (wall), with its CPU time."""
    wall, cpu = min(_run(args) for _ in range(runs))
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3)}


def import_time() -> float:
    """Cumulative seconds ``python -X importtime`` gives for ``import footprint.cli``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import footprint.cli"],
        check=True,
        capture_output=True,
        text=True,
    )
    cumulative = [
        int(m.group(1))
        for m in re.finditer(r"^import time:\s+\d+ \|\s+(\d+) \| footprint\.cli$", done.stderr, re.M)
    ]
    return cumulative[-1] / 1e6


def heavy_after_help() -> list[str]:
    """Which of scikit-learn, SciPy and pandas ``footprint --help`` leaves imported."""
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom footprint.cli import cli\n"
        "CliRunner().invoke(cli, ['--help'])\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return done.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        env_actor = ["--actor", "bench"]
        subprocess.run(
            [sys.executable, "-m", "footprint", *env_actor, "case", "init", str(case), "--name", "R v Bench"],
            check=True,
            capture_output=True,
        )
        results: dict[str, object] = {
            "python": platform.python_version(),
            "load_average": os.getloadavg(),
            "import footprint.cli (s, -X importtime)": round(import_time(), 3),
            "heavy modules after --help": heavy_after_help(),
        }
        for label, command in (
            ("footprint --help", ["--help"]),
            ("footprint ls DIR", [*env_actor, "ls", str(case)]),
            ("footprint parsers", ["parsers"]),
        ):
            results[label] = best(command, args.runs)
    for key, value in results.items():
        print(f"{key:<42} {value}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
