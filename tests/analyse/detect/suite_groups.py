"""Suite cases for the group + evaluation layer (``analyse/detect/evaluation.py``).

Written by us from the kinds of derogation of groups (not from any test set): what is said of a group
after it, the speaker's attitude before it, good qualities denied, questions, opinions, pronouns for a
group named earlier, profanity, and groups no law protects (insult, not identity hate); with contrasts
that must stay unflagged: negated abuse, praise, counter-speech and quotation, harmless profanity,
dislike of things. ``detect_suite.py`` adds these cases to the suite.
"""

from __future__ import annotations

HIM = "other"
HATE = "identity_hate"
MISOGYNY = "misogynistic_abuse"
INSULT = "insult_harassment"

GROUP_CASES: list[tuple[str | None, str, frozenset[str]]] = []


def _add(labels: str, *texts: str) -> None:
    for text in texts:
        GROUP_CASES.append((HIM, text, frozenset(labels.split()) if labels else frozenset()))


# very negative attributes, singular or plural, "typical of ..."
_add(
    HATE,
    "Disabled people are utterly pointless.",
    "Gay men are just hideous.",
    "A Muslim is always dishonest.",
    "Typical of an immigrant to be so loathsome.",
    "Honestly the Pakistanis round here are revolting",
)
# good qualities denied, implicit derogation
_add(
    HATE,
    "Gay people lives are worth nothing.",
    "Immigrants don't belong in this country.",
    "Gay people don't deserve equal rights",
    "Why can't black people ever be honest?",
    "Immigrants are a disease to society.",
)
_add(MISOGYNY, "I would never hire a woman.")
# questions, opinions, pronouns and references for a group named before, profanity, hatred
_add(
    HATE,
    "Why do trans people even exist?",
    "To be honest I find disabled people repellent.",
    "I know a lot of Muslims, and I despise them all.",
    "A black family moved in next door. They make me sick.",
    "We had an immigrant in the shop today. So disgusting.",
    "I just met a trans woman. Her kind disgusts me.",
    "Fucking immigrants everywhere.",
    "I will never fucking trust a Muslim.",
    "There is nothing I hate more than disabled people.",
    "I have met many gay people and I hate every single one of them.",
    "Why are immigrants even allowed to vote?",
    "I wish trans people didn't exist.",
    "The world would be a better place without Muslims.",
    "Everyone knows refugees are lazy.",
    "Travellers are thieves.",
)
# the same frames aimed at groups no law protects: insult, not identity hate
_add(
    INSULT,
    "Estate agents are utterly pointless.",
    "Fucking Tories everywhere.",
    "I find journalists repellent.",
    "No lawyer is ever honest.",
    "Gamblers are disgusting.",
)
# contrasts
_add(
    "",
    "Disabled people are not pointless.",
    "Trans people are never repulsive.",
    "I don't despise Muslims.",
    "No immigrant is a burden.",
    "Gay people are fucking brilliant.",
    "Fucking brilliant day with the Muslims at work.",
    "Holy shit, trans people are amazing.",
    "Women are never boring.",
    "Saying black people are vile is wrong.",
    "Statements like immigrants are parasites are hateful.",
    "I met some trans people yesterday. They were lovely.",
    "Why are immigrants so often blamed?",
    "I find disabled people inspiring.",
    "Immigrants can be trusted.",
    "My neighbours are Muslims. They are lovely.",
    "Refugees are not safe in their home countries.",
    "Muslims can leave whenever they like.",
    "Women should go to university if they want to.",
    "No lawyer is repulsive.",
    "Trans people exist.",
    "Why are immigrants so often blamed for everything?",
    "I despise long queues.",
    "This sandwich is vile.",
)
