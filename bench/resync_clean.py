"""Reading on after a damaged byte: no slower on clean input, and how much a 1 % damage now keeps.

Run: ``PYTHONPATH=src:. .venv/bin/python bench/resync_clean.py --before /path/to/other/src [--runs 3]
[--minified [--chats N [--left]]] [--messenger] [--ufed] [--cpu]``.

Writes a 150,000-message Telegram ``result.json`` (one chat, indented as tdesktop writes it) and a
100,000-record SMS Backup & Restore XML, undamaged, to a temporary folder; parses each in a fresh process
with this checkout's ``src`` and with ``--before`` (another checkout's), alternately, ``--runs`` times,
with and without ``accept_partial``; prints the wall-clock seconds of each run. Then damages each file
with one byte that is not UTF-8 1 % of the way in and prints how many items ``--accept-partial`` keeps
with each checkout, and in what time. ``--minified``: the Telegram file only, written on one line (as a
tool re-saving an export writes it), where reading on finds the next message without line breaks.
``--chats N``: the same messages as a full export of ``N`` chats (``chats.list``), damaged 1 % of the way
in in a chat's header; ``--left``: the last of them in ``left_chats.list`` instead, damaged in its
header (no chat after it). ``--messenger``: a legacy Messenger ``message_1.json`` page of 10,000 messages
(Meta's cap), indented as Meta writes it, instead. ``--ufed``: a Cellebrite ``report.xml`` of about
30 MB (one chat of messages, as ``bench/formats_memory_phone.py`` writes it) instead, damaged 1 % of the
way in in a message's start tag (its ``id`` attribute). ``--cpu``: the CPU seconds of the parsing process
(``time.process_time``) instead of the wall clock, which other work on a shared machine makes noisy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.formats_memory_phone import write_ufed

_PARSE = """
import sys, time
from pathlib import Path
from footprint.ingest import ParseContext, Source, parsers
ctx = ParseContext(zone="Europe/London", tz_source="assumed", accept_partial=sys.argv[3] == "1")
clock = time.process_time if sys.argv[4] == "cpu" else time.perf_counter
start = clock()
with Source(Path(sys.argv[2])) as source:
    n = sum(1 for _ in parsers.get(sys.argv[1])().items(source, ctx))
print(n, round(clock() - start, 3))
"""


def _telegram(count: int, minified: bool = False, chats: int = 0, left: bool = False) -> bytes:
    messages = [
        {
            "id": i,
            "type": "message",
            "date": "2024-03-14T10:00:00",
            "date_unixtime": str(1710410400 + i),
            "from": "Alice" if i % 2 else "Ben",
            "from_id": "user1" if i % 2 else "user2",
            "text": f"message {i} — I know where you live",
        }
        for i in range(count)
    ]
    chat: dict[str, Any] = {"name": "Alice", "type": "personal_chat", "id": 1, "messages": messages}
    if chats:
        each = count // chats
        listed = [{**chat, "id": n, "messages": messages[n * each : (n + 1) * each]} for n in range(chats)]
        chat = {"chats": {"about": "x", "list": listed[:-1] if left else listed}}
        if left:
            chat["left_chats"] = {"about": "x", "list": listed[-1:]}
    if minified:
        return json.dumps(chat, separators=(",", ":"), ensure_ascii=False).encode()
    return json.dumps(chat, indent=1).encode()


def _messenger(count: int) -> bytes:
    messages = [
        {
            "sender_name": "Ben Example" if i % 2 else "Ann Example",
            "timestamp_ms": 1720000000000 - 60_000 * i,
            "content": f"message {i} — I know where you live",
            "type": "Generic",
        }
        for i in range(count)
    ]
    people = [{"name": "Ann Example"}, {"name": "Ben Example"}]
    page = {"participants": people, "messages": messages, "title": "Ann Example", "thread_path": "inbox/a_1"}
    return json.dumps(page, indent=2).encode()


def _sms(count: int) -> bytes:
    rows = [
        f'  <sms protocol="0" address="+447700900123" date="{1710410400000 + i * 1000}" type="{1 + i % 2}"'
        f' body="message {i} — I know where you live" read="1" status="-1" contact_name="Alice" />'
        for i in range(count)
    ]
    return (f'<?xml version="1.0"?>\n<smses count="{count}">\n' + "\n".join(rows) + "\n</smses>\n").encode()


def _damaged(data: bytes, header: bool = False, last: bool = False) -> bytes:
    if last:  # the last chat's header
        at = data.rindex(b'"name":"Alice"') + 9
    elif data.startswith(b"<?xml"):  # a UFED report: a message's id attribute
        at = data.index(b'<model type="InstantMessage" id="', len(data) // 100) + 35
    else:
        at = data.index(b'"name":"Alice"' if header else b"message", len(data) // 100) + header * 9
    return data[:at] + b"\xff" + data[at + 1 :]


def _run(src: str, parser: str, path: Path, partial: bool, clock: str = "wall") -> tuple[int, float]:
    out = subprocess.run(
        [sys.executable, "-c", _PARSE, parser, str(path), "1" if partial else "0", clock],
        env={"PYTHONPATH": src},
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        return 0, float("nan")
    count, seconds = out.stdout.split()
    return int(count), float(seconds)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--before", required=True, help="the other checkout's src folder")
    args.add_argument("--runs", type=int, default=3)
    args.add_argument("--minified", action="store_true", help="the Telegram file only, on one line")
    args.add_argument("--chats", type=int, default=0, help="with --minified: a full export of N chats")
    args.add_argument("--left", action="store_true", help="with --chats: the last chat in left_chats")
    args.add_argument("--messenger", action="store_true", help="a legacy Messenger page only")
    args.add_argument("--ufed", action="store_true", help="a Cellebrite report.xml only")
    args.add_argument("--cpu", action="store_true", help="CPU seconds, not wall-clock ones")
    opts = args.parse_args()
    clock = "cpu" if opts.cpu else "wall"
    after = str(Path(__file__).resolve().parents[1] / "src")
    with tempfile.TemporaryDirectory() as folder:
        files = {"telegram_json": Path(folder) / "result.json"}
        files["telegram_json"].write_bytes(_telegram(150_000, opts.minified, opts.chats, opts.left))
        if opts.ufed:
            files = {"cellebrite_ufed": Path(folder) / "report.xml"}
            write_ufed(files["cellebrite_ufed"], 30 << 20)
        elif opts.messenger:
            files = {"messenger_json": Path(folder) / "message_1.json"}
            files["messenger_json"].write_bytes(_messenger(10_000))
        elif not opts.minified:
            files["sms_backup_xml"] = Path(folder) / "sms.xml"
            files["sms_backup_xml"].write_bytes(_sms(100_000))
        for parser, path in files.items():
            for partial in (False, True):
                times: dict[str, list[float]] = {"before": [], "after": []}
                for _ in range(opts.runs):
                    for name, src in (("before", opts.before), ("after", after)):
                        times[name].append(_run(src, parser, path, partial, clock)[1])
                print(f"{parser} clean, accept_partial={partial}, {clock}: {times}")
            damaged = path.with_name("damaged-" + path.name)
            damaged.write_bytes(_damaged(path.read_bytes(), bool(opts.chats), opts.left))
            for name, src in (("before", opts.before), ("after", after)):
                kept, seconds = _run(src, parser, damaged, True, clock)
                place = "in the last chat's header" if opts.left else "at 1%"
                print(f"{parser} damaged {place}, --accept-partial, {name}: {kept:,} kept, {seconds} s")


if __name__ == "__main__":
    main()
