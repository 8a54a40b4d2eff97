"""Facebook Messenger and Instagram "Download your information" legacy JSON (message_N.json threads)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

from footprint.errors import ParseError
from footprint.ingest._meta import (
    MESSAGE_FILE,
    MemberIndex,
    MetaReader,
    is_e2ee_thread,
    is_legacy_thread,
)
from footprint.ingest._social import load_json, read_json_source
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
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
            data = read_json_source(source, None, "the thread's message_N.json")
            if not is_legacy_thread(data):
                raise ParseError(
                    "no 'messages' list of sender_name/timestamp_ms objects; is this a"
                    f" {self.format_name} 'Download your information' JSON file?",
                    source=source.name,
                )
            reader = MetaReader(ctx, self.platform, None)
            label = _label(data, PurePosixPath(source.name).stem)
            yield from reader.legacy_thread([("", data)], label)
            reader.finish()
            return
        members = source.members()
        reader = MetaReader(ctx, self.platform, MemberIndex(members))
        threads: dict[str, list[tuple[str, Any]]] = {}
        e2ee: list[tuple[str, Any]] = []
        for member in sorted(members):
            if not member.lower().endswith(".json"):
                continue
            if MESSAGE_FILE.search(member):
                try:
                    data = load_json(source.read_member(member), source.name, member, "the DYI archive")
                except ParseError as exc:
                    ctx.warn(member, f"{exc}; file not read", "")
                    continue
                if is_legacy_thread(data):
                    threads.setdefault(PurePosixPath(member).parent.as_posix(), []).append((member, data))
                else:
                    ctx.warn(member, "message_N.json without a messages list; not read", "")
            elif source.member_size(member) < 512 * 1024**2:
                head = source.member_head(member, 4096).decode("utf-8", "replace")
                if '"senderName"' in head or '"threadName"' in head:
                    try:
                        data = load_json(source.read_member(member), source.name, member, "the E2EE export")
                    except ParseError as exc:
                        ctx.warn(member, f"{exc}; file not read", "")
                        continue
                    if is_e2ee_thread(data):
                        e2ee.append((member, data))
        if not threads and not e2ee:
            raise ParseError(
                "the archive holds no messages/…/message_N.json thread files; add the 'Download your"
                " information' zip with JSON (not HTML) format chosen",
                source=source.name,
            )
        ctx.decide("threads", f"{len(threads)} legacy thread(s), {len(e2ee)} E2EE thread file(s)")
        for folder in sorted(threads):
            pages = threads[folder]
            yield from reader.legacy_thread(pages, _label(pages[0][1], PurePosixPath(folder).name))
        for member, data in e2ee:
            label = str(data.get("threadName") or PurePosixPath(member).stem)
            yield from reader.e2ee_thread(member, data, label)
        reader.finish()


def _label(data: Any, fallback: str) -> str:
    path = data.get("thread_path") if isinstance(data, dict) else None
    if isinstance(path, str) and path.strip("/"):
        return PurePosixPath(path).name
    return fallback


@parsers.register
class MessengerJsonParser(_LegacyParser):
    """Facebook Messenger legacy DYI JSON (a thread file or the whole archive)."""

    name = "messenger_json"
    version = 1
    description = "Facebook Messenger 'Download your information' JSON (message_N.json or the DYI .zip)"
    format_name = "messenger"
    platform = "facebook"
    instagram = False


@parsers.register
class InstagramJsonParser(_LegacyParser):
    """Instagram legacy DYI JSON messages (a thread file or the whole archive)."""

    name = "instagram_json"
    version = 1
    description = "Instagram 'Download your information' JSON messages (message_N.json or the DYI .zip)"
    format_name = "instagram"
    platform = "instagram"
    instagram = True
