"""Obfuscation benchmark for the detect normaliser: recall under each spelling trick, and false positives.

Usage (from the repository root):
    LC_ALL=en_US.UTF-8 PYTHONPATH=src .venv/bin/python tools/dev_detect/obfuscation.py [--data ../shared/data]

Abusive texts that the detector flags when written plainly (our own sentences below, HateXplain *train*
hate speech, the Davidson 80 % training slice's hate and offensive tweets) are rewritten with one
obfuscation at a time — applied (seeded, deterministic) to a word that carries the finding (a word inside
an evidence span) and, separately, to a random word — and the share still flagged is reported beside the
plain recall (1.0 by construction). The same obfuscations applied to ordinary texts (HateXplain train
"normal" posts, our own neutral sentences) measure false positives. An exhaustive grid then obfuscates
every word of our templated statements in every way (each dropped letter, each swap, ...).
Development data only: no test or held-out split is read here, and HateCheck never is.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

import public_splits  # noqa: E402

from footprint.analyse.detect import Detector  # noqa: E402
from footprint.analyse.detect.taxonomy import ABUSE  # noqa: E402

# Our own sentences (not taken from any data set): plain abuse the detector should flag.
OWN_ABUSE = [
    "I hate women",
    "I hate Muslims so much",
    "Women are disgusting",
    "Muslims are disgusting",
    "Immigrants are vermin",
    "Gay people are a plague on society",
    "Trans people are freaks",
    "Black people are animals",
    "Jews are parasites",
    "Disabled people are a burden",
    "All women are worthless",
    "Immigrants are scum",
    "I despise gay people",
    "Women are stupid",
    "You are a stupid slut",
    "Shut up you ugly bitch",
    "You fucking idiot",
    "You are such a pathetic loser",
    "Fuck off you worthless cunt",
    "You dumb retard",
    "Go back to your country you filthy paki",
    "No niggers allowed in here",
    "He is a faggot",
    "Kill all the Muslims",
    "I will kill all immigrants",
    "Gay people should be shot",
    "Women should be beaten",
    "Trans people deserve to die",
    "I am going to kill you",
    "I will stab you",
    "Black people are criminals",
    "Muslims are terrorists",
    "Women are inferior to men",
    "Immigrants are disgusting rats",
    "I can't stand disabled people",
    "Jews are evil",
    "Disabled people are useless",
    "You are a disgusting whore",
    "Gay people are disgusting",
    "Trans people are mentally ill freaks",
    "Those immigrants are filthy vermin",
    "Muslims should all be deported and shot",
    "I hate all black people",
    "Women are nothing but whores",
    "You are a fat ugly slag",
    "Fuck all Muslims",
    "Fuck women",
    "Immigrants should be hanged",
    "You are a useless moron",
    "Shut up bitch",
]
# Our own ordinary sentences, several with names, typos, slang and unusual words.
OWN_NEUTRAL = [
    "Happy birthday Ella, have a lovely day",
    "Can you pick up some milk on the way home",
    "I cant make it tonight, sorry",
    "hoe are you doing today",
    "That was a great shot in the second half",
    "We went to the bich last summer",
    "The meeting moved to 4pm tomorrow",
    "See you at the pub later",
    "My cat knocked over the plant again",
    "Thanks for the lift this morning",
    "Did you see the match last night",
    "The trian was late again",
    "I'm going to the gym after work",
    "Have you got the keys for the shed",
    "Mum says hi and wants to know if you're coming Sunday",
    "Shes bringing the kids round at six",
    "I love my neighbours, they are so kind",
    "Women deserve equal pay",
    "Muslims celebrate Eid at the end of Ramadan",
    "Immigrants built this country",
    "Gay people have the right to marry",
    "Trans people deserve respect",
    "Black history month starts next week",
    "Jewish families lit candles for Hanukkah",
    "Disabled people need better access to trains",
    "The cake was absolutely delicious",
    "Can't wait for the holidays",
    "Dont forget your coat, its cold",
    "Teh results came out today",
    "We should grab a coffee sometime",
    "Grandad is in hospital but recovering well",
    "The dog chased a squirrel up the tree",
    "I scored a hat trick on Saturday",
    "The shop shuts at half five",
    "Her speech at the wedding was brilliant",
    "Who is bringing the barbecue",
    "The plumber is coming on Tuesday",
    "Just finished my dissertation",
    "Sorry I missed your call",
    "Let me know when you get home",
    "Mohammed and Priya are coming to dinner",
    "Aisha got the job",
    "Nigel's van broke down on the motorway",
    "Dick Turpin was a highwayman",
    "The hornets built a nest in the shed",
    "The kitten is so cute",
    "We watched the snooker all afternoon",
    "That film was sick, honestly",
    "I'm knackered after that run",
    "The weather has been shocking all week",
]

# Our own templates for the exhaustive grid: every word of three letters or more obfuscated in every way
GRID_GROUPS = [
    "women",
    "trans people",
    "gay people",
    "black people",
    "disabled people",
    "Muslims",
    "immigrants",
]
GRID_TEMPLATES = [
    "I hate {g}",
    "{g} are disgusting",
    "All {g} are vile scum",
    "{g} are a plague",
    "Kill all {g}",
    "{g} should all be killed",
    "I despise {g}",
    "{g} are worthless",
    "{g} are animals",
    "Death to all {g}",
    "{g} are parasites",
    "I can't stand {g}",
    "{g} are pathetic",
    "You are just a dumb bitch",
    "Fuck all {g}",
]
Obfuscate = Callable[[str, random.Random], str]
LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7", "l": "1", "g": "9"}


def drop(w: str, rng: random.Random) -> str:
    i = rng.randrange(len(w))
    return w[:i] + w[i + 1 :]


def swap(w: str, rng: random.Random) -> str:
    pairs = [i for i in range(len(w) - 1) if w[i] != w[i + 1]]
    if not pairs:
        return w
    i = rng.choice(pairs)
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def double(w: str, rng: random.Random) -> str:
    i = rng.randrange(len(w))
    return w[: i + 1] + w[i] + w[i + 1 :]


def insert(w: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(w))
    return w[:i] + rng.choice("aeioustrnl") + w[i:]


def leet(w: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(w) if c.lower() in LEET]
    if not places:
        return w
    chosen = rng.sample(places, min(len(places), rng.choice((1, 2))))
    return "".join(rng.choice(LEET[c.lower()]) if i in chosen else c for i, c in enumerate(w))


def spaced(w: str, rng: random.Random) -> str:
    return " ".join(w)


def dotted(w: str, rng: random.Random) -> str:
    return rng.choice(".-_*").join(w)


def masked(w: str, rng: random.Random) -> str:
    if len(w) < 4:
        return w
    return w[0] + "*" * (len(w) - 2) + w[-1] if rng.random() < 0.5 else w[0] + "*" * (len(w) - 1)


WORD_TRICKS: dict[str, Obfuscate] = {
    "drop": drop,
    "swap": swap,
    "double": double,
    "insert": insert,
    "leet": leet,
    "space_add": spaced,
    "separators": dotted,
    "mask": masked,
}
_WORD = re.compile(r"[A-Za-z]+")


def words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if m.end() - m.start() >= 3]


def rng_for(text: str, trick: str, salt: str) -> random.Random:
    return random.Random(zlib.crc32(f"{salt}|{trick}|{text}".encode()))


def apply(text: str, target: tuple[int, int], trick: str, rng: random.Random) -> str:
    """One obfuscation of the word at ``target`` (space deletion joins it to its neighbours)."""
    a, b = target
    if trick == "space_del":
        mode = rng.choice(("left", "right", "both"))
        start, end = a, b
        if mode in ("left", "both"):
            k = len(text[:a].rstrip(" "))
            if k < a and k > 0 and text[k - 1].isalpha():
                start = k
        if mode in ("right", "both"):
            k = b + len(text[b:]) - len(text[b:].lstrip(" "))
            if k > b and k < len(text) and text[k].isalpha():
                end = k
        return text[:start] + text[a:b] + text[end:]
    if trick == "space_del_run":  # the word and up to two neighbours run together ("womenaredisgusting")
        spans = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z']+", text)]
        k = next((i for i, (x, y) in enumerate(spans) if x <= a < y), None)
        if k is None:
            return text
        lo = max(0, k - rng.randrange(3))
        hi = min(len(spans) - 1, lo + 2)
        gap = text[spans[lo][0] : spans[hi][1]]
        return text[: spans[lo][0]] + re.sub(r"(?<=[A-Za-z']) +(?=[A-Za-z])", "", gap) + text[spans[hi][1] :]
    return text[:a] + WORD_TRICKS[trick](text[a:b], rng) + text[b:]


TRICKS = [*WORD_TRICKS, "space_del", "space_del_run"]


def flagged(detector: Detector, texts: Sequence[str]) -> tuple[np.ndarray, list[list[tuple[int, int]]]]:
    out, spans = [], []
    for i in range(0, len(texts), 4096):
        for r in detector.classify_many(list(texts[i : i + 4096])):
            hits = [d for d in r.detections if d.category in ABUSE]
            out.append(bool(hits))
            spans.append([s for d in hits for s in d.spans])
    return np.array(out, dtype=bool), spans


def carrying(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [w for w in words(text) if any(w[0] < b and a < w[1] for a, b in spans)]


def read_sets(data: Path, limit: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    abusive: dict[str, list[str]] = {"own": OWN_ABUSE}
    normal: dict[str, list[str]] = {"own": OWN_NEUTRAL}
    hate, norm = [], []
    for text, category in public_splits.hatexplain(data, "train"):
        (hate if category == "1" else norm if category == "0" else []).append(text.strip())
    dav = [text for text, cls in public_splits.davidson(data)[0] if cls in ("0", "1")]
    rng = random.Random(0)
    abusive["hatexplain_hate"] = rng.sample(hate, min(limit, len(hate)))
    abusive["davidson_abuse"] = rng.sample(dav, min(limit, len(dav)))
    normal["hatexplain_normal"] = rng.sample(norm, min(limit, len(norm)))
    return abusive, normal


def run(detector: Detector, abusive: dict[str, list[str]], normal: dict[str, list[str]]) -> dict[str, float]:
    summary: dict[str, float] = {}
    print("| set | where | n | " + " | ".join(TRICKS) + " |")
    print("|---|---|---:|" + "---:|" * len(TRICKS))
    for name, texts in abusive.items():
        plain, spans = flagged(detector, texts)
        keep = [(t, s) for t, p, s in zip(texts, plain, spans, strict=True) if p]
        for where in ("carrying", "random"):
            row = []
            for trick in TRICKS:
                variants = []
                for text, sp in keep:
                    rng = rng_for(text, trick, where)
                    pool = carrying(text, sp) if where == "carrying" else words(text)
                    if not pool:
                        continue
                    out = apply(text, rng.choice(pool), trick, rng)
                    if out != text:
                        variants.append(out)
                got, _ = flagged(detector, variants)
                recall = float(got.mean()) if len(got) else float("nan")
                summary[f"{name}/{where}/{trick}"] = recall
                row.append(f"{recall:.2f}")
            n = len(keep)
            print(f"| {name} (plain {len(keep)}/{len(texts)}) | {where} | {n} | " + " | ".join(row) + " |")
    print("\nFalse positives (share flagged):\n")
    print("| set | plain | " + " | ".join(TRICKS) + " |")
    print("|---|---:|" + "---:|" * len(TRICKS))
    for name, texts in normal.items():
        plain, _ = flagged(detector, texts)
        row = []
        for trick in TRICKS:
            variants = []
            for text in texts:
                rng = rng_for(text, trick, "normal")
                pool = words(text)
                if pool:
                    variants.append(apply(text, rng.choice(pool), trick, rng))
            got, _ = flagged(detector, variants)
            summary[f"fp/{name}/{trick}"] = float(got.mean())
            row.append(f"{got.mean():.3f}")
        summary[f"fp/{name}/plain"] = float(plain.mean())
        print(f"| {name} (n {len(texts)}) | {plain.mean():.3f} | " + " | ".join(row) + " |")
    return summary


def every_variant(text: str, trick: str) -> set[str]:
    """Every single obfuscation of every word of three letters or more (drop: each position, ...)."""
    out: set[str] = set()
    for a, b in words(text):
        w = text[a:b]
        if trick == "drop":
            forms = {w[:i] + w[i + 1 :] for i in range(len(w))}
        elif trick == "swap":
            forms = {w[:i] + w[i + 1] + w[i] + w[i + 2 :] for i in range(len(w) - 1)}
        elif trick == "leet":
            forms = {w[:i] + LEET[c.lower()][0] + w[i + 1 :] for i, c in enumerate(w) if c.lower() in LEET}
        elif trick == "space_add":
            forms = {" ".join(w)}
        else:  # space_del: joined to the next word, or every space of the text deleted
            out.add(text.replace(" ", ""))
            if text[b : b + 1] == " ":
                out.add(text[:b] + text[b + 1 :])
            continue
        out |= {text[:a] + f + text[b:] for f in forms}
    return out - {text}


def grid(detector: Detector) -> None:
    """Recall over every single obfuscation of our templated statements (flagged when plain)."""
    plain = [t.format(g=g) for t in GRID_TEMPLATES for g in GRID_GROUPS]
    got, _ = flagged(detector, plain)
    kept = [t for t, f in zip(plain, got, strict=True) if f]
    print(f"\nExhaustive grid ({len(kept)}/{len(plain)} templated statements flagged plainly):\n")
    print("| obfuscation | variants | still flagged |\n|---|---:|---:|")
    for trick in ("drop", "swap", "leet", "space_add", "space_del"):
        variants = sorted({v for t in kept for v in every_variant(t, trick)})
        hit, _ = flagged(detector, variants)
        print(f"| {trick} | {len(variants)} | {hit.mean():.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=1500, help="texts sampled from each public set")
    parser.add_argument("--show", default="", help="print the misses of one cell: own/carrying/drop")
    parser.add_argument("--json", type=Path, help="write the summary figures here")
    args = parser.parse_args()
    detector = Detector()
    abusive, normal = read_sets(args.data, args.limit)
    summary = run(detector, abusive, normal)
    grid(detector)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.show:
        show(detector, abusive, normal, args.show)


def show(detector: Detector, abusive: dict[str, list[str]], normal: dict[str, list[str]], key: str) -> None:
    """Print the misses (abusive sets) or the false positives (``fp/<set>/<trick>``) of one cell."""
    parts = key.split("/")
    if parts[0] == "fp":
        texts, trick = normal[parts[1]], parts[2]
        variants = []
        for t in texts:
            rng = rng_for(t, trick, "normal")
            if words(t):
                variants.append(apply(t, rng.choice(words(t)), trick, rng))
        got, _ = flagged(detector, variants)
        for v, g in zip(variants, got, strict=True):
            if g:
                print("FP:", v)
        return
    name, where, trick = parts
    texts = abusive[name]
    plain, spans = flagged(detector, texts)
    for text, p, sp in zip(texts, plain, spans, strict=True):
        if not p:
            continue
        rng = rng_for(text, trick, where)
        pool = carrying(text, sp) if where == "carrying" else words(text)
        if not pool:
            continue
        out = apply(text, rng.choice(pool), trick, rng)
        if out != text and not flagged(detector, [out])[0][0]:
            print("MISS:", out)


if __name__ == "__main__":
    main()
