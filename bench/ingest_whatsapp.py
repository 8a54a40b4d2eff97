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

``--runs N --before SRC`` times each contestant N times, alternately with the code in ``SRC`` (the
``src`` folder of another checkout, e.g. ``git worktree add /tmp/before d707948`` then
``--before /tmp/before/src``), and prints each one's median wall-clock and CPU seconds (user + system,
of the process and its children: steadier than wall-clock on a shared machine) and after / before.
``--only "footprint parse"`` times the parser alone (no store): with ``--messages 465000`` (483,701
lines over two years, four clock changes) it re-measures the cost of reading clock-change times by the
export's order (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
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
CPU_AT_START, START = _cpu(), time.perf_counter()
"""

# Queries timed after the index is up to date: a common word, a rare one, a phrase, a prefix.
SEARCHES = ("block", "gym", '"leave me alone"', "loc*", "scared stop")

CONTESTANTS = {
    "footprint parse": """
from footprint.ingest import ParseContext, Source, parsers
CPU_AT_START, START = _cpu(), time.perf_counter()  # imports not timed
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
WHO = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
def _cpu():  # user + system seconds of this process and its finished children (the parsing process)
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, WHO))
CPU_AT_START, START = _cpu(), time.perf_counter()
{body}
seconds = time.perf_counter() - START
cpu = _cpu() - CPU_AT_START
{after}
# peak of this process plus the largest child's (the parsing process): an upper bound of both
peak = sum(resource.getrusage(who).ru_maxrss for who in WHO)
print(json.dumps({{"messages": n, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak / 1024,
                  **EXTRA}}))
"""


def run(
    name: str, body: str, path: Path, server: str | None, src: str | None = None, after: str = ""
) -> dict[str, object]:
    """Run one contestant's ``body`` in a fresh interpreter (with ``src`` first on its path, to time
    another checkout's code) and return its measurements."""
    code = RUNNER.format(body=body, after=after)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])))
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), *([server] if server else [])],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        return {"name": name, "error": done.stderr.strip().splitlines()[-1:]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["name"] = name
    result["rate"] = result["messages"] / result["seconds"]
    return result


def rounds(
    contestants: dict[str, str],
    path: Path,
    server: str | None,
    runs: int,
    before: str | None,
    after: dict[str, str] | None = None,
) -> list[dict[str, object]]:
    """Every contestant ``runs`` times; with ``before`` (another checkout's ``src``), each run of this
    code is followed by one of that code (Footprint's contestants only), so both see the same load."""
    results = []
    for number in range(runs):
        for name, body in contestants.items():
            other = [("before", before)] if before and name.startswith("footprint") else []
            for code, src in [("after", None), *other]:
                result = run(name, body, path, server, src, (after or {}).get(name, ""))
                results.append({**result, "run": number + 1, "code": code})
    return results


def medians(results: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    """Median seconds and CPU seconds of each contestant (and code, when two were timed), printed with
    after / before."""
    groups: dict[str, list[dict[str, object]]] = {}
    for r in results:
        if "error" not in r:
            groups.setdefault(f"{r['name']} ({r['code']})", []).append(r)
    found = {
        key: {m: statistics.median(float(r[m]) for r in rs) for m in ("seconds", "cpu_seconds")}  # type: ignore[arg-type]
        for key, rs in groups.items()
    }
    print(f"{'median of runs':<50}{'runs':>5}{'seconds':>9}{'CPU s':>9}")
    for key, m in found.items():
        print(f"{key:<50}{len(groups[key]):>5}{m['seconds']:>9.2f}{m['cpu_seconds']:>9.2f}")
        prior = found.get(key.replace("(after)", "(before)"))
        if key.endswith("(after)") and prior:
            print(f"    after / before: {m['seconds'] / prior['seconds']:.2f} wall, "
                  f"{m['cpu_seconds'] / prior['cpu_seconds']:.2f} CPU")  # fmt: skip
    return found


def show(results: list[dict[str, object]]) -> None:
    """Print each run's measurements."""
    print(f"{'contestant':<50}{'messages':>10}{'seconds':>9}{'CPU s':>9}{'msg/s':>10}{'peak MB':>9}")
    for r in results:
        label = f"{r['name']} ({r['code']})"
        if "error" in r:
            print(f"{label:<50} failed: {r['error']}")
            continue
        print(
            f"{label:<50}{r['messages']:>10,}{r['seconds']:>9.2f}{r['cpu_seconds']:>9.2f}{r['rate']:>10,.0f}"
            f"{r['peak_rss_mb']:>9.0f}"
        )
        for key, value in r.items():
            if key.startswith(("add_", "first_", "search_")):
                print(f"    {key}: {value:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--only", action="append", choices=sorted(CONTESTANTS))
    parser.add_argument("--db", metavar="SERVER_URL", help="a PostgreSQL server for the Footprint cases")
    parser.add_argument("--runs", type=int, default=1, help="times to run each contestant (medians printed)")
    parser.add_argument("--before", metavar="SRC", help="another checkout's src folder, timed alternately")
    args = parser.parse_args()
    from footprint.synth.bulk import write_bulk_whatsapp

    OUT.mkdir(exist_ok=True)
    path = OUT / f"WhatsApp Chat with John Smith {args.messages}.txt"
    if not path.exists():
        write_bulk_whatsapp(path, args.messages)
    chosen = {name: CONTESTANTS[name] for name in args.only or CONTESTANTS}
    results = rounds(chosen, path, args.db, args.runs, args.before, AFTER)
    show(results)
    rates = {str(r["name"]): float(r["rate"]) for r in results if "rate" in r and r["code"] == "after"}  # type: ignore[arg-type]
    peers = [rates[k] for k in ("whatstk parse", "chat-miner parse") if k in rates]
    summary: dict[str, object] = {}
    if peers and "footprint parse" in rates:
        summary["parse_speedup_vs_fastest_peer"] = rates["footprint parse"] / max(peers)
        print(f"footprint parse is {summary['parse_speedup_vs_fastest_peer']:.2f}x the fastest peer")
    for name in ("footprint parse + store", "footprint parse + store + search index"):
        if name in rates:
            print(f"{name}: {rates[name]:,.0f} messages/s")
    if args.runs > 1 or args.before:
        summary["medians"] = medians(results)
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
