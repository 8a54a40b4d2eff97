"""SQL for an advocate's suggested links and attributions (``suggestion``, migration 0019: append-only) and
the audit entries that decide them (``review.suggestions``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine, insert, select

from footprint.model import AuditEntry
from footprint.store import schema as t

if TYPE_CHECKING:
    from footprint.store.case_store import StoreTx

#: a suggestion's kinds: a link, an attribution to a person in the case, or to someone not yet in it (a name
#: she typed: no person is created)
LINK, ATTRIBUTION, NEW_PERSON = "link", "attribution", "new person"
#: the audit action that records each kind of suggestion (its details name the row: ``suggestion_id``)
SUGGESTING = {"link suggest": (LINK,), "account suggest": (ATTRIBUTION, NEW_PERSON)}
#: the audit actions of a deciding user that may decide one
DECIDING = ("link accept", "link reject", "account attribute")


@dataclass(frozen=True)
class StoredSuggestion:
    """A suggested link (``account_b`` set) or attribution (``person`` set: someone in the case, or with the
    kind ``NEW_PERSON`` a name not yet a person in it), with the audit entry that recorded it (``seq``)."""

    id: int
    kind: str
    account_a: str
    account_b: str | None
    person: str | None
    user: str
    role: str
    note: str
    at_utc: str
    seq: int


def add_suggestion(
    tx: StoreTx,
    *,
    kind: str,
    account_a: str,
    account_b: str | None,
    person: str | None,
    user: str,
    role: str,
    note: str,
    at_utc: str,
) -> int:
    """Record a suggestion (a new row; nothing else changes); return its id."""
    return tx.inserted_id(
        insert(t.suggestion).values(
            kind=kind,
            account_a=account_a,
            account_b=account_b,
            person=person,
            user=user,
            role=role,
            note=note,
            at_utc=at_utc,
        )
    )


def stored_suggestions(engine: Engine) -> tuple[list[StoredSuggestion], list[AuditEntry]]:
    """Every suggestion an audit entry records, oldest first, and every entry that may have decided one
    since the first (``DECIDING``), in order. A row no entry records (written outside Footprint: `verify`
    names it) is left out."""
    with engine.connect() as conn:
        made: dict[int, int] = {}
        for seq, details in conn.execute(
            select(t.audit.c.seq, t.audit.c.details).where(t.audit.c.action.in_(sorted(SUGGESTING)))
        ):
            row_id = json.loads(details).get("suggestion_id")
            if isinstance(row_id, int):
                made[row_id] = seq
        rows = conn.execute(select(t.suggestion).order_by(t.suggestion.c.id)).all()
        first = min(made.values(), default=None)
        decisions = (
            []
            if first is None
            else [
                AuditEntry(**r._mapping)
                for r in conn.execute(
                    select(t.audit)
                    .where(t.audit.c.action.in_(DECIDING), t.audit.c.seq > first)
                    .order_by(t.audit.c.seq)
                )
            ]
        )
    suggestions = [
        StoredSuggestion(
            r.id, r.kind, r.account_a, r.account_b, r.person, r.user, r.role, r.note, r.at_utc, made[r.id]
        )
        for r in rows
        if r.id in made
    ]
    return sorted(suggestions, key=lambda s: s.seq), decisions
