"""Conduct findings that rest on a finding a reviewer dismissed after the conduct analysers ran (or, for
a course of conduct's request to stop, that a later analysis replaced).

The offence matrix is recomputed from the decisions when the report is built; course of conduct,
escalation, contact after a request and order breaches are the stored findings of the last `analyse`,
so one may still count a finding since dismissed. The report says so on the finding and at the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from footprint.analyse.conduct.escalation import SEVERITY
from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.model import AuditEntry, Finding
from footprint.report.sections import FindingView, Ref, item_ids_in
from footprint.store.finding_state import STATES
from footprint.store.report_queries import DecisionRow
from footprint.times import uk_display

AGAIN = "run `footprint analyse` again"
# The categories of finding that make an item his conduct, each with a stated severity (her words and
# account links have none).
CONDUCT = frozenset(SEVERITY)
# Breach conditions that read the findings on the item (the rest read who sent it, to whom, and where).
BREACH_RULES_READING_FINDINGS = frozenset({"conduct.breach.molest", "conduct.breach.zone"})


def mark_stale(
    views: Sequence[FindingView],
    findings: Iterable[Finding],
    decisions: Mapping[int, tuple[DecisionRow, ...]],
    entries: Iterable[AuditEntry],
    refs: Mapping[int, Ref],
) -> tuple[FindingView, ...]:
    """``views`` with ``stale`` set on each whose items carry a detection finding dismissed after the run
    of the analyser that made it: "Rests on finding #N (JD/1 line 11), dismissed by … after this analysis".
    "After" is by the audit log's order (the run's `analyse` entry, the decision's `review` entry), which
    the clock cannot blur. A course of conduct also when the request to stop it counted from was dismissed
    after it, or replaced by a later analysis (:func:`_request_gone`)."""
    analysed: dict[str, int] = {}
    reviewed: dict[str, int] = {}
    for e in entries:
        if e.action == "analyse":
            analysed[e.object] = e.seq
        elif e.action.startswith("review "):
            reviewed[e.object] = e.seq
    findings = list(findings)
    dismissed: dict[int, list[tuple[Finding, DecisionRow]]] = {}
    for f in findings:
        last = _states(decisions.get(f.decisions_on, ()))
        if (
            f.category in DETECT_CATEGORIES
            and f.item_id is not None
            and last
            and last[-1].decision == "dismissed"
        ):
            dismissed.setdefault(f.item_id, []).append((f, last[-1]))
    out = []
    for v in views:
        ran = analysed.get(v.finding.analyser, 0)
        used = _rests_on(v)
        words = tuple(
            f"Rests on finding #{f.id} ({refs[i].exhibit} {refs[i].locator}), dismissed by {d.user} on"
            f" {uk_display(d.at_utc)} after this analysis; {AGAIN}"
            for i, categories in used.items()
            if i in refs
            for f, d in dismissed.get(i, ())
            if (categories is None or f.category in categories)
            and reviewed.get(f"finding {f.decisions_on}", 0) > ran
        )
        words += _request_gone(v, findings, decisions, reviewed, ran, refs)
        out.append(replace(v, stale=words) if words else v)
    return tuple(out)


def _request_gone(
    v: FindingView,
    findings: Sequence[Finding],
    decisions: Mapping[int, tuple[DecisionRow, ...]],
    reviewed: Mapping[str, int],
    ran: int,
    refs: Mapping[int, Ref],
) -> tuple[str, ...]:
    """What became of the findings of her request to stop a course of conduct counted from (its details'
    ``request_finding_ids``): dismissed after this analysis, or replaced by a later analysis (it read the
    findings current when it ran, so one no longer current was replaced since) by another finding on her
    item or by none. A finding that carries a decision made on it (the same words found again) is it."""
    f = v.finding
    item = f.details.get("request_item_id")
    if f.category != "course_of_conduct" or not isinstance(item, int):
        return ()
    where = f" ({refs[item].exhibit} {refs[item].locator})" if item in refs else ""
    out = []
    for used in _ints(f.details.get("request_finding_ids")):
        now = next((g for g in findings if used in (g.id, g.decided_on)), None)
        if now is None:
            others = [
                g.id
                for g in findings
                if g.item_id == item and g.category == "request_to_stop" and g.decision != "dismissed"
            ]
            instead = f"by finding #{', #'.join(map(str, others))}" if others else "and no longer finds it"
            out.append(
                f"Rests on her request to stop, finding #{used}{where}, which a later analysis replaced"
                f" {instead}; {AGAIN}"
            )
            continue
        last = _states(decisions.get(now.decisions_on, ()))
        if last and last[-1].decision == "dismissed" and reviewed.get(f"finding {now.decisions_on}", 0) > ran:
            out.append(
                f"Rests on her request to stop, finding #{used}{where}, dismissed by {last[-1].user} on"
                f" {uk_display(last[-1].at_utc)} after this analysis; {AGAIN}"
            )
    return tuple(out)


def _rests_on(v: FindingView) -> dict[int, frozenset[str] | None]:
    """The items a conduct finding rests on, each with the categories of finding on it that it used (None:
    any), as its details name them: a course of conduct the categories of each occasion; an escalation
    the categories with a stated severity on its occasions' items; a contact after her request the
    request to stop on her item (not the words of his, which it did not weigh); a breach the categories
    of conduct on its item only under a condition that reads them (molestation, or a place an incident
    names, whose incident may be his by a finding). A finding of another shape: every item it names."""
    f = v.finding
    details = f.details
    request = details.get("request_item_id")
    if f.category == "course_of_conduct" and isinstance(details.get("occasions"), list):
        return {
            i: frozenset(str(c) for c in _list(o.get("categories"))) if "categories" in o else CONDUCT
            for o in _mappings(details["occasions"])
            for i in _ints(o.get("item_ids"))
        }
    if f.category == "escalation" and isinstance(details.get("severity_by_occasion"), list):
        return {
            i: CONDUCT for o in _mappings(details["severity_by_occasion"]) for i in _ints(o.get("item_ids"))
        }
    if f.category == "contact_after_request" and isinstance(request, int):
        return {request: frozenset({"request_to_stop"})}
    if f.category == "order_breach" and f.item_id is not None:
        reads = any(r in BREACH_RULES_READING_FINDINGS for r in f.rule_ids)
        return {f.item_id: CONDUCT} if reads else {}
    return dict.fromkeys([*(r.item_id for r in v.refs), *_nested(details)])


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _mappings(value: object) -> list[Mapping[str, object]]:
    return [m for m in _list(value) if isinstance(m, Mapping)]


def _ints(value: object) -> list[int]:
    return [i for i in _list(value) if isinstance(i, int) and not isinstance(i, bool)]


def _nested(value: object) -> list[int]:
    """Every item id named at any depth of a finding's details."""
    if isinstance(value, Mapping):
        return item_ids_in(value) + [i for v in value.values() for i in _nested(v)]
    if isinstance(value, list | tuple):
        return [i for v in value for i in _nested(v)]
    return []


def _states(decisions: Sequence[DecisionRow]) -> list[DecisionRow]:
    """The confirms and dismisses among ``decisions``: a note sets no state (``store.finding_state``)."""
    return [d for d in decisions if d.decision in STATES]
