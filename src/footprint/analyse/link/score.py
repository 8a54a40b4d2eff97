"""Scoring one pair of accounts: trained evidence plus case evidence, as a log10 LR with its reasons."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import islice
from typing import Any

import numpy as np

from footprint.analyse.link import text as tx
from footprint.analyse.link.fusion import FEATURES, HABITS, load_model, pair_features
from footprint.analyse.link.profile import (
    MIN_CHARS,
    MIN_MESSAGES,
    VERBATIM_WORDS,
    Message,
    Profile,
    idf,
    ngram_id,
    verbatim_key,
    without_copied,
)
from footprint.ingest.phones import PHONE_PLATFORMS
from footprint.times import utc_order_key

# Expert weights (log10 LR) for evidence the public training data cannot show; see rules/link/SOURCES.md.
IDENTIFIER_WEIGHT = {"phone": 3.0, "email": 3.0, "sha256": 2.0, "url": 1.5}
GIVES_OWN_ID = 3.0
SPREAD_FROM = 3  # an identifier quoted by this many of the case's accounts is common knowledge among them
OTHER_ACCOUNTS_SHARE = 0.2  # a third, unattributed account's own identifier (it may be hers)
IDENTIFIER_CAP = 4.0
NAME_WEIGHTS = ((0.95, 1.5), (0.9, 1.0), (0.85, 0.5))
SELF_REFERENCE = 1.0
AFTER_BLOCK = 1.0
AFTER_BLOCK_DAYS = 14
ALTERNATION = 0.3
ALTERNATION_DAYS = 30
ALTERNATION_MIN_MESSAGES = 5  # each account, dated: fewer say nothing of when it was active
ALTERNATION_MIN_DAYS = 7.0  # each account's first to last message: a shorter life is never "at the same time"
ABSTAIN_BELOW = 1.0
TRAINED_CLIP = 4.0
TOTAL_CLIP = (-4.0, 6.0)
#: said of every reason whose weight is one of the constants above (set by hand, not learned or measured)
HAND_SET = "weight set by hand (an expert weight), not measured: it has no error rate"
#: self-references that speak of a block: they and the timing after that block are one blocking episode
BLOCK_SELF_REFERENCES = frozenset({"can't block me", "you blocked me", "unblock me"})

# ENFSI Guideline for Evaluative Reporting (2015): verbal equivalents of likelihood ratios.
VERBAL = (
    (6.0, "extremely strong support"),
    (4.0, "very strong support"),
    (3.0, "strong support"),
    (2.0, "moderately strong support"),
    (1.0, "moderate support"),
    (0.0, "weak support"),
)


def verbal(log10_lr: float, abstained: bool = False) -> str:
    """The ENFSI verbal scale for a log10 LR, for "one person operates both" or against it."""
    if abstained:
        return "no opinion (too little text)"
    side = "for the same person" if log10_lr >= 0 else "for different people"
    size = abs(log10_lr)
    for bound, words in VERBAL:
        if size >= bound:
            return f"{words} {side}" if size > 0.0 else "no support either way"
    return "no support either way"


@dataclass(frozen=True)
class EvidenceItem:
    """Where in the evidence a reason can be checked."""

    account: str
    exhibit: str | None
    locator: str | None
    item_id: int | None


@dataclass(frozen=True)
class Evidence:
    """One reason for (or against) the link, with its weight in log10 LR units."""

    kind: str
    reason: str
    weight: float
    items: tuple[EvidenceItem, ...] = ()
    features: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of a reason."""
        return {
            "kind": self.kind,
            "reason": self.reason,
            "weight_log10": round(self.weight, 3),
            "features": list(self.features),
            "items": [
                {"account": i.account, "exhibit": i.exhibit, "locator": i.locator, "item_id": i.item_id}
                for i in self.items
            ],
        }


@dataclass(frozen=True)
class LinkScore:
    """A scored pair: probability at even prior odds, log10 LR, verbal scale and the reasons."""

    a: str
    b: str
    score: float
    log10_lr: float
    verbal: str
    abstained: bool
    kinds: dict[str, float]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class BlockEvent:
    """Someone blocked an account (WhatsApp system line, or she says so)."""

    blocked: str
    blocker_accounts: frozenset[str]
    at_utc: str
    item: EvidenceItem
    said: bool = False  # known only from her own message ("I have blocked your number"), not the platform


@dataclass(frozen=True)
class CaseContext:
    """What the rest of the case says about identifiers, recipients and blocks."""

    accounts: int = 2
    identifier_accounts: dict[tuple[str, str], int] = field(default_factory=dict)
    native_ids: dict[str, str] = field(default_factory=dict)
    recipients: dict[str, frozenset[str]] = field(default_factory=dict)
    blocks: tuple[BlockEvent, ...] = ()
    complainant_accounts: frozenset[str] = frozenset()  # accounts attributed to a complainant
    persons: dict[str, str] = field(default_factory=dict)  # account key -> the person it is attributed to
    roles: dict[str, str] = field(default_factory=dict)  # person -> role (complainant, suspect, witness ...)


def _ref(p: Profile, index: int) -> EvidenceItem:
    m = p.messages[index] if index < len(p.messages) else Message("")
    return EvidenceItem(p.key, m.exhibit, m.locator, m.item_id)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _not_telling(
    kind: str, value: str, a: Profile, b: Profile, ctx: CaseContext, owned_by: set[str], spread: int
) -> tuple[float, str]:
    """How much of its weight an identifier both accounts quote keeps, and why (the first rule that
    applies): the pair's own keeps it; the complainant's, another person's, a public one or one many
    accounts quote keeps none; a third, unattributed account's own keeps a fifth."""
    pair = {a.key, b.key}
    persons = {ctx.persons[k] for k in pair if k in ctx.persons}
    hers = sorted(owned_by & ctx.complainant_accounts)
    if hers:
        return 0.0, (
            f"; not counted: it is the complainant's own ({hers[0]}), and accounts that write to her or"
            " about her quote it"
        )
    # one of the accounts itself (the same number on SMS and WhatsApp is still the pair's), or a link to it
    named = tx.url_names(value) if kind == "url" else ""
    if owned_by & pair or (named and named in {tx.plain_name(n) for n in a.names + b.names}):
        return 1.0, ""
    others = sorted((ctx.persons[k], k) for k in owned_by if k in ctx.persons)
    if any(person in persons for person, _ in others):
        return 1.0, ""  # the number of another account of the person one of the pair is attributed to
    if others:
        person, key = others[0]
        return 0.0, f"; not counted: it is the {kind} of {key}, attributed to {person}"
    public = tx.public_identifier(kind, value)
    if public:
        return 0.0, f"; not counted: it is {public}"
    if spread >= SPREAD_FROM:
        return 0.0, (
            f"; not counted: {spread} accounts in the case quote it, so it is known to many and does not"
            " show that one person runs these two"
        )
    if owned_by:
        owner = min(owned_by)
        return (
            OTHER_ACCOUNTS_SHARE,
            f"; it is the identifier of another account in the case ({owner}), so it may be hers",
        )
    return 1.0, ""


def _identifier_evidence(a: Profile, b: Profile, ctx: CaseContext) -> list[Evidence]:
    out: list[Evidence] = []
    owners: dict[str, set[str]] = {}
    for key, native in ctx.native_ids.items():
        owners.setdefault(native, set()).add(key)
    for ident in sorted(a.identifiers.keys() & b.identifiers.keys()):
        kind, value = ident
        df = max(2, ctx.identifier_accounts.get(ident, 2))
        n = max(ctx.accounts, df)
        share, note = _not_telling(kind, value, a, b, ctx, owners.get(value, set()), df)
        weight = IDENTIFIER_WEIGHT.get(kind, 1.0) * share
        items = [_ref(a, i) for i in a.identifiers[ident][:3]] + [
            _ref(b, i) for i in b.identifiers[ident][:3]
        ]
        label = "attachment SHA-256" if kind == "sha256" else kind
        spread = f" (found in {df} of {n} accounts)" if ctx.identifier_accounts else ""
        out.append(
            Evidence(
                "identifiers",
                f"both accounts use the same {label} {value}{spread}{note}",
                weight,
                tuple(items),
                (value,),
            )
        )
    for x, y in ((a, b), (b, a)):
        own = ctx.native_ids.get(y.key, "")
        for (kind, value), where in x.identifiers.items():
            if value and value == own and kind in ("phone", "email"):
                reason = f"{x.key} gives {value}, which is the {kind} of {y.key} itself"
                public = tx.public_identifier(kind, value)
                weight = 0.0
                person = ctx.persons.get(y.key)
                role = ctx.roles.get(person or "", "")
                if y.key in ctx.complainant_accounts:
                    reason += (
                        "; not counted: that account is the complainant's, and accounts that write to her"
                        " or about her quote her number"
                    )
                elif person and role != "suspect":
                    reason += (
                        f"; not counted: that account is attributed to {person} ({role or 'no role'}), whose"
                        " number others quote to reach them"
                    )
                elif public:
                    reason += f"; not counted: it is {public}"
                else:
                    weight = GIVES_OWN_ID
                out.append(
                    Evidence("identifiers", reason, weight, tuple(_ref(x, i) for i in where[:3]), (value,))
                )
    return out


def _saved_by_owner(p: Profile) -> bool:
    """Whether ``p``'s names are labels a phone's owner saved for the contact (SMS, WhatsApp, iMessage
    …), not names the account chose for itself (X, Instagram, Discord …, or WhatsApp's ``~ Name`` for a
    sender not in the contacts)."""
    return p.key.split(":", 1)[0] in PHONE_PLATFORMS and not p.display_name.startswith("~")


def _name_evidence(a: Profile, b: Profile, ctx: CaseContext) -> list[Evidence]:
    best = (0.0, "", "", "")
    for na in a.names:
        for nb in b.names:
            sim, why = tx.name_similarity(na, nb)
            if sim > best[0]:
                best = (sim, why, na, nb)
    sim, why, na, nb = best
    weight = next((w for bound, w in NAME_WEIGHTS if sim >= bound), 0.0)
    if weight == 0.0:
        return []
    alike = f"names {na!r} and {nb!r} are alike"
    if _saved_by_owner(a) and _saved_by_owner(b):
        reason = (
            f"{alike} ({why}) but not counted: both are names a phone's owner saved for these contacts"
            f" ({a.key}, {b.key}), not names either account chose, so they repeat that person's attribution"
        )
        return [Evidence("names", reason, 0.0, (), (na, nb))]
    hers = [p.key for p in (a, b) if p.key in ctx.complainant_accounts]
    if len(hers) == 1:
        reason = (
            f"{alike} ({why}) but not counted: {hers[0]} is the complainant's, and an account taking her name"
            " is what impersonation looks like (see the impersonation finding), not a sign that she runs it"
        )
        return [Evidence("names", reason, 0.0, (), (na, nb))]
    saved = [(n, p.key) for n, p in ((na, a), (nb, b)) if _saved_by_owner(p)]
    note = "".join(f"; {n!r} is the name a phone's owner saved for {k}, not one it chose" for n, k in saved)
    return [Evidence("names", f"{alike}: {why}{note}", weight, (), (na, nb))]


def _behaviour_evidence(a: Profile, b: Profile, ctx: CaseContext) -> list[Evidence]:
    out: list[Evidence] = []
    first, second = (a, b) if utc_order_key(a.first_utc or "") <= utc_order_key(b.first_utc or "") else (b, a)
    shared_target = not ctx.recipients or bool(
        ctx.recipients.get(a.key, frozenset()) & ctx.recipients.get(b.key, frozenset())
    )
    if second.self_refs and shared_target:
        labels = sorted({label for label, _ in second.self_refs})
        items = tuple(_ref(second, i) for i in sorted({i for _, i in second.self_refs})[:3])
        out.append(
            Evidence(
                "self_reference",
                f"{second.key} presents itself as a continuation of an earlier account: "
                + ", ".join(f"“{x}”" for x in labels),
                SELF_REFERENCE,
                items,
                tuple(labels),
            )
        )
    after = _after_block(first, second, ctx)
    if after is not None:
        out.append(_one_episode(out, after))
    end, begin = _time(first.last_utc), _time(second.first_utc)
    if end is not None and begin is not None and end <= begin <= end + timedelta(days=ALTERNATION_DAYS):
        reason = (
            f"never active at the same time: {first.key} fell silent"
            f" {(begin - end).total_seconds() / 86400:.1f} day(s) before {second.key} began"
        )
        seen = [(p, p.n_timed, _span_days(p)) for p in (first, second)]
        short = [
            f"{p.key} {n} message(s) over {days:.1f} day(s)"
            for p, n, days in seen
            if n < ALTERNATION_MIN_MESSAGES or days < ALTERNATION_MIN_DAYS
        ]
        if short:
            reason += (
                f"; not counted: {', '.join(short)}, and a gap means something only between accounts each"
                f" seen in at least {ALTERNATION_MIN_MESSAGES} messages over {ALTERNATION_MIN_DAYS:.0f} days"
            )
        out.append(
            Evidence(
                "timing",
                reason,
                0.0 if short else ALTERNATION,
                (_ref(first, len(first.messages) - 1), _ref(second, 0)),
            )
        )
    return out


def _after_block(first: Profile, second: Profile, ctx: CaseContext) -> Evidence | None:
    """The second account first wrote, within ``AFTER_BLOCK_DAYS``, to the person who blocked the first.

    A platform's system line ("blocked this contact") reads "was blocked"; a block known only from her own
    message ("I have blocked your number") reads "after she said she had blocked it", naming the item.
    """
    start = _time(second.first_utc)
    for event in ctx.blocks:
        at = _time(event.at_utc)
        if event.blocked != first.key or start is None or at is None:
            continue
        if at <= start <= at + timedelta(days=AFTER_BLOCK_DAYS) and (
            ctx.recipients.get(second.key, frozenset()) & event.blocker_accounts
        ):
            days = (start - at).total_seconds() / 86400
            where = " ".join(x for x in (event.item.exhibit, event.item.locator) if x) or "her message"
            block = (
                f"after she said she had blocked it ({where}: her own message, not a platform's record of a"
                " block), to the person who said so"
                if event.said
                else f"after {first.key} was blocked (the platform's “blocked this contact” line, {where}),"
                " to the person who blocked it"
            )
            return Evidence(
                "timing",
                f"{second.key} first wrote {days:.1f} day(s) {block}",
                AFTER_BLOCK,
                (event.item, _ref(second, 0)),
            )
    return None


def _one_episode(found: list[Evidence], after: Evidence) -> Evidence:
    """``after`` counted with a self-reference that speaks of a block ("can't block me") as one blocking
    episode, not two independent reasons: together they count the larger weight, not the sum, and both say
    so (``found`` gets the self-reference's note)."""
    for n, e in enumerate(found):
        said = BLOCK_SELF_REFERENCES.intersection(e.features)
        if e.kind != "self_reference" or not said:
            continue
        both = max(e.weight, after.weight)
        weight = both - e.weight
        label = "“" + "”, “".join(sorted(said)) + "”"
        found[n] = replace(
            e,
            reason=f"{e.reason}; {label} speaks of the block the timing reason rests on: one blocking"
            f" episode, so the two together count {both:.2f}, the larger weight, not the sum",
        )
        return replace(
            after,
            reason=f"{after.reason}; counted {weight:+.2f}, not {after.weight:+.2f}: the self-reference"
            f" {label} comes from the same blocking episode, so the two are not independent and together"
            f" count {both:.2f}, the larger weight, not the sum",
            weight=weight,
        )
    return after


def _span_days(p: Profile) -> float:
    """Days from an account's first to its last dated message."""
    start, end = _time(p.first_utc), _time(p.last_utc)
    return (end - start).total_seconds() / 86400 if start is not None and end is not None else 0.0


def shared_features(a: Profile, b: Profile, top: int = 5) -> list[str]:
    """The most distinctive character 3-4-grams both accounts use (masked text, IDF-weighted)."""
    weights = idf()

    def grams(p: Profile) -> Counter[str]:
        c: Counter[str] = Counter()
        for t in p.masked_texts():
            for n in (3, 4):
                c.update(t[i : i + n] for i in range(len(t) - n + 1))
        return c

    ga, gb = grams(a), grams(b)
    scored = []
    for g in ga.keys() & gb.keys():
        if not g.strip() or any(ch in g for ch in tx.MASKS.values()) or len(g.strip()) < 3:
            continue
        scored.append((-(math.log1p(ga[g]) * math.log1p(gb[g]) * float(weights[ngram_id(g)]) ** 2), g))
    return [g for _, g in sorted(scored)[:top]]


# Writing habits named in the style reason (the rest are identifiers and tags, reported as their own kinds).
HABIT_WORDS = (
    ("end_punctuation", "ending in . ! or ?"),
    ("capitals", "capital letters"),
    ("emoji", "emoji or other symbols"),
    ("lower_start", "starting in lower case"),
)


def _habit_words(a: Profile, b: Profile) -> str:
    """Both accounts' writing habits side by side: message length and the rates the model weighs."""
    rates = ", ".join(
        f"{words} {a.habits[HABITS.index(h)]:.0%} / {b.habits[HABITS.index(h)]:.0%}"
        for h, words in HABIT_WORDS
    )
    n = HABITS.index("length")
    length = f"{math.expm1(a.habits[n]):.0f} / {math.expm1(b.habits[n]):.0f} characters a message"
    return f"writing habits ({a.key} / {b.key}): {length}, {rates}"


def _trained_evidence(
    a: Profile, b: Profile, explain: bool
) -> tuple[float, dict[str, float], list[Evidence]]:
    model = load_model()
    x = np.array([pair_features(a, b)], dtype=np.float64)
    value = float(np.clip(model.log10_lr(x)[0], -TRAINED_CLIP, TRAINED_CLIP))
    parts = model.contributions(x[0])
    out: list[Evidence] = []
    style, compression = x[0][FEATURES.index("style_cosine")], x[0][FEATURES.index("compression")]
    feats = shared_features(a, b) if explain else []
    items: list[EvidenceItem] = []
    if feats:
        for p in (a, b):
            items += [_ref(p, i) for i in islice(_holding(p.masked_texts(), feats[0]), 2)]
    out.append(
        Evidence(
            "style",
            f"writing style (identifiers, mentions, hashtags and links masked): character n-gram"
            f" similarity {style:.2f}, compression similarity {compression:.2f}; {_habit_words(a, b)}",
            parts.get("style", 0.0),
            tuple(items),
            tuple(feats),
        )
    )
    shared_tags = sorted(a.tags.keys() & b.tags.keys(), key=lambda t: -(a.tags[t] + b.tags[t]))[:5]
    out.append(
        Evidence(
            "tags",
            "shared mentions and hashtags" if shared_tags else "no mentions or hashtags in common",
            parts.get("tags", 0.0),
            (),
            tuple(shared_tags),
        )
    )
    out.append(
        Evidence(
            "timing",
            f"hour-of-day profiles alike {float(np.dot(a.hours, b.hours)):.2f},"
            f" weekday profiles alike {float(np.dot(a.days, b.days)):.2f} (1 = identical)",
            parts.get("timing", 0.0),
        )
    )
    return value, parts, out


def _holding(masked: Sequence[str], fragment: str) -> Iterator[int]:
    """The indexes of the masked messages that hold ``fragment``, in order."""
    return (i for i, t in enumerate(masked) if fragment in t)


def _copied_evidence(a: Profile, b: Profile, copied: frozenset[str]) -> Evidence:
    """The texts both accounts sent word for word, left out of the style comparison (weight 0)."""
    items = [
        _ref(p, i)
        for p in (a, b)
        for i in islice((i for i, m in enumerate(p.messages) if verbatim_key(m.text) in copied), 2)
    ]
    first = min(copied)
    quote = first if len(first) <= 60 else first[:60].rsplit(" ", 1)[0] + " …"
    return Evidence(
        "style",
        f"{len(copied)} text(s) of {VERBATIM_WORDS} or more words sent word for word by both accounts"
        f" (forwarded or copied, such as “{quote}”) left out of the comparison of writing style and timing"
        " profiles: copied words are not the sender's writing",
        0.0,
        tuple(items),
    )


def score_pair(
    a: Profile,
    b: Profile,
    ctx: CaseContext | None = None,
    *,
    explain: bool = True,
    kept: tuple[Profile, Profile] | None = None,
) -> LinkScore:
    """Score one pair; abstains when either account has too little text and nothing else links them.
    ``kept`` is the pair without the texts both copied (``without_copied(a, b)``) when the caller has it."""
    ctx = ctx or CaseContext()
    expert = _identifier_evidence(a, b, ctx)
    ident = sum(e.weight for e in expert)
    if ident > IDENTIFIER_CAP:
        expert = [
            Evidence(e.kind, e.reason, e.weight * IDENTIFIER_CAP / ident, e.items, e.features) for e in expert
        ]
    expert += _name_evidence(a, b, ctx) + _behaviour_evidence(a, b, ctx)
    expert = [replace(e, reason=f"{e.reason}; {HAND_SET}") if e.weight != 0.0 else e for e in expert]
    kinds: dict[str, float] = {}
    evidence = list(expert)
    copied = a.verbatim & b.verbatim
    if copied:
        evidence.append(_copied_evidence(a, b, copied))
    a, b = kept if kept is not None else without_copied(a, b)
    trained = 0.0
    enough = a.enough_text and b.enough_text
    if enough:
        trained, parts, soft = _trained_evidence(a, b, explain)
        evidence += soft
        kinds["baseline"] = round(parts["baseline"], 3)
    else:
        short = ", ".join(f"{p.key}: {p.n_text} message(s), {p.n_chars} characters" for p in (a, b))
        evidence.append(
            Evidence(
                "style",
                f"writing style and timing profiles not compared: too little text ({short};"
                f" each account needs {MIN_MESSAGES} messages and {MIN_CHARS} characters)",
                0.0,
            )
        )
    # Too little text abstains only when the other evidence together is less than moderate support.
    abstained = not enough and sum(e.weight for e in expert) < ABSTAIN_BELOW
    total = 0.0 if abstained else float(np.clip(trained + sum(e.weight for e in expert), *TOTAL_CLIP))
    reasons = sum(e.weight for e in evidence) + kinds.get("baseline", 0.0)
    if not abstained and abs(total - reasons) > 5e-4:  # held at a limit: say so, so the reasons add up
        evidence.append(
            Evidence(
                "limit",
                f"the reasons above add up to log10 LR {reasons:+.2f}; the score is held at {total:+.2f},"
                " the limit of what this analyser reports",
                total - reasons,
            )
        )
    for e in evidence:
        kinds[e.kind] = kinds.get(e.kind, 0.0) + e.weight
    # Shared identifiers come first (they are what an investigator checks first), then by weight.
    evidence.sort(key=lambda e: (e.kind != "identifiers" or e.weight <= 0, -e.weight, e.kind, e.reason))
    return LinkScore(
        a=a.key,
        b=b.key,
        score=round(1.0 / (1.0 + 10.0 ** (-total)), 4),
        log10_lr=round(total, 3),
        verbal=verbal(total, abstained),
        abstained=abstained,
        kinds={k: round(v, 3) for k, v in sorted(kinds.items())},
        evidence=tuple(evidence),
    )
