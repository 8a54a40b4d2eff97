"""Course of conduct per suspect → complainant: occasions, what links them, and the gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import (
    OCCASION_GAP,
    AfterUpstream,
    Pair,
    PairItem,
    collect_pairs,
    neighbours,
    occasions,
    order_check,
)
from footprint.analyse.conduct.left_out import left_out_words
from footprint.analyse.conduct.reactions import only_reactions, reaction_words
from footprint.case import Case
from footprint.clock_flags import when
from footprint.times import iso_utc

# A prompt to look at the spacing (Lau v DPP; Pratt v DPP set no figure): a gap longer than this is named.
WIDE_GAP_DAYS = 30
# Items named per occasion in the explanation (the details name them all).
NAMED_PER_OCCASION = 3


def _gap(before: PairItem, later: PairItem) -> dict[str, Any]:
    """The gap between two occasions; in whole days when either end has a date but no time of day."""
    date_only = not (before.item.time_known and later.item.time_known)
    days = (
        float((later.day - before.day).days) if date_only else (later.at - before.at).total_seconds() / 86400
    )
    return {
        "from_utc": iso_utc(before.at),
        "to_utc": iso_utc(later.at),
        "days": round(days, 1),
        "date_only": date_only,
    }


def describe_course(pair: Pair) -> dict[str, Any]:
    """The course of conduct as data: occasions, links, gaps (used by the analyser and by ``assess``).
    ``links`` starts with her being the target (what makes the items relevant), ``nexus`` holds only
    what links the occasions to each other (the reference's indicators: a recurring theme, contact after
    a request to stop, several accounts traced to him)."""
    conduct = pair.conduct()
    groups = occasions(conduct)
    themes: Counter[str] = Counter()
    for group in groups:
        for category in sorted({c for p in group for c in p.abuse}):
            themes[category] += 1
    accounts = sorted({p.item.author for p in conduct if p.item.author})
    nexus = []
    shared = [f"{c} on {n} occasions" for c, n in sorted(themes.items()) if n >= 2]
    if shared:
        nexus.append("recurring themes: " + ", ".join(shared))
    if len(accounts) > 1:
        nexus.append(
            f"sent from {len(accounts)} accounts attributed to {pair.suspect}: {', '.join(accounts)}"
        )
    after_ids = {p.item.id for p in pair.after_request()}
    after = [p for p in conduct if p.item.id in after_ids]
    request = pair.requests[0] if after and pair.requests else None
    if request is not None:
        nexus.append(f"{len(after)} item(s) after she asked him to stop ({when(request.item)})")
    context = []
    incidents = [p for p in conduct if p.direction == "incident"]
    if incidents:
        context.append(f"{len(incidents)} offline incident(s) recorded alongside the messages")
    by_words = [p.ref for p in incidents if not p.basis_reviewed]
    if by_words:
        context.append(
            f"{len(by_words)} of them his conduct only by their words, which no person has reviewed"
            f" ({', '.join(by_words)}): say so in the row's 'done by' column or record a finding"
            " (`footprint record`)"
        )
    gaps = [_gap(before[-1], later[0]) for before, later in zip(groups, groups[1:], strict=False)]
    wide = [g for g in gaps if g["days"] > WIDE_GAP_DAYS]
    days = sorted({p.day for p in conduct})
    check = order_check(neighbours(conduct))
    return {
        "suspect": pair.suspect,
        "complainant": pair.complainant,
        "occasions": [
            {
                "start_utc": iso_utc(g[0].at),
                "end_utc": iso_utc(g[-1].at),
                "item_ids": [p.item.id for p in g],
                "categories": sorted({c for p in g for c in p.abuse}),
            }
            for g in groups
        ],
        "occasion_count": len(groups),
        "reaction_only_occasions": only_reactions(groups),  # numbered from 1, as in the explanation
        "item_ids": [p.item.id for p in conduct],
        "links": [f"all directed at or about {pair.complainant}", *nexus, *context],
        "nexus": nexus,
        "gaps": gaps,
        "longest_gap_days": max((g["days"] for g in gaps), default=0.0),
        "wide_gaps": len(wide),
        "two_or_more_occasions": len(groups) >= 2,
        "single_day": len(groups) >= 2 and len(days) == 1,
        "last_occasion_date": days[-1].isoformat() if days else None,
        "order_check": check,
        # the request to stop "Linked by" counts from: its item, its findings (so that a later dismissal
        # or change of them is seen: report.stale) and the time used; None when no item came after one
        "request_item_id": request.item.id if request else None,
        "request_finding_ids": sorted(f.id for f in request.findings if f.category == "request_to_stop")
        if request
        else [],
        "request_at_utc": iso_utc(request.at) if request else None,
        # findings a person confirmed that this course does not count, each with why (``left_out``)
        "left_out": [x.as_dict() for x in pair.left_out],
    }


def _occasion_refs(groups: Sequence[Sequence[PairItem]]) -> str:
    """``1. 02/03/2024: JD/1 line 2, JD/1 line 3; 2. ...`` (at most three items named per occasion), with
    why an incident is his beside it (``G/1 line 2 [his conduct by its words (not reviewed): …]``)."""
    out = []
    for n, group in enumerate(groups, start=1):
        refs = [p.ref + (f" [{_tag(p)}]" if _tag(p) else "") for p in group[:NAMED_PER_OCCASION]]
        more = f" (+{len(group) - NAMED_PER_OCCASION} more)" if len(group) > NAMED_PER_OCCASION else ""
        out.append(f"{n}. {group[0].day:%d/%m/%Y}: {', '.join(refs)}{more}")
    return "; ".join(out)


def _tag(p: PairItem) -> str:
    """What is said beside an item in the occasions: an incident's basis, or that it is a reaction."""
    return reaction_words(p.item) if p.item.kind == "reaction" else p.basis


def _reaction_note(groups: Sequence[Sequence[PairItem]]) -> str:
    """`` 2 of the 3 occasions (2, 3) are only reactions …``; "" when none is."""
    only = only_reactions(groups)
    if not only:
        return ""
    rest = len(groups) - len(only)
    return (
        f" {len(only)} of the {len(groups)} occasions ({', '.join(map(str, only))}) are only reactions (an"
        " emoji he put on a message, which she is shown, not words he wrote); without them there"
        f" {'is' if rest == 1 else 'are'} {rest} occasion(s)"
        + (
            ", so the course of conduct rests on reactions: whether they are conduct towards her is for"
            " the lawyer."
            if len(groups) >= 2 > rest
            else "."
        )
    )


@analysers.register
class CourseOfConduct(Analyser):
    """One finding per suspect → complainant with the occasions of his conduct towards her."""

    name: ClassVar[str] = "course_of_conduct"
    version: ClassVar[int] = 13  # 13: the findings a person confirmed that it leaves out are named, each
    # with why (another's account, no time, never sent …), in its explanation and details; 12: a reaction
    # is named as one beside its item, the occasions made only of reactions are counted and a course
    # needing them to reach two occasions is not scored strong; a removed reaction is not conduct; 11:
    # details name the request to stop it counted from (its item, findings and time), so a later
    # dismissal of it is said on the report; 10: the time of her request in "Linked by" carries its
    # clock-change flag; 9: an incident's basis beside it; those his only by their words (not reported,
    # told, denied …) named as not reviewed; 8: a first or last time in a clock change is shown as
    # exported, with its flag; 7: incidents count only when their row or a person says he did them; 6:
    # device context findings are not conduct; 5: a check when a time in a clock change leaves two items'
    # order unsure; 4: a draft naming her does not make its conversation about her; 3: drafts and failed
    # sends are not conduct
    description: ClassVar[str] = "Course of conduct per suspect and complainant: occasions, links, gaps"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            course = describe_course(pair)
            count = course["occasion_count"]
            if not count:
                continue
            groups = occasions(pair.conduct())
            first, last = groups[0][0], groups[-1][-1]
            verdict = (
                "at least two occasions, so a course of conduct is possible"
                if count >= 2
                else "one occasion only, which is not a course of conduct"
            )
            minutes = int(OCCASION_GAP.total_seconds() // 60)
            text = (
                f"{pair.suspect} → {pair.complainant}: {len(course['item_ids'])} item(s)"
                f" on {count} occasion(s) from {when(first.item)} to {when(last.item)}; {verdict}."
                f" Occasions (items less than {minutes} minutes apart are one occasion: a rule of this tool,"
                f" not of law): {_occasion_refs(groups)}. All directed at or about {pair.complainant}."
            )
            text += _reaction_note(groups)
            if course["nexus"]:
                text += " Linked by: " + "; ".join(course["nexus"]) + "."
            elif count >= 2:
                text += (
                    " No link between the occasions beyond that is recorded (no recurring theme, no contact"
                    " after a request to stop, no second account): whether they are connected is for the"
                    " lawyer."
                )
            context = "; ".join(course["links"][1 + len(course["nexus"]) :])
            if context:
                text += f" {context[0].upper()}{context[1:]}."
            if course["single_day"]:
                text += (
                    f" All {count} occasions fall on one day ({first.day:%d/%m/%Y}): whether they are"
                    " separate occasions, and so a course of conduct, is for the lawyer."
                )
            if course["wide_gaps"]:
                text += (
                    f" {course['wide_gaps']} gap(s) between occasions exceed {WIDE_GAP_DAYS} days (longest"
                    f" {course['longest_gap_days']} days; {WIDE_GAP_DAYS} days is this tool's prompt, not a"
                    " legal limit): the fewer and more widely spaced the occasions, the weaker the inference"
                    " of a course of conduct (Lau v DPP; Pratt v DPP)."
                )
            if count >= 2:
                last_day = date.fromisoformat(course["last_occasion_date"])
                text += (
                    " Time limit: for a summary-only offence (Protection from Harassment Act 1997 s.2, s.2A)"
                    f" the six months run from the last occasion, {last_day:%d/%m/%Y} (DPP v Baker); earlier"
                    " occasions may still be relied on."
                )
            if course["order_check"]:
                text += f" {course['order_check']}"
            text += left_out_words(pair.left_out)
            if pair.notes:
                text += " Note: " + "; ".join(pair.notes) + "."
            # a course that needs its reaction-only occasions to reach two is not put as strong
            strong = count - len(only_reactions(groups)) >= 2 and course["nexus"] and not course["single_day"]
            yield FindingDraft(
                item_id=None,
                category="course_of_conduct",
                score=1.0 if strong else 0.6 if count >= 2 else 0.3,
                explanation=text,
                rule_ids=("conduct.course.v2",),
                details=course,
            )
