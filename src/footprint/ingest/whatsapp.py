"""WhatsApp "Export chat": Android and iOS ``.txt``, alone or zipped with media.

Android: ``14/03/2023, 09:15 - Name: text``; iOS: ``[14/03/2023, 09:15:02] Name: text``, often
with U+200E marks. Locales vary the date order, separators, 12/24 h clocks (U+202F or U+00A0
before AM/PM, ``a. m.``), and the wording of system lines and media placeholders. Lines without a
header continue the message above. The export has no time zone: times are read in the zone the
examiner gives (or the case's zone) and ``tz_source`` says which.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import PurePosixPath

from footprint.errors import ParseError
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import LocalClock, infer_order, split_date, ymd
from footprint.ingest.phones import account_ref
from footprint.ingest.source import Source, decode_text
from footprint.ingest.whatsapp_lines import (
    CALL_BODIES,
    DELETED_BODIES,
    EDITED_SUFFIXES,
    MEDIA_PLACEHOLDERS,
    is_system_text,
)
from footprint.model import AccountRef, ParsedAttachment, ParsedItem

_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_DATE = r"\d{1,4}[./-] ?\d{1,2}[./-] ?\d{1,4}\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
_AMPM = r"(?:[ \u00a0\u202f]?(?P<ampm>[AaPp]\.?[ \u00a0\u202f]?[Mm]\.?))?"
ANDROID = re.compile(
    rf"^[{_MARKS}]*(?P<date>{_DATE}),? (?:klo )?(?P<time>{_TIME}){_AMPM} [-\u2013] ",
    re.MULTILINE,
)
IOS = re.compile(
    rf"^[{_MARKS}]*\[(?P<date>{_DATE}),? (?P<time>{_TIME}){_AMPM}\] ",
    re.MULTILINE,
)
_ATTACHED_IOS = re.compile(r"^<attached: (?P<name>[^>]+)>$")
_ATTACHED_OLD_IOS = re.compile(r"^(?P<name>\S.*?) <attached>$")
_FILE_ATTACHED = re.compile(
    r"^(?P<name>\S.*?) \((?:file attached|Datei angehängt|archivo adjunto|fichier joint)\)"
)
_LOCATION = re.compile(r"^(?:location|Standort|ubicación|position): (?P<url>https?://\S+)", re.I)
_TIME_FIELDS = re.compile(r"\d+")
_CHAT_WITH = re.compile(r"^WhatsApp Chat (?:with|-|mit|con|avec) (?P<name>.+?)(?:\.txt|\.zip)?$", re.I)


def _variant(text: str) -> re.Pattern[str] | None:
    """Pick Android or iOS by which header starts more of the first lines."""
    android = len(ANDROID.findall(text[:8192]))
    ios = len(IOS.findall(text[:8192]))
    if android == ios == 0:
        return None
    return IOS if ios > android else ANDROID


def _chat_member(source: Source) -> str | None:
    texts = [m for m in source.members() if m.lower().endswith(".txt")]
    for member in texts:
        if PurePosixPath(member).name == "_chat.txt" or PurePosixPath(member).name.startswith(
            "WhatsApp Chat"
        ):
            return member
    return texts[0] if len(texts) == 1 else None


def clean_name(name: str) -> str:
    """A display name without direction marks, the iOS ``~`` prefix or odd hyphens."""
    name = name.strip(_MARKS + " ").replace("\u2011", "-").replace("\u00a0", " ")
    if name.startswith("~"):
        name = name[1:].strip(_MARKS + " \u00a0")
    return name


def account_for(name: str) -> AccountRef:
    """The account a WhatsApp author name stands for (phone numbers as E.164)."""
    return account_ref("whatsapp", name, name)


@parsers.register
class WhatsAppParser(Parser):
    """WhatsApp chat export, .txt or .zip, Android or iOS, any locale we can read."""

    name = "whatsapp"
    version = 1
    description = "WhatsApp 'Export chat' .txt or .zip (Android and iOS, 12/24 h, any date order)"
    format_name = "whatsapp"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            try:
                member = _chat_member(source)
                if member is None:
                    return NO
                head = decode_text(source.member_head(member), source.name, [])
            except ParseError:
                return NO
            return SniffResult(0.95, f"zip holding {member}") if _variant(head) else NO
        head = source.head_text().replace("\r\n", "\n")
        variant = _variant(head)
        if variant is None:
            return NO
        bonus = 0.05 if _CHAT_WITH.match(source.name) or source.name == "_chat.txt" else 0.0
        return SniffResult(0.85 + bonus, "WhatsApp message headers")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        media: set[str] = set()
        if source.is_zip:
            member = _chat_member(source)
            if member is None:
                raise ParseError(
                    "zip holds no single chat .txt (_chat.txt or 'WhatsApp Chat with ….txt');"
                    " add the .txt directly or pass --format",
                    source=source.name,
                )
            data = source.read_member(member)
            media = {m for m in source.members() if m != member}
            chat_name = PurePosixPath(source.name).stem
        else:
            data = source.read_bytes()
            chat_name = PurePosixPath(source.name).stem
        bad: list[tuple[int, bytes]] = []
        text = decode_text(data, source.name, bad)
        for offset, raw_bytes in bad:
            ctx.warn(f"byte {offset}", "bytes are not valid UTF-8; shown as U+FFFD", repr(raw_bytes))
        variant = _variant(text)
        if variant is None:
            raise ParseError(
                "no WhatsApp message header found in the first lines (expected e.g."
                " '14/03/2023, 09:15 - Name: text'); is this a WhatsApp export? Try --format",
                source=source.name,
            )
        order, how = infer_order(
            list(dict.fromkeys(m.group("date") for m in variant.finditer(text))), ctx.date_order, source.name
        )
        ctx.decide("date_order", f"{order} ({how})")
        ctx.decide("zone", f"{ctx.zone} ({ctx.tz_source})")
        conversation = f"whatsapp:{chat_name}"
        with_name = _CHAT_WITH.match(chat_name)
        if with_name:
            ctx.add_participant(conversation, account_for(clean_name(with_name.group("name"))))
        yield from self._items(text, variant, order, conversation, media, ctx)

    def _items(
        self,
        text: str,
        variant: re.Pattern[str],
        order: str,
        conversation: str,
        media: set[str],
        ctx: ParseContext,
    ) -> Iterator[ParsedItem]:
        clock = LocalClock(ctx.zone)
        tz_source, tz_name = ctx.tz_source, ctx.zone
        days: dict[str, tuple[int, int, int] | None] = {}
        authors: dict[str, AccountRef] = {}
        matches = variant.finditer(text)
        current = next(matches, None)
        if current is None:
            return
        if current.start() > 0:
            preamble = text[: current.start()].rstrip("\n")
            if preamble.strip(_MARKS + " \n"):
                ctx.warn("line 1", "text before the first message header", preamble)
        line = text.count("\n", 0, current.start()) + 1
        while current is not None:
            following = next(matches, None)
            end = following.start() if following is not None else len(text)
            raw = text[current.start() : end].rstrip("\n")
            body = text[current.end() : end].rstrip("\n")
            lines_in = raw.count("\n")
            locator = f"line {line}" if lines_in == 0 else f"lines {line}-{line + lines_in}"
            date_raw, time_raw, ampm = (
                current.group("date"),
                current.group("time"),
                current.group("ampm"),
            )
            sent_at_raw = raw[: current.end() - current.start()].strip(_MARKS + " -–[]")
            if date_raw in days:
                day = days[date_raw]
            else:
                day = days[date_raw] = self._day(date_raw, order)
            sent_at_utc: str | None = None
            if day is None:
                ctx.warn(locator, f"impossible date {date_raw!r}; message kept without a time", raw)
            else:
                hms = _clock(time_raw, ampm)
                if hms is None:
                    ctx.warn(locator, f"impossible time {time_raw!r}; message kept without a time", raw)
                else:
                    sent_at_utc, note = clock.to_utc(day, *hms)
                    if note:
                        ctx.warn(locator, note, raw)
            yield self._item(
                body, raw, locator, sent_at_raw, sent_at_utc, tz_source, tz_name,
                conversation, media, authors, ctx,
            )  # fmt: skip
            line += text.count("\n", current.start(), end)
            current = following

    @staticmethod
    def _day(date_raw: str, order: str) -> tuple[int, int, int] | None:
        fields = split_date(date_raw)
        if fields is None:
            return None
        y, m, d = ymd(fields, order)
        if not (1 <= m <= 12 and 1 <= d <= 31 and 2009 <= y <= 2100):
            return None
        try:
            date(y, m, d)
        except ValueError:
            return None
        return y, m, d

    @staticmethod
    def _item(
        body: str,
        raw: str,
        locator: str,
        sent_at_raw: str,
        sent_at_utc: str | None,
        tz_source: str,
        tz_name: str,
        conversation: str,
        media: set[str],
        authors: dict[str, AccountRef],
        ctx: ParseContext,
    ) -> ParsedItem:
        author_text, sep, message = body.partition(": ")
        if not sep and body.partition(":")[0] in authors:
            author_text, sep, message = body.partition(":")
        if not sep or is_system_text(body) or len(author_text) > 80 or "\n" in author_text:
            return ParsedItem(
                locator, "system", raw, body.strip(_MARKS), sent_at_raw, sent_at_utc,
                tz_source, tz_name, None, (), conversation, (), False, False, True,
            )  # fmt: skip
        author = authors.get(author_text)
        if author is None:
            author = account_for(clean_name(author_text))
            authors[author_text] = author
            ctx.add_participant(conversation, author)
        message = message.lstrip(_MARKS)
        kind = "message"
        edited = deleted = system = False
        attachments: tuple[ParsedAttachment, ...] = ()
        for suffix in EDITED_SUFFIXES:
            if message.endswith(suffix):
                message = message[: -len(suffix)].rstrip(_MARKS + " ")
                edited = True
                break
        bare = message.strip(_MARKS + " ")
        if bare in DELETED_BODIES:
            deleted = True
        elif bare in CALL_BODIES:
            kind = "call"
        elif bare in MEDIA_PLACEHOLDERS:
            attachments = (ParsedAttachment(MEDIA_PLACEHOLDERS[bare]),)
        elif bare.startswith("Messages and calls are end-to-end encrypted"):
            system = True
            kind = "system"
        elif "attached" in bare or "(" in bare:
            found = _ATTACHED_IOS.match(bare) or _ATTACHED_OLD_IOS.match(bare) or _FILE_ATTACHED.match(bare)
            if found:
                name = found.group("name").strip(_MARKS + " ")
                member = _find_member(name, media)
                attachments = (ParsedAttachment(name, member, _mime(name)),)
        elif ":" in bare:
            if _LOCATION.match(bare):
                kind = "location"
        return ParsedItem(
            locator, kind, raw, message, sent_at_raw, sent_at_utc, tz_source, tz_name,
            author, (), conversation, attachments, deleted, edited, system,
        )  # fmt: skip


def _clock(time_raw: str, ampm: str | None) -> tuple[int, int, int] | None:
    fields = [int(x) for x in _TIME_FIELDS.findall(time_raw)]
    h, mi = fields[0], fields[1]
    s = fields[2] if len(fields) > 2 else 0
    if ampm:
        if not 0 <= h <= 12:
            return None
        pm = ampm.strip().lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
    if not (0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 60):
        return None
    return h, mi, s


def _find_member(name: str, media: set[str]) -> str | None:
    if name in media:
        return name
    for member in media:
        if PurePosixPath(member).name == name:
            return member
    return None


_MIME = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
    "webp": "image/webp", "mp4": "video/mp4", "opus": "audio/ogg", "ogg": "audio/ogg",
    "mp3": "audio/mpeg", "pdf": "application/pdf", "vcf": "text/vcard",
}  # fmt: skip


def _mime(name: str) -> str:
    return _MIME.get(name.rsplit(".", 1)[-1].lower(), "") if "." in name else ""
