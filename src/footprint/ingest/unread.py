"""What a parser left unread in a folder or archive, so nothing in it is dropped without a word.

After the parser has read an archive (a zip, or a folder packed into one), every member it did not
open is looked at. Media (photos, videos, voice notes, contact cards) and the operating system's own files are
left alone: an export carries media its messages may not name. So are the parts of its own export a
parser declares it does not read (``Parser.own_part``: an X archive's ad data, a phone dump's other
files). Each other member is sniffed as a file on its own:

- one that a parser would read is another export: the whole add is refused, naming each such file
  and its parser, since one exhibit is read by one parser;
- any other (a file no parser reads, or one that cannot be opened, such as a cut-short zip) is a
  warning naming it and its size, with its text as the warning's raw text. Past the first
  ``UNREAD_WARNED`` such files, the rest are one warning giving their count and first names, whose raw
  text lists every one of them with why it was not read (an archive of 5,000 stray files made 5,000
  warnings, each with up to 256 KiB of text).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from footprint.errors import FootprintError, InputError
from footprint.ingest.base import ParseContext, Parser
from footprint.ingest.sniff import MIN_CONFIDENCE, sniff_all
from footprint.ingest.source import Source, system_file

MEDIA_SUFFIXES = frozenset(
    {
        *(".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp", ".tif", ".tiff"),
        *(".mp4", ".mov", ".m4v", ".3gp", ".avi", ".mkv", ".webm"),
        *(".opus", ".ogg", ".oga", ".mp3", ".m4a", ".aac", ".wav", ".amr", ".flac"),
        ".tgs",  # a Telegram animated sticker
        ".vcf",  # a contact card sent in a chat (Telegram's contact_vcard, WhatsApp's .vcf)
    }
)
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)
#: files an operating system leaves in folders (Finder, Explorer); they hold no evidence
#: unread files warned of one by one, with their text; the rest are one warning that lists them all
UNREAD_WARNED = 100
_SUMMARY_NAMES = 5  # the unread files a summary warning names in its message (its raw text has all)


@dataclass(frozen=True)
class Unread:
    """A member the parser did not open: its size, and the parser that would read it on its own."""

    member: str
    size: int
    reader: str | None = None
    problem: str = ""  # why it could not be sniffed (a cut-short zip), when it could not

    @property
    def label(self) -> str:
        return f"{self.member} ({self.size:,} bytes)"


def account_for_unread(
    source: Source,
    parser_cls: type[Parser],
    opened: Set[str],
    ctx: ParseContext,
    container: str,
    shown: str = "",
) -> tuple[str, ...]:
    """Refuse other exports left unread in ``source``; warn of every other unread file; name them.

    ``opened`` holds the members the parser opened; ``container`` is "folder" or "archive"; ``shown`` is
    the name the user gave (a folder's own name, not the zip it is packed into; the source's by default).
    Returns "member (N bytes)" for each file warned of.
    """
    if not source.is_zip:
        return ()
    unread = [
        _sniffed(source, member, ctx.workdir)
        for member in source.members()
        if member not in opened and not _left_alone(member) and not parser_cls.own_part(member)
    ]
    exports = [u for u in unread if u.reader]
    if exports:
        listed = ", ".join(f"{u.member} ({u.reader})" for u in exports)
        raise InputError(
            f"{shown or source.name}: the {container} was read by {parser_cls.name}, but it also holds"
            f" {listed}, which {parser_cls.name} does not read; add each file, or a folder per export"
        )
    for u in unread[:UNREAD_WARNED]:
        ctx.warn(u.member, f"not read: {u.label} {_why(u)}", _raw(source, u))
    rest = unread[UNREAD_WARNED:]
    if rest:
        first = ", ".join(u.label for u in rest[:_SUMMARY_NAMES])
        ctx.warn(
            container,
            f"not read: {len(rest):,} more files ({sum(u.size for u in rest):,} bytes) past the first"
            f" {UNREAD_WARNED:,} warned of one by one, each in no format Footprint reads or unopenable;"
            f" the exhibit keeps them — the first: {first}; this warning's raw text lists every one",
            "\n".join(f"{u.label} {_why(u)}" for u in rest),
        )
    return tuple(u.label for u in unread)


def _why(u: Unread) -> str:
    if u.problem:
        return f"cannot be opened ({u.problem}); the exhibit keeps it — add it on its own once it can be read"
    return "is in no format Footprint reads; the exhibit keeps it"


def _left_alone(member: str) -> bool:
    return PurePosixPath(member).suffix.lower() in MEDIA_SUFFIXES or system_file(member)


def _sniffed(source: Source, member: str, workdir: Path | None) -> Unread:
    """``member`` sniffed as a file on its own (copied out of the archive into the add's working folder)."""
    size = source.member_size(member)
    with tempfile.TemporaryDirectory(prefix="unread-", dir=workdir) as work:
        path = Path(work) / (PurePosixPath(member).name or "member")
        try:
            with source.open_member(member) as src, path.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        except (FootprintError, *_ZIP_ERRORS) as exc:  # a damaged member: its CRC or data is wrong
            return Unread(member, size, problem=f"cannot read it from the archive ({exc})")
        try:
            with Source(path, name=member) as alone:
                best_cls, best = sniff_all(alone)[0]
        except FootprintError as exc:
            return Unread(member, size, problem=str(exc).removeprefix(f"{member}: "))
    return Unread(member, size, best_cls.name if best.confidence >= MIN_CONFIDENCE else None)


def _raw(source: Source, unread: Unread) -> str:
    """The member's text for the warning (a binary file is named, not decoded)."""
    if unread.problem or b"\x00" in source.member_head(unread.member, 512):
        return f"[{unread.member}: {unread.size:,} bytes, not text]"
    return source.member_text(unread.member)
