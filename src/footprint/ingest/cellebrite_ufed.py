"""Cellebrite UFED / Physical Analyzer reports: ``report.xml`` alone or inside a ``.ufdr`` zip.

Decoded ``model`` elements become items: instant messages (inside chats or alone), calls, e-mails,
locations, contacts and user accounts, with ``deleted_state`` and the source-database provenance
(``extraInfos/nodeInfo``) kept in details. The XML is streamed twice (provenance sits at the end of
the file) with elements cleared as they are read, so multi-GB reports run in bounded memory.
Timestamps keep the offset written in the report; they are never read in the machine's zone.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
import zlib
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree.ElementTree import Element
from xml.etree.ElementTree import ParseError as XmlError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from footprint.errors import InputError, ParseError
from footprint.ingest._phone import (
    DiskMap,
    cached_account,
    fragment,
    json_text,
    local_name,
    owner_account,
    refused_declaration,
    with_subject,
)
from footprint.ingest._ufedresync import Opened, Resume, find_resume, opened_elements
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import DamagedInput, Prefixed, Resumed, read_on, xml_damage
from footprint.ingest.dates import ZoneClock
from footprint.ingest.source import Source
from footprint.ingest.windows_zones import SOURCE, iana_zone
from footprint.model import NOT_SENT, AccountRef, ParsedAttachment, ParsedItem
from footprint.times import iso_utc, zone

NAMESPACE = "pa.cellebrite.com/report"
KINDS = {
    "InstantMessage": "message", "Chat": "", "Call": "call", "Email": "email", "Location": "location",
    "Contact": "system", "UserAccount": "system", "SMS": "message", "MMS": "message",
}  # fmt: skip
_PLATFORMS = {
    "nativemessages": "sms", "sms": "sms", "mms": "sms", "phone": "sms", "messages": "sms",
    "facebookmessenger": "facebook", "messenger": "facebook", "whatsapp": "whatsapp",
}  # fmt: skip
_JID = re.compile(r"^(\d{6,15})@(?:s\.whatsapp\.net|c\.us)$")
_DROP_AFTER = frozenset({"model", "file", "extraInfo", "extractionInfo"})
_ITEMS = frozenset(kind for kind, item in KINDS.items() if item)  # the models read as items
MAX_RESUMES = 1000  # damage read past in one report; after that the reading stops at the next
# a message's Folder (Inbox, Sent, Draft, Outbox) or Status (Read, Unread, Sent, Unsent) saying the phone
# never sent it: its ``not_sent`` reason (``model.NOT_SENT``); compared in lower case
_FOLDER_NOT_SENT = {"draft": "draft", "drafts": "draft", "outbox": "outbox"}
_STATUS_NOT_SENT = {"unsent": "unsent"}
# the hashes Physical Analyzer records for a tagged file (its metadata item names), as hashlib names
# them, strongest first: the strongest one the report gives is checked
_HASHES = {"SHA256": "sha256", "SHA1": "sha1", "MD5": "md5"}
_TIME_FIELDS = ("TimeStamp", "StartTime", "DateRead", "DateDelivered", "DateDeleted", "LastActivity")


@dataclass
class _Chat:
    fields: dict[str, str] = field(default_factory=dict)
    participants: list[tuple[AccountRef, bool]] = field(default_factory=list)


@dataclass
class _Model:
    """A model's direct children, read: fields, 1:1 models and 1:n models."""

    fields: dict[str, str]
    single: dict[str, Element]
    multi: dict[str, list[Element]]


def read_model(elem: Element) -> _Model:
    """The fields and child models of one ``model`` element."""
    fields: dict[str, str] = {}
    single: dict[str, Element] = {}
    multi: dict[str, list[Element]] = {}
    for child in elem:
        tag, name = local_name(child.tag), child.get("name", "")
        if tag == "field":
            value = next((v for v in child if local_name(v.tag) == "value"), None)
            fields[name] = (value.text or "").strip() if value is not None else ""
        elif tag == "multiField":
            values = [(v.text or "").strip() for v in child if local_name(v.tag) == "value"]
            fields[name] = "; ".join(v for v in values if v)
        elif tag == "modelField":
            inner = next((m for m in child if local_name(m.tag) == "model"), None)
            if inner is not None:
                single[name] = inner
        elif tag == "multiModelField":
            multi[name] = [m for m in child if local_name(m.tag) == "model"]
    return _Model(fields, single, multi)


def platform_of(source_app: str) -> str:
    """The account platform for a UFED ``Source`` (app name)."""
    key = re.sub(r"[^a-z0-9]", "", source_app.lower())
    return _PLATFORMS.get(key, key or "sms")


def party_account(party: Element, platform: str) -> tuple[AccountRef | None, bool]:
    """A ``Party`` model as an account, and whether it is the phone's owner."""
    fields = read_model(party).fields
    ident = fields.get("Identifier", "")
    name = fields.get("Name", "")
    jid = _JID.match(ident)
    native = f"+{jid.group(1)}" if jid else ident
    owner = fields.get("IsPhoneOwner", "").lower() == "true"
    if not native and not name:
        return None, owner
    return cached_account(platform, native or name, name or ident), owner


_ZIP_ERRORS = (zlib.error, zipfile.BadZipFile, EOFError, OSError, NotImplementedError)


def _damaged_member(source: Source, exc: Exception) -> ParseError:
    return ParseError(
        f"report.xml inside the archive is damaged ({type(exc).__name__}: {exc}); copy the .ufdr again",
        source=source.name,
    )


def _digests(chunks: Iterable[bytes], names: set[str]) -> dict[str, str]:
    """The named hashlib digests of some bytes, in one pass over them."""
    hashers = {name: hashlib.new(name) for name in sorted(names)}
    for chunk in chunks:
        for hasher in hashers.values():
            hasher.update(chunk)
    return {name: hasher.hexdigest() for name, hasher in hashers.items()}


def _report_member(source: Source) -> str | None:
    members = [m for m in source.members() if PurePosixPath(m).name.lower() == "report.xml"]
    return min(members, key=len) if members else None


@parsers.register
class CellebriteUfedParser(Parser):
    """Cellebrite UFED Physical Analyzer XML report (report.xml or .ufdr)."""

    name = "cellebrite_ufed"
    # 10: with --accept-partial, reads on after damage at the next top-level model; 11: after damage in a
    # tag's attributes (not in a text) too, at the next model of its type or in a chat at its next message
    version = 11
    description = "Cellebrite UFED report.xml / .ufdr: chats, messages, calls, contacts, accounts, locations"
    format_name = "cellebrite_ufed"

    @classmethod
    def own_part(cls, member: str) -> bool:
        """Every file: a .ufdr holds the extraction's files, which its report.xml is the reading of."""
        return True

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            try:
                member = _report_member(source)
                head = source.member_head(member).decode("utf-8", "replace") if member else ""
            except (ParseError, *_ZIP_ERRORS):
                return NO
            if "<project" in head and NAMESPACE in head:
                return SniffResult(0.95, f"zip holding a Cellebrite {member}")
            return NO
        head = source.head_text()
        if "<project" in head and NAMESPACE in head:
            return SniffResult(0.95, "Cellebrite report namespace")
        return NO

    @contextmanager
    def _xml(self, source: Source) -> Iterator[IO[bytes]]:
        if source.is_zip:
            member = _report_member(source)
            if member is None:
                raise ParseError(
                    "the .ufdr holds no report.xml; re-export the report from Physical Analyzer",
                    source=source.name,
                )
            with source.open_member(member) as stream:
                yield stream
        else:
            with source.open() as stream:
                yield stream

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        self.members = set(source.members()) if source.is_zip else set()
        self.extractions: dict[str, str] = {}
        self.device_zone: tuple[str, str] | None = None  # DeviceInfoTimeZone as written, and its element
        self.chats: dict[int, _Chat] = {}
        self.unsupported: dict[str, tuple[int, str]] = {}
        self.models_seen = 0
        self.damage: DamagedInput | None = None  # where the second pass stopped, raised once it is done
        self.resumes: dict[int, Resume | None] = {}  # where each pass reads on after damage at a byte
        self.carried: _Chat | None = None  # the header of the chat read on in after damage
        self.owners: dict[str, AccountRef] = {}  # the parties marked IsPhoneOwner, in report order
        self.hash_checks = [0, 0]  # tagged files checked against the report's hashes, and mismatches
        # Provenance and tagged files can number millions: they wait on disk (the case's), not in memory.
        spilled = tempfile.TemporaryDirectory(prefix="ufed-", dir=ctx.workdir, ignore_cleanup_errors=True)
        with spilled as spill:
            self.provenance = DiskMap(Path(spill), "provenance")
            self.files = DiskMap(Path(spill), "files", first_wins=True)
            self.hashes = DiskMap(Path(spill), "hashes")
            try:
                for _ in self._readings(source, ctx, first=True):
                    pass
                self._choose_zone(ctx)
                self.provenance.flush()
                self.files.flush()
                self.hashes.flush()
                yield from self._readings(source, ctx, first=False)
                self._check_unattached(source, ctx)
            except _ZIP_ERRORS as exc:
                raise _damaged_member(source, exc) from exc
            finally:
                self.provenance.close()
                self.files.close()
                self.hashes.close()
        self._note_owner(ctx)
        for kind, (count, raw) in sorted(self.unsupported.items()):
            ctx.warn(
                f"modelType {kind}",
                f"{count} model(s) of type {kind} are not read by this parser; they stay in the exhibit",
                raw,
            )
        if self.damage is not None:  # after the warnings on what was read: `add` decides (``ingest.damage``)
            raise self.damage

    def _events(self, stream: Prefixed, events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
        yield from SafeET.iterparse(stream, events=events)

    def _readings(self, source: Source, ctx: ParseContext, *, first: bool) -> Iterator[ParsedItem]:
        """One pass over the report: read from its start and, with ``add --accept-partial``, on after
        each damage from the next top-level model (``_ufedresync``). Both passes read on at the same
        places; the second tells each as a warning (:func:`damage.read_on`).

        Damage is refused at once in the first pass when no model came before it (nothing can be read,
        and the report's header, its zone among it, is damaged); else the second pass, which reads up to
        it, keeps the damage it stops at for ``parse`` to raise at its end."""
        start, prefix, resumes = (0, 1), b"", 0
        while True:
            stack: list[Element] = []
            damage = None
            with self._xml(source) as raw:
                if start[0]:
                    raw.seek(start[0])
                stream = Prefixed(prefix, raw)
                try:
                    if first:
                        self._first_pass(stream, stack, source, ctx)
                    else:
                        yield from self._second_pass(stream, stack, source, ctx)
                except (XmlError, DefusedXmlException, LookupError) as exc:
                    damage = self._broken(exc, source, start, prefix)
            if damage is None:
                return
            if first and not self.models_seen:
                raise damage
            damage.reads_on = True  # with --accept-partial, read on from the next top-level model
            found = (
                self._resume(damage, stack, source) if ctx.accept_partial and resumes < MAX_RESUMES else None
            )
            if found is None:
                if not first:
                    self.damage = damage
                return
            # the chat the damage is in, read on in from its next message: its header (fields and
            # participants, read before the damage) is the resumed chat's; any other is forgotten
            self.carried = self.chats.get(id(stack[3])) if found.in_chat and not first else None
            self.chats.clear()
            if not first:
                read_on(Resumed(damage, found.at, found.line, found.where, found.records), source, ctx)
            start, prefix, resumes = (found.at, found.line), found.prefix, resumes + 1

    def _resume(self, damage: DamagedInput, stack: list[Element], source: Source) -> Resume | None:
        """Where to read on after ``damage`` (the same for both passes: found once)."""
        if damage.offset not in self.resumes:
            opened: list[Opened] = opened_elements(stack, _ITEMS)
            self.resumes[damage.offset] = find_resume(
                lambda: self._xml(source), damage.offset, damage.line, opened, _ITEMS
            )
        return self.resumes[damage.offset]

    def _broken(self, exc: Exception, source: Source, start: tuple[int, int], prefix: bytes) -> DamagedInput:
        """The damage an XML error names, in a reading that began at ``start`` (the byte and line) with
        ``prefix`` (one line) put before it."""
        with self._xml(source) as stream:
            if isinstance(exc, DefusedXmlException):
                raise refused_declaration(exc, stream, source.name) from exc
            position = getattr(exc, "position", None)
            if position is not None and position[0] == 1 and prefix:
                position = (1, max(position[1] - len(prefix.decode("utf-8", "replace")), 0))
            if start[0]:
                stream.seek(start[0])
            return xml_damage(
                f"XML error '{str(exc).split(':', 1)[0]}'",
                position,
                stream,
                source=source.name,
                member=_report_member(source) if source.is_zip else None,
                what="the report",
                start=start,
            )

    def _first_pass(self, stream: Prefixed, stack: list[Element], source: Source, ctx: ParseContext) -> None:
        """Provenance, extractions, tagged files and the device zone (small, kept in memory); ``stack``
        holds the elements open (where the damage is, if the XML breaks)."""
        for event, elem in self._events(stream, ("start", "end")):
            if event == "start":
                if not stack and local_name(elem.tag) != "project":
                    raise ParseError(
                        f"root element is <{local_name(elem.tag)}>, not <project>; this is not a"
                        " Cellebrite report — pass --format to choose another reader",
                        source=source.name,
                    )
                stack.append(elem)
                continue
            stack.pop()
            tag = local_name(elem.tag)
            if tag == "extraInfo":
                nodes = [dict(n.attrib) for n in elem.iter() if local_name(n.tag) == "nodeInfo"]
                if nodes and elem.get("id"):
                    self.provenance.put(elem.get("id", ""), json_text(nodes))
            elif tag == "extractionInfo":
                self.extractions[elem.get("id", "")] = elem.get("fullName") or elem.get("name") or ""
            elif tag == "file" and stack and local_name(stack[-1].tag) == "taggedFiles":
                self._tagged_file(elem)
            elif tag == "item" and elem.get("name") == "DeviceInfoTimeZone":
                ctx.decide("device_time_zone", (elem.text or "").strip())
                self.device_zone = ((elem.text or "").strip(), fragment(elem))
            elif tag == "field" and len(stack) == 2 and local_name(stack[1].tag) == "caseInformation":
                ctx.decide(f"case: {elem.get('name', '')}", (elem.text or "").strip())
            if stack and tag in _DROP_AFTER:
                self.models_seen += tag == "model"
                stack[-1].remove(elem)

    def _choose_zone(self, ctx: ParseContext) -> None:
        """The zone for timestamps without an offset: ``--tz``, else the phone's own, else the case's.

        The phone's zone is the report's ``DeviceInfoTimeZone`` when it is a zone name, or a Windows zone
        ID the CLDR table maps (``GMT Standard Time`` -> Europe/London, recorded as a decision); what was
        chosen over what is said once, as a warning, when the first such timestamp is read.
        """
        zone_name, tz_source, label = ctx.zone, ctx.tz_source, f"{ctx.zone} ({ctx.tz_source})"
        self.zone_note: tuple[str, str] | None = None
        if self.device_zone is not None and self.device_zone[0]:
            device, element = self.device_zone
            phone = f"{device} (the report's DeviceInfoTimeZone)"
            mapped = iana_zone(device)
            if mapped is not None:
                ctx.decide("device_time_zone", f"{device} (a Windows zone name; {mapped} by {SOURCE})")
                phone = (
                    f"{mapped} (the report's DeviceInfoTimeZone {device!r}, a Windows zone name,"
                    " mapped by the Unicode CLDR windowsZones table)"
                )
                device = mapped
            try:
                zone(device)
            except InputError:
                note = (
                    f"the report's DeviceInfoTimeZone {device!r} is not a time zone name (such as"
                    f" Europe/London); timestamps without an offset are read in {label} instead;"
                    " pass --tz to name the phone's zone"
                )
            else:
                if ctx.zone_given:
                    note = (
                        f"timestamps without an offset are read in {label}, as --tz says, not in the"
                        f" phone's own zone {phone}"
                    )
                else:
                    note = (
                        f"timestamps without an offset are read in the phone's own zone {phone}, not {label};"
                        " pass --tz to read them in another"
                    )
                    zone_name, tz_source, label = device, "platform", phone
            self.zone_note = (note, element)
        self.no_offset = (tz_source, zone_name, label)
        self.clock = ZoneClock(ctx, f"{label} for timestamps without an offset", zone_name)

    def _tagged_file(self, elem: Element) -> None:
        """Where a tagged file is in the .ufdr, and the hashes the report records for it: kept, to be
        checked against the file itself when it is read (see :meth:`_checked`)."""
        items = {
            i.get("name", ""): (i.text or "").strip() for i in elem.iter() if local_name(i.tag) == "item"
        }
        local = items.get("Local Path", "")
        if not local:
            return
        path = local.replace("\\", "/")
        self.files.put(PurePosixPath(path).name, path)
        self.files.put(elem.get("path", ""), path)
        recorded = {name: items[name].lower() for name in _HASHES if items.get(name)}
        if recorded and self.hashes.get(path) is None:  # the first tagged file of a path is the one read
            tagged = {"id": elem.get("id", ""), "path": elem.get("path", ""), "raw": fragment(elem)}
            self.hashes.put(path, json.dumps({"hashes_in_report": recorded, "tagged": tagged}))

    def _checked(
        self, source: Source, path: str, ctx: ParseContext, *, keep: bool
    ) -> tuple[dict[str, object], bytes | None]:
        """A tagged file's hashes (``hashes_in_report``, and our ``sha256`` once read) and, when this call
        read it and ``keep`` asks, its bytes. It is read once: the SHA-256 the vault needs and the
        strongest hash the report gives (SHA256, else SHA1, else MD5) come from the same read, and a
        mismatch is a warning."""
        kept = self.hashes.get(path)
        if kept is None:
            return {}, None
        entry: dict[str, object] = json.loads(kept)
        if "sha256" in entry or path not in self.members:  # read already, or not in the exhibit
            return entry, None
        recorded: dict[str, str] = entry["hashes_in_report"]  # type: ignore[assignment]
        tagged: dict[str, str] = entry["tagged"]  # type: ignore[assignment]
        strongest = next(name for name in _HASHES if name in recorded)
        names = {"sha256", _HASHES[strongest]}
        data: bytes | None = None
        if keep:
            data = source.read_member(path)
            found = _digests((data,), names)
        else:  # streamed: a tagged file no message attaches can be a video of gigabytes
            with source.open_member(path) as stream:
                found = _digests(iter(lambda: stream.read(1 << 20), b""), names)
        entry["sha256"] = found["sha256"]
        self.hash_checks[0] += 1
        if found[_HASHES[strongest]] != recorded[strongest]:
            self.hash_checks[1] += 1
            ctx.warn(
                f"taggedFiles file id={tagged['id']}",
                f"tagged file {tagged['path']} ({path} in the exhibit): the report records"
                f" {strongest} {recorded[strongest]}, but the file hashes {found[_HASHES[strongest]]};"
                " it is not the file the extraction tool hashed, or the report is wrong — check the"
                " extraction's continuity",
                tagged["raw"],
            )
        self.hashes.put(path, json.dumps(entry))
        return entry, data

    def _check_unattached(self, source: Source, ctx: ParseContext) -> None:
        """Check the tagged files no message attached (those it did were checked as they were read)."""
        self.hashes.flush()
        unread = [
            path
            for path, kept in self.hashes.items()
            if path in self.members and "sha256" not in json.loads(kept)
        ]
        for path in unread:
            self._checked(source, path, ctx, keep=False)
        checked, differ = self.hash_checks
        if checked:
            ctx.decide(
                "tagged_file_hashes",
                f"{checked} tagged file(s) in the exhibit checked against the report's hashes;"
                f" {differ} did not match (a warning each)",
            )

    def _note_owner(self, ctx: ParseContext) -> None:
        """The report's own accounts for ``--owner``: every party it marks IsPhoneOwner. Physical Analyzer
        marks the phone owner's identity on each app (an SMS number, a WhatsApp account, a second SIM's
        number): all of them are the phone owner's, so all are attributed to the person named."""
        if not self.owners:
            return
        ctx.owner_accounts = tuple(self.owners.values())
        listed = ", ".join(self.owners)
        ctx.decide(
            "account_owner",
            f"{listed} (the party the report marks IsPhoneOwner=True)"
            if len(self.owners) == 1
            else f"{listed} (the parties the report marks IsPhoneOwner=True: the phone owner's accounts,"
            " each attributed by --owner)",
        )

    def _second_pass(
        self, stream: Prefixed, stack: list[Element], source: Source, ctx: ParseContext
    ) -> Generator[ParsedItem, None, None]:
        for event, elem in self._events(stream, ("start", "end")):
            if event == "start":
                stack.append(elem)
                if local_name(elem.tag) == "model" and elem.get("type") == "Chat":
                    state = {
                        "model id": elem.get("id", ""),
                        "deleted_state": elem.get("deleted_state", ""),
                    }
                    self.chats[id(elem)] = self.carried or _Chat(fields=state)
                    self.carried = None
                continue
            stack.pop()
            tag = local_name(elem.tag)
            parent = stack[-1] if stack else None
            if parent is None:
                continue
            ptag = local_name(parent.tag)
            if tag in ("field", "multiModelField") and ptag == "model" and parent.get("type") == "Chat":
                self._chat_part(elem, parent)
                continue
            if tag != "model":
                if tag in _DROP_AFTER:
                    parent.remove(elem)
                continue
            kind = elem.get("type", "")
            top = ptag == "modelType"
            in_chat = ptag == "multiModelField" and parent.get("name") == "Messages"
            if not (top or in_chat):
                continue
            if kind == "Chat":
                self.chats.pop(id(elem), None)
            elif kind in KINDS:
                chat = self._enclosing_chat(stack)
                item = self._item(elem, kind, chat, source, ctx)
                if item is not None:
                    yield item
            else:
                count, raw = self.unsupported.get(kind, (0, ""))
                self.unsupported[kind] = (count + 1, raw or fragment(elem)[:4000])
            parent.remove(elem)

    def _enclosing_chat(self, stack: list[Element]) -> tuple[Element, _Chat] | None:
        for elem in reversed(stack):
            found = self.chats.get(id(elem))
            if found is not None:
                return elem, found
        return None

    def _chat_part(self, elem: Element, chat_elem: Element) -> None:
        chat = self.chats.setdefault(id(chat_elem), _Chat())
        name = elem.get("name", "")
        if local_name(elem.tag) == "field":
            value = next((v for v in elem if local_name(v.tag) == "value"), None)
            chat.fields[name] = (value.text or "").strip() if value is not None else ""
        elif name == "Participants":
            platform = platform_of(chat.fields.get("Source", ""))
            for party in elem:
                account, owner = party_account(party, platform)
                if account is not None:
                    chat.participants.append((account, owner))
                    if owner:
                        self.owners.setdefault(account.key, account)
            chat_elem.remove(elem)

    def _time(
        self, raw_time: str, locator: str, raw: str, ctx: ParseContext
    ) -> tuple[str | None, str, str | None, str | None]:
        """ISO UTC, tz_source, zone label and (without an offset) the zone chosen, for a report timestamp."""
        try:
            moment = datetime.fromisoformat(raw_time.replace("Z", "+00:00"))
        except ValueError:
            ctx.warn(locator, f"timestamp {raw_time!r} cannot be read; item kept without a time", raw)
            return None, "platform", None, None
        offset = moment.utcoffset()
        if offset is not None:
            label = raw_time[-6:] if re.search(r"[+-]\d\d:\d\d$", raw_time) else "+00:00"
            return iso_utc(moment), "platform", f"UTC{label}", None
        if self.zone_note is not None:
            ctx.warn("metadata DeviceInfoTimeZone", *self.zone_note)
            self.zone_note = None
        tz_source, zone_name, chosen = self.no_offset
        return self.clock.to_utc(moment, locator, raw), tz_source, zone_name, chosen

    def _item(
        self, elem: Element, kind: str, chat: tuple[Element, _Chat] | None, source: Source, ctx: ParseContext
    ) -> ParsedItem | None:
        model = read_model(elem)
        fields = model.fields
        model_id = elem.get("id", "")
        locator = f"{kind} id={model_id}" if model_id else f"{kind} (no id)"
        raw = fragment(elem)
        chat_info = chat[1] if chat else None
        app = fields.get("Source") or (chat_info.fields.get("Source", "") if chat_info else "")
        platform = platform_of(app)
        details = self._details(elem, kind, fields, chat_info)
        time_raw = fields.get("TimeStamp") or fields.get("StartTime") or ""
        sent_utc = zone_label = None
        tz_source = "platform"
        if time_raw:
            sent_utc, tz_source, zone_label, zone_used = self._time(time_raw, locator, raw, ctx)
            if zone_used:
                details["zone_used"] = zone_used
        participants = chat_info.participants if chat_info else []
        owner = next((a for a, is_owner in participants if is_owner), None)
        author, recipients = self._parties(model, platform, participants, owner, ctx)
        conversation = None
        if chat_info is not None:
            chat_id = chat_info.fields.get("Id") or (chat[0].get("id", "") if chat else "")
            conversation = f"{platform}:{chat_id}"
        text = self._text(kind, fields, model)
        attachments = self._attachments(source, model, details, ctx)
        deleted = elem.get("deleted_state", "Intact") not in ("Intact", "")
        not_sent = _FOLDER_NOT_SENT.get(fields.get("Folder", "").lower()) or _STATUS_NOT_SENT.get(
            fields.get("Status", "").lower()
        )
        if not_sent:
            details[NOT_SENT] = not_sent
        return ParsedItem(
            locator, KINDS[kind], raw, text, time_raw or None, sent_utc, tz_source, zone_label,
            author, recipients, conversation, attachments, deleted, False, KINDS[kind] == "system", details,
        )  # fmt: skip

    def _details(
        self, elem: Element, kind: str, fields: dict[str, str], chat: _Chat | None
    ) -> dict[str, str]:
        details = {"model_type": kind}
        for attr in ("id", "deleted_state", "decoding_confidence", "source_index", "extractionId"):
            if elem.get(attr):
                details[attr] = elem.get(attr, "")
        extraction = self.extractions.get(elem.get("extractionId", ""))
        if extraction:
            details["extraction"] = extraction
        provenance = self.provenance.get(elem.get("id", ""))
        if provenance:
            details["provenance"] = provenance
        for name, value in sorted(fields.items()):
            if value and name not in ("Body", "TimeStamp"):
                details[f"field {name}"] = value
        if chat is not None:
            details.update({f"chat {k}": v for k, v in sorted(chat.fields.items()) if v})
        return details

    @staticmethod
    def _text(kind: str, fields: dict[str, str], model: _Model) -> str:
        if kind in ("InstantMessage", "SMS", "MMS"):
            return fields.get("Body", "")
        if kind == "Email":
            return with_subject(fields.get("Subject", ""), fields.get("Body", ""))
        if kind == "Call":
            duration = fields.get("Duration", "")
            what = fields.get("Type", "") or "call"
            return f"{what} call".strip() + (f", {duration}" if duration else "")
        if kind == "Location":
            position = model.single.get("Position")
            coords = read_model(position).fields if position is not None else {}
            where = ", ".join(v for v in (coords.get("Latitude", ""), coords.get("Longitude", "")) if v)
            label = fields.get("Description") or fields.get("Name") or fields.get("Address", "")
            return " — ".join(v for v in (where, label) if v)
        entries = [read_model(e).fields.get("Value", "") for e in model.multi.get("Entries", [])]
        name = fields.get("Name") or fields.get("Username", "")
        label = "Contact" if kind == "Contact" else "User account"
        listed = ", ".join(e for e in entries if e)
        return f"{label}: {name}" + (f" ({listed})" if listed else "")

    def _party(self, party: Element, platform: str) -> AccountRef | None:
        """A message's party as an account; one marked IsPhoneOwner is noted as the owner's."""
        account, owner = party_account(party, platform)
        if account is not None and owner:
            self.owners.setdefault(account.key, account)
        return account

    def _parties(
        self,
        model: _Model,
        platform: str,
        participants: list[tuple[AccountRef, bool]],
        owner: AccountRef | None,
        ctx: ParseContext,
    ) -> tuple[AccountRef | None, tuple[AccountRef, ...]]:
        direction = model.fields.get("Type", "").lower() or model.fields.get("Direction", "").lower()
        sender = model.single.get("From")
        parties = model.multi.get("Parties", [])
        roles = [read_model(p).fields.get("Role", "").lower() for p in parties]
        if sender is None and "from" in roles:
            sender = parties[roles.index("from")]
            parties = [p for p, role in zip(parties, roles, strict=True) if role != "from"]
        author = self._party(sender, platform) if sender is not None else None
        named = [
            account for p in (*model.multi.get("To", []), *parties)
            if (account := self._party(p, platform)) is not None
        ]  # fmt: skip
        known = {a.native_id: a for a, _ in participants}
        if author is not None and sender is not None and not read_model(sender).fields.get("Name"):
            author = known.get(author.native_id, author)
        incoming = direction.startswith(("incoming", "missed", "rejected"))
        others = [a for a, is_owner in participants if not is_owner]
        if author is None and sender is None and incoming and owner is not None and len(others) == 1:
            author = others[0]
        if author is None and direction.startswith("outgoing"):
            author = owner or owner_account(platform, ctx)
        if author is None and parties and not direction.startswith("outgoing"):
            author, named = (named[0], named[1:]) if named else (None, named)
        recipients = named or [
            a for a, _ in participants if author is None or a.native_id != author.native_id
        ]
        if not recipients and incoming:
            recipients = [owner or owner_account(platform, ctx)]
        return author, tuple(dict.fromkeys(recipients))

    def _attachments(
        self, source: Source, model: _Model, details: dict[str, str], ctx: ParseContext
    ) -> tuple[ParsedAttachment, ...]:
        found = []
        listed: list[dict[str, object]] = []
        for att in model.multi.get("Attachments", []):
            fields = read_model(att).fields
            name = fields.get("Filename") or fields.get("Name") or att.get("id") or "attachment"
            path = self.files.get(fields.get("attachment_extracted_path", "")) or self.files.get(
                PurePosixPath(name.replace("\\", "/")).name
            )
            member = path if path in self.members else None
            hashes, data = self._checked(source, path, ctx, keep=True) if path else ({}, None)
            mime = fields.get("ContentType", "")
            if data is None:
                found.append(ParsedAttachment(name, member, mime))
            else:  # read for the check: the pipeline vaults these bytes under this hash, reading none again
                found.append(ParsedAttachment(name, member, mime, data, str(hashes["sha256"])))
            state = att.get("deleted_state", "")
            entry: dict[str, object] = {"name": name, "deleted_state": state, "local_path": path or ""}
            listed.append({**entry, **{k: v for k, v in hashes.items() if k != "tagged"}})
        if listed:
            details["attachments"] = json_text(listed)
        return tuple(found)
