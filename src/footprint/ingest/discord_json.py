"""DiscordChatExporter (DCE) JSON: one channel's messages with authors, edits, attachments and reactions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from footprint.errors import ParseError
from footprint.ingest._jsonresync import Shape
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._reactions import UntimedReactions, reaction_item
from footprint.ingest._social import arr, as_text, iso_with_offset_to_utc, mime_for, obj, raw_json
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import resumer
from footprint.ingest.dates import ZoneClock
from footprint.ingest.group_presence import GroupPresence, Moves
from footprint.ingest.source import Source
from footprint.model import FORWARD_AT, FORWARD_OF, RECEIVED_KINDS, AccountRef, ParsedAttachment, ParsedItem

MESSAGE_TYPES = frozenset(
    {"Default", "Reply", "ThreadStarterMessage", "ChatInputCommand", "ContextMenuCommand"}
)
CALL_TYPES = frozenset({"Call"})
# a group DM's system messages that add (True) or remove (False) the accounts they mention: the author adds
# or removes someone, or (RecipientRemove naming only the author) leaves
MOVE_TYPES = {"RecipientAdd": True, "RecipientRemove": False}
_MOVE_WORD = b'"Recipient'  # what both type names begin with: one search of the file's bytes
_CHUNK = 1 << 20
#: what every message has, for reading on after damage in a minified export (``_jsonresync``): its
#: mentions, roles and attachments have an id, none a timestamp and author
MESSAGE = Shape(keys=("id", "timestamp", "author"))


def discord_account(author: object) -> AccountRef | None:
    """The account of a DCE author object (``discord:<id>``; the handle with its discriminator)."""
    if not isinstance(author, dict):
        return None
    ident = as_text(author.get("id"))
    name = as_text(author.get("name"))
    disc = as_text(author.get("discriminator"))
    handle = f"{name}#{disc}" if disc and disc not in ("0", "0000") else name
    if not ident:
        return AccountRef("discord", handle, handle) if handle else None
    return AccountRef("discord", ident, handle or ident)


def _dce_member(source: Source) -> str | None:
    found = sorted(m for m in source.members() if m.lower().endswith(".json") and "/" not in m.rstrip("/"))
    return found[0] if len(found) == 1 else None


def _looks_like(head: str) -> bool:
    text = head.lstrip("\ufeff \r\n\t")
    return text.startswith("{") and '"guild"' in text and '"channel"' in text and '"messages"' in text


@parsers.register
class DiscordJsonParser(Parser):
    """A channel exported by DiscordChatExporter as JSON (with or without --media files)."""

    name = "discord_json"
    # 6: each reaction is an item of its own (kind reaction, no time: DCE records none); a group DM's
    # recipients follow its RecipientAdd / RecipientRemove messages
    # 7: with --accept-partial, reading resumes at the next whole message after damage; 8: in a minified
    # export too
    version = 8
    description = "DiscordChatExporter JSON export of a channel (.json, or a .zip with its media folder)"
    format_name = "discord"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        found = source.sniff_text(_dce_member)
        if found is None or not _looks_like(found[1]):
            return NO
        if found[0] is not None:
            return SniffResult(0.9, f"zip holding {found[0]}")
        return SniffResult(0.95, "DCE guild/channel/messages keys")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        members: set[str] = set()
        if source.is_zip:
            member = _dce_member(source)
            if member is None:
                raise ParseError(
                    "zip holds no single DiscordChatExporter .json at its top level; add the .json directly",
                    source=source.name,
                )
            members = set(source.members())
        else:
            member = None
        moves = _group_moves(source, member, ctx)
        with source.open_member(member) if member is not None else source.open() as handle:
            js = JsonStream(handle, source.name, member, "the DiscordChatExporter file", resumer(source, ctx))
            if js.peek() != "{":
                raise ParseError(
                    "the JSON is not a DiscordChatExporter export; export again with --format Json",
                    source=source.name,
                )
            head: dict[str, Any] = {}
            found = False
            for key in js.keys():
                if key in ("guild", "channel"):
                    head[key] = obj(js.value()[0])
                elif key == "messages" and js.peek() == "[":
                    found = True
                    yield from self._messages(js, head, source, (members, moves), ctx)
                else:
                    js.skip()
            js.end()
        if not found:
            raise ParseError(
                "no 'messages' list in the JSON; export again with DiscordChatExporter --format Json",
                source=source.name,
            )

    def _messages(
        self,
        js: JsonStream,
        head: dict[str, Any],
        source: Source,
        known: tuple[set[str], Moves],
        ctx: ParseContext,
    ) -> Iterator[ParsedItem]:
        """The channel's items; in a group DM whose members were added or removed (``known``: the archive's
        files, and each account's moves), each received item goes to those in the group when it was sent."""
        members, moves = known
        channel, guild = obj(head.get("channel")), obj(head.get("guild"))
        channel_id = as_text(channel.get("id")) or PurePosixPath(source.name).stem
        conversation = f"discord:{channel_id}"
        ctx.decide(
            "channel", f"{as_text(guild.get('name'))} / #{as_text(channel.get('name'))} ({channel_id})"
        )
        clock = ZoneClock(ctx, f"{ctx.zone} ({ctx.tz_source}; timestamps without an offset)")
        kind = as_text(channel.get("type"))  # DCE: "DirectTextChat", "GuildTextChat", ...
        direct = kind.startswith("Direct") or (not kind and as_text(guild.get("id")) == "0")  # DMs' "guild"
        ctx.decide(
            "recipients",
            "every other member of the direct message (its authors)"
            if direct
            else "the accounts each message mentions: a server channel's export does not say who"
            " could read it",
        )
        presence = GroupPresence(moves) if direct and moves else None
        if presence is not None:
            _note_membership(conversation, moves, ctx)
        untimed = UntimedReactions("DiscordChatExporter records who reacted, not when")
        for index, message, raw in js.elements("messages", MESSAGE):
            locator = f"messages[{index}]"
            if not isinstance(message, dict):
                ctx.warn(locator, "message is not a JSON object; skipped", raw)
                continue
            item = self._item(locator, message, raw, (conversation, direct), members, clock, ctx, moves)
            if presence is not None:
                presence.at(index)
                if item.kind in RECEIVED_KINDS:
                    item = item._replace(recipients=presence.others(item.author))
            yield item
            if message.get("reactions"):
                for reaction in _reaction_items(item, message["reactions"], direct, ctx, moves):
                    untimed.note(reaction)
                    yield (
                        reaction
                        if presence is None
                        else reaction._replace(recipients=presence.others(reaction.author))
                    )
        untimed.warn(ctx)

    @staticmethod
    def _item(
        locator: str,
        msg: dict[str, Any],
        raw: str,
        where: tuple[str, bool],
        members: set[str],
        clock: ZoneClock,
        ctx: ParseContext,
        moves: Moves,
    ) -> ParsedItem:
        """One message of ``where`` (the conversation, and whether it is a direct message). In a direct
        message the author is a member (while in the group, when ``moves`` has an account's adds and
        removals) and the recipients are the other members; in a server channel they are whom the message
        mentions (not everyone who ever spoke there, nor who joined later)."""
        conversation, direct = where
        details: dict[str, str] = {}
        if msg.get("id") is not None:
            details["id"] = as_text(msg["id"])
        mtype = as_text(msg.get("type")) or "Default"
        details["type"] = mtype
        author = discord_account(msg.get("author"))
        if author is not None:
            if direct and author.key not in moves:
                ctx.add_participant(conversation, author)
            nickname = as_text(msg["author"].get("nickname"))
            if nickname and nickname != author.display_name:
                details["nickname"] = nickname
            if msg["author"].get("isBot") is True:
                details["bot"] = "true"
        sent_raw = as_text(msg.get("timestamp")) or None
        sent_utc, tz_source, tz_name = _read_time(sent_raw, locator, raw, clock, ctx)
        edited_raw = msg.get("timestampEdited")
        for key, name in (("timestampEdited", "edited"), ("callEndedTimestamp", "call_ended")):
            if msg.get(key):
                details[name] = as_text(msg[key])
                if utc := iso_with_offset_to_utc(details[name]):  # offset-less ones stay as written
                    details[f"{name}_utc"] = utc
        if msg.get("isPinned") is True:
            details["pinned"] = "true"
        reference = msg.get("reference")
        if isinstance(reference, dict) and reference.get("messageId"):
            forward = reference.get("type") == "Forward"  # newer DCE: a forward's source, not a reply
            details[FORWARD_OF if forward else "reply_to"] = as_text(reference["messageId"])
        reactions = msg.get("reactions")
        if isinstance(reactions, list) and reactions:
            details["reactions"] = "; ".join(_reaction(r) for r in reactions)
        mentions = msg.get("mentions")
        mentioned: list[AccountRef] = []
        if isinstance(mentions, list) and mentions:
            mentioned = [a for m in mentions if (a := discord_account(m)) is not None]
            details["mentions"] = " ".join(a.key for a in mentioned)
        addressed = {a.key: a for a in mentioned if author is None or a.key != author.key}
        recipients = () if direct else tuple(addressed.values())
        for key in ("embeds", "stickers"):
            if isinstance(msg.get(key), list) and msg[key]:
                details[key] = raw_json(msg[key])
        attachments: list[ParsedAttachment] = []
        urls: list[str] = []
        _attachments(msg.get("attachments"), members, attachments, urls, locator, raw, ctx)
        text = as_text(msg.get("content"))
        forwarded = msg.get("forwardedMessage")  # a forward: its own text and files, the outer content empty
        if isinstance(forwarded, dict):
            details["forwarded_sent_at"] = as_text(forwarded.get("timestamp"))
            details.setdefault(FORWARD_OF, "")
            details[FORWARD_AT] = str(len(text) + 1 if text else 0)  # the forwarder's comment comes first
            text = "\n".join(t for t in (text, as_text(forwarded.get("content"))) if t)
            _attachments(forwarded.get("attachments"), members, attachments, urls, locator, raw, ctx)
        if urls:
            details["attachment_urls"] = " ".join(urls)
        kind = "message" if mtype in MESSAGE_TYPES else "call" if mtype in CALL_TYPES else "system"
        return ParsedItem(
            locator, kind, raw, text, sent_raw, sent_utc, tz_source, tz_name,
            author, recipients, conversation, tuple(attachments), False, bool(edited_raw), kind == "system",
            details,
        )  # fmt: skip


def _attachments(
    listed: object,
    members: set[str],
    attachments: list[ParsedAttachment],
    urls: list[str],
    locator: str,
    raw: str,
    ctx: ParseContext,
) -> None:
    """Adds a DCE ``attachments`` list's files (and their URLs) to those of the item."""
    if listed is not None and not isinstance(listed, list):
        ctx.warn(locator, "attachments is not a list; kept in the raw record only", raw)
    for att in listed if isinstance(listed, list) else []:
        if not isinstance(att, dict):
            ctx.warn(locator, "attachment is not a JSON object; kept in the raw record only", raw)
            continue
        url = as_text(att.get("url"))
        name = as_text(att.get("fileName")) or url.rsplit("/", 1)[-1]
        urls.append(url)
        attachments.append(ParsedAttachment(name, url if url in members else None, mime_for(name)))


def _reaction(reaction: object) -> str:
    if not isinstance(reaction, dict):
        return as_text(reaction)
    emoji = reaction.get("emoji")
    name = as_text(emoji.get("name")) if isinstance(emoji, dict) else as_text(emoji)
    listed = reaction.get("users")
    users: list[Any] = listed if isinstance(listed, list) else []
    who = ", ".join(a.key for u in users if (a := discord_account(u)) is not None)
    return f"{name} x{as_text(reaction.get('count'))}" + (f" ({who})" if who else "")


def _reaction_items(
    item: ParsedItem, reactions: object, direct: bool, ctx: ParseContext, moves: Moves
) -> Iterator[ParsedItem]:
    """Each account's reaction on ``item`` as an item of its own (DCE lists who, never when). In a direct
    message its recipients are the members; in a server channel, the author of the message reacted to."""
    for r_index, reaction in enumerate(reactions if isinstance(reactions, list) else []):
        if not isinstance(reaction, dict):
            continue  # kept in the message's details.reactions as it stands
        emoji = reaction.get("emoji")
        name = as_text(emoji.get("name")) if isinstance(emoji, dict) else as_text(emoji)
        raw = raw_json(reaction)
        users = arr(reaction.get("users"))
        count = reaction.get("count")
        if isinstance(count, int) and not isinstance(count, bool) and count > len(users):
            ctx.warn(
                f"{item.locator}.reactions[{r_index}]",
                f"{name} x{count}: {count - len(users)} of the accounts that reacted are not listed by the"
                " export; kept only in the message's details.reactions",
                raw,
            )
        for u_index, user in enumerate(users):
            author = discord_account(user)
            if author is not None and direct and item.conversation and author.key not in moves:
                ctx.add_participant(item.conversation, author)
            wrote = item.author  # in a server channel, the one it is addressed to (unless it is their own)
            own = wrote is None or (author is not None and wrote.key == author.key)
            to = wrote if not direct and not own else None
            yield reaction_item(
                f"{item.locator}.reactions[{r_index}].users[{u_index}]", raw, name, author, item,
                recipients=(to,) if to is not None else (),
            )  # fmt: skip


def _group_moves(source: Source, member: str | None, ctx: ParseContext) -> Moves:
    """Each account a group DM's ``RecipientAdd`` / ``RecipientRemove`` messages add or remove, with its
    moves by message index. The file is read twice only when it holds those words (a literal search)."""
    with source.open_member(member) if member is not None else source.open() as handle:
        tail = b""
        while chunk := handle.read(_CHUNK):
            if _MOVE_WORD in chunk or _MOVE_WORD in tail + chunk[: len(_MOVE_WORD)]:
                break
            tail = chunk[-len(_MOVE_WORD) :]
        else:
            return {}
    moves: Moves = {}
    with source.open_member(member) if member is not None else source.open() as handle:
        # damage read past is told once, by the reading pass
        quiet = (lambda _: None) if ctx.accept_partial else None
        js = JsonStream(handle, source.name, member, "the DiscordChatExporter file", quiet)
        if js.peek() != "{":
            return {}  # the reading pass says why
        for key in js.keys():
            if key != "messages" or js.peek() != "[":
                js.skip()
                continue
            for index, message, raw in js.elements("messages", MESSAGE):
                joined = MOVE_TYPES.get(as_text(message.get("type"))) if isinstance(message, dict) else None
                if joined is None:
                    continue
                named = [a for m in arr(message.get("mentions")) if (a := discord_account(m)) is not None]
                if not named:
                    ctx.warn(
                        f"messages[{index}]",
                        f"{as_text(message['type'])} names no account (no mentions); not applied to the"
                        " group's members",
                        raw,
                    )
                for account in named:
                    moves.setdefault(account.key, (account, []))[1].append((index, joined))
    return moves


def _note_membership(conversation: str, moves: Moves, ctx: ParseContext) -> None:
    """The ``group_membership`` decision: how a group DM's adds and removals were applied."""
    count = sum(len(m) for _, m in moves.values())
    ctx.decide(
        "group_membership",
        f"{conversation} ({count} adds and removals): a message's recipients are the members when it"
        " was sent; those who wrote and were never added or removed are members throughout",
    )


def _read_time(
    value: str | None, locator: str, raw: str, clock: ZoneClock, ctx: ParseContext
) -> tuple[str | None, str, str | None]:
    if not value:
        ctx.warn(locator, "message has no timestamp; kept without a time", raw)
        return None, ctx.tz_source, None
    iso = iso_with_offset_to_utc(value)
    if iso is not None:
        return iso, "platform", None
    try:
        local = datetime.fromisoformat(value.split(".")[0])
    except ValueError:
        ctx.warn(locator, f"unreadable timestamp {value!r}; message kept without a time", raw)
        return None, ctx.tz_source, None
    return clock.to_utc(local, locator, raw), ctx.tz_source, ctx.zone
