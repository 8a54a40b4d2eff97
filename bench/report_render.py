"""Benchmark: render the report of a 100,000-message case (target under 60 seconds).

    .venv/bin/python bench/report_render.py [--messages 100000] [--pdf] [--bundle [--originals]] [--json OUT]

Builds a synthetic WhatsApp case (John Smith and Jane Doe, invented), ingests it (not timed), plants
detection findings on 2% of messages and a course-of-conduct finding (as the analysers would), then
times ``write_outputs``: the ReportModel, charts, HTML, CSV schedules and JSONL exports, and with
``--pdf`` / ``--bundle`` the PDF and the export bundle too (with ``--originals`` the bundle carries the
exhibit, as ``report --bundle`` does by default; else only its hash). It also reports how long the case's
write lock was held (the longest of ``write_outputs``' transactions): a colleague's change waits that long.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from planted_run import plant_detect_run

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.pipeline import AddOptions, add_exhibit
from footprint.report import ReportOptions, write_outputs
from footprint.settings import Settings
from footprint.synth.writers import ChatLine, write_whatsapp_txt

JANE, JOHN = "Jane Doe", "John Smith"
PHRASES = (
    "Where are you? Answer me",
    "Please leave me alone",
    "I saw you at the gym today",
    "You can't hide from me",
    "I'm going to bed, stop messaging",
    "Why won't you talk to me",
    "Nobody else will ever want you",
    "Send me your location now",
)


def build(folder: Path, messages: int) -> Case:
    """The synthetic case with planted findings."""
    rng = random.Random(7)
    settings = Settings(actor="bench", role="investigator", database_url=None)
    case = Case.init(folder / "case", name="R v Smith (benchmark)", tz="Europe/London", settings=settings)
    add_person(case, JANE, "complainant")
    add_person(case, JOHN, "suspect")
    at = datetime(2023, 1, 2, 8, 0)
    lines = []
    for n in range(messages):
        at += timedelta(minutes=rng.randint(1, 9))
        who = JOHN if rng.random() < 0.7 else JANE
        lines.append(ChatLine(at, who, f"{rng.choice(PHRASES)} ({n})"))
    chat = folder / f"WhatsApp Chat with {JOHN}.txt"
    write_whatsapp_txt(chat, lines)
    add_exhibit(case, chat, AddOptions(producer=JANE, owner=JANE, date_order="dmy"))
    attribute_account(case, f"whatsapp:{JOHN}", JOHN, "complainant identifies her contact")
    attribute_account(case, f"whatsapp:{JANE}", JANE, "self-export owner", as_complainant=True)
    ids = [i.id for i in case.store.iter_items() if i.author == f"whatsapp:{JOHN}"]
    flagged = rng.sample(ids, len(ids) * 2 // 70)
    drafts = [
        FindingDraft(i, "monitoring", 0.8, "Knows where she is.", ((0, 9),), ("bench.rule",)) for i in flagged
    ]
    drafts.append(
        FindingDraft(None, "course_of_conduct", 0.9, "Repeated contact.", details={"items": flagged[:50]})
    )
    plant_detect_run(case, drafts)
    return case


def time_transactions(case: Case) -> list[float]:
    """Time each of ``case``'s write transactions from here on (the write lock is held for each)."""
    held: list[float] = []
    real = case.transaction

    @contextmanager
    def timed() -> Iterator[object]:
        start = time.perf_counter()
        try:
            with real() as got:
                yield got
        finally:
            held.append(time.perf_counter() - start)

    case.transaction = timed  # type: ignore[method-assign,assignment]
    return held


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--bundle", action="store_true")
    parser.add_argument("--originals", action="store_true", help="the bundle carries the exhibit too")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        case = build(Path(tmp), args.messages)
        built = time.perf_counter() - start
        held = time_transactions(case)
        start = time.perf_counter()
        options = ReportOptions(pdf=args.pdf, bundle=args.bundle, hashes_only=not args.originals)
        paths = write_outputs(case, options).paths
        seconds = time.perf_counter() - start
        sizes = {p.name: p.stat().st_size for p in paths}
    result = {
        "messages": args.messages,
        "case_build_seconds": round(built, 1),
        "report_seconds": round(seconds, 1),
        "pdf": args.pdf,
        "bundle": args.bundle,
        "originals": args.originals,
        "write_lock_held_seconds": round(max(held, default=0.0), 3),
        "sizes": sizes,
        "target_seconds": 60,
        "met": seconds < 60,
    }
    text = json.dumps(result, indent=2)
    print(text)  # noqa: T201
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if seconds < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
