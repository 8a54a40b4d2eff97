"""Escalation: how often and how seriously he acts towards her over time, with change points."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from footprint.analyse.base import Analyser, FindingDraft, analysers
from footprint.analyse.conduct.evidence import AfterUpstream, Pair, PairItem, collect_pairs, occasions
from footprint.case import Case
from footprint.times import iso_utc, uk_display

# How serious each kind of conduct is, 1 (least) to 5 (most): a stated ordering, not a legal scale.
SEVERITY = {
    "threat_to_kill": 5,
    "threat_sexual": 5,
    "self_harm_encouragement": 5,
    "threat_violence": 4,
    "intimate_image_abuse": 4,
    "blackmail": 4,
    "doxxing": 3,
    "monitoring": 3,
    "coercive_control": 3,
    "spyware": 3,
    "tracker": 3,
    "evasion": 2,
    "misogynistic_abuse": 2,
    "identity_hate": 2,
    "sexual_harassment": 2,
    "insult_harassment": 1,
}
BASE_SEVERITY = 1  # contact after a request to stop, an incident with no category
SEVERITY_RISE = 1.0
FREQUENCY_RATIO = 2.0


def severity(p: PairItem) -> int:
    """The most serious category on an item (1 when none is known)."""
    return max((SEVERITY.get(c, 1) for c in p.abuse), default=BASE_SEVERITY)


def change_point(values: Sequence[float]) -> tuple[int, float, float] | None:
    """The split that most raises the mean (index of the first value after it, mean before, after)."""
    best: tuple[int, float, float] | None = None
    for k in range(1, len(values)):
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
    peaks = [max(severity(p) for p in g) for g in groups]
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
        "change_points": [],
        "firsts": [],
    }
    seen: set[str] = set()
    for g in groups:
        for p in g:
            for c in p.abuse:
                if c not in seen and SEVERITY.get(c, 0) >= 4:
                    out["firsts"].append({"category": c, "item_id": p.item.id, "at_utc": iso_utc(p.at)})
                seen.add(c)
    sev = change_point([float(v) for v in peaks])
    if sev is not None and sev[2] - sev[1] >= SEVERITY_RISE:
        at = groups[sev[0]][0]
        out["change_points"].append(
            {
                "measure": "severity",
                "at_utc": iso_utc(at.at),
                "item_id": at.item.id,
                "before": round(sev[1], 2),
                "after": round(sev[2], 2),
            }
        )
    freq = change_point(per_week)
    if freq is not None and freq[2] >= 1 and freq[2] >= FREQUENCY_RATIO * max(freq[1], 0.5):
        out["change_points"].append(
            {
                "measure": "occasions_per_week",
                "week": freq[0],
                "before": round(freq[1], 2),
                "after": round(freq[2], 2),
            }
        )
    return out


@analysers.register
class Escalation(Analyser):
    """One finding per pair whose conduct became more frequent or more serious."""

    name: ClassVar[str] = "escalation"
    version: ClassVar[int] = 1
    description: ClassVar[str] = "Escalation in frequency and severity over time, with change points"
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def settings(self) -> dict[str, Any]:
        return {"severity": SEVERITY, "rise": SEVERITY_RISE, "ratio": FREQUENCY_RATIO}

    def run(self, case: Case) -> Iterator[FindingDraft]:
        for pair in collect_pairs(case):
            found = describe_escalation(pair)
            if found is None or not found["change_points"]:
                continue
            parts = []
            for cp in found["change_points"]:
                if cp["measure"] == "severity":
                    parts.append(
                        f"severity rose from {cp['before']} to {cp['after']} (scale 1-5) from"
                        f" {uk_display(cp['at_utc'])}"
                    )
                else:
                    parts.append(
                        f"occasions per week rose from {cp['before']} to {cp['after']}"
                        f" from week {cp['week'] + 1}"
                    )
            firsts = ", ".join(f"{f['category']} first on {uk_display(f['at_utc'])}" for f in found["firsts"])
            text = f"{pair.suspect} → {pair.complainant}: " + "; ".join(parts) + "."
            if firsts:
                text += f" Serious conduct appearing: {firsts}."
            yield FindingDraft(
                item_id=None,
                category="escalation",
                score=0.8,
                explanation=text,
                rule_ids=("conduct.escalation.v1",),
                details=found,
            )
