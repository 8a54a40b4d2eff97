"""Suite cases for implicit derogation of groups (round 7), with contrasts that share their words.

Written by us in our own words for the shapes the round added (``tools/dev_detect/implicit_derogation.py``
is the development set; these sentences are new): stereotypes said of a group in ordinary words, a civic
virtue or an ordinary ability denied ("never integrate", "have no manners"), demeaning comparisons, what the
group should be made to do, "why can't X just …?", "should X really be allowed …?", a relative clause
without "who" ("every X I've met …"), a pronoun phrase for a group named before ("their sort"), an offender
named by a group as if expected, "what do you expect from a …", backhanded compliments, animals preferred
to people, rhetorical questions, insinuation ("… need I say more"), decline blamed on a group, family kept
from a group, being trans or gay called an illness, a disability called an excuse — and the same words
where they must stay clean: facts, news, questions asked in good faith, praise, counter-speech, a claim
reported and rejected, possessives ("my kids"), things and animals. ``detect_suite.py`` adds these cases.
"""

from __future__ import annotations

HIM = "other"
HATE = frozenset({"identity_hate"})
WOMEN = frozenset({"misogynistic_abuse"})
INSULT = frozenset({"insult_harassment"})
CLEAN: frozenset[str] = frozenset()

IMPLICIT_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    # stereotypes and virtues denied, in ordinary words (evaluation lexicon)
    (HIM, "Somalis never integrate, they keep to themselves", HATE),
    (HIM, "Honestly Albanians have no manners whatsoever", HATE),
    (HIM, "Sikhs are always on the take if you ask me", HATE),
    (HIM, "Immigrants are here for the benefits and nothing else", HATE),
    (HIM, "Bulgarians never pay their way", HATE),
    (HIM, "Gay men are a bad influence on kids", HATE),
    (HIM, "Muslims will never truly be British", HATE),
    (HIM, "Jews control the banks, everyone knows it", HATE),
    (HIM, "Women are just too emotional to run anything", WOMEN),
    (HIM, "Women only care about money", WOMEN),
    (HIM, "Estate agents have no morals at all", INSULT),
    (HIM, "Lawyers are in it for themselves", INSULT),
    # comparisons and what the group should be made to do
    (HIM, "Refugees live like animals in those flats", HATE),
    (HIM, "Disabled people are like toddlers, honestly", HATE),
    (HIM, "Politicians have the morals of an alley cat", INSULT),
    (HIM, "Migrants should stay in their own countries", HATE),
    (HIM, "Immigrants should be grateful and keep their heads down", HATE),
    (HIM, "Women should know their place", WOMEN),
    # question and opinion frames
    (HIM, "Why can't Muslims just blend in like everyone else?", HATE),
    (HIM, "Why don't immigrants just go back home?", HATE),
    (HIM, "Should gay people really be allowed to foster?", HATE),
    (HIM, "Why do refugees never bother learning the language?", HATE),
    (HIM, "I really do hope women lose the vote", WOMEN),
    (HIM, "Every Muslim I've met has been on the take", HATE),
    (HIM, "I met some Travellers at the fair. Their sort never integrate.", HATE),
    (HIM, "Fact: Pakistanis are behind most of the crime here", HATE),
    # patterns: expected offenders, backhanded praise, animals preferred, insinuation, decline, family
    (HIM, "Surprise surprise, the burglar was a Romanian", HATE),
    (HIM, "How come every scammer turns out to be a Nigerian?", HATE),
    (HIM, "Well what do you expect from a Gypsy", HATE),
    (HIM, "She's quite articulate for a black girl", frozenset({"identity_hate", "misogynistic_abuse"})),
    (HIM, "He drives well for a woman", WOMEN),
    (HIM, "I'd rather have pigs next door than Somalis", HATE),
    (HIM, "My cat is cleaner than most Travellers", HATE),
    (HIM, "Has anyone ever met an honest Albanian?", HATE),
    (HIM, "What have refugees ever contributed to this town?", HATE),
    (HIM, "Two Muslim blokes hanging round the station. Need I say more.", HATE),
    (HIM, "The street was lovely until the Poles moved in", HATE),
    (HIM, "No son of mine is dating a Muslim", HATE),
    (HIM, "Put a woman in charge and see what happens", WOMEN),
    (HIM, "A woman's place is in the kitchen, simple", WOMEN),
    (HIM, "Being gay is a sin and a phase", HATE),
    (HIM, "Autism is just an excuse for bad behaviour", HATE),
    (HIM, "There it is, calling itself a woman again", HATE),
    # contrasts: facts, news, good-faith questions, praise, counter-speech, possessives, things
    (HIM, "Asylum seekers are not allowed to work while they wait", CLEAN),
    (HIM, "Women make up half of the workforce", CLEAN),
    (HIM, "Immigrants integrate well in most towns, the survey found", CLEAN),
    (HIM, "Why can't disabled people just get the support they need?", CLEAN),
    (HIM, "Should gay couples be allowed to marry in church?", CLEAN),
    (HIM, "Why is it always women who end up doing the caring?", CLEAN),
    (HIM, "Two Romanian men were charged with burglary, police said", CLEAN),
    (HIM, "I keep hearing that being trans is a phase. It isn't.", CLEAN),
    (HIM, "My uncle reckons lesbians are confused, but he's wrong", CLEAN),
    (HIM, "Depression is an illness, not an excuse", CLEAN),
    (HIM, "Trans women are women", CLEAN),
    (HIM, "My dog is better behaved than my kids", CLEAN),
    (HIM, "What do you expect from a Monday morning?", CLEAN),
    (HIM, "Funny how the Polish bakery is the only place open", CLEAN),
    (HIM, "The kids were like animals after the party", CLEAN),
    (HIM, "Send them all home at five, we're closing early", CLEAN),
    (HIM, "I'd never rent my flat to anyone without references", CLEAN),
    (HIM, "Muslims condemn terrorism every single time", CLEAN),
    (HIM, "Women's football has grown and it's been brilliant", CLEAN),
    (HIM, "My wife cooked tonight. Enough said!", CLEAN),
]
