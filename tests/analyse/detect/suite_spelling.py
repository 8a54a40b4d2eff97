"""Suite cases for abuse written with obfuscated spellings, with contrasts that must stay unflagged.

Written by the Footprint team from general knowledge of English (not from any test set): a letter
dropped, swapped or doubled anywhere in the group word, the slur, the abusive word or the verb; words
run together; letters spaced out; leetspeak; asterisk masks; common chat spellings of abuse. Contrasts:
ordinary typos, short words, names, places and long words that must not be read as abuse.
``detect_suite.py`` loads this module by path; ``test_spelling.py`` checks every case exactly.
"""

from __future__ import annotations

HIM = "other"
HATE = "identity_hate"
MISOGYNY = "misogynistic_abuse"
INSULT = "insult_harassment"
KILL_HATE = "identity_hate threat_to_kill threat_violence"

SPELLING_CASES: list[tuple[str | None, str, frozenset[str]]] = []


def _add(labels: str, *texts: str) -> None:
    for text in texts:
        SPELLING_CASES.append((HIM, text, frozenset(labels.split()) if labels else frozenset()))


# a letter dropped (first and last letters too), swapped or doubled
_add(
    HATE,
    "I hate Mslims",
    "Trans people are disgsuting",
    "I haet gay people",
    "Immigrants are vermni",
    "I hate muslmis",
    "disabled people are useles",
    "uslims are disgusting",
    "Black people are disgustin",
    "Go back to your country you filthy pakii",
    "Gay peoplee are vermin",
)
_add(MISOGYNY, "I hate wmen", "Women are disgustng", "Women are inferor", "You are a worthles cunt")
_add(
    KILL_HATE,
    "Kill all the jeews",
    "Kill lal the Muslims",
    "Muslims shoud be shot",
    "Gay people dserve to die",
)
_add("threat_to_kill threat_violence", "I wil kill you")
_add(INSULT, "you are an idoit")
# words run together, one or several
_add(HATE, "IhateMuslims", "Gaypeople are vermin", "Black people arescum", "Alltranspeoplearevilescum")
_add(MISOGYNY, "Womenaredisgusting", "Ihatewomen")
# letters spaced out, within one word or over several
_add(HATE, "I h a t e disabled people", "I c a n ' t stand gay people", "I hate mus lims")
_add(MISOGYNY, "W o m e n are worthless")
_add(INSULT, "You are a f u c k i n g i d i o t")
# leetspeak, including 1 for l and 9 for g
_add(HATE, "Mu$l1ms are scum", "Tr4ns p30ple are disgusting", "1mm1grants are vermin", "You are a fag9ot")
_add(MISOGYNY, "I h4te w0men", "Shut up you ugly sl4g")
_add(KILL_HATE, "I will k1ll all imm1grants", "Kill al1 immigrants")
# asterisk masks and chat spellings of abuse
_add(MISOGYNY, "You stupid b*tch", "You dumb bich")
_add(HATE, "F*** all immigrants", "You are a faggit", "M*slims are scum")
# contrasts: typos, short words, names, places, long words
_add(
    "",
    "We went to the bich last summer",
    "I cant come tonight",
    "Nice shot mate",
    "The trian was late again",
    "Happy birthday Ella",
    "Thanks for the lift, see you at hom",
    "Scunthorpe United won again",
    "We met in Penistone",
    "My therapist appointment is at 4pm",
    "The grasshopper jumped",
    "#throwbackthursday with the girls",
    "Did you see the pic I sent",
    "Sorry I mised your call",
    "I had a sic day",
    "Book club at the Niger embassy",
    "She was kicked out of the club",
    "The hunts are on this weekend",
    "Omg the kiddos are hilarious",
    "Our grandad was a Desert Rat",
    "Spic and span kitchen",
    "Its so goos",
    "Thanks for the m****",
    "The meeting moved to 4pm tomorrow",
    "See you at the pub l8r",
    "Women deserve equal pay",
    "Immigrants built this country",
    "Mohammed and Priya are coming to dinner",
    "Aisha got the job",
    "Dick Turpin was a highwayman",
)
