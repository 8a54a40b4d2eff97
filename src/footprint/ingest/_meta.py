"""Shared reading of Meta "Download your information" messages: legacy DYI JSON and the E2EE export."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any

from footprint.ingest._jsonresync import Shape
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._reactions import UntimedReactions, reaction_item
from footprint.ingest._social import arr, as_text, epoch_to_iso, mime_for, raw_json
from footprint.ingest.base import ParseContext
from footprint.model import PLACEHOLDER, AccountRef, ParsedAttachment, ParsedItem

MESSAGE_FILE = re.compile(r"(?:^|/)message_(\d+)\.json$")
MEDIA_KEYS = ("photos", "videos", "audio_files", "gifs", "files")
FAILED_MEDIA = "Failed to download media"
# Each export's names for a message's millisecond timestamp, sender's name and text.
_LEGACY_KEYS = ("timestamp_ms", "sender_name", "content")
_E2EE_KEYS = ("timestamp", "senderName", "text")
#: what every E2EE message has, for reading on after damage in a minified export (``_jsonresync``)
E2EE_MESSAGE = Shape(keys=("senderName", "timestamp"))
#: what every message of a legacy ``message_N.json`` page has, for reading on after damage in it
LEGACY_MESSAGE = Shape(keys=("sender_name", "timestamp_ms"))
#: Meta's line for a like on a message (which message, it does not say): a ``reaction`` by its sender to
#: the conversation's other members, so that it counts as contact
LIKED = "Liked a message"
#: Meta's line for an emoji reaction on the exporter's message ("Reacted ❤ to your message", or after the
#: sender's name): a ``reaction`` by its sender, its text the emoji, as a reaction in ``reactions`` is kept
_REACTED = re.compile(r"^(?:(?P<who>.{1,80}) reacted|Reacted) (?P<emoji>.{1,16}) to your message\s*$")


def reacted(text: str, sender: str) -> str | None:
    """The emoji of Meta's line for a reaction by ``sender`` ("Reacted ❤ to your message", "Ben reacted ❤
    to your message"), or None when ``text`` is not one or names someone else as reacting."""
    found = _REACTED.match(text)
    if found is None or found["who"] not in (None, sender, sender.split(" ", 1)[0]):
        return None
    return found["emoji"]


# Meta's own sentences in a message's text, after the sender's name, first name or "You" ->
# what ``details["placeholder"]`` calls them (the words are Meta's, not the sender's)
_PLACEHOLDERS = {
    " unsent a message.": "unsent",
    " sent an attachment.": "attachment",
    " sent a link.": "link",
}


def placeholder(text: str, sender: str) -> str | None:
    """Which of Meta's own sentences ``text`` is ("Alex unsent a message."), or None for a person's words."""
    for tail, name in _PLACEHOLDERS.items():
        if text.endswith(tail):
            who = text[: -len(tail)]
            if who and who in ("You", sender, sender.split(" ", 1)[0]):
                return name
    return None


# pre-2024 pages' ``type`` for group membership changes (joined or added / left or removed)
_MEMBERSHIP_TYPES = ("Subscribe", "Unsubscribe")


def fix_mojibake(text: str) -> tuple[str, bool]:
    """Undo Meta's UTF-8-read-as-Latin-1 escaping of one string; say whether it changed.

    A string with a character above U+00FF (Chatistics #65), or whose Latin-1 bytes are not
    UTF-8, was not mis-encoded: it is returned unchanged.
    """
    if text.isascii():
        return text, False
    try:
        fixed = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, False
    return fixed, fixed != text


def deep_fix(value: Any, counts: list[int]) -> Any:
    """Repair every string in a JSON value; ``counts`` gains [repaired, left as they were]."""
    if isinstance(value, str):
        fixed, changed = fix_mojibake(value)
        if changed:
            counts[0] += 1
        elif not value.isascii():
            counts[1] += 1
        return fixed
    if isinstance(value, list):
        return [deep_fix(v, counts) for v in value]
    if isinstance(value, dict):
        return {k: deep_fix(v, counts) for k, v in value.items()}
    return value


def is_legacy_thread(data: object) -> bool:
    """A legacy DYI thread: ``messages`` of objects with ``sender_name``/``timestamp_ms``."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return False
    return "participants" in data or any(
        isinstance(m, dict) and "timestamp_ms" in m for m in data["messages"][:5]
    ) or not data["messages"]  # fmt: skip


def is_e2ee_thread(data: object) -> bool:
    """An E2EE secure-storage thread: camelCase ``senderName``/``timestamp`` or ``threadName``."""
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        return False
    return "threadName" in data or any(
        isinstance(m, dict) and "senderName" in m for m in data["messages"][:5]
    )


def thread_key(names: list[str]) -> tuple[str, ...]:
    """Participants as a sorted tuple, used to find the same thread in both exports."""
    return tuple(sorted({n.strip() for n in names if n.strip()}))


class MemberIndex:
    """Finds archive members from the URIs Meta writes (relative to the DYI root or the thread)."""

    def __init__(self, members: list[str]) -> None:
        self.members = set(members)
        self.by_name: dict[str, list[str]] = {}
        for member in members:
            self.by_name.setdefault(PurePosixPath(member).name, []).append(member)

    def find(self, uri: str, folder: str = "") -> str | None:
        """The member a URI names, or ``None`` when the file is not in the archive."""
        if not uri or "://" in uri:
            return None
        clean = uri[2:] if uri.startswith("./") else uri.lstrip("/")
        for candidate in (clean, f"{folder}/{clean}" if folder else clean):
            if candidate in self.members:
                return candidate
        for member in self.by_name.get(PurePosixPath(clean).name, []):
            if member.endswith("/" + clean):
                return member
        return None


class MetaReader:
    """Turns Meta thread JSON into items and merges the two exports of one thread."""

    def __init__(self, ctx: ParseContext, platform: str, index: MemberIndex | None) -> None:
        self.ctx = ctx
        self.platform = platform
        self.index = index
        self.threads: dict[tuple[str, ...], str] = {}
        self.seen: dict[str, dict[tuple[str, str, str], tuple[str, str]]] = {}
        self.mojibake = [0, 0]
        self.duplicates = 0
        self.merge_keys: set[tuple[str, ...]] | None = None
        self.tracked: set[str] = set()
        self.untimed = UntimedReactions("Messenger's exports record none, Instagram's not always")

    def account(self, name: str) -> AccountRef:
        """The account for a name as Meta shows it (the export gives names, not ids)."""
        return AccountRef(self.platform, name, name)

    def conversation_for(self, names: list[str], label: str) -> str:
        """The conversation for a thread, shared by both exports when the participants match."""
        key = thread_key(names)
        if key and key in self.threads:
            return self.threads[key]
        conversation = f"{self.platform}:{label}"
        if self.merge_keys is None or key in self.merge_keys:
            self.tracked.add(conversation)
        if key:
            self.threads[key] = conversation
        for name in key:
            self.ctx.add_participant(conversation, self.account(name))
        return conversation

    def legacy_thread(
        self, pages: list[str], load: Callable[[str], dict[str, Any] | None], fallback: str
    ) -> Iterator[ParsedItem]:
        """Items of a legacy thread from its ``message_N.json`` pages, oldest page first.

        Pages are loaded one at a time (Meta caps a page at about 10,000 messages), and each
        page's newest-first messages are yielded oldest first.
        """
        conversation: str | None = None
        for where in sorted(pages, key=lambda p: (-_page_number(p), p)):
            data = load(where)
            if data is None:
                continue
            if conversation is None:
                names = [
                    fix_mojibake(as_text(part.get("name")))[0]
                    for part in arr(data.get("participants"))
                    if isinstance(part, dict)
                ]
                conversation = self.conversation_for(names, thread_label(data, fallback))
            folder = PurePosixPath(where).parent.as_posix() if where else ""
            messages = data["messages"]
            title = fix_mojibake(as_text(data.get("title")))[0]
            for index, original, raw in reversed(messages):
                locator = f"{where}[{index}]" if where else f"messages[{index}]"
                if not isinstance(original, dict):
                    self.ctx.warn(locator, "message is not a JSON object; skipped", raw)
                    continue
                item = self._legacy(locator, original, raw, conversation, folder, title)
                if item is not None:
                    yield item
                    yield from self._reaction_items(item, original.get("reactions"))
            del data, messages

    def _legacy(
        self, locator: str, original: dict[str, Any], raw: str, conversation: str, folder: str, title: str
    ) -> ParsedItem | None:
        msg = deep_fix(original, self.mojibake)
        details: dict[str, str] = {"thread": title} if title else {}
        if (head := self._head(msg, _LEGACY_KEYS, "legacy", conversation, locator, raw)) is None:
            return None
        sent_raw, sent_utc, author, text = head
        if raw_json(original) != raw_json(msg):
            details["mojibake"] = "repaired"
        kind = "message"
        if "call_duration" in msg:
            kind = "call"
            details["call_duration"] = as_text(msg["call_duration"])
        elif text == LIKED:
            kind = "reaction"
        elif (emoji := reacted(text, author.display_name if author else "")) is not None:
            kind, text = "reaction", emoji  # the line stays in ``raw``
        elif _REACTED.match(text):  # another's reaction in the sender's message: Meta's line, kept as such
            kind = "system"
        elif msg.get("type") in _MEMBERSHIP_TYPES:
            kind = "system"
            details["type"] = as_text(msg["type"])
            users = [as_text(u.get("name")) for u in arr(msg.get("users")) if isinstance(u, dict)]
            if users:
                details["users"] = "; ".join(users)
        deleted = msg.get("is_unsent") is True
        if deleted:
            details["unsent"] = "true"
        if (stand_in := placeholder(text, author.display_name if author else "")) is not None:
            details[PLACEHOLDER] = stand_in
        attachments: list[ParsedAttachment] = []
        for key in MEDIA_KEYS:
            for media in arr(msg.get(key)):
                if isinstance(media, dict):
                    attachments.append(self._attachment(as_text(media.get("uri")), folder))
        sticker = msg.get("sticker")
        if isinstance(sticker, dict) and sticker.get("uri"):
            attachments.append(self._attachment(as_text(sticker["uri"]), folder))
        share = msg.get("share")
        if isinstance(share, dict):
            for key in ("link", "share_text", "original_content_owner"):
                if share.get(key):
                    details[f"share_{key}"] = as_text(share[key])
        reactions = msg.get("reactions")
        if isinstance(reactions, list) and reactions:
            details["reactions"] = _reactions(reactions)
        return ParsedItem(
            locator, kind, raw, text, sent_raw, sent_utc, "platform", "UTC", author, (),
            conversation, tuple(attachments), deleted, False, kind == "system", details or None,
        )  # fmt: skip

    def e2ee_thread(self, where: str, data: dict[str, Any], label: str) -> Iterator[ParsedItem]:
        """Items of an end-to-end-encrypted thread export already loaded (proper UTF-8, camelCase)."""
        messages = ((i, m, raw_json(m)) for i, m in enumerate(arr(data.get("messages"))))
        yield from self.e2ee_messages(where, data, label, messages)

    def e2ee_stream(self, js: JsonStream, where: str, fallback: str) -> Iterator[ParsedItem]:
        """Items of an E2EE thread read from a stream, one message at a time (bounded memory)."""
        if js.peek() != "{":
            raise js.error("the E2EE thread is not a JSON object")
        head: dict[str, Any] = {}
        found = False
        for key in js.keys():
            if key in ("participants", "threadName"):
                head[key] = js.value()[0]
            elif key == "messages" and js.peek() == "[":
                found = True
                label = as_text(head.get("threadName")) or fallback
                messages = js.elements(where or "messages", E2EE_MESSAGE)
                yield from self.e2ee_messages(where, head, label, messages)
            else:
                js.skip()
        js.end()
        if not found:
            raise js.error("no 'messages' list of senderName/timestamp objects")

    def e2ee_messages(
        self, where: str, head: dict[str, Any], label: str, messages: Iterable[tuple[int, Any, str]]
    ) -> Iterator[ParsedItem]:
        """Items of an E2EE thread from its messages (index, object, original text)."""
        names = [as_text(p) for p in arr(head.get("participants")) if isinstance(p, str)]
        conversation = self.conversation_for(names, label)
        folder = PurePosixPath(where).parent.as_posix() if where else ""
        title = as_text(head.get("threadName"))
        for index, msg, raw in messages:
            locator = f"{where}[{index}]" if where else f"messages[{index}]"
            if not isinstance(msg, dict):
                self.ctx.warn(locator, "message is not a JSON object; skipped", raw)
                continue
            item = self._e2ee(locator, msg, raw, conversation, folder, title)
            if item is not None:
                yield item
                yield from self._reaction_items(item, msg.get("reactions"))

    def _e2ee(
        self, locator: str, msg: dict[str, Any], raw: str, conversation: str, folder: str, title: str
    ) -> ParsedItem | None:
        if (head := self._head(msg, _E2EE_KEYS, "e2ee", conversation, locator, raw)) is None:
            return None
        sent_raw, sent_utc, author, text = head
        details: dict[str, str] = {"thread": title, "export": "e2ee"} if title else {"export": "e2ee"}
        mtype = as_text(msg.get("type"))
        if mtype:
            details["type"] = mtype
        deleted = msg.get("isUnsent") is True
        if deleted:
            details["unsent"] = "true"
        attachments = []
        for media in arr(msg.get("media")):
            uri = as_text(media.get("uri")) if isinstance(media, dict) else as_text(media)
            if uri == FAILED_MEDIA:
                attachments.append(ParsedAttachment("media (failed to download in the export)"))
            else:
                attachments.append(self._attachment(uri, folder))
        reactions = msg.get("reactions")
        if isinstance(reactions, list) and reactions:
            details["reactions"] = _reactions(reactions)
        kind = "system" if mtype == "placeholder" and not deleted else "message"
        return ParsedItem(
            locator, kind, raw, text, sent_raw, sent_utc, "platform", "UTC", author, (),
            conversation, tuple(attachments), deleted, False, kind == "system", details,
        )  # fmt: skip

    def _reaction_items(self, item: ParsedItem, reactions: object) -> Iterator[ParsedItem]:
        """Each reaction on ``item`` as an item of its own (``{reaction, actor}``, Instagram's with a
        ``timestamp`` in seconds); ``reactions`` as exported (the legacy export's still mis-encoded)."""
        for index, reaction in enumerate(arr(reactions)):
            if not isinstance(reaction, dict):
                continue  # kept in the message's details.reactions as it stands
            actor = fix_mojibake(as_text(reaction.get("actor")))[0]
            author = self.account(actor) if actor else None
            if author is not None and item.conversation:
                self.ctx.add_participant(item.conversation, author)
            stamp = reaction.get("timestamp")
            found = reaction_item(
                f"{item.locator}.reactions[{index}]",
                raw_json(reaction),
                fix_mojibake(as_text(reaction.get("reaction")))[0],
                author,
                item,
                (as_text(stamp) or None, epoch_to_iso(stamp)),
            )
            self.untimed.note(found)
            yield found

    def _head(
        self,
        msg: dict[str, Any],
        keys: tuple[str, str, str],
        export: str,
        conversation: str,
        locator: str,
        raw: str,
    ) -> tuple[str | None, str | None, AccountRef | None, str] | None:
        """Raw time, UTC time, author and text of a message, read under its export's ``keys``.

        The author joins the conversation's participants; ``None`` means the thread's other
        export already gave this message (it is kept once).
        """
        stamp_key, sender_key, text_key = keys
        stamp = msg.get(stamp_key)
        sent_utc = epoch_to_iso(stamp, 1000)
        if sent_utc is None:
            self.ctx.warn(locator, f"unreadable {stamp_key} {as_text(stamp)!r}; kept without a time", raw)
        sender = as_text(msg.get(sender_key))
        author = self.account(sender) if sender else None
        if author is not None:
            self.ctx.add_participant(conversation, author)
        text = as_text(msg.get(text_key))
        if self._duplicate(conversation, export, (sender, as_text(stamp), text), locator, raw):
            return None
        return as_text(stamp) or None, sent_utc, author, text

    def _attachment(self, uri: str, folder: str) -> ParsedAttachment:
        member = self.index.find(uri, folder) if self.index is not None else None
        name = PurePosixPath(uri).name or uri
        return ParsedAttachment(name, member, mime_for(name))

    def _duplicate(
        self, conversation: str, export: str, key: tuple[str, str, str], locator: str, raw: str
    ) -> bool:
        if conversation not in self.tracked:
            return False
        seen = self.seen.setdefault(conversation, {})
        first = seen.get(key)
        if first is None or first[1] == export:
            seen.setdefault(key, (locator, export))
            return False
        self.duplicates += 1
        self.ctx.warn(locator, f"the same message as {first[0]} (the thread's other export); kept once", raw)
        return True

    def finish(self) -> None:
        """Record how strings were repaired and how many duplicates were merged; warn of reactions
        without a time."""
        self.untimed.warn(self.ctx)
        repaired, left = self.mojibake
        if repaired or left:
            self.ctx.decide(
                "mojibake",
                f"{repaired} string(s) repaired from Meta's UTF-8-as-Latin-1 escaping;"
                f" {left} non-ASCII string(s) left as they were (not mis-encoded)",
            )
        if self.duplicates:
            self.ctx.decide("merged_duplicates", f"{self.duplicates} message(s) in both exports kept once")


def load_page(js: JsonStream, name: str) -> dict[str, Any] | None:
    """One legacy ``message_N.json`` page, its messages as (index, object, original text); ``None`` if
    not one. ``name``: the messages' locator (``member[N]``); with ``js.resume`` set, damage in a message
    is read past to the next whole one (:meth:`JsonStream.elements`), whose index is kept."""
    if js.peek() != "{":
        js.skip()
        js.end()
        return None
    page: dict[str, Any] = {}
    for key in js.keys():
        if key == "messages" and js.peek() == "[":
            page["messages"] = list(js.elements(name, LEGACY_MESSAGE))
        elif key in ("participants", "title", "thread_path"):
            page[key] = js.value()[0]
        else:
            js.skip()
    js.end()
    return page if "messages" in page else None


def thread_label(data: Any, fallback: str) -> str:
    """A thread's label: the last part of its ``thread_path``, else ``fallback``."""
    path = data.get("thread_path") if isinstance(data, dict) else None
    if isinstance(path, str) and path.strip("/"):
        return PurePosixPath(path).name
    return fallback


def _page_number(where: str) -> int:
    found = MESSAGE_FILE.search(where)
    return int(found.group(1)) if found else 1


def _reactions(reactions: list[Any]) -> str:
    parts = []
    for reaction in reactions:
        if not isinstance(reaction, dict):
            parts.append(as_text(reaction))
            continue
        when = epoch_to_iso(reaction.get("timestamp"))
        part = f"{as_text(reaction.get('reaction'))} by {as_text(reaction.get('actor'))}"
        parts.append(part + (f" at {when}" if when else ""))
    return "; ".join(parts)
