"""What each write that gives an advocate's finding numbers now reads: the digests of every number row.

    PYTHONPATH=src .venv/bin/python bench/number_digests.py [--rows 100000] [--runs 3]

Makes a SQLite case holding ``--rows`` findings, each numbered (written straight into the database), and
times ``store.finding_numbers.number_digests`` — the one pass over ``finding_number`` that
``recorded_numbers`` makes in each analyser run, recorded finding or mark (docs/integrity.md, "The
advocate's finding numbers").
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from footprint.case import Case
from footprint.settings import Settings
from footprint.store.finding_numbers import number_digests

_RUN = (
    "INSERT INTO analysis_run (id, analyser, version, settings_hash, started_utc, finished_utc, status)"
    " VALUES (1, 'detect', 1, 's', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'ok')"
)
_FINDING = (
    "INSERT INTO finding (id, run_id, item_id, category, score, spans, rule_ids, model_id, explanation,"
    " details) VALUES (?, 1, NULL, 'c', 0.5, '[]', '[]', NULL, 'e', '{}')"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "case"
        Case.init(folder, name="R v Bench", tz="Europe/London", settings=settings).close()
        with sqlite3.connect(folder / "case.db") as db:
            db.execute(_RUN)
            db.executemany(_FINDING, [(i,) for i in range(1, args.rows + 1)])
            db.executemany(
                "INSERT INTO finding_number (finding_id, number, claim) VALUES (?, ?, ?)",
                [(i, i, f"{i:064x}") for i in range(1, args.rows + 1)],
            )
        case = Case.open(folder, settings)
        for _ in range(args.runs):
            with case.store.unscoped_engine.connect() as conn:
                start = time.perf_counter()
                rows = number_digests(conn)["rows"]
                print(f"{rows:,} number rows digested in {(time.perf_counter() - start) * 1000:.0f} ms")
        case.close()


if __name__ == "__main__":
    main()
