"""Choosing the parser for a source: every parser sniffs, the most confident wins, ties are refused."""

from __future__ import annotations

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
