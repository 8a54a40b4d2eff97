"""Suite cases for threats aimed at one person as abusers write them (round 7), with contrasts.

Written in our own words after the forms found in the dev half of ``tools/dev_detect/person_threats.py``
(none of its sentences is copied): fates in the second person ("ur gonna get bodied", "you're getting a
slap"), death named by what follows it ("they'll find you in a ditch"), "you won't see Monday", first-person
verbs and slang the older rules did not list ("I'll run you over", "I'll knock you out", "I'll chib you"),
threats put as questions, veiled forms with a clear violent meaning ("the police can't protect you
forever", "shame if something happened to ..."), people close to her ("your dad's a dead man"), and sexual
force without the word rape; contrasts of the same words (games and scores, errands, idioms, things, court).
``detect_suite.py`` adds these cases.
"""

from __future__ import annotations

HIM = "other"
KILL = frozenset(["threat_to_kill", "threat_violence"])
HURT = frozenset(["threat_violence"])
SEX = frozenset(["threat_sexual"])
NONE: frozenset[str] = frozenset()

THREAT_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    # fates in the second person, and people close to her
    (HIM, "ur gonna get merked when i see u", KILL),
    (HIM, "You are getting killed the minute you step outside", KILL),
    (HIM, "tell your brother he's getting shot", KILL),
    (HIM, "your sister's boyfriend is a dead man", KILL),
    (HIM, "tell that new fella of yours he's dead", KILL),
    (HIM, "youre getting battered tomorrow", HURT),
    (HIM, "ur bout to get jumped", HURT),
    (HIM, "you and your mum are getting a slap", HURT),
    (HIM, "You won't live to see next Christmas", KILL),
    (HIM, "you wont wake up again", KILL),
    (HIM, "You won't walk again when I'm done", HURT),
    (HIM, "they'll find you face down in the canal", KILL),
    (HIM, "u will be pushing up daisies by spring", KILL),
    # first person, verbs and slang
    (HIM, "I'm going to run you over in the car park", KILL),
    (HIM, "ima end ur life", KILL),
    (HIM, "I'll throw you off the roof of your flats", KILL),
    (HIM, "I'll have you killed, one phone call", KILL),
    (HIM, "I will knock you out cold", HURT),
    (HIM, "gonna drag u down the road by your hair", HURT),
    (HIM, "I'll smash you through the glass door", HURT),
    (HIM, "I'm turning up at your mum's with a machete", HURT),
    (HIM, "I'll rip you to pieces", HURT),
    # questions, veiled forms, tokens of death
    (HIM, "Do u wanna die or what", KILL),
    (HIM, "you want a black eye?", HURT),
    (HIM, "call the police and see what happens to your kids", HURT),
    (HIM, "no injunction can protect you forever", HURT),
    (HIM, "would be a pity if your dog went missing", HURT),
    (HIM, "there's a bullet out there with your name on it", KILL),
    (HIM, "You're going to wish you had never been born", HURT),
    (HIM, "got a blade for you, guess who it's for", HURT),
    (HIM, "next time it'll be my fist", HURT),
    (HIM, "you'll pay with your blood", HURT),
    (HIM, "I'm going to murder your whole family", KILL),
    # sexual force
    (HIM, "I'll have you whether you want it or not", SEX),
    (HIM, "I'll pin you down and do what I like", SEX),
    # contrasts
    (HIM, "I'm going to destroy you at Mario Kart", NONE),
    (HIM, "we'll hammer them 3-1 on Sunday", NONE),
    (HIM, "I'm coming round with the shopping later", NONE),
    (HIM, "I know where you live so I'll post the keys through the door", NONE),
    (HIM, "I'll hit you back in a minute", NONE),
    (HIM, "you're next in line at the desk", NONE),
    (HIM, "you'll die laughing when you see the photos", NONE),
    (HIM, "you'll regret that kebab in the morning", NONE),
    (HIM, "you'll pay for this in court", NONE),
    (HIM, "you're getting smashed tonight, it's your birthday!", NONE),
    (HIM, "I'll knock you out with this cake recipe", NONE),
    (HIM, "I'll bring a knife for the cake", NONE),
    (HIM, "Do you want to die on that hill?", NONE),
    (HIM, "I'll run you down to the station in the morning", NONE),
    (HIM, "I'd never put you through that again", NONE),
    (HIM, "the police can protect you, please call them", NONE),
    (HIM, "that medication will mess you up, be careful", NONE),
    (HIM, "I'm going to mess you up with facts in the debate", NONE),
    (HIM, "they'll throw him under the bus at the inquiry", NONE),
    (HIM, "your son's getting hurt by the older boys at school, I've told the head", NONE),
    (HIM, "tell the manager and see what happens to you, probably a promotion", NONE),
    (HIM, "if you wanna die of boredom, watch the cricket", NONE),
    (HIM, "shame if you accidentally deleted the photos", NONE),
    (HIM, "let's smoke that last cigar", NONE),
]
