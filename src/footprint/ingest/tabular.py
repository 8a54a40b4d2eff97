"""Generic tables: ``csv_generic`` and ``jsonl_generic``, read through a column mapping.

Fields: ``text`` and ``sent_at`` (required), ``author``, ``author_name``, ``id``, ``recipient``
(several separated by ``;``) and ``conversation``. Columns named like the fields are used without
a mapping; ``--map field=COLUMN`` names others. Times need a UTC offset or ``--tz``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, ClassVar

from footprint.errors import ParseError
from footprint.ingest._jsonstream import has_surrogate_escape, without_lone_surrogates
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import infer_order
from footprint.ingest.phones import account_ref
from footprint.ingest.rows import (
    TimeReader,
    csv_rows,
    field_count,
    norm_header,
    resolve_columns,
    slashed_date,
)
from footprint.ingest.source import Source
from footprint.model import ParsedItem

FIELDS = {
    "text": "text",
    "sent_at": "sent_at",
    "author": "author",
    "author_name": "author_name",
    "id": "id",
    "recipient": "recipient",
    "conversation": "conversation",
}
REQUIRED = ("text", "sent_at")


class _TableParser(Parser):
    """Turns mapped rows into items; subclasses say how rows are read."""

    default_platform: ClassVar[str]
    takes_platform = True
    takes_column_map = True

    def _time_reader(self, ctx: ParseContext, dates: list[str], source: Source) -> TimeReader:
        zone = ctx.zone if ctx.zone_given else None
        order = ctx.date_order
        if dates:
            order, how = infer_order(dates, ctx.date_order, source.name)
            ctx.decide("date_order", f"{order} ({how})")
        return TimeReader(zone, ctx.tz_source, order)

    def _item(
        self,
        values: dict[str, str],
        locator: str,
        raw: str,
        times: TimeReader,
        ctx: ParseContext,
    ) -> ParsedItem:
        platform = ctx.platform or self.default_platform
        sent_raw = values.get("sent_at", "")
        sent_at_utc = tz_name = None
        tz_source = "platform"
        try:
            read = times.read(sent_raw)
            sent_at_utc, tz_source, tz_name = read.iso, read.tz_source, read.zone
            if tz_source != "platform":  # a time without an offset, read in the exhibit's zone
                ctx.decide("zone", f"{tz_name} ({tz_source})")
            if read.note:
                ctx.warn(locator, read.note, raw)
        except ValueError as exc:
            ctx.warn(locator, f"time not read: {exc}; row kept without a time", raw)
        author_id = values.get("author", "").strip()
        author_name = values.get("author_name", "").strip() or author_id
        author = account_ref(platform, author_id, author_name) if author_id else None
        recipients = tuple(
            account_ref(platform, r.strip(), r.strip())
            for r in values.get("recipient", "").split(";")
            if r.strip()
        )
        details = {"id": values["id"]} if values.get("id") else None
        conversation = values.get("conversation") or None
        return ParsedItem(
            locator, "message", raw, values.get("text", ""), sent_raw or None, sent_at_utc,
            tz_source, tz_name, author, recipients,
            f"{platform}:{conversation}" if conversation else None,
            (), False, False, False, details,
        )  # fmt: skip


@parsers.register
class CsvGenericParser(_TableParser):
    """Any CSV of messages, read through a column mapping."""

    name = "csv_generic"
    version = 5
    description = "CSV of messages with a column mapping (--map text=… --map sent_at=… …)"
    format_name = "csv"
    default_platform = "csv"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or b"\x00" in source.head:
            return NO
        first = source.head_text().split("\n", 1)[0]
        names = {norm_header(h) for h in first.split(",")}
        if {"text", "sent at"} <= names or {"text", "sent_at"} <= {n.replace(" ", "_") for n in names}:
            return SniffResult(0.6, "CSV header with text and sent_at columns")
        if source.name.lower().endswith(".csv") and "," in first:
            return SniffResult(0.2, "a .csv file")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        rows = csv_rows(source)
        header_row = next(rows, None)
        if header_row is None:
            raise ParseError("the CSV has no header row", source=source.name)
        _, header, _ = header_row
        columns = resolve_columns(header, FIELDS, ctx.column_map, REQUIRED, source.name)
        at = columns["sent_at"]
        dates = sorted({d for _, f, _ in csv_rows(source) if len(f) > at and (d := slashed_date(f[at]))})
        times = self._time_reader(ctx, dates, source)
        for line, fields, raw in rows:
            locator = f"line {line}"
            if len(fields) != len(header):
                ctx.warn(locator, field_count(len(fields), len(header), locator, raw), raw)
            values = {f: fields[i] for f, i in columns.items() if i < len(fields)}
            yield self._item(values, locator, raw, times, ctx)


@parsers.register
class JsonlGenericParser(_TableParser):
    """JSON Lines of messages, one object per line, read through a key mapping."""

    name = "jsonl_generic"
    version = 5
    description = "JSON Lines of messages with a key mapping (--map text=… --map sent_at=… …)"
    format_name = "jsonl"
    default_platform = "jsonl"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            return NO
        first = source.head_text().split("\n", 1)[0].strip()
        if not (first.startswith("{") and first.endswith("}")):
            return NO
        try:
            obj = json.loads(first)
        except ValueError:
            return NO
        if isinstance(obj, dict) and "text" in obj:
            return SniffResult(0.6, "JSON Lines objects with a text key")
        return SniffResult(0.2, "JSON Lines objects")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        keys = {f: ctx.column_map.get(f, f) for f in FIELDS}
        unknown = sorted(set(ctx.column_map) - set(FIELDS))
        if unknown:
            raise ParseError(f"--map {unknown[0]}=… is not a field this format reads", source=source.name)
        records = list(self._records(source, ctx))
        dates = sorted({d for _, obj, _ in records if (d := slashed_date(str(obj.get(keys["sent_at"], ""))))})
        times = self._time_reader(ctx, dates, source)
        if records and not any(keys["text"] in obj for _, obj, _ in records):
            raise ParseError(
                f"no object has the key {keys['text']!r}; pass --map text=KEY", source=source.name
            )
        for line, obj, raw in records:
            values = {f: _text(obj.get(k)) for f, k in keys.items() if k in obj}
            yield self._item(values, f"line {line}", raw, times, ctx)

    @staticmethod
    def _records(source: Source, ctx: ParseContext) -> Iterator[tuple[int, dict[str, Any], str]]:
        with source.open() as handle:
            for number, data in enumerate(handle, start=1):
                raw = data.decode("utf-8", "replace").rstrip("\r\n")
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                    if has_surrogate_escape(raw):
                        obj = without_lone_surrogates(obj)
                except ValueError as exc:
                    ctx.warn(f"line {number}", f"not valid JSON ({exc})", raw)
                    continue
                except RecursionError:
                    ctx.warn(f"line {number}", "not valid JSON (nested too deeply)", raw)
                    continue
                if not isinstance(obj, dict):
                    ctx.warn(f"line {number}", "not a JSON object", raw)
                    continue
                yield number, obj, raw


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
