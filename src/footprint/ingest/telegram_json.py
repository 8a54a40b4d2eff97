"""Telegram Desktop "Export chat history" / "Export Telegram data" in machine-readable JSON (result.json)."""

from __future__ import annotations

import json
import marshal
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from footprint.errors import ParseError
from footprint.ingest._jsonresync import Shape
from footprint.ingest._jsonstream import JsonStream, lone_surrogate_escapes
from footprint.ingest._phone import cap_raw, owner_account
from footprint.ingest._reactions import SET_ASIDE, ReactionChecks, UntimedReactions, reaction_item, set_aside
from footprint.ingest._social import arr, as_text, epoch_to_iso, mime_for, raw_json
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import resumer
from footprint.ingest.dates import ZoneClock
from footprint.ingest.export_order import ExportOrder
from footprint.ingest.group_presence import GroupPresence, Moves
from footprint.ingest.source import Source
from footprint.model import (
    RECEIVED_KINDS,
    STICKER_AT,
    AccountRef,
    ParsedAttachment,
    ParsedItem,
    sticker_label,
)

_MARKERS = ('"date_unixtime"', '"from_id"', '"personal_information"', '"text_entities"', '"actor_id"')
_CALL_ACTIONS = frozenset({"phone_call", "group_call", "invite_to_group_call"})
_DELETED = "Deleted Account"  # what Telegram shows for an account with `from` null
# chats with exactly two parties: the exporter and the chat's other party (its `id` and `name`)
_TWO_PARTY = frozenset({"personal_chat", "bot_chat"})
# the service actions that change who is in a group (tdesktop's export_output_json.cpp): each names
# its accounts by the actor (``actor``/``actor_id``) or by display name only (``members``)
_JOINED_BY_ACTOR = frozenset({"create_group", "join_group_by_link", "join_group_by_request"})
_JOINED_BY_NAME = frozenset({"create_group", "invite_members"})
_LEFT_BY_NAME = frozenset({"remove_members"})
_UNSEEN = AccountRef("telegram", "", "")  # a name not yet seen (``None`` is a name two accounts show)
# a group's temporary file is written and read a MiB at a time (by 8 KiB: about 4 x the system time)
_SPILL_BUFFER = 1 << 20
#: what every message has, for reading on after damage in a minified export (``_jsonresync``)
MESSAGE = Shape(keys=("id", "type"))
# a chat of a full export, as the place to read on at after damage in another chat's last message
CHAT = Shape(keys=("type", "id"))
_SERVICE_KEYS = ("title", "members", "discard_reason", "duration_seconds", "inviter", "message_id")
# what tdesktop writes instead of a path for a file it did not save -> why, as recorded
_SKIPPED = {
    "(File not included": "",
    "(File exceeds maximum size": ": over the export's size limit",
    "(File unavailable": ": unavailable when exported",
}


def _result_member(source: Source) -> str | None:
    found = [m for m in source.members() if PurePosixPath(m).name == "result.json"]
    return min(found, key=lambda m: (m.count("/"), m)) if found else None


def _looks_like(head: str) -> float:
    text = head.lstrip("\ufeff \r\n\t")
    if not text.startswith("{"):
        return 0.0
    if '"messages"' not in text and '"chats"' not in text:
        return 0.0
    markers = sum(1 for marker in _MARKERS if marker in text)
    if markers >= 2 or '"personal_information"' in text:
        return 0.9
    if markers == 1 and ('"type": "message"' in text or '"type":"message"' in text):
        return 0.85
    return 0.0


def telegram_text(value: object) -> tuple[str, list[str]]:
    """The message text from a string or an entity array, and the hrefs of its links."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return as_text(value), []
    parts: list[str] = []
    links: list[str] = []
    for part in value:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict):
            parts.append(as_text(part.get("text")))
            if isinstance(part.get("href"), str):
                links.append(part["href"])
        else:
            parts.append(as_text(part))
    return "".join(parts), links


def poll_text(poll: dict[str, Any]) -> str:
    """A poll as text a reader sees: ``Poll: question`` and its answers, one ``- answer`` a line."""
    lines = [f"Poll: {telegram_text(poll.get('question', ''))[0]}"]
    for answer in arr(poll.get("answers")):
        if isinstance(answer, dict):
            lines.append(f"- {telegram_text(answer.get('text', ''))[0]}")
    return "\n".join(lines)


def _moves(message: dict[str, Any]) -> tuple[str, list[tuple[str, AccountRef | None]]] | None:
    """A service message's change of a group's members: its action and whom it names (a name, and
    the account when the export gives its id: an actor's)."""
    action = message.get("action")
    if message.get("type") != "service" or not isinstance(action, str):
        return None
    named: list[tuple[str, AccountRef | None]] = []
    actor, actor_id = message.get("actor"), message.get("actor_id")
    if action in _JOINED_BY_ACTOR and actor_id is not None:
        shown = as_text(actor)
        named.append((shown, AccountRef("telegram", as_text(actor_id), shown or as_text(actor_id))))
    if action in _JOINED_BY_NAME | _LEFT_BY_NAME:
        named.extend((name, None) for name in arr(message.get("members")) if isinstance(name, str) and name)
    return (action, named) if named else None


@parsers.register
class TelegramJsonParser(Parser):
    """Telegram Desktop JSON export: one chat or the whole account."""

    name = "telegram_json"
    # 7: an old export's local date in a clock change is read by the chat's order where that decides it;
    # 8: lone UTF-16 surrogate escapes in a message are a warning naming them; 9: each reaction a message's
    # ``recent`` names is an item of its own (kind reaction, at its own date)
    # 11: with --accept-partial, reading resumes at the next whole message after damage; 12: in a minified
    # export too; 13: and at the next chat after damage in a chat's last message; 14: a live location's
    # period (``live_location_period_seconds``) is kept in details and said in the text; 15: a sticker's
    # emoji is in the text (``[sticker 😡]``, after any caption), not only in details.sticker_emoji;
    # 16: in a minified full export, damage in a chat's header reads on at the next chat, and in the last
    # chat of a list at the next list (``left_chats``); 17: damage in the header of a chat with no chat
    # after it (the last of ``left_chats``, or none within 256 KB) reads on in it, at its first message
    version = 17
    # out of range is warned of with its raw record and kept without a time
    description = "Telegram Desktop JSON export (result.json): single chat or whole account, .json or .zip"
    format_name = "telegram"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        found = source.sniff_text(_result_member)
        score = _looks_like(found[1]) if found else 0.0
        if not found or not score:
            return NO
        return SniffResult(score, f"zip holding {found[0]}" if found[0] else "Telegram Desktop JSON keys")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        base = ""
        members: set[str] = set()
        member: str | None = None
        if source.is_zip:
            member = _result_member(source)
            if member is None:
                raise ParseError(
                    "zip holds no result.json; export with 'Machine-readable JSON' and add the"
                    " export folder or its zip",
                    source=source.name,
                )
            parent = PurePosixPath(member).parent.as_posix()
            base = "" if parent == "." else parent + "/"
            members = set(source.members())
        with source.open_member(member) if member is not None else source.open() as handle:
            js = JsonStream(handle, source.name, member, "the Telegram export", resumer(source, ctx))
            if js.peek() != "{":
                raise ParseError(
                    "the JSON is not a Telegram export object; export again choosing 'Machine-readable JSON'",
                    source=source.name,
                )
            reader = _Reader(ctx, base, members, None)
            header: dict[str, Any] = {}
            found = False
            for key in js.keys():
                if key == "messages":
                    found = True
                    yield from reader.messages("", header, js)
                elif key == "personal_information":
                    reader.owner = self._owner(js.value()[0], ctx)
                elif key in ("chats", "left_chats") and js.peek() == "{":
                    listed = False
                    kept: list[str] = []  # what is not the list: the warning's raw text if none
                    for inner in js.keys():
                        if inner == "list" and js.peek() == "[":
                            listed = True
                            yield from js.holders(f"{key}.list", CHAT, lambda at: reader.chat(at, js))
                        else:
                            kept.append(f"{json.dumps(inner)}: {js.value()[1]}")
                    found = found or listed
                    if not listed:
                        raw = cap_raw("{" + ", ".join(kept) + "}", key)
                        ctx.warn(key, "no 'list' array of chats; nothing in it read", raw)
                elif key in ("name", "type", "id"):
                    header[key] = js.value()[0]
                else:
                    js.skip()
            js.end()
        reader.finish()
        if not found:
            raise ParseError(
                "no 'messages' and no 'chats.list' in the JSON; is this Telegram Desktop's"
                " result.json? Export again choosing 'Machine-readable JSON'",
                source=source.name,
            )

    @staticmethod
    def _owner(info: object, ctx: ParseContext) -> AccountRef | None:
        if not isinstance(info, dict) or info.get("user_id") is None:
            return None
        name = " ".join(as_text(info.get(k)) for k in ("first_name", "last_name") if info.get(k)).strip()
        owner = AccountRef("telegram", f"user{as_text(info['user_id'])}", name)
        username = as_text(info.get("username"))
        ctx.decide("account_owner", f"{owner.key} {name}" + (f" ({username})" if username else ""))
        ctx.owner_account = owner
        return owner


class _Reader:
    """Turns tdesktop message objects into items."""

    def __init__(self, ctx: ParseContext, base: str, members: set[str], owner: AccountRef | None) -> None:
        self.ctx = ctx
        self.base = base
        self.members = members
        self.owner = owner
        self.clock = ZoneClock(
            ctx, f"{ctx.zone} ({ctx.tz_source}; 'date' has no offset and no date_unixtime)"
        )
        self.offset_noted = False
        self.in_chat_order = ExportOrder(ctx, ctx.zone)  # a chat's messages are in id order, oldest first
        self.conversations: list[str] = []
        # a two-party chat's other party, and each author in it who is not that party (by account key:
        # the account as first seen, with that message's locator and raw text)
        self.peers: dict[str, AccountRef] = {}
        self.others: dict[str, dict[str, tuple[AccountRef, str, str]]] = {}
        # a group's members who joined or left by a service message: their joins (True) and leaves
        # (False) by message index; they receive only what is sent while they are in the group
        self.tracked: dict[str, Moves] = {}
        self.by_name: dict[str, AccountRef | None] = {}  # display name -> account (None: two share it)
        self.membership: list[str] = []
        # a reaction's ``date`` (in ``recent``) is the exporter's local time, with no unixtime beside it
        self.reaction_clock = ZoneClock(
            ctx, f"{ctx.zone} ({ctx.tz_source}; a reaction's 'date' has no offset and no unixtime)"
        )
        self.untimed = UntimedReactions("the export gives it no date")
        self.checks = ReactionChecks()
        self.reacted: list[ParsedItem] = []  # the reactions on the message last read, yielded after it

    def chat(self, prefix: str, js: JsonStream) -> Iterator[ParsedItem]:
        """The messages of one chat of a whole-account export, read as they stream past."""
        if js.peek() != "{":
            _, raw = js.value()
            self.ctx.warn(prefix.rstrip("."), "chat is not a JSON object; skipped", raw)
            return
        header: dict[str, Any] = {}
        kept: list[str] = []  # every key but the messages: the warning's raw text if there are none
        found = False
        for key in js.keys():
            if key == "messages":
                found = True
                yield from self.messages(prefix, header, js)
                continue
            value, text = js.value()
            kept.append(f"{json.dumps(key)}: {text}")
            if key in ("name", "type", "id"):
                header[key] = value
        if not found:
            raw = cap_raw("{" + ", ".join(kept) + "}", prefix.rstrip("."))
            self.ctx.warn(prefix + "messages", "chat has no message list", raw)

    def messages(self, prefix: str, chat: dict[str, Any], js: JsonStream) -> Iterator[ParsedItem]:
        """Every message of a chat's ``messages`` array. tdesktop lists them in the order they were sent,
        so an old export's local ``date`` in a clock change is read by that order where it decides."""
        for item in self._messages(prefix, chat, js):
            yield from self.in_chat_order.add(item)
            yield from self.reacted  # at their own times: not in the chat's order
        yield from self.in_chat_order.finish()

    def _messages(self, prefix: str, chat: dict[str, Any], js: JsonStream) -> Iterator[ParsedItem]:
        ctx = self.ctx
        if js.peek() != "[":
            _, raw = js.value()
            ctx.warn(prefix + "messages", "chat has no message list", raw)
            return
        chat_id = as_text(chat.get("id"))
        chat_name = as_text(chat.get("name"))
        label = chat_id or chat_name or prefix.rstrip(".") or "chat"
        conversation = f"telegram:{label}"
        self.conversations.append(conversation)
        if as_text(chat.get("type")) in _TWO_PARTY and chat_id:
            peer = AccountRef("telegram", f"user{chat_id}", chat_name)
            self.peers[conversation] = peer
            self.others.setdefault(conversation, {})
            ctx.add_participant(conversation, peer)
            present = self._present(conversation)
            for index, message, text in js.elements(f"{prefix}messages", MESSAGE):
                if (
                    item := self._read(prefix, index, (message, text), conversation, chat_name, present)
                ) is not None:
                    yield item
            return
        yield from self._group(prefix, conversation, chat_name, js)

    def _read(
        self,
        prefix: str,
        index: int,
        decoded: tuple[object, str],
        conversation: str,
        chat_name: str,
        present: GroupPresence | None,
    ) -> ParsedItem | None:
        """Message ``index`` of a chat (decoded, and its text) as an item (None, warned, if it is not an
        object); in a group whose members joined or left, addressed to those in it when it was sent."""
        message, raw = decoded
        locator = f"{prefix}messages[{index}]"
        if not isinstance(message, dict):
            self.ctx.warn(locator, "message is not a JSON object; skipped", raw)
            return None
        if present is not None:
            present.at(index)
        item = self.message(locator, message, conversation, chat_name, raw, present)
        self.reacted = list(self._reactions(item, message.get("reactions"), present))
        lone = lone_surrogate_escapes(raw)
        if lone:
            self.ctx.warn(
                locator,
                f"{len(lone)} lone UTF-16 surrogate escape(s) {', '.join(dict.fromkeys(lone))} (half a"
                " character each, as a cut emoji leaves) shown as U+FFFD; the raw text keeps the escapes",
                raw,
            )
        return item

    def _group(self, prefix: str, conversation: str, chat_name: str, js: JsonStream) -> Iterator[ParsedItem]:
        """A group's messages: decoded once, noting names and joins and leaves as they pass; then, who was
        in the group when known, made into items. The decoded messages wait in an unnamed file in the add's
        working folder meanwhile (as ``marshal`` data, which reads back quicker than JSON), so memory does
        not grow with the chat.
        (Holding them a thousand to a record was slower: the collector then walks every held object.)"""
        moves: list[tuple[int, str, list[tuple[str, AccountRef | None]], str]] = []
        with tempfile.TemporaryFile(dir=self.ctx.workdir, buffering=_SPILL_BUFFER) as spill:
            count = 0
            for index, message, text in js.elements(f"{prefix}messages", MESSAGE):
                # with its index: after damage read past (``add --accept-partial``) they skip some
                data = marshal.dumps((index, message, text))
                spill.write(len(data).to_bytes(8, "little") + data)
                count += 1
                if isinstance(message, dict):
                    self._names(message)
                    if "action" in message and (found := _moves(message)):
                        moves.append((index, *found, text))
            self._track(prefix, conversation, moves)
            present = self._present(conversation)
            spill.seek(0)
            for _ in range(count):  # marshal.load on a file reads in small pieces: slow
                index, message, text = marshal.loads(spill.read(int.from_bytes(spill.read(8), "little")))
                if (
                    item := self._read(prefix, index, (message, text), conversation, chat_name, present)
                ) is not None:
                    yield item

    def _present(self, conversation: str) -> GroupPresence | None:
        """The walk of a conversation's members who joined or left, if any (also, as in v6, for a later
        chat of the export with the same id and no moves of its own)."""
        tracked = self.tracked.get(conversation)
        return GroupPresence(tracked) if tracked else None

    def _names(self, message: dict[str, Any]) -> None:
        """Note the accounts a message shows by name (its author or actor), to resolve ``members``."""
        for name_key, id_key in (("from", "from_id"), ("actor", "actor_id")):
            name, ident = message.get(name_key), message.get(id_key)
            if not isinstance(name, str) or not name or ident is None:
                continue
            known = self.by_name.get(name, _UNSEEN)
            if known is _UNSEEN:
                self.by_name[name] = AccountRef("telegram", as_text(ident), name)
            elif known is not None and known.native_id != as_text(ident):
                self.by_name[name] = None  # two accounts show this name

    def _track(
        self,
        prefix: str,
        conversation: str,
        moves: list[tuple[int, str, list[tuple[str, AccountRef | None]], str]],
    ) -> None:
        """Turn a group's join and leave messages into each account's moves; warn of a name that
        matches no account (or two)."""
        if not moves:
            return
        if self.owner is not None:
            self.by_name.setdefault(self.owner.display_name, self.owner)
        tracked: Moves = {}
        for index, action, named, raw in moves:
            for name, account in named:
                joined = action not in _LEFT_BY_NAME
                found = account or self.by_name.get(name)
                if found is None:
                    why = (
                        "two accounts in this export show that name"
                        if name in self.by_name
                        else "who neither wrote nor acted in this chat, so no account is known for the name"
                    )
                    self.ctx.warn(
                        f"{prefix}messages[{index}]",
                        f"{action} names {name!r}, {why}; not counted as a member",
                        raw,
                    )
                    continue
                tracked.setdefault(found.key, (found, []))[1].append((index, joined))
        self.tracked[conversation] = tracked
        self.membership.append(f"{conversation} ({len(moves)} join and leave service messages)")

    def member(self, conversation: str, account: AccountRef, locator: str, raw: str) -> None:
        """Note an author or actor: a member of a group; in a two-party chat, the other party or
        (once the whole export is read) the exporter."""
        peer = self.peers.get(conversation)
        if peer is None:
            if account.key not in self.tracked.get(conversation, {}):  # else a member only while in it
                self.ctx.add_participant(conversation, account)
        elif account.key != peer.key:
            self.others[conversation].setdefault(account.key, (account, locator, raw))

    def finish(self) -> None:
        """Make the exporter a member of every chat, and say who the exporter is.

        A two-party chat's members are its other party and the exporter: ``personal_information``'s
        account, else the one author of the two-party chats who is not a chat's other party (a
        deleted account cannot have exported), else -- when she wrote nothing in them -- the export's
        owner (``telegram:owner:NAME``), since a message from the other party is addressed to her.
        """
        ctx = self.ctx
        self.untimed.warn(ctx)
        if self.membership:
            ctx.decide(
                "group_membership",
                f"{', '.join(self.membership)}: a message's recipients are the members when it was sent",
            )
        exporter = self.owner
        placeholder = False
        named = {
            key: account
            for seen in self.others.values()
            for key, (account, _, _) in seen.items()
            if account.display_name != _DELETED
        }
        if exporter is None and self.peers:
            if len(named) > 1:
                ctx.decide(
                    "account_owner",
                    f"not known: {', '.join(sorted(named))} each wrote in a personal chat of which they"
                    " are not the other party",
                )
                for conversation, seen in self.others.items():
                    for account, _, _ in seen.values():
                        ctx.add_participant(conversation, account)
                return
            if named:
                [exporter] = named.values()
                ctx.decide(
                    "account_owner",
                    f"{exporter.key} {exporter.display_name} (the exporter: the author in a personal chat"
                    " who is not its other party)",
                )
                ctx.owner_account = exporter
            else:
                exporter, placeholder = owner_account("telegram", ctx), True
                ctx.decide(
                    "account_owner",
                    f"{exporter.key} (the exporter: the other party of a personal chat, who wrote nothing"
                    " in it; the export does not give the account's id)",
                )
        if exporter is None:
            return
        for conversation in self.conversations:
            if exporter.key in self.tracked.get(conversation, {}):  # she joined or left: only while in it
                continue
            if conversation in self.peers or not placeholder:  # her id in a group is not known
                ctx.add_participant(conversation, exporter)
        for conversation, seen in self.others.items():
            peer = self.peers[conversation]
            for key, (account, locator, raw) in seen.items():
                if key != exporter.key:
                    ctx.warn(
                        locator,
                        f"{account.key} ({account.display_name}) wrote in the personal chat with"
                        f" {peer.key} but is neither of its two parties ({peer.key} and the exporter"
                        f" {exporter.key}); kept as the author of its messages, not as a member",
                        raw,
                    )

    def message(
        self,
        locator: str,
        msg: dict[str, Any],
        conversation: str,
        chat_name: str,
        raw: str,
        present: GroupPresence | None,
    ) -> ParsedItem:
        """A message object as an item; ``present``, in a group whose members joined or left, says who
        receives it (those tracked who are in the group, as the other members are the conversation's)."""
        ctx = self.ctx
        details: dict[str, str] = {"chat": chat_name} if chat_name else {}
        if msg.get("id") is not None:
            details["id"] = as_text(msg["id"])
        sent_raw, sent_utc, tz_source, tz_name = self._time(locator, msg, raw)
        kind_field = msg.get("type")
        text, links = telegram_text(msg.get("text", ""))
        if links:
            details["links"] = " ".join(links)
        if kind_field == "unsupported":
            return ParsedItem(
                locator, "system", raw, "(message type not supported by the export)", sent_raw,
                sent_utc, tz_source, tz_name, None, (), conversation, (), False, False, True, details,
            )  # fmt: skip
        if kind_field == "service":
            actor = self._account(msg.get("actor"), msg.get("actor_id"), details)
            action = as_text(msg.get("action")) or "service"
            extras = [f"{k}={as_text(msg[k])}" for k in _SERVICE_KEYS if msg.get(k) not in (None, "")]
            details["action"] = action
            body = text or " ".join([action, *extras])
            kind = "call" if action in _CALL_ACTIONS else "system"
            if actor is not None:
                self.member(conversation, actor, locator, raw)
            recipients = present.others(actor) if present is not None and kind in RECEIVED_KINDS else ()
            return ParsedItem(
                locator, kind, raw, body, sent_raw, sent_utc, tz_source, tz_name, actor, recipients,
                conversation, (), False, False, kind == "system", details,
            )  # fmt: skip
        if kind_field != "message":
            ctx.warn(locator, f"unknown message type {as_text(kind_field)!r}; kept as a message", raw)
        author = self._account(msg.get("from"), msg.get("from_id"), details)
        if author is not None:
            self.member(conversation, author, locator, raw)
        edited = "edited" in msg or "edited_unixtime" in msg
        if edited:
            details["edited"] = as_text(msg.get("edited") or msg.get("edited_unixtime"))
            edited_utc = epoch_to_iso(msg.get("edited_unixtime"))
            if edited_utc is None and isinstance(msg.get("edited"), str):
                edited_utc = self._edit_time(msg["edited"], locator, raw)
            if edited_utc:
                details["edited_utc"] = edited_utc
        for key, name in (("forwarded_from", "forwarded_from"), ("reply_to_message_id", "reply_to"),
                          ("via_bot", "via_bot"), ("media_type", "media_type"),
                          ("sticker_emoji", "sticker_emoji"), ("duration_seconds", "duration_seconds"),
                          ("saved_from", "saved_from")):  # fmt: skip
            if msg.get(key) not in (None, ""):
                details[name] = as_text(msg[key])
        if summary := _reaction_summary(msg.get("reactions")):
            details["reactions"] = summary
        for key in ("contact_information", "poll", "game_information", "invoice_information"):
            if isinstance(msg.get(key), dict | list):
                details[key] = raw_json(msg[key])
        if isinstance(msg.get("poll"), dict):
            text = "\n\n".join(t for t in (text, poll_text(msg["poll"])) if t)
        kind = "message"
        location = msg.get("location_information")
        if isinstance(location, dict):
            kind = "location"
            lat, lon = as_text(location.get("latitude")), as_text(location.get("longitude"))
            details["latitude"], details["longitude"] = lat, lon
            live = msg.get("live_location_period_seconds")
            if live not in (None, ""):
                details["live_location_period_seconds"] = as_text(live)
            if not text:
                text = f"location {lat}, {lon}" + (f" ({live_words(as_text(live))})" if live else "")
        if msg.get("media_type") == "sticker" or msg.get("sticker_emoji") not in (None, ""):
            text += "\n\n" if text else ""
            details[STICKER_AT] = str(len(text))
            text += sticker_label(as_text(msg.get("sticker_emoji") or ""))
        attachments = self._attachments(msg, locator, raw)
        recipients = present.others(author) if present is not None else ()  # every kind here is received
        return ParsedItem(
            locator, kind, raw, text, sent_raw, sent_utc, tz_source, tz_name, author, recipients,
            conversation, attachments, False, edited, False, details or None,
        )  # fmt: skip

    def _reactions(
        self, item: ParsedItem, reactions: object, present: GroupPresence | None
    ) -> Iterator[ParsedItem]:
        """Each reaction on ``item`` that ``recent`` names (``{from, from_id, date}``) as an item of its own,
        at its ``date`` (the exporter's local time). A count beyond those named stays in the message's
        ``details.reactions``: no one is invented for it."""
        for r_index, reaction in enumerate(arr(reactions)):
            if not isinstance(reaction, dict):
                continue  # kept in the message's details.reactions as it stands
            label, raw = _reaction_label(reaction), raw_json(reaction)
            for u_index, recent in enumerate(arr(reaction.get("recent"))):
                where = f"{item.locator}.reactions[{r_index}].recent[{u_index}]"
                if not isinstance(recent, dict):
                    self.ctx.warn(where, "a reactor that is not a JSON object; not read", raw)
                    continue
                author = self._account(recent.get("from"), recent.get("from_id"), {})
                if author is not None and item.conversation:
                    self.member(item.conversation, author, where, raw)
                date = as_text(recent.get("date"))
                sent_utc = self._reaction_time(date, where, raw) if date else None
                found = reaction_item(where, raw, label, author, item, (date or None, sent_utc))
                if sent_utc is not None:
                    found = found._replace(tz_source=self.ctx.tz_source, tz_name=self.ctx.zone)
                elif date:  # a date given but not readable: warned of by _reaction_time
                    found = set_aside(found, f"its date {date!r} cannot be read")
                if present is not None:
                    found = found._replace(recipients=present.others(author))
                kept = self.checks.check(self.ctx, found, item.locator, item.sent_at_utc)
                if kept is not None:
                    self.untimed.note(kept)
                    yield kept

    def _reaction_time(self, text: str, locator: str, raw: str) -> str | None:
        """UTC of a reaction's local ``date`` (None, warned, if it is not one)."""
        try:
            local = datetime.fromisoformat(text)
        except ValueError:
            self.ctx.warn(
                locator,
                f"unreadable reaction date {text!r}: not an ISO 8601 date and time, or its offset is not"
                f" within ±24 hours; {SET_ASIDE}",
                raw,
            )
            return None
        if local.tzinfo is not None:
            utc = epoch_to_iso(int(local.timestamp()))
            if utc is None:
                self.ctx.warn(
                    locator,
                    f"reaction date {text!r} (year {local.year}) cannot be a Telegram reaction's time: in UTC"
                    f" it falls before 1970 or after 9999; {SET_ASIDE}",
                    raw,
                )
            return utc
        return self.reaction_clock.to_utc(local, locator, raw)

    def _account(self, name: object, ident: object, details: dict[str, str]) -> AccountRef | None:
        shown = as_text(name)
        native = as_text(ident)
        if name is None and ident is not None:
            details["deleted_account"] = "true"
            shown = _DELETED
        if native:
            return AccountRef("telegram", native, shown or native)
        if shown:
            return AccountRef("telegram", shown, shown)
        return None

    def _attachments(self, msg: dict[str, Any], locator: str, raw: str) -> tuple[ParsedAttachment, ...]:
        found: list[ParsedAttachment] = []
        for key in ("photo", "file"):
            value = msg.get(key)
            if value is None:
                continue
            path = as_text(value)
            skipped = next((why for start, why in _SKIPPED.items() if path.startswith(start)), None)
            if skipped is not None or not path:
                label = as_text(msg.get("media_type")) or key
                found.append(ParsedAttachment(f"{label} (not included in the export{skipped or ''})",
                                              None, as_text(msg.get("mime_type"))))  # fmt: skip
                continue
            member = self.base + (path[2:] if path.startswith("./") else path)
            mime = as_text(msg.get("mime_type")) or mime_for(path)
            found.append(ParsedAttachment(path, member if member in self.members else None, mime))
        return tuple(found)

    def _time(
        self, locator: str, msg: dict[str, Any], raw: str
    ) -> tuple[str | None, str | None, str, str | None]:
        ctx = self.ctx
        date_raw = msg.get("date")
        unix = msg.get("date_unixtime")
        if unix is not None:
            iso = epoch_to_iso(unix)
            if iso is not None:
                self._note_offset(date_raw, iso)
                return as_text(date_raw) if date_raw else as_text(unix), iso, "platform", "UTC"
            ctx.warn(locator, f"unreadable date_unixtime {as_text(unix)!r}; read 'date' instead", raw)
        if date_raw is None:
            if msg.get("type") != "unsupported":
                ctx.warn(locator, "message has no date; kept without a time", raw)
            return None, None, ctx.tz_source, None
        text = as_text(date_raw)
        try:
            local = datetime.fromisoformat(text)
        except ValueError:
            ctx.warn(locator, f"unreadable date {text!r}; message kept without a time", raw)
            return text, None, ctx.tz_source, None
        if local.tzinfo is not None:
            return text, epoch_to_iso(int(local.timestamp())), "platform", None
        return text, self.clock.to_utc(local, locator, raw, self.in_chat_order), ctx.tz_source, ctx.zone

    def _edit_time(self, text: str, locator: str, raw: str) -> str | None:
        """UTC of an old export's ``edited``: local wall-clock time like its ``date``."""
        try:
            local = datetime.fromisoformat(text)
        except ValueError:
            return None
        if local.tzinfo is not None:
            return epoch_to_iso(int(local.timestamp()))
        return self.clock.to_utc(local, locator, raw)

    def _note_offset(self, date_raw: object, iso: str) -> None:
        if self.offset_noted or not isinstance(date_raw, str):
            return
        try:
            local = datetime.fromisoformat(date_raw)
            utc = datetime.fromisoformat(iso.replace("Z", ""))
        except ValueError:
            return
        self.offset_noted = True
        minutes = round((local - utc).total_seconds() / 60)
        sign = "+" if minutes >= 0 else "-"
        minutes = abs(minutes)
        self.ctx.decide(
            "exporter_offset",
            f"{sign}{minutes // 60:02d}:{minutes % 60:02d} (first 'date' against its date_unixtime;"
            " times read from date_unixtime, UTC)",
        )


def _reaction_label(reaction: dict[str, Any]) -> str:
    """A reaction as its text: the emoji, ``custom emoji <document_id>``, or ``paid`` (Telegram Stars)."""
    kind = as_text(reaction.get("type"))
    if kind == "custom_emoji":
        return f"custom emoji {as_text(reaction.get('document_id'))}"
    return as_text(reaction.get("emoji")) or kind or "reaction"


def _reaction_summary(reactions: object) -> str:
    """``👍 x3 (1 named)``; ... : each reaction's count and how many of them ``recent`` names."""
    parts = []
    for reaction in arr(reactions):
        if not isinstance(reaction, dict):
            parts.append(as_text(reaction))
            continue
        named = len(arr(reaction.get("recent")))
        parts.append(f"{_reaction_label(reaction)} x{as_text(reaction.get('count'))} ({named} named)")
    return "; ".join(parts)


UNTIL_STOPPED = 0x7FFFFFFF  # Telegram's period for a live location shared until its sender stops it


def live_words(seconds: str) -> str:
    """``live location for 15 minutes`` for a ``live_location_period_seconds`` of ``900``."""
    if not seconds.isdigit():
        return f"live location for {seconds!r} seconds"
    number = int(seconds)
    if number == UNTIL_STOPPED:
        return "live location until stopped"
    for unit, size in (("hour", 3600), ("minute", 60)):
        if number and number % size == 0:
            count = number // size
            return f"live location for {count} {unit}{'' if count == 1 else 's'}"
    return f"live location for {number} seconds"
