"""Independent development set: threats against protected groups, written apart from the rules.

Written from general knowledge of English by a second engineer *before* reading ``threats.yaml``,
so that it tests how such threats are really phrased rather than the grammar the rules were built
from. Two positive frames, as in the issue:

* ``direct``    first-person intent to kill or harm the group (future, conditional, desire, plan)
* ``normative`` the group should / must / ought to / deserves to suffer violence, calls for it

and ``c.*`` contrasts of the same shapes (negated, protective, condemned or quoted, idioms,
violence against things) that must carry no threat label.

Run: ``python tools/dev_detect/group_threats_independent.py [--show-misses N] [--frame F]``.
Prints the share recognised per frame and lists misses with the evidence that came close.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from footprint.analyse.detect import Detector

THREATS = {"threat_to_kill", "threat_violence", "threat_sexual"}

# plural targets (bare) and singular targets (with article)
PLURALS = [
    "women",
    "trans people",
    "gay people",
    "black people",
    "disabled people",
    "Muslims",
    "Jews",
    "immigrants",
    "refugees",
    "gays",
    "lesbians",
    "trans women",
    "asylum seekers",
    "blacks",
    "gay men",
    "Pakistanis",
    "migrants",
    "transgender people",
    "homosexuals",
    "Romanians",
]
SINGULARS = [
    "a woman",
    "a trans person",
    "a gay man",
    "a black person",
    "a disabled person",
    "a Muslim",
    "a Jew",
    "an immigrant",
    "a refugee",
    "a lesbian",
    "a tranny",
    "an asylum seeker",
]
BARE_SINGULARS = [s.split(" ", 1)[1] for s in SINGULARS]

# ---- first-person intent ({G} plural, {S} singular, {B} bare singular)
DIRECT_KILL = [
    "I'm going to kill all the {G}",
    "I'm gonna kill every {B} I see",
    "I will murder {G}",
    "I'll slaughter those {G}",
    "I will exterminate these {G}",
    "I want to kill {G}",
    "I'd love to shoot some {G}",
    "I'd happily murder every last one of these {G}",
    "We'll wipe out the {G}",
    "We will eradicate {G} from this country",
    "I'll make sure every {B} dies",
    "I can't wait to kill {G}",
    "I'm ready to start killing {G}",
    "One day I will kill {S}",
    "You'll see me shooting {G} one day",
    "I'm planning to bomb a mosque full of {G}",
    "I'm about to go out and kill some {G}",
    "Mark my words, I will kill {G}",
    "Mark my words I'm going to slaughter the {G}",
    "I'm going to hang {S}",
    "I'll put a bullet in every {B} I meet",
    "I'm gonna stab the next {B} I see",
    "I will gas the {G}",
    "I'm going to burn {G} alive",
    "I'll string up any {B} I find",
    "I want to see {G} dead and I'll do it myself",
    "I'll end their lives, every one of those {G}",
    "Give me a gun and I'll shoot all the {G}",
    "If I see {S} I'll kill them",
    "If another {B} moves in next door I will murder them",
    "I'd kill {S} without a second thought",
    "I would gladly execute every {B}",
    "I'm going to drown {G} in the river",
    "We're going to lynch {G}",
    "I'm gonna go on a killing spree and take out as many {G} as I can",
    "I swear to god I will kill {G}",
    "I'll be killing {G} soon",
    "Tomorrow I'm going to kill some {G}",
    "I intend to kill every {B} in this town",
    "I will eliminate {G}",
    "I'll get rid of {G} myself, permanently",
    "I'm going to murder the {G} on my street",
    "I'll shoot any {B} I see",
    "I want to strangle {S}",
    "I'm going to run over some {G} with my car",
    "I will hunt down and kill {G}",
    "Next {B} I see is getting shot",
    "I'll take my rifle and kill the {G}",
    "We're coming for you {G}, we will kill you all",
    "I will exterminate you {G}",
    "I'm gonna slit the throat of {S}",
    "I'd love to put {G} in a gas chamber",
    "I'm going to blow up {G}",
    "We will slaughter {G} in the streets",
    "I'll behead {S}",
    "Imma kill all the {G}",
    "I wanna murder every {B} alive",
    "Gonna shoot up a school full of {G} tomorrow",
    "ill kill every {B} i see",
    "i will kill all {G}",
    "I'm going to kill you {G}",
    "I will kill each and every one of you {G}",
    "I'm going to cut the throats of all you {G}",
    "All you {G} are going to die by my hand",
    "You {G} will be dead by the end of the week, I promise",
    "I'll be waiting for {G} with a knife",
    "I'm going to take a knife to the {G} at the mosque",
    "I'd kill all {G} if I had the chance",
    "If I had a gun I would shoot every {B}",
    "I'm going to kill {G} like the vermin they are",
    "I'll kill them all, these {G}",
    "I promise I will kill as many {G} as possible",
    "Soon I will be killing {G}",
    "I have decided to kill {G}",
    "My plan is to kill every {B} in the building",
    "I'm going to make sure {G} die",
    "We'll make sure {G} are wiped out",
    "I will personally execute every {B}",
    "I'm going to kill myself some {G}",
    "I would love to see {G} dead, and I'll make it happen",
    "Your days are numbered, {G}, I'm coming for you",
    "I'm going to murder {S} tonight",
    "I'm going to shoot {S} in the head",
    "I will set {G} on fire",
    "I'll hang every {B} from the nearest tree",
]
DIRECT_HARM = [
    "I'm going to beat up {S}",
    "I'll bash the next {B} I see",
    "I will hurt {G}",
    "I want to hurt {G}",
    "I'd love to punch {S} in the face",
    "I'm gonna smash the face of every {B} I meet",
    "I'll make {G} suffer",
    "I'm going to torture {G}",
    "I can't wait to beat {G} senseless",
    "I'll break the legs of any {B} who comes near me",
    "We're going to beat the shit out of those {G}",
    "I'll maim {G}",
    "I will throw acid on {G}",
    "I'm going to kick the crap out of {S}",
    "I'll stab {S}",
    "I'm ready to hurt some {G}",
    "One day I'll torture {G}",
    "If I see {S} tonight I'm going to beat them",
    "I'm planning to attack {G} at the parade",
    "I will set fire to {G}",
    "I'll cripple {S}",
    "Mark my words, I'll hurt every {B} in this town",
    "I'm about to go and batter some {G}",
    "I'm going to hit {S} with a brick",
    "I'll give every {B} I see a good kicking",
    "Imma beat up every {B} I see",
    "I wanna hurt {G} so bad",
    "I'm going to smash your faces in, you {G}",
    "I'll hurt all of you {G}",
    "I'm going to break every bone in {S}'s body",
    "I'd love to beat {G} until they bleed",
    "I will make every {B} suffer",
    "I'm going to kick the shit out of you {G}",
]

# ---------------------------------------------------------------- normative statements and calls
NORM_KILL = [
    "{G} should be killed",
    "{G} should all be killed",
    "All {G} should die",
    "{G} need to be exterminated",
    "{G} must be wiped out",
    "{G} ought to be shot",
    "{G} deserve to die",
    "{G} all need to die",
    "{G} should be put down",
    "{G} should be put down like dogs",
    "{G} should be lined up against a wall and shot",
    "{G} belong in a gas chamber",
    "{G} belong in the ground",
    "Someone needs to kill the {G}",
    "Someone should shoot all the {G}",
    "It's time we killed all the {G}",
    "It's time to exterminate {G}",
    "We need to wipe out {G}",
    "We need to kill every {B} in this country",
    "Let's kill all the {G}",
    "Let's go murder some {G}",
    "All {G} must die",
    "The world needs fewer {G}",
    "The world would be better with no {G} alive",
    "{G} should not be allowed to live",
    "{G} have no right to live",
    "{G} don't deserve to live",
    "{G} should be eradicated from the face of the earth",
    "{G} should be eradicated from Europe",
    "Kill every {B}",
    "Kill all {G}",
    "Exterminate the {G}",
    "Hang the {G}",
    "Gas the {G}",
    "Every {B} should be executed",
    "Every single {B} deserves a bullet",
    "{S} should be hanged",
    "{S} deserves to be shot",
    "Any {B} who comes here should be shot on sight",
    "{G} should be burned alive",
    "{G} should be gassed",
    "{G} should be lynched",
    "{G} should be drowned at sea",
    "{G} ought to be executed",
    "{G} must be eliminated",
    "{G} need to be put down",
    "These {G} need to die",
    "Those {G} should be slaughtered",
    "The only good {B} is a dead {B}",
    "{G} should be strung up",
    "{G} deserve a bullet in the head",
    "{G} should be shot on sight",
    "Somebody put a bullet in these {G}",
    "Round up the {G} and shoot them",
    "I hope someone kills all the {G}",
    "Death to {G}",
    "Death to all {G}",
    "{G} should be exterminated like rats",
    "We should kill all {G}",
    "We must exterminate the {G}",
    "We ought to get rid of {G} for good",
    "{G} are vermin and should be exterminated",
    "{G} need to be wiped off the map",
    "It is our duty to kill {G}",
    "Time to start killing {G}",
    "{G} deserve to be slaughtered",
    "{G} should be murdered",
    "{G} must be destroyed",
    "{G} should have been gassed",
    "{G} should be sent to the gas chambers",
    "The solution is to kill all {G}",
    "Every {B} must be hanged",
    "{G} should be hunted down and killed",
    "The government should execute {G}",
    "Police should shoot {G}",
    "{G} should just die",
    "{G} should die in a fire",
    "{G} are better off dead",
    "{G} should get shot",
    "{G} should be hung",
    "{G} should be hung from trees",
    "{G} should be thrown off buildings",
    "{G} deserve the death penalty",
    "{G} need their throats slit",
    "Someone should set the {G} on fire",
    "Somebody needs to put these {G} down",
    "{G} will be killed, all of them",
    "All you {G} should be shot",
    "You {G} all deserve to die",
    "You {G} need to be exterminated",
    "{G} like you should be killed",
    "People like you {G} should be hanged",
    "Kill them all, every {B}",
    "Shoot the {G}",
    "Burn the {G}",
    "The {G} must all be killed",
    "Each and every {B} should be shot",
    "{G} deserve to be executed",
    "{G} should be killed off",
    "{G} need to be killed off",
    "{G} should be wiped from the earth",
    "{G} should be exterminated, every last one of them",
    "The best thing to do with {G} is kill them",
    "The answer to {G} is a bullet",
    "{G} deserve nothing but death",
    "{G} need to be dealt with by a firing squad",
    "{G} should all be rounded up and shot",
    "We should round up all the {G} and hang them",
    "{G} should be hanged, all of them",
    "Every {B} deserves to die",
    "It would be great if someone killed all the {G}",
]
NORM_HARM = [
    "{G} should be beaten",
    "{G} deserve to be beaten up",
    "{G} need to be tortured",
    "{G} should suffer",
    "{G} deserve to suffer",
    "{G} must suffer",
    "{G} ought to be punished with a beating",
    "Someone needs to beat up those {G}",
    "Someone should teach these {G} a lesson with a bat",
    "{S} deserves a good beating",
    "{S} should be beaten to a pulp",
    "We need to hurt {G}",
    "Let's beat up some {G}",
    "Let's go bash the {G}",
    "It's time we started hurting {G}",
    "{G} should be whipped",
    "{G} should be stoned",
    "{G} deserve to be raped",
    "{G} need a good kicking",
    "Every {B} should be tortured",
    "{G} should have acid thrown in their faces",
    "{G} should be maimed",
    "{G} should be attacked in the street",
    "Beat up every {B} you see",
    "Torture the {G}",
    "Punch every {B} in the face",
    "Make {G} suffer",
    "{G} should be made to suffer",
    "{G} ought to be flogged",
    "These {G} deserve to be hurt",
    "{G} should get their heads kicked in",
    "{G} should be beaten until they learn",
    "{G} need to be beaten into line",
    "You {G} deserve a beating",
    "{G} should be punished with violence",
    "{G} should be tortured to death",
]

# third batch: more phrasings, written before any rule change ({S} here is a bare singular)
DIRECT3 = [
    ("I want to kill all {G}", "K"),
    ("I'm going to shoot the next {B} I see", "K"),
    ("I will cut their throats, all these {G}", "K"),
    ("You {G} will die soon", "K"),
    ("I'll make you {G} pay", "K"),
    ("I will hurt any {B} who crosses my path", "H"),
    ("I'm going to break every {B}'s neck", "K"),
    ("I am going to slaughter these {G}", "K"),
    ("I will stab every {B} I meet", "H"),
    ("I'd love to torture a {B}", "H"),
    ("The next {B} I see is going to die", "K"),
    ("If I see a {B} I'll kill them", "K"),
    ("I'm going to hunt down {G}", "K"),
    ("I'll rip the heads off {G}", "K"),
    ("I'll personally make sure {G} are slaughtered", "K"),
    ("I will kill a {B} today", "K"),
    ("I'm going to murder some {G} tonight", "K"),
    ("I am going to kill every {B} in this city", "K"),
    ("I will shoot any {B} that comes near me", "K"),
    ("I'm gonna put every {B} six feet under", "K"),
    ("I will make all {G} suffer", "H"),
    ("I am going to hurt {G}", "H"),
    ("I'm going to kill {G} one by one", "K"),
    ("Soon I will murder all {G}", "K"),
    ("I want to beat up all {G}", "H"),
    ("I'm going to beat every {B} I see", "H"),
    ("I'll torture every {B} I find", "H"),
    ("I'm going to execute {G}", "K"),
    ("I will drown every {B}", "K"),
    ("I will hang every {B}", "K"),
    ("I will burn every {B}", "K"),
    ("I want to see {G} burn", "K"),
    ("I'm going to take care of {G} for good", "K"),
    ("I'm going to wipe {G} off the planet", "K"),
    ("I'm going to kill the {B} next door", "K"),
    ("I'm going to blow up the {G}", "K"),
    ("I'm going to knife a {B}", "K"),
    ("I want to punch every {B} in the face", "H"),
    ("I'm going to slap every {B} I see", "H"),
    ("I'm going to kill {G} with my bare hands", "K"),
    ("I'll be slaughtering {G} by the dozen", "K"),
    ("I'm going to kick {G} to death", "K"),
    ("I'm going to beat {G} to death", "K"),
    ("I'll shoot {G} dead", "K"),
    ("I will rape every {B}", "H"),
    ("I'm going to assault a {B}", "H"),
    ("I'm going to strangle every {B} I see", "K"),
    ("I will gut {G} like fish", "K"),
    ("All {G} are going to die when I get my gun", "K"),
    ("Every {B} I meet is going to get stabbed", "H"),
    ("{G}, I'm coming to kill you", "K"),
    ("I will end all {G}", "K"),
    ("I'm going to finish off every {B}", "K"),
    ("I'll kill all of the {G}", "K"),
    ("I will murder every single one of the {G}", "K"),
]
NORM3 = [
    ("{G} should be dumped in a landfill", "K"),
    ("All {G} deserve to be hanged", "K"),
    ("{G} need to be executed", "K"),
    ("The world would be a better place if all {G} were killed", "K"),
    ("{G} should all be burned at the stake", "K"),
    ("Someone should take {G} out", "K"),
    ("It's about time someone shot {G}", "K"),
    ("{G} should be lined up and shot", "K"),
    ("{G} don't deserve to breathe", "K"),
    ("{G} should not be allowed to breathe", "K"),
    ("{G} should be thrown in a pit and buried", "K"),
    ("{G} deserve to be set on fire", "K"),
    ("Any {B} should be killed on sight", "K"),
    ("A {B} deserves to die", "K"),
    ("Every {B} needs to be shot", "K"),
    ("{G} must be put to death", "K"),
    ("{G} should be put to sleep", "K"),
    ("{G} belong in a grave", "K"),
    ("{G} should be six feet under", "K"),
    ("{G} should be dead", "K"),
    ("All {G} should be dead", "K"),
    ("{G} deserve to be dead", "K"),
    ("I think {G} should be killed", "K"),
    ("I believe all {G} should die", "K"),
    ("In my opinion {G} should be shot", "K"),
    ("{G} should be executed publicly", "K"),
    ("{G} should get the death penalty", "K"),
    ("{G} should be hanged in public", "K"),
    ("Kill {G}", "K"),
    ("Kill the {G}", "K"),
    ("Kill all the {G}", "K"),
    ("Shoot every {B}", "K"),
    ("{G} need to be shot", "K"),
    ("{G} need to die", "K"),
    ("{G} have to die", "K"),
    ("{G} have to be killed", "K"),
    ("{G} must die", "K"),
    ("{G} should die", "K"),
    ("{G} should perish", "K"),
    ("{G} should be slaughtered like pigs", "K"),
    ("{G} should be exterminated", "K"),
    ("{G} ought to die", "K"),
    ("{G} should be beaten to death", "K"),
    ("{G} should be stabbed", "H"),
    ("{G} should be tortured", "H"),
    ("{G} should be punched", "H"),
    ("{G} should be raped", "H"),
    ("{G} deserve to get hurt", "H"),
    ("{G} deserve pain", "H"),
    ("{G} deserve to be in pain", "H"),
    ("{G} deserve to be hit", "H"),
    ("{G} deserve to be attacked", "H"),
    ("{G} should be assaulted", "H"),
    ("{G} should be harmed", "H"),
    ("{G} should be hurt", "H"),
    ("{G} need to be hurt", "H"),
    ("{G} must be hurt", "H"),
    ("{G} need to be punished physically", "H"),
    ("{G} need to be destroyed", "K"),
    ("{G} should be wiped off the face of the earth", "K"),
    ("{G} should be removed from existence", "K"),
    ("{G} shouldn't exist", "K"),
    ("{G} should not exist", "K"),
    ("{G} should cease to exist", "K"),
    ("{G} should be erased", "K"),
    ("{G} should be purged", "K"),
    ("It would be good if {G} were all shot", "K"),
    ("We would be better off if {G} were dead", "K"),
    ("It is right to kill {G}", "K"),
    ("It's okay to kill {G}", "K"),
    ("It's fine to hurt {G}", "H"),
    ("Killing {G} is the right thing to do", "K"),
    ("Killing {G} should be legal", "K"),
    ("Hurting {G} is justified", "H"),
    ("Violence against {G} is justified", "H"),
    ("{G} should be killed at birth", "K"),
    ("{G} should be aborted", "K"),
    ("{G} should be drowned at birth", "K"),
    ("{G} should be burnt", "K"),
    ("{G} should be shot dead", "K"),
    ("{G} should be shot in the head", "K"),
    ("{G} need a bullet in the head", "K"),
    ("{G} should all hang", "K"),
    ("{G} should swing from trees", "K"),
    ("{G} should all be executed", "K"),
    ("Execute all {G}", "K"),
    ("{G} must be killed", "K"),
    ("{G} must all die", "K"),
    ("{G} all deserve death", "K"),
    ("{G} should be culled", "K"),
    ("{G} need culling", "K"),
    ("{G} should be sent to the ovens", "K"),
    ("{G} should be put in camps and gassed", "K"),
    ("{G} are a disease that must be wiped out", "K"),
]

CONTRASTS: dict[str, list[str]] = {
    "c.negated": [
        "{G} should not be killed",
        "{G} should never be hurt",
        "I'd never hurt {G}",
        "I would never kill {S}",
        "I'm not going to hurt anyone, least of all {G}",
        "Nobody should ever attack {G}",
        "{G} don't deserve to die",
        "{G} do not deserve to suffer",
        "No one deserves to be killed for being one of the {G}",
        "We must not harm {G}",
        "{G} should not be beaten",
        "I will never hurt {G}",
    ],
    "c.protective": [
        "{G} deserve to live in peace",
        "{G} should be protected",
        "I will protect {G} from anyone who wants to hurt them",
        "{G} need to be kept safe from violence",
        "We must defend {G}",
        "{G} deserve respect",
        "I'll stand up for {G}",
        "{G} have every right to live here",
        "{G} should be allowed to live their lives",
        "I want to help {G}",
        "We need to support {G}",
        "I'd love to meet more {G}",
    ],
    "c.condemned": [
        "Saying {G} should be killed is disgusting",
        "People who say they want to kill {G} should be arrested",
        "He said he would kill {G}, and he was jailed for it",
        "It is evil to call for {G} to be exterminated",
        "Threatening to shoot {G} is a crime",
        "The man who beat up {S} was sentenced today",
        "Anyone who wants to hurt {G} is a monster",
        "Report anyone who says {G} deserve to die",
        "The Nazis murdered millions of {G}",
        "Hate crimes against {G} are rising",
        "The attack on {G} last night was horrific",
        "Stop saying {G} should be shot",
    ],
    "c.idiom": [
        "I'm going to kill it at the gig with the {G} tonight",
        "{G} are killing it this season",
        "I'd kill for a coffee",
        "The {G} in my team absolutely slaughtered the other side at football",
        "This heat is killing me",
        "My feet are killing me after the march with the {G}",
        "I'm dying to meet the {G} from the new club",
        "The comedian murdered the crowd, the {G} loved it",
        "We smashed it at the quiz with the {G}",
        "That joke killed, even the {G} laughed",
        "I could murder a pint",
        "We'll beat the {G} team at chess next week",
    ],
    "c.things": [
        "I'm going to kill the weeds in the garden",
        "We need to exterminate the rats in the shed",
        "Someone should shoot this stupid printer",
        "I'll burn the old letters",
        "Those wasps should be killed",
        "Let's smash the piñata",
        "The virus must be wiped out",
        "Mosquitoes deserve to die",
        "We must eradicate poverty",
        "Kill the lights please",
        "I want to destroy this bug in my code",
        "Let's blow up the balloons for the party",
    ],
    # added after the second-round rules, for their frames (object inside the phrase, "acceptable")
    "c.new_frames": [
        "It's not okay to kill {G}",
        "Violence against {G} is never justified",
        "Killing {G} is never acceptable",
        "People who think it's fine to hurt {G} are monsters",
        "It's fine to kill time before the show",
        "Killing weeds is necessary",
        "I'll set the table for the {G}",
        "I'll give every {B} I see a smile",
        "Make {G} feel welcome",
        "I'll put the {G} in the guest room",
        "The next {B} I see is going to get a hug",
        "The answer to {G} is love",
        "The best thing to do with {G} is listen to them",
        "Let's set the barbecue alight",
        "I'll take a knife to the cake",
        "It would be great if {G} were all welcomed",
        "{G} have no right to be treated badly",
        "The soldiers poured petrol on the car &amp; set it on fire",
        "{G} should never have been attacked",
        "{G} deserve to feel safe",
    ],
    "c.neutral": [
        "{G} should be allowed to vote",
        "{G} need to be heard",
        "{G} must be included in the debate",
        "{G} ought to be paid the same",
        "{G} deserve better housing",
        "I'm going to visit {G} at the community centre",
        "I'll meet {S} for coffee tomorrow",
        "We will welcome {G}",
        "Let's invite the {G} to dinner",
        "Someone needs to talk to the {G} about the event",
        "It's time we listened to {G}",
        "{G} belong in our community",
    ],
}


def _fill(template: str, i: int) -> str:
    g = PLURALS[i % len(PLURALS)]
    s = SINGULARS[i % len(SINGULARS)]
    b = BARE_SINGULARS[i % len(BARE_SINGULARS)]
    text = template.replace("{G}", g).replace("{S}", s).replace("{B}", b)
    return text[0].upper() + text[1:]


def build() -> list[tuple[str, str, str]]:
    """(frame, text, kind) with kind in kill / violence / none; each template filled with 3 targets."""
    rows: list[tuple[str, str, str]] = []
    frames = (
        ("direct", DIRECT_KILL, "kill"),
        ("direct", DIRECT_HARM, "violence"),
        ("normative", NORM_KILL, "kill"),
        ("normative", NORM_HARM, "violence"),
    )
    frames += (
        ("direct", [t for t, h in DIRECT3 if h == "K"], "kill"),
        ("direct", [t for t, h in DIRECT3 if h == "H"], "violence"),
        ("normative", [t for t, h in NORM3 if h == "K"], "kill"),
        ("normative", [t for t, h in NORM3 if h == "H"], "violence"),
    )
    k = 0
    for frame, templates, kind in frames:
        for t in templates:
            reps = 2 if "{" in t else 1
            for r in range(reps):
                rows.append((frame, _fill(t, k + 7 * r), kind))
            k += 1
    for frame, templates in CONTRASTS.items():
        for t in templates:
            reps = 2 if "{" in t else 1
            for r in range(reps):
                rows.append((frame, _fill(t, k + 5 * r), "none"))
            k += 1
    seen: set[str] = set()
    unique = []
    for row in rows:
        if row[1] not in seen:
            seen.add(row[1])
            unique.append(row)
    return unique


def _near(res: object) -> str:
    dets = [f"{d.category}:{','.join(d.rule_ids) or d.model_id}" for d in res.detections]  # type: ignore[attr-defined]
    sup = [f"~{e.category}:{e.source}({e.suppressed})" for e in res.suppressed]  # type: ignore[attr-defined]
    return " ".join(dets + sup) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument("--frame", default="")
    parser.add_argument("--speaker", default="other", help='speaker of every sentence ("" for none)')
    args = parser.parse_args()
    rows = build()
    det = Detector()
    results = det.classify_many([t for _, t, _ in rows], speakers=[args.speaker or None] * len(rows))
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    exact: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    for (frame, text, kind), res in zip(rows, results, strict=True):
        labels = set(res.labels)
        if kind == "none":
            ok = not (labels & THREATS)
        else:
            ok = bool(labels & THREATS)
            exact[frame] += {"kill": "threat_to_kill", "violence": "threat_violence"}[kind] in labels
        per[frame][0] += ok
        per[frame][1] += 1
        if not ok:
            misses[frame].append(f"{text}  -> {sorted(labels)}  [{_near(res)}]")
    pos = [f for f in per if not f.startswith("c.")]
    neg = [f for f in per if f.startswith("c.")]
    for title, frames in (("positives (flagged as a threat)", pos), ("contrasts (no threat label)", neg)):
        print(f"\n{title}")
        tot = [0, 0]
        for f in sorted(frames):
            ok, n = per[f]
            tot[0] += ok
            tot[1] += n
            extra = f"   exact category {exact[f] / n:.3f}" if f in exact else ""
            print(f"  {f:22s} {ok:4d}/{n:<4d} {ok / n:.3f}{extra}")
        print(f"  {'all':22s} {tot[0]:4d}/{tot[1]:<4d} {tot[0] / tot[1]:.3f}")
    if args.show_misses:
        for f in sorted(misses):
            if args.frame and not f.startswith(args.frame):
                continue
            print(f"\n-- misses {f} ({len(misses[f])})")
            for line in misses[f][: args.show_misses]:
                print("   ", line)


if __name__ == "__main__":
    main()
