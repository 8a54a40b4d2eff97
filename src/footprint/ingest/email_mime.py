"""E-mail: one ``.eml`` message or an ``.mbox`` mailbox (mboxo and mboxrd), read with the stdlib.

Headers are decoded (RFC 2047 encoded words, RFC 2231 file names); bodies are decoded by their
declared charset, and when the declaration lies (``iso-8859-1`` that is really ``windows-1252``,
``utf-8`` that is not) a fallback is used and a warning says so. The ``Received`` chain is kept in
order for attribution. Forwarded messages (``message/rfc822``, digests) become items of their own.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime
from typing import IO, NamedTuple

from footprint.errors import ParseError
from footprint.ingest._phone import blob_details, cap_raw, json_text, with_subject
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.dates import ZoneClock
from footprint.ingest.email_html import differ, read_html
from footprint.ingest.source import Source
from footprint.model import AccountRef, ParsedAttachment, ParsedItem
from footprint.times import iso_utc

PLATFORM = "email"
FROM_LINE = re.compile(
    rb"^From \S+ +(?P<date>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    rb" (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{1,2}:\d{2}(?::\d{2})? .*?\d{4})"
)
BOM = b"\xef\xbb\xbf"
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_HEADER = re.compile(r"^[!-9;-~]+:[ \t]?")
_KNOWN = {"from", "to", "date", "subject", "received", "message-id", "mime-version", "return-path"}
_KEEP_HEADERS = (
    "Message-ID", "In-Reply-To", "References", "Return-Path", "Reply-To", "Sender",
    "X-Originating-IP", "X-Mailer", "User-Agent",
)  # fmt: skip
_C1 = re.compile(rb"[\x80-\x9f]")
_C1_TEXT = re.compile("[\x80-\x9f]")
MAX_DEPTH = 8
PLAIN_PART_LINE = "[plain-text part of this e-mail, which differs from the HTML part:]"
# a multipart/mixed message's later text parts: shown after the body, inline or as attachments
INLINE_PART_LINE = (
    "[part {number} of this e-mail ({kind}): a mail client shows it after the body, inline or as an"
    " attachment]"
)
_MAIL_ERRORS = (
    ValueError,
    TypeError,
    LookupError,
    IndexError,
    AttributeError,
    KeyError,
    OverflowError,
    RecursionError,  # MIME nested thousands deep: the stdlib parser recurses once per level
)


def _head_is_headers(text: str) -> bool:
    lines = text.replace("\r\n", "\n").split("\n\n", 1)[0].split("\n")
    names = {m.group(0).split(":", 1)[0].lower() for line in lines if (m := _HEADER.match(line))}
    return "from" in names and len(names & _KNOWN) >= 3


@parsers.register
class EmailParser(Parser):
    """E-mail messages: ``.eml`` (one message) or ``.mbox`` (many)."""

    name = "email"
    version = 9  # 9: a message without a Date header is warned of with the times it does carry
    description = "E-mail: .eml message or .mbox mailbox (mboxo/mboxrd), headers, bodies, attachments"
    format_name = "email"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip or b"\x00" in source.head:
            return NO
        text = source.head_text()
        if "\n" not in text:  # old Mac OS line ends (CR alone), which the parser reads
            text = text.replace("\r", "\n")
        if FROM_LINE.match(source.head.removeprefix(BOM)) and _HEADER.match(text.split("\n", 1)[-1]):
            return SniffResult(0.95, "mbox: a From_ line followed by mail headers")
        if _head_is_headers(text):
            bonus = 0.1 if source.name.lower().endswith((".eml", ".msg.txt")) else 0.0
            return SniffResult(0.8 + bonus, "RFC 5322 mail headers")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        self._clock: ZoneClock | None = None
        skip = len(BOM) if source.head.startswith(BOM) else 0  # a BOM is skipped, as the other readers do
        head = source.head[skip:]
        if FROM_LINE.match(head):
            ctx.decide("mailbox", "mbox; '>From ' lines unescaped as mboxrd (one '>' removed)")
            cr_only = b"\r" in head and b"\n" not in head
            if cr_only:
                ctx.decide("line_ends", "CR alone (old Mac OS); each CR read as a line end")
            found = 0
            with source.open() as stream:
                stream.read(skip)
                lines = _cr_lines(stream) if cr_only else stream
                for found, (offset, filed, data) in enumerate(_mbox_messages(lines, skip), start=1):
                    yield from self._message(data, f"message {found} (byte {offset})", ctx, filed)
            if not found:
                raise ParseError(
                    "an mbox From_ line but no message after it; check that this is the mailbox"
                    " exactly as exported",
                    source=source.name,
                )
            return
        if not _head_is_headers(source.head_text()):
            raise ParseError(
                "no mail headers (From:, Date:, Subject: …) at the start; this is not an .eml"
                " message — pass --format to choose another reader",
                source=source.name,
            )
        yield from self._message(source.read_bytes()[skip:], "message 1", ctx, None)

    def _message(
        self, data: bytes, locator: str, ctx: ParseContext, filed: str | None
    ) -> Iterator[ParsedItem]:
        """The items of one message; ``filed`` is the date on its mbox From_ line, if it has one."""
        raw = cap_raw(_raw_text(data).replace("\r\n", "\n"), locator)
        try:
            msg = email.message_from_bytes(data, policy=email.policy.default)
            items = list(self._from_message(msg, raw, locator, ctx, 0, None, filed))
        except _MAIL_ERRORS as exc:
            # The stdlib gives up on some malformed MIME; the message is kept whole as raw text.
            what = (
                f"message cannot be decoded ({type(exc).__name__}: {str(exc)[:120]}); kept as raw text only"
            )
            ctx.warn(locator, what, raw[:2000])
            items = [ParsedItem(locator, "email", raw, "", None, None, "platform")]
        yield from items

    def _from_message(
        self,
        msg: Message,
        raw: str,
        locator: str,
        ctx: ParseContext,
        depth: int,
        parent: str | None,
        filed: str | None = None,
    ) -> Iterator[ParsedItem]:
        details: dict[str, str] = {}
        author = self._author(msg, locator, raw, ctx, details)
        recipients: list[AccountRef] = []
        for name in ("To", "Cc", "Bcc"):
            found = self._addresses(msg, name, locator, raw, ctx)
            if found:
                details[name.lower()] = ", ".join(a.native_id for a in found)
            recipients.extend(found)
        received = [str(v) for v in msg.get_all("Received", [])]
        date_raw, date_utc, tz_source, zone = self._date(msg, Stamp(locator, raw, bool(received), filed), ctx)
        subject = self._header(msg, "Subject", locator, raw, ctx)
        if subject:
            details["subject"] = subject
        if received:
            details["received"] = json_text([" ".join(r.split()) for r in received])
        for name in _KEEP_HEADERS:
            value = self._header(msg, name, locator, raw, ctx)
            if value:
                details[name.lower()] = value
        if parent:
            details["forwarded_in"] = parent
        if msg.defects:
            details["defects"] = json_text(sorted({type(d).__name__ for d in msg.defects}))
        files: list[dict[str, object]] = []
        attachments: list[ParsedAttachment] = []
        nested: list[tuple[Message, str]] = []
        shown = self._walk(msg, locator, raw, ctx, files, attachments, nested, depth)
        text = self._body_text(shown, locator, raw, ctx, details)
        text = with_subject(subject, text)
        if files:
            details["attachments"] = json_text(files)
        yield ParsedItem(
            locator, "email", raw, text, date_raw, date_utc, tz_source, zone,
            author, tuple(dict.fromkeys(recipients)), None, tuple(attachments), False, False, False, details,
        )  # fmt: skip
        me = details.get("message-id") or locator
        for number, (inner, inner_raw) in enumerate(nested, start=1):
            yield from self._from_message(
                inner, inner_raw, f"{locator} > forwarded {number}", ctx, depth + 1, me
            )

    @staticmethod
    def _body_text(
        parts: list[_Shown], locator: str, raw: str, ctx: ParseContext, details: dict[str, str]
    ) -> str:
        """The text she saw: each part a mail client shows, in order — an HTML part as its visible
        text, followed by its plain-text alternative when the two say different things."""
        texts: list[str] = []
        hidden: list[str] = []
        images: list[str] = []
        unapplied: list[str] = []
        differing = False
        for part in parts:
            if part.kind != "text/html":
                texts.append(part.text)
                continue
            view = read_html(part.text)
            if view.unclosed:
                details["html_unclosed_tail"] = view.unclosed[:2000]
                ctx.warn(
                    locator,
                    f"HTML part ends inside a tag that never closes, from character {view.unclosed_at:,}"
                    f" ({len(view.unclosed):,} characters): a mail client shows nothing of it, so it is left"
                    " out of the message text; its first 2,000 characters are in details html_unclosed_tail",
                    raw[:2000],
                )
            hidden += view.hidden
            images += view.remote_images
            unapplied += view.unapplied
            texts.append(view.text)
            if part.alternatives is None:
                continue
            details["html_alternative"] = "yes"
            plain = "\n".join(
                a.text if a.kind != "text/html" else read_html(a.text).text for a in part.alternatives
            )
            if plain and differ(plain, view.text):
                differing = True
                texts[-1] = f"{view.text}\n\n{PLAIN_PART_LINE}\n{plain}"
        if images:
            details["remote_images"] = json_text(list(dict.fromkeys(images)))
        if hidden:
            details["html_hidden_text"] = json_text(hidden)
            ctx.warn(
                locator,
                f"HTML part holds {len(hidden)} piece(s) of text a mail client does not show (title,"
                " hidden elements); left out of the message text and listed in details html_hidden_text",
                raw[:2000],
            )
        if unapplied:
            listed = "; ".join(unapplied[:10]) + (
                f"; and {len(unapplied) - 10} more" if len(unapplied) > 10 else ""
            )
            ctx.warn(
                locator,
                f"HTML part: {len(unapplied)} style rule(s) not applied, so text they would hide is read as"
                f" visible (nothing is fetched): {listed}",
                raw[:2000],
            )
        if differing:
            ctx.warn(
                locator,
                "the plain-text and HTML parts of this message say different things; the text shows"
                " the HTML part (what a mail client shows), then the plain-text part after a line"
                f" {PLAIN_PART_LINE!r} — read both",
                raw[:2000],
            )
        if len(parts) > 1:
            details["shown_parts"] = json_text([p.kind for p in parts])
        later = (
            f"{t.rstrip()}\n\n{INLINE_PART_LINE.format(number=n, kind=p.kind)}\n"
            for n, (t, p) in enumerate(zip(texts, parts[1:], strict=False), start=2)
        )
        return "".join(later) + texts[-1] if texts else ""

    def _walk(
        self,
        part: Message,
        locator: str,
        raw: str,
        ctx: ParseContext,
        files: list[dict[str, object]],
        attachments: list[ParsedAttachment],
        nested: list[tuple[Message, str]],
        depth: int,
    ) -> list[_Shown]:
        """The text parts a mail client shows, in order; attachments and forwarded messages are
        collected on the way."""
        kind = part.get_content_type()
        if part.is_multipart() and kind != "message/rfc822":
            payload = part.get_payload()
            children = [
                self._walk(child, locator, raw, ctx, files, attachments, nested, depth)
                for child in (payload if isinstance(payload, list) else ())
                if isinstance(child, Message)
            ]
            if kind == "multipart/alternative":
                return _alternative(children)
            return [shown for child in children for shown in child]  # mixed, related …: one after another
        if kind == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, Message) and depth < MAX_DEPTH:
                nested.append((inner, cap_raw(_as_text(inner, locator), locator)))
            else:
                ctx.warn(locator, "forwarded message nested too deeply or empty; not read", raw[:2000])
            return []
        if kind.startswith("multipart/"):  # the parser could not split it into its parts: kept whole, as text
            boundary = part.get_boundary()
            declared = repr(boundary) if boundary is not None else "(none declared)"
            ctx.warn(
                locator,
                f"{kind} body has no part that starts with its boundary {declared}: kept whole, as its"
                " text, not split into parts or attachments",
                raw[:2000],
            )
            return [_Shown("text/plain", str(part.get_payload()).replace("\r\n", "\n"))]
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if filename or disposition == "attachment" or not kind.startswith("text/"):
            data = part.get_payload(decode=True)
            name = filename or f"unnamed.{kind.split('/')[-1]}"
            if isinstance(data, bytes):
                files.append(blob_details(name, kind, data))
            attachments.append(ParsedAttachment(name, None, kind, data if isinstance(data, bytes) else None))
            return []
        text = self._decode(part, locator, raw, ctx)
        return [_Shown(kind, text.replace("\r\n", "\n"))]

    @staticmethod
    def _decode(part: Message, locator: str, raw: str, ctx: ParseContext) -> str:
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            return str(part.get_payload())
        declared = (part.get_content_charset() or "").lower()
        try:
            text = data.decode(declared or "ascii")
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if declared in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") and _C1.search(data):
                ctx.warn(
                    locator,
                    f"body declared {declared} holds Windows-1252 bytes (0x80-0x9F); read as windows-1252",
                    raw[:2000],
                )
                return data.decode("cp1252", "replace")
            return text
        for fallback in ("utf-8", "cp1252"):
            try:
                text = data.decode(fallback)
            except UnicodeDecodeError:
                continue
            what = f"declared {declared}" if declared else "with no charset"
            ctx.warn(locator, f"body {what} does not decode as such; read as {fallback}", raw[:2000])
            return text
        ctx.warn(locator, "body decodes in no known charset; bad bytes shown as U+FFFD", raw[:2000])
        return data.decode("utf-8", "replace")

    @staticmethod
    def _header(msg: Message, name: str, locator: str, raw: str, ctx: ParseContext) -> str:
        try:
            value = msg.get(name)
        except (ValueError, TypeError, IndexError, AttributeError, OverflowError) as exc:
            ctx.warn(locator, f"{name} header cannot be decoded ({exc}); kept only in raw", raw[:2000])
            return ""
        text = " ".join(str(value).split()) if value is not None else ""
        if _C1_TEXT.search(text):
            try:
                fixed = text.encode("latin-1").decode("cp1252")
            except (UnicodeEncodeError, UnicodeDecodeError):
                return text
            ctx.warn(
                locator,
                f"{name} header holds Windows-1252 characters labelled ISO-8859-1; read as windows-1252",
                raw[:2000],
            )  # fmt: skip
            return fixed
        return text

    def _addresses(
        self, msg: Message, name: str, locator: str, raw: str, ctx: ParseContext, *, quiet: bool = False
    ) -> list[AccountRef]:
        """The e-mail addresses of a header; each entry that is not one is a warning (unless ``quiet``)."""
        values = [self._header(msg, name, locator, raw, ctx)] if name in msg else []
        found = []
        for display, address in getaddresses([v for v in values if v]):
            if address and "@" in address:
                found.append(AccountRef(PLATFORM, address.strip().lower(), display or address))
            elif (address or display) and not quiet:
                ctx.warn(
                    locator, f"{name} address {address or display!r} is not an e-mail address", raw[:2000]
                )
        return found

    def _author(
        self, msg: Message, locator: str, raw: str, ctx: ParseContext, details: dict[str, str]
    ) -> AccountRef | None:
        """The sender: From's first address; a From with none (``From: foo``, a local user) is the
        account ``email:`` + the header as written, so the sender is not lost."""
        found = self._addresses(msg, "From", locator, raw, ctx, quiet=True)
        if not found:
            if "From" not in msg:
                ctx.warn(locator, "no From header; sender unknown", raw[:2000])
                return None
            written = _written(msg, "From")
            if not written:
                return None
            sender = AccountRef(PLATFORM, written, written)
            ctx.warn(
                locator,
                f"From {written!r} holds no e-mail address; kept as written as the account {sender.key}",
                raw[:2000],
            )
            return sender
        if len(found) > 1:
            details["from_all"] = ", ".join(a.native_id for a in found)
        return found[0]

    def _date(
        self, msg: Message, at: Stamp, ctx: ParseContext
    ) -> tuple[str | None, str | None, str, str | None]:
        """The Date header as written, its UTC time, and where the zone came from."""
        # the header as written: policy.default would rewrite it ("14 Mar 2023 09:15" -> "Tue, … -0000")
        value = next((v for k, v in msg.raw_items() if k.lower() == "date"), None)
        date_raw = " ".join(str(value).split()) if value is not None else ""
        locator, raw = at.locator, at.raw
        if not date_raw:
            ctx.warn(locator, f"no Date header; kept without a time; {_other_times(at)}", raw[:2000])
            return None, None, "platform", None
        try:
            moment = parsedate_to_datetime(date_raw)
        except (TypeError, ValueError, IndexError, OverflowError):
            moment = None
        if moment is not None and moment.tzinfo is None:
            if _MINUS_ZERO.search(date_raw):  # RFC 5322 3.3: UTC, the sender's own zone not given
                return date_raw, iso_utc(moment.replace(tzinfo=UTC)), "platform", "UTC-00:00"
            if _NO_ZONE.search(date_raw):
                ctx.warn(
                    locator,
                    f"Date {date_raw!r} has no UTC offset; read in {ctx.zone} ({ctx.tz_source})",
                    raw[:2000],
                )
                if self._clock is None:
                    self._clock = ZoneClock(
                        ctx, f"{ctx.zone} ({ctx.tz_source}; Date headers without an offset)"
                    )
                return date_raw, self._clock.to_utc(moment, locator, raw[:2000]), ctx.tz_source, ctx.zone
        if moment is None or moment.tzinfo is None:
            ctx.warn(
                locator, f"Date {date_raw!r} cannot be read with its offset; kept without a time", raw[:2000]
            )
            return date_raw, None, "platform", None
        return date_raw, iso_utc(moment), "platform", _offset_label(date_raw, moment)


class Stamp(NamedTuple):
    """Where a message is, and the times it carries besides its Date header."""

    locator: str
    raw: str
    received: bool  # it has Received headers (the servers' times)
    filed: str | None  # the date on its mbox From_ line, as written


def _other_times(at: Stamp) -> str:
    """What a message without a Date header says of its time instead (only what it has)."""
    found = []
    if at.received:
        found.append("see its Received chain (details.received) for when the mail servers passed it on")
    if at.filed:
        found.append(
            f"its mbox From_ line is dated {at.filed!r}: the mailbox's date (when it was filed there),"
            " not the sender's"
        )
    return "; ".join(found) or "it has no Received header and no other time"


@dataclass(frozen=True)
class _Shown:
    """A text part a mail client shows; an HTML part chosen from a multipart/alternative carries
    the other alternatives, to be compared with it."""

    kind: str
    text: str
    alternatives: tuple[_Shown, ...] | None = None


def _alternative(children: list[list[_Shown]]) -> list[_Shown]:
    """What a mail client shows of a multipart/alternative: the last alternative holding HTML (the
    richest, RFC 2046 5.1.4), with the others beside its first HTML part; with no HTML alternative,
    every alternative, one after another."""
    rich = [at for at, child in enumerate(children) if any(s.kind == "text/html" for s in child)]
    if not rich:
        return [shown for child in children for shown in child]
    chosen = list(children[rich[-1]])
    others = tuple(s for at, child in enumerate(children) if at != rich[-1] for s in child)
    first = next(at for at, s in enumerate(chosen) if s.kind == "text/html")
    chosen[first] = _Shown("text/html", chosen[first].text, others)
    return chosen


_MINUS_ZERO = re.compile(r"\s-0000\s*(?:\([^()]*\))?$")
_NAMED_ZONE = re.compile(r"\d:\d\d(?::\d\d)?\s+([A-Za-z]{1,5})\s*(?:\([^()]*\))?$")
_NO_ZONE = re.compile(r"\d:\d\d(?::\d\d)?\s*$")


def _written(msg: Message, name: str) -> str:
    """A header's text as the sender wrote it (encoded words decoded, whitespace collapsed), not as
    the e-mail policy re-renders it (which quotes a display name that has no address)."""
    value = next((str(v) for k, v in msg.raw_items() if k.lower() == name.lower()), "")
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # 8-bit bytes as text
    try:
        value = str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeError):
        pass  # kept as it stands in the raw text
    return " ".join(value.split())


def _offset_label(date_raw: str, moment: datetime) -> str:
    """The sender's zone as written in the Date header: a clue to where they were. A numeric offset
    is ``UTC+01:00``; a zone named by RFC 822 (``EST``) is kept by name with its offset,
    ``EST (UTC-05:00)``."""
    found = re.search(r"([+-])(\d\d)(\d\d)\b", date_raw)
    if found:
        return f"UTC{found.group(1)}{found.group(2)}:{found.group(3)}"
    named = _NAMED_ZONE.search(date_raw)
    offset = moment.utcoffset()
    if named is None or offset is None:
        return "UTC"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{named.group(1).upper()} (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def _as_text(msg: Message, locator: str) -> str:
    """A nested message as text (regenerated by the stdlib; a note when that fails)."""
    try:
        return msg.as_string(policy=email.policy.default)
    except _MAIL_ERRORS:
        return f"[forwarded message that cannot be regenerated; see the raw text of {locator}]"


def _raw_text(data: bytes) -> str:
    """Message bytes as text: UTF-8, or byte-for-byte Latin-1 when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _cr_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines of a file whose lines end in CR alone (old Mac OS), each CR made LF (same length)."""
    rest = b""
    while chunk := stream.read(1 << 20):
        lines = (rest + chunk).splitlines(keepends=True)
        rest = lines.pop()
        yield from (_lf(line) for line in lines)
    if rest:
        yield _lf(rest)


def _lf(line: bytes) -> bytes:
    return line[:-1] + b"\n" if line.endswith(b"\r") else line


def _mbox_messages(stream: Iterable[bytes], offset: int) -> Iterator[tuple[int, str | None, bytes]]:
    """Split an mbox into (byte offset, the date on its From_ line, message bytes); a From_ line needs a
    blank line before it.

    ``offset`` is where the first line starts in the file (after a byte-order mark)."""
    start = offset
    filed: str | None = None
    lines: list[bytes] = []
    previous_blank = True
    for line in stream:
        if (separator := FROM_LINE.match(line)) and previous_blank:
            if lines:
                yield start, filed, _finish(lines)
            lines = []
            start = offset
            filed = separator["date"].decode("ascii", "replace")
        else:
            escaped = _ESCAPED_FROM.match(line)
            lines.append(line[1:] if escaped else line)
        previous_blank = line.strip() == b""
        offset += len(line)
    if lines:
        yield start, filed, _finish(lines)


def _finish(lines: list[bytes]) -> bytes:
    if lines and lines[-1].strip() == b"":
        lines = lines[:-1]  # the blank line that separates messages
    return b"".join(lines)
