"""Peak memory of the streaming phone/forensic parsers on large generated inputs (a benchmark, not a test).

Writes an SMS Backup & Restore XML (SMS with an MMS photo every 50 messages, as real multi-GB
backups are mostly base64 media) and a Cellebrite UFED report.xml (one chat of text messages) of
about the requested size, then parses each in a fresh process and reports the child's peak
resident memory (``ru_maxrss``), the item count and the time. Running two sizes shows whether memory
stays flat as the input grows.

    .venv/bin/python bench/formats_memory_phone.py --sizes 100 1024 --out /tmp/fp-bench
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from footprint.synth.phone_writers import (
    PhoneMessage,
    sms_xml_record,
    ufed_message,
    write_axiom_csv,
    write_eml,
    write_imessage_db,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
WORDS = "i know where you live stop ignoring me answer the phone you will regret this see you soon".split()


def _messages(seed: int, images: bool) -> Iterator[PhoneMessage]:
    rng = random.Random(seed)
    photo = rng.randbytes(100_000)
    for n in range(10**9):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 30)))
        yield PhoneMessage(
            START + timedelta(seconds=37 * n),
            f"+4477009001{n % 100:02d}",
            n % 3 != 0,
            text,
            contact="Ben Example",
            image=photo if images and n % 50 == 49 else None,
            deleted=n % 97 == 0,
        )


def write_sms(path: Path, size: int) -> None:
    """An SMS Backup & Restore file of about ``size`` bytes."""
    with path.open("w", encoding="utf-8") as out:
        out.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"-1\">\n")
        for msg in _messages(1, images=True):
            out.write(sms_xml_record(msg))
            if out.tell() >= size:
                break
        out.write("</smses>\n")


def _until(size: int, per_message: int) -> Iterator[PhoneMessage]:
    """Enough messages for about ``size`` bytes at ``per_message`` bytes each."""
    for n, msg in enumerate(_messages(2, images=False)):
        if n * per_message >= size:
            return
        yield msg


def write_mbox(path: Path, size: int) -> None:
    """An mbox of about ``size`` bytes: one-part messages, each behind a From_ line."""
    one = path.with_suffix(".one.eml")
    with path.open("wb") as out:
        for msg in _messages(3, images=False):
            write_eml(one, msg, "jane@example.org", "evening")
            out.write(b"From jane@example.org Mon Jan  1 00:00:00 2024\n")
            out.write(one.read_bytes().replace(b"\r\n", b"\n") + b"\n")
            if out.tell() >= size:
                break
    one.unlink()


def write_imessage(path: Path, size: int) -> None:
    """A chat.db of about ``size`` bytes (text only in attributedBody, as since macOS Ventura)."""
    write_imessage_db(path, _until(size, 230))


def write_axiom(path: Path, size: int) -> None:
    """An AXIOM-style CSV of about ``size`` bytes with the zone in its time column's header."""
    write_axiom_csv(path, _until(size, 150), "+447700900001", zone_header=True)


def write_ufed(path: Path, size: int) -> None:
    """A UFED report.xml of about ``size`` bytes (plus provenance): one chat holding every message."""
    ns = "http://pa.cellebrite.com/report/2.0"
    with path.open("w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<project id="bench" xmlns="{ns}">\n')
        out.write(
            '<decodedData><modelType type="Chat"><model type="Chat" id="chat-1" deleted_state="Intact">'
        )
        out.write('<multiModelField name="Messages" type="InstantMessage">\n')
        for number, msg in enumerate(_messages(2, images=False), start=1):
            out.write(ufed_message(number, msg, "+447700900456"))
            if out.tell() >= size:
                break
        out.write("</multiModelField></model></modelType></decodedData>\n<extraInfos>\n")
        for model in range(1, number + 1):  # one provenance entry per model, as real reports have
            out.write(
                f'<extraInfo type="model" id="im-{model}"><sourceInfo><nodeInfos><nodeInfo name="sms.db"'
                f' path="/private/var/mobile/Library/SMS/sms.db" tableName="message" offset="{4096 * model}"'
                ' size="96" /></nodeInfos></sourceInfo></extraInfo>\n'
            )
        out.write("</extraInfos>\n</project>\n")


CHILD = """
import json, resource, sys, time
from pathlib import Path
from footprint.ingest import ParseContext, Source, parsers
parser, path = sys.argv[1], Path(sys.argv[2])
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ctx = ParseContext(zone="Europe/London", tz_source="assumed")
started = time.perf_counter()
count = 0
with Source(path) as source:
    for _ in parsers.get(parser)().parse(source, ctx):
        count += 1
seconds = round(time.perf_counter() - started, 1)
baseline = round(base / 1024, 1)
summary = {"items": count, "warnings": len(ctx.warnings), "seconds": seconds, "baseline_mib": baseline}
print(json.dumps(summary))
"""


def measure(parser: str, path: Path) -> dict[str, object]:
    """Parse ``path`` in a child process; its peak RSS, item count and time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [sys.executable, "-c", CHILD, parser, str(path)], capture_output=True, text=True, check=True
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result: dict[str, object] = json.loads(done.stdout)
    result.update(
        parser=parser,
        file_mib=round(path.stat().st_size / 2**20, 1),
        peak_rss_mib=round(max(peak, before) / 1024, 1),
    )
    return result


def main() -> None:
    """Generate, measure, print one JSON line per run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1024], help="input sizes in MiB")
    parser.add_argument("--out", type=Path, default=Path("/tmp/footprint-bench-phone"))
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    formats = ["sms_backup_xml", "cellebrite_ufed", "email", "imessage_db", "tabular_forensic"]
    parser.add_argument("--formats", nargs="+", default=formats, choices=formats, help="which formats")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for size in sorted(args.sizes):
        for name, writer, suffix in (
            ("sms_backup_xml", write_sms, "xml"),
            ("cellebrite_ufed", write_ufed, "ufed.xml"),
            ("email", write_mbox, "mbox"),
            ("imessage_db", write_imessage, "db"),
            ("tabular_forensic", write_axiom, "csv"),
        ):
            if name not in args.formats:
                continue
            path = args.out / f"{name}-{size}MiB.{suffix}"
            started = time.perf_counter()
            writer(path, size * 2**20)
            written = round(time.perf_counter() - started, 1)
            # Each measurement runs in its own child so ru_maxrss of earlier, larger runs cannot mask it.
            row = measure_isolated(name, path)
            row["write_seconds"] = written
            print(json.dumps(row), flush=True)
            if not args.keep:
                os.remove(path)


def measure_isolated(parser: str, path: Path) -> dict[str, object]:
    """Run :func:`measure` in a fresh interpreter so RUSAGE_CHILDREN covers only this run."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[3]);"
        " from formats_memory_phone import measure; from pathlib import Path;"
        " print(json.dumps(measure(sys.argv[1], Path(sys.argv[2]))))"
    )
    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", code, parser, str(path), here], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


if __name__ == "__main__":
    main()
