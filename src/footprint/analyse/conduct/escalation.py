"""Escalation: how often and how seriously he acts towards her over time, with change points."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import (
    AfterUpstream,
    Pair,
    PairItem,
    collect_pairs,
    neighbours,
    occasions,
    order_check,
)
from footprint.case import Case
from footprint.clock_flags import when
from footprint.times import iso_utc

# How serious each kind of conduct is, 1 (least) to 5 (most): a stated ordering, not a legal scale. Every
# category that can sit on his items is listed (a test checks it); one a person records, or another
# analyser writes, takes the level of the detection category it refines (noted beside it).
SEVERITY = {
    "threat_to_kill": 5,
    "threat_sexual": 5,
    "self_harm_encouragement": 5,
    "threat_violence": 4,
    "threat_serious_harm": 4,  # recorded: threat_violence a person judged serious (OSA 2023 s.181(2))
    "intimate_image_abuse": 4,
    "intimate_image_shared": 4,  # recorded: intimate_image_abuse
    "threat_to_share_image": 4,  # recorded: intimate_image_abuse a person judged a threat to share
    "image_match": 4,  # media analyser, her reference image: intimate_image_abuse
    "blackmail": 4,
    "money_demand": 4,  # recorded: blackmail
    "doxxing": 3,
    "monitoring": 3,
    "coercive_control": 3,
    "spyware": 3,
    "tracker": 3,
    "device_indicator": 3,  # device analyser: spyware
    "account_access": 3,  # recorded: monitoring
    "interception": 3,  # recorded: monitoring
    "evasion": 2,
    "misogynistic_abuse": 2,
    "identity_hate": 2,
    "sexual_harassment": 2,
    "cyberflashing": 2,  # recorded: sexual_harassment (the taxonomy's home for cyberflashing)
    "impersonation": 2,  # link analyser, a profile imitating her: as identity or reputation abuse
    "false_communication": 2,  # recorded: as abuse that is not a threat
    "insult_harassment": 1,
}
BASE_SEVERITY = 1  # his contact after a request to stop that no finding grades higher
SEVERITY_RISE = 1.0
FREQUENCY_RATIO = 2.0
# Occasions needed on each side of a change point: a single occasion is an event, not a change.
MIN_SIDE = 2


def severity(p: PairItem) -> int:
    """The most serious category on an item (1 when none is known)."""
    return max((SEVERITY.get(c, 1) for c in p.abuse), default=BASE_SEVERITY)


def measured(p: PairItem) -> bool:
    """Whether an item's severity is measured: a message the detector read (no category is then the lowest
    level, contact), or an item a finding grades. An offline incident is a description of what happened,
    which the detector does not read: with no finding on it, its seriousness is unknown, not the lowest."""
    return p.direction != "incident" or bool(p.abuse)


def occasion_severity(group: Sequence[PairItem]) -> int | None:
    """The most serious measured item of an occasion, or None when none of its items is measured."""
    return max((severity(p) for p in group if measured(p)), default=None)


def change_point(
    values: Sequence[float], weights: Sequence[float] | None = None
) -> tuple[int, float, float] | None:
    """The split that most raises the mean (index of the first value after it, mean before, after), among
    the splits with at least ``MIN_SIDE`` occasions on each side (``weights``: occasions per value, one
    each by default)."""
    counts = [1.0] * len(values) if weights is None else list(weights)
    best: tuple[int, float, float] | None = None
    for k in range(1, len(values)):
        if sum(counts[:k]) < MIN_SIDE or sum(counts[k:]) < MIN_SIDE:
            continue
        before = sum(values[:k]) / k
        after = sum(values[k:]) / (len(values) - k)
        if best is None or after - before > best[2] - best[1]:
            best = (k, before, after)
    return best


def describe_escalation(pair: Pair) -> dict[str, Any] | None:
    """Severity per occasion and occasions per week, with the change point of each."""
    groups = occasions(pair.conduct())
    if len(groups) < 3:
        return None
    peaks = [occasion_severity(g) for g in groups]
    # occasions with a measured severity (their indexes among all the occasions); the others are left out
    # of the severity means and counted only per week
    graded = [n for n, v in enumerate(peaks) if v is not None]
    values = [float(v) for v in peaks if v is not None]
    start = groups[0][0].day
    weeks = (groups[-1][0].day - start).days // 7 + 1
    per_week = [0.0] * weeks
    for g in groups:
        per_week[(g[0].day - start).days // 7] += 1
    out: dict[str, Any] = {
        "suspect": pair.suspect,
        "complainant": pair.complainant,
        "severity_by_occasion": [
            {"start_utc": iso_utc(g[0].at), "severity": s, "item_ids": [p.item.id for p in g]}
            for g, s in zip(groups, peaks, strict=True)
        ],
        "occasions_per_week": per_week,
        "first_week_starts": start.isoformat(),
        # occasions (numbered from 1) of offline incidents alone that no finding grades: not in the
        # severity means
        "severity_left_out": [n + 1 for n, v in enumerate(peaks) if v is None],
        "change_points": [],
        "firsts": [],
        "order_check": order_check(neighbours(pair.conduct())),
    }
    seen: set[str] = set()
    for g in groups:
        for p in g:
            for c in p.abuse:
                if c not in seen and SEVERITY.get(c, 0) >= 4:
                    out["firsts"].append({"category": c, "item_id": p.item.id, "at_utc": iso_utc(p.at)})
                seen.add(c)
    sev = change_point(values)
    # The rise must rest on at least MIN_SIDE occasions that much more serious, not on one outlier.
    risen = 0 if sev is None else sum(1 for v in values[sev[0] :] if v >= sev[1] + SEVERITY_RISE)
    if sev is not None and sev[2] - sev[1] >= SEVERITY_RISE and risen >= MIN_SIDE:
        split = graded[sev[0]]  # numbered among all the occasions, as the course of conduct numbers them
        at = groups[split][0]
        out["change_points"].append(
            {
                "measure": "severity",
                "at_utc": iso_utc(at.at),
                "item_id": at.item.id,
                "before": round(sev[1], 2),
                "after": round(sev[2], 2),
                "occasions": {"before": split, "after": len(groups) - split},
                "measured": {"before": sev[0], "after": len(values) - sev[0]},
            }
        )
    freq = change_point(per_week, per_week)
    if freq is not None and freq[2] >= 1 and freq[2] >= FREQUENCY_RATIO * max(freq[1], 0.5):
        out["change_points"].append(
            {
                "measure": "occasions_per_week",
                "week": freq[0],
                "weeks": weeks,
                "before": round(freq[1], 2),
                "after": round(freq[2], 2),
                "occasions": {
                    "before": int(sum(per_week[: freq[0]])),
                    "after": int(sum(per_week[freq[0] :])),
                },
            }
        )
    return out


@analysers.register
class Escalation(Analyser):
    """One finding per pair whose conduct became more frequent or more serious."""

    name: ClassVar[str] = "escalation"
    version: ClassVar[int] = 9  # 9: a removed reaction is not conduct (no one is told of it);
    # 8: an occasion of incidents alone that no finding grades is left out of
    # the severity means (it counted at the lowest level, 1), still counted per week; 7: incidents count
    # only when their row or a person says he did them; a time in a clock change is shown as exported;
    # 6: device context findings are not conduct; 5: a check when a time in a clock change leaves two
    # items' order unsure; 4: a draft naming her does not make its conversation about her; 3: drafts and
    # failed sends are not conduct
    description: ClassVar[str] = "Escalation in frequency and severity over time, with change points"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def settings(self) -> dict[str, Any]:
        return {"severity": SEVERITY, "rise": SEVERITY_RISE, "ratio": FREQUENCY_RATIO, "min_side": MIN_SIDE}

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            found = describe_escalation(pair)
            if found is None or not found["change_points"]:
                continue
            by_id = {p.item.id: p for p in pair.items}
            text = (
                f"{pair.suspect} → {pair.complainant}: "
                + change_point_words(found, by_id)
                + ". Severity is the most serious category on each occasion on a stated 1-5 ordering, not a"
                " legal scale; each change point is the one split of the sequence that most raises the"
                f" mean, with at least {MIN_SIDE} occasions either side, reported when severity rises by at"
                f" least {SEVERITY_RISE} (on at least {MIN_SIDE} occasions after it) or occasions per week at"
                " least double to one or more."
            )
            firsts = ", ".join(
                f"{f['category']} first at {_ref(by_id[f['item_id']])}" for f in found["firsts"]
            )
            if found["severity_left_out"]:
                text += (
                    " An occasion of offline incidents alone that no finding grades has no measured severity"
                    " (an incident is a description, which the detector does not read): it is left out of"
                    " the severity means and counted only per week."
                )
            if firsts:
                text += f" Serious conduct appearing: {firsts}."
            if found["order_check"]:
                text += f" {found['order_check']}"
            yield FindingDraft(
                item_id=None,
                category="escalation",
                score=0.8,
                explanation=text,
                rule_ids=("conduct.escalation.v2",),
                details=found,
            )


def change_point_words(found: dict[str, Any], by_id: Mapping[int, PairItem]) -> str:
    """The change points of :func:`describe_escalation`'s result in words (``by_id``: the pair's items),
    ``severity rose from 1.0 (mean over occasions 1-3) to 5.0 (occasions 4-7) from JD/1 line 5 (…)``."""
    parts = []
    left_out = found["severity_left_out"]
    for cp in found["change_points"]:
        n = cp["occasions"]["before"]
        if cp["measure"] == "severity":
            at = by_id[cp["item_id"]]
            last = n + cp["occasions"]["after"]
            parts.append(
                f"severity rose from {cp['before']} (mean over {_span('occasion', 1, n)}"
                f"{_left_out([k for k in left_out if k <= n])}) to {cp['after']}"
                f" ({_span('occasion', n + 1, last)}{_left_out([k for k in left_out if k > n])}) from"
                f" {_ref(at)}"
            )
        else:
            start = date.fromisoformat(found["first_week_starts"])
            parts.append(
                f"occasions per week rose from {cp['before']} ({_span('week', 1, cp['week'])}) to"
                f" {cp['after']} ({_span('week', cp['week'] + 1, cp['weeks'])}), weeks counted from"
                f" {start:%d/%m/%Y}"
            )
    return "; ".join(parts)


def _left_out(numbers: Sequence[int]) -> str:
    """``, leaving out occasion 3, an offline incident no finding grades`` ("" for none)."""
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f", leaving out occasion {numbers[0]}, an offline incident no finding grades"
    named = ", ".join(str(k) for k in numbers[:-1]) + f" and {numbers[-1]}"
    return f", leaving out occasions {named}, offline incidents no finding grades"


def _span(word: str, first: int, last: int) -> str:
    """``occasions 1-3`` or ``week 4``."""
    return f"{word}s {first}-{last}" if last > first else f"{word} {first}"


def _ref(p: PairItem) -> str:
    """``JD/1 line 5 (23/03/2024 08:00:00 GMT (+00:00))``."""
    return f"{p.ref} ({when(p.item)})"
