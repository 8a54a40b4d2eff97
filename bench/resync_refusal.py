"""What a count in the refusal of a damaged export would cost: the refusal against reading on to the end.

Run: ``PYTHONPATH=src:. .venv/bin/python bench/resync_refusal.py [--runs 2]``.

Writes a one-line (minified) full Telegram export of 100 chats of 1,500 messages (150,000 in all), damages
it with one byte that is not UTF-8 in the text of the first chat's last message (1 % of the way in), and
times in a fresh process, ``--runs`` times each: the parse without ``accept_partial`` (refused at the
damage) and with it (reading on at the next chat to the end of the file). A count of what
``--accept-partial`` would keep, given in the refusal, would cost the second figure, not the first
(docs/formats.md, "A damaged byte").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

_PARSE = """
import sys, time
from pathlib import Path
from footprint.errors import ParseError
from footprint.ingest import ParseContext, Source, parsers
ctx = ParseContext(zone="Europe/London", tz_source="assumed", accept_partial=sys.argv[2] == "1")
start, outcome = time.perf_counter(), "refused"
try:
    with Source(Path(sys.argv[1])) as source:
        outcome = f"{sum(1 for _ in parsers.get('telegram_json')().items(source, ctx)):,} item(s) kept"
except ParseError:
    pass
print(round(time.perf_counter() - start, 3), outcome)
"""

CHATS, PER_CHAT = 100, 1_500


def _full_export() -> bytes:
    chats = [
        {
            "name": f"Chat {c}",
            "type": "personal_chat",
            "id": c + 1,
            "messages": [
                {
                    "id": c * PER_CHAT + i,
                    "type": "message",
                    "date": "2024-03-14T10:00:00",
                    "date_unixtime": str(1710410400 + i),
                    "from": "Alice" if i % 2 else "Ben",
                    "from_id": "user1" if i % 2 else "user2",
                    "text": f"message {i} — I know where you live",
                }
                for i in range(PER_CHAT)
            ],
        }
        for c in range(CHATS)
    ]
    return json.dumps(
        {"chats": {"about": "", "list": chats}}, separators=(",", ":"), ensure_ascii=False
    ).encode()


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--runs", type=int, default=2)
    opts = args.parse_args()
    src = str(Path(__file__).resolve().parents[1] / "src")
    data = _full_export()
    at = data.index(f'"text":"message {PER_CHAT - 1} '.encode()) + len('"text":"')
    with tempfile.TemporaryDirectory() as folder:
        damaged = Path(folder) / "result.json"
        damaged.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
        print(
            f"one-line full export: {len(data) / 1e6:.1f} MB, {CHATS * PER_CHAT:,} messages,"
            f" damaged at byte {at:,}"
        )
        for partial in (False, True):
            for _ in range(opts.runs):
                run = [sys.executable, "-c", _PARSE, str(damaged), "1" if partial else "0"]
                out = subprocess.run(run, env={"PYTHONPATH": src}, capture_output=True, text=True, check=True)
                seconds, outcome = out.stdout.split(maxsplit=1)
                print(f"accept_partial={partial}: {seconds} s, {outcome.strip()}")


if __name__ == "__main__":
    main()
