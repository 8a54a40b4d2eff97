"""WhatsApp "Export chat": Android and iOS ``.txt``, alone or zipped with media.

Android: ``14/03/2023, 09:15 - Name: text``; iOS: ``[14/03/2023, 09:15:02] Name: text``, often
with U+200E marks. Locales vary the date order, separators, 12/24 h clocks (U+202F or U+00A0
before AM/PM, ``a. m.``), and the wording of system lines and media placeholders. Lines without a
header continue the message above. The export has no time zone: times are read in the zone the
examiner gives (or the case's zone) and ``tz_source`` says which.

Speed: the text is cut into chunks at message boundaries and each chunk is split by one regular
expression into (header, date, time, am/pm, body) runs, so the per-message work in Python is small.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from footprint.errors import ParseError
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import LocalClock, infer_order, split_date, ymd
from footprint.ingest.export_order import ExportOrder
from footprint.ingest.group_presence import GroupPresence
from footprint.ingest.source import HEAD_BYTES, Source, decode_text, is_utf16
from footprint.ingest.whatsapp_body import MARKS, BodyReader, account_for
from footprint.ingest.whatsapp_members import (
    Membership,
    group_name_decision,
    read_group_names,
    read_membership,
)
from footprint.model import RECEIVED_KINDS, AccountRef, ParsedItem
from footprint.times import hms_table

_DATE = r"\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
_AMPM = r"(?:[ \u00a0\u202f]?([AaPp]\.?[ \u00a0\u202f]?[Mm]\.?))?"
# Groups: 1 the whole header, 2 date, 3 time, 4 am/pm.
ANDROID = re.compile(rf"^([{MARKS}]*({_DATE}),? (?:klo )?({_TIME}){_AMPM} [-\u2013] )", re.MULTILINE)
IOS = re.compile(rf"^([{MARKS}]*\[({_DATE}),? ({_TIME}){_AMPM}\] )", re.MULTILINE)
# Pustur's dotted layouts with no " - ": "13.06.18 21.25.15: Name: text", "13. 6. 2018. 21:25:15 Name: text";
# read only when a file has neither header above and its first lines hold such a header before "Name: "
DOTTED = re.compile(
    rf"^([{MARKS}]*(\d{{1,2}}\. ?\d{{1,2}}\. ?\d{{2,4}}\.?) ({_TIME}){_AMPM}:? )", re.MULTILINE
)
_DOTTED_MESSAGE = re.compile(DOTTED.pattern + r"(?=[^\n:]{1,80}: )", re.MULTILINE)
_HEAD_STRIP = MARKS + " -\u2013[]:"
_CHAT_WITH = re.compile(r"^WhatsApp Chat (?:with|-|mit|con|avec) (?P<name>.+?)(?:\.txt|\.zip)?$", re.I)
_TIME_FIELDS = re.compile(r"\d+")
CHUNK = 4 << 20


# "[2019-12-24, 12:23] Name:" -- the layout signal-export's text output shares with some WhatsApp locales
_YEAR_FIRST = re.compile(r"^\[\d{4}-\d{2}-\d{2}, ", re.MULTILINE)


def _variant(text: str) -> re.Pattern[str] | None:
    """Pick Android or iOS by which header starts more of the first lines (else the dotted layout)."""
    android = len(ANDROID.findall(text[:8192]))
    ios = len(IOS.findall(text[:8192]))
    if android == ios == 0:
        return DOTTED if _DOTTED_MESSAGE.search(text[:8192]) else None
    return IOS if ios > android else ANDROID


def _split_at_lone_crs(text: str, header: re.Pattern[str], ctx: ParseContext) -> str:
    """A CR alone just before a message header, in a chat whose other lines end in LF, is a line end
    (a chat edited or joined on old Mac OS): else that message is read as part of the one before."""
    lone = re.compile(r"\r(?!\n)(?=" + header.pattern.removeprefix("^") + ")")
    first = lone.search(text)
    if first is None:
        return text
    count = len(lone.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    end = text.find("\n", first.start())
    ctx.warn(
        f"line {line}",
        f"{count} CR(s) alone before a message header (the first on this line) read as line ends"
        " (and counted so in later items' line numbers); the chat was probably edited or joined on old"
        " Mac OS: each message after one is its own item",
        text[text.rfind("\n", 0, first.start()) + 1 : end if end >= 0 else len(text)],  # its line
    )
    return lone.sub("\n", text)


def _chat_member(source: Source) -> str | None:
    texts = [m for m in source.members() if m.lower().endswith(".txt")]
    for member in texts:
        name = PurePosixPath(member).name
        if name == "_chat.txt" or name.startswith("WhatsApp Chat"):
            return member
    return texts[0] if len(texts) == 1 else None


def _chunks(text: str, header: re.Pattern[str]) -> Iterator[str]:
    """Cut ``text`` into pieces of about ``CHUNK`` characters, each starting at a message header."""
    start = 0
    while start < len(text):
        found = header.search(text, start + CHUNK) if start + CHUNK < len(text) else None
        end = found.start() if found else len(text)
        yield text[start:end]
        start = end


def _seconds(time_raw: str, ampm: str | None) -> int:
    """Seconds after midnight for a clock reading, or -1 if it is impossible."""
    fields = [int(x) for x in _TIME_FIELDS.findall(time_raw)]
    h, mi = fields[0], fields[1]
    s = fields[2] if len(fields) > 2 else 0
    if ampm:
        if not 0 <= h <= 12:
            return -1
        h = (h % 12) + (12 if ampm.strip().lower().startswith("p") else 0)
    if not (0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 60):
        return -1
    return h * 3600 + mi * 60 + s


def _day(date_raw: str, order: str) -> tuple[int, int, int] | None:
    fields = split_date(date_raw)
    if fields is None:
        return None
    y, m, d = ymd(fields, order)
    if not 2009 <= y <= 2100:
        return None
    try:
        date(y, m, d)
    except ValueError:
        return None
    return y, m, d


class _DateOrder:
    """Decides the file's date order from its first dates and checks every later date against it."""

    def __init__(self, given: str | None, source: str) -> None:
        self.given = given
        self.source = source
        self.order: str | None = None
        self.evidence: list[str] = []
        self.seen: set[str] = set()

    def check(self, dates: list[str], text: str, header: re.Pattern[str], ctx: ParseContext) -> str:
        new = [d for d in dict.fromkeys(dates) if d not in self.seen]
        self.seen.update(new)
        if self.order is None:
            try:
                self.order, how = infer_order(new, self.given, self.source)
            except ParseError:
                # Undecided by the first chunk: read every date of the file before asking.
                everything = list(dict.fromkeys(m.group(2) for m in header.finditer(text)))
                self.seen.update(everything)
                self.order, how = infer_order(everything, self.given, self.source)
            self.evidence = [d for d in new if d in how][:1]
            ctx.decide("date_order", f"{self.order} ({how})")
        elif new and self.order != "ymd":
            infer_order(self.evidence + new, self.given or None, self.source)
        return self.order


@parsers.register
class WhatsAppParser(Parser):
    """WhatsApp chat export, .txt or .zip, Android or iOS, any locale we can read."""

    name = "whatsapp"
    # 10: a join or leave line's author is who did it ("Tom added Jane": Tom); 9: a group message's
    # recipients are the members when it was sent (joins and leaves applied); 11: the encryption notice,
    # joins and leaves, deleted and media-omitted placeholders in German, French, Spanish, Italian,
    # Portuguese, Dutch and Turkish wording are system lines and placeholders, not someone's words;
    # 12: a name iOS marks with "~" (chosen by its sender) is another account than a saved contact of that
    # name ("whatsapp:~ Jane Doe"); a no-break space in a name is kept ("Jane\u00a0Doe" is not "Jane Doe");
    # a name of direction marks only is warned and keyed by its code points, not the empty "whatsapp:"
    # 13: a chat whose lines end in CR alone (old Mac OS) has each CR read as a line end
    # 15: a group's conversation is named after the group as its system lines last name it ("created group",
    # "changed the subject"), not after the file; the names, with their lines, are the exhibit's decision
    version = 15
    description = "WhatsApp 'Export chat' .txt or .zip (Android and iOS, 12/24 h, any date order)"
    format_name = "whatsapp"
    takes_platform = True  # the same layout from another app (signal-export)

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        found = source.sniff_text(_chat_member)
        if found is None or _variant(found[1].replace("\r\n", "\n")) is None:
            return NO
        if found[0] is not None:
            return SniffResult(0.95, f"zip holding {found[0]}")
        bonus = 0.05 if _CHAT_WITH.match(source.name) or source.name == "_chat.txt" else 0.0
        return SniffResult(0.85 + bonus, "WhatsApp message headers")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        media: set[str] = set()
        if source.is_zip:
            member = _chat_member(source)
            if member is None:
                raise ParseError(
                    "zip holds no single chat .txt (_chat.txt or 'WhatsApp Chat with ….txt');"
                    " add the chat's .txt itself, or the zip WhatsApp's Export chat made",
                    source=source.name,
                )
            data = source.read_member(member)
            media = {m for m in source.members() if m != member}
        else:
            data = source.read_bytes()
        chat_name = PurePosixPath(source.name).stem
        if is_utf16(data[:HEAD_BYTES]):
            raise ParseError(
                "UTF-16 text, not UTF-8 as WhatsApp exports it (it was probably re-saved in an editor);"
                " add the chat exactly as exported, or save it again as UTF-8",
                source=source.name,
            )
        bad: list[tuple[int, bytes]] = []
        text = decode_text(data, source.name, bad)
        del data
        for offset, raw_bytes in bad:
            ctx.warn(f"byte {offset}", "bytes are not valid UTF-8; shown as U+FFFD", repr(raw_bytes))
        if "\r" in text and "\n" not in text:  # re-saved on old Mac OS: else the chat is one line
            text = text.replace("\r", "\n")
            ctx.decide("line_ends", "CR alone (old Mac OS); each CR read as a line end")
        variant = _variant(text)
        if variant is not None and "\r" in text:
            text = _split_at_lone_crs(text, variant, ctx)
        if variant is None:
            raise ParseError(
                "no WhatsApp message header in the first 8 KiB; the layouts read are Android's"
                " '14/03/2023, 09:15 - Name: text', iOS's '[14/03/2023, 09:15:02] Name: text' and the"
                " dotted '13.06.18 21.25.15: Name: text' (any date order, 12 or 24 hours); check that this"
                " is the chat's .txt exactly as WhatsApp exported it (not edited or re-saved), and if it"
                " is, its layout is not supported: report it with its first lines",
                source=source.name,
            )
        platform = ctx.platform or "whatsapp"  # --platform: the same layout from another app (signal-export)
        if ctx.platform is None and _YEAR_FIRST.search(text[:HEAD_BYTES]):
            ctx.decide(
                "platform",
                "whatsapp (assumed: dates are written year first in brackets, as WhatsApp does in some"
                " locales and signal-export's text output does; pass --platform signal if the chat came"
                " from Signal)",
            )
        with_name = _CHAT_WITH.match(chat_name)
        if names := read_group_names(text, variant):  # a group is named as the chat shows it, not its file
            ctx.decide("conversation", group_name_decision(names, PurePosixPath(source.name).name))
            chat_name = names[-1].name
        conversation = f"{platform}:{chat_name}"
        membership = read_membership(text, variant, platform)
        _note_membership(membership, conversation, ctx)
        if with_name and not membership.lines and not names:  # else a group: "with" names it, not a member
            ctx.add_participant(conversation, account_for(with_name.group("name"), platform))
        reader = BodyReader(
            conversation,
            media,
            ctx,
            platform,
            frozenset(membership.tracked),
            lambda: _name_counts(text, variant),
        )
        presence = GroupPresence(membership.tracked) if membership.tracked else None
        yield from self._items(text, variant, reader, _DateOrder(ctx.date_order, source.name), ctx, presence)

    def _items(
        self,
        text: str,
        header: re.Pattern[str],
        reader: BodyReader,
        orders: _DateOrder,
        ctx: ParseContext,
        presence: GroupPresence | None,
    ) -> Iterator[ParsedItem]:
        """The chat's items; in a group whose members joined or left, each received one is addressed to
        those in the group when it was sent (``presence``, walked by line)."""
        clock = LocalClock(ctx.zone)
        in_file_order = ExportOrder(ctx, ctx.zone)  # times in a clock change are read by the file's order
        held = in_file_order.held  # while empty, an item of one time goes straight on
        before: str | None = None  # the last time of one reading
        tz_source, tz_name, conversation = ctx.tz_source, ctx.zone, reader.conversation
        # date text -> (day, "YYYY-MM-DDT", UTC offset in seconds or None on a clock-change day),
        # or None when the date is impossible; clock text -> seconds after midnight (-1 impossible)
        days: dict[str, tuple[tuple[int, int, int], str, int | None] | None] = {}
        clocks: dict[str, int] = {}
        hms = hms_table()
        read, unclear = reader.read, reader.unclear
        # the line of the next join or leave, and each author's recipients until then
        upcoming = presence.upcoming() if presence is not None else 0.0
        sent_to: dict[AccountRef | None, tuple[AccountRef, ...]] = {}
        line = 1
        first = True
        for chunk in _chunks(text, header):
            parts = header.split(chunk)
            if first:
                first = False
                ctx.decide("zone", f"{tz_name} ({tz_source})")
                preamble = parts[0].rstrip("\n")
                if preamble.strip(MARKS + " \n"):
                    ctx.warn("line 1", "text before the first message header", preamble)
                line += parts[0].count("\n")
            order = orders.check(parts[2::5], text, header, ctx)
            runs = iter(parts)
            next(runs)
            for head, date_raw, time_raw, ampm, body in zip(runs, runs, runs, runs, runs, strict=True):
                stripped = body.rstrip("\n")
                extra = stripped.count("\n")
                raw = head + stripped
                locator = f"line {line}" if not extra else f"lines {line}-{line + extra}"
                at = line  # the message's first line
                line += extra + len(body) - len(stripped)
                if date_raw in days:
                    day = days[date_raw]
                else:
                    day = days[date_raw] = _day_info(date_raw, order, clock)
                key = time_raw if ampm is None else time_raw + ampm
                seconds = clocks.get(key)
                if seconds is None:
                    seconds = clocks[key] = _seconds(time_raw, ampm)
                sent_at_utc: str | None = None
                in_change: datetime | None = None  # the local time, when it fell in a clock change
                if day is not None and seconds >= 0:
                    offset = day[2]
                    if offset is not None and 0 <= seconds - offset < 86400:
                        sent_at_utc = day[1] + hms[seconds - offset]
                    else:
                        sent_at_utc, note = clock.seconds_to_utc(day[0], seconds)
                        if note:
                            in_change = datetime(*day[0]) + timedelta(seconds=seconds)
                elif day is None:
                    ctx.warn(locator, f"impossible date {date_raw!r}; message kept without a time", raw)
                else:
                    ctx.warn(locator, f"impossible time {time_raw!r}; message kept without a time", raw)
                kind, message, author, attachments, deleted, edited, system, details = read(stripped)
                while unclear:
                    ctx.warn(locator, unclear.pop(0), raw)
                recipients: tuple[AccountRef, ...] = ()
                if presence is not None and kind in RECEIVED_KINDS:
                    if at > upcoming:  # a join or leave since the last message: who is in the group now
                        presence.at(at)
                        upcoming, sent_to = presence.upcoming(), {}
                    found = sent_to.get(author)
                    recipients = sent_to[author] = presence.others(author) if found is None else found
                item = ParsedItem(
                    locator, kind, raw, message, head.strip(_HEAD_STRIP), sent_at_utc, tz_source,
                    tz_name, author, recipients, conversation, attachments, deleted, edited, system,
                    details,
                )  # fmt: skip
                if in_change is None and not held:  # the common case: nothing to decide
                    yield item
                else:
                    yield from in_file_order.add(item, in_change, before)
                    held = in_file_order.held
                if in_change is None and sent_at_utc is not None:
                    before = sent_at_utc
        yield from in_file_order.finish()


def _name_counts(text: str, header: re.Pattern[str]) -> Counter[str]:
    """How many messages' first lines begin with each name ("Dr: ") and each name with the next part
    ("Dr: Who: "): which of two readings of "Dr: Who: hi" the rest of the file supports."""
    counts: Counter[str] = Counter()
    for found in header.finditer(text):
        start = found.end()
        end = text.find("\n", start)
        name, sep, rest = text[start : end if end >= 0 else len(text)].partition(": ")
        if sep:
            counts[name] += 1
            part, sep, _ = rest.partition(": ")
            if sep:
                counts[f"{name}: {part}"] += 1
    return counts


def _note_membership(membership: Membership, conversation: str, ctx: ParseContext) -> None:
    """Say how the chat's joins and leaves were read: the ``group_membership`` decision, and a warning
    for each in a wording not read."""
    for line, raw in membership.unread:
        ctx.warn(
            f"line {line}",
            "a group join or leave in a language whose wording Footprint does not read; not applied:"
            " recipients of later messages may include people no longer in the group",
            raw,
        )
    if membership.lines:
        exporter = (
            f"; {membership.exporter} of the exporter's own ('You …') not applied, as the export does not"
            " name the exporter's account"
            if membership.exporter
            else ""
        )
        ctx.decide(
            "group_membership",
            f"{conversation} ({membership.lines} join and leave lines{exporter}): a message's recipients"
            " are the members when it was sent; its author and the others who wrote and never joined or"
            " left are members throughout",
        )
    elif membership.unread:
        ctx.decide(
            "group_membership",
            f"{conversation}: {len(membership.unread)} join and leave lines in wording not read; not applied,"
            " so a message's recipients are everyone who wrote in the chat",
        )


def _day_info(
    date_raw: str, order: str, clock: LocalClock
) -> tuple[tuple[int, int, int], str, int | None] | None:
    day = _day(date_raw, order)
    if day is None:
        return None
    prefix, offset = clock.day(day)
    return day, prefix, offset
