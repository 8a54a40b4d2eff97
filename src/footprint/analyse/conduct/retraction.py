"""His words soon after a threat that take it back or apologise for it ("sorry, I didn't mean it"): a
finding that may undermine the prosecution case or assist the defence (CPIA 1996), listed for disclosure.

The defence will rely on such a message to say he did not intend her to fear the threat would be carried
out (Online Safety Act 2023 s.181; Offences against the Person Act 1861 s.16), so Footprint surfaces it,
never hides it: one ``may_undermine`` finding, as ``detect`` gives what may undermine, never counted toward
an offence or a course of conduct. The phrases are data (``rules/conduct/retraction.yaml``), matched on
the text as detection reads it (obfuscation undone) with detection's own tests of negation, quotation and
reported speech (``detector.not_own_words``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib import resources
from typing import Any, ClassVar

import yaml

from footprint.analyse.base import MAX_TEXT_CHARS, Analyser, FindingDraft, analysers, cut_note
from footprint.analyse.conduct.evidence import (
    HOUR,
    AfterUpstream,
    HersByTime,
    Pair,
    PairItem,
    certainly_after,
    collect_pairs,
    elapsed,
    gap_unit,
    order_check,
)
from footprint.analyse.detect.analyser import shared_detector
from footprint.analyse.detect.detector import not_own_words
from footprint.analyse.detect.normalise import normalise
from footprint.analyse.detect.taxonomy import CATEGORIES, LABELS, UNDERMINING
from footprint.case import Case
from footprint.errors import AnalysisError

RULE_FILE = "retraction.yaml"
READS_AS = "retraction"
#: how long after a threat his message may come, and how many of her messages may come between
WINDOW = timedelta(hours=48)
MAX_HERS_BETWEEN = 10
#: the threat categories, the most specific first: the one a finding names (a threat to kill also
#: carries threat_violence)
THREATS = tuple(
    sorted((c for c in CATEGORIES if c.startswith("threat")), key=lambda c: c == "threat_violence")
)
#: an answer word opening a clause ("no I didn't mean it") is no negator of the words after it: read as
#: blanks by the negation test only
_ANSWER = re.compile(r"(?:^|(?<=[.!?;,\n]))\s*(?:no+|nah|nope)(?=\s+i\b)")


@dataclass(frozen=True)
class Family:
    """One family of phrases in ``retraction.yaml``: its rule id, how a finding names it, its fixed weight
    and its patterns (the group ``core``, when present, is the part quoted as evidence)."""

    id: str
    label: str
    score: float
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Retraction:
    """A phrase of a family in a message: where it is in the message's text."""

    family: Family
    span: tuple[int, int]


@cache
def families() -> tuple[Family, ...]:
    """The shipped families of ``rules/conduct/retraction.yaml`` (a bad one is an ``AnalysisError``)."""
    raw = resources.files("footprint").joinpath("rules", "conduct", RULE_FILE).read_text(encoding="utf-8")
    return read_families(raw, f"rules/conduct/{RULE_FILE}")


def read_families(raw: str, where: str) -> tuple[Family, ...]:
    """The families of a rule file's text ``raw`` (``where`` names it in an error)."""
    out = []
    for spec in (yaml.safe_load(raw) or {}).get("families") or []:
        rid = str(spec.get("id") or "")
        patterns = spec.get("patterns") or []
        if not rid or not isinstance(patterns, list) or not patterns:
            raise AnalysisError(f"{where}: family {rid or '?'} needs an id and patterns; fix the rule file")
        try:
            compiled = tuple(re.compile(str(p)) for p in patterns)
        except re.error as exc:
            raise AnalysisError(
                f"{where}: family {rid}: bad regular expression ({exc}); fix the rule file"
            ) from None
        out.append(Family(rid, str(spec.get("label") or rid), float(spec.get("score", 0.7)), compiled))
    return tuple(out)


def retractions(text: str) -> list[Retraction]:
    """Each phrase of ``text`` that takes back or apologises for what the writer said, in text order; one
    a negator denies ("I'm not sorry"), in quotation marks, or given as another's words ("you said I didn't
    mean it") is not. Overlapping phrases are one, the first family's in the file."""
    n = normalise(text)
    for_negation = _ANSWER.sub(lambda m: " " * len(m.group(0)), n.norm)
    found: list[Retraction] = []
    taken: list[tuple[int, int]] = []
    for family in families():
        for pattern in family.patterns:
            for m in pattern.finditer(n.norm):
                start, end = m.span("core") if "core" in pattern.groupindex and m.group("core") else m.span()
                if any(a < end and start < b for a, b in taken):
                    continue
                if not_own_words(shared_detector().ctx, for_negation, start, end) is not None:
                    continue
                taken.append((start, end))
                found.append(Retraction(family, n.span(start, end)))
    return sorted(found, key=lambda r: r.span)


@analysers.register
class RetractionAfterThreat(Analyser):
    """His message soon after his threat that takes it back or apologises: may undermine (disclosure)."""

    name: ClassVar[str] = "retraction_after_threat"
    version: ClassVar[int] = 1
    description: ClassVar[str] = (
        "His retraction or apology soon after a threat (may undermine the prosecution or assist the"
        " defence: for disclosure)"
    )
    depends_on: ClassVar[tuple[str, ...]] = AfterUpstream()  # type: ignore[assignment]

    def settings(self) -> dict[str, Any]:
        return {"window_hours": WINDOW / HOUR, "max_her_messages_between": MAX_HERS_BETWEEN}

    def note(self) -> str:
        return cut_note(sorted(self._cut), MAX_TEXT_CHARS)

    def run(self, case: Case) -> Iterator[FindingDraft]:
        self._cut: set[int] = set()
        for pair in collect_pairs(case):
            yield from self._pair(pair)

    def _pair(self, pair: Pair) -> Iterator[FindingDraft]:
        his = [p for p in pair.items if p.direction in ("to_her", "about_her") and p.item.time_known]
        threats = sorted((p for p in his if _threat(p)), key=lambda t: (t.at, t.item.id))
        if not threats:
            return
        times = [t.at for t in threats]
        hers = HersByTime(pair.items)
        for p in his:
            if _threat(p):
                continue  # a message that threatens takes nothing back
            k = bisect_left(times, p.at)  # the threats before it; the last is the one it may take back
            threat = threats[k - 1] if k else None
            if threat is None or not certainly_after(p, threat) or p.at - threat.at > WINDOW:
                continue
            between = hers.between(threat.at, p.at)
            if len(between) > MAX_HERS_BETWEEN:
                continue
            words = p.item.own_words
            if len(words) > MAX_TEXT_CHARS:
                self._cut.add(p.item.id)
            found = retractions(words[:MAX_TEXT_CHARS])
            if found:
                yield _finding(pair, p, threat, found, len(between))


def _threat(p: PairItem) -> str | None:
    """The threat category of a finding no person dismissed on ``p`` (the most specific), or None."""
    return next((c for c in THREATS if c in p.categories), None)


def _finding(
    pair: Pair, p: PairItem, threat: PairItem, found: list[Retraction], her_between: int
) -> FindingDraft:
    category = _threat(threat)
    assert category is not None
    quoted = [f"'{p.item.text[a:b]}'" for a, b in (r.span for r in found)]
    said = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"
    gap = elapsed(p, threat, *gap_unit(p.at - threat.at))
    to = "" if p.direction == "to_her" else " (to someone else, about her)"
    check = order_check([(threat, p)])
    rule_ids = tuple(dict.fromkeys(r.family.id for r in found))
    return FindingDraft(
        item_id=p.item.id,
        category=UNDERMINING,
        score=max(r.family.score for r in found),
        explanation=(
            f"{pair.suspect} wrote {said}{to} {gap} after the {LABELS[category]} at {threat.ref}; this may"
            " undermine the prosecution case or assist the defence and must be considered for disclosure."
            + (f" {check}" if check else "")
        ),
        spans=tuple(r.span for r in found),
        rule_ids=rule_ids,
        details={
            "reads_as": READS_AS,
            "speaker": "suspect",
            "suspect": pair.suspect,
            "complainant": pair.complainant,
            "direction": p.direction,
            "words": [q[1:-1] for q in quoted],
            "rule_ids": list(rule_ids),
            "after_item_id": threat.item.id,
            "threat_exhibit": threat.item.exhibit,
            "threat_locator": threat.item.locator,
            "threat_category": category,
            "gap": gap,
            "her_messages_between": her_between,
        },
    )
