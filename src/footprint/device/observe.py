"""Observations: what a device input shows (an app, a service, a setting, a DNS name), as items."""

from __future__ import annotations

import csv
import sqlite3
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from footprint.errors import ParseError
from footprint.model import ParsedItem
from footprint.times import iso_utc, local_to_utc, zone

KIND = "device_finding"

if TYPE_CHECKING:
    from footprint.ingest.base import ParseContext
    from footprint.ingest.source import Source


@dataclass(frozen=True)
class Observation:
    """One thing a device input shows; ``details`` hold the structured fields the checks read."""

    locator: str
    text: str
    raw: str
    details: dict[str, str] = field(default_factory=dict)
    when_raw: str | None = None
    when_utc: str | None = None
    when_local: datetime | None = None


def to_item(obs: Observation, ctx: ParseContext) -> ParsedItem:
    """The observation as a ``device_finding`` item (timeline-ready when it has a time)."""
    utc = obs.when_utc
    tz_source = "platform" if utc else ctx.tz_source
    tz_name: str | None = "UTC" if utc else None
    if utc is None and obs.when_local is not None:
        utc, note = local_to_utc(obs.when_local, zone(ctx.zone))
        tz_source, tz_name = ctx.tz_source, ctx.zone
        if note:
            ctx.warn(obs.locator, note, obs.raw)
    return ParsedItem(
        locator=obs.locator,
        kind=KIND,
        raw=obs.raw,
        text=obs.text,
        sent_at_raw=obs.when_raw,
        sent_at_utc=utc,
        tz_source=tz_source,
        tz_name=tz_name,
        system=True,
        details=dict(sorted(obs.details.items())),
    )


def epoch_utc(seconds: float) -> str:
    """A Unix time as ISO UTC."""
    return iso_utc(datetime.fromtimestamp(seconds, UTC))


_DAMAGE = (
    ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError, RecursionError, UnicodeError,
    csv.Error, struct.error, sqlite3.Error, zipfile.BadZipFile, EOFError, OSError, NotImplementedError,
)  # fmt: skip


def member_names(source: Source) -> set[str]:
    """Base names of an archive's members, for sniffing (an archive zipfile cannot read gives none)."""
    try:
        return {PurePosixPath(m).name for m in source.members()}
    except (NotImplementedError, RuntimeError):  # unsupported zip version or compression, encryption
        return set()


def guarded(items: Iterator[ParsedItem], source: str, what: str) -> Iterator[ParsedItem]:
    """Yield the parser's items; a damaged file becomes a ``ParseError`` naming the file and what to do."""
    try:
        yield from items
    except _DAMAGE as exc:
        raise ParseError(
            f"could not be read as {what} ({type(exc).__name__}: {str(exc)[:120]}); the file may be damaged"
            " or in another format — copy it again, or pass --format NAME",
            source=source,
        ) from exc
