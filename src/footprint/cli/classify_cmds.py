"""`classify`: batch detection outside a case — one text per line, CSV or JSONL in, JSON Lines out."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from itertools import islice
from typing import IO, Any

import click

from footprint.errors import InputError

BATCH = 1024


@click.command("classify")
@click.argument("source", metavar="[FILE|-]", default="-", type=click.File("r", encoding="utf-8", lazy=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["lines", "csv", "jsonl"]),
    default="lines",
    show_default=True,
    help="lines: one text per line; csv: a header row; jsonl: one JSON object per line.",
)
@click.option("--text-column", default="text", show_default=True, help="Column or field holding the text.")
def classify(source: IO[str], fmt: str, text_column: str) -> None:
    """Detect abuse in texts: one JSON line per input, in input order, with every category's score.

    Each output line is {"id", "labels", "scores", "findings", "analyser", "analyser_version",
    "not_read"}; "id" comes from the input's "id" column or field, else the line number; "not_read" names
    the language ("Spanish") or script ("Han script") the text looks wholly or partly written in, which
    detection (English only) does not read, else null. Reads standard input for "-". Nothing leaves the
    machine.

    \b
    Example:
      footprint classify messages.csv --format csv --text-column text
    """
    from footprint.analyse.detect import Detector
    from footprint.analyse.detect.analyser import DetectAnalyser
    from footprint.language import unread_in

    produced_by = {"analyser": DetectAnalyser.name, "analyser_version": DetectAnalyser.version}

    detector = Detector()
    records = _records(source, fmt, text_column)
    while True:
        chunk = list(islice(records, BATCH))
        if not chunk:
            break
        results = detector.classify_many([text for _, text in chunk])
        for (ident, text), result in zip(chunk, results, strict=True):
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
                "id": ident,
                "labels": result.labels,
                "scores": result.scores,
                "findings": findings,
                **produced_by,
                "not_read": unread.name if (unread := unread_in(text)) else None,
            }
            click.echo(json.dumps(line, ensure_ascii=False))
        sys.stdout.flush()


def _records(source: IO[str], fmt: str, column: str) -> Iterator[tuple[Any, str]]:
    """(id, text) pairs in input order; a bad record is an error naming its line."""
    name = getattr(source, "name", "-")
    name = "standard input" if name in ("-", "<stdin>") else name
    if fmt == "lines":
        for number, line in enumerate(source, start=1):
            yield number, line.rstrip("\r\n")
    elif fmt == "jsonl":
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{name}: line {number} is not JSON ({exc.msg}); fix it or use --format lines"
                ) from None
            if not isinstance(record, dict) or not isinstance(record.get(column), str):
                raise InputError(
                    f"{name}: line {number} has no text field {column!r}; pass --text-column NAME"
                )
            yield record.get("id", number), record[column]
    else:
        reader = csv.DictReader(source)
        if reader.fieldnames is None or column not in reader.fieldnames:
            found = ", ".join(reader.fieldnames or []) or "none"
            raise InputError(f"{name}: no column {column!r} (columns: {found}); pass --text-column NAME")
        for number, row in enumerate(reader, start=2):
            yield row.get("id") or number, row[column] or ""


COMMANDS = [classify]
