"""The `detect` analyser: every message in the case through the detector, speaker- and context-aware."""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterator
from typing import Any

from footprint.analyse.base import MAX_TEXT_CHARS, Analyser, FindingDraft, analysers, cut_note
from footprint.analyse.detect.detector import COMPLAINANT, CONTEXT_WINDOW, MAX_WEIGHED, OTHER, Detector
from footprint.analyse.detect.results import Detection, Prior
from footprint.analyse.detect.taxonomy import ABUSE, EVIDENTIAL, LABELS, THRESHOLDS, UNDERMINING
from footprint.case import Case
from footprint.language import Unread, unread_in
from footprint.model import STICKER_AT, Item

TEXT_KINDS = frozenset({"message", "post", "email"})
BATCH = 2048
NAMED_ITEMS = 5  # the items named of each language or script of an exhibit's messages not in English
MAX_CHARS = MAX_TEXT_CHARS  # the stored text stays whole; the rest is named in the run's note


@analysers.register
class DetectAnalyser(Analyser):
    """Explainable detection of criminal online abuse (16 categories; rules + shipped model)."""

    name = "detect"
    version = 20  # 10: with no account marked as hers, "you" is not called her and the run warns;
    # "your new number" is not his new number; an exhibit mostly not in English is named in the run's note.
    # 11: what may undermine (her words read as abuse, his requests to stop) are `may_undermine` findings
    # 12: the run's note names any exhibit with messages wholly or partly in another language
    # 13: ... or in a script detection does not read whose language is not told (Han, Devanagari, Urdu's
    # Arabic script), and Welsh; the items of each language are named apart; fullwidth, mathematical and
    # circled letters read as plain ones, and marks on Latin letters dropped; at most 200 matches of one
    # rule in one message weighed (the rest counted)
    # 14: those a negator just before does not deny weighed first, and a message with matches not weighed
    # named in the run's note; look-alike letters read as Latin and a name in another script not named
    # 15: characters that draw nothing read past (and named in the explanation); a negator denies only the
    # clause it is in ("not gonna lie, ...", "don't call the police or I will ..."); more look-alike
    # letters read as Latin ones, and a word with a letter of another script still in it named
    # 16: a threat of sexual assault that need not be of rape ("molest") is its own rule,
    # sexual.first_person_assault
    # 17: a finding on a sticker's emoji says it is the sticker's tag, not typed, and to look at the sticker
    # 18: single-quoted words holding an apostrophe between letters ('I didn't mean it') are quoted;
    # leading elisions ('cause), decades ('90s), and a plural possessive or dropped g before a word open or
    # close no quotation, and quotation marks must hug their words
    # 19: words telling her to hurt herself ("cut yourself") are their own rule, selfharm.hurt_yourself
    # (same category and score), apart from selfharm.kill_yourself, which alone counts for Suicide Act s.2
    # 20: a pattern's words are quoted whole ("rapes", "your", not "rape", "you"; no trailing space), a
    # match ending inside a reflexive pronoun ("hang her" of "hang herself") is no hit, and "kys" is a word
    description = (
        "threats, intimate-image abuse, blackmail, doxxing, monitoring, control, hate, her requests to stop;"
        " what may undermine (her words that read as abuse, his requests to stop)"
    )

    def settings(self) -> dict[str, Any]:
        detector = shared_detector()
        return {"thresholds": THRESHOLDS, **detector.version_info}

    def note(self) -> str:
        languages = languages_note(self._languages, self._foreign)
        notes = [self._unmarked, *languages, *unweighed_note(self._unweighed), cut_note(self._cut, MAX_CHARS)]
        return "\n".join(n for n in notes if n)

    def run(self, case: Case) -> Iterator[FindingDraft]:
        detector = shared_detector()
        self._cut: list[int] = []
        # by exhibit: each message with matches not weighed, and how many of which rule's
        self._unweighed: dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]] = defaultdict(list)
        roles = {p.name: p.role for p in case.store.persons()}
        complainants = sorted(name for name, role in roles.items() if role == "complainant")
        names = _names(complainants)
        speaker_of: dict[str, str] = {}
        self._suspects: set[str] = set()
        for account in case.store.accounts():
            if account.person is not None:
                speaker_of[account.key] = COMPLAINANT if roles.get(account.person) == "complainant" else OTHER
                if roles.get(account.person) == "suspect":
                    self._suspects.add(account.key)
        known = bool(complainants) and COMPLAINANT in speaker_of.values()
        self._unmarked = "" if known or not complainants else unmarked_note(complainants)
        self._languages: dict[str, Counter[Unread | None]] = defaultdict(Counter)
        # the items that look partly not English, by what they look written in
        self._foreign: dict[str, dict[Unread, list[int]]] = defaultdict(lambda: defaultdict(list))
        history: dict[str, deque[Prior]] = defaultdict(lambda: deque(maxlen=CONTEXT_WINDOW))
        batch: list[Item] = []
        for item in case.store.iter_items(chronological=True):
            words = read_words(item)
            if not words.strip():
                continue
            batch.append(item)
            unread = unread_in(words)
            self._languages[item.exhibit][unread] += 1
            if unread is not None:
                self._foreign[item.exhibit][unread].append(item.id)
            if len(batch) >= BATCH:
                yield from self._batch(detector, batch, speaker_of, known, names, history)
                batch = []
        if batch:
            yield from self._batch(detector, batch, speaker_of, known, names, history)

    def _batch(
        self,
        detector: Detector,
        items: list[Item],
        speaker_of: dict[str, str],
        known: bool,
        names: list[str],
        history: dict[str, deque[Prior]],
    ) -> Iterator[FindingDraft]:
        speakers: list[str | None] = []
        for item in items:
            if not known:
                speakers.append(None)
            else:
                speakers.append(speaker_of.get(item.author or "", OTHER))
        self._cut += [i.id for i in items if len(i.text) > MAX_CHARS]
        # context needs earlier results, so the model runs batched and the rules one by one
        normed = [detector.normalised(read_text(i)[:MAX_CHARS], names) for i in items]
        probs = detector.model.predict([n.norm for n in normed])
        for item, speaker, n, row in zip(items, speakers, normed, probs, strict=True):
            key = item.conversation or item.exhibit
            prior = tuple(history[key])
            result = detector.judge(n, row, speaker=speaker, context=prior)
            history[key].append(Prior(speaker, item.text[:MAX_CHARS], frozenset(result.labels)))
            if result.not_weighed:
                self._unweighed[item.exhibit].append((item.id, result.not_weighed))
            mine = speaker == COMPLAINANT
            party = mine or (speaker == OTHER and item.author in self._suspects)
            # read again without its writer only where that may find more (every message twice cost 2x)
            if party and detector.set_aside_by_writer(result, row, ABUSE if mine else EVIDENTIAL):
                neutral = detector.judge(n, row, speaker=None, context=prior)
                yield from _undermining(item, mine, result.detections, neutral.detections)
            for d in result.detections:
                details = dict(d.details)
                details["speaker"] = speaker or "unknown"
                explanation = d.explanation
                if (forwarded := _in_forwarded_words(item, d.spans)) is not None:
                    details["forwarded"] = forwarded
                    explanation += f" — in words the sender passed on ({forwarded}), not their own"
                if (at := item.sticker_at) is not None and any(start >= at for start, _ in d.spans):
                    details["sticker"] = "yes"
                    explanation += STICKER_NOTE
                yield FindingDraft(
                    item_id=item.id,
                    category=d.category,
                    score=d.score,
                    explanation=explanation,
                    spans=d.spans,
                    rule_ids=d.rule_ids,
                    model_id=d.model_id,
                    details=details,
                )


#: said of a finding whose words are a sticker's emoji: the tag its pack gives the picture, which a person
#: should look at before relying on it (the export may not hold the picture)
STICKER_NOTE = (
    " — the emoji a sticker is tagged with, not words the sender typed: look at the sticker itself before"
    " relying on it"
)


def read_text(item: Item) -> str:
    """The text detection scores, offsets the text's: the text, a sticker's label read as its emoji alone."""
    return item.sticker_read(item.text[: item.sticker_at]) if STICKER_AT in item.details else item.text


def read_words(item: Item) -> str:
    """The words of ``item`` detect reads ("" for none). A platform's placeholder ("This message was
    deleted") is not the sender's words: it is neither scored nor kept as context (it would push real
    messages out of the window); forwarded words are scored too (sending them on may be an offence), but
    said to be another's; a sticker's emoji is read as sent on its own, not its label ``[sticker 🔪]``."""
    if item.system or item.kind not in TEXT_KINDS:
        return ""
    return read_text(item) if item.forwarded else item.sticker_read(item.own_words)


def languages_note(
    by_exhibit: dict[str, Counter[Unread | None]], items: dict[str, dict[Unread, list[int]]]
) -> list[str]:
    """The run's lines naming each exhibit any of whose messages look wholly or partly not English, with
    how many, and for each language or script the first items (``items``): however few, a threat in
    another language must not go unread unsaid (new-code review 2, defect 8), nor one in a script whose
    language is not told (a Chinese e-mail, an Urdu message: review of other languages, defect 1)."""
    out = []
    for ref in sorted(by_exhibit):
        counts = by_exhibit[ref]
        found = sorted(((n, u) for u, n in counts.items() if u is not None), key=lambda f: (-f[0], f[1]))
        if not found:
            continue
        total, n = sum(counts.values()), sum(n for n, _ in found)
        parts = [f"{u.phrase} ({_ids(items[ref][u], k)})" for k, u in found]
        said = " or ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
        out.append(
            f"{ref}: {n:,} of {total:,} message{'s' * (total != 1)} look{'s' * (n == 1)} wholly or partly"
            f" {said}; {READS_ENGLISH} — have them translated and record what they show (footprint record)"
        )
    return out


READS_ENGLISH = "detection reads English only"
WEIGHS_AT_MOST = f"detection weighs at most {MAX_WEIGHED} matches of a rule in one message"


def unweighed_note(by_exhibit: dict[str, list[tuple[int, tuple[tuple[str, int], ...]]]]) -> list[str]:
    """The run's lines naming each exhibit with messages holding matches of a rule that were not weighed
    (more than MAX_WEIGHED), the first NAMED_ITEMS of them with the counts: a match left unweighed may be
    the one threat among denials, so it is never left unsaid (new-code review 4, defect 2)."""
    out = []
    for ref in sorted(by_exhibit):
        found = by_exhibit[ref]
        named = "; ".join(
            f"item id {item}: " + ", ".join(f"{k:,} of rule {rule}" for rule, k in counts)
            for item, counts in found[:NAMED_ITEMS]
        ) + ("; …" if len(found) > NAMED_ITEMS else "")
        n = len(found)
        out.append(
            f"{ref}: {n:,} message{'s' * (n != 1)} hold{'s' * (n == 1)} matches that were not weighed"
            f" ({named}); {WEIGHS_AT_MOST} — read {'them' if n != 1 else 'it'} yourself"
        )
    return out


def language_lines(case: Case) -> list[str]:
    """The lines of the latest successful detect run's note naming each exhibit's messages not in English
    (``languages_note``), for `findings` and the review app."""
    return _note_lines(case, f"; {READS_ENGLISH} — ")


def unweighed_lines(case: Case) -> list[str]:
    """The lines of the latest successful detect run's note naming messages with matches not weighed
    (``unweighed_note``), for `findings`."""
    return _note_lines(case, f"; {WEIGHS_AT_MOST} — ")


def _note_lines(case: Case, marker: str) -> list[str]:
    runs = [r for r in case.store.runs() if r.analyser == DetectAnalyser.name and r.status == "ok"]
    lines = (runs[0].error or "").splitlines() if runs else []
    return [x for x in lines if marker in x]


def language_line(case: Case, ref: str) -> str:
    """The line of ``language_lines`` naming exhibit ``ref`` ("" for none)."""
    return next((x for x in language_lines(case) if x.startswith(f"{ref}: ")), "")


def _ids(ids: list[int], n: int) -> str:
    """ "item ids 3, 4", the first NAMED_ITEMS of ``n``."""
    named = ", ".join(str(i) for i in ids[:NAMED_ITEMS]) + (", …" if n > NAMED_ITEMS else "")
    return f"item id{'s' * (n != 1)} {named}"


def unmarked_note(complainants: list[str]) -> str:
    """The run's warning while no account is marked as a complainant's."""
    who = " or ".join(complainants)
    return (
        f"no account is marked as {who}'s, so who sent each message is not known: her own replies are"
        " read as if sent to her and can be listed as threats or abuse — mark her accounts"
        " (footprint account attribute) and analyse again"
    )


def _undermining(
    item: Item, hers: bool, kept: tuple[Detection, ...], neutral: tuple[Detection, ...]
) -> Iterator[FindingDraft]:
    """What the speaker-aware reading set aside because of who wrote it, and may undermine the prosecution
    or assist the defence (CPIA Code para 3.5): the complainant's words that read as abuse, the suspect's
    that read as a request to stop or distress, when the message is read as ``classify`` reads it, without
    its writer. One ``may_undermine`` finding per such category, never counted as abuse or her evidence.
    Her request to stop "or I will call the police" is no demand backed by a menace: a blackmail reading
    of a message that is her request to stop is left out."""
    found = {d.category for d in kept}
    wanted = set(ABUSE if hers else EVIDENTIAL) - ({"blackmail"} if "request_to_stop" in found else set())
    who = "the complainant" if hers else "the suspect"
    for d in neutral:
        if d.category not in wanted or d.category in found:
            continue
        words = [f"'{item.text[a:b]}'" for a, b in d.spans]
        basis = [*words, *(f"rule {r}" for r in d.rule_ids)]
        basis += [f"model {d.model_id}"] if d.model_id else []
        yield FindingDraft(
            item_id=item.id,
            category=UNDERMINING,
            score=d.score,
            explanation=(
                f"May undermine the prosecution or assist the defence: a message by {who} that reads as"
                f" {LABELS[d.category]} when who wrote it is set aside ({'; '.join(basis)}; score"
                f" {d.score:.2f}). Listed for the prosecutor (CPIA Code para 3.5); never counted toward an"
                " offence"
            ),
            spans=d.spans,
            rule_ids=d.rule_ids,
            model_id=d.model_id,
            details={"reads_as": d.category, "speaker": "complainant" if hers else "suspect"},
        )


def _in_forwarded_words(item: Item, spans: tuple[tuple[int, int], ...]) -> str | None:
    """How the item forwards others' words ("forwarded from Bob Third") when a span lies in them."""
    start = item.forwarded_words_at
    if start is None or (spans and all(end <= start for _, end in spans)):
        return None
    return item.forwarded


_CACHE: list[Detector] = []


def shared_detector() -> Detector:
    """The process's one detector, loaded at first use (its rulebook read once for every analyser)."""
    if not _CACHE:
        _CACHE.append(Detector())
    return _CACHE[0]


def _names(complainants: list[str]) -> list[str]:
    """Full names and first names of the complainants (how messages name her)."""
    out: set[str] = set()
    for name in complainants:
        out.add(name)
        first = name.split()[0]
        if len(first) >= 3:
            out.add(first)
    return sorted(out)
