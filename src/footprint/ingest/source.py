"""A source file as parsers see it: a plain file or a zip archive, opened safely.

Archives are never extracted to disk: members are read by name from the archive, and an archive
whose member names try to leave their folder (zip slip) or which would expand beyond sane limits
(zip bomb) is refused before any parser sees it.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import IO

from footprint.errors import ParseError, UnsafeArchiveError

MAX_TOTAL_UNCOMPRESSED = 16 * 1024**3
MAX_RATIO = 200
RATIO_FLOOR = 10 * 1024**2  # small members (and small archives) may compress well without being bombs
HEAD_BYTES = 8192
LINK_TEXT = 4096  # the most of a symbolic link's text read (a path; Linux's PATH_MAX)
MEMBER_TEXT_LIMIT = 256 * 1024  # the most of a skipped member kept in a warning (as _phone.MAX_RAW)


#: what the zip library raises for a member it cannot read (a name marked UTF-8 that is not, too)
_UNREADABLE = (zipfile.BadZipFile, zlib.error, OSError, EOFError, UnicodeDecodeError, NotImplementedError)
SYSTEM_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def expansion_refusal(infos: list[zipfile.ZipInfo]) -> str | None:
    """Why a zip is refused as a possible zip bomb (a member, or all of them, expanding over
    :data:`MAX_RATIO` times), or None: checked from the sizes its directory states, which the zip
    library holds each member to, before anything is read."""
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            return (
                f"member {info.filename!r} expands {info.file_size:,} bytes from"
                f" {info.compress_size:,} (a zip bomb?); refused — check where the file came from"
            )
    total, packed = sum(i.file_size for i in infos), sum(i.compress_size for i in infos)
    if total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        # many members each under RATIO_FLOOR: 100 x 10 MiB of zeros is 1 GB in the vault from 1 MB
        return (
            f"archive expands {total:,} bytes from {packed:,} across {len(infos):,} members, over"
            f" {MAX_RATIO} times (a zip bomb?); refused — check where the file came from, and if it"
            " is genuine, unpack it and add the folder"
        )
    return None


def system_file(member: str) -> bool:
    """A file the computer that made the archive or folder added, not part of any export."""
    path = PurePosixPath(member)
    return (
        path.name in SYSTEM_FILES
        or path.name.startswith("._")  # macOS resource forks
        or path.parts[0] == "__MACOSX"
    )


def is_utf16(head: bytes) -> bool:
    """UTF-16 text: a byte-order mark, or (without one) a NUL beside nearly every ASCII letter."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    pairs = len(head) // 2
    if pairs < 4:
        return False
    odd, even = head[1 : pairs * 2 : 2].count(0), head[0 : pairs * 2 : 2].count(0)
    return max(odd, even) >= 0.8 * pairs and min(odd, even) <= 0.1 * pairs


class Source:
    """A file to be parsed; ``name`` is the name it arrived with (it may hint at the format)."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name
        # members opened or kept in a warning so far, not merely peeked at (`add` checks the rest)
        self.opened: set[str] = set()
        # members a sniffer peeked at but could not read, with why: a damaged archive, not an unknown format
        self.unreadable: dict[str, str] = {}

    @cached_property
    def head(self) -> bytes:
        """The first few KiB of the file."""
        with self.path.open("rb") as handle:
            return handle.read(HEAD_BYTES)

    @cached_property
    def is_zip(self) -> bool:
        """Whether the file is a zip archive (by signature, not by name)."""
        return self.head[:4] in (b"PK\x03\x04", b"PK\x05\x06")

    @cached_property
    def archive(self) -> zipfile.ZipFile:
        """The opened, checked archive (``ParseError`` if it is not a readable, safe zip)."""
        try:
            archive = zipfile.ZipFile(self.path)
            infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
            # NotImplementedError: a member's header asks for a zip version Python cannot read (6.4 of a
            # damaged byte), found by the fuzz tests
            raise ParseError(
                f"not a readable zip archive ({exc}); the file may be truncated — copy or download it again",
                source=self.name,
            ) from exc
        except UnicodeDecodeError as exc:  # a member's name marked as UTF-8 that is not
            raise ParseError(
                f"not a readable zip archive: a member's name is marked as UTF-8 but is not (byte"
                f" {exc.object[exc.start]:#04x} at {exc.start}); the file may be damaged — copy or download"
                " it again",
                source=self.name,
            ) from exc
        for info in infos:
            _check_member_name(self.name, info.filename)
        counts = Counter(info.filename for info in infos if not info.is_dir())
        for info in infos:
            if counts[info.filename] > 1:  # zipfile would open only the last copy of a file
                raise UnsafeArchiveError(
                    f"member {info.filename!r} is in the archive {counts[info.filename]} times, so only one"
                    " copy could be read; refused — add the archive exactly as downloaded, or unpack it and"
                    " add the files you need",
                    source=self.name,
                )
        if refusal := expansion_refusal(infos):
            raise UnsafeArchiveError(refusal, source=self.name)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise UnsafeArchiveError(
                f"archive would expand to {total:,} bytes, over the {MAX_TOTAL_UNCOMPRESSED:,}"
                " limit; refused — unpack and add the parts you need",
                source=self.name,
            )
        return archive

    @cached_property
    def symlinks(self) -> dict[str, str]:
        """Members that are symbolic links (a Unix mode saying so), with the link text they hold as
        their content: the link is never followed."""
        if not self.is_zip:
            return {}
        found = {}
        for info in self.archive.infolist():
            mode = info.external_attr >> 16
            if mode and stat.S_ISLNK(mode):
                with self._open(info.filename) as handle:
                    found[info.filename] = handle.read(LINK_TEXT).decode("utf-8", "replace")
        return found

    def members(self) -> list[str]:
        """Names of the files inside the archive (folders left out), in archive order."""
        return [i.filename for i in self.archive.infolist() if not i.is_dir()]

    def member_size(self, member: str) -> int:
        """Uncompressed size of a member."""
        return self.archive.getinfo(member).file_size

    def open_member(self, member: str) -> IO[bytes]:
        """Open a member for reading; damaged members raise ``ParseError``."""
        self.opened.add(member)
        return self._open(member)

    def _open(self, member: str) -> IO[bytes]:
        try:
            return self.archive.open(member)
        except (*_UNREADABLE, KeyError) as exc:
            raise ParseError(f"cannot read {member!r} ({exc})", source=self.name) from exc

    def read_member(self, member: str) -> bytes:
        """Read a whole member (checked against its CRC)."""
        self.opened.add(member)
        try:
            with self.archive.open(member) as handle:
                return handle.read()
        except (*_UNREADABLE, KeyError) as exc:
            raise self.damaged(member, str(exc)) from exc

    def damaged(self, member: str, why: str) -> ParseError:
        """The error for a member that cannot be read (``why``: the archive library's words)."""
        return ParseError(
            f"cannot read {member!r} ({why}); the archive may be truncated or damaged — copy or download it"
            " again",
            source=self.name,
        )

    def read_bytes(self) -> bytes:
        """The whole file."""
        return self.path.read_bytes()

    def open(self) -> IO[bytes]:
        """The file as a binary stream."""
        return self.path.open("rb")

    def head_text(self) -> str:
        """The head decoded leniently (for sniffing only)."""
        return self.head.decode("utf-8", "replace").lstrip("\ufeff")

    def sniff_text(self, find_member: Callable[[Source], str | None]) -> tuple[str | None, str] | None:
        """The text a sniffer judges: the file's head, or the head of the member ``find_member`` picks.

        Returns (member or None, text); None when an archive has no such member or cannot be read,
        so a sniffer can answer "not mine" without handling archive errors itself.
        """
        if not self.is_zip:
            return None, self.head_text()
        try:
            member = find_member(self)
            if member is None:
                return None
            return member, self.member_head(member).decode("utf-8", "replace").lstrip("\ufeff")
        except ParseError:
            return None

    def member_head(self, member: str, size: int = HEAD_BYTES) -> bytes:
        """The first bytes of a member (for sniffing: a peek, so the member does not count as opened)."""
        try:
            with self.archive.open(member) as handle:  # one that cannot even be opened is unreadable too
                return handle.read(size)
        except (*_UNREADABLE, KeyError) as exc:
            self.unreadable[member] = str(exc)
            raise ParseError(f"cannot read {member!r} ({exc})", source=self.name) from exc

    def member_text(self, member: str, limit: int = MEMBER_TEXT_LIMIT) -> str:
        """A member's text for the raw text of a warning that skips it: whole, or its start and a note."""
        self.opened.add(member)  # accounted for: its text is in the warning
        try:
            data = self.member_head(member, limit + 1)
        except ParseError as exc:
            return f"[{member} cannot be read: {exc}]"
        text = data[:limit].decode("utf-8", "replace")
        if len(data) > limit:
            text += f"\n[… the rest is not shown; the exhibit holds all of {member}]"
        return text

    def close(self) -> None:
        """Close the archive if one was opened."""
        if "archive" in self.__dict__:
            self.archive.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_member_name(archive_name: str, member: str) -> None:
    if not member:
        raise ParseError(
            "not a readable zip archive: a member has no name; the file may be damaged — copy or download it"
            " again",
            source=archive_name,
        )
    pure = PurePosixPath(member.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (len(member) > 1 and member[1] == ":"):
        raise UnsafeArchiveError(
            f"member {member!r} points outside the archive (zip slip); refused —"
            " check where the file came from",
            source=archive_name,
        )


def decode_text(data: bytes, source: str, warn: list[tuple[int, bytes]] | None = None) -> str:
    """Decode UTF-8 text (BOM dropped, CRLF -> LF); bad bytes become U+FFFD and are reported."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if warn is None:
            raise ParseError(
                f"not UTF-8 text (byte {exc.start}); re-export the file as UTF-8", source=source
            ) from exc
        text = _decode_reporting(data, warn)
    return text.replace("\r\n", "\n")


def _decode_reporting(data: bytes, bad: list[tuple[int, bytes]]) -> str:
    out = io.StringIO()
    pos = 0
    if data.startswith(b"\xef\xbb\xbf"):
        pos = 3
    while pos < len(data):
        try:
            out.write(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            out.write(data[pos : pos + exc.start].decode("utf-8"))
            bad.append((pos + exc.start, data[pos + exc.start : pos + exc.end]))
            out.write("\ufffd")
            pos += exc.end
    return out.getvalue()
