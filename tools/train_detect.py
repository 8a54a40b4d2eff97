"""Train the detect model: hashed word n-grams + one logistic regression head per learned category.

Usage: .venv/bin/python tools/train_detect.py [--data ../shared/data] [--out src/footprint/rules/detect]
       (the shipped detect-model@4: --char-features 262144 --embed-scale 0.3 --C 2; the unreleased
       version 5 of round 7 adds --written default, see docs/model-card-detect.md)

Data (only training splits; every evaluation split stays out):
- EDOS train split (CC0 1.0): sexist -> misogynistic_abuse; category "threats..." -> threat_violence.
  The dev split is held out for evaluation.
- HateXplain train ids of the official split (MIT / CC BY 4.0): hatespeech -> identity_hate;
  offensive or hatespeech -> insult_harassment; normal -> negative. Val/test ids are held out.
- Davidson et al. 2017 (MIT), a seeded 80 % slice (seed 0; the other 20 % is held out):
  hate -> identity_hate; offensive -> insult_harassment (down-weighted 0.3: slang-heavy); neither -> negative.
- Examples we wrote ourselves (TEMPLATES below), for the categories no public set covers and for
  contrast cases (negation, idiom, support). Never HateCheck, OLID, CMSB or cyberbullying-tweets
  (HateCheck and OLID are test-only here; CMSB and cyberbullying-tweets have unconfirmed licences).
- Version 5 (``--written``): the *train* part (about 80 %, by a group-masked hash) of the sentences the
  team wrote for rule development and our own new ones (``tools/written_training.py``,
  ``tools/written_own.py``), each source with its own per-row weight (WRITTEN_WEIGHTS), and the hand
  labels of the *dev* half of the real-post sets (EDOS, HateXplain, Davidson training rows only). The
  held part and the held halves stay out.
Deterministic: fixed seeds, liblinear solver; writes model.npz (float16 weights) and model.json.

Version 4 (``--embed-scale``): besides the hashed n-grams, each head also reads a dense feature, the
text's hashed word vector mapped through static word embeddings (distilled at training time from
all-MiniLM-L6-v2, see ``tools/word_embeddings.py``). That feature is linear in the hashed word vector,
so after fitting it is folded into the word weights (``fold_embeddings``): the shipped model has the
same form, size and cost as before, but words never seen in training that lie near abusive words
get weight too.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import re
import sys
import time
import types
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
# import only the detect sub-package, not every analyser (a half-built sibling must not stop training)
_pkg = types.ModuleType("footprint.analyse")
_pkg.__path__ = [str(ROOT / "src" / "footprint" / "analyse")]
sys.modules.setdefault("footprint.analyse", _pkg)

import public_splits  # noqa: E402

from footprint.analyse.detect.model import (  # noqa: E402
    embedding_features,
    features,
    fold_embeddings,
    word_buckets,
)
from footprint.analyse.detect.normalise import normalise  # noqa: E402

VERSION = 4  # the shipped detect-model@4; --written trains the unreleased version 5 (WRITTEN_VERSION)
WRITTEN_VERSION = 5
# Per-row weight of each written source (``tools/written_training.py``) at ``--written default``; the public
# rows weigh 1 (Davidson "offensive" 0.3). Chosen on the written held part and HateXplain val
# (``tools/dev_detect/written_held.py``, ``tools/dev_detect/model_val.py``); see docs/model-card-detect.md.
WRITTEN_WEIGHTS = {
    "own": 2.0,
    "group_derogation_fresh": 2.0,
    "obfuscation": 2.0,
    "contrasts": 0.2,
    "group_threats_indep": 0.5,
    "group_threats": 0.1,
    "group_derogation": 0.2,
    "real_threats": 2.0,
    "real_insults": 2.0,
}
N_FEATURES = 2**18
HEADS = ("threat_violence", "misogynistic_abuse", "identity_hate", "insult_harassment", "sexual_harassment")

YOU = ["you", "u", "ya"]
CLOSE = ["your kids", "your mum", "your new boyfriend", "your sister", "your dog", "your dad"]
GROUPS = ["immigrants", "muslims", "gay people", "trans people", "disabled people", "black people", "jews"]
PEOPLE = ["politicians", "lawyers", "landlords", "estate agents", "those lads", "his mates"]
# Our own sentences (not taken from any data set); {y}, {c}, {g}, {p} are filled from the lists above.
TEMPLATES: dict[str, list[str]] = {
    "threat_violence": [
        "i am going to hurt {y} so badly",
        "i'll make {y} pay for this",
        "{y} won't walk again after i'm done",
        "one of these nights i'll be waiting for {y}",
        "i'll put {c} in hospital",
        "wait till i get my hands on {y}",
        "i'll smash {c}'s face in",
        "i know people who will deal with {y}",
        "{y} are going to get what's coming",
        "i'm going to batter {y}",
        "i'm coming for {c}",
        "i will end {c}",
        "{g} will get what's coming to them",
        "someone is going to hurt {g}",
        "i'll stab {c}",
        "we'll burn your house down with {y} in it",
        "{y} need a slap",
        "i'll break every bone in your body",
        "keep talking and see what happens to {c}",
    ],
    "misogynistic_abuse": [
        "{y} stupid slag",
        "all women are worthless liars",
        "typical woman, crying to get her way",
        "{y} are just a dirty whore",
        "women only exist to serve men",
        "shut up and make me a sandwich woman",
        "no man will touch a used up slag like {y}",
        "women should not be allowed opinions",
        "she's a lying bitch like the rest of them",
        "a woman's place is under a man",
        "{y} fat ugly cow",
        "females are brainless",
        "you slut, everyone has had you",
    ],
    "identity_hate": [
        "{g} are a disease on this country",
        "i can't stand {g}, send them all back",
        "{g} are subhuman",
        "{g} should be wiped out",
        "we need to get rid of {g}",
        "{g} ruin every place they live",
        "never trust {g}, they are all criminals",
        "{g} are disgusting animals",
        "{g} don't belong here",
    ],
    "insult_harassment": [
        "{y} are a pathetic waste of space",
        "nobody likes {y}, {y} loser",
        "{y} ugly piece of shit",
        "{y} are so thick it's embarrassing",
        "shut your mouth {y} idiot",
        "{p} are scum, every one of them",
        "i hate {p}, they're vermin",
        "{y} are a disgrace to your family",
        "{y} absolute moron",
        "go cry somewhere else {y} failure",
        "{y} make me sick",
        "what a worthless little rat {y} are",
    ],
    "sexual_harassment": [
        "i want to bend {y} over",
        "send me something sexy tonight",
        "i can't stop thinking about {y} naked",
        "bet {y} are filthy in bed",
        "those jeans show off your arse",
        "come sit on my lap baby",
        "i'd love to get my hands on your body",
        "what are {y} wearing under that",
        "i'm hard just thinking of {y}",
    ],
    "negative": [
        "i would never hurt {y}",
        "i could kill for a coffee right now",
        "text me when {y} get home safe",
        "he said he would kill me and i'm terrified",
        "this traffic is killing me",
        "that comedian killed it",
        "i'm dying to see {y}",
        "{g} are welcome here",
        "i love my {g} neighbours",
        "women are brilliant",
        "it is not ok to call women slags",
        "saying {g} are scum is hateful",
        "shit, i missed the bus",
        "fuck, that hurt my toe",
        "i hate mondays",
        "i hate this weather",
        "my mum says hi",
        "the police said they will call {y} tomorrow",
        "can {y} pick up the kids at six",
        "please don't kill yourself, call the samaritans",
        "{p} work hard for their money",
        "i'm proud to be queer",
        "what time is the match",
        "see {y} at the gym later",
        "i'll beat {y} at tennis next time",
        "we should shoot the video on saturday",
        "he threatened to post my pictures, what do i do",
        "stop messaging me",
        "i'm scared he will find me",
        "thanks for dinner, it was lovely",
        "i miss {y}",
        "women are strong",
        "women deserve equal pay",
        "the women's team won again",
        "i support {g}",
        "{g} are my friends",
        "my boss is a woman and she is great",
        "{g} have every right to be here",
        "women are amazing",
        "{g} are people like anyone else",
        "proud of all the women at work",
        "the girls are coming round later",
        "as a woman i feel seen",
        "{y} are a dead good friend",
        "i will kill this workout",
        "we will kill it at the quiz",
        "i'll send the wedding photos to your mum",
        "i'll send the pictures to {c} later",
        "{y} are going to love this",
    ],
}


def fill(template: str) -> list[str]:
    """Every filling of a template's slots (bounded)."""
    slots = {"y": YOU, "c": CLOSE, "g": GROUPS, "p": PEOPLE}
    keys = [k for k in slots if "{" + k + "}" in template]
    combos = itertools.product(*(slots[k] for k in keys)) if keys else [()]
    return [template.format(**dict(zip(keys, combo, strict=True))) for combo in combos]


def read_public(data: Path) -> list[tuple[str, dict[str, int], float]]:
    """(text, labels per head (-1 = not annotated), weight) from the permitted training splits."""
    rows: list[tuple[str, dict[str, int], float]] = []
    with (data / "edos" / "edos_train_dev.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["split"] != "train":
                continue
            sexist = int(r["label_sexist"] == "sexist")
            threat = int(r["label_category"].startswith("1."))
            labels = {"misogynistic_abuse": sexist, "threat_violence": threat}
            if not sexist:
                labels["sexual_harassment"] = 0
            rows.append((r["text"], labels, 1.0))
    for text, category in public_splits.hatexplain(data, "train"):
        if category == "3":
            continue
        rows.append(
            (
                text,
                {
                    "identity_hate": int(category == "1"),
                    "insult_harassment": int(category in ("1", "2")),
                    "threat_violence": 0 if category == "0" else -1,
                    "misogynistic_abuse": 0 if category == "0" else -1,
                    "sexual_harassment": 0 if category == "0" else -1,
                },
                1.0,
            )
        )
    for text, cls in public_splits.davidson(data)[0]:
        labels = {"identity_hate": int(cls == "0"), "insult_harassment": int(cls in ("0", "1"))}
        rows.append((text, labels, 0.3 if cls == "1" else 1.0))
    return rows


VOCAB_MIN_COUNT = 3
EMBED_MIN_COUNT = 2
WORD_LISTS = (Path("/usr/share/dict/british-english"), Path("/usr/share/dict/american-english"))
_WORD = re.compile(r"[a-z]+")


def embedding_words(norm_texts: list[str], vocab: Path, lists: tuple[Path, ...]) -> list[str]:
    """The words that get an embedding, sorted: an English word list (Debian ``wbritish`` and
    ``wamerican``, lower-cased, letters only), ``vocab.txt``, and every letter run seen at least
    EMBED_MIN_COUNT times in the normalised training texts."""
    words: set[str] = set()
    for path in lists:
        if not path.exists():
            raise SystemExit(f"{path} is missing: apt-get install wbritish wamerican (or pass --word-list)")
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip().lower()
            if _WORD.fullmatch(word):
                words.add(word)
    words.update(w for w in vocab.read_text(encoding="utf-8").split() if _WORD.fullmatch(w))
    counts: dict[str, int] = {}
    for text in norm_texts:
        for word in _WORD.findall(text):
            counts[word] = counts.get(word, 0) + 1
    words.update(w for w, n in counts.items() if n >= EMBED_MIN_COUNT)
    return sorted(words)


def write_vocab(rows: list[tuple[str, dict[str, int], float]], out: Path) -> None:
    """The known-word list the normaliser's spelling step needs (``vocab.txt``, one word a line).

    Every lower-case letter run seen at least VOCAB_MIN_COUNT times in the permitted training texts,
    plus the words of our own templates. A token outside this list that is one dropped letter or one
    swapped pair of letters away from a word the rules use is read as that word ("wmen" -> "women");
    a known word is never changed ("back" stays "back", not "black"). Only words are written (no
    counts, no texts), in sorted order, so the file is deterministic.
    """
    counts: dict[str, int] = {}
    for text, _, _ in rows:
        for word in re.findall(r"[a-z]+", text.lower()):
            counts[word] = counts.get(word, 0) + 1
    words = {w for w, n in counts.items() if n >= VOCAB_MIN_COUNT}
    for templates in TEMPLATES.values():
        for template in templates:
            words.update(re.findall(r"[a-z]+", template.lower()))
    words.update(w for items in (YOU, CLOSE, GROUPS, PEOPLE) for item in items for w in item.split())
    out.mkdir(parents=True, exist_ok=True)
    (out / "vocab.txt").write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"wrote {out / 'vocab.txt'} ({len(words)} words seen >= {VOCAB_MIN_COUNT} times)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "footprint" / "rules" / "detect")
    parser.add_argument("--char-features", type=int, default=0, help="add hashed char 3-5 grams (0 = off)")
    parser.add_argument("--vocab-only", action="store_true", help="write vocab.txt and stop")
    parser.add_argument(
        "--embed-scale",
        type=float,
        default=0.0,
        help="add folded word-embedding features at this scale (0 = off)",
    )
    parser.add_argument(
        "--embed-cache", type=Path, default=ROOT / ".cache" / "detect", help="embedding cache"
    )
    parser.add_argument(
        "--word-list", type=Path, nargs="*", default=list(WORD_LISTS), help="word lists to embed"
    )
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation of every head")
    parser.add_argument(
        "--written",
        default="",
        help='train on the train part of our written sets: "default" (WRITTEN_WEIGHTS) or'
        ' "source=weight,..." (unlisted sources as in WRITTEN_WEIGHTS; weight 0 leaves a source out)',
    )
    args = parser.parse_args()
    rows = read_public(args.data)
    write_vocab(rows, args.out)
    if args.vocab_only:
        return
    own = 0
    for head, templates in TEMPLATES.items():
        for template in templates:
            for text in fill(template):
                labels = {h: int(h == head) for h in HEADS}
                rows.append((text, labels, 3.0))
                own += 1
    # the embedded word list is taken before the written rows join, so it (and its cache) stays that of v4
    embed_texts = [normalise(t).norm for t, _, _ in rows]
    written_meta = add_written(rows, args.written, args.data) if args.written else None
    rng = random.Random(0)
    rng.shuffle(rows)
    texts = [normalise(t).norm for t, _, _ in rows]
    x = features(texts, N_FEATURES, args.char_features).tocsr()
    width = N_FEATURES + args.char_features
    embed = None
    if args.embed_scale:
        from word_embeddings import MODEL_NAME, embed_words

        words = embedding_words(embed_texts, args.out / "vocab.txt", tuple(args.word_list))
        t0 = time.perf_counter()
        vectors = embed_words(words, args.embed_cache) * np.float32(args.embed_scale)
        print(f"{len(words)} words embedded ({time.perf_counter() - t0:.0f} s, cache {args.embed_cache})")
        m = word_buckets(words, N_FEATURES)
        dense = embedding_features(x[:, :N_FEATURES], m, vectors)
        x_fit = hstack([x, csr_matrix(dense)], format="csr")
        embed = {"model": MODEL_NAME, "words": len(words), "scale": args.embed_scale}
    else:
        x_fit = x
    calib = np.array([rng.random() < 0.1 for _ in rows])
    weights = np.zeros((width, len(HEADS)), dtype=np.float32)
    bias = np.zeros(len(HEADS), dtype=np.float32)
    temperature = np.ones(len(HEADS), dtype=np.float32)
    counts = {}
    for k, head in enumerate(HEADS):
        y = np.array([labels.get(head, -1) for _, labels, _ in rows])
        w = np.array([wt for _, _, wt in rows])
        use = y >= 0
        fit = use & ~calib
        clf = LogisticRegression(C=args.C, solver="liblinear", class_weight="balanced", max_iter=200)
        clf.fit(x_fit[fit], y[fit], sample_weight=w[fit])
        coef = clf.coef_[0].astype(np.float32)
        weights[:, k] = coef[:width]
        bias[k] = clf.intercept_[0]
        held = use & calib
        if embed is not None:
            unfolded = np.asarray(x_fit[held] @ coef).ravel() + bias[k]
            weights[:N_FEATURES, k] += fold_embeddings(m, vectors, coef[width:])
        z = np.asarray(x[held] @ weights[:, k]).ravel() + bias[k]
        if embed is not None:
            gap = float(np.max(np.abs(1 / (1 + np.exp(-z)) - 1 / (1 + np.exp(-unfolded)))))
            print(f"{head}: fold check, largest probability gap folded vs unfolded {gap:.2e}")
            if gap > 1e-4:
                raise SystemExit(f"{head}: the fold is not exact ({gap})")
        temperature[k] = _temperature(z, y[held])
        counts[head] = {"positive": int((y[fit] == 1).sum()), "negative": int((y[fit] == 0).sum())}
        held_auc = roc_auc_score(y[held], z) if len(set(y[held])) == 2 else float("nan")
        print(
            f"{head}: {counts[head]}, temperature {temperature[k]:.2f},"
            f" calibration-slice ROC-AUC {held_auc:.4f}"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out / "model.npz", weights=weights.astype(np.float16), bias=bias, temperature=temperature
    )
    meta = {
        "version": WRITTEN_VERSION if args.written else VERSION,
        "heads": list(HEADS),
        "n_features": N_FEATURES,
        "char_features": args.char_features,
        "features": "HashingVectorizer word 1-2 grams, binary, l2, on normalised text",
        "training": {
            "edos": "train split (CC0 1.0)",
            "hatexplain": "official train ids (MIT / CC BY 4.0)",
            "davidson": "seeded 80% slice, seed 0 (MIT)",
            "own_examples": own,
        },
        "counts": counts,
    }
    if embed is not None:
        meta["embedding_fold"] = embed
        meta["features"] += "; word-embedding head weights folded into the word unigram buckets"
    if args.C != 1.0:
        meta["C"] = args.C
    if written_meta is not None:
        meta["training"]["written"] = written_meta
    (args.out / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'model.npz'} and model.json ({len(rows)} texts, {own} written by us)")


def parse_written(spec: str) -> dict[str, float]:
    """Per-source weights from ``--written``."""
    weights = dict(WRITTEN_WEIGHTS)
    if spec != "default":
        for item in spec.split(","):
            name, _, value = item.partition("=")
            if name.strip() not in weights:
                raise SystemExit(f"unknown written source {name!r}; known: {', '.join(weights)}")
            weights[name.strip()] = float(value)
    return weights


def add_written(rows: list[tuple[str, dict[str, int], float]], spec: str, data: Path) -> dict[str, object]:
    """Add the *train* part of the written sets to ``rows`` (in place); return what was added.

    Rows of ``override_sources`` are public training posts with hand labels: their labels replace the
    public labels of the same text for the heads they annotate (and the row weighs at least the source
    weight); every other written row is appended with its source weight.
    """
    from written_training import SOURCES, override_sources, written_rows

    weights = parse_written(spec)
    sources = tuple(s for s in SOURCES if weights.get(s, 0) > 0)
    index: dict[str, list[int]] = {}
    for i, (text, _, _) in enumerate(rows):
        index.setdefault(text, []).append(i)
    added: dict[str, int] = {}
    for r in written_rows(data, sources):
        if r.part != "train":
            continue
        w = weights[r.source]
        if r.source in override_sources():
            for i in index.get(r.text, []):
                text, labels, old = rows[i]
                rows[i] = (text, {**labels, **r.labels}, max(old, w))
            if r.text not in index:
                rows.append((r.text, dict(r.labels), w))
        else:
            rows.append((r.text, dict(r.labels), w))
        added[r.source] = added.get(r.source, 0) + 1
    print("written rows (train part): " + ", ".join(f"{s} {n} x {weights[s]}" for s, n in added.items()))
    return {"rows": added, "weights": {s: weights[s] for s in sources}}


def _temperature(z: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises log loss on the calibration slice."""
    best, best_loss = 1.0, float("inf")
    for t in np.arange(0.5, 4.01, 0.1):
        p = np.clip(1.0 / (1.0 + np.exp(-z / t)), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


if __name__ == "__main__":
    main()
