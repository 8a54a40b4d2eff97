"""`footprint report` on a big case, before and after a change: peak memory, CPU and the same bytes.

    # cases of about N items, analysed (bench/analyse_scale.py's: a WhatsApp chat and a Telegram export)
    PYTHONPATH=src .venv/bin/python bench/analyse_scale.py build /tmp/reportmem-cases/r20000 --items 20000
    FOOTPRINT_ACTOR=bench PYTHONPATH=src .venv/bin/python -m footprint analyse /tmp/reportmem-cases/r20000
    # each run reports on its own fresh copy of the case, in a fresh process under /usr/bin/time -v,
    # alternating another tree's code (--before; `git archive BASE src | tar -x -C /tmp/b`) with this one's
    PYTHONPATH=src .venv/bin/python bench/report_memory.py /tmp/reportmem-cases/r20000 --before /tmp/b/src

Prints each run's wall time, CPU time (user + system) and peak memory (maximum resident set size), the
medians' after/before ratios, the load average before and after, and whether every file each run wrote is
byte for byte the same as the first before run's (each copy is at the same audit entry, so they must be).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analyse_scale import alternate, timed_on_a_copy  # noqa: E402


def report_once(folder: Path, tree: Path, scratch: Path, keep: Path | None) -> dict[str, object]:
    """``footprint report`` with ``tree``'s code on a fresh copy of the case: its figures; its outputs are
    compared with ``keep`` (or kept there when it is not yet made)."""
    copy, _, figures = timed_on_a_copy(folder, tree, scratch, "report")
    same = True
    if keep is not None and keep.exists():
        compared = filecmp.dircmp(keep, copy / "reports")
        same = _same(compared)
    elif keep is not None:
        shutil.copytree(copy / "reports", keep)
    shutil.rmtree(copy)
    return {**figures, "same": same}


def _same(compared: filecmp.dircmp[str]) -> bool:
    """Whether two folders hold the same files, byte for byte (their contents compared)."""
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _, differ, odd = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
    return not differ and not odd and all(_same(sub) for sub in compared.subdirs.values())


def run(folder: Path, before: Path, runs: int) -> None:
    """Alternate reports with the two trees' code: every run's figures, the ratios, the outputs' check."""
    with tempfile.TemporaryDirectory(prefix="footprint-bench-report-") as scratch:
        keep = Path(scratch) / "first-outputs"
        figures = alternate(
            before,
            runs,
            lambda tree: report_once(folder, tree, Path(scratch), keep),
            lambda found: f"  same outputs: {'yes' if found['same'] else 'NO'}",
        )
    same = all(f["same"] for found in figures.values() for f in found)
    print(f"every run wrote the same files, byte for byte: {'yes' if same else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--before", type=Path, required=True, help="the src folder of the code to compare")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    run(args.folder, args.before, args.runs)


if __name__ == "__main__":
    main()
