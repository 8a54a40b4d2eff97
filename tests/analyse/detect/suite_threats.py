"""Suite cases for threats aimed at groups, at people and at groups no law protects, with contrasts.

Written by the Footprint team from general knowledge of English (the grammar of ``group.*`` in
``threats.yaml``): first-person intent with the range of killing and violent verbs, calls for violence
with a group as subject, death wishes and prayers, imperatives, "see to it that ...", killing called the
solution; and contrasts: negated, protective, counter-speech, quoted or reported, idioms, things, contests.
``detect_suite.py`` loads this module and passes its ``_add``.
"""

from __future__ import annotations

from collections.abc import Callable

HIM = "other"
KILL = "threat_to_kill threat_violence"
KILL_ID = KILL + " identity_hate"
VIOLENCE = "threat_violence"
VIOLENCE_ID = "threat_violence identity_hate"
VIOLENCE_WOMEN = "threat_violence misogynistic_abuse"
CLEAN = ""


def add(add: Callable[..., None]) -> None:
    """Add the cases through the suite's ``_add(speaker, labels, *texts)``."""
    add(
        HIM,
        KILL_ID,
        "Jews deserve a bullet in the head",  # a call to kill (was threat_violence only: kill.passive won)
        "I am going to shoot the next Muslim I see",
        "We will exterminate every last one of those immigrants",
        "I'm gonna gun down the trans people at the march",
        "I plan to poison the refugees at the hostel",
        "Mark my words, I will slaughter the gays",
        "I swear I'll put a bullet in every black person on this street",
        "One day I'll hang all the Jews",
        "I can't wait to wipe the disabled off the face of the earth",
        "I'm coming to murder you lesbians",
        "I am about to mow down a crowd of Muslims",
        "I'll see to it that immigrants are wiped out",
        "We're going to make sure every trans person dies",
        "Muslims should fucking be annihilated",
        "Trans people ought to be hanged from the nearest tree",
        "Immigrants are going to have to be exterminated",
        "Gay people need to be wiped off the face of the earth",
        "Black people must be eradicated",
        "Disabled people deserve death",
        "Refugees need shooting",
        "Muslims don't deserve to live",
        "I hope all trans people die",
        "I wish every Muslim were dead",
        "May every immigrant rot and die",
        "Praying all the gays get wiped out",
        "It is time we killed every refugee",
        "Let us exterminate the Jews",
        "Burn the Muslims",
        "Someone should put all the immigrants in a camp and gas them",
        "The only solution for black people is a bullet",
        "The world will be a better place when every Muslim is dead",
        "I'd pay to watch every trans person get shot",
        "I will personally see to it that the gays hang",
    )
    add(
        HIM,
        KILL,
        "Gay people are everywhere. I'm going to kill the whole lot of them.",
        "I'm going to shoot the vegans next door",
        "We'll hang every Tory MP",
        "Chelsea fans should be shot on sight",
        "Landlords deserve to hang",
        "Keir Starmer deserves to die",
        "Politicians should be dragged into the street and shot",
        "Your whole family deserve to die",
    )
    add(
        HIM,
        VIOLENCE_ID,
        "I will torture disabled people",
        "I'm going to break the legs of every immigrant I find",
        "I will beat those Sikhs",
        "Gays should have their legs broken",
        "Immigrants deserve a good kicking",
    )
    add(
        HIM,
        VIOLENCE_WOMEN,
        "I'll throw acid on those Muslim women",
        "Women who cheat should be beaten",
    )
    add(
        HIM,
        VIOLENCE,
        "I'm going to break every bone in that cyclist's body",
        "Journalists need their heads kicked in",
        "I hope someone beats up every banker in the City",
    )
    add(
        HIM,
        CLEAN,
        "Muslims should never be harmed",
        "No immigrant deserves to be shot",
        "I would never hurt a disabled person",
        "Gay people should be protected",
        "Refugees deserve to be safe",
        "Saying Jews should be shot is vile",
        "He told me 'all immigrants should die' and I reported him",
        "Posts saying black people should be exterminated should be removed",
        "How can anyone say gay people should die?",
        "Hoping trans people die is hateful",
        "If you think Muslims deserve death you need help",
        "Why would anyone want to hurt disabled people?",
        "We must stop people who attack lesbians",
        "1 in 3 of them believe that people who leave the faith should be murdered",
        "I could kill for a coffee",
        "That joke killed",
        "Kill the bugs before the release",
        "Death to capitalism",
        "The Muslim lads killed it at the talent show",
        "Rats should be exterminated",
        "Old ideas must die",
        "If they lose tonight they should just burn the set",
        "I'm going to beat the Tories at the ballot box",
        "Let's destroy the myth that disabled people are lazy",
        "Kat and Andre suck. Hope they get eliminated soon",
        "Hope they get kicked out of the show",
        "Israel wants to destroy two Muslim countries",
        "I'm a kick ass driver",
    )
