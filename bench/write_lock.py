"""How long short writers hold a SQLite case's write lock, and how long `verify` takes beside a writer.

    PYTHONPATH=src .venv/bin/python bench/write_lock.py [--runs 30]

First builds the demo case and times ``CaseStore.transaction`` from ``BEGIN IMMEDIATE`` to the commit for
``--runs`` audit entries of a read command (``search``) and ``--runs`` review decisions: what `verify`'s
own audit entry must outwait (docs/integrity.md, "Recording verify beside a writer"). Then times
``python -m footprint verify`` (the code on ``PYTHONPATH``) on a one-exhibit case while another connection
holds the write lock, and with no other writer.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from footprint.case import Case
from footprint.demo import build_demo
from footprint.review.decisions import decide
from footprint.settings import Settings
from footprint.store import case_store

SETTINGS = Settings(actor="bench", role="investigator", database_url=None)


def lock_holds(runs: int) -> dict[str, list[float]]:
    """Milliseconds each short write held the lock, by kind."""
    held: list[float] = []
    real = case_store.CaseStore.transaction

    @contextmanager
    def timed(self: case_store.CaseStore, *args: Any, **kwargs: Any) -> Iterator[case_store.StoreTx]:
        with real(self, *args, **kwargs) as tx:
            start = time.perf_counter()
            yield tx
        held.append((time.perf_counter() - start) * 1000)  # the commit included

    folder = Path(tempfile.mkdtemp()) / "demo"
    build_demo(folder, SETTINGS)
    case = Case.open(folder / "case", SETTINGS)
    case_store.CaseStore.transaction = timed  # type: ignore[method-assign]
    try:
        for _ in range(runs):
            case.record("search", "threat", query="threat", hits=3)
        entries = list(held)
        held.clear()
        for n, finding in enumerate(case.store.findings()[:runs]):
            decide(case, finding.id, "note", f"timing run {n}")
        return {"audit entry of a read command": entries, "review decision": list(held)}
    finally:
        case_store.CaseStore.transaction = real  # type: ignore[method-assign]


def verify_beside_a_writer() -> tuple[float, float, str]:
    """Seconds `footprint verify` took with another writer holding the lock, and with none; its last line."""
    work = Path(tempfile.mkdtemp())
    command = [sys.executable, "-m", "footprint", "--actor", "bench"]
    subprocess.run(
        [*command, "case", "init", str(work / "c"), "--name", "R v T"], check=True, capture_output=True
    )
    (work / "chat.txt").write_text("14/03/2024, 09:15 - Ann Example: hello\n", encoding="utf-8")
    add = [*command, "add", str(work / "c"), str(work / "chat.txt"), "--producer", "Jane Doe"]
    subprocess.run(add, check=True, capture_output=True)
    writer = sqlite3.connect(work / "c" / "case.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    start = time.monotonic()
    busy = subprocess.run([*command, "verify", str(work / "c")], capture_output=True, text=True)
    beside = time.monotonic() - start
    writer.execute("ROLLBACK")
    writer.close()
    start = time.monotonic()
    subprocess.run([*command, "verify", str(work / "c")], capture_output=True, check=True)
    alone = time.monotonic() - start
    return beside, alone, (busy.stderr.strip().splitlines() or [""])[-1][:160]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    for kind, times in lock_holds(args.runs).items():
        print(f"{kind}: n={len(times)} median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
    beside, alone, said = verify_beside_a_writer()
    print(f"verify beside a writer: {beside:.1f} s ({said}); with no other writer: {alone:.1f} s")


if __name__ == "__main__":
    main()
