"""Tabular forensic exports (Magnet AXIOM-style CSV and XLSX): a column mapping and a mandatory zone.

AXIOM writes one table per artifact with its UI column names and renders times in the case's
display time zone, usually without an offset in the cell. A column header may name that zone and
the date format (``Message Sent Date/Time - UTC+01:00 (dd/MM/yyyy)``); otherwise the examiner must
give the zone with ``--tz`` — we refuse rather than guess. Columns are found by AXIOM's usual names;
``--map field=COLUMN`` renames, and ``--map mapping=FILE.yaml`` loads a saved mapping (the explicit
``--map`` entries win). Fields: text, sent_at (required), author, author_name, recipient,
conversation, id, direction, platform, deleted.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from footprint.errors import ParseError
from footprint.ingest._phone import json_text
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.cellebrite_ufed import platform_of
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
from footprint.times import iso_utc, parse_iso_utc

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("message", "message body", "body", "content", "text"),
    "sent_at": (
        "message sent date/time", "sent date/time", "message date/time", "date/time", "timestamp date/time",
        "created date/time", "start date/time", "sent_at",
    ),
    "author": ("sender", "from", "author", "sender id"),
    "author_name": ("sender name", "from name", "author name"),
    "recipient": ("receiver", "recipient", "recipient(s)", "receivers", "to"),
    "conversation": ("partner", "conversation", "thread", "thread id", "chat id"),
    "id": ("record", "item id", "message id", "id"),
    "direction": ("direction", "message direction"),
    "platform": ("source", "application", "platform"),
    "deleted": ("deleted", "deleted status", "item status"),
}  # fmt: skip
REQUIRED = ("text", "sent_at")
MAPPING_KEY = "mapping"
_ZONE_SUFFIX = re.compile(
    r"\s*-\s*utc\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?\s*(?:\((?P<format>[^)]*)\))?\s*$", re.I
)
_DELETED = {"yes", "true", "deleted", "1", "recovered", "deleted - recovered"}
_TIME_COLUMNS = tuple(a for a in ALIASES["sent_at"] if "/" in a)


def _base(header: str) -> tuple[str, str | None, str | None]:
    """A header without AXIOM's zone suffix, the offset it names and the date format it names."""
    name = norm_header(header)
    found = _ZONE_SUFFIX.search(name)
    if not found:
        return name, None, None
    return name[: found.start()].strip(), found.group("offset") or "+00:00", found.group("format")


def _offset(text: str) -> timedelta:
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits[:-2] or 0), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return sign * timedelta(hours=hours, minutes=minutes)


def _order_from_format(fmt: str | None) -> str | None:
    if not fmt:
        return None
    fmt = fmt.lower()
    if fmt.startswith("d"):
        return "dmy"
    if fmt.startswith("m"):
        return "mdy"
    return "ymd" if fmt.startswith("y") else None


Rows = Callable[[], Iterator[tuple[str, list[str], str]]]


def _is_xlsx(source: Source) -> bool:
    return source.is_zip and "xl/workbook.xml" in source.members()


@parsers.register
class TabularForensicParser(Parser):
    """AXIOM-style tabular export (CSV or XLSX), read through a column mapping and a stated zone."""

    name = "tabular_forensic"
    version = 4
    description = "AXIOM-style CSV/XLSX artifact tables (column mapping; zone required: header or --tz)"
    format_name = "tabular_forensic"
    takes_platform = True
    takes_column_map = True

    @classmethod
    def own_part(cls, member: str) -> bool:
        """Every file: the zips it reads are workbooks (.xlsx), whose styles and metadata hold no rows."""
        return True

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            try:
                if not _is_xlsx(source):
                    return NO
                members = source.members()
                strings = (
                    source.member_head("xl/sharedStrings.xml", 65536)
                    if "xl/sharedStrings.xml" in members
                    else b""
                )
            except (ParseError, NotImplementedError, OSError, EOFError, zlib.error):
                return NO
            if b"Date/Time" in strings:
                return SniffResult(0.8, "spreadsheet with AXIOM-style Date/Time columns")
            return SniffResult(0.4, "a spreadsheet (.xlsx)")
        if b"\x00" in source.head:
            return NO
        first = source.head_text().split("\n", 1)[0]
        names = {_base(h.strip().strip('"'))[0] for h in first.split(",")}
        if any(a in names for a in _TIME_COLUMNS) and names & {*ALIASES["text"], *ALIASES["author"]}:
            return SniffResult(0.7, "CSV with AXIOM-style Date/Time columns")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        column_map = self._mapping(ctx, source)
        header, rows = self._table(source, column_map.pop("sheet", None), ctx)
        wanted = self._defaults(header)
        columns = resolve_columns(header, wanted, column_map, REQUIRED, source.name)
        ctx.decide("columns", json_text({f: header[i] for f, i in sorted(columns.items())}))
        time_header = header[columns["sent_at"]]
        _, header_offset, header_format = _base(time_header)
        at = columns["sent_at"]

        def values() -> Iterator[str]:
            return (r[1][at] for r in rows() if len(r[1]) > at and r[1][at].strip())

        order = ctx.date_order or _order_from_format(header_format)
        dates = sorted({d for v in values() if (d := slashed_date(v))})
        if dates and order is None:
            order, how = infer_order(dates, ctx.date_order, source.name)
            ctx.decide("date_order", f"{order} ({how})")
        elif order is not None:
            ctx.decide(
                "date_order", f"{order} ({'given by the examiner' if ctx.date_order else 'column header'})"
            )
        shift: timedelta | None = None
        if header_offset is not None:
            shift = _offset(header_offset)
            times = TimeReader("UTC", "platform", order)
            ctx.decide("zone", f"UTC{header_offset} (named in the column header {time_header!r})")
        elif ctx.zone_given:
            times = TimeReader(ctx.zone, "examiner", order)
            ctx.decide("zone", f"{ctx.zone} (examiner)")
        else:
            times = TimeReader(None, ctx.tz_source, order)
            self._refuse_without_zone(values(), times, time_header, source)
        default_platform = ctx.platform or "axiom"
        if "platform" in columns and not ctx.platform:
            seen = {
                platform_of(r[1][columns["platform"]])
                for r in rows()
                if len(r[1]) > columns["platform"] and r[1][columns["platform"]].strip()
            }
            if len(seen) == 1:
                default_platform = seen.pop()
        for locator, fields, raw in rows():
            if len(fields) != len(header):
                ctx.warn(locator, field_count(len(fields), len(header), locator, raw), raw)
            row = {f: fields[i].strip() for f, i in columns.items() if i < len(fields)}
            yield self._item(row, locator, raw, times, shift, default_platform, ctx)

    @staticmethod
    def _mapping(ctx: ParseContext, source: Source) -> dict[str, str]:
        given = dict(ctx.column_map)
        path_text = given.pop(MAPPING_KEY, None)
        if path_text is None:
            return given
        path = Path(path_text).expanduser()
        try:
            data = path.read_bytes()
            loaded = yaml.safe_load(data.decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ParseError(
                f"mapping file {path_text!r} cannot be read ({type(exc).__name__}); give a YAML or JSON"
                " file of field: column lines",
                source=source.name,
            ) from exc
        if not isinstance(loaded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
        ):
            raise ParseError(
                f"mapping file {path_text!r} must map field names to column names (e.g. text: Message)",
                source=source.name,
            )
        ctx.decide("mapping_file", f"{path.name} (SHA-256 {hashlib.sha256(data).hexdigest()})")
        return {**loaded, **given}

    @staticmethod
    def _defaults(header: list[str]) -> dict[str, str]:
        bases = {_base(h)[0]: h for h in header}
        wanted: dict[str, str] = {}
        for field, aliases in ALIASES.items():
            wanted[field] = next((bases[a] for a in aliases if a in bases), aliases[0])
        return wanted

    def _table(self, source: Source, sheet: str | None, ctx: ParseContext) -> tuple[list[str], Rows]:
        """The header and a way to read the rows again (CSV is streamed on every pass: bounded memory)."""
        if _is_xlsx(source):
            header, table = self._xlsx(source, sheet, ctx)
            return header, lambda: iter(table)
        first = next(csv_rows(source), None)
        if first is None:
            raise ParseError("the CSV has no header row", source=source.name)

        def rows() -> Iterator[tuple[str, list[str], str]]:
            body = csv_rows(source)
            next(body)
            return ((f"line {line}", fields, raw) for line, fields, raw in body)

        return first[1], rows

    @staticmethod
    def _xlsx(
        source: Source, sheet: str | None, ctx: ParseContext
    ) -> tuple[list[str], list[tuple[str, list[str], str]]]:
        import openpyxl  # type: ignore[import-untyped]  # imported here: only spreadsheets need it

        try:
            with source.open() as stream:
                book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
                try:
                    names = book.sheetnames
                    name = sheet or names[0]
                    if name not in names:
                        raise ParseError(
                            f"no sheet {name!r}; the workbook has: {', '.join(names)}; pass --map sheet=NAME",
                            source=source.name,
                        )
                    ctx.decide("sheet", name)
                    table = [[_cell(v) for v in row] for row in book[name].iter_rows(values_only=True)]
                finally:
                    book.close()
        except ParseError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
            raise ParseError(
                f"not a readable .xlsx workbook ({type(exc).__name__}); save it again from the tool",
                source=source.name,
            ) from exc
        if not table:
            raise ParseError("the sheet is empty (no header row)", source=source.name)
        header = table[0]
        rows = [
            (f"{name}!row {n}", row, json.dumps(row, ensure_ascii=False))
            for n, row in enumerate(table[1:], start=2)
            if any(row)
        ]
        return header, rows

    @staticmethod
    def _refuse_without_zone(values: Iterable[str], times: TimeReader, column: str, source: Source) -> None:
        for value in values:
            try:
                times.read(value)
            except ValueError as exc:
                if "offset" in str(exc):
                    raise ParseError(
                        f"times in column {column!r} have no UTC offset (e.g. {value!r}); tabular forensic"
                        " exports show times in the tool's display zone — run again with --tz ZONE naming"
                        " that zone (e.g. --tz Europe/London)",
                        source=source.name,
                    ) from None

    @staticmethod
    def _item(
        row: dict[str, str],
        locator: str,
        raw: str,
        times: TimeReader,
        shift: timedelta | None,
        default_platform: str,
        ctx: ParseContext,
    ) -> ParsedItem:
        platform = ctx.platform or (platform_of(row["platform"]) if row.get("platform") else default_platform)
        sent_raw = row.get("sent_at", "")
        sent_utc = tz_name = None
        tz_source = times.tz_source
        try:
            read = times.read(sent_raw)
            sent_utc, tz_source, tz_name = read.iso, read.tz_source, read.zone
            local = not sent_raw.strip().isdigit() and not _has_offset(sent_raw)
            if shift is not None and local:
                sent_utc = iso_utc(parse_iso_utc(read.iso) - shift)
                tz_name = f"UTC{_fmt(shift)}"
            if read.note:
                ctx.warn(locator, read.note, raw)
        except ValueError as exc:
            ctx.warn(locator, f"time not read: {exc}; row kept without a time", raw)
        author_id = row.get("author", "")
        author_name = row.get("author_name", "") or author_id
        author = account_ref(platform, author_id, author_name) if author_id else None
        recipients = tuple(
            account_ref(platform, r.strip(), r.strip())
            for r in re.split(r"[;,]", row.get("recipient", ""))
            if r.strip()
        )
        details = {k: row[k] for k in ("id", "direction", "platform", "deleted") if row.get(k)}
        deleted = row.get("deleted", "").lower() in _DELETED
        conversation = f"{platform}:{row['conversation']}" if row.get("conversation") else None
        return ParsedItem(
            locator, "message", raw, row.get("text", ""), sent_raw or None, sent_utc, tz_source, tz_name,
            author, recipients, conversation, (), deleted, False, False, details or None,
        )  # fmt: skip


def _fmt(shift: timedelta) -> str:
    minutes = int(shift.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _has_offset(value: str) -> bool:
    return bool(re.search(r"(?:Z|[+-]\d\d:?\d\d)$", value.strip()))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)
