"""Development contrasts: statements that deny or condemn hate (must stay clean) and positive controls.

Written by the Footprint team from general knowledge of English, before reading the rules' results and
not from any test set: negated hateful claims (attributes, dehumanising nouns, emotions, threats, calls
for violence, implicit claims) in many forms and registers, counter-speech that quotes, reports or
questions hate, and a positive control set of hateful and threatening statements of the same shapes
(including negated positives such as "X are never any good"). Prints the share correct per form and per
group and, for failures, the labels and rule ids that fired.

Usage: PYTHONPATH=src .venv/bin/python tools/dev_detect/contrasts.py [--show N] [--form NAME]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from footprint.analyse.detect import Detector
from footprint.analyse.detect.taxonomy import ABUSE

# plural, singular noun phrase (with article), bare singular noun
GROUPS = (
    ("women", "a woman", "woman"),
    ("trans people", "a trans person", "trans person"),
    ("gay people", "a gay person", "gay person"),
    ("Black people", "a Black person", "Black person"),
    ("disabled people", "a disabled person", "disabled person"),
    ("Muslims", "a Muslim", "Muslim"),
    ("Jews", "a Jew", "Jew"),
    ("immigrants", "an immigrant", "immigrant"),
    ("refugees", "a refugee", "refugee"),
    ("lesbians", "a lesbian", "lesbian"),
    ("gay men", "a gay man", "gay man"),
    ("Pakistanis", "a Pakistani", "Pakistani"),
)

# form -> templates; {G} plural, {a} singular with article, {s} bare singular
NEGATED = {
    "are_not": [
        "{G} are not vermin.",
        "{G} are not inferior to anyone.",
        "{G} are not a burden on society.",
        "{G} are not a threat to this country.",
        "{G} are not disgusting.",
        "{G} are not less intelligent than anyone else.",
        "{G} are not criminals.",
        "{G} are not parasites.",
        "{G} are not subhuman.",
        "{G} are not a plague on society.",
    ],
    "arent": [
        "{G} aren't vermin.",
        "{G} aren't stupid, stop pretending they are.",
        "{G} aren't a disease.",
        "{G} aren't dangerous.",
        "{G} aren't the problem here.",
        "{G} aren't scum, they're people like you and me.",
        "{G} aren't worthless.",
        "{G} aren't animals.",
    ],
    "are_never": [
        "{G} are never the enemy.",
        "{G} are never to blame for being who they are.",
        "{G} have never been a danger to anyone.",
    ],
    "no_x": [
        "No {s} is a criminal just for being a {s}.",
        "No {s} deserves to be attacked.",
        "No {s} should ever be hurt for who they are.",
        "No {s} deserves to die.",
    ],
    "dont_think": [
        "I don't think {G} are inferior.",
        "I do not think {G} are disgusting.",
        "I don't believe {G} are a threat.",
        "i dont think {G} are stupid at all",
        "I've never thought {G} were less than human.",
    ],
    "not_true": [
        "It's not true that {G} are criminals.",
        "It is not true that {G} are lazy.",
        "It isn't true that {G} are dangerous.",
        "It's a lie that {G} are a burden.",
        "It's simply false that {G} are less intelligent.",
    ],
    "no_more": [
        "{G} are no more violent than anyone else.",
        "{G} are no more dangerous than the rest of us.",
        "{G} are no less intelligent than anyone else.",
    ],
    "dont_hate": [
        "I don't hate {G}.",
        "I do not hate {G} at all.",
        "I have never hated {G}.",
        "I don't despise {G}, why would I?",
        "i dont hate {G} lol",
        "{G} don't disgust me.",
        "I'm not scared of {G}.",
    ],
    "would_never_hurt": [
        "I would never hurt {G}.",
        "I would never kill {a}.",
        "I'd never attack {a}.",
        "I will never harm {G}.",
        "We would never hurt {G}.",
        "I'm not going to hurt any {G}.",
    ],
    "should_not_be": [
        "{G} should not be harmed.",
        "{G} should not be killed.",
        "{G} shouldn't be deported.",
        "{G} should never be attacked.",
        "{G} should not be shot.",
        "{G} shouldn't be treated like animals.",
        "{G} must not be harmed.",
    ],
    "nobody_should": [
        "Nobody should hurt {G}.",
        "Nobody should kill {G}.",
        "No one should attack {G}.",
        "Nobody should ever harm {a}.",
        "No one deserves to be killed for being {a}.",
    ],
    "dont_deserve": [
        "{G} don't deserve to die.",
        "{G} do not deserve to be hurt.",
        "{G} don't deserve any of this hate.",
        "{G} don't deserve to be treated like dirt.",
    ],
    "do_belong": [
        "{G} do belong here.",
        "{G} belong here as much as anyone.",
        "{G} are welcome here.",
        "{G} don't need to go back anywhere.",
        "{G} shouldn't have to leave this country.",
    ],
    "say_never": [
        "I would never say {G} are vermin.",
        "I'd never call {G} scum.",
        "I will never say that {G} should die.",
        "I won't ever call {G} animals.",
    ],
    "two_sentence": [
        "Some say {G} are vermin. They are not.",
        "{G} are not vermin. They are human beings.",
        "People claim {G} are dangerous. That is a lie.",
        "{G} are not a disease. Stop spreading hate.",
    ],
    "dont_want_harm": [
        "I don't want {G} to die.",
        "I don't want to hurt {G}.",
        "I don't wish any harm on {G}.",
        "I'm not going to kill {G}.",
        "Nobody is going to hurt {G}.",
        "I won't ever shoot {a}.",
    ],
    "neg_emotion": [
        "{G} don't make me sick.",
        "I don't find {G} disgusting.",
        "I am not disgusted by {G}.",
        "I'm not sick of {G}.",
        "{G} don't make me want to vomit.",
        "{G} don't get on my nerves.",
        "I have no hatred for {G}.",
    ],
    "neg_implicit": [
        "{G} do not belong in cages.",
        "{G} don't ruin everything.",
        "The world would not be better off without {G}.",
        "{G} are not to blame for everything.",
        "{G} will never be a threat to us.",
        "{G} have as much value as anyone.",
        "{G} are not worth less than anyone else.",
        "I'd never refuse to hire {a}.",
        "Don't keep {G} away from our children, that's bigotry.",
    ],
    "neg_threat": [
        "I would never want to see {G} suffer.",
        "I'm not saying {G} should be shot.",
        "No {s} should be made to suffer.",
        "I don't wish {G} were dead.",
        "Killing {G} would never be a good thing.",
        "{G} shouldn't be left to die.",
        "{G} should never be executed.",
        "Nobody wants {G} dead.",
        "I don't believe {G} should be exterminated.",
        "It's never okay to kill {G}.",
        "We must never harm {G}.",
        "I don't want to see {G} burn.",
        "{G} don't deserve death.",
        "{G} should not be put to death.",
        "I will not let anyone hurt {G}.",
    ],
    "neg_threat_v5": [
        "I'd never want to watch {G} burn.",
        "None of the {G} here should be harmed.",
        "No one is going to put {G} to death.",
        "We will not let {G} suffer.",
        "It's not our duty to kill {G}, it's our duty to protect them.",
        "I hope nobody ever hurts {G}.",
        "I hope {G} are never attacked.",
        "If I had my way, {G} would be protected, not shot.",
        "{G} should never be euthanised.",
        "I'm not planning to hurt {G}, calm down.",
        "{G} won't be stabbed on my watch.",
        "Nobody here wants to see {G} suffer.",
    ],
    "neg_pronoun": [
        "I met some {G} yesterday. They are not vermin.",
        "I met some {G} yesterday. They aren't disgusting at all.",
        "{G}? They're not a threat.",
        "I work with {G}. They are never lazy.",
        "My neighbours are {G}. They don't make me sick, they make me dinner.",
    ],
    "neg_misc": [
        "{G} are not vermin and never will be.",
        "{G} are people, not vermin.",
        "{G} are human beings, not animals.",
        "Being {a} doesn't make you a criminal.",
        "There's nothing wrong with being {a}.",
        "{G} have every right to be here.",
        "I refuse to believe {G} are dangerous.",
        "I don't agree that {G} should be deported.",
        "Never let anyone tell you {G} are worthless.",
        "Don't ever say {G} deserve to die.",
        "No, {G} are not all terrorists.",
        "I'd never tell {a} to go back where they came from.",
    ],
    "casual": [
        "nah {G} aren't disgusting wtf",
        "{G} r not vermin ffs",
        "tbh {G} arent the problem, never were",
        "who cares, {G} aren't hurting anyone",
        "lol no, {G} aren't a threat",
    ],
}

COUNTER = {
    "quote_condemn": [
        "'{G} are vermin' - how can anyone say that?",
        '"{G} should die" is a disgusting thing to write.',
        "Saying 'I hate {G}' is disgusting.",
        '"{G} are scum"? That\'s pure hate and you should be ashamed.',
        "Anyone who says '{G} are animals' is a bigot.",
        "'Kill all {G}' is not free speech, it's a crime.",
    ],
    "if_you_think": [
        "If you think {G} are inferior, you're the problem.",
        "If you think {G} are vermin, you need help.",
        "If you believe {G} should die, you are a monster.",
    ],
    "stop_saying": [
        "Stop saying {G} should die.",
        "Stop calling {G} vermin.",
        "Stop saying {G} are a disease.",
        "People need to stop saying {G} are criminals.",
    ],
    "should_be_removed": [
        "Posts calling {G} vermin should be removed.",
        "Tweets saying {G} should be shot should be reported.",
        "Comments saying {G} are scum should be deleted.",
    ],
    "reporting": [
        "He wrote that {G} should be shot and I reported him.",
        "Someone posted that {G} are vermin, so I reported it.",
        "My uncle said {G} are disgusting and I told him he was wrong.",
        "This account keeps saying {G} should be killed. Report it.",
    ],
    "questioning": [
        "Who says {G} are inferior?",
        "Why do people think {G} are dangerous?",
        "Who decided {G} are a burden?",
        "Where did this idea that {G} are criminals come from?",
    ],
    "absurd": [
        "The idea that {G} are inferior is absurd.",
        "Saying {G} are a burden is ridiculous.",
        "Claims that {G} are dangerous are nonsense.",
        "It is never okay to threaten {G}.",
        "Violence against {G} is never acceptable.",
    ],
    "quote_more": [
        '"{G} are a disease" - what a horrible thing to say.',
        "I can't believe someone wrote '{G} should be gassed'.",
        "Statements like '{G} are filth' are so hurtful.",
        "You said '{G} are rats'. That is vile and I've reported you.",
    ],
    "quote_v5": [
        "'{G} should be euthanised' is a disgusting thing to say.",
        "He said {G} should be put to death and I reported him to the police.",
        "Someone sprayed '{G} out' on the wall and I'm furious.",
        '"I hate {G}" - imagine being proud of writing that.',
        "Why would anyone say {G} are a plague?",
        "Reported a guy who called {G} cockroaches.",
    ],
    "counter_misc": [
        "I'm sick of people saying {G} are lazy.",
        "I'm tired of hearing that {G} are criminals.",
        "Enough with the '{G} are vermin' nonsense.",
        "What kind of person says {G} should die?",
        "It's wrong to think {G} are less intelligent.",
        "{G} being 'vermin' is a lie spread by bigots.",
        "I'm sick of hearing {G} called scum.",
        "Calling {G} a plague is exactly how genocide starts.",
    ],
    "rhetorical": [
        "Why would I hate {G}?",
        "How could anyone hate {G}?",
        "Why would anyone want to hurt {G}?",
    ],
    "condemn_hatred": [
        "Hating {G} is wrong.",
        "Hatred of {G} has no place here.",
        "The way people talk about {G} is disgusting.",
        "Threatening {G} is a crime.",
        "Calling {G} vermin is dehumanising and wrong.",
    ],
}

POSITIVE = {
    "pos_attribute": [
        "{G} are vermin.",
        "{G} are disgusting.",
        "{G} are a plague on society.",
        "{G} are inferior.",
        "{G} are nothing but parasites.",
    ],
    "pos_negated_positive": [
        "{G} are never any good.",
        "No {s} is trustworthy.",
        "{G} can never be trusted.",
        "{G} are not human.",
        "{G} don't belong here.",
        "{G} are not welcome here.",
        "I've never met a {s} who wasn't a liar.",
    ],
    "pos_hate": ["I hate {G}.", "I despise {G}.", "{G} disgust me."],
    "pos_threat": [
        "I'll kill all {G}.",
        "{G} should be shot.",
        "{G} deserve to die.",
        "I'm going to hurt every {s} I see.",
        "Somebody should kill all {G}.",
    ],
    "pos_hate_not_denial": [
        "{G} are vermin, not people.",
        "I don't just dislike {G}, I hate them.",
        "{G} aren't people, they're animals.",
        "It's not racist to say {G} are vermin.",
        "Don't let {G} near your kids, they are disgusting.",
    ],
}
# written after the fixes and never tuned on: an estimate of how the fixes generalise (--fresh)
FRESH = {
    "fresh_negated": [
        "{G} are not dirty.",
        "i honestly dont think {G} are a danger to anyone",
        "{G} aren't ruining this country.",
        "{G} have never been a drain on the NHS.",
        "I'm not disgusted by {G}, I'm disgusted by racists.",
        "Not a single {s} I know is lazy.",
        "{G} do not deserve to be beaten.",
        "We should never hang {G}.",
        "I'd never wish death on {G}.",
        "{G} aren't cockroaches, they're our neighbours.",
        "No {s} should be afraid to walk home.",
        "It's false that {G} are more violent.",
    ],
    "fresh_counter": [
        "People who say {G} are filth should be ashamed.",
        "'{G} are a virus' - this is what passes for debate now?",
        "My dad keeps saying {G} should be locked up. I hate it.",
        "Who taught you that {G} are animals?",
        "The claim that {G} are subhuman is Nazi propaganda.",
        "I blocked him for saying {G} deserve to be shot.",
    ],
    "fresh_control": [
        "{G} are filth.",
        "{G} should be locked up.",
        "{G} are never honest.",
        "I'm sick of {G}.",
        "{G} deserve to be beaten.",
        "Hang all {G}.",
    ],
}


FORMS = {**{k: ("clean", v) for k, v in NEGATED.items()}, **{k: ("clean", v) for k, v in COUNTER.items()}}
FORMS.update({k: ("hate", v) for k, v in POSITIVE.items()})


def build() -> list[tuple[str, str, str, str]]:
    """(form, group, want, text) for every template and group."""
    out = []
    for form, (want, templates) in FORMS.items():
        for t in templates:
            for g, a, s in GROUPS:
                text = t.format(G=g, a=a, s=s)
                text = text[0].upper() + text[1:] if t.startswith("{") else text
                out.append((form, g, want, text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="failures to print per form")
    ap.add_argument("--form", default=None)
    ap.add_argument("--fresh", action="store_true", help="only the fresh sentences written after the fixes")
    args = ap.parse_args()
    det = Detector()
    if args.fresh:
        FORMS.clear()
        FORMS.update({k: ("hate" if k == "fresh_control" else "clean", v) for k, v in FRESH.items()})
    cases = [c for c in build() if args.form is None or c[0] == args.form]
    res = det.classify_many([c[3] for c in cases])
    by_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_group: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    fails: dict[str, list[str]] = defaultdict(list)
    rules: Counter[str] = Counter()
    for (form, g, want, text), r in zip(cases, res, strict=True):
        labels = set(r.labels) & set(ABUSE)
        ok = not labels if want == "clean" else bool(labels)
        kind = "contrast" if want == "clean" else "control"
        for d in (by_form[form], by_group[(kind, g)]):
            d[0] += ok
            d[1] += 1
        if not ok:
            ids = sorted(
                {i for d in r.detections for i in d.rule_ids}
                | {f"model:{d.category}" for d in r.detections if d.model_id}
            )
            rules.update(ids if want == "clean" else ["(missed)"])
            fails[form].append(f"{text}  -> {sorted(labels)} {ids}")
    tot = {"clean": [0, 0], "hate": [0, 0]}
    for form, (c, n) in by_form.items():
        want = FORMS[form][0]
        tot[want][0] += c
        tot[want][1] += n
        print(f"{form:24s} {'contrast' if want == 'clean' else 'control':8s} {c / n:6.1%}  ({c}/{n})")
        for line in fails[form][: args.show]:
            print("    ", line)
    for want, (c, n) in tot.items():
        name = "contrasts (clean)" if want == "clean" else "controls (flagged)"
        print(f"ALL {name}: {c / max(n, 1):.1%} ({c}/{n})")
    print("per group:", ", ".join(f"{k[0][:5]}:{k[1]} {c / n:.0%}" for k, (c, n) in sorted(by_group.items())))
    print("rules firing on contrast failures:", rules.most_common(25))


if __name__ == "__main__":
    main()
