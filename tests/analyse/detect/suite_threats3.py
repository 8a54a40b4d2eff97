"""Suite cases for threats and calls for violence as real people write them (round 6), with contrasts.

Written in our own words after the forms found in the dev half of ``tools/dev_detect/real_threats_labels.csv``
(hand-labelled training rows of public data sets; no post is copied): calls to kill or hurt with any
person noun, insult or name as subject ("that traitor deserves the death penalty", "this slag deserves an
acid attack"), imperatives aimed at her or at an insult ("hang her from the nearest tree", "just burn the
witch"), violence someone should have done, the body as the object of a blow ("I will kick your ass"),
death named by its instruments ("swinging from a rope", "six feet under"), rape called good or urged, and
contrasts of the same shapes (things, idioms, reported claims, games, a narrative past, self-harm).
``detect_suite.py`` adds these cases.
"""

from __future__ import annotations

HIM = "other"

THREAT_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    (
        HIM,
        "That lying councillor needs to be strung up from the nearest lamppost",
        frozenset(["threat_to_kill", "threat_violence"]),
    ),
    (HIM, "She needs to hang for what she did", frozenset(["threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Any bloke who votes for them deserves to be shot",
        frozenset(["threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Those who run that mosque should be hunted down and wiped off the face of the earth",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "That traitor deserves the death penalty", frozenset(["threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Every last one of those grooming scum needs a rope around their necks",
        frozenset(["threat_to_kill", "threat_violence"]),
    ),
    (HIM, "This slag deserves an acid attack", frozenset(["threat_violence"])),
    (HIM, "That witch needs a good slap", frozenset(["threat_violence"])),
    (HIM, "Hang her from the nearest tree", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "Just burn the witch", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "Punch her in the mouth next time she opens it", frozenset(["threat_violence"])),
    (HIM, "Give her a proper beating when she gets home", frozenset(["threat_violence"])),
    (HIM, "He should have given her a right hook", frozenset(["threat_violence"])),
    (HIM, "Somebody ought to smack that cow in the face", frozenset(["threat_violence"])),
    (HIM, "I will kick your ass when I see you", frozenset(["threat_violence"])),
    (HIM, "We are going to beat the shit out of them on Friday", frozenset(["threat_violence"])),
    (HIM, "I want to see her swinging from a rope", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "I'll plant that snitch six feet under", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "Raping women is fun", frozenset(["misogynistic_abuse", "threat_sexual"])),
    (HIM, "Lock her in a cell with the rapists and leave her there", frozenset(["threat_sexual"])),
    (HIM, "I would prefer she be hanged in public", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "You will be gassed with the rest of them", frozenset(["threat_to_kill", "threat_violence"])),
    (HIM, "I'll shoot every traitor in this town", frozenset(["threat_to_kill", "threat_violence"])),
    (
        HIM,
        "I'm going to commit murder if he comes round again",
        frozenset(["threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Shove a broom handle up her arse", frozenset(["threat_violence"])),
    (HIM, "The chair should be hung on the back of the door", frozenset([])),
    (HIM, "Old ideas must die", frozenset([])),
    (HIM, "Kat and Andre should be eliminated from the show", frozenset([])),
    (HIM, "You think women should be punished for having standards?", frozenset([])),
    (HIM, "Slap her hand if she touches the oven", frozenset([])),
    (HIM, "Hang that picture above my bed", frozenset([])),
    (HIM, "The manager has a stick up his arse", frozenset([])),
    (HIM, "Tell him to shove it up his arse", frozenset([])),
    (HIM, "She shoves her politics down his throat", frozenset([])),
    (HIM, "Watching the boxers beat each other senseless was grim", frozenset([])),
    (HIM, "I kick your ass in FIFA every time", frozenset([])),
    (HIM, "Don't kill yourself over it, mate", frozenset([])),
    (HIM, "Stop telling people they deserve the death penalty", frozenset([])),
    (HIM, "They would rape and kill her, say the police", frozenset([])),
]
