"""Naming the one item that changed: the original read again from the vault by the parser that read it.

When an exhibit's items differ from the block digests its `add` recorded, `verify` reads the exhibit's
vault copy again with the same parser at the same version and the settings the entry recorded
(``read_with``), in memory, writing nothing to the case. The items read again are digested as `add`
digested them; only when every digest equals what `add` recorded — so the reading gives exactly the
items `add` stored — are the changed blocks' items compared with them one by one and each changed item
and field named. Otherwise the blocks are named, with a NOTE saying why the items cannot be
(``docs/integrity.md``, "Naming the item that changed").
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from footprint.errors import FootprintError
from footprint.ingest import ParseContext, Parser, Source, parsers
from footprint.integrity.digests import BATCH, ItemLines, WrittenItems, encoded, stored_lines
from footprint.json_digest import ENCODE
from footprint.model import ParsedAttachment
from footprint.store import schema as t
from footprint.store.item_rows import AttachmentResolver, ItemRowBuilder, fill_hashes
from footprint.vault import Vault
from footprint.visible import on_one_line

#: the `add` entry's record of the settings the export was read with (``read_settings``)
READ_WITH = "read_with"
#: characters of a changed value shown (message text is hostile: escaped, on one line)
EXCERPT = 40
#: changed fields of items named, at the most; the rest are counted
MOST_NAMED = 20
#: changed blocks whose items are compared one by one, at the most (2,048 items in an exhibit of 100,000)
MOST_BLOCKS_READ = 8
#: why `verify` names the block, not the item, whatever an exhibit read by this parser
_UNREPEATABLE = {
    "screenshots": "reads the clock as it reads (an image dated after the add is not used), so a second"
    " reading may not give the items `add` stored",
}


def read_settings(ctx: ParseContext) -> dict[str, Any]:
    """What `add` records of the settings it read the export with: everything a parser is told."""
    return {
        "zone": ctx.zone,
        "tz_source": ctx.tz_source,
        "zone_given": ctx.zone_given,
        "date_order": ctx.date_order,
        "column_map": dict(sorted(ctx.column_map.items())),
        "owner": ctx.owner,
        "platform": ctx.platform,
        "accept_partial": ctx.accept_partial,
    }


@dataclass(frozen=True)
class ItemChange:
    """One field group of one item that differs from what the original gives when read again."""

    place: int  # the item's place in the exhibit, from 1
    locator: str
    field: str
    now: str  # excerpts, escaped
    read: str


@dataclass(frozen=True)
class Reread:
    """The items of the changed blocks that differ, or why they cannot be named (``cannot``)."""

    changes: tuple[ItemChange, ...] = ()
    cannot: str = ""
    parser: str = ""


def reread_blocks(
    conn: Connection,
    vault: Vault,
    exhibit: Any,
    recorded: Mapping[str, Any],
    places: Sequence[range],
) -> Reread:
    """Read ``exhibit``'s original again and compare its items at ``places`` (from 0) with the stored
    ones; ``recorded``: its `add` entry's details."""
    parser, settings = exhibit.parser, recorded.get(READ_WITH)
    if exhibit.parser_version != recorded.get("parser_version") or parser != recorded.get("parser"):
        return Reread(cannot="its parser differs from what `add` recorded (named above)")
    if not isinstance(settings, dict):
        return Reread(
            cannot="its `add` entry did not record the settings the export was read with (recorded before"
            " Footprint kept them)"
        )
    if parser not in parsers.names():
        return Reread(
            cannot=f"it was read by {parser} version {exhibit.parser_version}, which this Footprint lacks"
        )
    parser_cls = parsers.get(parser)
    if parser_cls.version != exhibit.parser_version:
        return Reread(
            cannot=f"it was read by {parser} version {exhibit.parser_version} and this Footprint has {parser}"
            f" version {parser_cls.version}, which may read it differently"
        )
    if parser in _UNREPEATABLE:
        return Reread(cannot=f"{parser} {_UNREPEATABLE[parser]}")
    if len(places) > MOST_BLOCKS_READ:
        return Reread(
            cannot=f"{len(places)} blocks changed, and the items are compared one by one in at most"
            f" {MOST_BLOCKS_READ}"
        )
    named = f"{parser} version {parser_cls.version}"
    first_id = conn.execute(select(func.min(t.item.c.id)).where(t.item.c.exhibit_id == exhibit.id)).scalar()
    if first_id is None:
        return Reread(cannot="it holds no items")
    try:
        digests, read = _read(conn, vault, exhibit, parser_cls, settings, first_id, places)
    except (FootprintError, OSError, ValueError, TypeError) as exc:
        return Reread(cannot=f"reading it again with {named} failed ({on_one_line(str(exc))[:200]})")
    if digests != dict(recorded.get("item_digests") or {}):
        return Reread(
            cannot=f"read again with {named} and the settings recorded, the original does not give the items"
            " `add` stored (the reading is not repeatable, or the vault copy has changed)"
        )
    stored: dict[int, ItemLines] = {}
    for span in places:
        stored.update(stored_lines(conn, exhibit.id, first_id + span.start, first_id + span.stop - 1))
    changes = [
        ItemChange(item_id - first_id + 1, str(lines["place"][0][2]), name, *_excerpts(now, lines[name]))
        for item_id, lines in sorted(read.items())
        for name, now in stored.get(item_id, {}).items()
        if encoded(now) != encoded(lines[name])
    ]
    return Reread(tuple(changes), parser=named)


def _read(
    conn: Connection,
    vault: Vault,
    exhibit: Any,
    parser_cls: type[Parser],
    settings: Mapping[str, Any],
    first_id: int,
    places: Sequence[range],
) -> tuple[dict[str, Any], dict[int, ItemLines]]:
    """The item digests of the original read again, and the lines of the items at ``places``. What the
    parser spills goes to an owner-only temporary folder outside the case, removed after."""
    accounts = {key: account_id for account_id, key in conn.execute(select(t.account.c.id, t.account.c.key))}
    written = WrittenItems(conn)
    wanted = {first_id + place for span in places for place in span}
    read: dict[int, ItemLines] = {}
    with tempfile.TemporaryDirectory(prefix="footprint-verify-read-") as work:
        ctx = ParseContext(**settings, workdir=Path(work))
        with Source(vault.path(exhibit.sha256), name=exhibit.file_name) as source:
            builder = ItemRowBuilder(exhibit.id, first_id, accounts, _hashed(vault, source))
            for batch in builder.batches(parser_cls().items(source, ctx), BATCH):
                fill_hashes(batch.items)
                lines = written.lines(batch)
                written.take(batch, lines)
                _keep(lines, wanted, read)
    return written.digests(), read


def _keep(lines: ItemLines, wanted: set[int], read: dict[int, ItemLines]) -> None:
    """Add to ``read`` the lines of the items in ``wanted`` (each field group's row, each part's lines)."""
    for name, rows in lines.items():
        for line in rows:
            if line[0] in wanted:
                read.setdefault(line[0], {kind: [] for kind in lines})[name].append(line)


def _hashed(vault: Vault, source: Source) -> AttachmentResolver:
    """An attachment's SHA-256, size and vault path as `add` stored them (``attachment_resolver``),
    writing nothing."""

    def resolve(att: ParsedAttachment) -> tuple[str, int, str] | None:
        if att.data is not None:
            data = att.data
        elif att.member is not None and att.member not in source.symlinks:
            data = source.read_member(att.member)
        else:
            return None
        digest = att.sha256 if att.data is not None and att.sha256 else hashlib.sha256(data).hexdigest()
        return digest, len(data), vault.relative_path(digest)

    return resolve


def _excerpts(now: list[tuple[Any, ...]], read: list[tuple[Any, ...]]) -> tuple[str, str]:
    """The first value that differs, as the case holds it and as the original gives it: short, escaped."""
    if len(now) == 1 and len(read) == 1:
        for a, b in zip(now[0][1:], read[0][1:], strict=True):
            if encoded([[a]]) != encoded([[b]]):
                return _excerpt(a), _excerpt(b)
    return _excerpt([line[1:] for line in now]), _excerpt([line[1:] for line in read])


def _excerpt(value: Any) -> str:
    """``"I will find yo…"``: at most ``EXCERPT`` characters, control characters escaped, on one line."""
    if value is None:
        return "nothing"
    text = value if isinstance(value, str) else ENCODE(value)
    cut = text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")
    return f'"{on_one_line(cut)}"'
