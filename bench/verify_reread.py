"""Time `verify` naming the one changed item of a large exhibit: the original read again from the vault
(a benchmark, not a test).

Adds a ``--messages``-message WhatsApp export to a case in ``--out`` (once), changes one item's text in
the database as an outsider would, then, in a fresh process each (``--runs`` times), times
``verify_case`` (which reads the export again) and reports its peak resident memory; ``--untouched``
times it on a copy of the case as added instead (nothing to read again):

    PYTHONPATH=src .venv/bin/python bench/verify_reread.py --out /tmp/fp-verify-reread --messages 100000
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from footprint.case import Case
from footprint.integrity import verify_case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.bulk import write_bulk_whatsapp
from footprint.validation.integrity_checks import tamper_sql

SETTINGS = Settings(actor="bench", role="investigator")


def _build(out: Path, messages: int) -> None:
    """The case as added (``untouched``), and a copy of it with one item's text changed (``case``)."""
    case = Case.init(out / "untouched", name="R v Bench", tz="Europe/London", settings=SETTINGS)
    try:
        add_exhibit(case, write_bulk_whatsapp(out / "chat.txt", messages), AddOptions(producer="Jane Doe"))
    finally:
        case.close()
    shutil.copytree(out / "untouched", out / "case")
    case = Case.open(out / "case", SETTINGS, check_folder=False)
    try:
        tamper_sql(case, f"UPDATE item SET text = 'changed' WHERE id = {messages // 2}")
    finally:
        case.close()


def _once(folder: Path) -> None:
    case = Case.open(folder, SETTINGS, check_folder=False)
    try:
        started = time.perf_counter()
        report = verify_case(case)
        took = time.perf_counter() - started
    finally:
        case.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"verify_case {took:.2f} s, peak RSS {peak:.0f} MiB; {report.problems[:1]}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--out", type=Path, default=Path("/tmp/fp-verify-reread"))
    options.add_argument("--messages", type=int, default=100_000)
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    options.add_argument("--untouched", action="store_true")
    args = options.parse_args()
    if args.once:
        _once(args.out / ("untouched" if args.untouched else "case"))
        return
    if not (args.out / "case").exists():
        args.out.mkdir(parents=True, exist_ok=True)
        _build(args.out, args.messages)
    for _ in range(args.runs):
        once = [sys.executable, __file__, "--out", str(args.out), "--once"]
        subprocess.run([*once, *(["--untouched"] if args.untouched else [])], check=True)


if __name__ == "__main__":
    main()
