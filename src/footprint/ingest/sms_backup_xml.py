"""SMS Backup & Restore (Android) XML: SMS, MMS and call logs, streamed for multi-GB backups.

``<smses>`` holds interleaved ``<sms>`` and ``<mms>``; ``<calls>`` holds ``<call>``. ``date`` is epoch
milliseconds UTC (``readable_date`` is a device-local string, kept in details for cross-checking);
``"null"`` means absent. An MMS sender is only in ``<addrs>`` (type 137 from, 151 to, 130 cc,
129 bcc). Surrogate-pair character references are repaired before the XML parser sees them.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from footprint.errors import ParseError
from footprint.ingest._phone import (
    RepairedXml,
    blob_details,
    cached_account,
    epoch_ms_utc,
    fragment,
    json_text,
    owner_account,
    refused_declaration,
    with_subject,
)
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import DamagedInput, Prefixed, Resumed, read_on, xml_damage
from footprint.ingest.source import Source
from footprint.model import NOT_SENT, AccountRef, ParsedAttachment, ParsedItem

PLATFORM = "sms"
SMS_BOX = {"1": "inbox", "2": "sent", "3": "draft", "4": "outbox", "5": "failed", "6": "queued"}
# Android's Telephony.BaseMmsColumns: MESSAGE_BOX_FAILED is 5 (the reference lists 1-4)
MMS_BOX = {"1": "inbox", "2": "sent", "3": "draft", "4": "outbox", "5": "failed"}
# the boxes of messages the phone never sent: the item's ``not_sent`` reason (``model.NOT_SENT``)
NOT_SENT_BOXES = frozenset({"draft", "outbox", "failed", "queued"})
CALL_TYPE = {
    "1": "incoming", "2": "outgoing", "3": "missed", "4": "voicemail", "5": "rejected", "6": "blocked",
}  # fmt: skip
ADDR_FROM, ADDR_TO, ADDR_CC, ADDR_BCC = "137", "151", "130", "129"
_SMS_DETAILS = (
    "contact_name",
    "readable_date",
    "subject",
    "service_center",
    "read",
    "status",
    "locked",
    "sub_id",
)
UNKNOWN_CONTACT = "(Unknown)"  # what the app writes as contact_name for a number not in the contacts
_MMS_DETAILS = ("contact_name", "readable_date", "sub", "m_id", "read", "locked", "ct_t")
_CALL_DETAILS = ("contact_name", "readable_date", "presentation", "subscription_id")


def _box(box: str) -> dict[str, str]:
    """The box a message is in, and for one the phone never sent, why (``model.NOT_SENT``)."""
    return {"box": box, NOT_SENT: box} if box in NOT_SENT_BOXES else {"box": box}


def _value(elem: Element, name: str) -> str:
    """An attribute, with the exporter's literal ``"null"`` read as absent."""
    value = elem.get(name, "")
    return "" if value == "null" else value


@parsers.register
class SmsBackupXmlParser(Parser):
    """SMS Backup & Restore XML (messages file or calls file)."""

    name = "sms_backup_xml"
    version = 9  # 9: an MMS sender (type 137) contradicting the thread's address is a warning
    description = "SMS Backup & Restore XML: SMS, MMS (parts, addresses) and call logs"
    format_name = "sms_backup_restore"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            return NO
        head = source.head_text()[:4096]
        if "<smses" in head and ("<sms " in head or "<mms " in head or "count=" in head):
            return SniffResult(0.95, "<smses> root with <sms>/<mms> records")
        if "<calls" in head and ("<call " in head or "count=" in head):
            return SniffResult(0.95, "<calls> root with <call> records")
        return NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        owner = owner_account(PLATFORM, ctx)
        read = _Reading()
        start = (0, 1)  # the byte and line of the file the reading starts at
        while True:
            damage = yield from self._read(source, ctx, owner, read, start)
            if damage is None or (resumed := self._resume(damage, source, ctx, read)) is None:
                break
            start = resumed
        records = sum(read.counters.values())
        declared = read.declared
        if declared.isdigit() and int(declared) != records and damage is None and not read.resumes:
            ctx.warn(
                "file",
                f"the backup declares {declared} record(s) but holds {records}; records may be missing"
                " (an interrupted backup?) — compare with the phone",
                f'<{read.root_tag} count="{declared}">',
            )
        if read.paired:
            ctx.decide("surrogate_pairs", f"{read.paired} surrogate-pair reference(s) repaired")
        if read.replaced:
            shown = " ".join(read.replaced[:10])
            ctx.warn(
                "file",
                f"{len(read.replaced)} character reference(s) name no valid character"
                " (lone surrogates or control codes); shown as U+FFFD",
                shown,
            )
        if damage is not None:  # after the warnings on what was read: `add` decides (``ingest.damage``)
            damage.reads_on = True  # ``_resume`` looks for the next record with --accept-partial
            raise damage

    def _read(
        self, source: Source, ctx: ParseContext, owner: AccountRef, read: _Reading, start: tuple[int, int]
    ) -> Generator[ParsedItem, None, DamagedInput | None]:
        """The records from byte ``start[0]`` on (after damage, the root's start tag is put before them);
        the damage that stops the reading, if any."""
        prefix = f"<{read.root_tag}>".encode() if start[0] else b""
        with source.open() as raw_stream:
            raw_stream.seek(start[0])
            stream = RepairedXml(Prefixed(prefix, raw_stream), read.seen_to - start[0] + len(prefix))
            events = SafeET.iterparse(stream, events=("start", "end"))
            depth = 0
            root: Element | None = None
            damage = None
            counters = read.counters
            try:
                for event, elem in events:
                    if event == "start":
                        depth += 1
                        if depth == 1:
                            root = elem
                            if not start[0]:
                                self._check_root(elem, source)
                                read.root_tag, read.declared = elem.tag, _value(elem, "count")
                                ctx.decide("declared_count", read.declared or "not stated")
                        continue
                    depth -= 1
                    if depth != 1 or root is None:
                        continue
                    number = counters[elem.tag] = counters.get(elem.tag, 0) + 1
                    locator = f"/{read.root_tag}/{elem.tag}[{number}]"
                    item = self._record(elem, locator, owner, ctx)
                    if item is not None:
                        yield item
                    root.clear()
            except (XmlError, DefusedXmlException, LookupError) as exc:
                damage = self._broken(exc, source, start, len(prefix))
        read.paired += stream.paired
        read.replaced += stream.replaced
        read.seen_to = max(read.seen_to, start[0] + stream.taken - len(prefix))
        return damage

    @staticmethod
    def _resume(
        damage: DamagedInput, source: Source, ctx: ParseContext, read: _Reading
    ) -> tuple[int, int] | None:
        """With ``add --accept-partial``: the byte and line of the next record after ``damage``, told as
        skipped (:func:`damage.read_on`); None when there is none (the reading stops at the damage).

        A ``<`` in an attribute value or text is always escaped (``&lt;``) in XML, so a ``<sms``,
        ``<mms`` or ``<call`` after the damage starts a record: a message's text never does. It is read
        as a record only if it parses whole (else that is the next damage)."""
        if not ctx.accept_partial or read.resumes >= MAX_RESUMES:
            return None
        found = _next_record(source, read, damage.offset + 1)
        if found is None:
            return None
        at, line, tag = found
        # the records from here on are numbered as the start tags in the file before them say
        lost = sum(read.starts.values()) - sum(read.counters.values())
        read.counters = dict(read.starts)
        read.resumes += 1
        where = f"at /{read.root_tag}/{tag}[{read.counters.get(tag, 0) + 1}]"
        read_on(Resumed(damage, at, line, where, lost), source, ctx)
        return at, line

    @staticmethod
    def _check_root(root: Element, source: Source) -> None:
        if root.tag not in ("smses", "calls"):
            raise ParseError(
                f"root element is <{root.tag}>, not <smses> or <calls>; this is not an"
                " SMS Backup & Restore file — pass --format to choose another reader",
                source=source.name,
            )

    @staticmethod
    def _broken(exc: Exception, source: Source, start: tuple[int, int], prefix: int) -> DamagedInput:
        """The damage an XML error names, in a reading that began at ``start`` (the byte and line) with
        ``prefix`` bytes put before it."""
        with source.open() as stream:
            if isinstance(exc, DefusedXmlException):
                raise refused_declaration(exc, stream, source.name) from exc
            position = getattr(exc, "position", None)
            if position is not None and position[0] == 1:
                position = (1, max(position[1] - prefix, 0))
            stream.seek(start[0])
            return xml_damage(
                f"XML error '{str(exc).split(':', 1)[0]}'",
                position,
                stream,
                source=source.name,
                member=None,
                what="the backup",
                start=start,
            )

    def _record(self, elem: Element, locator: str, owner: AccountRef, ctx: ParseContext) -> ParsedItem | None:
        if elem.tag == "sms":
            return self._sms(elem, locator, owner, ctx)
        if elem.tag == "mms":
            return self._mms(elem, locator, owner, ctx)
        if elem.tag == "call":
            return self._call(elem, locator, owner, ctx)
        ctx.warn(locator, f"unknown record <{elem.tag}>; not read", fragment(elem, frozenset({"data"})))
        return None

    @staticmethod
    def _time(elem: Element, locator: str, raw: str, ctx: ParseContext) -> tuple[str | None, str | None]:
        date_raw = _value(elem, "date")
        if not date_raw:
            ctx.warn(locator, "no date; record kept without a time", raw)
            return None, None
        try:
            return date_raw, epoch_ms_utc(date_raw)
        except ValueError:
            ctx.warn(locator, f"date {date_raw!r} is not epoch milliseconds; record kept without a time", raw)
            return date_raw, None

    @staticmethod
    def _details(
        elem: Element, names: tuple[str, ...], extra: dict[str, str], at: Stamp, ctx: ParseContext
    ) -> dict[str, str]:
        details = {n: v for n in names if (v := _value(elem, n))}
        sent = _value(elem, "date_sent")
        if sent and sent != "0":
            try:
                details["date_sent_utc"] = _date_sent_utc(sent, at, ctx)
            except ValueError:
                details["date_sent"] = sent
        details.update(extra)
        return details

    def _sms(self, elem: Element, locator: str, owner: AccountRef, ctx: ParseContext) -> ParsedItem:
        raw = fragment(elem)
        sent_raw, sent_utc = self._time(elem, locator, raw, ctx)
        box_code = _value(elem, "type")
        box = SMS_BOX.get(box_code, f"type {box_code}" if box_code else "unknown")
        if box_code not in SMS_BOX:
            ctx.warn(locator, f"unknown message type {box_code!r}; read as received", raw)
        contact = _value(elem, "contact_name")
        others = self._addresses(_value(elem, "address"), contact)
        if not others:
            ctx.warn(locator, "no address; the other party is unknown", raw)
        incoming = box_code not in SMS_BOX or box == "inbox"
        author: AccountRef | None
        recipients: tuple[AccountRef, ...]
        author, recipients = (others[0], (owner,)) if incoming and others else (owner, tuple(others))
        if incoming and not others:
            author, recipients = None, (owner,)
        details = self._details(elem, _SMS_DETAILS, _box(box), Stamp(locator, raw, sent_utc), ctx)
        text = with_subject(details.get("subject", ""), _value(elem, "body"))
        return ParsedItem(
            locator, "message", raw, text, sent_raw, sent_utc, "platform",
            "UTC" if sent_utc else None, author, recipients, self._conversation(others),
            (), False, False, False, details,
        )  # fmt: skip

    @staticmethod
    def _addresses(address: str, contact: str) -> list[AccountRef]:
        parts = [a.strip() for a in address.split("~") if a.strip()]
        names = [n.strip() for n in contact.split(",")] if contact else []
        if len(names) != len(parts):
            names = [contact if len(parts) == 1 else ""] * len(parts)
        return [
            cached_account(PLATFORM, a, a if n in ("", UNKNOWN_CONTACT) else n)
            for a, n in zip(parts, names, strict=True)
        ]

    @staticmethod
    def _conversation(others: list[AccountRef]) -> str | None:
        ids = sorted({a.native_id for a in others})
        return f"{PLATFORM}:{'~'.join(ids)}" if ids else None

    def _mms(self, elem: Element, locator: str, owner: AccountRef, ctx: ParseContext) -> ParsedItem:
        raw = fragment(elem, frozenset({"data"}))
        sent_raw, sent_utc = self._time(elem, locator, raw, ctx)
        box_code = _value(elem, "msg_box")
        box = MMS_BOX.get(box_code, f"msg_box {box_code}" if box_code else "unknown")
        contact = _value(elem, "contact_name")
        by_type: dict[str, list[AccountRef]] = {}
        others = self._addresses(_value(elem, "address"), contact)
        names = {a.native_id: a.display_name for a in others}
        addrs = elem.find("addrs")
        for addr in addrs if addrs is not None else ():
            number = _value(addr, "address")
            if number and number != "insert-address-token":
                found = cached_account(PLATFORM, number, number)
                found = found._replace(display_name=names.get(found.native_id, number))
                by_type.setdefault(_value(addr, "type"), []).append(found)
        senders = by_type.get(ADDR_FROM, [])
        listed = [a for t in (ADDR_TO, ADDR_CC, ADDR_BCC) for a in by_type.get(t, [])]
        incoming = box == "inbox"
        author: AccountRef | None
        if senders:
            author = senders[0]
        elif incoming:
            author = others[0] if len(others) == 1 else None
            ctx.warn(locator, "MMS has no sender address (type 137); sender taken from 'address'"
                     if author else "MMS has no sender address (type 137); sender unknown", raw)  # fmt: skip
        else:
            author = owner
        if senders:
            self._check_sender(senders[0], others, box, Stamp(locator, raw, None), ctx)
        recipients = tuple(
            dict.fromkeys(a for a in listed if author is None or a.native_id != author.native_id)
        )
        if incoming and not recipients:
            recipients = (owner,)
        if not incoming and not recipients:
            recipients = tuple(others)
        texts, attachments, parts_info = self._parts(elem, locator, raw, ctx)
        extra = _box(box)
        if parts_info:
            extra["parts"] = json_text(parts_info)
        if by_type:
            extra["addrs"] = json_text({t: [a.native_id for a in v] for t, v in sorted(by_type.items())})
        details = self._details(elem, _MMS_DETAILS, extra, Stamp(locator, raw, sent_utc), ctx)
        if "sub" in details:
            details["subject"] = details.pop("sub")
        conversation_members = others or [a for a in (*senders, *listed) if a.native_id]
        return ParsedItem(
            locator, "message", raw, with_subject(details.get("subject", ""), "\n".join(texts)), sent_raw,
            sent_utc, "platform",
            "UTC" if sent_utc else None, author, recipients, self._conversation(conversation_members),
            tuple(attachments), False, False, False, details,
        )  # fmt: skip

    @staticmethod
    def _check_sender(
        sender: AccountRef, others: list[AccountRef], box: str, at: Stamp, ctx: ParseContext
    ) -> None:
        """Warn when the MMS sender in ``addrs`` (type 137) contradicts the thread's ``address``: an
        inbox message from someone not in the thread, or a sent one from one of its members."""
        if not others or box not in ("inbox", "sent"):
            return
        thread = "~".join(a.native_id for a in others)
        member = sender.native_id in {a.native_id for a in others}
        if box == "inbox" and not member:
            ctx.warn(
                at.locator,
                f"inbox MMS: the sender in addrs (type 137) is {sender.native_id}, who is not in the"
                f" thread's address {thread}; kept as sent by {sender.native_id} — check on the phone"
                " who sent it and whether the thread is the right one",
                at.raw,
            )
        elif box == "sent" and member:
            ctx.warn(
                at.locator,
                f"sent MMS: the sender in addrs (type 137) is {sender.native_id}, one of the thread's"
                f" address {thread}, not the phone's owner; kept as sent by {sender.native_id} — check on"
                " the phone whether the owner sent it or the message was filed in the wrong box",
                at.raw,
            )

    @staticmethod
    def _parts(
        elem: Element, locator: str, raw: str, ctx: ParseContext
    ) -> tuple[list[str], list[ParsedAttachment], list[dict[str, Any]]]:
        texts: list[str] = []
        attachments: list[ParsedAttachment] = []
        info: list[dict[str, Any]] = []
        parts = elem.find("parts")
        for part in parts if parts is not None else ():
            ct = _value(part, "ct").lower()
            name = (
                _value(part, "cl")
                or _value(part, "name")
                or _value(part, "fn")
                or f"part-{_value(part, 'seq')}"
            )
            data_b64 = _value(part, "data")
            if ct == "application/smil":
                continue
            if ct.startswith("text/plain") and not data_b64:
                texts.append(_value(part, "text"))
                continue
            if not data_b64:
                if _value(part, "text"):
                    texts.append(_value(part, "text"))
                else:
                    info.append({"name": name, "mime": ct, "seq": _value(part, "seq"), "data": "absent"})
                    attachments.append(ParsedAttachment(name, None, ct))
                continue
            try:
                data = base64.b64decode(data_b64, validate=False)
            except (binascii.Error, ValueError):
                ctx.warn(locator, f"part {name!r} data is not valid base64; its bytes are not kept", raw)
                attachments.append(ParsedAttachment(name, None, ct))
                continue
            if ct.startswith("text/plain"):
                texts.append(data.decode("utf-8", "replace"))
                continue
            record = blob_details(name, ct, data)
            record["seq"] = _value(part, "seq")
            info.append(record)
            attachments.append(ParsedAttachment(name, None, ct, data))
        return texts, attachments, info

    def _call(self, elem: Element, locator: str, owner: AccountRef, ctx: ParseContext) -> ParsedItem:
        raw = fragment(elem)
        sent_raw, sent_utc = self._time(elem, locator, raw, ctx)
        code = _value(elem, "type")
        what = CALL_TYPE.get(code, f"type {code}")
        if code not in CALL_TYPE:
            ctx.warn(locator, f"unknown call type {code!r}", raw)
        number = _value(elem, "number")
        other = cached_account(PLATFORM, number, _value(elem, "contact_name") or number) if number else None
        if other is None:
            ctx.warn(locator, "no number (withheld or unknown caller)", raw)
        duration = _value(elem, "duration")
        outgoing = code == "2"
        author, recipients = (owner, (other,) if other else ()) if outgoing else (other, (owner,))
        text = f"{what} call" + (f", {duration} s" if duration and duration != "0" else "")
        details = self._details(elem, _CALL_DETAILS, {"call_type": what}, Stamp(locator, raw, sent_utc), ctx)
        if duration:
            details["duration_seconds"] = duration
        return ParsedItem(
            locator, "call", raw, text, sent_raw, sent_utc, "platform", "UTC" if sent_utc else None,
            author, recipients, self._conversation([other] if other else []),
            (), False, False, False, details,
        )  # fmt: skip


MAX_RESUMES = 1000  # damage read past in one backup; after that the reading stops at the next
_RECORD = {"smses": re.compile(rb"<(sms|mms)[\s/>]"), "calls": re.compile(rb"<(call)[\s/>]")}
_CHUNK = 1 << 20


@dataclass
class _Reading:
    """What the readings of one backup (the first, and each after damage) have found so far."""

    root_tag: str = ""
    declared: str = ""
    counters: dict[str, int] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)  # record start tags before ``counted_to``
    counted_to: int = 0  # the byte of the file they are counted up to
    line_at: int = 1  # its line
    paired: int = 0
    replaced: list[str] = field(default_factory=list)
    seen_to: int = 0  # the bytes of the file read (and their references repaired and counted)
    resumes: int = 0


def _next_record(source: Source, read: _Reading, after: int) -> tuple[int, int, str] | None:
    """The byte, line and name of the first record start tag at or after byte ``after``, counting in
    ``read.starts`` those before it; None when there is none."""
    pattern = _RECORD[read.root_tag]
    with source.open() as stream:
        stream.seek(read.counted_to)
        base, line, data = read.counted_to, read.line_at, b""
        while True:
            chunk = stream.read(_CHUNK)
            data += chunk
            limit = len(data) - 5 if chunk else len(data)  # a tag cut by the chunk's end: looked at next
            for found in pattern.finditer(data):
                if found.start() >= limit:
                    break
                tag = found[1].decode()
                if base + found.start() >= after:
                    line += data.count(b"\n", 0, found.start())
                    read.counted_to, read.line_at = base + found.start(), line
                    return read.counted_to, line, tag
                read.starts[tag] = read.starts.get(tag, 0) + 1
            if not chunk:
                return None
            line += data.count(b"\n", 0, limit)
            base, data = base + limit, data[limit:]


class Stamp(NamedTuple):
    """Where a record is and the UTC time its ``date`` gives (to check ``date_sent`` against)."""

    locator: str
    raw: str
    utc: str | None


SECONDS_BELOW = 10**11  # an epoch below this is seconds (ms would be before 3 March 1973)
IMPLAUSIBLE_DAYS = 366


def _date_sent_utc(value: str, at: Stamp, ctx: ParseContext) -> str:
    """ISO UTC for a ``date_sent``, decided by magnitude: Android's MMS table keeps seconds, which the
    backup copies as they are (it multiplies only ``date``); SMS keep milliseconds. A time more than
    a year from ``date`` is a warning. ``ValueError`` when it is not an epoch."""
    number = int(value.strip())
    seconds = 0 < number < SECONDS_BELOW
    utc = epoch_ms_utc(str(number * 1000) if seconds else value)
    if at.utc is not None:
        days = abs(datetime.fromisoformat(utc) - datetime.fromisoformat(at.utc)).days
        if days > IMPLAUSIBLE_DAYS:
            unit = "seconds" if seconds else "milliseconds"
            ctx.warn(
                at.locator,
                f"date_sent {value!r} (read as epoch {unit}: {utc}) is {days} days from date ({at.utc});"
                " check which is right on the phone",
                at.raw,
            )
    return utc
