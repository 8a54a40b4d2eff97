"""What saying which exhibits an analyser did not read costs (``analysis_gaps``: `findings`, `report`,
`verify` and every page of the review app ask it), on a case whose audit log holds many page views.

    PYTHONPATH=src .venv/bin/python bench/analysis_gaps.py [--entries 200000]

Builds a two-exhibit case (the second added after the analysers ran), puts ``--entries`` page-view
entries in its audit log, and times ``analysis_gaps`` five times in one process: the first call reads the
whole log, the next only the entries since. On SQLite, and on PostgreSQL too when FOOTPRINT_TEST_PG_URL
names a server (a throwaway database, dropped after).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from scratch_db import scratch_database
from sqlalchemy import text

import footprint.analyse  # noqa: F401  (registers the analysers)
from footprint.analyse.base import run_analysers
from footprint.analysis_gaps import analysis_gaps
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.synth.scenario import write_demo_case

VIEW = (
    "INSERT INTO audit (seq, at_utc, actor, role, action, object, justification, details, prev_hash, hash)"
    " VALUES (:seq, '2026-11-30T06:00:00Z', 'bench', 'reviewer', 'web view', '/findings', '', '{}', :h, :h)"
)


def _case(folder: Path, url: str | None, entries: int) -> Case:
    settings = Settings(actor="bench", role="investigator", database_url=url)
    inputs = write_demo_case(folder.parent / f"{folder.name}-inputs")
    case = Case.init(folder, name="R v Bench", tz="Europe/London", settings=settings)
    add_exhibit(case, inputs.whatsapp_jane, AddOptions(producer="Jane Doe", date_order="dmy"))
    run_analysers(case, ["images", "device"])
    add_exhibit(case, inputs.whatsapp_sarah, AddOptions(producer="Jane Doe", date_order="dmy"))
    with case.store.unscoped_engine.begin() as conn:  # page views, as the review app records them
        last = conn.execute(text("SELECT max(seq) FROM audit")).scalar_one()
        conn.execute(text(VIEW), [{"seq": last + 1 + i, "h": "ab" * 32} for i in range(entries)])
    return case


def _times(case: Case) -> str:
    took = []
    for _ in range(5):
        start = time.perf_counter()
        [said] = analysis_gaps(case.store)
        took.append((time.perf_counter() - start) * 1000)
    assert said.startswith("JD/2 was added after the runs of analysis no. 1"), said
    return f"first {took[0]:.1f} ms, then {min(took[1:]):.1f}-{max(took[1:]):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    entries = parser.parse_args().entries
    with tempfile.TemporaryDirectory() as tmp:
        case = _case(Path(tmp) / "sqlite", None, entries)
        print(f"SQLite, {entries:,} page views in the audit log: {_times(case)}")
        case.close()
        server = os.environ.get("FOOTPRINT_TEST_PG_URL")
        if not server:
            return
        with scratch_database(server) as url:
            case = _case(Path(tmp) / "pg", url, entries)
            print(f"PostgreSQL, {entries:,} page views in the audit log: {_times(case)}")
            case.close()


if __name__ == "__main__":
    main()
