"""`classify`: batch detection outside a case — one text per line, CSV or JSONL in, JSON Lines out."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO, Any

import click

from footprint.errors import InputError

BATCH = 1024
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by "surrogateescape"


@dataclass(frozen=True)
class Record:
    """One input record: its id and text, or what is wrong with it (``error``, naming its line)."""

    ident: Any
    text: str = ""
    error: str | None = None


@click.command("classify")
@click.argument("source", metavar="[FILE|-]", default="-", type=click.File("rb", lazy=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["lines", "csv", "jsonl"]),
    default="lines",
    show_default=True,
    help="lines: one text per line; csv: a header row; jsonl: one JSON object per line.",
)
@click.option("--text-column", default="text", show_default=True, help="Column or field holding the text.")
def classify(source: IO[bytes], fmt: str, text_column: str) -> None:
    """Detect abuse in texts: one JSON line per input, in input order, with every category's score.

    Each output line is {"id", "labels", "scores", "findings", "analyser", "analyser_version",
    "not_read", "not_weighed", "characters_not_read"}; "id" comes from the input's "id" column or field,
    else the line number; "not_read" names the language ("Spanish") or script ("Han script") the text looks
    wholly or partly written in, which detection (English only) does not read, else null; "not_weighed"
    gives, for each rule that matched the text more than 200 times, how many of its matches were not
    weighed (read the text yourself), else null; a text is read in its first 100,000 characters, as
    `analyse` reads a message, and "characters_not_read" counts the rest (0 for a text read whole). Reads
    standard input for "-". A line that cannot
    be read is named on standard error, in its place, and the rest are classified; the exit code is then
    1. Nothing leaves the machine.

    \b
    Example:
      footprint classify messages.csv --format csv --text-column text
    """
    from footprint.analyse.base import MAX_TEXT_CHARS
    from footprint.analyse.detect import Detector
    from footprint.analyse.detect.analyser import DetectAnalyser
    from footprint.language import unread_in

    produced_by = {"analyser": DetectAnalyser.name, "analyser_version": DetectAnalyser.version}

    detector = Detector()
    name = getattr(source, "name", "-")
    name = "standard input" if name in ("-", "<stdin>") else str(name)
    records = _records(source, name, fmt, text_column)
    bad = 0
    while True:
        chunk = list(islice(records, BATCH))
        if not chunk:
            break
        good = [r for r in chunk if r.error is None]
        results = iter(detector.classify_many([r.text[:MAX_TEXT_CHARS] for r in good]))
        for record in chunk:
            if record.error is not None:
                bad += 1
                sys.stdout.flush()
                click.echo(record.error, err=True)
                continue
            result = next(results)
            text = record.text[:MAX_TEXT_CHARS]
            findings: list[dict[str, Any]] = [
                {
                    "category": d.category,
                    "score": d.score,
                    "spans": [list(s) for s in d.spans],
                    "evidence": [text[a:b] for a, b in d.spans],
                    "rule_ids": list(d.rule_ids),
                    "model_id": d.model_id,
                    "explanation": d.explanation,
                }
                for d in result.detections
            ]
            line = {
                "id": record.ident,
                "labels": result.labels,
                "scores": result.scores,
                "findings": findings,
                **produced_by,
                "not_read": unread.name if (unread := unread_in(text)) else None,
                "not_weighed": dict(result.not_weighed) or None,
                "characters_not_read": len(record.text) - len(text),
            }
            click.echo(json.dumps(line, ensure_ascii=False))
        sys.stdout.flush()
    if bad:
        raise InputError(
            f"{name}: {bad} record(s) could not be read (named above); the others were classified"
        )


def _lines(source: IO[bytes], name: str) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line ended by LF (a lone CR stays in its line; a CRLF's CR goes).

    Bytes that are not UTF-8 are kept as escapes (``_ESCAPED``) for ``_not_utf8`` to name."""
    from footprint.ingest.source import is_utf16

    for number, raw in enumerate(source, start=1):
        if number == 1:
            if is_utf16(raw[:64]):
                raise InputError(f"{name}: UTF-16 text, not UTF-8; save it again as UTF-8")
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        yield number, raw.decode("utf-8", "surrogateescape").removesuffix("\n").removesuffix("\r")


def _not_utf8(name: str, number: int, text: str) -> str | None:
    """The error for a line holding bytes that are not UTF-8, naming the first one's place."""
    found = _ESCAPED.search(text)
    if found is None:
        return None
    at = len(text[: found.start()].encode("utf-8", "surrogateescape")) + 1
    return f"{name}: line {number} is not UTF-8 (byte {at} of the line); save it as UTF-8"


def _records(source: IO[bytes], name: str, fmt: str, column: str) -> Iterator[Record]:
    """Records in input order; a record that cannot be read is one naming its line."""
    if fmt == "csv":
        yield from _csv_records(_lines(source, name), name, column)
        return
    for number, line in _lines(source, name):
        error = _not_utf8(name, number, line)
        if error is not None:
            yield Record(number, error=error)
        elif fmt == "lines":
            yield Record(number, line)
        elif line.strip():
            yield _json_record(name, number, line, column)


def _json_record(name: str, number: int, line: str, column: str) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        why = f"is not JSON ({exc.msg}); fix it or use --format lines"
    except RecursionError:
        why = "is nested too deeply to read; fix it or use --format lines"
    except ValueError:  # an integer of more than 4,300 digits
        why = "has a number too long to read; fix it or use --format lines"
    else:
        if isinstance(record, dict) and isinstance(record.get(column), str):
            return Record(record.get("id", number), record[column])
        why = f"has no text field {column!r}; pass --text-column NAME"
    return Record(number, error=f"{name}: line {number} {why}")


def _csv_records(lines: Iterator[tuple[int, str]], name: str, column: str) -> Iterator[Record]:
    """CSV rows (a quoted field may run over lines); a row's error names its first line."""
    raw: list[tuple[int, str]] = []

    def physical() -> Iterator[str]:
        for number, text in lines:
            raw.append((number, text))
            yield text + "\n"

    reader = csv.reader(physical())
    header = next(reader, None)
    if header is None or column not in header:
        found = ", ".join(header or []) or "none"
        raise InputError(f"{name}: no column {column!r} (columns: {found}); pass --text-column NAME")
    raw.clear()
    number = 1  # the record's number: its id when it has none (the header is 1; blank lines are skipped)
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            number += 1
            where = f"line {raw[0][0]}" if raw else "the last line"
            why = "a carriage return outside quotes" if "new-line" in str(exc) else str(exc)
            yield Record(number, error=f"{name}: {where} is not a CSV record ({why}); fix it")
            raw.clear()
            continue
        if row is None:
            return
        first, last = (raw[0][0], raw[-1][0]) if raw else (0, 0)
        text = "\n".join(t for _, t in raw)
        raw.clear()
        if not row:
            continue
        number += 1
        error = _not_utf8(name, first, text)
        if error is not None:
            yield Record(number, error=error)
            continue
        if text.count('"') % 2 and last > first:
            click.echo(
                f"{name}: line {first}: a quote is not closed; lines {first}-{last} were read as one"
                " record (close the quote)",
                err=True,
            )
        fields = dict(zip(header, row, strict=False))
        yield Record(fields.get("id") or number, fields.get(column) or "")


COMMANDS = [classify]
