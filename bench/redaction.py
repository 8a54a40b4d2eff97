"""What masking a disclosure copy costs: 20,000 message texts and 5,000 third-party accounts.

    PYTHONPATH=src .venv/bin/python bench/redaction.py [--runs 3] [--texts 20000] [--json OUT]

Builds one ``Redactor`` the way ``build_report`` does (parties kept; 5,000 accounts nobody attributed:
phone numbers, X and Telegram numeric ids, Discord and Telegram usernames, some of them shorter than
six characters, each with a display name), then masks 20,000 synthetic messages as the report masks
an item: the text, the raw record (a JSON line holding the text, the sender's id and the attachment's
name), the author and the attachment's file name. Fixed seed: the same texts every run. Reports the
best wall time of ``--runs`` runs for building the redactor and for masking, the same in processor
time (``_cpu_s``: on a machine shared with other work, wall time is mostly waiting), and how many
values were masked. To compare two versions, run it with each one's ``src`` first on ``PYTHONPATH``,
alternating.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from collections.abc import Callable
from typing import Any

from footprint.report.disclosure_rows import party_identifiers
from footprint.report.redact import Redactor

TEXTS = 20_000
ACCOUNTS = 5_000
WORDS = (
    "where were you last night I know you were there call me now stop ignoring me the car park is"
    " outside your flat again will be round later tell her I said so answer your phone"
).split()


def accounts(rng: random.Random) -> list[tuple[str, str]]:
    """(key, display name) of each third party's account: every fifth one a short username or id."""
    out = []
    for n in range(ACCOUNTS):
        kind = n % 5
        if kind == 0:
            key = f"whatsapp:+4477009{n:05d}"
        elif kind == 1:
            key = f"x:{rng.randrange(10**9, 10**12)}"
        elif kind == 2:
            key = f"telegram:user{rng.randrange(10**8, 10**10)}"
        elif kind == 3:
            key = f"discord:{''.join(rng.choices('abcdefghijklmnopqrstuvwxyz', k=7))}{n}"
        else:
            key = f"telegram:{''.join(rng.choices('abcdefghijklmnopqrstuvwxyz', k=3))}{n % 100}"
        out.append((key, f"Person{n} Other"))
    return out


def texts(rng: random.Random, keys: list[tuple[str, str]], count: int) -> list[tuple[str, str, str, str]]:
    """(author key, text, raw record, attachment name) per message."""
    out = []
    for n in range(count):
        words = rng.choices(WORDS, k=rng.randrange(5, 40))
        key, name = keys[rng.randrange(len(keys))]
        if n % 10 == 0:
            words.insert(rng.randrange(len(words)), f"07700 9{rng.randrange(10**5):05d}")
        if n % 25 == 0:
            words.insert(rng.randrange(len(words)), name)
        if n % 40 == 0:
            words.insert(rng.randrange(len(words)), key.partition(":")[2])
        text = " ".join(words)
        attachment = (
            f"photo_of_07700{rng.randrange(10**6):06d}.jpg" if n % 50 == 0 else f"IMG-20240302-WA{n:04d}.jpg"
        )
        raw = json.dumps({"from_id": key.partition(":")[2], "text": text, "file": attachment})
        out.append((key, text, raw, attachment))
    return out


def once(
    keys: list[tuple[str, str]], msgs: list[tuple[str, str, str, str]]
) -> tuple[float, float, int, float, float]:
    """Seconds to build the redactor, seconds to mask every message, how many values it masked, and
    the processor seconds of the two."""
    start, cpu = time.perf_counter(), time.process_time()
    keep = party_identifiers(["sms:+447700900001", "whatsapp:Jane Doe"], ["Jane Doe", "John Smith"])
    r = Redactor(keep, tuple(sorted({n for _, n in keys})), tuple(k for k, _ in keys))
    built, built_cpu = time.perf_counter() - start, time.process_time() - cpu
    # the attachment's name as build_report masks it (a file name since this change, text before)
    name_of: Callable[[str, str], str] = getattr(r, "file_name", r.text)
    # a message's text as build_report masks it (names nobody gave recognised in it since that change)
    free = {"free": True} if hasattr(r, "names_to_check") else {}
    start, cpu = time.perf_counter(), time.process_time()
    for n, (key, text, raw, attachment) in enumerate(msgs):
        where = f"JD/1 line {n}"
        r.text_with_offsets(text, where, **free)
        r.record(raw, text, where)
        r.field(key, where)
        name_of(attachment, where)
    masked, masked_cpu = time.perf_counter() - start, time.process_time() - cpu
    return built, masked, len(r.log), built_cpu, masked_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--texts", type=int, default=TEXTS, help="how many messages (fewer for a quick look)")
    parser.add_argument("--json", help="write the result here too")
    args = parser.parse_args()
    rng = random.Random(20240302)
    keys = accounts(rng)
    msgs = texts(rng, keys, args.texts)
    runs = [once(keys, msgs) for _ in range(args.runs)]
    result: dict[str, Any] = {
        "texts": args.texts,
        "accounts": ACCOUNTS,
        "build_s": round(min(r[0] for r in runs), 3),
        "mask_s": round(min(r[1] for r in runs), 3),
        "build_cpu_s": round(min(r[3] for r in runs), 3),
        "mask_cpu_s": round(min(r[4] for r in runs), 3),
        "masked": runs[0][2],
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=2))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=2)


if __name__ == "__main__":
    main()
