"""Ingest throughput on a synthetic WhatsApp export, side by side with whatstk and chat-miner.

Run: ``make bench`` or ``.venv/bin/python bench/ingest_whatsapp.py [--messages 1000000]``.
Each contestant runs in its own process on the same file, one after another in one run, so peak
memory (max RSS) is measured per contestant. Results are printed and written to
``bench/out/ingest_whatsapp.json``.
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

# A fresh case in a temporary folder (removed at exit); creating it is not part of the timing.
_CASE = """
import atexit, shutil, tempfile
from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
folder = tempfile.mkdtemp()
atexit.register(shutil.rmtree, folder)
case = Case.init(Path(folder) / "case", name="bench", tz="Europe/London", settings=Settings(actor="bench"))
START = time.perf_counter()
"""

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
case.store.search("block")  # the first search after an ingest builds the full-text index
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

RUNNER = """
import json, resource, sys, time
from pathlib import Path
PATH = Path(sys.argv[1])
START = time.perf_counter()
{body}
seconds = time.perf_counter() - START
# peak of this process plus the largest child's (the parsing process): an upper bound of both
peak = sum(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({{"messages": n, "seconds": seconds, "peak_rss_mb": peak / 1024}}))
"""


def run(name: str, path: Path) -> dict[str, object]:
    """Run one contestant in a fresh interpreter and return its measurements."""
    code = RUNNER.format(body=CONTESTANTS[name])
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
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
    args = parser.parse_args()
    from footprint.synth.bulk import write_bulk_whatsapp

    OUT.mkdir(exist_ok=True)
    path = OUT / f"WhatsApp Chat with John Smith {args.messages}.txt"
    if not path.exists():
        write_bulk_whatsapp(path, args.messages)
    results = [run(name, path) for name in (args.only or CONTESTANTS)]
    print(f"{'contestant':<40}{'messages':>10}{'seconds':>9}{'msg/s':>10}{'peak MB':>9}")
    for r in results:
        if "error" in r:
            print(f"{r['name']:<40} failed: {r['error']}")
            continue
        print(
            f"{r['name']:<40}{r['messages']:>10,}{r['seconds']:>9.2f}{r['rate']:>10,.0f}"
            f"{r['peak_rss_mb']:>9.0f}"
        )
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
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": results,
        **summary,
    }
    (OUT / "ingest_whatsapp.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
