"""Suite cases for insults and derogation as real people write them (round 6), with contrasts.

Written by us in our own words after reading the *shapes* of the development half of the hand-labelled
real posts (``tools/dev_detect/real_insults.py``; no text of any data set is copied): an insult said of
one person ("you are …", "he is …", "<name> is a …", "this guy is …"), profanity aimed at someone, an
@mention or an interjection before the words, contempt put before a political side, habits held against a
group, and the same shapes that must stay clean (friendly swearing, swearing at a thing, a person praised,
an insult denied or only supposed, criticism of an idea). ``detect_suite.py`` adds these cases to the suite.
"""

from __future__ import annotations

HIM = "other"
INSULT = frozenset({"insult_harassment"})
CLEAN: frozenset[str] = frozenset()

INSULT_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    # an insult said of one person
    (HIM, "@dave you are completely clueless about economics", INSULT),
    (HIM, "Honestly he is such a fraud, always has been", INSULT),
    (HIM, "Marcus is a crook and everyone at the club knows it", INSULT),
    (HIM, "She is by far the most pretentious person on that panel", INSULT),
    (HIM, "this guy is a total clown", INSULT),
    (HIM, "You sound so ignorant every time you post", INSULT),
    (HIM, "lol you're delusional mate", INSULT),
    (HIM, "He is not a genius, he is simply thick", INSULT),
    (HIM, "I reckon he is a hypocrite and a coward", INSULT),
    (HIM, "@jo fool!", INSULT),
    (HIM, "What a joke he is.", INSULT),
    (HIM, "Ha, what a mess you are", INSULT),
    (HIM, "this idiot is at it again", INSULT),
    (HIM, "Gareth is a horrible little man", INSULT),
    (HIM, "how vile he is, honestly", INSULT),
    # profanity aimed at someone
    (HIM, "He can go to hell for all I care", INSULT),
    (HIM, "That bloke can shove it, I'm not paying", INSULT),
    (HIM, "you can kiss my arse", INSULT),
    (HIM, "Idiot, shut up.", INSULT),
    (HIM, "shut the fuck up you moron", INSULT),
    (HIM, "Go to hell. Nobody asked you.", INSULT),
    # groups no law protects, as real posts put it
    (HIM, "@someone lunatic liberals at it again", INSULT),
    (HIM, "haha Tories really are nuts", INSULT),
    (HIM, "Antifa thugs smashing windows again", INSULT),
    (HIM, "Honestly I feel like antifa are terrorists", INSULT),
    (HIM, "Lefties with their lies again.", INSULT),
    (HIM, "you remainers always play the victim", INSULT),
    (HIM, "Landlords never apologise for anything", INSULT),
    (HIM, "the sheer stupidity of vegans", INSULT),
    (HIM, "why are all politicians above the law?", INSULT),
    (HIM, "typical libtards, crying again", INSULT),
    # contrasts: friendly or untargeted swearing, praise, denial, criticism of ideas
    (HIM, "@sam you are amazing, love this", CLEAN),
    (HIM, "He is a genius and a gentleman", CLEAN),
    (HIM, "I don't think he is an idiot at all", CLEAN),
    (HIM, "If you are a fraud investigator, call us", CLEAN),
    (HIM, "She is dead serious about the marathon", CLEAN),
    (HIM, "Brexit is a joke", CLEAN),
    (HIM, "this is a disgrace of a pitch", CLEAN),
    (HIM, "fuck yeah, we won!", CLEAN),
    (HIM, "holy shit that was close", CLEAN),
    (HIM, "shove it in the oven for twenty minutes", CLEAN),
    (HIM, "Marcus is a carpenter from Leeds", CLEAN),
    (HIM, "Gareth is a lovely old man", CLEAN),
    (HIM, "Liberals are not idiots, they just disagree", CLEAN),
    (HIM, "Tories have a plan for the economy", CLEAN),
    (HIM, "Antifa are marching on Saturday", CLEAN),
    (HIM, "Calling her a crook is out of order", CLEAN),
    (HIM, "the policy is stupid but the minister is decent", CLEAN),
]
