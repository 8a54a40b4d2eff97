"""`verify` of the database's rows against what the audit entries that wrote them recorded.

Each exhibit against its `add` entry (and its items against the digests recorded there), each
analyser run's findings against the entry that stored them, each decision against the entry that
made it, and each item's raw text against its own SHA-256. A row no entry records, and an entry
whose row is gone, are named too. Entries written before the digests were recorded give a note,
not a problem: those rows could not be checked (``docs/integrity.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from footprint.integrity.digests import BATCH, finding_digests, item_digests
from footprint.integrity.finding_numbers import check_finding_numbers
from footprint.integrity.records import check_records
from footprint.integrity.reread import MOST_NAMED, Reread, reread_blocks
from footprint.integrity.verdicts import OLD, compare, differs, entries_named, numbers
from footprint.integrity.verdicts import RowCheck as RowCheck  # `report` imports it from here
from footprint.model import AuditEntry
from footprint.store import schema as t
from footprint.store.item_rows import raw_sha256
from footprint.vault import Vault

#: the exhibit's columns and the `add` entry's details that record them
EXHIBIT_FIELDS = {
    "sha256": "sha256",
    "file_name": "file",
    "original_path": "original_path",
    "size": "size",
    "producer": "producer",
    "owner": "owner",
    "parser": "parser",
    "parser_version": "parser_version",
}
#: audit actions that make a decision. Each entry's details record the decision it made; the value is the
#: decision an entry made before its details recorded it (``None``: they always have): an officer's
#: `record` confirmed; since advocates' suggestions it records ``confirmed`` or ``noted``
DECIDING = {
    "review confirm": None,
    "review dismiss": None,
    "review note": None,
    "record finding": "confirmed",
}
#: audit actions that store an analyser run and its findings
STORING_FINDINGS = ("analyse", "relationship add", "record finding")


def check_rows(conn: Connection, entries: list[AuditEntry], vault: Vault | None = None) -> RowCheck:
    """Every row check, in the order `verify` prints them; with the case's ``vault``, an exhibit whose
    items changed is read again to name the items (``integrity.reread``)."""
    found = RowCheck()
    details = {e.seq: _details(e) for e in entries}
    _check_exhibits(conn, entries, details, found, vault)
    _check_raw(conn, found)
    _check_runs(conn, entries, details, found)
    _check_decisions(conn, entries, details, found)
    check_records(conn, entries, details, found)
    check_finding_numbers(conn, entries, details, found)
    return found


def _details(entry: AuditEntry) -> dict[str, Any]:
    try:
        loaded = json.loads(entry.details)
    except ValueError:  # the chain check names an entry changed after it was written
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _check_exhibits(
    conn: Connection,
    entries: list[AuditEntry],
    details: Mapping[int, dict[str, Any]],
    found: RowCheck,
    vault: Vault | None,
) -> None:
    added = {e.object: e for e in entries if e.action == "add"}
    rows = conn.execute(select(t.exhibit).order_by(t.exhibit.c.id)).all()
    for row in rows:
        entry = added.get(row.ref)
        if entry is None:
            found.problems.append(
                f"exhibit {row.ref}: no `add` audit entry records it (written outside Footprint)"
            )
            continue
        recorded = details[entry.seq]
        at = f"what `add` recorded at audit entry {entry.seq}"
        for column, key in EXHIBIT_FIELDS.items():
            if key in recorded and recorded[key] != getattr(row, column):
                found.problems.append(f"exhibit {row.ref}: {differs(column)} from {at}")
        if "decisions" in recorded and recorded["decisions"] != json.loads(row.settings or "{}"):
            found.problems.append(f"exhibit {row.ref}: settings differ from {at}")
        digests = recorded.get("item_digests")
        if not isinstance(digests, dict):
            found.notes.append(f"items of {row.ref}: no digest recorded (audit entry {entry.seq}, {OLD})")
            continue
        _compare_items(conn, row, recorded, at, found, vault)
    held = {row.ref for row in rows}
    for ref, entry in added.items():
        if ref not in held:
            found.problems.append(
                f"exhibit {ref}: `add` recorded it at audit entry {entry.seq} but the case no longer holds it"
            )


def _compare_items(
    conn: Connection, exhibit: Any, entry: dict[str, Any], at: str, found: RowCheck, vault: Vault | None
) -> None:
    """An exhibit's items against the digests its `add` recorded (in ``entry``): the count, then each
    field group that differs, named with the blocks of items it differs in when the entry recorded block
    digests, and with the items themselves when the original read again gives what `add` stored."""
    recorded = entry["item_digests"]
    now = item_digests(conn, exhibit.id)
    size, blocks = now.pop("block_items"), now.pop("blocks")
    groups = [name for name in now if name != "items" and recorded.get(name) != now[name]]
    was = recorded.get("blocks")
    if now["items"] != recorded.get("items") or not groups or recorded.get("block_items") != size:
        compare(f"items of {exhibit.ref}", recorded, now, "items", at, found)
        return
    changed = [i for i, (a, b) in enumerate(zip(was, blocks, strict=True)) if a != b] if was else []
    if not changed:  # no block recorded (an entry from before them), or a block digest that collides
        compare(f"items of {exhibit.ref}", recorded, now, "items", at, found)
        return
    where = f"{_blocks_named(conn, exhibit.id, changed, size, now['items'])} of {exhibit.ref}"
    if vault is not None:
        places = [range(b * size, min((b + 1) * size, now["items"])) for b in changed]
        reread = reread_blocks(conn, vault, exhibit, entry, places)
        if reread.cannot:
            found.notes.append(
                f"{where}: the items that changed are not named, only their blocks: {reread.cannot}"
            )
        elif {c.field for c in reread.changes} >= set(groups):
            found.problems.extend(_items_named(exhibit.ref, reread, at))
            return
    if len(groups) == 1:
        found.problems.append(f"{where}: {differs(groups[0])} from {at}")
        return
    compare(f"items of {exhibit.ref}", recorded, now, "items", at, found)
    found.problems.append(f"{where}: the items that differ are among these")


def _items_named(ref: str, reread: Reread, at: str) -> list[str]:
    """A PROBLEM line for each changed field of each item (``MOST_NAMED`` at the most, the rest counted)."""
    lines = [
        f"item {c.place:,} ({c.locator}) of {ref}: {differs(c.field)} from {at}: the case holds {c.now},"
        f" the original read again by {reread.parser} gives {c.read}"
        for c in reread.changes[:MOST_NAMED]
    ]
    more = len(reread.changes) - MOST_NAMED
    if more > 0:
        lines.append(f"items of {ref}: {more:,} more changed field(s) of items, not named")
    return lines


def _blocks_named(conn: Connection, exhibit_id: int, blocks: list[int], size: int, count: int) -> str:
    """``items 1,025–1,280 (line 1030 to line 1290)`` (up to three blocks, then how many more), by place
    in the exhibit; ``item 3 (line 4)`` for a block of one."""
    named = []
    for block in blocks[:3]:
        first, last = block * size + 1, min((block + 1) * size, count)
        places = (
            select(t.item.c.locator).where(t.item.c.exhibit_id == exhibit_id).order_by(t.item.c.id).limit(1)
        )
        start = conn.execute(places.offset(first - 1)).scalar_one()
        end = conn.execute(places.offset(last - 1)).scalar_one()
        named.append(f"{first:,} ({start})" if first == last else f"{first:,}–{last:,} ({start} to {end})")
    if len(blocks) > 3:
        named.append(f"{len(blocks) - 3} more blocks")
    word = "item" if len(named) == 1 and "–" not in named[0] else "items"
    return f"{word} {', '.join(named[:-1])}{' and ' if len(named) > 1 else ''}{named[-1]}"


def _check_raw(conn: Connection, found: RowCheck) -> None:
    """Each item's raw text against the SHA-256 recorded beside it when it was read."""
    query = (
        select(t.item.c.id, t.exhibit.c.ref, t.item.c.locator, t.item.c.raw, t.item.c.sha256)
        .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
        .order_by(t.item.c.id)
        .execution_options(yield_per=BATCH)
    )
    for partition in conn.execute(query).partitions():
        for item_id, ref, locator, raw, sha256 in partition:
            if raw_sha256(raw) != sha256:
                found.problems.append(
                    f"item {item_id} ({ref} {locator}): its raw text no longer has the SHA-256 recorded"
                    " when it was read"
                )


def _check_runs(
    conn: Connection, entries: list[AuditEntry], details: Mapping[int, dict[str, Any]], found: RowCheck
) -> None:
    """Each analyser run's findings against the digests its audit entry recorded."""
    by_run = {details[e.seq]["run"]: e for e in entries if isinstance(details[e.seq].get("run"), int)}
    old = [e.seq for e in entries if e.action in STORING_FINDINGS and "run" not in details[e.seq]]
    runs = conn.execute(select(t.analysis_run.c.id, t.analysis_run.c.analyser).order_by(t.analysis_run.c.id))
    unrecorded: list[tuple[int, str]] = []
    for run_id, analyser in runs:
        entry = by_run.pop(run_id, None)
        what = f"findings of analyser run {run_id} ({analyser})"
        if entry is None:
            unrecorded.append((run_id, what))
            continue
        recorded = details[entry.seq].get("finding_digests")
        if isinstance(recorded, dict):
            at = f"what `{entry.action}` recorded at audit entry {entry.seq}"
            compare(what, recorded, finding_digests(conn, run_id), "findings", at, found)
    if old and unrecorded:
        runs_named = (
            unrecorded[0][1]
            if len(unrecorded) == 1
            else f"findings of analyser runs {numbers(r for r, _ in unrecorded)}"
        )
        found.notes.append(f"{runs_named}: no digest recorded ({entries_named(old)}, {OLD})")
    else:
        found.problems.extend(
            f"{what}: no audit entry records them (written outside Footprint)" for _, what in unrecorded
        )
    for run_id, entry in by_run.items():
        found.problems.append(
            f"analyser run {run_id}: `{entry.action}` recorded it at audit entry {entry.seq}"
            " but the case no longer holds it"
        )


def _check_decisions(
    conn: Connection, entries: list[AuditEntry], details: Mapping[int, dict[str, Any]], found: RowCheck
) -> None:
    """Each decision against the audit entry that made it, field by field."""
    deciding = [e for e in entries if e.action in DECIDING]
    by_id = {
        details[e.seq]["decision_id"]: e
        for e in deciding
        if isinstance(details[e.seq].get("decision_id"), int)
    }
    old = [e.seq for e in deciding if "decision_id" not in details[e.seq]]
    unrecorded: list[int] = []
    for row in conn.execute(select(t.decision).order_by(t.decision.c.id)):
        entry = by_id.pop(row.id, None)
        if entry is None:
            unrecorded.append(row.id)
            continue
        recorded = details[entry.seq]
        finding_id = recorded.get("finding_id", _finding_named(entry.object))
        was = {
            "decision": recorded.get("decision", DECIDING[entry.action]),
            "finding": finding_id,
            "user": entry.actor,
            "reason": entry.justification,
        }
        now = {"decision": row.decision, "finding": row.finding_id, "user": row.user, "reason": row.reason}
        for name, value in now.items():
            if value == was[name]:
                continue
            if name == "decision":
                change = f"recorded {was[name]}, now {value}"
            elif name == "finding":
                change = f"recorded on finding {was[name]}, now on finding {value}"
            else:
                change = f"{name} differs from what was recorded"
            found.problems.append(f"decision {row.id}: {change} (audit entry {entry.seq})")
    for decision_id in unrecorded:
        if old:
            found.notes.append(
                f"decision {decision_id}: no audit entry names it; {entries_named(old)} made decisions"
                f" without naming them ({OLD})"
            )
        else:
            found.problems.append(
                f"decision {decision_id}: no audit entry records it (written outside Footprint)"
            )
    for decision_id, entry in by_id.items():
        found.problems.append(
            f"decision {decision_id}: audit entry {entry.seq} ({entry.action}) recorded it"
            " but the case no longer holds it"
        )


def _finding_named(object: str) -> int | None:
    """The finding id in an entry's object, ``finding 12``."""
    head, _, number = object.partition(" ")
    return int(number) if head == "finding" and number.isdigit() else None
