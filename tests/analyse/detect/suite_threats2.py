"""Suite cases for threats against protected groups, second round, with contrasts.

Taken from ``tools/dev_detect/group_threats_independent.py``, a development set written by a second
engineer from general knowledge of English before reading the ``group.*`` rules: first-person intent
(slang spellings, vocatives, the group inside the verb phrase: "put every ... six feet under", "break
every ...'s neck", "set ... on fire"), calls for violence ("should have been gassed", "have no right to
live", "need culling", killing called acceptable or the answer), and contrasts of the same shapes
(negated, protective, condemned or reported, idioms, things). ``detect_suite.py`` adds these cases.
"""

from __future__ import annotations

HIM = "other"

THREAT_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    (
        HIM,
        "I'm gonna kill every Muslim I see",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'd happily murder every last one of these refugees",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "We will eradicate Jews from this country",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "One day I will kill a trans person",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Mark my words, I'm going to slaughter the gays",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'll string up any immigrant I find",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "If another black person moves in next door I will murder them",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Imma kill all the lesbians", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (HIM, "ill kill every refugee i see", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "I will kill each and every one of you Muslims",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'm going to cut the throats of all you immigrants",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'll be killing disabled people soon",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'm going to murder a lesbian tonight",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Let's go murder some Muslims", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "I'm gonna put every Muslim six feet under",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'd love to put trans women in a gas chamber",
        frozenset(["misogynistic_abuse", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'm going to break every Jew's neck",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I'll rip the heads off gay people",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "The next refugee I see is going to die",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "I will set black people on fire", frozenset(["identity_hate", "threat_violence"])),
    (
        HIM,
        "I'm going to take a knife to the Jews at the mosque",
        frozenset(["identity_hate", "threat_violence"]),
    ),
    (
        HIM,
        "I'll give every trans person I see a good kicking",
        frozenset(["identity_hate", "threat_violence"]),
    ),
    (HIM, "I'll make women suffer", frozenset(["misogynistic_abuse", "threat_violence"])),
    (
        HIM,
        "I'm going to take care of migrants for good",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I will gut immigrants like fish",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "I'm going to beat up a disabled person", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "I'll bash the next gay man I see", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "I'm going to smash your faces in, you Muslims", frozenset(["identity_hate", "threat_violence"])),
    (
        HIM,
        "Gay people should all be killed",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "All black people should die", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Muslims need to be exterminated",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Trans people ought to be shot", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (HIM, "Immigrants deserve to die", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Jews should be lined up against a wall and shot",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Every refugee should be executed",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "A Muslim deserves to be shot", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Homosexuals should perish", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Black people have no right to live",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Jews should have been gassed", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Trans people need their throats slit",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Muslims should get the death penalty",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Asylum seekers should swing from trees",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Refugees should cease to exist",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Gay people are a disease that must be wiped out",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Disabled people need culling", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "The answer to trans people is a bullet",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "The best thing to do with immigrants is kill them",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "It would be good if homosexuals were all shot",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "It's okay to kill gay men", frozenset(["identity_hate", "threat_to_kill", "threat_violence"])),
    (
        HIM,
        "Killing immigrants is justified",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Violence against black people is justified", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "It's fine to hurt trans women", frozenset(["misogynistic_abuse", "threat_violence"])),
    (HIM, "Trans people deserve pain", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Gay people ought to be punished with a beating", frozenset(["identity_hate", "threat_violence"])),
    (
        HIM,
        "Black people need to be dealt with by a firing squad",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Someone should set the gays on fire", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Make refugees suffer", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Muslims should be beaten", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Women deserve to be beaten up", frozenset(["misogynistic_abuse", "threat_violence"])),
    (
        HIM,
        "My dream is to kill gay people",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I fantasise about murdering Muslims",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Immigrants, you're all going to die",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "No trans person deserves to live",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Not a single Muslim should be left alive",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "I want every black person to die",
        frozenset(["identity_hate", "threat_to_kill", "threat_violence"]),
    ),
    (
        HIM,
        "Disabled people should go die",
        frozenset(["identity_hate", "self_harm_encouragement", "threat_to_kill", "threat_violence"]),
    ),
    (HIM, "Send the Jews to the gas chambers", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "I'm coming for every immigrant in this town", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "I will hunt you Muslims down one by one", frozenset(["identity_hate", "threat_violence"])),
    (HIM, "Muslims should not be killed", frozenset()),
    (HIM, "I'd never hurt gay people", frozenset()),
    (HIM, "Trans people don't deserve to die", frozenset()),
    (HIM, "We must not harm refugees", frozenset()),
    (HIM, "Black people should be protected", frozenset()),
    (HIM, "I will protect Muslims from anyone who wants to hurt them", frozenset()),
    (HIM, "Disabled people deserve to live in peace", frozenset()),
    (HIM, "Saying immigrants should be killed is disgusting", frozenset()),
    (HIM, "Straight white men think it's totally justified to bash a gay man to death", frozenset()),
    (HIM, "It's not okay to kill Muslims", frozenset()),
    (HIM, "Violence against women is never justified", frozenset()),
    (HIM, "It is never okay to hurt refugees", frozenset()),
    (HIM, "It's fine to kill time before the show", frozenset()),
    (HIM, "I'll set the table for the refugees", frozenset()),
    (HIM, "I'll give every Muslim I see a smile", frozenset()),
    (HIM, "Make immigrants feel welcome", frozenset()),
    (HIM, "The next lesbian I see is going to get a hug", frozenset()),
    (HIM, "The answer to trans people is love", frozenset()),
    (HIM, "The best thing to do with disabled people is listen to them", frozenset()),
    (HIM, "Let's set the barbecue alight", frozenset()),
    (HIM, "I'll take a knife to the cake", frozenset()),
    (HIM, "It would be great if refugees were all welcomed", frozenset()),
    (HIM, "Gay people have no right to be treated badly", frozenset()),
    (HIM, "I could murder a pint", frozenset()),
    (HIM, "The soldiers poured petrol on the car &amp; set it on fire", frozenset()),
    (HIM, "I'll be hanging out with the lesbians tonight", frozenset()),
    (HIM, "We will start shooting photos of the Muslims at the festival", frozenset()),
    (HIM, "Mosquitoes deserve to die", frozenset()),
    (HIM, "We must eradicate poverty", frozenset()),
    (HIM, "Black people deserve to feel safe", frozenset()),
    (HIM, "My dream is to help refugees", frozenset()),
    (HIM, "No Muslim should be left behind", frozenset()),
    (HIM, "Refugees, you're all going to love it here", frozenset()),
    (HIM, "Nothing would make me happier than meeting gay people", frozenset()),
    (HIM, "I'm coming for that no 1 spot", frozenset()),
    (HIM, "So glad he agrees that assaulting girls is OK", frozenset()),
    (HIM, "Immigrants should be allowed to vote", frozenset()),
]
