"""Choosing the parser for a source: every parser sniffs, the most confident wins, ties are refused."""

from __future__ import annotations

from footprint.errors import AmbiguousFormatError, UnsupportedFormatError
from footprint.ingest.base import Parser, SniffResult, parsers
from footprint.ingest.source import Source, is_utf16

MIN_CONFIDENCE = 0.3
TIE = 1e-6


def sniff_all(source: Source) -> list[tuple[type[Parser], SniffResult]]:
    """Every parser's judgement of the source, most confident first."""
    if source.is_zip:
        source.members()  # refuses damaged, zip-slip and zip-bomb archives before any parser
    results = [(cls, cls.sniff(source)) for cls in parsers]
    return sorted(results, key=lambda r: (-r[1].confidence, r[0].name))


def choose_parser(source: Source, forced: str | None = None) -> type[Parser]:
    """The parser for ``source``: the one named by ``--format``, or the clear winner of sniffing."""
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
        raise UnsupportedFormatError(
            f"{source.name}: {kind} in no format Footprint reads; `footprint parsers` lists the"
            " formats — if it is one of them, pass --format NAME"
        )
    tied = [cls.name for cls, r in ranked if best.confidence - r.confidence <= TIE]
    if len(tied) > 1:
        raise AmbiguousFormatError(
            f"{source.name}: could be any of {', '.join(tied)}; pass --format NAME to choose"
        )
    return best_cls
