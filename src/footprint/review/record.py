"""Findings a person records on an item (what no analyser reads: a demand for money in a voice note, an
image seen on his story), stored with a confirm decision by the same user and audited in one transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from footprint.analyse.detect.taxonomy import CATEGORIES
from footprint.analyse.law.kb import load_kb
from footprint.case import Case
from footprint.errors import InputError, NotFoundError
from footprint.integrity.digests import run_details, run_of
from footprint.model import Finding
from footprint.review.decisions import checked_reason, require_decider
from footprint.store.decisions import insert_decision, insert_recorded_finding, wait_for_runs
from footprint.store.queries import RECORDED_ANALYSER
from footprint.times import now_utc

SPAN_FORM = "the span must be START:END (character offsets into the item's text), e.g. 7:11"
_MAX_OFFSET = 12  # digits; no text is that long, and int() refuses thousands of them


@dataclass(frozen=True)
class Recorded:
    """The finding a person recorded and the decision on it: ``confirmed``, or ``noted`` when it is a
    suggestion for the officer to confirm (recorded by a role that sees only part of the case)."""

    finding_id: int
    decision_id: int
    decision: str = "confirmed"


def recorded_by(finding: Finding) -> str:
    """The person who recorded a finding, as "NAME (ROLE)"; "" for an analyser's finding."""
    if finding.analyser != RECORDED_ANALYSER:
        return ""
    return f"{finding.details.get('recorded_by')} ({finding.details.get('role')})"


def parse_span(value: str) -> tuple[int, int]:
    """``START:END`` as two offsets (ASCII digits only: ``str.isdigit`` takes "²", which ``int`` refuses)."""
    start, colon, end = value.strip().partition(":")
    if not (colon and _offset(start) and _offset(end)):
        raise InputError(SPAN_FORM)
    return int(start), int(end)


def _offset(value: str) -> bool:
    return 0 < len(value) <= _MAX_OFFSET and value.isascii() and value.isdecimal()


@cache
def recordable_categories() -> tuple[str, ...]:
    """The detection taxonomy, then the categories only the offence knowledge base names (no analyser
    writes them, so a person must record them)."""
    taxonomy = tuple(sorted(CATEGORIES))
    return taxonomy + tuple(sorted(load_kb().finding_categories() - set(taxonomy)))


def no_item(item_id: int) -> NotFoundError:
    """What is said of an item not in the case, or not shown to the acting role (in the same words)."""
    return NotFoundError(
        f"no item {item_id} in this case; list them with `footprint items DIR --json` and use the id shown"
    )


def record_finding(
    case: Case,
    item_id: int,
    category: str,
    reason: str,
    span: tuple[int, int] | None,
    words: str = "",
) -> Recorded:
    """Record the acting user's finding of ``category`` on an item, confirmed by them. The evidence within
    its text is ``span``, or the one place ``words`` occur in it (surrounding spaces ignored); the whole
    text when neither is given. A role that sees only part of the case (an advocate in a case holding
    police material) records a suggestion: the finding is kept with her note, not her confirmation, and
    counts only once a deciding user who sees the whole case confirms it. The check that no one recorded
    the same finding, and its time, are taken under the lock that orders the writers."""
    require_decider(case, "record", "finding")
    allowed = recordable_categories()
    if category not in allowed:
        raise InputError(f"category {category!r} cannot be recorded; use one of {', '.join(allowed)}")
    reason = checked_reason(reason, "recorded finding")
    found = case.store.items_by_id([item_id])
    if not found:
        raise no_item(item_id)
    text = found[0].text
    length = len(text)
    words = words.strip()
    if words and span is not None:
        raise InputError("give the evidence as a span (START:END) or by its words, not both")
    if words:
        span = _span_of(words, text, item_id)
    if span is None:
        spans = ((0, length),) if length else ()
    elif 0 <= span[0] < span[1] <= length:
        spans = (span,)
    else:
        raise InputError(
            f"span {span[0]}:{span[1]} is not within the text of item {item_id} (0:{length}); give a span"
            f" START:END with 0 <= START < END <= {length}, or no span to cite the whole text"
        )
    actor, role = case.settings.actor, case.settings.role
    suggested = case.store.withheld() > 0
    decision = "noted" if suggested else "confirmed"
    said = "suggested for the officer in the case to confirm" if suggested else "recorded"
    details = {"recorded_by": actor, "role": role, "reason": reason}
    if suggested:
        details["suggested"] = "for the officer in the case to confirm"
    with case.transaction() as (tx, record):
        # under the writers' lock (on SQLite the transaction's own), as a decision's: a colleague's finding
        # recorded meanwhile is seen, and the time follows the order the findings are written in
        wait_for_runs(tx.conn)
        _refuse_a_second(case, item_id, category, spans)
        at_utc = now_utc()
        finding_id = insert_recorded_finding(
            tx,
            item_id=item_id,
            category=category,
            spans=spans,
            explanation=f"{said} by {actor} ({role}): {reason}",
            details=details,
            at_utc=at_utc,
        )
        decision_id = insert_decision(
            tx, finding_id=finding_id, user=actor, decision=decision, reason=reason, at_utc=at_utc
        )
        record(
            "record finding",
            f"item {item_id}",
            reason,
            category=category,
            spans=[list(s) for s in spans],
            finding_id=finding_id,
            decision_id=decision_id,
            decision=decision,
            **run_details(tx.conn, run_of(tx.conn, finding_id)),
        )
    return Recorded(finding_id, decision_id, decision)


def _refuse_a_second(case: Case, item_id: int, category: str, spans: tuple[tuple[int, int], ...]) -> None:
    """Refuse a finding a person already recorded (same item, category and words, not dismissed): it
    would count twice in the conduct analysis and the assessment."""
    for f in case.store.findings(category):
        same = (f.analyser, f.item_id, f.spans) == (RECORDED_ANALYSER, item_id, spans)
        if same and f.decision != "dismissed":
            raise InputError(
                f"item {item_id} already has finding #{f.id} of category {category!r} on the same words,"
                f" recorded by {recorded_by(f)}; nothing was added (a second would count twice): add a"
                f" note to #{f.id} instead"
            )


def _span_of(words: str, text: str, item_id: int) -> tuple[int, int]:
    """Where ``words`` stand in ``text``: refused unless exactly once (the person must mean one place)."""
    starts = [m.start() for m in re.finditer(f"(?={re.escape(words)})", text)]
    if not starts:
        raise InputError(
            f"the words {words!r} are not in the text of item {item_id}; copy them exactly from the message,"
            " or give a span START:END"
        )
    if len(starts) > 1:
        raise InputError(
            f"the words {words!r} occur {len(starts)} times in the text of item {item_id}"
            f" (at {', '.join(map(str, starts))}); give a span START:END to choose one"
        )
    return starts[0], starts[0] + len(words)
