"""Group + evaluation: what a clause says of a group of people, scored from an evaluative lexicon.

A group of people is found as the subject or object of a clause (a protected group, women, or a group
no law protects such as an occupation or a team's fans), or a pronoun ("they", "them") for a group named
in an earlier clause or sentence of the message. The words said of it are read with the lexicon in
``rules/detect/evaluation.yaml``:

- after the group ("X are <negative>", "why are X so <negative>?", "X make me sick", "X belong in a
  zoo"), skipping verbs to be, modals, intensifiers and articles and counting negators on the way;
- before it, the speaker's attitude ("I hate X", "I would never trust a X", "overrun by X") or an
  abusive word directly in front of it ("filthy X", "fucking X").

One person is read the same way (round 6): "you are …", "you're …", "he / she is …", "this guy is …",
or a name at the start of a clause followed by "is" ("Eric is a crook"); a name takes only the nouns
that name a person (``person`` in the lexicon), a pronoun also takes the group lexicon less the words
that are ordinary of one person (``person_skip``: "dead", "mad").

A negative word derogates unless negated ("X are not disgusting"); a good word derogates when negated
("X are never any good", "X can't be trusted") and not otherwise. The score is the word's strength, so
weaker words rank texts below the threshold. A claim that is quoted, reported, mentioned in order to be
challenged ("saying X are vile is wrong") is not made, so it is not scored. Every evidence names the
words, the rule id (``eval.*``) and, in the note, what was said of which group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from footprint.analyse.detect.evaluation_words import (
    AFTER_COMMA,
    ARTICLES,
    BELIEF,
    COLLECTIVE,
    COMMON,
    COPULAS,
    CUE_COMMON,
    DEMAND_NOT,
    DEMAND_OPENERS,
    EXCLUDED,
    FIRST_PERSON,
    HARM_AFTER,
    HARM_PASSIVE,
    JUST_DEMAND,
    LEFT_DETERMINERS,
    NON_PROTECTED_REFUSAL,
    PERSON_END,
    PERSON_LINKS,
    PERSON_NOT_AFTER,
    PERSON_NOUNS,
    QUANTIFIERS,
    REFUSALS,
    SMALL_CLAUSE,
    SUBJECT_OK,
    TRANSPARENT,
)
from footprint.errors import AnalysisError

_TOKEN = re.compile(r"[a-z0-9][a-z0-9'-]*|[.!?;:\n]+|,")
_SENTENCE = frozenset(".!?;:\n")
_ALPHA = re.compile(r"[a-z]+").findall
MAX_PHRASE = 7
REFERENCE_FACTOR = 0.95  # a pronoun for a group named earlier: a little less certain than the name
NEGATION_WINDOW = 6  # tokens before the words in which a negator counts
_RULE_IDS = {
    "negative": "eval.said_of_group",
    "positive": "eval.good_denied",
    "attitude_negative": "eval.attitude",
    "attitude_positive": "eval.good_denied",
    "modifier": "eval.abusive_modifier",
    "question": "eval.said_of_group",
    "person": "eval.said_of_person",
}
_KIND_NOTE = {
    "negative": "'{w}' said of {g}",
    "positive": "a good quality ('{w}') denied to {g}",
    "attitude_negative": "'{w}' aimed at {g}",
    "attitude_positive": "'{w}' refused to {g}",
    "modifier": "'{w}' put before {g}",
    "question": "asking why {g} '{w}'",
    "person": "'{w}' said of {g}",
}


@dataclass(frozen=True)
class Derogation:
    """One group derogated by one evaluation: category, score, the span in ``norm`` and a note."""

    category: str
    score: float
    rule_id: str
    start: int
    end: int
    note: str


@dataclass(frozen=True)
class _Mention:
    category: str  # identity_hate | misogynistic_abuse | insult_harassment
    start: int  # token index
    end: int  # token index (exclusive)
    words: str
    plural: bool


class Evaluator:
    """Reads the group + evaluation lexicon once; ``derogations`` scores one normalised text."""

    def __init__(self, spec: dict[str, Any], group_regex: str, singular_other: str) -> None:
        slots = {"place": _list(spec, "place"), "modal": _list(spec, "modal")}
        self.lex: dict[str, dict[tuple[str, ...], float]] = {}
        for kind in _RULE_IDS:
            entries: dict[tuple[str, ...], float] = {}
            for phrase, strength in (spec.get(kind) or {}).items():
                for text in _expand(str(phrase), slots):
                    entries[tuple(_words(text))] = float(strength)
            self.lex[kind] = entries
        # (round 7) said of a group only: not read of one person, and not a cue of the person layer
        group_only = {
            tuple(_words(text)): float(strength)
            for phrase, strength in (spec.get("negative_group") or {}).items()
            for text in _expand(str(phrase), slots)
        }
        self.skip = {tuple(_words(w)) for w in _list(spec, "skip")}
        self.stop = frozenset(_list(spec, "stop"))
        self.negators = frozenset(_list(spec, "negators"))
        self.pronouns = frozenset(_list(spec, "pronouns"))
        self.singular_pronouns = frozenset(_list(spec, "singular_pronouns"))
        self.elliptic = frozenset(_list(spec, "elliptic"))
        self.verbs = frozenset(_list(spec, "verbs"))
        self.references = {tuple(_words(w)) for w in _list(spec, "references")}
        self.why_only = {tuple(_words(str(k))): float(v) for k, v in (spec.get("why_only") or {}).items()}
        # (round 7) "should X really be allowed to …?": read only after "should" opens the question
        self.should_only = {
            tuple(_words(str(k))): float(v) for k, v in (spec.get("should_only") or {}).items()
        }
        self._reporting: re.Pattern[str] | None = None
        # set by ``derogations``: a group was spoken of well, or a bad word about it was negated
        self.praised = False
        self.mention = re.compile(str(spec.get("mention") or r"(?!)"))
        self.judged = re.compile(str(spec.get("judged") or r"(?!)"))
        self._sources = (group_regex, singular_other)
        self._compiled: tuple[re.Pattern[str], re.Pattern[str]] | None = None
        self.after = {**self.lex["negative"], **{k: -v for k, v in self.lex["positive"].items()}}
        self.before = {
            **{k: -v for k, v in self.lex["attitude_positive"].items()},
            **self.lex["attitude_negative"],
        }
        # one word of every entry (its longest): a text with none of them cannot be derogation here
        keys = [k for lex in (*self.lex.values(), self.why_only, self.should_only) for k in lex]
        self.cues = frozenset(_cue(k, CUE_COMMON) for k in keys if _ALPHA(" ".join(k)))
        self.kind_after = {k: "negative" for k in self.lex["negative"]} | {
            k: "positive" for k in self.lex["positive"]
        }
        self.kind_before = {k: "attitude_positive" for k in self.lex["attitude_positive"]} | {
            k: "attitude_negative" for k in self.lex["attitude_negative"]
        }
        # one person: nouns that name a person ("a crook") for a name; with them, the group words for a
        # pronoun ("you are vile"), less those that are ordinary of one person ("he is dead")
        person_skip = {tuple(_words(t)) for w in _list(spec, "person_skip") for t in _expand(w, slots)}
        self.person_named = {k: v for k, v in self.lex["person"].items() if k not in person_skip}
        self.person_after = {
            k: v for k, v in {**self.lex["negative"], **self.lex["person"]}.items() if k not in person_skip
        }
        self.lex["negative"] = {**group_only, **self.lex["negative"]}
        self.after = {**group_only, **self.after}
        self.kind_after.update(dict.fromkeys(group_only, "negative"))
        self.cues |= {_cue(k, CUE_COMMON) for k in group_only if _ALPHA(" ".join(k))}
        self.person_pronouns = frozenset(_list(spec, "person_pronouns"))
        self.person_contracted = frozenset(_list(spec, "person_contracted"))
        self.person_heads = frozenset(_list(spec, "person_heads"))
        self.not_names = frozenset(_list(spec, "not_names"))
        # the words that open the layer for one person: pronouns, and the nouns a name is read before
        # (not "is", which nearly every message has)
        self.person_gate = (
            self.person_pronouns
            | self.person_contracted
            | PERSON_NOUNS
            | {max(_ALPHA(" ".join(k)), key=len) for k in self.person_named if _ALPHA(" ".join(k))}
        )
        # the words said of one person (the longest of each entry): a person layer without one cannot fire
        self.person_cues = frozenset(_cue(k) for k in self.person_after if _ALPHA(" ".join(k)))
        # set by the rule book: the group words; a message with none of them skips the group regex
        self.group_gate: frozenset[str] = frozenset()

    def wants(self, words: set[str]) -> bool:
        """Whether a message with these words (``[a-z]+``) can hold a derogation of a group or a person."""
        return (not self.group_gate.isdisjoint(words) and not self.cues.isdisjoint(words)) or (
            not self.person_gate.isdisjoint(words) and not self.person_cues.isdisjoint(words)
        )

    @property
    def patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The group regexes, compiled the first time a message names a group (they are long)."""
        if self._compiled is None:
            self._compiled = (re.compile(self._sources[0]), re.compile(self._sources[1]))
        return self._compiled

    # -- one message -------------------------------------------------------------------------

    def derogations(
        self, norm: str, quoted: list[tuple[int, int]], reporting: re.Pattern[str] | None = None
    ) -> list[Derogation]:
        """Every group derogated in ``norm`` (quoted spans and reported speech are someone else's words)."""
        self._reporting = reporting
        self.praised = False
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
        if not toks:
            return []
        words = [t[0] for t in toks]
        out: list[Derogation] = []
        groups = not self.group_gate or not self.group_gate.isdisjoint(words)
        mentions = self._mentions(norm, toks) if groups else []
        if mentions:
            self._groups(norm, toks, words, mentions, quoted, out)
        if not self.person_gate.isdisjoint(words):
            self._persons(norm, toks, words, quoted, out)
        return out

    def _groups(
        self,
        norm: str,
        toks: list[tuple[str, int, int]],
        words: list[str],
        mentions: list[_Mention],
        quoted: list[tuple[int, int]],
        out: list[Derogation],
    ) -> None:
        sentence_of = _sentence_index(words)
        by_start = {m.start: m for m in mentions}
        last: _Mention | None = None
        i = 0
        seen_in_clause = False
        clause_start = 0
        while i < len(words):
            w = words[i]
            if w in _SENTENCE or w in (",", "and", "but"):
                clause_start = i + 1
                seen_in_clause = False
                i += 1
                continue
            mention = by_start.get(i)
            ref_len = self._reference(words, i) if last is not None else 0
            if ref_len and last is not None and (mention is None or last.category != "insult_harassment"):
                ref = _Mention(last.category, i, i + ref_len, last.words, last.plural)
                d = self._judge(norm, toks, words, ref, clause_start, last, quoted)
                if d is not None:
                    out.append(d)
                seen_in_clause = True
                i += ref_len
                continue
            if mention is not None:
                d = self._judge(norm, toks, words, mention, clause_start, None, quoted)
                if d is not None:
                    out.append(d)
                last = mention
                seen_in_clause = True
                i = mention.end
                continue
            if (
                last is not None
                and not seen_in_clause
                and sentence_of[i] - sentence_of[last.start] <= 2
                and (w in self.pronouns or (w in self.singular_pronouns and not last.plural))
            ):
                ref = _Mention(last.category, i, i + 1, last.words, last.plural)
                d = self._judge(norm, toks, words, ref, clause_start, last, quoted)
                if d is not None:
                    out.append(d)
            elif (
                last is not None
                and not seen_in_clause
                and i == clause_start
                and w in self.elliptic
                and 0 < sentence_of[i] - sentence_of[last.start] <= 1
            ):
                ref = _Mention(last.category, i, i, last.words, last.plural)
                d = self._judge(norm, toks, words, ref, clause_start, last, quoted)
                if d is not None:
                    out.append(d)
            i += 1

    def _persons(
        self,
        norm: str,
        toks: list[tuple[str, int, int]],
        words: list[str],
        quoted: list[tuple[int, int]],
        out: list[Derogation],
    ) -> None:
        """One person derided: "you are …", "he is …", "this guy is …", "<name> is a crook"."""
        clause_start = 0
        taken = [(d.start, d.end) for d in out]
        n = len(words)
        for i, w in enumerate(words):
            if w in _SENTENCE or w in (",", "and", "but"):
                clause_start = i + 1
                continue
            length, named, contracted = self._person_subject(words, i, clause_start)
            if length:
                who = " ".join(words[i : i + length])
                lex = self.person_named if named else self.person_after
                got = self._after(words, i + length, contracted, lex)
                if got is None and named:
                    got = self._bad_person(words, i + length)  # "Eric is a stupid man"
                last = 0
            else:
                got = self._how(words, i)  # "how pathetic you are": the person follows the word
                who = words[i + 2] if got is not None else ""
                last = i + 4
            if got is None or got[1] not in ("negative", "person"):
                continue
            value, kind, j, k, negs = got
            nxt = words[k] if k < n else ""
            if kind == "person" and nxt.isalpha() and nxt not in PERSON_END and not nxt.endswith("ly"):
                continue  # "a fraud investigator", "a rat catcher": the noun qualifies another
            negs += self._person_negation(words, i, clause_start)
            if _polarity(value, negs) <= 0:
                continue
            start, end = toks[i][1], toks[max(k, last) - 1][2]
            if any(qa <= start and end <= qb for qa, qb in quoted):
                continue
            if any(a < end and start < b for a, b in taken):
                continue  # the group reading of the same words stands
            before = norm[toks[clause_start][1] : start] if clause_start < i else ""
            if self.mention.search(before) or (
                self._reporting is not None and self._reporting.search(before)
            ):
                continue
            if self.judged.search(_sentence_text(norm, toks, words, i, max(k, last))):
                continue
            strength = value * (0.95 if named else 1.0)
            note = f"aimed at a person: '{' '.join(words[j:k])}' said of '{who}'"
            out.append(
                Derogation(
                    "insult_harassment", round(min(strength, 0.95), 4), _RULE_IDS["person"], start, end, note
                )
            )

    def _how(self, words: list[str], i: int) -> tuple[float, str, int, int, int] | None:
        """ "how pathetic you are", "how vile he is": the word before the person, read as said of them."""
        if words[i] != "how":
            return None
        got = words[i + 1 : i + 4]
        if len(got) < 3 or got[1] not in ("you", "he", "she") or got[2] not in PERSON_LINKS:
            return None
        key = (got[0],)
        value = self.person_after.get(key)
        if value is None or self.kind_after.get(key) != "negative":
            return None
        return value, "negative", i + 1, i + 2, 0

    def _bad_person(self, words: list[str], i: int) -> tuple[float, str, int, int, int] | None:
        """After a name: an article, a bad word of the lexicon and a noun for a person ("a stupid man")."""
        while i < len(words) and (
            words[i] in ARTICLES or words[i] in COPULAS or words[i] in ("such", "really")
        ):
            i += 1
        if i >= len(words):  # the name ends the text ("... incited by Muslims!" read as a name)
            return None
        heads = [h for h in (i + 1, i + 2) if h < len(words) and words[h] in PERSON_NOUNS]
        value = self.person_after.get((words[i],))
        if not heads or value is None or self.kind_after.get((words[i],)) != "negative":
            return None
        return value, "negative", i, heads[0] + 1, 0  # "a horrible little man": one word may come between

    def _person_subject(self, words: list[str], i: int, clause_start: int) -> tuple[int, bool, bool]:
        """(length, named, contracted) of a person as the subject at ``i``; length 0 when there is none."""
        w = words[i]
        prev = words[i - 1] if i > clause_start else ""
        if prev in PERSON_NOT_AFTER:
            return 0, False, False
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in self.person_contracted:
            return 1, False, True
        if w in self.person_pronouns:
            return (1, False, False) if nxt in PERSON_LINKS else (0, False, False)
        if w in ("this", "that") and nxt in self.person_heads:
            after = words[i + 2] if i + 2 < len(words) else ""
            return (2, False, False) if after in PERSON_LINKS else (0, False, False)
        if nxt in ("is", "was") and w.isalpha() and len(w) > 1 and w not in self.not_names:
            k = i
            while k > clause_start and words[k - 1] in TRANSPARENT:
                k -= 1
            if k == clause_start:
                return 1, True, False
        return 0, False, False

    def _person_negation(self, words: list[str], i: int, clause_start: int) -> int:
        """A belief denied before a person subject ("I don't think he is …"); a negator of an earlier
        predicate ("he is not a troll he is simply dumb") does not count."""
        lo = max(clause_start, i - 5)
        for k in range(i - 1, lo - 1, -1):
            if words[k] in COPULAS:
                return 0
            if words[k] in BELIEF:
                return sum(1 for w in words[max(lo, k - 3) : k] if w in self.negators or w.endswith("n't"))
        return 0

    def _mentions(self, norm: str, toks: list[tuple[str, int, int]]) -> list[_Mention]:
        starts = {s: k for k, (_, s, _) in enumerate(toks)}
        ends = {e: k for k, (_, _, e) in enumerate(toks)}
        found: list[_Mention] = []
        groups, singular = self.patterns
        for m in groups.finditer(norm):
            if m.start() not in starts or m.end() not in ends:
                continue
            cat = (
                "identity_hate"
                if m.group("id")
                else "misogynistic_abuse"
                if m.group("wo")
                else "insult_harassment"
            )
            words = m.group()
            plural = words.endswith(("s", "women", "men", "people", "folk", "police")) or words in COLLECTIVE
            k = starts[m.start()]
            if not plural and " " not in words and (k == 0 or toks[k - 1][0] not in ARTICLES):
                continue  # "Muslim MP", "immigrant terrorists": the group word qualifies another noun
            if words in EXCLUDED:
                continue
            found.append(_Mention(cat, starts[m.start()], ends[m.end()] + 1, words, plural))
        for m in singular.finditer(norm):
            if m.start() in starts and m.end() in ends:
                k = starts[m.start()]
                if not any(f.start <= k < f.end for f in found):
                    found.append(_Mention("insult_harassment", k, ends[m.end()] + 1, m.group(), False))
        return sorted(found, key=lambda f: f.start)

    def _judge(
        self,
        norm: str,
        toks: list[tuple[str, int, int]],
        words: list[str],
        mention: _Mention,
        clause_start: int,
        antecedent: _Mention | None,
        quoted: list[tuple[int, int]],
    ) -> Derogation | None:
        a = toks[mention.start][1]
        b = toks[mention.end - 1][2] if mention.end > mention.start else a
        if any(qa <= a and b <= qb for qa, qb in quoted):
            return None
        left_words = words[clause_start : mention.start]
        left_neg, inverted = self._left_negation(left_words[-NEGATION_WINDOW:], len(left_words))
        if mention.end > mention.start and words[mention.start] == "no":
            left_neg += 1  # "no lawyer is ever honest": the article denies
        best: tuple[float, str, str, int, int] | None = None  # strength, kind, word, tok_from, tok_to
        # after the group, when it is the subject of what follows
        small = mention.start > clause_start and words[mention.start - 1] in SMALL_CLAUSE
        subject = small or self._subject(words, clause_start, mention)
        got = None
        if left_words[:1] == ["why"]:
            got = self._why(words, mention.end, left_words)
        elif left_words == ["should"]:
            length, value = _longest(self.should_only, words, mention.end)
            got = (value, "question", mention.end, mention.end + length, 0) if length else None
        if got is None and subject:
            got = self._after(words, mention.end, small)
        if got is not None:
            value, kind, j, k, negs = got
            strength = _polarity(value, negs + left_neg)
            if strength > 0:
                best = (strength, kind, " ".join(words[j:k]), j, k)
            elif abs(value) >= 0.5:
                self.praised = True
        # before the group
        got = self._before(words, clause_start, mention.start)
        if got is not None and _harm_after(words, mention.end):
            # "nobody wants X dead", "we will not let X suffer": the attitude is to the harm, not the group
            if got[1] == "attitude_positive" or any(w in self.negators for w in words[got[2] : got[3]]):
                got = None
        if got is not None:
            value, kind, j, k, negs = got
            strength = _polarity(value, negs)
            if strength > 0 and (best is None or strength > best[0]):
                best = (strength, kind, " ".join(words[j:k]), j, k)
            elif strength == 0 and abs(value) >= 0.5:
                self.praised = True
        if best is None:
            return None
        strength, kind, word, j, k = best
        if kind == "attitude_positive" and mention.category == "insult_harassment":
            strength *= NON_PROTECTED_REFUSAL
        first = min(j, mention.start)
        last = max(k, mention.end)
        start, end = toks[first][1], toks[last - 1][2]
        sentence = _sentence_text(norm, toks, words, first, last)
        before = norm[toks[clause_start][1] : start] if clause_start < len(toks) else ""
        if self.mention.search(before) or (self._reporting is not None and self._reporting.search(before)):
            return None
        if self.judged.search(sentence):
            return None
        group = f"'{mention.words}'"
        note = _KIND_NOTE[kind].format(w=word, g=group)
        if antecedent is not None:
            strength *= REFERENCE_FACTOR
            a0 = toks[antecedent.start][1]
            if end - a0 <= 160:
                start = a0
            said = words[mention.start] if mention.end > mention.start else word
            note += f" ('{said}' refers to the group named before)"
        if inverted:
            note += ", asked as a question"
        aim = "aimed at a protected group" if mention.category != "insult_harassment" else "aimed at a group"
        return Derogation(
            mention.category, round(min(strength, 0.95), 4), _RULE_IDS[kind], start, end, f"{aim}: {note}"
        )

    def _reference(self, words: list[str], i: int) -> int:
        """The length of a phrase at ``i`` that refers back to a group ("their kind", "people like them")."""
        for length in (5, 4, 3, 2):
            key = tuple(words[i : i + length])
            if len(key) == length and key in self.references:
                return length
        return 0

    def _subject(self, words: list[str], clause_start: int, mention: _Mention) -> bool:
        """Whether the group is the subject of what follows it (not the object of a verb or preposition)."""
        if mention.end < len(words) and words[mention.end] in ("who", "that", ","):
            return True
        k = mention.start
        while k > clause_start and (
            words[k - 1] in LEFT_DETERMINERS and words[k - 1] != "of" or words[k - 1] in TRANSPARENT
        ):
            k -= 1
        if k == clause_start:
            return True
        prev = words[k - 1]
        if prev == "of":
            return k - 2 >= clause_start and (words[k - 2] in QUANTIFIERS or words[k - 2] == "typical")
        return prev in SUBJECT_OK or prev in self.negators

    def _left_negation(self, left: list[str], clause_len: int) -> tuple[int, bool]:
        """Negators before the group in its clause; an inverted question ("aren't X just ...?") is not one."""
        negs = 0
        inverted = False
        offset = clause_len - len(left)
        for n0, w in enumerate(left):
            n = n0 + offset
            if w in self.negators:
                opener = n == 0 or (n == 1 and left[0] in ("why", "how", "so", "and", "but", "well"))
                if opener and w in ("aren't", "arent", "isn't", "isnt", "wasn't", "weren't", "ain't"):
                    inverted = True
                    continue
                negs += 1
        return negs, inverted

    def _after(
        self,
        words: list[str],
        i: int,
        small: bool = False,
        lexicon: dict[tuple[str, ...], float] | None = None,
    ) -> tuple[float, str, int, int, int] | None:
        lex = self.after if lexicon is None else lexicon
        negs = 0
        n = len(words)
        steps = 0
        while i < n and steps < 12:
            w = words[i]
            if w in _SENTENCE or w in self.stop:
                return None
            steps += 1
            lex_len, value = _longest(lex, words, i)
            skip_len = _skip_len(self.skip, words, i)
            if lex_len and lex_len >= skip_len:
                key = tuple(words[i : i + lex_len])
                if steps == 1 and lex_len == 1 and key[0] not in self.verbs and not small:
                    return None  # "Muslim terrorists", "women repellent": no claim without a link
                return value, self.kind_after.get(key, "person"), i, i + lex_len, negs
            if skip_len:
                i += skip_len
                continue
            if w == ",":
                if i + 1 < n and words[i + 1] in AFTER_COMMA:
                    i += 1
                    continue
                return None  # "birds, dogs": a list, not a claim
            if w in self.negators or w.endswith("n't"):
                negs += 1
                i += 1
                continue
            return None
        return None

    def _why(self, words: list[str], i: int, left: list[str]) -> tuple[float, str, int, int, int] | None:
        """ "why do X (even) exist?": words that derogate a group only in a why-question; "why can't X
        just …?" demands that the group change (not "why can't X just get the care they need?")."""
        if (
            len(left) == 2
            and left[1] in DEMAND_OPENERS
            and words[i : i + 1] == ["just"]
            and i + 1 < len(words)
            and words[i + 1] not in DEMAND_NOT
        ):
            return -JUST_DEMAND, "question", i, i + 2, 0  # the opener's negator makes it a derogation
        while i < len(words) and words[i] in (
            "even",
            "still",
            "always",
            "all",
            "just",
            "ever",
            "so",
            "really",
        ):
            i += 1
        length, value = _longest(self.why_only, words, i)
        return (value, "question", i, i + length, 0) if length else None

    def _before(self, words: list[str], clause_start: int, i: int) -> tuple[float, str, int, int, int] | None:
        k = i
        while k > clause_start and words[k - 1] in LEFT_DETERMINERS:
            k -= 1
        best: tuple[float, str, int, int, int] | None = None
        for length in range(min(MAX_PHRASE, k - clause_start), 0, -1):
            key = tuple(words[k - length : k])
            if key in self.before:
                left = words[max(clause_start, k - length - NEGATION_WINDOW) : k - length]
                plain = any(w in self.negators or w.endswith("n't") for w in left)
                negs = int(plain) ^ int(any(w in REFUSALS for w in left))  # "never refuse to hire" affirms
                near = words[max(clause_start, k - length - 4) : k - length]
                negated = [
                    n for n, w in enumerate(near) if w in self.negators or w.endswith("n't") or w in REFUSALS
                ]
                if self.kind_before[key] == "attitude_positive" and not (
                    negated
                    and (
                        FIRST_PERSON.intersection(near[: negated[0] + 1])
                        or k - length - len(near) + negated[0] == clause_start
                    )
                ):
                    break  # "they do not accept X" reports others; "I would never trust a X" is the writer's
                best = (self.before[key], self.kind_before[key], k - length, k, negs)
                break
        if best is None and i > clause_start:
            for length in (2, 1):  # "whack job liberals", "lunatic liberals"
                key = tuple(words[i - length : i])
                if i - length >= clause_start and key in self.lex["modifier"]:
                    best = (self.lex["modifier"][key], "modifier", i - length, i, 0)
                    break
        return best


def _cue(key: tuple[str, ...], common: frozenset[str] = COMMON) -> str:
    """The word of an entry that opens the layer: its longest word that is not a common one (any word of
    the entry would do, since all must be present; a rare one keeps the layer closed more often)."""
    words: list[str] = _ALPHA(" ".join(key))
    rare = [w for w in words if w not in common] or words
    return max(rare, key=len)


def _harm_after(words: list[str], i: int) -> bool:
    """Harm done to the group follows it ("X dead", "X suffer", "X to die", "X be hurt")."""
    nxt = words[i : i + 3]
    if not nxt:
        return False
    if nxt[0] in HARM_AFTER:
        return True
    k = 1 if nxt[0] in ("to", "get", "be", "being") else 0
    k += 1 if k and len(nxt) > k and nxt[k] in ("be", "get") else 0
    return 0 < k < len(nxt) and (nxt[k] in HARM_AFTER or nxt[k] in HARM_PASSIVE)


def _polarity(value: float, negs: int) -> float:
    """A bad word derogates unless negated; a good word derogates only when negated."""
    if value > 0:
        return value if negs == 0 else 0.0
    return -value if negs else 0.0


def _longest(lex: dict[tuple[str, ...], float], words: list[str], i: int) -> tuple[int, float]:
    for length in range(min(MAX_PHRASE, len(words) - i), 0, -1):
        key = tuple(words[i : i + length])
        if key in lex:
            return length, lex[key]
    return 0, 0.0


def _skip_len(skip: set[tuple[str, ...]], words: list[str], i: int) -> int:
    for length in (3, 2, 1):
        key = tuple(words[i : i + length])
        if len(key) == length and key in skip:
            return length
    return 0


def _sentence_index(words: list[str]) -> list[int]:
    out = []
    s = 0
    for w in words:
        out.append(s)
        if w in _SENTENCE:
            s += 1
    return out


def _sentence_text(
    norm: str, toks: list[tuple[str, int, int]], words: list[str], first: int, last: int
) -> str:
    a = first
    while a > max(0, first - 60) and words[a - 1] not in _SENTENCE:
        a -= 1
    b = last
    while b < min(len(words), last + 60) and words[b] not in _SENTENCE:
        b += 1
    b = min(b, len(words) - 1)
    return norm[toks[a][1] : toks[b][2]]


def _list(spec: dict[str, Any], key: str) -> list[str]:
    """A word list from the YAML; a bare yes/no/on/off arrives as a boolean, so refuse it."""
    value = spec.get(key) or []
    bad = [w for w in value if isinstance(w, bool) or not isinstance(w, str | int)]
    if bad:
        raise AnalysisError(f"evaluation.yaml: {key} has {bad}, which are not words (quote yes/no/on/off)")
    return [str(w).lower() for w in value]


def _words(text: str) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text.lower())]


def _expand(phrase: str, slots: dict[str, list[str]]) -> list[str]:
    """An entry with ``{place}`` or ``{modal}`` in it, once for each word of that list."""
    out = [phrase]
    for name, fillers in slots.items():
        slot = "{" + name + "}"
        out = [p.replace(slot, f) for p in out for f in fillers] if slot in phrase else out
    return out


__all__ = ["Derogation", "Evaluator"]
