"""`footprint analyse` on a copy of a case: each analyser's peak memory and CPU time, one process.

    # any tree's code (`git archive REV src | tar -x -C /tmp/t`), on a fresh copy of the case
    PYTHONPATH=/tmp/t/src .venv/bin/python bench/analyse_peaks.py /tmp/fp-analyse-scale

Before each analyser starts (``run_analysers``' ``on_start``) the process's peak resident set (``VmHWM``)
is read and reset (``5`` to ``/proc/self/clear_refs``, Linux only), so each line is the peak while that
analyser ran and its run was stored; ``start`` is the opening of the case and what comes before the first
analyser, ``after the runs`` what ``analyse`` does after them. The reset also resets the figure
``/usr/bin/time -v`` gives: measure the whole run's peak in a process of its own (``analyse_scale.py run``).
"""

from __future__ import annotations

import argparse
import re
import runpy
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def peak_mb() -> int:
    """The process's peak resident set since it began or was last reset, in MB."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    if found is None:
        sys.exit("no VmHWM in /proc/self/status: this needs Linux")
    return int(found.group(1)) // 1024


class Phases:
    """Each phase's peak and CPU seconds, the peak reset as each begins."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, float]] = []
        self.name, self.cpu = "start", time.process_time()

    def begin(self, name: str) -> None:
        self.rows.append((self.name, peak_mb(), time.process_time() - self.cpu))
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
        self.name, self.cpu = name, time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the case; a copy of it is analysed")
    args = parser.parse_args()
    import footprint.cli.analyse_cmds as cmds  # the tree on PYTHONPATH

    phases = Phases()
    real: Callable[..., Any] = cmds.run_analysers

    def measured(case: Any, names: list[str] | None = None, *, strict: bool = False) -> Any:
        outcomes = real(case, names, strict=strict, on_start=phases.begin)
        phases.begin("after the runs")
        return outcomes

    cmds.run_analysers = measured  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="footprint-bench-peaks-") as scratch:
        copy = Path(scratch) / "case"
        shutil.copytree(args.folder, copy)
        sys.argv = ["footprint", "analyse", str(copy)]
        try:
            runpy.run_module("footprint", run_name="__main__")
        except SystemExit as ended:
            if ended.code:
                raise
        phases.begin("end")
    for name, peak, cpu in phases.rows:
        print(f"{name:24} {peak:6,} MB peak {cpu:7.1f} s CPU")


if __name__ == "__main__":
    main()
