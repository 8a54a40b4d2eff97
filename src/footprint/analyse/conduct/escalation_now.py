"""An escalation finding as the review decisions stand now: a change point that counted a finding a person
has since dismissed (a "threat to kill" that was a song lyric) is recomputed without it, by the analyser's
own code, as ``footprint assess`` recomputes it. For the report, the review app and ``findings``, which show
the stored finding; the analyser itself reads the decisions when it runs (``collect_pairs``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from footprint.analyse.conduct.escalation import (
    BASE_SEVERITY,
    SEVERITY,
    change_point_words,
    describe_escalation,
    occasion_severity,
)
from footprint.analyse.conduct.evidence import Pair, certainly_after, collect_pairs
from footprint.case import Case
from footprint.model import Finding

CATEGORY = "escalation"


def escalation_now(case: Case, findings: Sequence[Finding]) -> dict[int, str]:
    """What to say beside each escalation finding among ``findings`` (those of the latest runs) whose
    change points counted a finding a person has dismissed since, by the escalation finding's id; one
    with nothing dismissed beneath it is left out. Recomputed from the record as it stands now; where it
    cannot be (the two are no longer a pair the case assesses, or exhibits are withheld from the role),
    the note says the change point is unsupported until the analysers run again."""
    stored = [f for f in findings if f.category == CATEGORY and _occasions(f)]
    if not stored or not any(f.decision == "dismissed" for f in findings):
        return {}
    first_of = {c.item_id: first for first, refs in case.store.copy_refs().items() for c in refs}
    dismissed: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.decision == "dismissed" and f.item_id is not None:
            dismissed[first_of.get(f.item_id, f.item_id)].append(f)
    requests = any(d.category == "request_to_stop" for ds in dismissed.values() for d in ds)
    out: dict[int, str] = {}
    pairs: dict[tuple[str, str], Pair] | None = None
    partial = False
    for f in stored:
        occasions = _occasions(f)
        if not requests and not any(i in dismissed for o in occasions for i in o["item_ids"]):
            continue  # nothing dismissed it can have counted (the pairs are read only when needed)
        if pairs is None:
            partial = bool(case.store.withheld())  # the pairs are read from the whole case
            pairs = {} if partial else {(p.suspect, p.complainant): p for p in collect_pairs(case)}
        pair = pairs.get((str(f.details.get("suspect")), str(f.details.get("complainant"))))
        counted = _counted(occasions, dismissed, pair)
        if counted:
            out[f.id] = _words(counted, pair, f, partial)
    return out


def _occasions(f: Finding) -> list[dict[str, Any]]:
    """The occasions an escalation finding's severity rested on (none for a finding of another shape)."""
    found = f.details.get("severity_by_occasion")
    return [o for o in found if isinstance(o, dict)] if isinstance(found, list) else []


def _counted(
    occasions: Sequence[Mapping[str, Any]], dismissed: Mapping[int, Sequence[Finding]], pair: Pair | None
) -> list[Finding]:
    """The dismissed findings the stored occasions counted: on an item that is no longer his conduct, as
    serious as its occasion's stored severity when the occasion is now less serious (without the pair,
    every dismissed finding as serious as its occasion), or her request to stop that an item no longer his
    conduct came after."""
    conduct = {p.item.id: p for p in pair.conduct()} if pair is not None else {}
    stored = {int(i) for o in occasions for i in o["item_ids"]}
    out: list[Finding] = []
    for o in occasions:
        ids = [int(i) for i in o["item_ids"]]
        now = occasion_severity([conduct[i] for i in ids if i in conduct]) or 0
        # an occasion no finding graded (escalation v8: null) was in no severity mean
        was = o["severity"] if isinstance(o["severity"], int) else None
        for i in ids:
            for d in dismissed.get(i, ()):
                gone = pair is not None and i not in conduct
                # as serious as its occasion was, and the occasion is now less serious
                lowered = (
                    was is not None
                    and SEVERITY.get(d.category, BASE_SEVERITY) >= was
                    and (pair is None or now < was)
                )
                if gone or lowered:
                    out.append(d)
    if pair is not None:
        # his items that counted only as contact after her request leave with a request she is no longer
        # taken to have made
        left = [p for p in pair.items if p.by_him and p.item.id in stored and p.item.id not in conduct]
        for q in pair.items:
            for d in dismissed.get(q.item.id, ()) if q.direction == "from_her" else ():
                if d.category == "request_to_stop" and any(certainly_after(p, q) for p in left):
                    out.append(d)
    return sorted({d.id: d for d in out}.values(), key=lambda d: d.id)


def _words(counted: Sequence[Finding], pair: Pair | None, stored: Finding, partial: bool) -> str:
    """``Since this analysis ran, a person dismissed finding #12 (threat_to_kill, JD/1 line 5), which it
    counted. Recomputed without it …`` (``partial``: the role sees only part of the case)."""
    named = ", ".join(f"#{d.id} ({d.category}, {d.exhibit} {d.locator})" for d in counted)
    one = len(counted) == 1
    said = (
        f"Since this analysis ran, a person dismissed finding{'' if one else 's'} {named}, which it counted."
    )
    if pair is None:
        why = (
            "it is read from the whole case, and exhibits are withheld from this role"
            if partial
            else f"{stored.details.get('suspect')} and {stored.details.get('complainant')} are no longer a"
            " suspect and complainant of this case"
        )
        return (
            f"{said} The change point above rests on {'it' if one else 'them'} and is unsupported until the"
            f" analysers run again (it cannot be recomputed here: {why})."
        )
    found = describe_escalation(pair)
    without = "it" if one else "them"
    if found is None or not found["change_points"]:
        return (
            f"{said} Recomputed without {without}, as `footprint assess` computes it now: no change point"
            " remains, so this finding no longer shows that the conduct escalated."
        )
    by_id = {p.item.id: p for p in pair.items}
    return (
        f"{said} Recomputed without {without}, as `footprint assess` computes it now:"
        f" {change_point_words(found, by_id)}."
    )
