"""`verify` of the advocate's finding numbers (``finding_number``) against the writes that gave them.

Each write that gives numbers (an analyser's run, a relationship, a recorded finding, an exhibit marked as
the complainant's) records in its audit entry the digests of every number row as it found them and as it
left them (``store.finding_numbers.recorded_numbers``). The rows as they are now are compared with what
the latest of those entries left, and each entry's rows as it found them with what the one before it left:
a row changed, removed or added outside Footprint is named, whether after the latest such write or between
two of them (``docs/integrity.md``, "The advocate's finding numbers").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from footprint.integrity.verdicts import OLD, RowCheck, compare, differs, entries_named
from footprint.model import AuditEntry
from footprint.store.finding_numbers import NUMBER_FIELDS, NUMBERS_KEY, number_digests

Details = Mapping[int, dict[str, Any]]
#: audit actions whose writes give numbers (`add` too, when it marks the exhibit as hers)
NUMBERING = ("analyse", "relationship add", "record finding", "exhibit supplied")
_WHAT = "finding numbers"


def check_finding_numbers(
    conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck
) -> None:
    """The number rows now against the latest entry that recorded them, and each such entry against the
    one before it; a note where a write that recorded nothing (an older Footprint's) stands between."""
    recorded: list[tuple[AuditEntry, dict[str, Any]]] = []
    old: list[int] = []  # writes that gave numbers and recorded none
    for entry in entries:
        numbers = details[entry.seq].get(NUMBERS_KEY)
        if isinstance(numbers, dict):
            recorded.append((entry, numbers))
        elif entry.action in NUMBERING or (entry.action == "add" and details[entry.seq].get("supplied_by")):
            old.append(entry.seq)
    now = number_digests(conn)
    if not recorded:
        if now["rows"]:
            found.notes.append(
                f"{_WHAT}: {now['rows']} row(s) not checked; no audit entry recorded them ({OLD})"
            )
        return
    unchecked: list[int] = []
    for (was, left), (entry, numbers) in zip(recorded, recorded[1:], strict=False):
        between = [seq for seq in old if was.seq < seq < entry.seq]
        if _as_found(numbers) == left.get("after"):
            continue
        if between:
            unchecked.extend(between)
            continue
        _between(was, left, entry, numbers, found)
    last, numbers = recorded[-1]
    since = [seq for seq in old if seq > last.seq]
    if since:
        unchecked.extend(since)
    else:
        at = f"what `{last.action}` recorded at audit entry {last.seq}"
        compare(_WHAT, _as_found(numbers, "after"), now, "rows", at, found)
    if unchecked:
        found.notes.append(
            f"{_WHAT}: not checked across {entries_named(unchecked)}, which gave numbers without recording"
            f" them ({OLD})"
        )


def _as_found(numbers: Mapping[str, Any], key: str = "before") -> dict[str, Any]:
    value = numbers.get(key)
    return value if isinstance(value, dict) else {}


def _between(
    was: AuditEntry, left: Mapping[str, Any], entry: AuditEntry, numbers: Mapping[str, Any], found: RowCheck
) -> None:
    """Name what differs between the rows ``was`` left and those ``entry`` found."""
    after, before = _as_found(left, "after"), _as_found(numbers)
    named = f"`{entry.action}` found at audit entry {entry.seq}"
    since = f"what `{was.action}` left at audit entry {was.seq} (changed outside Footprint between them)"
    if after.get("rows") != before.get("rows"):
        found.problems.append(f"{_WHAT}: {before.get('rows')} rows {named}, {after.get('rows')} in {since}")
    found.problems.extend(
        f"{_WHAT}: {differs(name)} in what {named} from {since}"
        for name in NUMBER_FIELDS
        if before.get(name) != after.get(name)
    )
