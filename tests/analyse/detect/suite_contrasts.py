"""Suite cases for statements that deny or condemn hate, with positive controls of the same shapes.

Written by us from general knowledge of English (a subset of ``tools/dev_detect/contrasts.py``, not
from any test set): negated hateful claims (attributes, nouns, emotions, threats, calls for violence,
implicit claims), counter-speech that quotes, reports or questions hate, and hateful or threatening
statements of the same shapes that must stay flagged ("X are never any good", "X are vermin, not
people", "it's not racist to say ..."). ``detect_suite.py`` adds these cases to the suite.
"""

from __future__ import annotations

HIM = "other"

CONTRAST_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    (HIM, "Gay men are not less intelligent than anyone else.", frozenset()),  # are_not
    (HIM, "Women are not a burden on society.", frozenset()),  # are_not
    (HIM, "Trans people are not criminals.", frozenset()),  # are_not
    (HIM, "Women aren't stupid, stop pretending they are.", frozenset()),  # arent
    (HIM, "Refugees aren't a disease.", frozenset()),  # arent
    (HIM, "Black people aren't the problem here.", frozenset()),  # arent
    (HIM, "Jews are never the enemy.", frozenset()),  # are_never
    (HIM, "Trans people have never been a danger to anyone.", frozenset()),  # are_never
    (HIM, "Black people are never to blame for being who they are.", frozenset()),  # are_never
    (HIM, "No woman is a criminal just for being a woman.", frozenset()),  # no_x
    (HIM, "No lesbian should ever be hurt for who they are.", frozenset()),  # no_x
    (HIM, "No trans person deserves to be attacked.", frozenset()),  # no_x
    (HIM, "I do not think lesbians are disgusting.", frozenset()),  # dont_think
    (HIM, "I don't think Jews are inferior.", frozenset()),  # dont_think
    (HIM, "I don't believe women are a threat.", frozenset()),  # dont_think
    (HIM, "It is not true that gay people are lazy.", frozenset()),  # not_true
    (HIM, "It's not true that disabled people are criminals.", frozenset()),  # not_true
    (HIM, "It isn't true that Jews are dangerous.", frozenset()),  # not_true
    (HIM, "Refugees are no more violent than anyone else.", frozenset()),  # no_more
    (HIM, "Gay men are no less intelligent than anyone else.", frozenset()),  # no_more
    (HIM, "Gay people are no more dangerous than the rest of us.", frozenset()),  # no_more
    (HIM, "I don't hate gay men.", frozenset()),  # dont_hate
    (HIM, "I dont hate Black people lol", frozenset()),  # dont_hate
    (HIM, "Muslims don't disgust me.", frozenset()),  # dont_hate
    (HIM, "I would never hurt lesbians.", frozenset()),  # would_never_hurt
    (HIM, "We would never hurt women.", frozenset()),  # would_never_hurt
    (HIM, "I'm not going to hurt any lesbians.", frozenset()),  # would_never_hurt
    (HIM, "Jews should not be killed.", frozenset()),  # should_not_be
    (HIM, "Muslims should never be attacked.", frozenset()),  # should_not_be
    (HIM, "Immigrants should not be shot.", frozenset()),  # should_not_be
    (HIM, "No one deserves to be killed for being a disabled person.", frozenset()),  # nobody_should
    (HIM, "Nobody should ever harm a Black person.", frozenset()),  # nobody_should
    (HIM, "Nobody should kill gay people.", frozenset()),  # nobody_should
    (HIM, "Refugees do not deserve to be hurt.", frozenset()),  # dont_deserve
    (HIM, "Immigrants don't deserve to die.", frozenset()),  # dont_deserve
    (HIM, "Muslims don't deserve to be treated like dirt.", frozenset()),  # dont_deserve
    (HIM, "Trans people don't need to go back anywhere.", frozenset()),  # do_belong
    (HIM, "Trans people are welcome here.", frozenset()),  # do_belong
    (HIM, "Refugees shouldn't have to leave this country.", frozenset()),  # do_belong
    (HIM, "I won't ever call gay people animals.", frozenset()),  # say_never
    (HIM, "I would never say immigrants are vermin.", frozenset()),  # say_never
    (HIM, "I'd never call Jews scum.", frozenset()),  # say_never
    (HIM, "Some say refugees are vermin. They are not.", frozenset()),  # two_sentence
    (HIM, "People claim lesbians are dangerous. That is a lie.", frozenset()),  # two_sentence
    (HIM, "Muslims are not a disease. Stop spreading hate.", frozenset()),  # two_sentence
    (HIM, "I don't wish any harm on lesbians.", frozenset()),  # dont_want_harm
    (HIM, "I won't ever shoot an immigrant.", frozenset()),  # dont_want_harm
    (HIM, "I'm not going to kill trans people.", frozenset()),  # dont_want_harm
    (HIM, "I have no hatred for immigrants.", frozenset()),  # neg_emotion
    (HIM, "Pakistanis don't make me sick.", frozenset()),  # neg_emotion
    (HIM, "I am not disgusted by gay men.", frozenset()),  # neg_emotion
    (HIM, "Pakistanis don't ruin everything.", frozenset()),  # neg_implicit
    (HIM, "Disabled people do not belong in cages.", frozenset()),  # neg_implicit
    (HIM, "Gay men have as much value as anyone.", frozenset()),  # neg_implicit
    (HIM, "It's never okay to kill disabled people.", frozenset()),  # neg_threat
    (HIM, "We must never harm Pakistanis.", frozenset()),  # neg_threat
    (HIM, "Nobody wants Jews dead.", frozenset()),  # neg_threat
    (HIM, "Tbh Muslims arent the problem, never were", frozenset()),  # casual
    (HIM, "Nah gay people aren't disgusting wtf", frozenset()),  # casual
    (HIM, "Lesbians r not vermin ffs", frozenset()),  # casual
    (HIM, "'Black people are vermin' - how can anyone say that?", frozenset()),  # quote_condemn
    (
        HIM,
        '"disabled people are scum"? That\'s pure hate and you should be ashamed.',
        frozenset(),
    ),  # quote_condemn
    (HIM, "'Kill all gay people' is not free speech, it's a crime.", frozenset()),  # quote_condemn
    (HIM, "If you believe Jews should die, you are a monster.", frozenset()),  # if_you_think
    (HIM, "If you think immigrants are inferior, you're the problem.", frozenset()),  # if_you_think
    (HIM, "If you think trans people are vermin, you need help.", frozenset()),  # if_you_think
    (HIM, "Stop calling refugees vermin.", frozenset()),  # stop_saying
    (HIM, "People need to stop saying disabled people are criminals.", frozenset()),  # stop_saying
    (HIM, "Stop saying gay people are a disease.", frozenset()),  # stop_saying
    (HIM, "Tweets saying Muslims should be shot should be reported.", frozenset()),  # should_be_removed
    (HIM, "Comments saying gay men are scum should be deleted.", frozenset()),  # should_be_removed
    (HIM, "Posts calling Jews vermin should be removed.", frozenset()),  # should_be_removed
    (HIM, "Someone posted that gay people are vermin, so I reported it.", frozenset()),  # reporting
    (HIM, "He wrote that gay people should be shot and I reported him.", frozenset()),  # reporting
    (HIM, "My uncle said Black people are disgusting and I told him he was wrong.", frozenset()),  # reporting
    (HIM, "Why do people think lesbians are dangerous?", frozenset()),  # questioning
    (HIM, "Who says gay people are inferior?", frozenset()),  # questioning
    (HIM, "Where did this idea that disabled people are criminals come from?", frozenset()),  # questioning
    (HIM, "Claims that Jews are dangerous are nonsense.", frozenset()),  # absurd
    (HIM, "The idea that refugees are inferior is absurd.", frozenset()),  # absurd
    (HIM, "It is never okay to threaten Muslims.", frozenset()),  # absurd
    (HIM, "Statements like 'immigrants are filth' are so hurtful.", frozenset()),  # quote_more
    (HIM, '"gay men are a disease" - what a horrible thing to say.', frozenset()),  # quote_more
    (HIM, "You said 'refugees are rats'. That is vile and I've reported you.", frozenset()),  # quote_more
    (HIM, "Threatening Jews is a crime.", frozenset()),  # condemn_hatred
    (HIM, "Calling trans people vermin is dehumanising and wrong.", frozenset()),  # condemn_hatred
    (HIM, "Hatred of immigrants has no place here.", frozenset()),  # condemn_hatred
    (HIM, "Black people are inferior.", frozenset({"identity_hate"})),  # pos_attribute
    (HIM, "Immigrants are vermin.", frozenset({"identity_hate"})),  # pos_attribute
    (HIM, "Gay people are nothing but parasites.", frozenset({"identity_hate"})),  # pos_attribute
    (HIM, "Trans people are a plague on society.", frozenset({"identity_hate"})),  # pos_attribute
    (HIM, "Women can never be trusted.", frozenset({"misogynistic_abuse"})),  # pos_negated_positive
    (HIM, "Lesbians don't belong here.", frozenset({"identity_hate"})),  # pos_negated_positive
    (HIM, "Gay people are never any good.", frozenset({"identity_hate"})),  # pos_negated_positive
    (HIM, "Refugees are not welcome here.", frozenset({"identity_hate"})),  # pos_negated_positive
    (HIM, "I hate trans people.", frozenset({"identity_hate"})),  # pos_hate
    (HIM, "I despise Black people.", frozenset({"identity_hate"})),  # pos_hate
    (HIM, "Lesbians disgust me.", frozenset({"identity_hate"})),  # pos_hate
    (
        HIM,
        "I'm going to hurt every Muslim I see.",
        frozenset({"identity_hate", "threat_violence"}),
    ),  # pos_threat
    (
        HIM,
        "Lesbians should be shot.",
        frozenset({"identity_hate", "threat_to_kill", "threat_violence"}),
    ),  # pos_threat
    (
        HIM,
        "Muslims deserve to die.",
        frozenset({"identity_hate", "threat_to_kill", "threat_violence"}),
    ),  # pos_threat
    (
        HIM,
        "Somebody should kill all immigrants.",
        frozenset({"identity_hate", "threat_to_kill", "threat_violence"}),
    ),  # pos_threat
    (HIM, "Immigrants are vermin, not people.", frozenset({"identity_hate"})),  # pos_hate_not_denial
    (
        HIM,
        "Don't let immigrants near your kids, they are disgusting.",
        frozenset({"identity_hate"}),
    ),  # pos_hate_not_denial
    (
        HIM,
        "I don't just dislike disabled people, I hate them.",
        frozenset({"identity_hate"}),
    ),  # pos_hate_not_denial
    (
        HIM,
        "Trans people aren't people, they're animals.",
        frozenset({"identity_hate"}),
    ),  # pos_hate_not_denial
    (HIM, "It's not racist to say Muslims are vermin.", frozenset({"identity_hate"})),  # pos_hate_not_denial
    (
        HIM,
        "It isn't sexist to say women are stupid.",
        frozenset({"misogynistic_abuse"}),
    ),  # pos_hate_not_denial
    # the general causes fixed with this set (one case each)
    (HIM, "We will not let Muslims suffer.", frozenset()),
    (HIM, "Nobody wants Jews dead.", frozenset()),
    (HIM, "Killing immigrants would never be a good thing.", frozenset()),
    (HIM, "Disabled people do not belong in cages.", frozenset()),
    (HIM, "I'm sick of hearing gay people called scum.", frozenset()),
    (HIM, "Reported a guy who called women cockroaches.", frozenset()),
    (HIM, "Some say refugees are vermin. They are not.", frozenset()),
    (HIM, "The way people talk about trans people is disgusting.", frozenset()),
    (HIM, "I'd never refuse to hire a woman.", frozenset()),
    (HIM, "Nobody should kill Pakistanis.", frozenset()),
    (HIM, "Women don't deserve to die.", frozenset()),
    (HIM, "Who decided lesbians are a burden?", frozenset()),
    (HIM, "Aren't trans people just freaks of nature?", frozenset({"identity_hate"})),
    (HIM, "the way you talk to me, I'll kill you", frozenset({"threat_to_kill", "threat_violence"})),
    (HIM, "I refuse to hire a woman.", frozenset({"misogynistic_abuse"})),
    (HIM, "Stop treating immigrants like criminals.", frozenset()),
    (HIM, "I used to think Jews were disgusting. I was wrong.", frozenset()),
    (HIM, "How could anyone hate trans people?", frozenset()),
    (HIM, "Why would I hate Muslims? Because they are vermin.", frozenset({"identity_hate"})),
]
