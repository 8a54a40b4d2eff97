"""Benchmark: the report's chart counts (``report.chronology.chart_data``) on a 200,000-item chronology.

    .venv/bin/python bench/chart_data.py [--items 200000] [--repeat 3] [--profile]

``chart_data`` reads no database: it counts the chronology the report has already read. This builds that
chronology in memory (invented accounts, one item every 1 to 9 minutes from 2023, so about 700 UK days
across four clock changes; 1 in 50 items carries a monitoring finding, a third of them dismissed, and 1 in
500 a confirmed threat to kill as well; 1 in 199 items has no time) and times ``chart_data`` alone,
printing the median of ``--repeat`` runs, wall and CPU (CPU time is steadier on a shared machine).
``--profile`` prints cProfile's top functions for one run.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from footprint.model import Finding, Item
from footprint.report.chronology import chart_data
from footprint.report.report_model import ChronologyRow

JANE, JOHN = "whatsapp:Jane Doe", "whatsapp:John Smith"


def _finding(n: int, item_id: int, category: str, decision: str | None) -> Finding:
    return Finding(
        n, item_id, "JD/1", f"line {item_id}", category, 0.8, ((0, 5),), ("bench.rule",), None, "detect", 1,
        "Bench finding.", {}, decision,
    )  # fmt: skip


def chronology(items: int) -> list[ChronologyRow]:
    """The synthetic chronology, in time order."""
    rng = random.Random(7)
    at = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
    rows = []
    finding_id = 0
    for n in range(1, items + 1):
        at += timedelta(minutes=rng.randint(1, 9))
        author = JOHN if rng.random() < 0.7 else JANE
        timed = n % 199 != 0
        utc = at.strftime("%Y-%m-%dT%H:%M:%SZ") if timed else None
        item = Item(
            n, "JD/1", f"line {n}", "message", author, author, (), "chat", utc, utc, "platform", None,
            f"message {n}", f"message {n}", False, False, False,
        )  # fmt: skip
        findings: list[Finding] = []
        if n % 50 == 0:
            finding_id += 1
            findings.append(_finding(finding_id, n, "monitoring", "dismissed" if n % 150 == 0 else None))
        if n % 500 == 0:
            finding_id += 1
            findings.append(_finding(finding_id, n, "threat_to_kill", "confirmed"))
        side = "complainant" if author == JANE else "other"
        rows.append(ChronologyRow(utc or "", item, tuple(findings), side))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    rows = chronology(args.items)
    if args.profile:
        with cProfile.Profile() as prof:
            chart_data(rows, {JOHN}, ())
        pstats.Stats(prof, stream=sys.stderr).sort_stats("tottime").print_stats(12)
    seconds, cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        chart = chart_data(rows, {JOHN}, ())
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    result = {
        "items": args.items,
        "days": len(chart.days),
        "flagged": sum(d.flagged for d in chart.days),
        "untimed": chart.untimed,
        "seconds": [round(x, 3) for x in seconds],
        "median_seconds": round(statistics.median(seconds), 3),
        "cpu_seconds": [round(x, 3) for x in cpu],
        "median_cpu_seconds": round(statistics.median(cpu), 3),
    }
    print(json.dumps(result, indent=2))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
