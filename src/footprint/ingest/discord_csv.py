"""DiscordChatExporter (DCE) CSV: ``AuthorID,Author,Date,Content,…``, current and legacy dates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import PurePosixPath

from footprint.errors import ParseError
from footprint.ingest._social import iso_with_offset_to_utc, mime_for
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import LocalClock, infer_order, split_date, ymd
from footprint.ingest.export_order import ExportOrder
from footprint.ingest.rows import csv_rows, field_count, norm_header
from footprint.ingest.source import Source
from footprint.model import AccountRef, ParsedAttachment, ParsedItem

HEADER = ["authorid", "author", "date", "content", "attachments", "reactions"]
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, start=1)}
_NAMED = re.compile(r"^(?P<d>\d{1,2})[- ](?P<mon>[A-Za-z]{3})[A-Za-z]*[- ,]+(?P<y>\d{2,4})")
_NUMERIC = re.compile(r"^(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\.?")
_CLOCK = re.compile(
    r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?\s*$"
)
_CHANNEL_ID = re.compile(r"\[(\d{5,})\]")
# DiscordChatExporter's default file name, "SERVER - CATEGORY - CHANNEL [ID]" (+ a date range): a direct
# message's server is "Direct Messages" and its category "Private" (one person) or "Group"
_DCE_NAME = re.compile(r"^(?P<guild>.+?) - (?P<category>.+?) - (?P<channel>.+) \[(?P<id>\d{5,})\]")
_DIRECT = {("Direct Messages", "Private"), ("Direct Messages", "Group")}


def _header(fields: list[str]) -> list[str]:
    return [norm_header(f).replace(" ", "") for f in fields]


@parsers.register
class DiscordCsvParser(Parser):
    """A channel exported by DiscordChatExporter as CSV."""

    name = "discord_csv"
    # 4: a legacy local time in a clock change is read by the order of the file where that decides it
    version = 4
    description = "DiscordChatExporter CSV export (ISO dates, or legacy locale dates with --date-order)"
    format_name = "discord"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or b"\x00" in source.head:
            return NO
        first = source.head_text().split("\n", 1)[0].strip().replace('"', "")
        if _header(first.split(",")) == HEADER:
            return SniffResult(0.95, "DCE CSV header")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        rows = csv_rows(source)
        first = next(rows, None)
        if first is None or _header(first[1]) != HEADER:
            raise ParseError(
                "the header is not 'AuthorID,Author,Date,Content,Attachments,Reactions'; export again"
                " with DiscordChatExporter --format Csv, or pass --format csv_generic",
                source=source.name,
            )
        found = _CHANNEL_ID.search(source.name)
        conversation = f"discord:{found.group(1) if found else PurePosixPath(source.name).stem}"
        members = _members_rule(PurePosixPath(source.name).name, ctx)
        reader = _DateReader(source, ctx)
        for line, fields, raw in rows:
            locator = f"line {line}"
            if len(fields) != len(HEADER):
                ctx.warn(locator, field_count(len(fields), len(HEADER), locator, raw), raw)
                fields = (fields + [""] * len(HEADER))[: len(HEADER)]
            author_id, author_name, when, content, attachments, reactions = fields
            author = None
            if author_id.strip() or author_name.strip():
                author = AccountRef("discord", author_id.strip() or author_name.strip(), author_name.strip())
                if members:
                    ctx.add_participant(conversation, author)
            sent_utc, tz_source, tz_name = reader.read(when, locator, raw)
            details: dict[str, str] = {}
            if reactions.strip():
                details["reactions"] = reactions.strip()
            urls = [u.strip() for u in attachments.split(",") if u.strip()]
            if urls:
                details["attachment_urls"] = " ".join(urls)
            files = tuple(ParsedAttachment(u.rsplit("/", 1)[-1], None, mime_for(u)) for u in urls)
            yield from reader.in_file_order.add(ParsedItem(
                locator, "message", raw, content, when or None, sent_utc, tz_source, tz_name, author,
                (), conversation, files, False, False, False, details or None,
            ))  # fmt: skip
        yield from reader.in_file_order.finish()


def _members_rule(name: str, ctx: ParseContext) -> bool:
    """Whether the channel's authors are its members (each receiving the others' messages), by the
    file name DiscordChatExporter gives it (the CSV has no channel type); the rule is a decision."""
    found = _DCE_NAME.match(name)
    if found is None:
        rule, members = (
            "every other author, as in a direct message: the file name is not DiscordChatExporter's"
            " 'SERVER - CATEGORY - CHANNEL [ID]', so it does not say whether this is a direct message or a"
            " server channel (in a server channel not every author read every message; the JSON export"
            " says which it is)",
            True,
        )
    elif (found["guild"], found["category"]) in _DIRECT:
        rule, members = (
            "every other member of the direct message (its authors): the file name is DiscordChatExporter's"
            f" name for a direct message ({found.group(0)!r})",
            True,
        )
    else:
        rule, members = (
            f"none: the file name is DiscordChatExporter's name for a server channel ({found.group(0)!r}),"
            " whose export does not say who could read it, and the CSV has no mentions (the JSON export"
            " names whom each message mentions)",
            False,
        )
    ctx.decide("recipients", rule)
    return members


class _DateReader:
    """Reads DCE CSV dates: ISO with offset (current) or the exporter's locale (legacy, no zone). DCE
    lists a channel's messages oldest first, so a legacy time in a clock change is read by that order."""

    def __init__(self, source: Source, ctx: ParseContext) -> None:
        self.ctx = ctx
        self.clock: LocalClock | None = None
        self.in_file_order = ExportOrder(ctx, ctx.zone)
        self.order: str | None = None
        self.source = source

    def _decide_order(self) -> str:
        if self.order is None:
            numeric = []
            for _, fields, _ in csv_rows(self.source):
                value = fields[2].strip() if len(fields) > 2 else ""
                if iso_with_offset_to_utc(value) is None and (m := _NUMERIC.match(value)):
                    numeric.append(m.group("date"))
            order, how = infer_order(sorted(set(numeric)), self.ctx.date_order, self.source.name)
            self.ctx.decide("date_order", f"{order} ({how})")
            self.order = order
        return self.order

    def _local(self) -> LocalClock:
        if self.clock is None:
            self.clock = LocalClock(self.ctx.zone)
            self.ctx.decide("zone", f"{self.ctx.zone} ({self.ctx.tz_source}; legacy dates carry no offset)")
        return self.clock

    def read(self, value: str, locator: str, raw: str) -> tuple[str | None, str, str | None]:
        ctx = self.ctx
        text = value.strip()
        iso = iso_with_offset_to_utc(text)
        if iso is not None:
            return iso, "platform", None
        day: tuple[int, int, int] | None = None
        named = _NAMED.match(text)
        rest = text
        if named:
            month = _MONTHS.get(named.group("mon").lower())
            year = int(named.group("y"))
            day = (year + 2000 if year < 100 else year, month, int(named.group("d"))) if month else None
            rest = text[named.end() :]
        elif numeric := _NUMERIC.match(text):
            fields = split_date(numeric.group("date"))
            if fields is not None:
                day = ymd(fields, self._decide_order())
            rest = text[numeric.end() :]
        clock = _CLOCK.search(rest)
        if day is None or clock is None or not _valid(day):
            ctx.warn(locator, f"unreadable date {value!r}; message kept without a time", raw)
            return None, ctx.tz_source, None
        h, mi, s = int(clock.group("h")), int(clock.group("m")), int(clock.group("s") or 0)
        ampm = clock.group("ampm")
        if ampm:
            if not 1 <= h <= 12:
                ctx.warn(locator, f"unreadable date {value!r}; message kept without a time", raw)
                return None, ctx.tz_source, None
            h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
        if not (h < 24 and mi < 60 and s < 60):
            ctx.warn(locator, f"unreadable date {value!r}; message kept without a time", raw)
            return None, ctx.tz_source, None
        utc, note = self._local().to_utc(day, h, mi, s)
        if note:  # read by the order of the file, which warns
            self.in_file_order.in_change(locator, datetime(*day, h, mi, s))
        return utc, ctx.tz_source, ctx.zone


def _valid(day: tuple[int, int, int]) -> bool:
    try:
        date(*day)
    except ValueError:
        return False
    return 1970 <= day[0] <= 2100
