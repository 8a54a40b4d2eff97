"""Messenger end-to-end-encrypted chats exported from secure storage (``<Name>_<n>.json`` + ``media/``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from footprint.errors import ParseError
from footprint.ingest._jsonstream import JsonStream
from footprint.ingest._meta import MESSAGE_FILE, MemberIndex, MetaReader
from footprint.ingest.base import NO, ParseContext, Parser, SniffResult, parsers
from footprint.ingest.damage import resumer
from footprint.ingest.source import Source
from footprint.model import ParsedItem


def e2ee_head(head: str) -> bool:
    """Whether a JSON head looks like an E2EE thread export."""
    text = head.lstrip("\ufeff \r\n\t")
    return text.startswith("{") and (
        '"senderName"' in text or ('"threadName"' in text and '"messages"' in text)
    )


@parsers.register
class MessengerE2eeParser(Parser):
    """Messenger E2EE secure-storage export: one JSON per thread, alone or zipped with media."""

    name = "messenger_e2ee"
    # 4: with --accept-partial, reading resumes at the next whole message after damage; 5: in a minified
    # export too
    version = 5
    description = (
        "Messenger end-to-end-encrypted chat export (secure storage JSON, alone or zipped with media/)"
    )
    format_name = "messenger"

    @classmethod
    def sniff(cls, source: Source) -> SniffResult:
        if not source.is_zip:
            return SniffResult(0.9, "E2EE thread JSON keys") if e2ee_head(source.head_text()) else NO
        try:
            jsons = [m for m in source.members() if m.lower().endswith(".json")]
            if not jsons or any(MESSAGE_FILE.search(m) for m in jsons):
                return NO
            heads = [source.member_head(m, 4096).decode("utf-8", "replace") for m in jsons[:20]]
        except ParseError:
            return NO
        return SniffResult(0.9, "zip of E2EE thread JSON") if all(e2ee_head(h) for h in heads) else NO

    def parse(self, source: Source, ctx: ParseContext) -> Iterator[ParsedItem]:
        if not source.is_zip:
            reader = MetaReader(ctx, "facebook", None)
            reader.merge_keys = set()  # one export only: nothing to merge, nothing to remember
            with source.open() as handle:
                js = JsonStream(handle, source.name, None, "the E2EE thread file", resumer(source, ctx))
                yield from reader.e2ee_stream(js, "", PurePosixPath(source.name).stem)
            reader.finish()
            return
        members = source.members()
        reader = MetaReader(ctx, "facebook", MemberIndex(members))
        reader.merge_keys = set()
        found = 0
        for member in sorted(m for m in members if m.lower().endswith(".json")):
            if not e2ee_head(source.member_head(member, 4096).decode("utf-8", "replace")):
                ctx.warn(member, "JSON file is not an E2EE thread; not read", source.member_text(member))
                continue
            found += 1
            with source.open_member(member) as handle:
                js = JsonStream(handle, source.name, member, "the E2EE export", resumer(source, ctx))
                yield from reader.e2ee_stream(js, member, PurePosixPath(member).stem)
        if not found:
            raise ParseError(
                "the archive holds no E2EE thread JSON; add the thread's .json file", source=source.name
            )
        reader.finish()
