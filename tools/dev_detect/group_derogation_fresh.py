"""A second development set, written after the lexicon and never tuned on: free-form sentences.

Hand-written by us (no templates, other words and word orders than ``group_derogation.py``) to see
whether the group + evaluation layer generalises beyond the sentences it was developed on. Prints
accuracy per kind with the layer on and off, and the hate-score ROC-AUC.

    LC_ALL=en_US.UTF-8 PYTHONPATH=src .venv/bin/python tools/dev_detect/group_derogation_fresh.py
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from sklearn.metrics import roc_auc_score

from footprint.analyse.detect import Detector
from footprint.analyse.detect.rulebook import load_rulebook
from footprint.analyse.detect.taxonomy import ABUSE

HATE = ("identity_hate", "misogynistic_abuse")
# (kind, text): hate = hateful about a protected group, abuse = abuse of an unprotected group, clean
CASES = [
    ("hate", "Honestly the Pakistanis round here are revolting"),
    ("hate", "every single muslim I have met has been a liar"),
    ("hate", "Gay men are such repellent creatures"),
    ("hate", "Those disabled people are leeching off the rest of us"),
    ("hate", "Women have never been capable of running a country"),
    ("hate", "Trans people are mentally deranged"),
    ("hate", "Black people are genuinely inferior, sorry"),
    ("hate", "I find immigrants utterly repellent"),
    ("hate", "Refugees? Nothing but a drain on the taxpayer."),
    ("hate", "Lesbians are an affront to nature"),
    ("hate", "Jews can never be trusted with money"),
    ("hate", "Muslims are not welcome in this town and never will be"),
    ("hate", "Women just aren't clever enough for engineering"),
    ("hate", "A disabled person will never be as useful as a normal one"),
    ("hate", "Why are gay people always so disgusting?"),
    ("hate", "Why must immigrants be so filthy?"),
    ("hate", "Aren't trans people just freaks of nature?"),
    ("hate", "Is it me or are black people really thick?"),
    ("hate", "In my view women are worthless"),
    ("hate", "I genuinely believe Muslims are evil"),
    ("hate", "Personally I think disabled people are a burden"),
    ("hate", "I can't bear trans people"),
    ("hate", "I truly loathe immigrants"),
    ("hate", "Gay people make my stomach turn"),
    ("hate", "I'm so sick of Muslims"),
    ("hate", "I despise every last one of those refugees"),
    ("hate", "Met some trans people at the party. They were revolting."),
    ("hate", "A Muslim family moved in next door. They are absolute filth."),
    ("hate", "My boss hired an immigrant. He is useless, like all of them."),
    ("hate", "There's a gay couple on our street and honestly they make me sick"),
    ("hate", "Women are fucking useless"),
    ("hate", "Fuck immigrants"),
    ("hate", "Black people are shit at everything"),
    ("hate", "Gay people can fuck right off"),
    ("hate", "Disabled people are a waste of fucking space"),
    ("hate", "Women should stick to the kitchen where they belong"),
    ("hate", "Immigrants are a plague on Britain"),
    ("hate", "Muslims are a cancer on this country"),
    ("hate", "Trans people should be kept away from kids"),
    ("hate", "Disabled people should be locked away"),
    ("hate", "Black people don't belong in this country"),
    ("hate", "Gay people don't deserve equal rights"),
    ("hate", "Refugees are ruining our towns"),
    ("hate", "Women are too emotional to lead"),
    ("hate", "Immigrants are parasites sucking our country dry"),
    ("abuse", "Lawyers are disgusting human beings"),
    ("abuse", "Bankers are vile parasites"),
    ("abuse", "I despise Tories"),
    ("abuse", "Why are estate agents so slimy?"),
    ("abuse", "Arsenal fans are pathetic"),
    ("abuse", "Vegans are never any fun"),
    ("abuse", "I think journalists are scum"),
    ("abuse", "Politicians can never be trusted"),
    ("abuse", "Fuck all landlords"),
    ("abuse", "Met some Chelsea fans last night. They were vile."),
    ("abuse", "Cyclists are a menace to society"),
    ("abuse", "Traffic wardens are the lowest form of life"),
    ("clean", "Muslims are not evil"),
    ("clean", "Women are not worthless, far from it"),
    ("clean", "I don't think gay people are disgusting at all"),
    ("clean", "Immigrants are not a burden on the NHS"),
    ("clean", "Trans people are just people"),
    ("clean", "Disabled people are as capable as anyone else"),
    ("clean", "Black people deserve equal rights"),
    ("clean", "Refugees are welcome here"),
    ("clean", "I really love my Muslim neighbours"),
    ("clean", "Women are fucking awesome"),
    ("clean", "Gay people make the best friends"),
    ("clean", "Why are immigrants so often blamed for everything?"),
    ("clean", "Why do people hate trans people so much?"),
    ("clean", "It's wrong to say disabled people are a burden"),
    ("clean", "People who call immigrants vermin are the real problem"),
    ("clean", "He told me women are stupid and I walked out"),
    ("clean", "I hate the way black people are treated by the police"),
    ("clean", "I can't stand people who abuse refugees"),
    ("clean", "Saying gay men are perverts is homophobic"),
    ("clean", "Immigrants work incredibly hard"),
    ("clean", "I went to a Muslim wedding yesterday. It was beautiful."),
    ("clean", "There are many trans people in my office. They are lovely."),
    ("clean", "My sister is disabled and she is brilliant"),
    ("clean", "I hate Mondays"),
    ("clean", "I despise traffic jams"),
    ("clean", "This sandwich is disgusting"),
    ("clean", "Fucking hell, women's football is brilliant this year"),
    ("clean", "Black people have been treated like animals for centuries"),
    ("clean", "Nobody should ever say immigrants are scum"),
    ("clean", "Are disabled people allowed to park here?"),
    ("clean", "Why do so many women feel unsafe at night?"),
    ("clean", "Muslims are not allowed to drink alcohol"),
    ("clean", "Gay people were not allowed to marry until 2014"),
    ("clean", "Refugees are not safe in their home countries"),
]


def score(det: Detector) -> None:
    res = det.classify_many([t for _, t in CASES])
    acc: dict[str, list[int]] = defaultdict(list)
    ys, ss = [], []
    for (kind, text), r in zip(CASES, res, strict=True):
        labels = set(r.labels)
        ok = (
            bool(labels & set(HATE))
            if kind == "hate"
            else bool(labels & set(ABUSE)) and not labels & set(HATE)
            if kind == "abuse"
            else not labels & set(ABUSE)
        )
        acc[kind].append(int(ok))
        if kind != "abuse":
            ys.append(int(kind == "hate"))
            ss.append(max(r.scores[c] for c in HATE))
        if not ok:
            print(f"   miss [{kind}] {text} -> {sorted(labels)}")
    print("  " + "  ".join(f"{k} {sum(v) / len(v):.3f} (n={len(v)})" for k, v in acc.items()))
    print(f"  hate AUC {roc_auc_score(ys, ss):.4f}")


def main() -> None:
    rb = load_rulebook()
    print("layer off:")
    score(Detector(rulebook=dataclasses.replace(rb, evaluation_gate=frozenset())))
    print("layer on:")
    score(Detector(rulebook=rb))


if __name__ == "__main__":
    main()
