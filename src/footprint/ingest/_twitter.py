"""Shared reading of X/Twitter archives: the ``window.YTD`` JS wrapper, times, handles, DMs."""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from footprint.errors import ParseError
from footprint.ingest._jsonresync import Shape
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._phone import cap_raw
from footprint.ingest._reactions import SET_ASIDE, ReactionChecks, UntimedReactions, reaction_item, set_aside
from footprint.ingest._social import arr, as_text, iso_with_offset_to_utc, load_json, mime_for, raw_json
from footprint.ingest.base import ParseContext
from footprint.model import REACTION_TO_ID, AccountRef, ParsedAttachment, ParsedItem

PART = re.compile(r"^(?P<kind>[a-z_-]+?)(?:-part(?P<n>\d+))?\.js$")
_EVENT_TEXT = {
    "conversationNameUpdate": "renamed the conversation",
    "participantsJoin": "added to the conversation",
    "participantsLeave": "left the conversation",
    "joinConversation": "joined the conversation",
}
#: a DM conversation's events, each an object of one of these, for reading on after damage in a minified
#: export (``_jsonresync``)
DM_EVENT = Shape(any_of=("messageCreate", "messageDelete", "reactionCreate", *_EVENT_TEXT))


def load_js(data: bytes, source: str, member: str) -> Any:
    """The JSON array of a ``window.YTD.x.partN = [...]`` or Grailbird file: cut at the first ``[``.

    The file is never evaluated; anything before the first ``[`` is the assignment and is ignored.
    """
    start = data.find(b"[")
    if start < 0:
        raise ParseError(
            "no JSON array after the 'window.YTD…' assignment; the file may be truncated —"
            " copy the archive again from the original download",
            source=source,
            locator=member,
        )
    # Blank the assignment rather than cut it, so error positions match the file's own lines and columns.
    prefix = re.sub(rb"[^\n]", b" ", data[:start])
    return load_json(prefix + data[start:], source, member, "the archive")


def part_kind(member: str) -> tuple[str, int] | None:
    """The data kind and part number of an archive file (``tweets-part1.js`` -> ``tweets``, 1)."""
    found = PART.match(PurePosixPath(member).name)
    if not found:
        return None
    return found.group("kind").replace("_", "-"), int(found.group("n") or 0)


def expanded_links(urls: object, expanded_key: str) -> str:
    """``t.co -> expanded`` pairs of an entity list, as the archive gives them (never fetched)."""
    return " ".join(
        f"{as_text(u.get('url'))} -> {as_text(u.get(expanded_key))}" for u in arr(urls) if isinstance(u, dict)
    )


def tweet_time(value: str) -> str | None:
    """ISO UTC for ``Tue Mar 14 09:15:00 +0000 2023``, ``2013-11-06 21:05:09 +0000`` or ISO."""
    text = value.strip()
    for fmt in ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z"):
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return iso_with_offset_to_utc(moment.isoformat())
    return iso_with_offset_to_utc(text)


class Handles:
    """What we know about X accounts: handles by id, and the owner's screen-name history."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.owner: str | None = None
        self.owner_name = ""
        self.changes: list[tuple[str, str, str]] = []

    def learn(self, ident: object, screen_name: object) -> None:
        """Remember the handle of an id (first seen wins for others; the owner's comes from account.js)."""
        key, name = as_text(ident), as_text(screen_name)
        if key and name and key != self.owner:
            self.names.setdefault(key, name)

    def account(self, ident: object, at: str | None = None) -> AccountRef:
        """``x:<id>`` with the handle as display name (the owner's handle as it was at ``at``)."""
        key = as_text(ident)
        if key == self.owner and self.changes and at:
            return AccountRef("x", key, "@" + self.handle_at(at))
        name = self.names.get(key)
        return AccountRef("x", key, f"@{name}" if name else key)

    def handle_at(self, at: str) -> str:
        """The owner's handle at a UTC time, from ``screen-name-change.js``."""
        times = [c[0] for c in self.changes]
        index = bisect.bisect_right(times, at)
        if index < len(self.changes):
            return self.changes[index][1]
        return self.names.get(self.owner or "", self.changes[-1][2])


def media_member(
    media: dict[str, dict[str, str]], folder_names: tuple[str, ...], prefix: str, url: str
) -> str | None:
    """The archive member holding a tweet's or DM's media file (``<id>-<basename>``), if present."""
    base = url.rsplit("/", 1)[-1].split("?", 1)[0]
    for folder in folder_names:
        names = media.get(folder, {})
        for candidate in (f"{prefix}-{base}", base):
            if candidate in names:
                return names[candidate]
    return None


class DmReader:
    """Items from ``direct-messages*.js`` conversations (newest-first in the file; yielded oldest first)."""

    def __init__(
        self, ctx: ParseContext, handles: Handles, media: dict[str, dict[str, str]], folders: tuple[str, ...]
    ):
        self.ctx = ctx
        self.handles = handles
        self.media = media
        self.folders = folders
        self.untimed = UntimedReactions("the archive gives them no createdAt")
        self.checks = ReactionChecks()

    def conversations(self, member: str, js: JsonStream, group: bool) -> Iterator[ParsedItem]:
        """Every event of every conversation in one file, streamed one event at a time.

        Events come in the file's order (newest first); the store orders by time.
        """
        ctx = self.ctx
        js.seek_array()
        for index in js.items():
            locator = f"{member}[{index}]"
            if js.peek() != "{":
                ctx.warn(locator, "not a dmConversation with messages; skipped", js.value()[1])
                continue
            found = False
            kept: list[str] = []  # everything but the streamed messages: the warning's raw text
            for key in js.keys():
                if key != "dmConversation" or js.peek() != "{":
                    kept.append(f"{json.dumps(key)}: {js.value()[1]}")
                    continue
                conv_id = ""
                for inner in js.keys():
                    if inner == "messages" and js.peek() == "[":
                        found = True
                        events = js.elements(f"{locator}.messages", DM_EVENT)
                        yield from self._events(locator, conv_id or locator, events, group)
                        continue
                    value, text = js.value()
                    kept.append(f"{json.dumps(inner)}: {text}")
                    if inner == "conversationId":
                        conv_id = as_text(value)
            if not found:
                raw = cap_raw("{" + ", ".join(kept) + "}", locator)
                ctx.warn(locator, "not a dmConversation with messages; skipped", raw)
        js.end()

    def _events(
        self, locator: str, conv_id: str, events: Iterable[tuple[int, Any, str]], group: bool
    ) -> Iterator[ParsedItem]:
        ctx = self.ctx
        conversation = f"x:dm:{conv_id}"
        if not group and "-" in conv_id:
            for ident in conv_id.split("-"):
                ctx.add_participant(conversation, self.handles.account(ident))
        # reactionCreate events by the message they name: the file is newest first, so a reaction comes
        # before its message and waits for it (memory grows with the reactions, not the messages)
        waiting: dict[str, list[tuple[str, dict[str, Any], str]]] = {}
        for m_index, event, raw in events:
            where = f"{locator}.messages[{m_index}]"
            if not isinstance(event, dict) or len(event) != 1:
                ctx.warn(where, "not a single DM event object; skipped", raw)
                continue
            ((name, body),) = event.items()
            if not isinstance(body, dict):
                ctx.warn(where, f"{name} is not an object; skipped", raw)
                continue
            if name == "reactionCreate":
                target = as_text(body.get("messageId")) or as_text(body.get("eventId"))
                waiting.setdefault(target, []).append((where, body, raw))
                continue
            item = self._event(where, name, body, raw, conversation)
            yield item
            if name == "messageCreate":
                nested = arr(body.get("reactions"))
                yield from self._reactions(item, nested)
                read = {as_text(r.get("eventId")) for r in nested if isinstance(r, dict) and r.get("eventId")}
                for where_r, reaction, raw_r in waiting.pop(as_text(body.get("id")), []):
                    if as_text(reaction.get("eventId")) not in read:  # else already read from the message
                        yield from self._reaction(where_r, reaction, raw_r, item)
        for left in waiting.values():
            for where_r, reaction, raw_r in left:
                yield self._unanswered(where_r, reaction, raw_r, conversation)

    def _reactions(self, item: ParsedItem, reactions: object) -> Iterator[ParsedItem]:
        """Each reaction on a DM (``{senderId, reactionKey, eventId, createdAt}``) as an item of its own."""
        for index, reaction in enumerate(arr(reactions)):
            if not isinstance(reaction, dict):
                continue  # kept in the message's details.reactions as it stands
            yield from self._reaction(
                f"{item.locator}.reactions[{index}]", reaction, raw_json(reaction), item
            )

    def _reaction(
        self, where: str, reaction: dict[str, Any], raw: str, item: ParsedItem
    ) -> Iterator[ParsedItem]:
        """One reaction (``{senderId, reactionKey, eventId, createdAt}``) on the DM ``item``; none when it
        repeats one already read (``ReactionChecks``, warned)."""
        created = as_text(reaction.get("createdAt"))
        sent_utc = self._created(created, where, raw)
        author = self.handles.account(reaction.get("senderId"), sent_utc or item.sent_at_utc)
        if item.conversation:
            self.ctx.add_participant(item.conversation, author)
        emoji = as_text(reaction.get("reactionKey"))  # X names it ("angry"), as the archive does
        found = reaction_item(where, raw, emoji, author, item, (created or None, sent_utc))
        if created and sent_utc is None:
            found = set_aside(found, f"its createdAt {created!r} cannot be read")
        kept = self.checks.check(self.ctx, found, item.locator, item.sent_at_utc)
        if kept is not None:
            self.untimed.note(kept)
            yield kept

    def _created(self, created: str, where: str, raw: str) -> str | None:
        """ISO UTC of a reaction's ``createdAt`` (None, warned, when one is given but cannot be read)."""
        sent_utc = iso_with_offset_to_utc(created) if created else None
        if created and sent_utc is None:
            self.ctx.warn(
                where,
                f"unreadable reaction createdAt {created!r}: not an ISO 8601 time with an offset between"
                f" 1970 and 9999; {SET_ASIDE}",
                raw,
            )
        return sent_utc

    def _unanswered(self, where: str, reaction: dict[str, Any], raw: str, conversation: str) -> ParsedItem:
        """A ``reactionCreate`` whose message the conversation does not hold: the account's reaction at its
        own time, answering no item (warned)."""
        target = as_text(reaction.get("messageId")) or as_text(reaction.get("eventId"))
        self.ctx.warn(
            where,
            f"reactionCreate names message {target!r}, which this conversation does not hold; kept as a"
            f" reaction answering no message, {SET_ASIDE}",
            raw,
        )
        created = as_text(reaction.get("createdAt"))
        sent_utc = iso_with_offset_to_utc(created) if created else None
        author = self.handles.account(reaction.get("senderId"), sent_utc)
        self.ctx.add_participant(conversation, author)
        found = ParsedItem(
            where, "reaction", raw, as_text(reaction.get("reactionKey")), created or None, sent_utc,
            "platform", "UTC", author, (), conversation, details={REACTION_TO_ID: target} if target else None,
        )  # fmt: skip
        return set_aside(found, "the message it reacts to is not in the conversation")

    def _event(self, where: str, name: str, body: dict[str, Any], raw: str, conversation: str) -> ParsedItem:
        ctx = self.ctx
        created = as_text(body.get("createdAt"))
        sent_utc = iso_with_offset_to_utc(created) if created else None
        if sent_utc is None:
            ctx.warn(where, f"unreadable createdAt {created!r}; kept without a time", raw)
        details: dict[str, str] = {"event": name}
        if name in ("messageCreate", "messageDelete") or "senderId" in body:
            author = self.handles.account(body.get("senderId"), sent_utc)
            ctx.add_participant(conversation, author)
            if body.get("recipientId") is not None:
                ctx.add_participant(conversation, self.handles.account(body["recipientId"]))
            if body.get("id") is not None:
                details["id"] = as_text(body["id"])
            text = html.unescape(as_text(body.get("text")))
            if urls := expanded_links(body.get("urls"), "expanded"):
                details["urls"] = urls
            reactions = [r for r in arr(body.get("reactions")) if isinstance(r, dict)]
            if reactions:
                details["reactions"] = "; ".join(
                    f"{as_text(r.get('reactionKey'))} by {self.handles.account(r.get('senderId')).key}"
                    f" at {as_text(r.get('createdAt'))}"
                    for r in reactions
                )
            edits = body.get("editHistory")
            if isinstance(edits, list) and edits:
                details["edit_history"] = raw_json(edits)
            attachments = tuple(
                ParsedAttachment(
                    as_text(url).rsplit("/", 1)[-1],
                    media_member(self.media, self.folders, details.get("id", ""), as_text(url)),
                    mime_for(as_text(url)),
                )
                for url in arr(body.get("mediaUrls"))
            )
            kind = "message" if name == "messageCreate" else "system"
            return ParsedItem(
                where, kind, raw, text, created or None, sent_utc, "platform", "UTC", author, (),
                conversation, attachments, name == "messageDelete", bool(edits), kind == "system", details,
            )  # fmt: skip
        actor_id = body.get("initiatingUserId") or body.get("userId")
        actor = self.handles.account(actor_id, sent_utc) if actor_id is not None else None
        users = [as_text(u) for u in (arr(body.get("userIds")) or arr(body.get("participantsSnapshot")))]
        for ident in users:
            ctx.add_participant(conversation, self.handles.account(ident))
        if actor is not None:
            ctx.add_participant(conversation, actor)
        text = _EVENT_TEXT.get(name, name)
        if name == "conversationNameUpdate":
            text = f"renamed the conversation to {as_text(body.get('name'))!r}"
            details["name"] = as_text(body.get("name"))
        if users:
            accounts = " ".join(self.handles.account(u).key for u in users)
            details["users"] = accounts
            text = f"{text}: {accounts}"
        return ParsedItem(
            where, "system", raw, text, created or None, sent_utc, "platform", "UTC", actor, (),
            conversation, (), False, False, True, details,
        )  # fmt: skip
