"""Facebook Messenger and Instagram "Download your information" legacy JSON (message_N.json threads)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

from footprint.errors import ParseError
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._meta import MESSAGE_FILE, MemberIndex, MetaReader, load_page, thread_key
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import DamagedInput, keep_or_refuse, resumer
from footprint.ingest.messenger_e2ee import e2ee_head
from footprint.ingest.source import Source
from footprint.model import ParsedItem

_LEGACY_KEYS = ('"sender_name"', '"timestamp_ms"')
_REACTION_TIME = re.compile(r'"actor":\s*"[^"]*",\s*"timestamp"')


def instagram_hint(source: Source, head: str, members: list[str] | None = None) -> bool:
    """Whether names, paths or fields say the export came from Instagram rather than Facebook.

    Instagram's reactions carry a ``timestamp``; its shares link to instagram.com.
    """
    if "instagram" in source.name.lower() or "instagram.com/" in head or _REACTION_TIME.search(head):
        return True
    return any("instagram" in m.lower() for m in (members or [])[:200])


def legacy_head(head: str) -> bool:
    """Whether a JSON head looks like a legacy DYI thread."""
    text = head.lstrip("\ufeff \r\n\t")
    if not text.startswith("{"):
        return False
    return all(k in text for k in _LEGACY_KEYS) or ('"participants"' in text and '"thread_path"' in text)


def thread_members(source: Source) -> list[str]:
    """The ``message_N.json`` members of a DYI archive (any parent folder)."""
    return [m for m in source.members() if MESSAGE_FILE.search(m)]


class _LegacyParser(Parser):
    """Legacy DYI messages for one platform (``facebook`` or ``instagram`` accounts)."""

    platform: ClassVar[str]
    instagram: ClassVar[bool]
    export_name: ClassVar[str]  # the export as a user knows it, with its article

    @classmethod
    def own_part(cls, member: str) -> bool:
        """Meta's other files beside the threads in a ``messages`` folder (autofill, stickers, requests)."""
        path = PurePosixPath(member)
        return "messages" in path.parts[:-1] and path.suffix.lower() in (".json", ".html")

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if source.is_zip:
            try:
                found = thread_members(source)
                if not found:
                    return NO
                head = source.member_head(found[0]).decode("utf-8", "replace")
                hinted = instagram_hint(source, head, source.members())
            except ParseError:
                return NO
            if not legacy_head(head):
                return NO
        else:
            head = source.head_text()
            if not legacy_head(head):
                return NO
            hinted = instagram_hint(source, head)
        mine = hinted == cls.instagram
        return SniffResult(0.9 if mine else 0.5, f"legacy DYI message JSON ({cls.platform})")

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        if not source.is_zip:
            with source.open() as handle:
                try:
                    js = JsonStream(
                        handle, source.name, None, "the thread's message_N.json", resumer(source, ctx)
                    )
                    data = load_page(js, "messages")
                except DamagedInput as damage:  # the page is read whole before any of it is used
                    raise damage.whole_file() from damage
            if data is None:
                raise ParseError(
                    "no 'messages' list of sender_name/timestamp_ms objects; is this"
                    f" {self.export_name} 'Download your information' JSON file?",
                    source=source.name,
                )
            reader = MetaReader(ctx, self.platform, None)
            reader.merge_keys = set()
            yield from reader.legacy_thread([""], lambda _: data, PurePosixPath(source.name).stem)
            reader.finish()
            return
        members = source.members()
        reader = MetaReader(ctx, self.platform, MemberIndex(members))
        threads: dict[str, list[str]] = {}
        e2ee: list[str] = []
        for member in sorted(members):
            if not member.lower().endswith(".json"):
                continue
            if MESSAGE_FILE.search(member):
                threads.setdefault(PurePosixPath(member).parent.as_posix(), []).append(member)
            elif e2ee_head(source.member_head(member, 4096).decode("utf-8", "replace")):
                e2ee.append(member)
        if not threads and not e2ee:
            raise ParseError(
                "the archive holds no messages/…/message_N.json thread files; add the 'Download your"
                " information' zip with JSON (not HTML) format chosen",
                source=source.name,
            )
        ctx.decide("threads", f"{len(threads)} legacy thread(s), {len(e2ee)} E2EE thread file(s)")
        reader.merge_keys = {key for member in e2ee if (key := _e2ee_key(source, member))}

        def load(member: str) -> dict[str, Any] | None:
            try:
                with source.open_member(member) as handle:
                    js = JsonStream(handle, source.name, member, "the DYI archive", resumer(source, ctx))
                    data = load_page(js, member)
            except DamagedInput as damage:  # refused, or with --accept-partial the next file is read
                keep_or_refuse(damage.whole_file(), source, ctx, goes_on=True)
                return None
            except ParseError as exc:
                ctx.warn(member, f"{exc}; file not read", source.member_text(member))
                return None
            if data is None:
                ctx.warn(
                    member, "message_N.json without a messages list; not read", source.member_text(member)
                )
            return data

        for folder in sorted(threads):
            yield from reader.legacy_thread(threads[folder], load, PurePosixPath(folder).name)
        for member in e2ee:
            with source.open_member(member) as handle:
                js = JsonStream(handle, source.name, member, "the E2EE export", resumer(source, ctx))
                try:
                    yield from reader.e2ee_stream(js, member, PurePosixPath(member).stem)
                except DamagedInput as damage:  # refused, or with --accept-partial the next file is read
                    keep_or_refuse(damage, source, ctx, goes_on=True)
                except ParseError as exc:
                    ctx.warn(member, f"{exc}; the rest of the file not read", source.member_text(member))
        reader.finish()


def _e2ee_key(source: Source, member: str) -> tuple[str, ...] | None:
    """The participants of an E2EE thread file, read from its head without loading it."""
    try:
        with source.open_member(member) as handle:
            js = JsonStream(handle, source.name, member, "the E2EE export")
            if js.peek() != "{":
                return None
            for key in js.keys():
                if key == "participants":
                    names = js.value()[0]
                    return (
                        thread_key([n for n in names if isinstance(n, str)])
                        if isinstance(names, list)
                        else None
                    )
                js.skip()
    except ParseError:
        return None
    return None


@parsers.register
class MessengerJsonParser(_LegacyParser):
    """Facebook Messenger legacy DYI JSON (a thread file or the whole archive)."""

    name = "messenger_json"
    # 7: --accept-partial resumes an E2EE file at the next whole message after damage; 8: a minified one too;
    # 9: "Liked a message" is a reaction by its sender, not a system line; 10: so is "Reacted ❤ to your
    # message" (its text the emoji); 11: a legacy message_N.json page reads on at the next whole message
    # after damage (indented or minified)
    version = 11
    description = "Facebook Messenger 'Download your information' JSON (message_N.json or the DYI .zip)"
    format_name = "messenger"
    export_name = "a Facebook Messenger"
    platform = "facebook"
    instagram = False


@parsers.register
class InstagramJsonParser(_LegacyParser):
    """Instagram legacy DYI JSON messages (a thread file or the whole archive)."""

    name = "instagram_json"
    # 7: --accept-partial resumes an E2EE file at the next whole message after damage; 8: a minified one too;
    # 9: "Liked a message" is a reaction by its sender, not a system line; 10: so is "Reacted ❤ to your
    # message" (its text the emoji); 11: a legacy message_N.json page reads on at the next whole message
    # after damage (indented or minified)
    version = 11
    description = "Instagram 'Download your information' JSON messages (message_N.json or the DYI .zip)"
    format_name = "instagram"
    export_name = "an Instagram"
    platform = "instagram"
    instagram = True
