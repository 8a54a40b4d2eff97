"""`verify` of accounts and conversation members against the `add` entries that wrote them.

Only `add` writes accounts, the names they were seen under with their first and last times, and the
members of an exhibit's conversations. Each `add` records, in its entry, two digests of every account
it wrote or named as they are after it (``account_digests``: its names; its first and last times seen)
and one of its exhibit's conversation members (``member_digests``). An account is compared with the
latest `add` that recorded it: a later `add` that named it again widened its times and recorded it
again. ``docs/integrity.md`` describes both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from footprint.integrity.digests import account_digests, member_digests
from footprint.integrity.verdicts import OLD, RowCheck, differs, entries_named
from footprint.model import AuditEntry
from footprint.store import schema as t

Details = Mapping[int, dict[str, Any]]
#: what each of an account's two digests covers, as a PROBLEM line names it
_ACCOUNT_PARTS = ("display name", "first or last time seen")


def check_accounts(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each account's names and first and last times seen against the latest `add` that recorded them."""
    latest: dict[str, AuditEntry] = {}
    old: list[int] = []  # `add` entries that recorded no account digests
    for entry in entries:
        if entry.action != "add":
            continue
        recorded = details[entry.seq].get("account_digests")
        if isinstance(recorded, dict):
            latest.update(dict.fromkeys(recorded, entry))
        else:
            old.append(entry.seq)
    unchecked = 0
    now = account_digests(conn)
    for key, digests in now.items():
        last = latest.get(key)
        if last is None or (old and old[-1] > last.seq):  # an `add` since may have widened it
            if old:
                unchecked += 1
            else:
                found.problems.append(
                    f"account {key}: no `add` audit entry records it (written outside Footprint)"
                )
            continue
        was = details[last.seq]["account_digests"][key]
        at = f"what `add` recorded at audit entry {last.seq}"
        was = was if isinstance(was, list) and len(was) == len(digests) else [None] * len(digests)
        found.problems.extend(
            f"account {key}: {differs(part)} from {at}"
            for part, recorded, digest in zip(_ACCOUNT_PARTS, was, digests, strict=True)
            if recorded != digest
        )
    found.problems.extend(
        f"account {key}: `add` recorded it at audit entry {entry.seq} but the case no longer holds it"
        for key, entry in latest.items()
        if key not in now
    )
    if unchecked:
        found.notes.append(
            f"accounts: the display names and first and last times seen of {unchecked} account(s) not"
            f" checked; {entries_named(old)} (`add`) did not record them ({OLD})"
        )


def recorded_by_add(
    conn: Connection, entries: list[AuditEntry], details: Details, key: str
) -> tuple[list[tuple[AuditEntry, int, dict[str, Any]]], list[str]]:
    """Each `add` entry of an exhibit still in the case with the digests it recorded under ``key`` (and
    the exhibit's id), and the entries (named) that recorded none, being older."""
    ids = {r.ref: r.id for r in conn.execute(select(t.exhibit.c.ref, t.exhibit.c.id))}
    found: list[tuple[AuditEntry, int, dict[str, Any]]] = []
    old: list[str] = []
    for entry in entries:
        if entry.action != "add" or entry.object not in ids:
            continue
        recorded = details[entry.seq].get(key)
        if isinstance(recorded, dict):
            found.append((entry, ids[entry.object], recorded))
        else:
            old.append(f"{entry.object} (audit entry {entry.seq})")
    return found, old


def check_members(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each exhibit's conversation members against the digest its `add` entry recorded."""
    recorded_digests, old = recorded_by_add(conn, entries, details, "member_digests")
    for entry, exhibit_id, recorded in recorded_digests:
        now = member_digests(conn, exhibit_id)
        what, at = (
            f"conversation members of {entry.object}",
            f"what `add` recorded at audit entry {entry.seq}",
        )
        if recorded.get("members") != now["members"]:
            found.problems.append(f"{what}: {now['members']} now, {recorded.get('members')} in {at}")
        elif recorded.get("digest") != now["digest"]:
            found.problems.append(f"{what}: who they are differs from {at}")
    if old:
        found.notes.append(f"conversation members of {', '.join(old)}: no digest recorded ({OLD})")
