"""Ingest time of a synthetic Telegram Desktop group export, side by side with chat-miner.

Run: ``.venv/bin/python bench/ingest_telegram.py [--messages 200000] [--leaves 200] [--runs 3]
[--before SRC]``.

The export is a single-chat ``result.json`` of a private group written by
``footprint.synth.social_writers.write_telegram_group``: Ben creates the group with Zoë and Cat, then
``2 * leaves`` join and leave service messages at even spacing (Cat removed and invited back, Eve
invited once though she never writes, Dan leaving by himself and rejoining by link) among messages by
the four of them in turn. So ``telegram_json`` (v6) reads who was in the group when each message was
sent, which is what made parsing slower (docs/benchmarks.md).

Contestants run as in ``bench/ingest_whatsapp.py`` (its runner is reused): each in a fresh process,
on the same file, one after another; ``--runs`` and ``--before`` (another checkout's ``src`` folder,
timed alternately with this one) as there. Results are printed and written to
``bench/out/ingest_telegram.json``.

Peer: chat-miner 0.6.0's ``TelegramJsonParser`` (in the ``bench`` extras). It loads the whole file with
``json.load`` and keeps messages with a ``from`` and a ``text``: it drops the service messages, so it
counts ``2 * leaves + 1`` fewer, and it reads no recipients. The reference notes' other Telegram
readers, telegram-export-md (writes Markdown) and telegramstats (prints statistics), are on PyPI but
not in the extras, and give no messages to count, so they are not timed.
"""

from __future__ import annotations

import argparse
import json
import platform
import time

from ingest_whatsapp import _CASE, OUT, medians, rounds, show

CONTESTANTS = {
    "footprint parse": """
from footprint.ingest import ParseContext, Source, parsers
CPU_AT_START, START = _cpu(), time.perf_counter()  # imports not timed
ctx = ParseContext(zone="Europe/London", tz_source="assumed")
with Source(PATH) as source:
    n = sum(1 for _ in parsers.get("telegram_json")().parse(source, ctx))
""",
    "footprint parse + store": _CASE
    + """
n = sum(add_exhibit(case, PATH, AddOptions(producer="Bench Mark")).items_by_kind.values())
""",
    "chat-miner parse": """
from chatminer.chatparsers import TelegramJsonParser
CPU_AT_START, START = _cpu(), time.perf_counter()  # imports not timed
parser = TelegramJsonParser(str(PATH))
parser.parse_file()
n = len(parser.parsed_messages.get_df())
""",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--leaves", type=int, default=200, help="leave service messages (as many joins)")
    parser.add_argument("--only", action="append", choices=sorted(CONTESTANTS))
    parser.add_argument("--runs", type=int, default=1, help="times to run each contestant (medians printed)")
    parser.add_argument("--before", metavar="SRC", help="another checkout's src folder, timed alternately")
    args = parser.parse_args()
    from footprint.synth.social_writers import write_telegram_group

    folder = OUT / f"telegram-group-{args.messages}-{args.leaves}"
    path = folder / "result.json"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_telegram_group(path, args.messages, args.leaves)
    chosen = {name: CONTESTANTS[name] for name in args.only or CONTESTANTS}
    results = rounds(chosen, path, None, args.runs, args.before)
    show(results)
    record: dict[str, object] = {
        "file": f"{folder.name}/{path.name}",
        "bytes": path.stat().st_size,
        "leaves": args.leaves,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "results": results,
    }
    found = medians(results)
    peer, ours = found.get("chat-miner parse (after)"), found.get("footprint parse (after)")
    if peer and ours:
        record["parse_seconds_vs_chat_miner"] = ours["seconds"] / peer["seconds"]
        record["parse_cpu_vs_chat_miner"] = ours["cpu_seconds"] / peer["cpu_seconds"]
        print(
            f"footprint parse / chat-miner parse: {record['parse_seconds_vs_chat_miner']:.2f} wall,"
            f" {record['parse_cpu_vs_chat_miner']:.2f} CPU (chat-miner reads no recipients)"
        )
    record["medians"] = found
    (OUT / "ingest_telegram.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
