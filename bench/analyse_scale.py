"""`footprint analyse` on a big case, before and after a change, side by side.

    # a case of about N items (SQLite): a WhatsApp chat (40 %) and a Telegram account export of three
    # personal chats (60 %), invented text; her accounts and his attributed, so every analyser has work
    PYTHONPATH=src .venv/bin/python bench/analyse_scale.py build /tmp/fp-analyse-scale --items 100000
    # each run analyses its own copy of the case, in a fresh process under /usr/bin/time -v, alternating
    # another tree's code (--before; e.g. `git archive BASE src | tar -x -C /tmp/b`, at the same schema)
    # with this one's; the findings of every run are compared (a stable dump: no run ids or times)
    PYTHONPATH=src .venv/bin/python bench/analyse_scale.py run /tmp/fp-analyse-scale --before /tmp/b/src

Prints each run's wall time, CPU time (user + system) and peak memory, the after/before ratios of the
medians, the load average before and after, and whether the findings of every run are the same.

    # two copies of a case analysed with different code: the SHA-256 of every finding of the latest analysis
    # in id order (ids, runs, items, words and details) and of its links, to compare; --out writes the dump
    PYTHONPATH=src .venv/bin/python bench/analyse_scale.py findings COPY/case.db --out /tmp/findings.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

HER = "Zoe Victim"
HIM = "Alex Suspect"
#: (name, Telegram user id) of the three chats of her Telegram export; his is the first
CHATS = (("Alex Suspect", 1111111111), ("Sam Friend", 3333333333), ("Mum", 4444444444))
HER_ID = 2222222222
HERS = ("whatsapp:+447700900456", f"telegram:user{HER_ID}")
HIS = ("whatsapp:John Smith", f"telegram:user{CHATS[0][1]}")


def write_telegram(path: Path, messages: int, seed: int = 3) -> Path:
    """Her Telegram account export: three personal chats of ``messages`` messages in all."""
    from footprint.synth.bulk import PHRASES

    rng = random.Random(seed)
    chats, number = [], 0
    for name, uid in CHATS:
        at, rows = datetime(2023, 1, 2, 8, 0, tzinfo=UTC), []
        for _ in range(messages // len(CHATS)):
            at += timedelta(seconds=rng.randint(60, 6000))
            number += 1
            mine = rng.random() >= 0.6
            text = " ".join(rng.choice(PHRASES) for _ in range(rng.randint(1, 3)))
            rows.append(
                {
                    "id": number,
                    "type": "message",
                    "date": at.strftime("%Y-%m-%dT%H:%M:%S"),
                    "date_unixtime": str(int(at.timestamp())),
                    "from": HER if mine else name,
                    "from_id": f"user{HER_ID if mine else uid}",
                    "text": text,
                    "text_entities": [{"type": "plain", "text": text}],
                }
            )
        chats.append({"name": name, "type": "personal_chat", "id": uid, "messages": rows})
    me = {"user_id": HER_ID, "first_name": "Zoe", "last_name": "Victim", "phone_number": "+44 7700 900456"}
    export = {"personal_information": me, "chats": {"list": chats}}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return path


def build(folder: Path, items: int) -> None:
    """A case in ``folder`` of about ``items`` items, with her and his accounts attributed."""
    from footprint.case import Case
    from footprint.parties import add_person, attribute_account
    from footprint.pipeline import AddOptions, add_exhibit
    from footprint.settings import Settings
    from footprint.synth.bulk import write_bulk_whatsapp

    settings = Settings(actor="bench", role="investigator")
    with tempfile.TemporaryDirectory(prefix="footprint-bench-analyse-scale-") as work:
        chat = write_bulk_whatsapp(Path(work) / "chat.txt", items * 2 // 5, seed=7)
        telegram = Path(work) / "telegram" / "result.json"
        telegram.parent.mkdir()
        write_telegram(telegram, items - items * 2 // 5)
        case = Case.init(folder, name="bench", tz="Europe/London", settings=settings)
        add_exhibit(case, chat, AddOptions(producer=HER, exhibit_ref="ZV/1"))
        add_exhibit(case, telegram, AddOptions(producer=HER, exhibit_ref="ZV/2"))
    add_person(case, HER, "complainant")
    add_person(case, HIM, "suspect")
    for key in HERS:
        attribute_account(case, key, HER, "bench: her account", as_complainant=True)
    for key in HIS:
        attribute_account(case, key, HIM, "bench: his account")
    print(f"{folder}: {case.store.count_items():,} items")


def dump(database: Path) -> str:
    """The SHA-256 of the latest analysis, stably: each run's analyser, version, settings, status and note,
    its findings and its links, sorted; no ids of runs or findings, no times."""
    conn = sqlite3.connect(database)
    lines = []
    latest = conn.execute("SELECT max(id) FROM analysis").fetchone()[0]
    runs = conn.execute(
        "SELECT id, analyser, version, settings_hash, status, error FROM analysis_run"
        " WHERE analysis_id = ? ORDER BY analyser",
        (latest,),
    ).fetchall()
    for run_id, *run in runs:
        lines.append(json.dumps(run))
        found = conn.execute(
            "SELECT item_id, category, score, spans, rule_ids, model_id, explanation, details FROM finding"
            " WHERE run_id = ?",
            (run_id,),
        ).fetchall()
        found += conn.execute(
            "SELECT account_a_id, account_b_id, score, log10_lr, evidence, status FROM link WHERE run_id = ?",
            (run_id,),
        ).fetchall()
        lines += sorted(json.dumps(row, ensure_ascii=False) for row in found)
    conn.close()
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def by_id(database: Path, out: Path | None) -> str:
    """The SHA-256 of the latest analysis in id order: its runs (analyser, version, settings, status and
    note), then every finding with its id, run's analyser and version, item, words and details, then every
    link; ``out`` gets the dump itself, one JSON row a line."""
    conn = sqlite3.connect(database)
    latest = conn.execute("SELECT max(id) FROM analysis").fetchone()[0]
    rows = conn.execute(
        "SELECT analyser, version, settings_hash, status, error FROM analysis_run WHERE analysis_id = ?"
        " ORDER BY id",
        (latest,),
    )
    lines = [json.dumps(row) for row in rows]
    found = conn.execute(
        "SELECT f.id, r.analyser, r.version, f.item_id, f.category, f.score, f.spans, f.rule_ids, f.model_id,"
        " f.explanation, f.details FROM finding f JOIN analysis_run r ON r.id = f.run_id"
        " WHERE r.analysis_id = ? ORDER BY f.id",
        (latest,),
    )
    lines += [json.dumps(row, ensure_ascii=False) for row in found]
    links = conn.execute(
        "SELECT l.id, r.analyser, l.account_a_id, l.account_b_id, l.score, l.log10_lr, l.evidence, l.status"
        " FROM link l JOIN analysis_run r ON r.id = l.run_id WHERE r.analysis_id = ? ORDER BY l.id",
        (latest,),
    )
    lines += [json.dumps(row, ensure_ascii=False) for row in links]
    conn.close()
    text = "\n".join(lines)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode()).hexdigest()


_TIMES = {
    "wall": re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)"),
    "user": re.compile(r"User time \(seconds\): (\S+)"),
    "system": re.compile(r"System time \(seconds\): (\S+)"),
    "peak": re.compile(r"Maximum resident set size \(kbytes\): (\d+)"),
}


def _seconds(clock: str) -> float:
    total = 0.0
    for part in clock.split(":"):
        total = total * 60 + float(part)
    return total


def timed_on_a_copy(
    folder: Path, tree: Path, scratch: Path, command: str, after: tuple[str, ...] = ()
) -> tuple[Path, subprocess.CompletedProcess[str], dict[str, float]]:
    """``footprint COMMAND COPY AFTER...`` (``command``'s words: options may come first) with ``tree``'s
    code on a fresh copy of the case, under ``/usr/bin/time``: the copy (for the caller to read, then
    remove), the finished process and its figures (wall and CPU seconds, peak MB)."""
    copy = scratch / "case"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    env = {**os.environ, "PYTHONPATH": str(tree), "FOOTPRINT_ACTOR": "bench"}
    timed = ["/usr/bin/time", "-v", sys.executable, "-m", "footprint", *command.split(), str(copy), *after]
    done = subprocess.run(timed, env=env, check=False, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{command} with {tree} failed:\n{done.stdout}\n{done.stderr}")
    got = {k: pattern.search(done.stderr) for k, pattern in _TIMES.items()}
    if not all(got.values()):
        sys.exit(f"no figures from /usr/bin/time:\n{done.stderr}")
    found = {k: m.group(1) for k, m in got.items() if m is not None}
    figures = {
        "wall": _seconds(found["wall"]),
        "cpu": float(found["user"]) + float(found["system"]),
        "peak_mb": int(found["peak"]) // 1024,
    }
    return copy, done, figures


def analyse_once(folder: Path, tree: Path, scratch: Path) -> dict[str, object]:
    """``footprint analyse`` with ``tree``'s code on a fresh copy of the case: its figures and findings."""
    copy, done, figures = timed_on_a_copy(folder, tree, scratch, "analyse")
    found: dict[str, object] = {**figures, "findings": dump(copy / "case.db"), "said": done.stdout.strip()}
    shutil.rmtree(copy)
    return found


def alternate(
    before: Path,
    runs: int,
    once: Callable[[Path], dict[str, object]],
    said: Callable[[dict[str, object]], str],
) -> dict[str, list[dict[str, object]]]:
    """``once`` with ``before``'s code and this tree's, alternating, ``runs`` times each: every run's
    figures printed (with what ``said`` adds), then the medians and their ratios; the figures by tree."""
    here = Path(__file__).resolve().parents[1] / "src"
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    figures: dict[str, list[dict[str, object]]] = {"before": [], "after": []}
    for n in range(runs):
        for name, tree in (("before", before.resolve()), ("after", here)):
            found = once(tree)
            figures[name].append(found)
            print(
                f"run {n + 1} {name:6} {found['wall']:8.1f} s wall {found['cpu']:8.1f} s CPU"
                f" {found['peak_mb']:6} MB{said(found)}  load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for what in ("wall", "cpu", "peak_mb"):
        old = statistics.median(float(str(f[what])) for f in figures["before"])
        new = statistics.median(float(str(f[what])) for f in figures["after"])
        print(f"median {what}: before {old:.1f}, after {new:.1f}, after/before {new / old:.3f}")
    return figures


def run(folder: Path, before: Path, runs: int) -> None:
    """Alternate analyses with the two trees' code: every run's figures, the ratios, the findings' check."""
    with tempfile.TemporaryDirectory(prefix="footprint-bench-analyse-") as scratch:
        figures = alternate(
            before, runs, lambda tree: analyse_once(folder, tree, Path(scratch)), lambda _: ""
        )
    digests = {str(f["findings"]) for found in figures.values() for f in found}
    said = {str(f["said"]) for found in figures.values() for f in found}
    same = "yes" if len(digests) == 1 else "NO"
    print(f"findings the same in every run: {same} ({', '.join(sorted(digests))})")
    print(f"analyse said the same in every run: {'yes' if len(said) == 1 else 'NO'}")
    print(sorted(said)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("build")
    made.add_argument("folder", type=Path)
    made.add_argument("--items", type=int, default=100_000)
    timed = commands.add_parser("run")
    timed.add_argument("folder", type=Path)
    timed.add_argument("--before", type=Path, required=True, help="the src folder of the code to compare")
    timed.add_argument("--runs", type=int, default=3)
    dumped = commands.add_parser("findings")
    dumped.add_argument("database", type=Path)
    dumped.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.folder, args.items)
    elif args.command == "findings":
        print(by_id(args.database, args.out))
    else:
        run(args.folder, args.before, args.runs)


if __name__ == "__main__":
    main()
