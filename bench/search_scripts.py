"""What search's folding (schema 0017: Han and kana a word each, Arabic points, digits, ł…; 0018: Thai,
Lao, Khmer and Burmese clusters, kana voicing marks, Arabic letter variants, Indic vowel signs and
virama kept; 0020: Persian letters, Arabic presentation forms, spacing voicing marks, nasal marks) costs:
the add, the first
search (which indexes on SQLite), later searches and the index's size, on a chat in many scripts.

    PYTHONPATH=src .venv/bin/python bench/search_scripts.py [--messages 20000] [--runs 3] [--db URL]

Run it once with this tree's ``src`` and once with an older tree's (the same script: it uses only
``Case``, ``add_exhibit`` and ``store.search``) to compare. ``--db`` names an empty PostgreSQL
database (dropped and made again for each run is up to the caller: give a new one per run). The chat is
synthetic: each message one of a few invented lines in English, Chinese, Arabic with and without
vowel marks, Arabic-Indic digits, Polish, Hindi, Thai, Khmer, Burmese, Lao and Japanese (halfwidth
kana with a voicing mark), Bengali and Tamil, Persian and Arabic presentation forms, with a counter.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

LINES = (
    "see you at the station at {n}, don't be late",
    "我知道你住在哪里，我要杀了你 {n}",
    "سَأَقْتُلُكِ يا {n}",
    "سأراك غدا في المحطة {n}",
    "اتصل على ٠٧٧٠٠ ٩٠٠١٢٣ رقم {n}",
    "Łucja mówi, że przyjdzie o {n}",
    "मैं तुम्हें कल फ़ोन करूँगा {n}",
    "我们明天见面吧 {n}",
    "ฉันจะฆ่าแก {n}",
    "بکشمت امشب {n}",
    "ﺳﺄﻗﺘﻠﻚ ﻻ ﺗﻬﺮﺑﻲ {n}",
    "ខ្ញុំនឹងសម្លាប់អ្នក {n}",
    "ငါမင်းကိုသတ်မယ် {n}",
    "ຂ້ອຍຈະຂ້າເຈົ້າ {n}",
    "このｶﾞｷ、覚えてろ {n}",
    "انا قادم الى بيتك يا فاطمة {n}",
    "আমি তোকে মারব, நான் உன்னை கொல்லுவேன் {n}",
)
QUERIES = (
    "station",
    "杀",
    '"杀了你"',
    "سأقتلك",
    "07700",
    "lucja",
    "फ़ोन",
    "4999",
    "ฆ่า",
    "សម្លាប់",
    "ガキ",
    "الي",
    "मार",
    "கொல்லுவேன்",
)


def _chat(folder: Path, messages: int) -> Path:
    at = datetime(2024, 3, 14, 9, 0)
    lines = []
    for n in range(messages):
        at += timedelta(minutes=n % 3)
        who = ("John Smith", "Jane Doe")[n % 2]
        lines.append(f"{at:%d/%m/%Y, %H:%M} - {who}: {LINES[n % len(LINES)].format(n=n)}")
    chat = folder / "WhatsApp Chat with John Smith.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chat


def _index_bytes(case: Case) -> int:
    with case.store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            return int(conn.execute(text("SELECT sum(length(block)) FROM item_fts_data")).scalar() or 0)
        return int(
            conn.execute(
                text(
                    "SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
                    " WHERE inhparent = 'item_words'::regclass"
                )
            ).scalar_one()
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    settings = Settings(actor="bench", role="investigator", database_url=args.db)
    with tempfile.TemporaryDirectory(prefix="footprint-bench-search-scripts-") as work:
        folder = Path(work)
        chat = _chat(folder, args.messages)
        case = Case.init(folder / "case", name="bench", tz="Europe/London", settings=settings)
        start = time.perf_counter()
        add_exhibit(case, chat, AddOptions(producer="Jane Doe"))
        print(f"add of {args.messages:,} messages: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        first = len(case.store.search("station", limit=100))
        print(f"first search (indexes on SQLite): {time.perf_counter() - start:.2f} s, {first} shown")
        print(f"index size: {_index_bytes(case) / 1e6:.2f} MB")
        for query in QUERIES:
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                hits = case.store.search(query, limit=100)
                count = case.store.search_count(query)
                times.append(time.perf_counter() - start)
            shown = ", ".join(f"{t:.3f}" for t in times)
            print(f"search {query!r}: {count:,} match, {len(hits)} shown; {shown} s")
        case.close()


if __name__ == "__main__":
    main()
