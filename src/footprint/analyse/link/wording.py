"""What a link's reasons rest on, in words: the style reason's sample, fragments and caveat, and which
kinds of evidence counted, were shown but not counted, or were not compared."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from footprint.analyse.link.profile import Profile, without_copied
from footprint.analyse.link.score import HAND_SET, LinkScore

#: every kind of evidence a pair is weighed on (``kinds`` may also hold ``baseline`` and ``limit``)
EVIDENCE_KINDS = ("identifiers", "names", "style", "tags", "timing", "self_reference")
#: the kinds the trained model weighs: compared only when both accounts have enough text
TRAINED_KINDS = ("style", "tags", "timing")
STYLE_CAVEAT = (
    "caveat: writing style is weak evidence between people who write in one circle or about one topic"
    " (friends, colleagues, a shared group chat), and the style model's word weights come from public"
    " US political tweets (docs/model-card-link.md)"
)
_WORDS = re.compile(r"\w+")
_JOIN = "\x00"  # joins an account's masked messages to count a fragment in one pass


def _words(masked: Sequence[str]) -> int:
    """Words the style comparison read (identifiers, mentions, hashtags and links masked): the masked
    messages joined by a space, which no word crosses."""
    return len(_WORDS.findall(" ".join(masked)))


def _uses(masked: Sequence[str], joined: str, fragment: str) -> int:
    """How often a character fragment occurs in the account's masked messages (overlapping, per message):
    in the messages ``joined`` by NUL, which only a fragment holding a NUL could cross (then per message)."""
    found = re.compile(f"(?={re.escape(fragment)})")
    if _JOIN in fragment:
        return sum(len(found.findall(t)) for t in masked)
    return len(found.findall(joined))


def link_score(score: float) -> str:
    """A link's score at even prior odds, never shown as certainty: ``> 0.99`` rather than ``1.00``."""
    return "> 0.99" if score > 0.99 else "< 0.01" if score < 0.01 else f"{score:.2f}"


def style_sample(a: Profile, b: Profile, fragments: Sequence[str]) -> str:
    """How much each account wrote, and how often each shared fragment occurs on each side."""
    masked = [p.masked_texts() for p in (a, b)]
    sample = " / ".join(
        f"{p.key} {p.n_text} message(s), {_words(m)} word(s)" for p, m in zip((a, b), masked, strict=True)
    )
    if not fragments:
        return f"sample: {sample}; no distinctive character fragments in common"
    (ma, ja), (mb, jb) = ((m, _JOIN.join(m)) for m in masked)
    shared = ", ".join(f"“{g}” {_uses(ma, ja, g)} / {_uses(mb, jb, g)}" for g in fragments)
    return f"sample: {sample}; most distinctive shared character fragments (uses {a.key} / {b.key}): {shared}"


def worded(link: LinkScore, a: Profile, b: Profile) -> LinkScore:
    """The link with its compared style reason saying what it rests on (sample sizes, the shared fragments
    with their counts on each side, read without the texts both copied, as the comparison was) and the
    caveat every style comparison needs."""
    if "baseline" not in link.kinds:  # style was not compared: the reason already says why
        return link
    a, b = without_copied(a, b)
    evidence = tuple(
        replace(e, reason=f"{e.reason}; {style_sample(a, b, e.features)}; {STYLE_CAVEAT}")
        if e.kind == "style"
        else e
        for e in link.evidence
    )
    return replace(link, evidence=evidence)


@dataclass(frozen=True)
class KindTally:
    """Each kind of evidence considered, in exactly one group: the groups add up to ``considered``."""

    counted: tuple[str, ...]  # a reason of this kind carries weight
    not_counted: tuple[str, ...]  # shown, but carrying no weight (e.g. a name she saved for the contact)
    not_compared: tuple[str, ...]  # too little text on one side: the trained kinds abstained
    nothing_found: tuple[str, ...]  # compared, and no reason of this kind
    hand_set: tuple[str, ...] = ()  # counted kinds with a reason weighed by hand, not measured

    @property
    def considered(self) -> int:
        """Every kind a pair is weighed on (the four groups must add up to it)."""
        return len(EVIDENCE_KINDS)

    def to_json(self) -> dict[str, object]:
        return {
            "considered": self.considered,
            "counted": list(self.counted),
            "not_counted": list(self.not_counted),
            "not_compared": list(self.not_compared),
            "nothing_found": list(self.nothing_found),
            "hand_set": list(self.hand_set),
        }

    def words(self) -> str:
        """The tally in one sentence, the numbers adding up to the kinds considered."""
        groups = (
            (self.counted, "counted"),
            (self.not_counted, "shown but not counted"),
            (self.not_compared, "not compared for too little text on one side"),
            (self.nothing_found, "found nothing"),
        )
        parts = [f"{len(kinds)} {what} ({', '.join(kinds)})" for kinds, what in groups if kinds]
        if self.hand_set:
            parts.append(
                f"counted on weights set by hand, with no measured error rate: {', '.join(self.hand_set)}"
                " (only the trained style, tags and hour and weekday profiles are measured)"
            )
        return f"{self.considered} kinds of evidence considered: " + "; ".join(parts)


def _weight(e: Mapping[str, object]) -> float:
    w = e.get("weight_log10")
    return float(w) if isinstance(w, int | float) and not isinstance(w, bool) else 0.0


def kind_tally(kinds: Mapping[str, object], evidence: Sequence[object]) -> KindTally:
    """Which kinds of evidence counted, were shown but not counted, were not compared or found nothing,
    from a link's stored record (``kinds`` and ``evidence`` as ``link --json`` gives them)."""
    reasons = [e for e in evidence if isinstance(e, Mapping)]
    compared = "baseline" in kinds  # the trained part ran: both accounts had enough text
    groups: dict[str, list[str]] = {"counted": [], "not_counted": [], "not_compared": [], "nothing_found": []}
    for kind in EVIDENCE_KINDS:
        mine = [e for e in reasons if e.get("kind") == kind]
        if any(_weight(e) != 0.0 for e in mine):
            groups["counted"].append(kind)
        elif kind in TRAINED_KINDS and not compared:
            groups["not_compared"].append(kind)
        elif mine:
            groups["not_counted"].append(kind)
        else:
            groups["nothing_found"].append(kind)
    hand_set = tuple(
        kind
        for kind in groups["counted"]
        if any(
            e.get("kind") == kind and _weight(e) != 0.0 and HAND_SET in str(e.get("reason")) for e in reasons
        )
    )
    return KindTally(
        tuple(groups["counted"]),
        tuple(groups["not_counted"]),
        tuple(groups["not_compared"]),
        tuple(groups["nothing_found"]),
        hand_set,
    )
