"""A finding's state: its latest confirm or dismiss. A note (by anyone: an officer's aside, an advocate's
words for the officer to weigh, a suggested finding) weighs nothing: it never confirms, dismisses or
reopens a finding, and is shown beside its state. Every read of a finding's state goes through here."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Exists, exists, func, select

from footprint.store import schema as t

#: the decisions that set a finding's state (the latest of them is it; none: unreviewed)
STATES = ("confirmed", "dismissed")
#: a decision that sets none
NOTE = "noted"


def sets_state() -> ColumnElement[bool]:
    """A decision that is a confirm or a dismiss (not a note)."""
    return t.decision.c.decision.in_(STATES)


def latest_states() -> Any:
    """A subquery of each finding's latest confirm or dismiss: ``finding_id`` and that decision's ``did``."""
    return (
        select(t.decision.c.finding_id, func.max(t.decision.c.id).label("did"))
        .where(sets_state())
        .group_by(t.decision.c.finding_id)
        .subquery()
    )


def noted(finding_id: ColumnElement[Any]) -> Exists:
    """Whether a note was made on the finding ``finding_id`` names (read from its own alias of
    ``decision``, so a query already joined to the finding's state keeps it)."""
    note = t.decision.alias("note")
    return exists().where(note.c.finding_id == finding_id, note.c.decision == NOTE)
