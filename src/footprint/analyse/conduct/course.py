"""Course of conduct per suspect → complainant: occasions, what links them, and the gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import AfterUpstream, Pair, PairItem, collect_pairs, occasions
from footprint.case import Case
from footprint.times import iso_utc, uk_display

WIDE_GAP_DAYS = 30


def describe_course(pair: Pair, items: tuple[PairItem, ...] | None = None) -> dict[str, Any]:
    """The course of conduct as data: occasions, links, gaps (used by the analyser and by ``assess``)."""
    conduct = pair.conduct() if items is None else items
    groups = occasions(conduct)
    themes: Counter[str] = Counter()
    for group in groups:
        for category in sorted({c for p in group for c in p.abuse}):
            themes[category] += 1
    accounts = sorted({p.item.author for p in conduct if p.item.author})
    links = [f"all directed at or about {pair.complainant}"]
    shared = [f"{c} on {n} occasions" for c, n in sorted(themes.items()) if n >= 2]
    if shared:
        links.append("recurring themes: " + ", ".join(shared))
    if len(accounts) > 1:
        links.append(
            f"sent from {len(accounts)} accounts attributed to {pair.suspect}: {', '.join(accounts)}"
        )
    after_ids = {p.item.id for p in pair.after_request()}
    after = [p for p in conduct if p.item.id in after_ids]
    if after and pair.requests:
        links.append(
            f"{len(after)} item(s) after she asked him to stop ({uk_display(iso_utc(pair.requests[0].at))})"
        )
    incidents = [p for p in conduct if p.direction == "incident"]
    if incidents:
        links.append(f"{len(incidents)} offline incident(s) recorded alongside the messages")
    gaps: list[dict[str, Any]] = []
    for before, later in zip(groups, groups[1:], strict=False):
        days = (later[0].at - before[-1].at).total_seconds() / 86400
        gaps.append(
            {
                "from_utc": iso_utc(before[-1].at),
                "to_utc": iso_utc(later[0].at),
                "days": round(days, 1),
            }
        )
    wide = [g for g in gaps if g["days"] > WIDE_GAP_DAYS]
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
        "item_ids": [p.item.id for p in conduct],
        "links": links,
        "gaps": gaps,
        "longest_gap_days": max((g["days"] for g in gaps), default=0.0),
        "wide_gaps": len(wide),
        "two_or_more_occasions": len(groups) >= 2,
    }


@analysers.register
class CourseOfConduct(Analyser):
    """One finding per suspect → complainant with the occasions of his conduct towards her."""

    name: ClassVar[str] = "course_of_conduct"
    version: ClassVar[int] = 1
    description: ClassVar[str] = "Course of conduct per suspect and complainant: occasions, links, gaps"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            course = describe_course(pair)
            count = course["occasion_count"]
            if not count:
                continue
            first, last = course["occasions"][0]["start_utc"], course["occasions"][-1]["end_utc"]
            verdict = (
                "at least two occasions, so a course of conduct is possible"
                if count >= 2
                else "one occasion only, which is not a course of conduct"
            )
            text = (
                f"{pair.suspect} → {pair.complainant}: {len(course['item_ids'])} item(s)"
                f" on {count} occasion(s)"
                f" from {uk_display(first)} to {uk_display(last)}; {verdict}. Linked by: "
                + "; ".join(course["links"])
                + "."
            )
            if course["wide_gaps"]:
                text += (
                    f" {course['wide_gaps']} gap(s) exceed {WIDE_GAP_DAYS} days (longest"
                    f" {course['longest_gap_days']} days): the fewer and more widely spaced the occasions,"
                    " the weaker the inference (Lau v DPP; Pratt v DPP)."
                )
            yield FindingDraft(
                item_id=None,
                category="course_of_conduct",
                score=1.0 if count >= 2 else 0.3,
                explanation=text,
                rule_ids=("conduct.course.v1",),
                details=course,
            )
