"""Choosing the parser for a source: every parser sniffs, the most confident wins, ties are refused."""

from __future__ import annotations

import tempfile
from pathlib import Path

from footprint.errors import AmbiguousFormatError, UnsupportedFormatError
from footprint.ingest.base import Parser, SniffResult, parsers
from footprint.ingest.source import Source, is_utf16, system_file

MIN_CONFIDENCE = 0.3
TIE = 1e-6


def sniff_all(source: Source) -> list[tuple[type[Parser], SniffResult]]:
    """Every parser's judgement of the source, most confident first."""
    if source.is_zip:
        source.members()  # refuses damaged, zip-slip and zip-bomb archives before any parser
    results = [(cls, cls.sniff(source)) for cls in parsers]
    return sorted(results, key=lambda r: (-r[1].confidence, r[0].name))


def choose_parser(source: Source, forced: str | None = None, shown: str | None = None) -> type[Parser]:
    """The parser for ``source``: the one named by ``--format``, or the clear winner of sniffing.

    ``shown`` is how the user knows the source when its name is not theirs (a folder packed into a zip)."""
    shown = shown or source.name
    inner = zips_only(source)
    if inner:
        raise UnsupportedFormatError(_nested(shown, source.name, inner))
    if forced is not None:
        return parsers.get(forced)
    ranked = sniff_all(source)
    best_cls, best = ranked[0]
    if best.confidence < MIN_CONFIDENCE:
        if source.unreadable:  # a member a sniffer could not read: a damaged archive, not an unknown format
            raise source.damaged(*next(iter(source.unreadable.items())))
        kind = "a file"
        if not source.is_zip and is_utf16(source.head):
            kind = "UTF-16 text (re-save it as UTF-8 if it should be read)"
        elif not source.is_zip and b"\x00" in source.head:
            kind = "a binary file"
        what = f"{kind} in no format Footprint reads"
        if source.is_zip and shown != source.name:  # a folder, packed: what it holds, not the zip made of it
            files = source.members()
            alone = _each_alone(source, files)
            if alone:  # six WhatsApp chats in one folder: each is an export of its own
                listed = ", ".join(f"{m} ({name})" for m, name in alone[:3])
                more = f" and {len(alone) - 3:,} more" if len(alone) > 3 else ""
                raise UnsupportedFormatError(
                    f"{shown}: its {len(files):,} file(s) are not one export, but {len(alone):,} of them read"
                    f" as exports on their own ({listed}{more}): add each file as its own exhibit"
                )
            named = ", ".join(files[:3]) + (f" and {len(files) - 3:,} more" if len(files) > 3 else "")
            what = f"none of its {len(files):,} file(s) ({named}) is in a format Footprint reads"
        raise UnsupportedFormatError(
            f"{shown}: {what}; `footprint parsers` lists the formats — if it is one of them, pass"
            " --format NAME"
        )
    tied = [cls.name for cls, r in ranked if best.confidence - r.confidence <= TIE]
    if len(tied) > 1:
        raise AmbiguousFormatError(
            f"{shown}: could be any of {', '.join(tied)}; pass --format NAME to choose"
        )
    return best_cls


def zips_only(source: Source) -> list[str]:
    """The zips an archive holds when it holds nothing else but system files: an export zipped again."""
    if not source.is_zip:
        return []
    kept = [m for m in source.members() if not system_file(m)]
    inner = [m for m in kept if m.lower().endswith(".zip")]
    return inner if len(inner) == len(kept) else []


def _nested(shown: str, name: str, inner: list[str]) -> str:
    """What to do with an archive that holds only other zips."""
    what = "a folder" if shown != name else "a zip"
    if len(inner) == 1:
        return (
            f"{shown} holds another zip, {inner[0]}, and nothing else: Footprint reads the export inside, not"
            f" {what} around it — take {inner[0]} out of {shown} and add that file"
        )
    listed = ", ".join(inner[:5]) + (f" and {len(inner) - 5:,} more" if len(inner) > 5 else "")
    return (
        f"{shown} holds {len(inner):,} zips ({listed}) and nothing else: Footprint reads each export on its"
        f" own — take them out of {shown} and add each zip as its own exhibit"
    )


#: how many of a folder's files, each at most ALONE_BYTES, are tried on their own when the folder is no export
ALONE_FILES = 20
ALONE_BYTES = 50 * 1024 * 1024


def _each_alone(source: Source, files: list[str]) -> list[tuple[str, str]]:
    """The files of a packed folder that read as an export on their own (each with its parser's name),
    among its first ALONE_FILES files of at most ALONE_BYTES: a folder of separate exports, to be added
    one by one."""
    found: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="footprint-sniff-") as scratch:
        for n, member in enumerate(m for m in files if not system_file(m)):
            if n >= ALONE_FILES:
                break
            if source.member_size(member) > ALONE_BYTES:
                continue
            path = Path(scratch) / f"{n}-{Path(member).name}"
            path.write_bytes(source.read_member(member))
            with Source(path, Path(member).name) as alone:
                cls, result = sniff_all(alone)[0]
            if result.confidence >= MIN_CONFIDENCE:
                found.append((member, cls.name))
    return found
