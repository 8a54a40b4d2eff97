"""Ingest throughput on a synthetic WhatsApp export, side by side with whatstk and chat-miner.

Run: ``make bench`` or ``.venv/bin/python bench/ingest_whatsapp.py [--messages 1000000]``.
Each contestant runs in its own process on the same file, one after another in one run, so peak
memory (max RSS) is measured per contestant. Results are printed and written to
``bench/out/ingest_whatsapp.json`` (``ingest_whatsapp_postgresql.json`` with ``--db``).

``--db postgresql+psycopg://USER@HOST:PORT/postgres`` puts the Footprint cases on that PostgreSQL
server instead of SQLite (a throwaway database per contestant, dropped at exit). The "search"
contestant also times the first search (on SQLite it brings the full-text index up to date; on
PostgreSQL the add has already written the search words) and then each query of ``SEARCHES``
(median of three runs).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"

# A fresh case in a temporary folder (removed at exit), on SQLite or in a throwaway PostgreSQL
# database on the server named by the runner's second argument; creating it is not timed.
_CASE = """
import atexit, shutil, tempfile, uuid
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
folder = tempfile.mkdtemp()
atexit.register(shutil.rmtree, folder)
url = None
if SERVER:
    from sqlalchemy import create_engine, text
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    name = f"fp_bench_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    def _drop() -> None:
        case.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    atexit.register(_drop)
    url = SERVER.rsplit("/", 1)[0] + "/" + name
settings = Settings(actor="bench", database_url=url)
case = Case.init(Path(folder) / "case", name="bench", tz="Europe/London", settings=settings)
START = time.perf_counter()
"""

# Queries timed after the index is up to date: a common word, a rare one, a phrase, a prefix.
SEARCHES = ("block", "gym", '"leave me alone"', "loc*", "scared stop")

CONTESTANTS = {
    "footprint parse": """
from footprint.ingest import ParseContext, Source, parsers
ctx = ParseContext(zone="Europe/London", tz_source="assumed")
with Source(PATH) as source:
    n = sum(1 for _ in parsers.get("whatsapp")().parse(source, ctx))
""",
    "footprint parse + store": _CASE
    + """
n = sum(add_exhibit(case, PATH, AddOptions(producer="Bench Mark")).items_by_kind.values())
""",
    "footprint parse + store + search index": _CASE
    + """
n = sum(add_exhibit(case, PATH, AddOptions(producer="Bench Mark")).items_by_kind.values())
EXTRA["add_seconds"] = time.perf_counter() - START
case.store.search("block")  # SQLite: the first search after an ingest brings the index up to date
EXTRA["first_search_seconds"] = time.perf_counter() - START - EXTRA["add_seconds"]
""",
    "whatstk parse": """
from whatstk import WhatsAppChat
n = len(WhatsAppChat.from_source(filepath=str(PATH), max_size=None).df)  # no 50 MB cap
""",
    "chat-miner parse": """
from chatminer.chatparsers import WhatsAppParser
parser = WhatsAppParser(str(PATH))
parser.parse_file()
n = len(parser.parsed_messages.get_df())
""",
}

# Run after the timed body, on the case it built: each query's time once the index is up to date.
AFTER = {
    "footprint parse + store + search index": f"""
import statistics
for query in {SEARCHES!r}:
    runs = []
    for _ in range(3):
        begun = time.perf_counter()
        case.store.search(query)
        runs.append(time.perf_counter() - begun)
    EXTRA["search_ms " + query] = 1000 * statistics.median(runs)
""",
}

RUNNER = """
import json, resource, sys, time
from pathlib import Path
PATH = Path(sys.argv[1])
SERVER = sys.argv[2] if len(sys.argv) > 2 else None
EXTRA = {{}}
START = time.perf_counter()
{body}
seconds = time.perf_counter() - START
{after}
# peak of this process plus the largest child's (the parsing process): an upper bound of both
peak = sum(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({{"messages": n, "seconds": seconds, "peak_rss_mb": peak / 1024, **EXTRA}}))
"""


def run(name: str, path: Path, server: str | None) -> dict[str, object]:
    """Run one contestant in a fresh interpreter and return its measurements."""
    code = RUNNER.format(body=CONTESTANTS[name], after=AFTER.get(name, ""))
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), *([server] if server else [])],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"name": name, "error": done.stderr.strip().splitlines()[-1:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["name"] = name
    result["rate"] = result["messages"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--only", action="append", choices=sorted(CONTESTANTS))
    parser.add_argument("--db", metavar="SERVER_URL", help="a PostgreSQL server for the Footprint cases")
    args = parser.parse_args()
    from footprint.synth.bulk import write_bulk_whatsapp

    OUT.mkdir(exist_ok=True)
    path = OUT / f"WhatsApp Chat with John Smith {args.messages}.txt"
    if not path.exists():
        write_bulk_whatsapp(path, args.messages)
    results = [run(name, path, args.db) for name in (args.only or CONTESTANTS)]
    print(f"{'contestant':<40}{'messages':>10}{'seconds':>9}{'msg/s':>10}{'peak MB':>9}")
    for r in results:
        if "error" in r:
            print(f"{r['name']:<40} failed: {r['error']}")
            continue
        print(
            f"{r['name']:<40}{r['messages']:>10,}{r['seconds']:>9.2f}{r['rate']:>10,.0f}"
            f"{r['peak_rss_mb']:>9.0f}"
        )
        for key, value in r.items():
            if key.startswith(("add_", "first_", "search_")):
                print(f"    {key}: {value:.3f}")
    rates = {str(r["name"]): float(r["rate"]) for r in results if "rate" in r}  # type: ignore[arg-type]
    peers = [rates[k] for k in ("whatstk parse", "chat-miner parse") if k in rates]
    summary: dict[str, object] = {}
    if peers and "footprint parse" in rates:
        summary["parse_speedup_vs_fastest_peer"] = rates["footprint parse"] / max(peers)
        print(f"footprint parse is {summary['parse_speedup_vs_fastest_peer']:.2f}x the fastest peer")
    for name in ("footprint parse + store", "footprint parse + store + search index"):
        if name in rates:
            print(f"{name}: {rates[name]:,.0f} messages/s")
    record = {
        "file": path.name,
        "bytes": path.stat().st_size,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "database": "postgresql" if args.db else "sqlite",
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": results,
        **summary,
    }
    out = "ingest_whatsapp_postgresql.json" if args.db else "ingest_whatsapp.json"
    (OUT / out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
