"""Training rows from the sentences the Footprint team wrote (round 7): the rule-development sets and our own.

Each row is ``Written(text, labels, source, part)``: ``labels`` maps a model head to 1 (positive), 0
(negative) or leaves it out (not annotated for that head: the head does not train on the row). ``part`` is
``train`` (about 80 %) or ``held`` (about 20 %), fixed by a SHA-256 hash of the sentence with every group
name replaced by one placeholder, so the fillings of one template ("Muslims should be shot", "Jews should
be shot") always fall on the same side: the held part measures wording the model has not seen, not the
same template with another group. The held part is used only to choose settings and to report.

Sources and how their kinds map to heads (``HEADS`` of ``tools/train_detect.py``):

==========================  =====================================================================
source                      mapping
==========================  =====================================================================
``group_threats``           threat, call for violence, wish of death, rape threat -> threat_violence 1
``group_threats_indep``     (other heads not annotated); contrasts (negated, protective, counter-speech,
                            quoted or reported, idioms, violence against things, news, ordinary senses)
                            -> 0 for every head but insult_harassment (``CONTRAST_HEADS``)
``group_derogation``        derogation of a protected group -> identity_hate 1 (women: misogynistic_abuse
``group_derogation_fresh``  1 instead, identity_hate not annotated), threat_violence 0; of an unprotected
                            group (lawyers, Tories) -> insult_harassment 1, identity_hate 0,
                            misogynistic_abuse 0, threat_violence 0; contrasts -> 0 (as above)
``contrasts``               positive controls as derogation (above; its ``pos_threat`` form also
                            threat_violence 1); negated and counter-speech forms -> 0 (as above)
``obfuscation``             its own plain abuse (``OWN_ABUSE``: women / gendered slur -> misogynistic_abuse,
                            other groups -> identity_hate, else insult_harassment) and ordinary sentences
                            (``OWN_NEUTRAL`` -> 0 as above); not the obfuscated variants
``own``                     ``tools/written_own.py``: our new sentences, each list with its heads
``real_threats``            hand labels of real training-split posts, **dev half only**, and only from
                            EDOS, HateXplain and Davidson (OLID, CMSB and cyberbullying-tweets are not
                            licensed for training here): any threat label -> threat_violence 1, none -> 0
``real_insults``            the same for insults (dev half, HateXplain and Davidson only): abusive ->
                            insult_harassment 1; not abusive -> insult_harassment 0, identity_hate 0
==========================  =====================================================================

The real-post labels *override* the public label of the same training post for the heads they annotate
(the post is already a public training row); they are never added twice.

Rows are deduplicated on lower-cased, whitespace-collapsed text across all written sources (the first
source in ``SOURCES`` order keeps it). Per-source weights live in ``tools/train_detect.py`` (``--written``).
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tools" / "dev_detect"
for p in (str(ROOT / "tools"), str(DEV)):
    if p not in sys.path:
        sys.path.insert(0, p)

ALL = ("threat_violence", "misogynistic_abuse", "identity_hate", "insult_harassment", "sexual_harassment")
HELD_SHARE = 0.2
# source order = dedupe priority (our new sentences first, then the free-form sets, then the templates)
SOURCES = (
    "own",
    "group_derogation_fresh",
    "obfuscation",
    "contrasts",
    "group_threats_indep",
    "group_threats",
    "group_derogation",
    "real_threats",
    "real_insults",
)


@dataclass(frozen=True)
class Written:
    text: str
    labels: dict[str, int]
    source: str
    part: str
    kind: str  # "pos" or "neg" (for reporting), and the frame after a colon


_WOMEN = re.compile(r"\b(women|woman|females?|girls?|wives|wife|ladies|bitch(es)?|slags?|sluts?)\b", re.I)
_TRANS_W = re.compile(r"\btrans\s*wom[ae]n\b", re.I)


def _is_women(text: str) -> bool:
    return bool(_WOMEN.search(text)) and not _TRANS_W.search(text)


# contrasts are negatives for the heads they contrast with; not for insult_harassment, whose public data
# (OLID, Davidson "offensive") counts untargeted profanity and banter as offensive: a contrast such as
# "fuck me that was a good burger" would pull that head away from its own annotation policy
CONTRAST_HEADS = ("threat_violence", "misogynistic_abuse", "identity_hate", "sexual_harassment")


def clean_labels() -> dict[str, int]:
    return {h: 0 for h in CONTRAST_HEADS}


def derogation_labels(text: str, protected: bool = True) -> dict[str, int]:
    if not protected:
        return {"insult_harassment": 1, "identity_hate": 0, "misogynistic_abuse": 0, "threat_violence": 0}
    if _is_women(text):
        return {"misogynistic_abuse": 1, "threat_violence": 0}
    return {"identity_hate": 1, "misogynistic_abuse": 0, "threat_violence": 0}


def threat_labels() -> dict[str, int]:
    return {"threat_violence": 1}


def _group_names() -> list[str]:
    """Every group name the written sets fill in, longest first (for the split key)."""
    import contrasts
    import group_derogation
    import group_threats
    import group_threats_independent as gti

    names: set[str] = set()
    names.update(group_threats.GROUPS)
    names.update(group_threats.SINGULAR.values())
    names.update(group_threats.IRREGULAR.values())
    names.update(gti.PLURALS)
    names.update(gti.BARE_SINGULARS)
    for plural, single in group_derogation.PROT + group_derogation.NONPROT:
        names.update((plural, single.split(" ", 1)[1]))
    for plural, _, bare in contrasts.GROUPS:
        names.update((plural, bare))
    names.update(("politician", "Tory", "MP", "vegan", "cyclist", "journalist", "cop", "feminist"))
    return sorted({n.lower() for n in names}, key=lambda n: (-len(n), n))


_GROUP_RE: re.Pattern[str] | None = None


def split_key(text: str) -> str:
    global _GROUP_RE
    if _GROUP_RE is None:
        _GROUP_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in _group_names()) + r")s?\b")
    key = " ".join(text.lower().split())
    return _GROUP_RE.sub("G", key)


def part_of(source: str, text: str) -> str:
    """``train`` or ``held``: a stable hash of the source and the group-masked sentence."""
    digest = hashlib.sha256(f"{source}:{split_key(text)}".encode()).digest()
    return "held" if int.from_bytes(digest[:4], "big") / 2**32 < HELD_SHARE else "train"


def _rows_of(source: str, data: Path) -> Iterator[tuple[str, dict[str, int], str]]:
    """(text, labels, kind) for one source."""
    if source == "own":
        import written_own

        for kind, texts, labels in written_own.sets():
            for t in texts:
                yield t, dict(labels), kind
    elif source in ("group_threats", "group_threats_indep"):
        if source == "group_threats":
            import group_threats as mod
        else:
            import group_threats_independent as mod
        for frame, text, kind in mod.build():
            if kind == "none":
                yield text, clean_labels(), "neg:" + frame
            else:
                yield text, threat_labels(), "pos:" + frame
    elif source == "group_derogation":
        import group_derogation

        for kind, frame, text in group_derogation.build():
            if kind == "clean":
                yield text, clean_labels(), "neg:" + frame
            else:
                yield text, derogation_labels(text, kind == "hate"), "pos:" + frame
    elif source == "group_derogation_fresh":
        import group_derogation_fresh

        for kind, text in group_derogation_fresh.CASES:
            if kind == "clean":
                yield text, clean_labels(), "neg:fresh"
            else:
                yield text, derogation_labels(text, kind == "hate"), "pos:fresh_" + kind
    elif source == "contrasts":
        import contrasts

        for form, _group, want, text in contrasts.build():
            if want == "clean":
                yield text, clean_labels(), "neg:" + form
            else:
                labels = derogation_labels(text)
                if form == "pos_threat":
                    labels["threat_violence"] = 1
                yield text, labels, "pos:" + form
    elif source == "obfuscation":
        import obfuscation

        for text in obfuscation.OWN_ABUSE:
            if _is_women(text):
                yield text, {"misogynistic_abuse": 1, "threat_violence": 0}, "pos:own_abuse"
            elif re.search(r"\b(you|u)\b", text, re.I):
                yield text, {"insult_harassment": 1, "threat_violence": 0}, "pos:own_abuse"
            else:
                yield text, derogation_labels(text), "pos:own_abuse"
        for text in obfuscation.OWN_NEUTRAL:
            yield text, clean_labels(), "neg:own_neutral"
    elif source == "real_threats":
        import real_threats

        posts = _real_posts(data)
        for r in real_threats.read_labels():
            if r["split"] != "dev" or r["source"] not in ("edos", "hatexplain", "davidson"):
                continue
            text = posts.get((r["source"], r["id"]))
            if text is None:
                continue
            pos = r["label"] != "none"
            yield text, {"threat_violence": int(pos)}, ("pos:" if pos else "neg:") + r["source"]
    elif source == "real_insults":
        with (DEV / "real_insults_labels.csv").open(encoding="utf-8") as f:
            labelled = list(csv.DictReader(f))
        posts = _real_posts(data)
        for r in labelled:
            if r["split"] != "dev" or r["source"] not in ("hatexplain", "davidson"):
                continue
            text = posts.get((r["source"], r["id"]))
            if text is None:
                continue
            if r["label"] == "not_abusive":
                yield text, {"insult_harassment": 0, "identity_hate": 0}, "neg:" + r["source"]
            else:
                yield text, {"insult_harassment": 1}, "pos:" + r["source"]
    else:
        raise ValueError(source)


_POSTS: dict[tuple[str, str], str] | None = None


def _real_posts(data: Path) -> dict[tuple[str, str], str]:
    """Training posts of the permitted sets by (source, id), read once (``real_threats.load``)."""
    global _POSTS
    if _POSTS is None:
        import real_threats

        _POSTS = real_threats.load(data)
    return _POSTS


def _dedupe_key(text: str) -> str:
    return " ".join(text.lower().split())


def written_rows(data: Path, sources: tuple[str, ...] = SOURCES) -> list[Written]:
    """Every written row, deduplicated across sources, with its part (train or held)."""
    seen: set[str] = set()
    out: list[Written] = []
    for source in sources:
        for text, labels, kind in _rows_of(source, data):
            key = _dedupe_key(text)
            if key in seen:
                continue
            seen.add(key)
            out.append(Written(text, labels, source, part_of(source, text), kind))
    return out


def override_sources() -> tuple[str, ...]:
    """Sources whose rows are public training posts: their labels override the public row's labels."""
    return ("real_threats", "real_insults")


def summary(rows: list[Written]) -> str:
    from collections import Counter

    c = Counter((r.source, r.part, r.kind.split(":")[0]) for r in rows)
    lines = ["source | train pos | train neg | held pos | held neg"]
    for s in SOURCES:
        counts = [c[s, part, kind] for part in ("train", "held") for kind in ("pos", "neg")]
        lines.append(f"{s} | " + " | ".join(map(str, counts)))
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(written_rows(ROOT.parent / "shared" / "data")))
