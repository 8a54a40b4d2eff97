"""Conduct findings that rest on a finding a reviewer dismissed after the conduct analysers ran.

The offence matrix is recomputed from the decisions when the report is built; course of conduct,
escalation, contact after a request and order breaches are the stored findings of the last `analyse`,
so one may still count a finding since dismissed. The report says so on the finding and at the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from footprint.analyse.detect.taxonomy import CATEGORIES as DETECT_CATEGORIES
from footprint.model import AuditEntry, Finding
from footprint.report.sections import FindingView, Ref, item_ids_in
from footprint.store.report_queries import DecisionRow
from footprint.times import uk_display

AGAIN = "run `footprint analyse` again"


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
    the clock cannot blur."""
    analysed: dict[str, int] = {}
    reviewed: dict[str, int] = {}
    for e in entries:
        if e.action == "analyse":
            analysed[e.object] = e.seq
        elif e.action.startswith("review "):
            reviewed[e.object] = e.seq
    dismissed: dict[int, list[tuple[Finding, DecisionRow]]] = {}
    for f in findings:
        last = decisions.get(f.decisions_on, ())
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
        ids = dict.fromkeys(
            [*(r.item_id for r in v.refs), *_nested(v.finding.details)]
        )  # an escalation names its occasions' items inside its details
        words = tuple(
            f"Rests on finding #{f.id} ({refs[i].exhibit} {refs[i].locator}), dismissed by {d.user} on"
            f" {uk_display(d.at_utc)} after this analysis; {AGAIN}"
            for i in ids
            if i in refs
            for f, d in dismissed.get(i, ())
            if reviewed.get(f"finding {f.decisions_on}", 0) > ran
        )
        out.append(replace(v, stale=words) if words else v)
    return tuple(out)


def _nested(value: object) -> list[int]:
    """Every item id named at any depth of a finding's details."""
    if isinstance(value, Mapping):
        return item_ids_in(value) + [i for v in value.values() for i in _nested(v)]
    if isinstance(value, list | tuple):
        return [i for v in value for i in _nested(v)]
    return []
