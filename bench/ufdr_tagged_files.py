"""Time reading a .ufdr whose tagged files carry the extraction tool's hashes (a benchmark, not a test).

Writes a Cellebrite ``.ufdr`` holding one chat of ``--files`` messages, each with one attachment: a
tagged file of ``--mib`` MiB of random bytes (stored in the zip, as a phone's media is) whose SHA256
and MD5 the report records. Then, ``--runs`` times each: parses it (the parser alone, no case), and
adds it to a fresh case (parse, vault every attachment, store), in wall and CPU seconds (CPU counts
the add's parsing process too; it varies less than wall time on a shared machine). The parser checks
every tagged file against the report's hash; the add also stores every one in the vault.

    .venv/bin/python bench/ufdr_tagged_files.py --files 200 --mib 1 --runs 3 --out /tmp/fp-ufdr
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import time
import zipfile
from pathlib import Path

from footprint.case import Case
from footprint.ingest import ParseContext, Source, parsers
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

NS = "http://pa.cellebrite.com/report/2.0"


def _field(name: str, value: str) -> str:
    return f'<field name="{name}" type="String"><value type="String"><![CDATA[{value}]]></value></field>'


def write_ufdr(path: Path, files: int, mib: int) -> None:
    """A .ufdr with ``files`` tagged files of ``mib`` MiB, each attached to one message."""
    rng = random.Random(7)
    tagged, messages = [], []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for number in range(1, files + 1):
            data = rng.randbytes(mib << 20)
            name = f"IMG_{number:04d}.jpg"
            archive.writestr(f"files/Image/{name}", data)
            sha256 = hashlib.sha256(data).hexdigest()
            md5 = hashlib.md5(data).hexdigest()  # noqa: S324 - the report's own algorithm
            tagged.append(
                f'<file fs="File System" path="/private/var/Media/{name}" size="{len(data)}" id="f-{number}"'
                ' extractionId="0" deleted="Intact"><metadata section="File">'
                f'<item name="Local Path"><![CDATA[files\\Image\\{name}]]></item>'
                f'<item name="SHA256"><![CDATA[{sha256}]]></item><item name="MD5"><![CDATA[{md5}]]></item>'
                "</metadata></file>"
            )
            messages.append(
                f'<model type="InstantMessage" id="m-{number}" deleted_state="Intact">'
                + _field("Body", f"photo {number}")
                + _field("TimeStamp", f"2024-03-14T10:{number % 60:02d}:00.000+00:00")
                + _field("Type", "Incoming")
                + '<modelField name="From" type="Party"><model type="Party" id="p-{number}">'
                + _field("Identifier", "+447700900123")
                + '</model></modelField><multiModelField name="Attachments" type="Attachment">'
                f'<model type="Attachment" id="a-{number}" deleted_state="Intact">{_field("Filename", name)}'
                "</model></multiModelField></model>"
            )
        report = (
            f'<?xml version="1.0" encoding="utf-8"?>\n<project id="bench" xmlns="{NS}">'
            f"<taggedFiles>{''.join(tagged)}</taggedFiles>"
            '<decodedData><modelType type="Chat"><model type="Chat" id="chat-1" deleted_state="Intact">'
            + _field("Source", "Native Messages")
            + '<multiModelField name="Messages" type="InstantMessage">'
            + "".join(messages)
            + "</multiModelField></model></modelType></decodedData></project>\n"
        )
        archive.writestr("report.xml", report)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the add's parsing process)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def parse_seconds(path: Path) -> tuple[float, float, int, int]:
    """Wall and CPU seconds to parse ``path`` with no case, its item count and warning count."""
    ctx = ParseContext(zone="Europe/London", tz_source="assumed")
    started, cpu = time.perf_counter(), _cpu()
    with Source(path) as source:
        count = sum(1 for _ in parsers.get("cellebrite_ufed")().items(source, ctx))
    return time.perf_counter() - started, _cpu() - cpu, count, len(ctx.warnings)


def add_seconds(path: Path, folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds to add ``path`` to a fresh case in ``folder`` (parse, vault, store)."""
    shutil.rmtree(folder, ignore_errors=True)
    settings = Settings(actor="bench", role="investigator", database_url=None)
    case = Case.init(folder, name="bench", tz="Europe/London", settings=settings)
    try:
        started, cpu = time.perf_counter(), _cpu()
        add_exhibit(case, path, AddOptions(producer="Bench"))
        return time.perf_counter() - started, _cpu() - cpu
    finally:
        case.close()


def main() -> None:
    """Write the .ufdr, time parse and add ``--runs`` times each, print the figures as JSON."""
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--files", type=int, default=200)
    options.add_argument("--mib", type=int, default=1)
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--out", type=Path, default=Path("/tmp/fp-ufdr"))
    args = options.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ufdr = args.out / "tagged.ufdr"
    write_ufdr(ufdr, args.files, args.mib)
    parses = [parse_seconds(ufdr) for _ in range(args.runs)]
    adds = [add_seconds(ufdr, args.out / "case") for _ in range(args.runs)]
    summary = {
        "files": args.files,
        "mib": args.mib,
        "items": parses[0][2],
        "warnings": parses[0][3],
        "parse_seconds": [round(p[0], 2) for p in parses],
        "parse_cpu_seconds": [round(p[1], 2) for p in parses],
        "add_seconds": [round(a[0], 2) for a in adds],
        "add_cpu_seconds": [round(a[1], 2) for a in adds],
    }
    print(json.dumps(summary))  # noqa: T201 - a benchmark's output


if __name__ == "__main__":
    main()
