"""Benchmark: reading the findings lean (``store.finding_marks``), as the conduct and law analysers do.

    PYTHONPATH=src .venv/bin/python bench/finding_marks.py [--messages 100000] [--repeat 3] [--profile]
        [--db postgresql+psycopg://USER@HOST:PORT/postgres]

Writes the synthetic WhatsApp chat ``bench/copies.py`` writes (invented text, two speakers), adds it to a
fresh case (SQLite, or a throwaway database on the PostgreSQL server ``--db`` names, dropped after), and
plants one detection finding on every message (not timed): a category and the detector rules behind it,
drawn from 12 categories and about 40 rule ids, one to three rules a finding, as ``detect`` stores them
(a JSON list). Then times ``finding_marks`` ``--repeat`` times and prints the median, wall and CPU (CPU
time is steadier on a shared machine; on PostgreSQL it is this process's, not the server's).
``--profile`` prints cProfile's top functions for one more read.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from copies import write_chat
from planted_run import plant_detect_run
from scratch_db import scratch_database

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store.finding_marks import finding_marks

CATEGORIES = (
    "threat_violence", "threat_to_kill", "threat_sexual", "intimate_image_abuse", "blackmail", "doxxing",
    "monitoring", "coercive_control", "self_harm_encouragement", "misogynistic_abuse", "identity_hate",
    "sexual_harassment",
)  # fmt: skip


def plant(case: Case) -> int:
    """One detection finding on every item; how many."""
    rng = random.Random(11)
    rules = [f"{c}.rule{k}" for c in CATEGORIES for k in range(3)] + ["image.demand", "image.shared"]
    drafts = []
    for item in case.store.iter_items():
        category = rng.choice(CATEGORIES)
        ids = tuple(sorted(rng.sample(rules, rng.randint(1, 3))))
        drafts.append(FindingDraft(item.id, category, 0.7, "Bench finding.", ((0, 4),), ids))
    plant_detect_run(case, drafts)
    return len(drafts)


def measure(folder: Path, messages: int, repeat: int, profile: bool, url: str | None) -> dict[str, object]:
    """Build the case in ``folder`` and time its reads."""
    chat, _ = write_chat(folder, messages)
    settings = Settings(actor="bench", role="investigator", database_url=url)
    case = Case.init(folder / "case", name="bench", tz="Europe/London", settings=settings)
    try:
        add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        findings = plant(case)
        seconds, cpu = [], []
        for _ in range(repeat):
            start, start_cpu = time.perf_counter(), time.process_time()
            marks = finding_marks(case.store.engine)
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        if profile:
            with cProfile.Profile() as prof:
                finding_marks(case.store.engine)
            pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(12)
    finally:
        case.close()
    return {
        "database": "postgresql" if url else "sqlite",
        "messages": messages,
        "findings": findings,
        "marks": len(marks),
        "seconds": [round(x, 3) for x in seconds],
        "median_seconds": round(statistics.median(seconds), 3),
        "cpu_seconds": [round(x, 3) for x in cpu],
        "median_cpu_seconds": round(statistics.median(cpu), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--db", metavar="SERVER_URL", help="a PostgreSQL server for the case")
    args = parser.parse_args()
    with (
        scratch_database(args.db) as url,
        tempfile.TemporaryDirectory(prefix="footprint-bench-marks-") as work,
    ):
        result = measure(Path(work), args.messages, args.repeat, args.profile, url)
    print(json.dumps(result, indent=2))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
