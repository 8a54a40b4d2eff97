"""Development set for derogation of groups: frames x groups x predicates, with contrasts.

Written by us from general knowledge of how hateful statements about groups are phrased; nothing here
comes from HateCheck or any test split. Prints accuracy per frame and per contrast type, and the
ROC-AUC of the hate score (identity_hate + misogynistic_abuse) and of the "any abuse" score.

    LC_ALL=en_US.UTF-8 PYTHONPATH=src .venv/bin/python tools/dev_detect/group_derogation.py [--misses]
    ... tools/dev_detect/group_derogation.py --hatexplain ../shared/data   # train split AUC
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import public_splits  # noqa: E402

from footprint.analyse.detect import Detector
from footprint.analyse.detect.taxonomy import ABUSE

HATE = ("identity_hate", "misogynistic_abuse")
# protected groups: plural, singular (with article)
PROT = [
    ("women", "a woman"),
    ("trans people", "a trans person"),
    ("gay people", "a gay man"),
    ("black people", "a black person"),
    ("disabled people", "a disabled person"),
    ("Muslims", "a Muslim"),
    ("immigrants", "an immigrant"),
    ("Jews", "a Jew"),
    ("refugees", "a refugee"),
    ("lesbians", "a lesbian"),
    ("gay men", "a gay guy"),
    ("trans women", "a trans woman"),
]
NONPROT = [
    ("lawyers", "a lawyer"),
    ("bankers", "a banker"),
    ("politicians", "a politician"),
    ("Chelsea fans", "a Chelsea fan"),
    ("vegans", "a vegan"),
    ("Tories", "a Tory"),
    ("landlords", "a landlord"),
    ("estate agents", "an estate agent"),
    ("journalists", "a journalist"),
    ("gamblers", "a gambler"),
]
NEG = [
    "disgusting",
    "pathetic",
    "worthless",
    "vile",
    "repulsive",
    "revolting",
    "despicable",
    "horrible",
    "dreadful",
    "awful",
    "nasty",
    "filthy",
    "lazy",
    "stupid",
    "dishonest",
    "loathsome",
    "contemptible",
    "repugnant",
    "abhorrent",
    "gross",
    "sickening",
    "hideous",
    "useless",
    "evil",
    "a disgrace",
    "the worst",
    "terrible people",
    "horrible people",
    "a waste of space",
    "utterly pointless",
]
DEHUM = [
    "vermin",
    "rats",
    "parasites",
    "animals",
    "scum",
    "a plague",
    "a cancer",
    "cockroaches",
    "savages",
    "subhuman",
    "a disease",
    "garbage",
    "trash",
    "filth",
    "pests",
    "leeches",
    "insects",
    "a virus",
]
POS = [
    "any good",
    "intelligent",
    "trustworthy",
    "capable of anything",
    "good at anything",
    "worth anything",
    "human",
    "honest",
    "competent",
    "smart",
    "clever",
    "valuable",
    "normal",
    "real people",
    "our equals",
    "decent",
    "good enough",
    "to be trusted",
    "able to think for themselves",
    "worth listening to",
]
GOOD = [
    "brilliant",
    "wonderful",
    "lovely",
    "great",
    "amazing",
    "kind",
    "fantastic",
    "so talented",
    "welcome here",
]
BADVERB = ["lie", "smell", "complain", "steal", "ruin everything", "whine so much", "act like animals"]
PLACES = ["a zoo", "a cage", "the kitchen", "the gutter", "the bin", "prison", "a ghetto", "the sewer"]

FRAMES: dict[str, list[str]] = {
    "neg_attrib": [
        "{G} are {neg}.",
        "All {g} are {neg}.",
        "{G} are so {neg}.",
        "{S} is always {neg}.",
        "{G} are just {neg}.",
        "Typical of {s} to be so {neg}.",
        "{G} are all {neg}.",
    ],
    "dehum": [
        "{G} are {dehum}.",
        "{G} are nothing but {dehum}.",
        "{G} are no better than {dehum}.",
        "{G} are {dehum} to our society.",
        "{S} is nothing but {dehum}.",
    ],
    "neg_emote": [
        "I hate {g}.",
        "I despise {g}.",
        "I can't stand {g}.",
        "{G} make me sick.",
        "{G} disgust me.",
        "I really detest {g}.",
        "There is nothing I hate more than {g}.",
        "I loathe {g}.",
        "I have so much hatred for {g}.",
        "{G} make me want to puke.",
        "I am sick of {g}.",
        "I absolutely abhor {g}.",
        "Nothing is worse than {s}.",
        "I'm disgusted by {g}.",
    ],
    "implicit": [
        "{G} belong in {place}.",
        "{G} should stay in {place}.",
        "{G} are a burden on society.",
        "{G} are a drain on our resources.",
        "{G} can't be trusted.",
        "{G} should not be allowed to vote.",
        "{G} are a disease to society.",
        "{G} should know their place.",
        "{G} ruin everything.",
        "I would never let {s} near my children.",
        "{G} are not real people.",
        "The world would be better without {g}.",
        "{G} don't belong here.",
        "{G} should be kept away from children.",
        "{G} are ruining this country.",
        "{G} are to blame for all our problems.",
        "Our country is overrun by {g}.",
        "{G} are only good for one thing.",
        "{G} have no place in society.",
        "{G} are a problem that needs to be dealt with.",
        "{S} should never be in charge of anything.",
        "{G} are a stain on this country.",
        "{G} are not welcome in our neighbourhood.",
        "{G} are a threat to our way of life.",
        "{G} should be seen and not heard.",
        "{G} need to be put in their place.",
        "{G} are infesting our streets.",
        "{G} should not have the same rights as us.",
        "{G} should go back where they came from.",
        "{G} are ticking time bombs.",
        "{G} are a plague on this country.",
    ],
    "neg_pos": [
        "{G} are never any good.",
        "{G} are not {pos}.",
        "{G} will never be {pos}.",
        "{G} can never be {pos}.",
        "No {g1} is ever {pos}.",
        "{G} are never {pos}.",
        "{G} aren't {pos}.",
        "{G} are incapable of being {pos}.",
        "I have never met {s} who was {pos}.",
        "{G} lives are worth nothing.",
        "{G} have never achieved anything.",
        "{G} can't do anything right.",
    ],
    "question": [
        "Why are {g} so {neg}?",
        "Why are all {g} {neg}?",
        "Aren't {g} just {neg}?",
        "Why is it that {g} are always {neg}?",
        "Isn't it obvious that {g} are {neg}?",
        "Why do {g} always {badverb}?",
        "Why are {g} such {dehum}?",
        "Are all {g} this {neg}?",
        "Why can't {g} ever be {pos}?",
        "Why do {g} exist?",
    ],
    "opinion": [
        "I think {g} are {neg}.",
        "I believe {g} are {neg}.",
        "In my opinion, {g} are {neg}.",
        "Honestly, {g} are {neg}.",
        "I feel like {g} are {neg}.",
        "To be honest I find {g} {neg}.",
        "I reckon {g} are {dehum}.",
        "I'm convinced that {g} are {neg}.",
        "Let's face it, {g} are {neg}.",
        "I think {g} should not be allowed to work.",
    ],
    "pronoun": [
        "I met some {g} yesterday. They are {neg}.",
        "{G} keep moving into my street. They are {dehum}.",
        "There are {g} at my work and they are {neg}.",
        "Have you seen those {g}? They make me sick.",
        "I know a lot of {g}, and I hate them all.",
        "{G} think they are special. They're just {dehum}.",
        "My neighbours are {g}. They are {neg}.",
        "We had {s} in the shop today. So {neg}.",
        "I saw {s} on the bus. Honestly they disgust me.",
        "{G} moved in next door. I can't stand them.",
    ],
    "profanity": [
        "Fuck {g}.",
        "{G} are fucking {neg}.",
        "Fucking {g} everywhere.",
        "{G} are shit.",
        "{G} are a bunch of shits.",
        "I fucking hate {g}.",
        "{G} can fuck off.",
        "Bloody {g} ruin everything.",
        "{G} are full of shit.",
        "Fuck all {g}.",
        "{G} are such fucking {dehum}.",
        "Screw {g}, they're {neg}.",
    ],
}
CONTRASTS: dict[str, list[str]] = {
    "negated_neg": [
        "{G} are not {neg}.",
        "{G} are never {neg}.",
        "I don't think {g} are {neg}.",
        "No {g1} is {neg}.",
        "{G} are not a burden on society.",
        "{G} are not {dehum}.",
        "{G} aren't {neg} at all.",
        "It's not true that {g} are {neg}.",
        "I don't hate {g}.",
        "{G} don't make me sick.",
    ],
    "neutral": [
        "I met some {g} yesterday.",
        "{G} live in my street.",
        "There are many {g} in London.",
        "My neighbours are {g}.",
        "How many {g} live in the UK?",
        "Why are {g} often discriminated against?",
        "{S} moved in next door.",
        "I was talking to {s} at the bus stop.",
        "Are there {g} in your class?",
        "{G} have been here for centuries.",
        "I met some {g} yesterday. They were on their way to work.",
    ],
    "positive": [
        "{G} are {good}.",
        "I love {g}.",
        "{G} are wonderful people.",
        "We need more {g} in politics.",
        "{G} make great neighbours.",
        "I admire {g}.",
        "Why are {g} so {good}?",
        "I think {g} are {good}.",
        "{G} are never boring.",
        "{G} are not stupid at all, they are {good}.",
        "I met some {g} yesterday. They are {good}.",
        "{G} deserve respect.",
        "{G} are as capable as anyone.",
        "Nobody should hate {g}.",
    ],
    "counter": [
        "Saying {g} are {neg} is wrong.",
        "It is disgusting to call {g} {dehum}.",
        "Stop saying {g} are {neg}.",
        '"{G} are {neg}" is such a bigoted thing to say.',
        "If you think {g} are {neg}, you are the problem.",
        "I can't believe he said {g} are {neg}.",
        "Hating {g} is wrong.",
        "You say {g} are {dehum}? That's hateful nonsense.",
        "Calling {g} {dehum} makes you a bigot.",
        "Statements like '{g} are {neg}' are hate speech.",
    ],
    "profanity_nh": [
        "Fucking brilliant day with the {g} at work.",
        "{G} are fucking brilliant.",
        "Holy shit, {g} are amazing.",
        "I fucking love {g}.",
        "Shit, I forgot to call the {g}.",
    ],
    "objects": [
        "I hate pizza.",
        "I can't stand traffic.",
        "Mondays are the worst.",
        "This weather is disgusting.",
        "Rain makes me sick.",
        "I despise long queues.",
        "Cold coffee is vile.",
        "Why is this film so awful?",
        "I think the new phone is useless.",
        "Fuck this printer.",
        "Tax forms are pathetic.",
        "The food was disgusting. It was cold.",
        "I bought new shoes. They are horrible.",
    ],
}


def fill(t: str, g: tuple[str, str], k: int) -> str:
    plural, single = g
    one = single.split(" ", 1)[1]
    vals = {
        "g": plural,
        "G": plural[0].upper() + plural[1:],
        "s": single,
        "S": single[0].upper() + single[1:],
        "g1": one,
        "neg": NEG[k % len(NEG)],
        "dehum": DEHUM[k % len(DEHUM)],
        "pos": POS[k % len(POS)],
        "good": GOOD[k % len(GOOD)],
        "badverb": BADVERB[k % len(BADVERB)],
        "place": PLACES[k % len(PLACES)],
    }
    return t.format(**vals)


def build() -> list[tuple[str, str, str]]:
    """(kind, frame, text): kind 'hate' (protected), 'abuse' (non-protected) or 'clean'."""
    out: list[tuple[str, str, str]] = []
    k = 0
    for frame, temps in FRAMES.items():
        for t, g in itertools.product(temps, PROT):
            k += 1
            out.append(("hate", frame, fill(t, g, k)))
        for t, g in itertools.product(temps, NONPROT[:4]):
            k += 1
            out.append(("abuse", "nonprot_" + frame, fill(t, g, k)))
    for frame, temps in CONTRASTS.items():
        groups = PROT + NONPROT[:3] if "{" in "".join(temps) else [PROT[0]]
        seen = set()
        for t, g in itertools.product(temps, groups):
            k += 1
            text = fill(t, g, k)
            if text not in seen:
                seen.add(text)
                out.append(("clean", "contrast_" + frame, text))
    return out


def run(det: Detector, misses: bool) -> None:
    cases = build()
    res = det.classify_many([t for _, _, t in cases])
    acc: dict[str, list[int]] = defaultdict(list)
    hate_y, hate_s, any_y, any_s = [], [], [], []
    bad: dict[str, list[str]] = defaultdict(list)
    for (kind, frame, text), r in zip(cases, res, strict=True):
        labels = set(r.labels)
        if kind == "hate":
            ok = bool(labels & set(HATE))
        elif kind == "abuse":
            ok = bool(labels & set(ABUSE)) and not labels & set(HATE)
        else:
            ok = not labels & set(ABUSE)
        acc[frame].append(int(ok))
        if not ok:
            bad[frame].append(f"{text}  -> {sorted(labels)} {max(r.scores[c] for c in HATE):.2f}")
        hs = max(r.scores[c] for c in HATE)
        if kind != "abuse":
            hate_y.append(int(kind == "hate"))
            hate_s.append(hs)
        any_y.append(int(kind != "clean"))
        any_s.append(max(r.scores[c] for c in ABUSE))
    for frame in acc:
        v = acc[frame]
        print(f"{frame:28s} {sum(v) / len(v):.3f}  (n={len(v)})")
    print(f"hate AUC {roc_auc_score(hate_y, hate_s):.4f}  any-abuse AUC {roc_auc_score(any_y, any_s):.4f}")
    if misses:
        for frame, lines in bad.items():
            print(f"\n## {frame}")
            for line in lines[:25]:
                print("  ", line)


def hatexplain(det: Detector, data: Path, misses: bool) -> None:
    rows = [(t, int(c == "1")) for t, c in public_splits.hatexplain(data, "train") if c in ("0", "1")]
    res = det.classify_many([t for t, _ in rows])
    s = [max(x.scores[c] for c in HATE) for x in res]
    y = [b for _, b in rows]
    print(f"HateXplain train hatespeech vs normal: n={len(y)} AUC {roc_auc_score(y, s):.4f}")
    fp = sum(1 for a, b in zip(s, y, strict=True) if b == 0 and a >= 0.6)
    tp = sum(1 for a, b in zip(s, y, strict=True) if b == 1 and a >= 0.6)
    print(f"  flagged: {tp}/{sum(y)} hateful, {fp}/{len(y) - sum(y)} normal")
    if misses:
        import random

        rnd = random.Random(1)
        fps = [(t, a) for (t, b), a in zip(rows, s, strict=True) if b == 0 and a >= 0.6]
        fns = [(t, a) for (t, b), a in zip(rows, s, strict=True) if b == 1 and a < 0.3]
        print("false flags:")
        for t, a in rnd.sample(fps, min(25, len(fps))):
            print(f"  {a:.2f} {t[:160]}")
        print("misses:")
        for t, a in rnd.sample(fns, min(25, len(fns))):
            print(f"  {a:.2f} {t[:160]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--hatexplain", type=Path)
    a = ap.parse_args()
    det = Detector()
    if a.hatexplain:
        hatexplain(det, a.hatexplain, a.misses)
    else:
        run(det, a.misses)


if __name__ == "__main__":
    sys.exit(main())
