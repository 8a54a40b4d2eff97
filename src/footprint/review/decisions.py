"""Decisions on findings: append-only, each with a reason and an audit entry in the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from footprint.case import Case
from footprint.deciders import require_whole_view
from footprint.errors import AccessDeniedError, ChangedMeanwhileError, InputError, NotFoundError
from footprint.model import Finding
from footprint.store.decisions import (
    StoredDecision,
    decisions_for,
    finding_summary,
    insert_decision,
    wait_for_runs,
)
from footprint.store.scope import supplied_only
from footprint.times import now_utc

# What the reviewer does -> what is stored.
DECISIONS = {"confirm": "confirmed", "dismiss": "dismissed", "note": "noted"}
# Roles that may read the case but not decide on findings (every other role may decide).
READ_ONLY_ROLES = frozenset({"viewer"})


def may_decide(role: str) -> bool:
    """Whether a user acting in ``role`` may confirm, dismiss or note findings."""
    return role not in READ_ONLY_ROLES


def may_manage(role: str) -> bool:
    """Whether a user acting in ``role`` may change who sees or decides what (mark an exhibit as supplied by
    the complainant; add, disable or set the password of a user): a deciding role that sees the whole case.
    An advocate may not widen what she herself sees."""
    return may_decide(role) and not supplied_only(role)


def require_decider(case: Case, verb: str, what: str) -> None:
    """Refuse a user whose role may only read findings (``verb`` them: ``decide on`` / ``record``)."""
    role = case.settings.role
    if not may_decide(role):
        raise AccessDeniedError(
            f"{case.settings.actor} acts as {role!r}, which may read findings but not {verb} them;"
            f" a reviewer, investigator, prosecutor or advocate must record the {what}"
        )


NOTE_INSTEAD = (
    "she may record what she knows as a note on the finding for the officer to weigh"
    " (`footprint review DIR ID --note --reason TEXT`, or Note in the review app)"
)


def checked_reason(reason: str, what: str) -> str:
    """The reason for a ``what`` without surrounding spaces; refused when empty or holding a NUL (the
    refusal is worded for the command line and the review app alike: it names no flag or field)."""
    if "\x00" in reason:  # PostgreSQL's text cannot hold it
        raise InputError("a reason may not contain a NUL character; remove it and try again")
    reason = reason.strip()
    if not reason:
        raise InputError(f"every {what} needs a reason (it is kept in the audit log); give one and try again")
    return reason


def no_finding(finding_id: int) -> NotFoundError:
    """What is said of a finding not in the case, or not shown to the acting role (in the same words)."""
    return NotFoundError(
        f"no finding {finding_id} in this case; use an id the list of findings shows"
        " (`footprint findings DIR` or the review app)"
    )


@dataclass(frozen=True)
class Decided:
    """A decision recorded: its id, and the latest decision shown on the finding before it, as read under
    the lock that orders the writers (None when there was none)."""

    id: int
    replaced: StoredDecision | None


class DecidedMeanwhileError(ChangedMeanwhileError):
    """Someone decided on the finding after the decision the deciding user last saw (``latest``: the
    latest decision now shown on it; None only when a form not made by the app named one that is not)."""

    def __init__(self, message: str, latest: StoredDecision | None) -> None:
        super().__init__(message)
        self.latest = latest


def decide(
    case: Case,
    finding_id: int,
    action: str,
    reason: str,
    *,
    seen: str | None = None,
    name: Callable[[int], str] = str,
) -> Decided:
    """Record the acting user's decision on a finding. ``seen``: the latest decision on it the user saw
    (as ``name`` names a decision's id; "" for none); when another is the latest by the time the decision
    is written, nothing is recorded (``DecidedMeanwhileError``). The check, the time and the decision are
    taken under the lock that orders the writers, so two deciding at once are told apart."""
    require_decider(case, "decide on", "decision")
    if action not in DECISIONS:
        raise InputError(f"decision {action!r} is not known; use one of {', '.join(DECISIONS)}")
    if action != "note":
        require_whole_view(case, f"{action.rstrip('e')}ing a finding", NOTE_INSTEAD)
    reason = checked_reason(reason, "decision")
    visible = case.store.finding_visible(finding_id)
    found = finding_summary(case.store.unscoped_engine, finding_id) if visible else None
    if found is None:
        raise no_finding(finding_id)
    category, analyser = found
    decision = DECISIONS[action]
    with case.transaction() as (tx, record):
        wait_for_runs(tx.conn)  # the writers' lock (on SQLite the transaction's own): what is read now stands
        replaced = _latest_shown(case, finding_id, seen, name)
        decision_id = insert_decision(
            tx,
            finding_id=finding_id,
            user=case.settings.actor,
            decision=decision,
            reason=reason,
            at_utc=now_utc(),
        )
        record(
            f"review {action}",
            f"finding {finding_id}",
            reason,
            decision=decision,
            category=category,
            analyser=analyser,
            decision_id=decision_id,
        )
    return Decided(decision_id, replaced)


def _latest_shown(
    case: Case, finding_id: int, seen: str | None, name: Callable[[int], str]
) -> StoredDecision | None:
    """The latest decision shown on the finding (its own, or an earlier run's it carries); refused unless
    it is ``seen`` (when given). A finding no longer in the latest runs is left to ``insert_decision``,
    which says why in its own words."""
    found = case.store.findings(finding_id=finding_id)
    decisions = shown_history(case, found[0]) if found else []
    latest = decisions[-1] if decisions else None
    if found and seen is not None and (name(latest.id) if latest else "") != seen:
        what = (
            f"{latest.user} recorded a decision on this finding ({latest.decision})"
            if latest
            else "the decisions on this finding changed"  # only a form not made by the app
        )
        raise DecidedMeanwhileError(
            f"{what} after you opened it; read it in the history and decide again", latest
        )
    return latest


def history(case: Case, finding_id: int) -> list[StoredDecision]:
    """Every decision on a finding, oldest first (none on a finding the acting role may not see)."""
    if not case.store.finding_visible(finding_id):
        return []
    return decisions_for(case.store.unscoped_engine, finding_id)


def shown_history(case: Case, finding: Finding) -> list[StoredDecision]:
    """The decisions shown on a finding, oldest first: those on the earlier finding its state or note is
    carried from (``Finding.decided_on``) and its own (a note made on it since, which sets no state)."""
    own = history(case, finding.id)
    if finding.decided_on is None:
        return own
    return sorted([*history(case, finding.decided_on), *own], key=lambda d: d.id)
