"""Suite cases for threats hidden from a plain reading (content review 5), with contrasts.

Written for this suite: a negator in another clause than the threat ("not gonna lie", a demand before
"or", an "if" clause), characters that draw nothing inside a word, and look-alike letters outside the
Cyrillic and Greek table (dotless i, Latin iota, kra, Cyrillic palochka, a capital I for l). The
contrasts keep the same words where a negator does govern the threat's verb, or a verb that carries a
negation over ("I don't think I will ..."). ``detect_suite.py`` adds these cases.
"""

from __future__ import annotations

HIM = "other"
KILL = frozenset(["threat_to_kill", "threat_violence"])
HURT = frozenset(["threat_violence"])
KILL_DEMAND = frozenset(["threat_to_kill", "threat_violence", "blackmail"])
HURT_DEMAND = frozenset(["threat_violence", "blackmail"])
NONE: frozenset[str] = frozenset()

HIDDEN_CASES: list[tuple[str | None, str, frozenset[str]]] = [
    # a negator in an emphatic phrase denies nothing
    (HIM, "not gonna lie im going to end you tonight", KILL),
    (HIM, "I'm not going to lie, you're getting stabbed", HURT),
    (HIM, "ngl I will batter you when I see you", HURT),
    (HIM, "no joke I'm going to strangle you", KILL),
    (HIM, "I'm not even joking I'll slit your throat", KILL),
    (HIM, "Don't get me wrong I will break your legs", HURT),
    # a demand with its own negator, then the threat in another clause
    (HIM, "don't go to the cops or I'll shoot you", KILL_DEMAND),
    (HIM, "Do not tell your mum or I will stab you", HURT_DEMAND),
    (HIM, "If you don't pick up I'm going to kill you", KILL_DEMAND),
    (HIM, "unless you don't want to see tomorrow I'd answer, I'll murder you", KILL),
    # the contrasts: the negator governs the threat's verb, or carries over to it
    (HIM, "not gonna lie I would never hurt you", NONE),
    (HIM, "no joke I'm not going to kill you", NONE),
    (HIM, "don't worry or panic, I won't hurt you", NONE),
    (HIM, "I don't think I will ever hurt you", NONE),
    (HIM, "If you don't want to go I won't make you, I'd never hurt you", NONE),
    (HIM, "I'm not saying I'd hurt you", NONE),
    # characters that draw nothing inside the threat's words
    (HIM, "I will k\u2063ill you", KILL),
    (HIM, "I'm going to s\u3164tab you", HURT),
    (HIM, "I will m\u200eurder y\u202aou", KILL),
    (HIM, "I will k\U000e0020i\U000e0020ll you", KILL),
    (HIM, "I'll st\u034fab you", HURT),
    # ... and the same characters where there is no threat
    (HIM, "I will k\u2063iss you", NONE),
    (HIM, "see you at the s\u3164tation", NONE),
    # look-alike letters outside the Cyrillic and Greek table
    (HIM, "I will kıll you", KILL),
    (HIM, "I will kɩll you", KILL),
    (HIM, "I will ĸill you", KILL),
    (HIM, "I will kiӏӏ you", KILL),
    (HIM, "I will kiII you", KILL),
    (HIM, "I wiII stab you, do it", HURT),
    # ... and words where the same letters mean nothing of the kind
    (HIM, "I will fiII the form in", NONE),
    (HIM, "I'll call you from iPhone", NONE),
]
