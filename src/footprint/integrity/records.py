"""`verify` of the records beside items and findings against the audit entries that wrote them.

Court orders, their service and notice records, exhibits' supply and owner records, attributions, links'
decisions and advocates' suggested links and attributions are compared field by field with what their
entries already recorded (each entry writes one row; an order's or exhibit's rows and entries are paired
in order). An exhibit's warnings, a
linkage run's links and the copies of earlier items are checked against the digests and counts their
entries recorded. ``docs/integrity.md`` lists what each is compared with.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, func, select

from footprint.integrity.accounts import check_accounts, check_members, recorded_by_add
from footprint.integrity.digests import copy_digests, link_digests, warning_digests
from footprint.integrity.verdicts import OLD, RowCheck, compare, differs, entries_named
from footprint.model import AuditEntry
from footprint.store import schema as t
from footprint.store.links import LINKAGE_BASIS
from footprint.store.suggestions import SUGGESTING

Details = Mapping[int, dict[str, Any]]
#: what each kind of record is called in a PROBLEM line
_ORDER_RECORDS = {"order served": "service record", "order notice": "notice record"}
_DECIDED = {"link accept": "accepted", "link reject": "rejected"}
#: the entries that record copies of earlier items (`add`: its own exhibit's, by earlier exhibit)
_RECORDING_COPIES = ("add", "account attribute", "link accept")
#: the one group every suggestion's row is paired in (by its id)
SUGGESTIONS = "suggestions"


def check_records(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Every check of this module, in the order `verify` prints them."""
    _check_orders(conn, entries, details, found)
    _check_order_records(conn, entries, details, found)
    _check_supply(conn, entries, details, found)
    _check_owners(conn, entries, details, found)
    _check_attributions(conn, entries, details, found)
    _check_links(conn, entries, details, found)
    _check_suggestions(conn, entries, details, found)
    _check_warnings(conn, entries, details, found)
    _check_copies(conn, entries, details, found)
    check_accounts(conn, entries, details, found)
    check_members(conn, entries, details, found)


def _order_id(entry: AuditEntry) -> int | None:
    head, _, number = entry.object.partition(" ")
    return int(number) if head == "order" and number.isdigit() else None


def _check_orders(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each court order against its `order add` entry."""
    protects, against = t.person.alias("protects"), t.person.alias("against")
    rows = conn.execute(
        select(t.court_order, protects.c.name.label("protects"), against.c.name.label("against"))
        .outerjoin(protects, protects.c.id == t.court_order.c.protects_person_id)
        .outerjoin(against, against.c.id == t.court_order.c.against_person_id)
        .order_by(t.court_order.c.id)
    ).all()
    added = {_order_id(e): e for e in entries if e.action == "order add"}
    for row in rows:
        entry = added.pop(row.id, None)
        if entry is None:
            found.problems.append(
                f"order {row.id}: no `order add` audit entry records it (written outside Footprint)"
            )
            continue
        recorded = details[entry.seq]
        now = {
            "type": row.type,
            "made_utc": row.made_utc,
            "expires_utc": row.expires_utc,
            "protects": row.protects,
            "against": row.against,
            "conditions": json.loads(row.conditions or "[]"),
            "source": _json_object(row.source).get("via", row.source),  # not JSON: compared as it is
        }
        at = f"what `order add` recorded at audit entry {entry.seq}"
        found.problems.extend(
            f"order {row.id}: {differs(name)} from {at}"
            for name, value in now.items()
            if name in recorded and recorded[name] != value
        )
    found.problems.extend(
        f"order {order_id}: `order add` recorded it at audit entry {entry.seq} but the case no longer"
        " holds it"
        for order_id, entry in added.items()
    )


def _check_order_records(
    conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck
) -> None:
    """Each order's service and notice records against the `order served` / `order notice` entries."""
    for action, table, fields, id_field in (
        ("order served", t.order_service, ("aware_utc", "aware_raw", "means"), "service_id"),
        ("order notice", t.order_notice, ("without_notice", "reason"), "notice_id"),
    ):
        rows: dict[Any, list[Row[Any]]] = defaultdict(list)
        for row in conn.execute(select(table).order_by(table.c.id)):
            rows[row.order_id].append(row)
        name = _ORDER_RECORDS[action]
        made = []
        for entry in entries:
            if entry.action == action:
                recorded = details[entry.seq]
                order_id = _order_id(entry)
                was = {f: recorded[f] for f in fields if f in recorded}
                was = {"order": order_id, **was, "recorded_by": entry.actor}
                made.append(_Made(entry, order_id, was, _row_id(recorded, id_field)))

        def now(row: Row[Any], fields: tuple[str, ...] = fields) -> dict[str, Any]:
            return {
                "order": row.order_id,
                **{f: getattr(row, f) for f in fields},
                "recorded_by": row.recorded_by,
            }

        def row_name(order_id: Any, row: Any, name: str = name) -> str:
            return f"{name} {row.id} of order {order_id}"

        def gone(made: _Made, name: str = name) -> str:
            return f"{name}s of order {made.group}: `{made.entry.action}` recorded one"

        _pair(rows, made, row_name, gone, now, found)


def _check_supply(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each exhibit's supply records against the `add` or `exhibit supplied` entry that made them."""
    refs = {r.id: r.ref for r in conn.execute(select(t.exhibit.c.id, t.exhibit.c.ref))}
    rows: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in conn.execute(select(t.exhibit_supply).order_by(t.exhibit_supply.c.id)):
        rows[_exhibit_named(refs, row.exhibit_id)].append(row)
    made = []
    for entry in entries:
        recorded = details[entry.seq]
        if entry.action == "exhibit supplied" or (entry.action == "add" and recorded.get("supplied_by")):
            was = {
                "exhibit": entry.object,
                "supplied_by": recorded.get("supplied_by"),
                "by_user": entry.actor,
                "role": entry.role,
            }
            reason = (
                entry.justification if entry.action == "exhibit supplied" else recorded.get("supplied_reason")
            )
            was = was if reason is None else {**was, "reason": reason}
            made.append(_Made(entry, entry.object, was, _row_id(recorded, "supply_id")))

    def now(row: Row[Any]) -> dict[str, Any]:
        return {
            "exhibit": _exhibit_named(refs, row.exhibit_id),
            "supplied_by": row.supplied_by,
            "by_user": row.by_user,
            "role": row.role,
            "reason": row.reason,
        }

    def row_name(ref: Any, row: Any) -> str:
        return f"supply record {row.id} of exhibit {ref}"

    def gone(made: _Made) -> str:
        return f"supply records of exhibit {made.group}: `{made.entry.action}` recorded one"

    _pair(rows, made, row_name, gone, now, found)


def _check_owners(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each exhibit's owner records against the `exhibit owner` entry that made them."""
    refs = {r.id: r.ref for r in conn.execute(select(t.exhibit.c.id, t.exhibit.c.ref))}
    rows: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in conn.execute(select(t.exhibit_owner).order_by(t.exhibit_owner.c.id)):
        rows[_exhibit_named(refs, row.exhibit_id)].append(row)
    made = [
        _Made(
            entry,
            entry.object,
            {
                "exhibit": entry.object,
                "owner": details[entry.seq].get("owner"),
                "corrects": details[entry.seq].get("corrects"),
                "by_user": entry.actor,
                "role": entry.role,
                "reason": entry.justification,
            },
            _row_id(details[entry.seq], "owner_id"),
        )
        for entry in entries
        if entry.action == "exhibit owner"
    ]

    def now(row: Row[Any]) -> dict[str, Any]:
        return {
            "exhibit": _exhibit_named(refs, row.exhibit_id),
            "owner": row.owner,
            "corrects": row.corrects,
            "by_user": row.by_user,
            "role": row.role,
            "reason": row.reason,
        }

    def row_name(ref: Any, row: Any) -> str:
        return f"owner record {row.id} of exhibit {ref}"

    def gone(made: _Made) -> str:
        return f"owner records of exhibit {made.group}: `{made.entry.action}` recorded one"

    _pair(rows, made, row_name, gone, now, found)


def _check_attributions(
    conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck
) -> None:
    """Each account's attributions against the entries that made them: `account attribute`, `link accept`
    (each account it attributed) and `add --owner`; withdrawn by `link reject`."""
    made: list[_Made] = []
    withdrawn: set[int] = set()
    old: list[int] = []
    for entry in entries:
        recorded = details[entry.seq]
        if entry.action == "account attribute":
            was = _attribution(entry.object, recorded.get("person"), recorded.get("basis"), entry)
            made.append(_Made(entry, entry.object, was, _row_id(recorded, "attribution_id")))
        elif entry.action == "link accept":
            basis = f"{LINKAGE_BASIS}{entry.actor}: {entry.justification}"
            made.extend(_attributed(entry, recorded, recorded.get("person"), basis))
        elif entry.action == "add" and recorded.get("owner_account"):
            if "attributed" not in recorded:
                old.append(entry.seq)
            owner = recorded.get("owner")
            basis = f"the export's own account; {owner} given as its owner"
            made.extend(_attributed(entry, recorded, owner, basis))
        elif entry.action == "link reject":
            withdrawn.update(recorded.get("withdrawn_attributions", []))
    if old:
        found.notes.append(
            f"attributions: not checked; {entries_named(old)} did not record whether `add --owner` attributed"
            f" the export's own account ({OLD})"
        )
        return
    account, person = t.account.alias("attributed_account"), t.person.alias("attributed_person")
    rows: dict[Any, list[Row[Any]]] = defaultdict(list)
    for row in conn.execute(
        select(t.attribution, account.c.key, person.c.name)
        .outerjoin(account, account.c.id == t.attribution.c.account_id)
        .outerjoin(person, person.c.id == t.attribution.c.person_id)
        .order_by(t.attribution.c.id)
    ):
        rows[row.key].append(row)

    def now(row: Row[Any]) -> dict[str, Any]:
        return {
            "account": row.key,
            "person": row.name,
            "basis": row.basis,
            "by_user": row.by_user,
            "status": row.status,
        }

    def expect(made: _Made, row: Row[Any]) -> dict[str, Any]:
        return {**made.fields, "status": "rejected" if row.id in withdrawn else "accepted"}

    def row_name(key: Any, row: Any) -> str:
        return f"attribution {row.id} ({key})"

    def gone(made: _Made) -> str:
        return f"attribution of {made.group} to {made.fields['person']}: `{made.entry.action}` recorded it"

    _pair(rows, made, row_name, gone, now, found, expect)


def _attributed(entry: AuditEntry, recorded: dict[str, Any], person: Any, basis: str) -> list[_Made]:
    """The attributions an `add --owner` or `link accept` entry made (``attributed``), with the ids it
    recorded beside them (``attribution_ids``; none before it did)."""
    keys = recorded.get("attributed", [])
    ids = recorded.get("attribution_ids")
    ids = ids if isinstance(ids, list) and len(ids) == len(keys) else [None] * len(keys)
    return [
        _Made(
            entry, key, _attribution(key, person, basis, entry), row_id if isinstance(row_id, int) else None
        )
        for key, row_id in zip(keys, ids, strict=True)
    ]


def _attribution(key: str, person: Any, basis: Any, entry: AuditEntry) -> dict[str, Any]:
    return {"account": key, "person": person, "basis": basis, "by_user": entry.actor}


def _check_links(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each link against the digests of the run that stored it, and its status against the decisions
    (`link accept`, `link reject`) on it — or, before any, on the same pair of accounts."""
    a, b = t.account.alias("link_a"), t.account.alias("link_b")
    rows = conn.execute(
        select(t.link.c.id, t.link.c.run_id, t.link.c.status, a.c.key.label("a"), b.c.key.label("b"))
        .outerjoin(a, a.c.id == t.link.c.account_a_id)
        .outerjoin(b, b.c.id == t.link.c.account_b_id)
        .order_by(t.link.c.id)
    ).all()
    stored_at = {details[e.seq]["run"]: e for e in entries if isinstance(details[e.seq].get("run"), int)}
    decisions = [e for e in entries if e.action in ("link accept", "link reject")]
    old: list[int] = []
    for run_id in sorted({row.run_id for row in rows}):
        entry = stored_at.get(run_id)
        if entry is None:  # the run's own check names it
            continue
        recorded = details[entry.seq].get("link_digests")
        if not isinstance(recorded, dict):
            old.append(entry.seq)
            continue
        at = f"what `{entry.action}` recorded at audit entry {entry.seq}"
        compare(f"links of analyser run {run_id}", recorded, link_digests(conn, run_id), "links", at, found)
    if old:
        found.notes.append(f"links of {entries_named(old)}: no digest recorded ({OLD})")
    for row in rows:
        decided = _decision_on(row, stored_at.get(row.run_id), decisions, details)
        status = _DECIDED[decided.action] if decided else "proposed"
        if row.status != status:
            why = f"`{decided.action}` at audit entry {decided.seq}" if decided else "no decision on it"
            found.problems.append(f"link {row.id} ({row.a} ~ {row.b}): {row.status} now, {status} by {why}")


def _decision_on(
    link: Any, stored: AuditEntry | None, decisions: list[AuditEntry], details: Details
) -> AuditEntry | None:
    """The latest decision on the link; before any, the latest on its pair of accounts before the run
    that stored it (a new run keeps the pair's decision)."""
    on_link = [e for e in decisions if details[e.seq].get("link_id") == link.id]
    if on_link:
        return on_link[-1]
    pair = {f"{link.a} ~ {link.b}", f"{link.b} ~ {link.a}"}
    before = [e for e in decisions if e.object in pair and stored is not None and e.seq < stored.seq]
    return before[-1] if before else None


def _check_suggestions(
    conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck
) -> None:
    """Each suggested link and attribution against the `link suggest` or `account suggest` entry that made
    it, by the row's id (every such entry records it)."""
    fields = ("kind", "account_a", "account_b", "person")
    rows = {SUGGESTIONS: list(conn.execute(select(t.suggestion).order_by(t.suggestion.c.id)))}
    made = [
        _Made(
            entry,
            SUGGESTIONS,
            {name: details[entry.seq].get(name) for name in fields}
            | {"user": entry.actor, "role": entry.role, "note": entry.justification},
            _row_id(details[entry.seq], "suggestion_id"),
        )
        for entry in entries
        if entry.action in SUGGESTING
    ]

    def now(row: Row[Any]) -> dict[str, Any]:
        return {name: getattr(row, name) for name in (*fields, "user", "role", "note")}

    def row_name(_group: Any, row: Any) -> str:
        return f"suggestion {row.id} ({row.kind})"

    def gone(made: _Made) -> str:
        return f"suggestion {made.row_id} ({made.fields['kind']}): `{made.entry.action}` recorded it"

    _pair(rows, made, row_name, gone, now, found)


def _check_warnings(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """Each exhibit's warnings against the digest its `add` entry recorded."""
    recorded_digests, old = recorded_by_add(conn, entries, details, "warning_digests")
    for entry, exhibit_id, recorded in recorded_digests:
        at = f"what `add` recorded at audit entry {entry.seq}"
        compare(
            f"warnings of {entry.object}",
            recorded,
            warning_digests(conn, exhibit_id),
            "warnings",
            at,
            found,
        )
    if old:
        found.notes.append(f"warnings of {', '.join(old)}: no digest recorded ({OLD})")


def _check_copies(conn: Connection, entries: list[AuditEntry], details: Details, found: RowCheck) -> None:
    """How many items of each exhibit are recorded as copies of each earlier exhibit's, against the
    counts the entries that recorded them (`add`, `account attribute`, `link accept`) gave; then which
    items they repeat, by what rule, against the digest the latest of those entries recorded
    (``copy_digests``: of all the pair's copies, as they were after it)."""
    of_item = t.item.alias("of_item")
    of_exhibit = t.exhibit.alias("of_exhibit")
    now = Counter(
        {
            (ref, of_ref): n
            for ref, of_ref, n in conn.execute(
                select(t.exhibit.c.ref, of_exhibit.c.ref, func.count())
                .select_from(t.item_copy)
                .join(t.item, t.item.c.id == t.item_copy.c.item_id)
                .join(t.exhibit, t.exhibit.c.id == t.item.c.exhibit_id)
                .join(of_item, of_item.c.id == t.item_copy.c.of_item_id)
                .join(of_exhibit, of_exhibit.c.id == of_item.c.exhibit_id)
                .group_by(t.exhibit.c.ref, of_exhibit.c.ref)
            )
        }
    )
    was: Counter[tuple[str, str]] = Counter()
    seqs: dict[str, list[int]] = defaultdict(list)
    latest: dict[tuple[str, str], tuple[AuditEntry, Any]] = {}  # the pair's last entry, its digests
    for entry in entries:
        copies = details[entry.seq].get("copies")
        if entry.action not in _RECORDING_COPIES or not isinstance(copies, dict):
            continue
        digests = details[entry.seq].get("copy_digests")
        by_exhibit = {entry.object: copies} if entry.action == "add" else copies
        digested = {entry.object: digests} if entry.action == "add" else digests
        for ref, counts in by_exhibit.items():
            if isinstance(counts, dict):
                for of_ref, n in counts.items():
                    was[(ref, of_ref)] += n
                    latest[(ref, of_ref)] = (entry, digested.get(ref) if isinstance(digested, dict) else None)
                seqs[ref].append(entry.seq)
    digests_now = copy_digests(conn)
    old: list[str] = []
    for ref, of_ref in sorted(set(now) | set(was)):
        what = f"copies in {ref} of items of {of_ref}"
        if now[(ref, of_ref)] != was[(ref, of_ref)]:
            where = entries_named(seqs[ref]) if seqs[ref] else "no audit entry"
            found.problems.append(
                f"{what}: {now[(ref, of_ref)]} recorded now, {was[(ref, of_ref)]} in what {where} recorded"
            )
            continue
        entry, recorded = latest[(ref, of_ref)]
        if not isinstance(recorded, dict):
            old.append(f"{ref} of items of {of_ref} (audit entry {entry.seq})")
        elif recorded.get(of_ref) != digests_now.get(ref, {}).get(of_ref):
            found.problems.append(
                f"{what}: the items they repeat, or the rule, differ from what audit entry {entry.seq}"
                " recorded"
            )
    if old:
        found.notes.append(f"copies in {', '.join(old)}: which items they repeat not recorded ({OLD})")


@dataclass(frozen=True)
class _Made:
    """One row an audit entry wrote, as the entry recorded it."""

    entry: AuditEntry
    group: Any  # the order, exhibit or account the row belongs to
    fields: dict[str, Any]  # what the entry recorded of the row, by the row's field names
    row_id: int | None  # the row's id, as the entry recorded it (entries written before they did: None)


def _row_id(recorded: Mapping[str, Any], name: str) -> int | None:
    value = recorded.get(name)
    return value if isinstance(value, int) else None


def _exhibit_named(refs: Mapping[int, str], exhibit_id: int) -> str:
    return refs.get(exhibit_id, f"#{exhibit_id}")


def _pair(
    rows: Mapping[Any, list[Row[Any]]],
    made: list[_Made],
    row_name: Callable[[Any, Row[Any]], str],
    gone: Callable[[_Made], str],
    now: Callable[[Row[Any]], dict[str, Any]],
    found: RowCheck,
    expect: Callable[[_Made, Row[Any]], dict[str, Any]] = lambda made, _row: made.fields,
) -> None:
    """Pair each row with the entry that wrote it and name each field that differs: by the row's id where
    the entry recorded it, so rows written by two writers at once (ids and entries in different orders)
    pair up, and two rows' contents swapped are named; else, for entries written before they recorded
    the id, in order within each group (rows in id order, entries in order), one row each. A row no entry
    pairs with, and an entry whose row is gone, are named too."""
    by_id = {row.id: (group, row) for group, listed in rows.items() for row in listed}
    pairs: dict[Any, list[tuple[Row[Any], _Made]]] = defaultdict(list)
    in_order: dict[Any, list[_Made]] = defaultdict(list)
    missing: dict[Any, list[_Made]] = defaultdict(list)
    for one in made:
        if one.row_id is None:
            in_order[one.group].append(one)
        elif one.row_id in by_id:
            group, row = by_id.pop(one.row_id)
            pairs[group].append((row, one))
        else:
            missing[one.group].append(one)
    left: dict[Any, list[Row[Any]]] = defaultdict(list)
    for group, row in by_id.values():
        left[group].append(row)
    for group in sorted(set(rows) | set(in_order) | set(missing), key=str):
        free, old = left[group], in_order[group]
        for row, one in sorted([*pairs[group], *zip(free, old, strict=False)], key=lambda pair: pair[0].id):
            stored = now(row)
            at = f"what `{one.entry.action}` recorded at audit entry {one.entry.seq}"
            found.problems.extend(
                f"{row_name(group, row)}: {differs(name)} from {at}"
                for name, value in expect(one, row).items()
                if stored[name] != value
            )
        found.problems.extend(
            f"{row_name(group, row)}: no audit entry records it (written outside Footprint)"
            for row in free[len(old) :]
        )
        found.problems.extend(
            f"{gone(one)} at audit entry {one.entry.seq} but the case no longer holds it"
            for one in [*missing[group], *old[len(free) :]]
        )


def _json_object(text: str | None) -> dict[str, Any]:
    try:
        loaded = json.loads(text or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
