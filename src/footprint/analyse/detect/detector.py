"""The detector: rules plus model over one message, aware of speaker, target, negation and context."""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Sequence
from itertools import accumulate
from typing import Any

import numpy as np

from footprint.analyse.detect.model import LinearModel, load_model
from footprint.analyse.detect.normalise import Normalised, normalise, read_past
from footprint.analyse.detect.results import Detection, Evidence, Prior, Result
from footprint.analyse.detect.rulebook import Hit, Rulebook, load_rulebook
from footprint.analyse.detect.taxonomy import ABUSE, CATEGORIES, EVIDENTIAL, LABELS, THRESHOLDS

COMPLAINANT = "complainant"
OTHER = "other"
CONTEXT_WINDOW = 5  # previous messages of the same conversation that can change a reading
# why a rule's hit is set aside because of who wrote the message
HER_OWN = "her own message (reporting or quoting it is not her abuse)"
NOT_HERS = "not the complainant's message"
_CLAUSE = re.compile(r"[.!?;\n]+|\bbut\b|\s-\s")
# a hit's clause is read at most this many characters either side of it, so that weighing every hit of
# a long message costs time in proportion to its length (a clause this long has no punctuation at all)
CLAUSE_REACH = 1000
# at most this many matches of one rule in one message are weighed: those a negator just before does not
# deny first, then the rest, each in the message's order (``_to_weigh``); the rest are counted, and named
MAX_WEIGHED = 200
NOT_WEIGHED = f"not weighed: the rule matched more than {MAX_WEIGHED} times in this message"
# a finding lists at most this many passages (strongest first); its details count the rest
MAX_LISTED = 25
# words in quotation marks: double ones, or single ones that hug their words, where an apostrophe
# between two letters (didn't, you're, John's) stays inside; a word's leading elision ('cause, 'em, 'til,
# 'n') or a decade ('90s) opens nothing, and a plural possessive or a dropped g followed by a word (the
# boys' car, goin' home) is inside a quotation, never its end, so informal text makes no span that hides
# a threat; each character is read by one branch only, so the search is linear in the text's length
_ELIDED = "cause|cos|coz|cuz|em|til|till|bout|round|n|tis|twas|nuff|ello|cept|fore|scuse|kay|sup"
_WORD_FOLLOWS = r"[ \t]{1,3}[a-z]"
_QUOTED = re.compile(
    r"\"[^\"\n]{2,400}\""
    rf"|(?<![a-z0-9])'(?!(?:{_ELIDED})\b|\d|\s)"
    rf"(?:[^'\n]|(?<=[a-z])'(?=[a-z])|(?:(?<=[a-z]s)|(?<=[a-z]in))'(?={_WORD_FOLLOWS})){{6,400}}"
    rf"(?<!\s)'(?![a-z])(?:(?<![a-z]s')(?<![a-z]in')|(?!{_WORD_FOLLOWS}))"
)
# why a hit's words are not the writer's own saying (``_judge``; ``not_own_words`` for other analysers)
NEGATED = "negated"
QUOTED = "quoted"
REPORTED = "reported speech (someone else's words)"
_CLOSE = re.compile(
    r"\b(?:your|ur|her)\s+(?:new\s+|little\s+)?(?:kids?|children|son|daughter|baby|mum|mam|mom|mother|dad|"
    r"father|parents|family|sister|brother|boyfriend|girlfriend|partner|husband|fella|new\s+man|friends?|"
    r"dog|cat|pets?)\b|\bthat\s+new\s+(?:boyfriend|bloke|fella|man)\b"
)
# model heads count only at or above these raw probabilities (below them the rules speak alone)
MODEL_WEIGHT = 0.9
# a head's probability must reach its floor before the model alone can make a finding; below it the
# score is kept (x BELOW_FLOOR, always under every threshold) so that ``classify`` still ranks texts by it
MODEL_FLOOR = {"threat_violence": 0.995}
DEFAULT_FLOOR = 0.95
BELOW_FLOOR = 0.45
SUPPRESSED_MODEL_FACTOR = 0.25
IMPLIES = {"threat_to_kill": "threat_violence"}
_ZERO = dict.fromkeys(CATEGORIES, 0.0)
_WORDS = re.compile(r"[a-z]+").findall
_MENTIONS = re.compile(r"@\w+")
SPECIFIC_OVER_INSULT = (
    "misogynistic_abuse",
    "identity_hate",
    "self_harm_encouragement",
    "threat_sexual",
    "sexual_harassment",
)
# categories that a more specific one absorbs (DESIGN.md labelling policy): a rape threat is not also
# threat_violence unless a violence rule says so; demanding nudes is intimate-image abuse, not harassment;
# a threat to leak her images is intimate-image abuse (and blackmail with a demand), not threat_violence,
# unless a violence rule fired (the threat head alone read "I'll leak your nudes" as violence)
ABSORBED = {
    "threat_violence": ("threat_sexual", "intimate_image_abuse", "blackmail"),
    "sexual_harassment": ("threat_sexual", "intimate_image_abuse"),
}
ALWAYS_ABSORBED = frozenset({"sexual_harassment"})
# lexicon rules whose words have ordinary senses ("a fag" to smoke, "faggots and peas", "a chink of light")
SLUR_RULES = ("identity.slur", "misogyny.slur")
# a negator inside the matched words ("Muslims do not belong in cages", "killing X would never be a
# good thing"): the words are read again with the negator taken out, and when the rule still matches,
# it did not ask for the negation, so the sentence denies what the rule looks for
_INNER_NEG = re.compile(
    r"\b(?:(?:do|does|did)\s+not|don'?t|doesn'?t|didn'?t|never|not)\s+"
    r"|\b(would|should|could|must|is|are|was|were|has|have|had|will|can)(?:n'?t|\s+not)\b"
    r"|\b(?:won'?t|wont)\b|\b(?:can'?t|cannot)\b"
)
# a negator denies the verb it governs, not another clause's (content review 5, defect 3): the negation
# window starts at the last comma or colon, or at the last subject with its verb ("i will", "i'm",
# "you'll"), unless that follows a verb that carries the negation over ("i don't think i will hurt you")
_SUBJECT = re.compile(
    r"\b(?:i|we|he|she|they|you|u)(?:'(?:m|ll|d|re|s|ve)\b|\s+(?:(?:am|are|is|was|were|will|wo|shall|would"
    r"|should|could|can|ca|must|might|may|do|does|did|have|has|had|ai)(?:n'?t)?|cannot|gonna|going|wanna)\b)"
)
_CARRIES_NEGATION = re.compile(
    r"\b(?:think|believe|reckon|suppose|expect|imagine|guess|say|saying|said|promise)\s+(?:that\s+)?$"
)
# a clause that opens with one of these is another clause than the words before it ("don't call the
# police or i will kill you": the "don't" is the demand's, not the threat's)
_OPENS_CLAUSE = re.compile(r"(?:or|otherwise|unless|else|if)\b")
# phrases with a negator that deny nothing ("not gonna lie, ...", "no joke"): read as blanks
_EMPHATIC = re.compile(
    r"\b(?:(?:i'?m\s+|i\s+am\s+)?not\s+(?:going\s+to|gonna)\s+lie|no\s+lie|ngl|don'?t\s+get\s+me\s+wrong"
    r"|(?:i'?m\s+|i\s+am\s+)?not\s+(?:even\s+)?(?:joking|kidding)|no\s+(?:joke|kidding))\b"
)
_AFFIRMATIVE = {"won't": "will", "wont": "will", "can't": "can", "cant": "can", "cannot": "can"}


# "killing X would never be a good thing": the group is the object of a harm spoken of, not the subject
_ACTED_ON = re.compile(
    r"\b(?:killing|murdering|hurting|harming|attacking|shooting|stabbing|deporting|banning|hating|insulting"
    r"|abusing|bullying|mocking|threatening|beating|lynching|gassing|persecuting|excluding|targeting"
    r"|discriminating\s+against)\s+(?:(?:all|the|those|these|any|some)\s+)?$"
)
# a short message about a group that denies harm to it, with no rule hit: the model's score is cut
_DENIED_HARM = re.compile(
    r"\b(?:not|never|don'?t|doesn'?t|do\s+not|does\s+not|shouldn'?t|should\s+not|won'?t|nobody|no\s+one)"
    r"\s+(?:\w+\s+){0,3}?(?:die|death|dead|killed|hurt|harmed|attacked|suffer|abused|violence)\b"
)
_OPENERS = frozenset({"", "why", "so", "and", "but", "well", "how", "i mean", "honestly"})


def _affirmed(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1)
    word = m.group().strip()
    return _AFFIRMATIVE.get(word, "")


class Detector:
    """Rules + model; ``classify`` one text or ``classify_many`` a batch (the model runs batched)."""

    def __init__(self, rulebook: Rulebook | None = None, model: LinearModel | None = None) -> None:
        self.rules = rulebook or load_rulebook()
        self.model = model if model is not None else load_model()
        self.ctx = self.rules.context
        self.group_words = self.rules.group_words
        self._floors = [MODEL_FLOOR.get(h, DEFAULT_FLOOR) for h in self.model.heads]

    @property
    def version_info(self) -> dict[str, str]:
        return {"rules_sha256": self.rules.digest, "model_id": self.model.model_id}

    def classify(
        self,
        text: str,
        *,
        speaker: str | None = None,
        context: Sequence[Prior] = (),
        names: Sequence[str] = (),
    ) -> Result:
        """Classify one message."""
        return self.classify_many([text], speakers=[speaker], contexts=[context], names=names)[0]

    def classify_many(
        self,
        texts: Sequence[str],
        *,
        speakers: Sequence[str | None] | None = None,
        contexts: Sequence[Sequence[Prior]] | None = None,
        names: Sequence[str] = (),
    ) -> list[Result]:
        """Classify a batch (same length lists; speaker ``complainant``, ``other`` or None = unknown)."""
        normed = [normalise(t, names) for t in texts]
        probs = self.model.predict([n.norm for n in normed]) if texts else np.zeros((0, 0))
        out = []
        for i, n in enumerate(normed):
            speaker = speakers[i] if speakers is not None else None
            context = contexts[i] if contexts is not None else ()
            out.append(self._one(n, probs[i], speaker, context))
        return out

    def normalised(self, text: str, names: Sequence[str] = ()) -> Normalised:
        """The text as the rules and the model read it."""
        return normalise(text, names)

    def judge(
        self,
        normalised: Normalised,
        probs: Any,
        *,
        speaker: str | None = None,
        context: Sequence[Prior] = (),
    ) -> Result:
        """Classify one normalised text given its model probabilities (from a batched ``model.predict``)."""
        return self._one(normalised, probs, speaker, context)

    def set_aside_by_writer(self, result: Result, probs: Any, categories: Collection[str]) -> bool:
        """Whether reading the message without its writer may find one of ``categories`` that ``result``
        (read with its writer) did not: a rule's hit set aside because of who wrote it, or a model head
        at the floor where it can make a finding alone. (Her messages are not read for a group's
        evaluation or hostility; those are not looked for.)"""
        if any(e.suppressed in (HER_OWN, NOT_HERS) and e.category in categories for e in result.suppressed):
            return True
        return any(
            float(probs[k]) >= self._floors[k] for k, h in enumerate(self.model.heads) if h in categories
        )

    # -- one message -------------------------------------------------------------------------

    def _one(self, n: Normalised, probs: Any, speaker: str | None, context: Sequence[Prior]) -> Result:
        evidence: list[Evidence] = []
        sentence_flags: set[str] = set()
        scans: dict[str, Any] = {}
        hits = list(self.rules.hits(n.norm))
        if any(h.rule.defers_to for h in hits):
            hits = _without_deferred(hits)
        weighed, unweighed = self._to_weigh(n.norm, hits, scans)
        for hit in weighed:
            evidence.extend(self._judge(n, hit, speaker, context, sentence_flags, scans))
        skipped: dict[str, int] = {}
        for first, count in unweighed:
            for cat in first.rule.categories:
                skipped[cat] = skipped.get(cat, 0) + count
                note = f"{count} more match(es) of rule {first.rule.id} not weighed"
                span = n.span(*first.core)
                evidence.append(Evidence(cat, first.rule.score, first.rule.id, span, note, NOT_WEIGHED))
        words = set(_WORDS(n.norm)) if speaker != COMPLAINANT else set()
        ev = self.rules.evaluator
        if ev is not None and ev.wants(words):
            found = self._evaluations(n, scans, evidence)
            evidence.extend(found)
            if not found and not evidence and len(words) <= 20 and ev.praised:
                sentence_flags.add("a group spoken of well, or a bad word about it denied")
        if speaker != COMPLAINANT and not sentence_flags and not self.group_words.isdisjoint(words):
            evidence.extend(self._group_hostility(n, evidence, scans))
        if not evidence:
            quick = self._model_only(probs, speaker)
            if quick is not None:
                return quick
            if len(words) <= 20 and not self.group_words.isdisjoint(words) and _DENIED_HARM.search(n.norm):
                sentence_flags.add("harm to a group denied")  # "women don't deserve to die": the model alone
        scores = dict.fromkeys(CATEGORIES, 0.0)
        kept = [e for e in evidence if e.suppressed is None]
        for e in kept:
            scores[e.category] = 1.0 - (1.0 - scores[e.category]) * (1.0 - e.score)
        model_notes: dict[str, str] = {}
        for k, head in enumerate(self.model.heads):
            raw = float(probs[k])
            p = raw * (MODEL_WEIGHT if raw >= MODEL_FLOOR.get(head, DEFAULT_FLOOR) else BELOW_FLOOR)
            if head in EVIDENTIAL and speaker == OTHER or head not in EVIDENTIAL and speaker == COMPLAINANT:
                p = 0.0
            elif sentence_flags:
                p *= SUPPRESSED_MODEL_FACTOR
            if p > scores[head]:
                model_notes[head] = f"{p:.2f}"
                scores[head] = p
        for strong, weak in IMPLIES.items():
            scores[weak] = max(scores[weak], scores[strong])
        ruled = {e.category for e in kept}
        for weak, stronger in ABSORBED.items():
            overruled = any(scores[c] >= THRESHOLDS[c] for c in stronger)
            if overruled and (weak not in ruled or weak in ALWAYS_ABSORBED):
                scores[weak] = min(scores[weak], THRESHOLDS[weak] - 0.01)
        specific = [c for c in ABUSE if c != "insult_harassment" and scores[c] >= THRESHOLDS[c]]
        model_only = "insult_harassment" not in ruled
        if any(c in SPECIFIC_OVER_INSULT for c in specific) or (specific and model_only):
            scores["insult_harassment"] = min(
                scores["insult_harassment"], THRESHOLDS["insult_harassment"] - 0.01
            )
        scores = {c: round(v, 4) if v else 0.0 for c, v in scores.items()}
        detections = tuple(
            self._detection(n, cat, scores[cat], kept, model_notes, speaker, skipped.get(cat, 0))
            for cat in CATEGORIES
            if scores[cat] >= THRESHOLDS[cat]
        )
        not_weighed = tuple((first.rule.id, count) for first, count in unweighed)
        return Result(scores, detections, tuple(e for e in evidence if e.suppressed is not None), not_weighed)

    def _model_only(self, probs: Any, speaker: str | None) -> Result | None:
        """The common case: no rule hit and no head confident enough to make a finding alone."""
        scores = dict(_ZERO)
        for k, head in enumerate(self.model.heads):
            raw = float(probs[k])
            if raw >= self._floors[k]:
                return None
            if head in EVIDENTIAL and speaker == OTHER or head not in EVIDENTIAL and speaker == COMPLAINANT:
                continue
            scores[head] = round(raw * BELOW_FLOOR, 4)
        return Result(scores, ())

    def _group_hostility(
        self, n: Normalised, evidence: list[Evidence], scans: dict[str, Any]
    ) -> list[Evidence]:
        """A protected group and a hostile word in one clause, not negated, quoted or challenged."""
        norm = n.norm
        group = self.ctx["women"].search(norm) or self.ctx["idgroup"].search(norm)
        if group is None or self._scan(scans, "counter", norm):
            return []
        out: list[Evidence] = []
        c_start, c_end = self._clause(scans, norm, group.start())
        clause = norm[c_start:c_end]
        hostile = self.ctx["hostile"].search(clause)
        if hostile is None or self.ctx["negator"].search(clause):
            return []
        if self._scan(scans, "quoted", norm) or self.ctx["reporting"].search(clause):
            return []
        start = min(group.start(), c_start + hostile.start())
        end = max(group.end(), c_start + hostile.end())
        women = self.ctx["women"].search(clause) is not None
        cat, rid = (
            ("misogynistic_abuse", "misogyny.hostile_near")
            if women
            else ("identity_hate", "identity.hostile_near")
        )
        if any(e.category == cat and e.suppressed is None for e in evidence):
            return []
        word = norm[c_start + hostile.start() : c_start + hostile.end()]
        note = f"hostile word '{word}' about a protected group"
        out.append(Evidence(cat, 0.7, rid, n.span(start, end), note, None, norm[start:end]))
        return out

    def _evaluations(self, n: Normalised, scans: dict[str, Any], evidence: list[Evidence]) -> list[Evidence]:
        """The group + evaluation layer (``evaluation.py``): what each clause says of a group of people.

        Where a rule already marks overlapping words for the same category at or above the threshold
        (or at least as strongly), the rule's reading stands.
        """
        if self.rules.evaluator is None or self._scan(scans, "counter", n.norm):
            return []
        found = self.rules.evaluator.derogations(
            n.norm, self._scan(scans, "quoted", n.norm), self.ctx["reporting"]
        )
        out = []
        for d in found:
            span = n.span(d.start, d.end)
            if any(
                e.category == d.category
                and e.suppressed is None
                and e.score >= min(d.score, THRESHOLDS[d.category])
                and e.span
                and e.span[0] < span[1]
                and span[0] < e.span[1]
                for e in evidence
            ):
                continue
            out.append(Evidence(d.category, d.score, d.rule_id, span, d.note, None, n.norm[d.start : d.end]))
        return out

    def _scan(self, scans: dict[str, Any], key: str, norm: str) -> Any:
        """Whole-message context scans, done once per message and only when a hit needs them."""
        if key not in scans:
            if key == "quoted":
                scans[key] = quoted_spans(norm)
            elif key in ("idiom", "homonym"):
                scans[key] = [m.span() for m in self.ctx[key].finditer(norm)]
            elif key == "clauses":
                scans[key] = _clause_marks(norm)
            else:
                scans[key] = self.ctx[key].search(norm) is not None
        return scans[key]

    def _clause(self, scans: dict[str, Any], norm: str, at: int) -> tuple[int, int]:
        """The clause around ``at``: from the end of the last clause mark before it to the next mark."""
        return _clause_at(self._scan(scans, "clauses", norm), norm, at)

    def _before(self, scans: dict[str, Any], norm: str, hit: Hit) -> tuple[int, int, str, int]:
        """The hit's clause (at most CLAUSE_REACH either side), its words before the hit, and where the
        last comma or colon among them is (-1 for none)."""
        c_start, c_end = self._clause(scans, norm, hit.start)
        c_start, c_end = max(c_start, hit.start - CLAUSE_REACH), min(c_end, hit.end + CLAUSE_REACH)
        before = norm[c_start : hit.core[0]]
        return c_start, c_end, before, max(before.rfind(","), before.rfind(":"))

    def _to_weigh(
        self, norm: str, hits: list[Hit], scans: dict[str, Any]
    ) -> tuple[list[Hit], list[tuple[Hit, int]]]:
        """At most MAX_WEIGHED hits of each rule, and for each rule with more, its first hit left unweighed
        and how many were. A rule with more hits than that has those that a negator just before does not
        deny (``_judge``'s first test, cheap) weighed first: 200 "I would never kill you." cannot push
        "I will kill you." out of the weighing (new-code review 4, defect 2)."""
        counts = Counter(h.rule.id for h in hits)
        if all(k <= MAX_WEIGHED for k in counts.values()):
            return hits, []
        keep = [counts[h.rule.id] <= MAX_WEIGHED for h in hits]
        crowded: dict[str, list[int]] = {}  # by rule, in the order of their first hits: where its hits are
        for i, h in enumerate(hits):
            if not keep[i]:
                crowded.setdefault(h.rule.id, []).append(i)
        negator = self.ctx["negator"]
        unweighed: list[tuple[Hit, int]] = []
        for at in crowded.values():
            denied = {
                i
                for i in at
                if hits[i].rule.negatable and self._negated_before(scans, norm, hits[i], negator)
            }
            for i in ([i for i in at if i not in denied] + [i for i in at if i in denied])[:MAX_WEIGHED]:
                keep[i] = True
            left = [i for i in at if not keep[i]]
            unweighed.append((hits[left[0]], len(left)))
        return [h for h, k in zip(hits, keep, strict=True) if k], unweighed

    def _negated_before(self, scans: dict[str, Any], norm: str, hit: Hit, negator: Any) -> bool:
        _, _, before, _ = self._before(scans, norm, hit)
        return negator.search(_negation_window(before, norm, hit.core[0])) is not None

    def _judge(
        self,
        n: Normalised,
        hit: Hit,
        speaker: str | None,
        context: Sequence[Prior],
        flags: set[str],
        scans: dict[str, Any],
    ) -> list[Evidence]:
        """Weigh one hit: idiom, negation, quotation, reporting, counter-speech, target, speaker, context."""
        norm = n.norm
        rule = hit.rule
        if hit.name is not None and not _capitalised(n, hit.name):
            return []  # "kill time", "shoot hoops": only a capitalised word reads as a person's name
        start, end = hit.core
        c_start, c_end, before, comma = self._before(scans, norm, hit)
        window = _negation_window(before, norm, start)
        notes: list[str] = []
        suppressed: str | None = None
        score = rule.score
        abuse = any(c not in EVIDENTIAL for c in rule.categories)
        if _inside(self._scan(scans, "idiom", norm), start, end):
            suppressed = "an everyday idiom, not a threat"
        elif (
            self.ctx["negator"].search(window)
            if rule.negatable
            else _refused_mention(self.ctx, (before[comma + 1 :] if comma >= 0 else before)[-60:])
        ):
            suppressed = NEGATED
        elif (
            rule.negatable
            and rule.kind == "pattern"
            and _denied_inside(rule, self.ctx["negator"], norm, hit, c_start, c_end)
        ):
            suppressed = NEGATED
        elif rule.id.startswith("group.") and _ACTED_ON.search(norm, max(0, hit.start - 40), hit.start):
            suppressed = "the group is what an act is done to, not the subject judged"
        elif not rule.allow_quoted and _inside(self._scan(scans, "quoted", norm), start - 1, end):
            suppressed = QUOTED
        elif abuse and self.ctx["reporting"].search(norm[c_start:start]):
            suppressed = REPORTED
        elif abuse and self._scan(scans, "counter", norm):
            suppressed = "counter-speech (challenging abuse, not abusing)"
        elif "self_harm_encouragement" in rule.categories and self._scan(scans, "support", norm):
            suppressed = "support, not encouragement"
        elif rule.id.startswith(SLUR_RULES) and _inside(self._scan(scans, "homonym", norm), start, end):
            suppressed = "the word in its ordinary sense, not a slur"
        elif rule.id.startswith("identity.slur") and (
            self.ctx["reclaimed"].search(norm[c_start:start]) or self._scan(scans, "ingroup", norm)
        ):
            suppressed = "reclaimed or self-referential use"
        if suppressed is None and rule.needs_target:
            aimed = self.ctx["addressee"].search(norm[c_start:start]) is not None
            vocative = _vocative(norm, start, end, c_start, c_end)
            if aimed or vocative:
                notes.append("aimed at a person")
            else:
                score *= 0.5
                notes.append("not aimed at anyone in particular")
        if suppressed is None and speaker is not None:
            if abuse and speaker == COMPLAINANT:
                suppressed = HER_OWN
            elif not abuse and speaker == OTHER:
                suppressed = NOT_HERS
        if suppressed is None and rule.context_boost:
            reason = _context_reason(context, self.ctx["police"])
            if reason:
                score = min(0.95, score + rule.context_boost)
                notes.append(reason)
        if suppressed is not None and abuse and suppressed not in ("an everyday idiom, not a threat",):
            flags.add(suppressed)
        span = n.span(start, end)
        quote = norm[start:end]
        out = [
            Evidence(cat, score, rule.id, span, "; ".join(notes), suppressed, quote)
            for cat in rule.categories
        ]
        if (
            suppressed is None
            and abuse
            and rule.kind == "pattern"
            and not rule.id.startswith(("identity.", "misogyny."))
        ):
            clause = norm[c_start:c_end]
            if self.ctx["women"].search(clause):
                out.append(Evidence("misogynistic_abuse", 0.85, "target.women", span, "aimed at women"))
            elif self.ctx["idgroup"].search(clause):
                out.append(
                    Evidence("identity_hate", 0.85, "target.group", span, "aimed at a protected group", None)
                )
        return out

    def _detection(
        self,
        n: Normalised,
        cat: str,
        score: float,
        kept: list[Evidence],
        model_notes: dict[str, str],
        speaker: str | None,
        not_weighed: int,
    ) -> Detection:
        mine = [e for e in kept if e.category == cat]
        if not mine and cat == "threat_violence":
            mine = [
                Evidence(cat, e.score, e.source, e.span, e.note, None, e.quote_norm)
                for e in kept
                if e.category == "threat_to_kill"
            ]
        rule_ids = tuple(sorted({e.source for e in mine}))
        unlisted = len(mine) - MAX_LISTED
        if unlisted > 0:
            mine = sorted(mine, key=lambda e: (-e.score, e.source, e.span or (0, 0)))[:MAX_LISTED]
        spans = tuple(sorted({e.span for e in mine if e.span is not None}))
        parts: list[str] = []
        for e in sorted(mine, key=lambda e: (-e.score, e.source)):
            rule = self.rules.by_id.get(e.source)
            label = rule.label if rule is not None else LABELS[cat]
            quote = n.text[e.span[0] : e.span[1]] if e.span else ""
            parts.append(f"{label}: '{quote}' {_aim(cat, n.norm, e, speaker)}{_extra(e)} (rule {e.source})")
        model_id = None
        if cat in model_notes:
            model_id = self.model.model_id
            terms = self.model.top_terms(n.norm, cat)
            words = ", ".join(f"'{t}'" for t in terms) if terms else "no single word"
            parts.append(
                f"model {model_id} reads it as {LABELS[cat]} ({model_notes[cat]}); strongest words {words}"
            )
        explanation = "; ".join(parts) if parts else LABELS[cat]
        if speaker is None:
            explanation += "; who sent it is not known, so this reads the text alone"
        details: dict[str, Any] = {"label": LABELS[cat], "threshold": THRESHOLDS[cat]}
        contexts = sorted({e.note for e in mine if "earlier" in e.note})
        if contexts:
            details["context"] = contexts
        if unlisted > 0:
            details["passages_not_listed"] = unlisted
            explanation += f"; {unlisted} more passage(s) like these are not listed"
        hidden = sorted({c for e in mine if e.span for c in read_past(n.text, e.span)})
        if hidden:
            details["read_past"] = hidden
            explanation += (
                f"; characters that draw nothing ({', '.join(hidden)}) inside the words were read past"
            )
        if not_weighed:
            details["matches_not_weighed"] = not_weighed
            explanation += (
                f"; {not_weighed} more match(es) were not weighed (at most {MAX_WEIGHED} matches of a rule"
                " in one message are, those no negator just before denies first)"
            )
        return Detection(cat, score, spans, rule_ids, model_id, explanation, details)


def quoted_spans(norm: str) -> list[tuple[int, int]]:
    """Where ``norm`` (a normalised text) has words in quotation marks, in order."""
    return [m.span() for m in _QUOTED.finditer(norm)]


def _clause_marks(norm: str) -> tuple[list[int], list[int]]:
    """Where the clause marks of ``norm`` (``_CLAUSE``) start and end, in order."""
    marks = [m.span() for m in _CLAUSE.finditer(norm)]
    return [a for a, _ in marks], [b for _, b in marks]


def _clause_at(marks: tuple[list[int], list[int]], norm: str, at: int) -> tuple[int, int]:
    """The clause around ``norm[at]``: from the end of the last clause mark before it to the next mark."""
    starts, ends = marks
    k = bisect_right(ends, at)
    j = bisect_left(starts, at)
    return (ends[k - 1] if k else 0), (starts[j] if j < len(starts) else len(norm))


def not_own_words(ctx: dict[str, re.Pattern[str]], norm: str, start: int, end: int) -> str | None:
    """Why the words ``norm[start:end]`` of a normalised text are not the writer saying them: NEGATED (a
    negator before them in their clause denies them, "I'm not sorry"), QUOTED (inside quotation marks) or
    REPORTED (a frame before them in their clause gives another's words, "you said I didn't mean it");
    None when they are the writer's own. The tests ``Detector._judge`` makes of a negatable pattern's
    hit, in its order, for an analyser that matches phrases of its own (``ctx``: the rulebook's context
    lists, ``Rulebook.context``)."""
    c_start, _ = _clause_at(_clause_marks(norm), norm, start)
    c_start = max(c_start, start - CLAUSE_REACH)
    if ctx["negator"].search(_negation_window(norm[c_start:start], norm, start)):
        return NEGATED
    if _inside(quoted_spans(norm), start - 1, end):
        return QUOTED
    if ctx["reporting"].search(norm[c_start:start]):
        return REPORTED
    return None


def _negation_window(before: str, norm: str, at: int) -> str:
    """The last 30 characters of ``before`` (the clause's words before ``norm[at]``) that a negator there
    denies the words at ``at`` from: from the last comma, colon or subject with its verb on
    (``_SUBJECT``), none where the words open another clause ("or i will ..."), emphatic phrases blanked."""
    if _OPENS_CLAUSE.match(norm, at):
        return ""
    return _negation_scope(before)[-30:]


def _negation_scope(before: str) -> str:
    """``before`` from where a negator in it governs what follows it (``_negation_window``)."""
    cut = max(before.rfind(","), before.rfind(":")) + 1
    for m in reversed(list(_SUBJECT.finditer(before, cut))):
        if m.start() == cut or not _CARRIES_NEGATION.search(before, cut, m.start()):
            cut = m.start()
            break
    return _EMPHATIC.sub(lambda m: " " * len(m.group(0)), before[cut:])


def _refused_mention(ctx: dict[str, re.Pattern[str]], before: str) -> bool:
    """A negated act of naming before the words ("never call them ...", "I won't use that word")."""
    neg = ctx["negator"].search(before)
    return neg is not None and ctx["mention"].search(before, neg.end()) is not None


def _capitalised(n: Normalised, span: tuple[int, int]) -> bool:
    """Whether the words at ``span`` of the normalised text begin with a capital letter as sent."""
    a, b = n.span(*span)
    word = n.text[a:b]
    return bool(word) and word[0].isupper() and not word.isupper()


def _without_deferred(hits: list[Hit]) -> list[Hit]:
    """Drop a wider rule's hit where a rule it defers to marks overlapping words."""
    wanted = {rid for h in hits for rid in h.rule.defers_to}
    cores: dict[str, list[tuple[int, int]]] = {}
    for o in hits:
        if o.rule.id in wanted:
            cores.setdefault(o.rule.id, []).append(o.core)
    reach: dict[str, tuple[list[int], list[int]]] = {}  # per rule: core starts in order, furthest end so far
    for rid, spans in cores.items():
        spans.sort()
        furthest = list(accumulate((b for _, b in spans), max))
        reach[rid] = ([a for a, _ in spans], furthest)
    out = []
    for h in hits:
        if any(_overlaps(reach.get(rid), h.core) for rid in h.rule.defers_to):
            continue
        out.append(h)
    return out


def _overlaps(reach: tuple[list[int], list[int]] | None, core: tuple[int, int]) -> bool:
    """Whether a core starting before ``core`` ends runs past where it starts."""
    if reach is None:
        return False
    starts, furthest = reach
    k = bisect_left(starts, core[1])
    return k > 0 and furthest[k - 1] > core[0]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of ``spans`` (in order, not overlapping, as ``finditer`` gives them) runs from ``start``
    or before to ``end`` or after."""
    k = bisect_right(spans, (start, sys.maxsize))
    return k > 0 and end <= spans[k - 1][1]


def _vocative(norm: str, start: int, end: int, c_start: int, c_end: int) -> bool:
    """A term used to address someone: on its own, or set off by a comma at a clause edge.

    @mentions before it are part of the address ("@name fool!"), not words of the clause."""
    head = _MENTIONS.sub("", norm[c_start:start]).strip()
    tail = norm[end:c_end].strip()
    return (
        (head == "" or head.endswith(","))
        and (tail == "" or tail.startswith(","))
        or (head.endswith(",") and tail in ("", "!", "?"))
    )


def _aim(cat: str, norm: str, e: Evidence, speaker: str | None) -> str:
    """Whom the words are aimed at; "her" (the complainant) only when who sent them is known: with no
    account marked as hers, "you" may be him, in a reply of hers."""
    her = "her" if speaker is not None else "the person it was sent to"
    if cat in EVIDENTIAL:
        return "in her own words" if speaker is not None else "in the sender's own words"
    if e.note.startswith(("aimed at", "hostile word")):
        return e.note
    if "not aimed" in e.note:
        return "not aimed at anyone in particular"
    for where in (e.quote_norm, norm):
        if _CLOSE.search(where):
            return f"aimed at someone close to {her}, not negated"
        if re.search(r"\b(?:you|u|ya|your|ur|yourself)\b", where):
            return f"addressed to {her}, not negated"
        if re.search(r"\b(?:her|she)\b", where):
            return "about her, not negated" if speaker is not None else "about a woman, not negated"
    return "not negated"


def _extra(e: Evidence) -> str:
    return f"; {e.note}" if e.note and "earlier" in e.note else ""


def _context_reason(context: Sequence[Prior], police: re.Pattern[str]) -> str:
    for back, prior in enumerate(reversed(context[-CONTEXT_WINDOW:]), start=1):
        if prior.speaker == OTHER:
            continue
        if "request_to_stop" in prior.categories or police.search(prior.text.lower()):
            quote = prior.text if len(prior.text) <= 60 else prior.text[:57] + "..."
            return (
                f"context: sent after her message '{quote}' ({back} message{'s' if back > 1 else ''} earlier)"
            )
    return ""


__all__ = ["ABUSE", "COMPLAINANT", "OTHER", "Detection", "Detector", "Prior", "Result"]


def _denied_inside(
    rule: Any, negator: re.Pattern[str], norm: str, hit: Hit, c_start: int, c_end: int
) -> bool:
    """A negator inside the matched words that the rule does not need: the words read without it match too."""
    lead = norm[hit.start : hit.core[0]]
    begin = hit.start + len(lead) - len(_negation_scope(lead))
    inside = _EMPHATIC.sub(lambda m: " " * len(m.group(0)), norm[begin : hit.end])
    first = _INNER_NEG.search(inside)
    if rule.regex is None or first is None or negator.search(inside) is None:
        return False
    if first.start() == 0 and norm[c_start:begin].strip(" ,") in _OPENERS:
        return False  # "aren't trans people just ...?": an inverted question, not a denial
    affirmed = _INNER_NEG.sub(_affirmed, inside)
    variant = norm[c_start:begin] + affirmed + norm[hit.end : c_end]
    return rule.regex.compiled.search(variant) is not None
