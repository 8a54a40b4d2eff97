"""A small synthetic set for the name recogniser: sentences written for it (no real person, no real
message), each with the names of people in it. Hard negatives (Will, May, Hope, Amazon, Black Friday)
name nobody. Parties in the set's case: Jane Doe and John Smith (never to be masked)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from footprint.report.exif_fields import device_owners
from footprint.report.names import case_actors, party_words, recognise
from footprint.report.redact import Redactor

PARTIES = frozenset({"jane doe", "john smith"})

#: (text, the people's names in it as written)
SENTENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Tell Sarah Jones I said hi", ("Sarah Jones",)),
    ("Mr Patel saw it from his window", ("Patel",)),
    ("Mrs Okafor from next door rang the police", ("Okafor",)),
    ("I spoke to Dr Hughes about the bruises", ("Hughes",)),
    # an officer, not a private third party (relabelled on 30 November: was masked, rule N1)
    ("PC Evans took my statement", ()),
    ("Ask Miss Wright, she was there", ("Wright",)),
    ("Hi Sarah, are you coming tonight?", ("Sarah",)),
    ("Dear Tom, please stop messaging me", ("Tom",)),
    ("Hiya Chloe how are you", ("Chloe",)),
    ("Thanks Priya, see you tomorrow", ("Priya",)),
    ("See you at the weekend, love, Tom", ("Tom",)),
    ("Will be there at six - Priya", ("Priya",)),
    ("Call me when you can. Love Aisha xx", ("Aisha",)),
    ("her name is Chloe Smith and she lives nearby", ("Chloe Smith",)),
    ("My name is Daniel and I saw everything", ("Daniel",)),
    ("his name was Kieran O'Neill", ("Kieran O'Neill",)),
    ("Tom's mum saw the car outside", ("Tom",)),
    ("I was at Becky's house all night", ("Becky",)),
    ("He went round to Liam's flat again", ("Liam",)),
    ("I told Sarah Khan everything", ("Sarah Khan",)),
    ("You were with Marcus Reid last night", ("Marcus Reid",)),
    ("Ask Mohammed Ali if you don't believe me", ("Mohammed Ali",)),
    ("I saw Tom yesterday at the shop", ("Tom",)),
    ("Sarah said she saw it happen", ("Sarah",)),
    ("tell chloe to stop lying", ("chloe",)),
    ("Auntie Pam is picking the kids up", ("Pam",)),
    ("Is Lucy McDonald still your friend?", ("Lucy McDonald",)),
    ("Get Anne-Marie Smith-Jones to call me", ("Anne-Marie Smith-Jones",)),
    ("Morning Jess, did you sleep?", ("Jess",)),
    ("My mate Connor saw you there", ("Connor",)),
    ("I was out with Jane Doe on Friday", ()),
    ("John Smith sent it again", ()),
    ("Will you answer your phone?", ()),
    ("I will come round later", ()),
    ("May I ask why you did that?", ()),
    ("I may be late tonight", ()),
    ("It happened in May last year", ()),
    ("Hope you are ok", ()),
    ("I hope you know what you did", ()),
    ("I bought it on Amazon on Black Friday", ()),
    ("He sent it on WhatsApp and then on Instagram", ()),
    ("See you on Monday at the Tesco car park", ()),
    ("We went to Manchester in August", ()),
    ("Happy Birthday to you", ()),
    ("Merry Christmas and a Happy New Year", ()),
    ("I'm going to the police station now", ()),
    ("Stop messaging me", ()),
    ("Where were you last night?", ()),
    ("I know what you did", ()),
    ("He posted it on Facebook Messenger", ()),
    ("The car was parked on Oxford Road", ()),
    ("I watched Love Island with the kids", ()),
    ("You're going to regret this", ()),
    ("Leave me alone or I will call the Police", ()),
    ("Sent from my iPhone", ()),
    ("I paid with Apple Pay", ()),
    ("She works at the NHS in Leeds", ()),
    ("Answer me NOW", ()),
    ("We met at Costa on Sunday", ()),
    ("Good Friday is a bank holiday", ()),
    ("I'll wait for you", ()),
    ("Boxing Day was awful", ()),
    ("Hi there, are you ok?", ()),
    ("Love you loads x", ()),
    ("Thanks for nothing", ()),
    ("- sent on Tuesday", ()),
)

#: written after the rules were settled and not tuned on: the figures for these are reported apart
HELD_OUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Mr Khan from the shop saw him shouting", ("Khan",)),
    ("Hey Ellie, has he messaged you?", ("Ellie",)),
    ("Night babe x", ()),
    ("I was with Nathan Price all evening", ("Nathan Price",)),
    ("Speak tomorrow. Cheers, Gareth", ("Gareth",)),
    ("Her sister's name is Fatima", ("Fatima",)),
    ("Jordan's dad picked us up", ("Jordan",)),
    ("Ring Bethany if you need anything", ("Bethany",)),
    ("I'm at Grace's place", ("Grace",)),
    ("Dan and Ollie were both there", ("Dan", "Ollie")),
    ("He bought me flowers on Valentine's Day", ()),
    ("Meet me at Primark on Saturday", ()),
    ("We used to live in Birmingham", ()),
    ("April was cold this year", ()),
    ("Are you on Snapchat?", ()),
    ("Mark my words you will regret it", ()),
    ("Grace period ends on Friday", ()),
    ("The Royal Mail van came at nine", ()),
    ("Sorry, I was at Nando's with the girls", ()),
    ("Did you watch Match of the Day?", ()),
)


@dataclass(frozen=True)
class Score:
    """What the recogniser did on a set: names masked rightly and wrongly, names missed, and how many
    of those it listed for a person to check."""

    sentences: int
    masked_right: int
    masked_wrong: int
    missed: int
    missed_but_listed: int

    @property
    def precision(self) -> float:
        return self.masked_right / ((self.masked_right + self.masked_wrong) or 1)

    @property
    def recall(self) -> float:
        return self.masked_right / ((self.masked_right + self.missed) or 1)


def score(sentences: tuple[tuple[str, tuple[str, ...]], ...]) -> Score:
    """Each sentence read as a message's text of the set's case: a masked name is right when it is one
    of the sentence's names exactly as written."""
    keep = party_words(PARTIES)
    right = wrong = missed = listed = 0
    for text, names in sentences:
        found = recognise(text, keep)
        masked = [r.name for r in found if r.sure]
        unsure = {r.name for r in found if not r.sure}
        right += sum(1 for m in masked if m in names)
        wrong += sum(1 for m in masked if m not in names)
        missing = [n for n in names if n not in masked]
        missed += len(missing)
        listed += sum(1 for n in missing if n in unsure)
    return Score(len(sentences), right, wrong, missed, listed)


#: known people of the set's case (persons with role other, or given with --redact-name): their first
#: names and surnames alone are masked (rule N6) or listed (L4)
KNOWN_PERSONS = ("Sam Okoro", "Priya Patel", "Will Turner", "Rose Baker", "Mark Evans", "Dawn Fisher")

#: written before the rules for a known person's first name were measured or tuned, and not tuned on:
#: (text, the words of people's names in it that should be masked, as written)
KNOWN_HELD_OUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Sam said he saw you outside", ("Sam",)),
    ("Priya told me everything", ("Priya",)),
    ("Ring Priya on her mobile", ("Priya",)),
    ("Okoro was in the car with him", ("Okoro",)),
    ("I was at Sam's all night", ("Sam",)),
    ("Hi Will, did he message you again?", ("Will",)),
    ("Will you stop texting me", ()),
    ("I told Will about the photos", ("Will",)),
    ("Mark my words, you'll pay", ()),
    ("Mark saw the whole thing", ("Mark",)),
    ("Rose early to get away from him", ()),
    ("Rose is scared of him too", ("Rose",)),
    ("Thanks Dawn, I owe you", ("Dawn",)),
    ("Dawn was breaking when he left", ()),
    ("He waited until dawn", ()),
    ("Ask Ms Fisher, she lives opposite", ("Fisher",)),
    ("the fisher price toy is hers", ()),
    ("sam knows what he did", ("sam",)),
    ("Sam Jones is someone else", ("Sam Jones",)),
    ("Tell Evans I said thanks", ("Evans",)),
    ("Love you, see you soon. Rose x", ("Rose",)),
    ("Will and Priya came round", ("Will", "Priya")),
    ("We'll see what Turner says", ("Turner",)),
    ("I bought a rose for her", ()),
    ("Hope Priya is ok", ("Priya",)),
    ("PRIYA ANSWER ME", ("PRIYA",)),
)


def score_known(sentences: tuple[tuple[str, tuple[str, ...]], ...]) -> Score:
    """Each sentence read by the disclosure copy's redactor as a message's text of a case that knows
    ``KNOWN_PERSONS``: a masked value is right when it is one of the sentence's names exactly as written."""
    right = wrong = missed = listed = 0
    for n, (text, names) in enumerate(sentences):
        r = Redactor(PARTIES, KNOWN_PERSONS)
        r.text(text, f"S/{n} text", free=True)
        masked = [e.value for e in r.log]
        unsure = {c.words for c in r.names_to_check()}
        right += sum(1 for m in masked if m in names)
        wrong += sum(1 for m in masked if m not in names)
        missing = [x for x in names if x not in masked]
        missed += len(missing)
        listed += sum(1 for x in missing if x in unsure)
    return Score(len(sentences), right, wrong, missed, listed)


# --- Written on 30 November, with the rules for officers' names, a known ordinary-word name at a
# sentence's start and a device named without a possessive (not held out: reported apart) ---

#: people working the case, as the audit log records them (actor, role); an advocate is not one
ACTORS = (
    ("DC Sarah Jones", "investigator"),
    ("DS Tom Reid", "reviewer"),
    ("Helen Ward", "prosecutor"),
    ("Amy Lee", "advocate"),
)
#: a private person the case knows (role other): masked even after a rank
OFFICERS_KNOWN = ("Priya Patel",)

#: an examiner's notes, a reviewer's reasons and messages naming officers and private people:
#: (text, the private people's names in it that should be masked, as written)
OFFICERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PC Sarah Jones took the statement", ()),
    ("Statement taken by DC Jones at the station", ()),
    ("DS Tom Reid reviewed the screenshots", ()),
    ("Sgt Evans attended the address with PC Hughes", ()),
    ("Insp Malik authorised the download", ()),
    ("Supt Grey signed off the disclosure", ()),
    ("Officer Dibble seized the phone", ()),
    ("Reviewed by DCI Ahmed on Monday", ()),
    ("Phone handed to Helen Ward at the CPS", ()),
    ("Checked again with Tom Reid, not relevant", ()),
    ("PC Evans came round today and was nice", ()),
    ("Seized from Chloe Smith by PC Sarah Jones", ("Chloe Smith",)),
    ("Mrs Okafor told PC Hughes she heard shouting", ("Okafor",)),
    ("number belongs to Tom Baker, her colleague", ("Tom Baker",)),
    ("Spoke to Mr Hussain, the neighbour, with DC Jones", ("Hussain",)),
    ("Present: DC Jones and Amy Lee from the ISVA service", ("Amy Lee",)),
    ("the call to DC Priya Patel was not from the officer", ("Priya Patel",)),
    ("PC Patel took the call", ("Patel",)),
    ("my mate Connor said PC Evans was rude", ("Connor",)),
    ("Call with Sarah Jones and Kelly Price about the photos", ("Kelly Price",)),
)

#: known people whose first names are also ordinary words
START_KNOWN = ("Will Turner", "Rose Baker", "Mark Evans", "Dawn Fisher", "Hope Ellis", "Priya Patel")

#: a known person's ordinary-word first name at a sentence's start, and ordinary words there:
#: (text, the names in it that should be masked, as written)
KNOWN_START: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Rose said she'd seen him", ("Rose",)),
    ("Will told me everything", ("Will",)),
    ("Hope is scared of him", ("Hope",)),
    ("Mark saw the car outside", ("Mark",)),
    ("Will and Priya were there", ("Will", "Priya")),
    ("Rose's mum rang me", ("Rose",)),
    ("Dawn texted me at midnight", ("Dawn",)),
    ("Hope knows what he did", ("Hope",)),
    ("Will was crying on the phone", ("Will",)),
    ("Mark is scared too", ("Mark",)),
    ("He hit me. Rose saw it", ("Rose",)),
    ("Will you stop texting me", ()),
    ("Hope you're happy now", ()),
    ("Mark my words", ()),
    ("Dawn broke before he left", ()),
    ("Hope so", ()),
    ("Will do", ()),
    ("Hope is all I have left", ()),
    ("Will be there at six", ()),
    ("Mark it as read", ()),
)

#: ordinary sentences with words that are also known people's names, street words, place words and
#: devices: nothing in them is to be masked
ORDINARY: tuple[str, ...] = (
    "close the door",
    "I will call you later",
    "hope so",
    "my phone is dead",
    "the primary reason is money",
    "he will never change",
    "I hope you die",
    "I'll close the account tonight",
    "my iPhone is broken again",
    "a rose for her birthday",
    "mark my words",
    "we left at dawn",
    "there is no hope for you",
    "she is a primary school teacher",
    "he trains at a football academy",
    "the nursery rang about the fees",
    "I have 2 kids at primary school",
    "Will you answer me",
    "Hope you sleep well",
    "Close the door when you go",
    "it was 2 close to call",
    "I'm 5mins away",
    "I waited 10mins down the road",
    "his 4x4 Drive mode was on",
    "my primary concern is the kids",
    "Galaxy S21 is a good phone",
    "my Samsung phone died",
    "the police academy sent a letter",
    "we drove past the academy",
    "a lot of will power",
)

#: an image's EXIF make and model, and whose device it names (the parties' own kept)
DEVICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Apple iPhone Priya Sharma", ("Priya Sharma",)),
    ("Apple Priya Sharma iPhone", ("Priya Sharma",)),
    ("Apple Priya-Sharma-iPhone", ("Priya Sharma",)),
    ("samsung Galaxy S21 of Priya", ("Priya",)),
    ("samsung Galaxy S21 de Priya", ("Priya",)),
    ("Apple iPhone 13 Tom O'Neill", ("Tom O'Neill",)),
    ("Google Kieran Pixel 7", ("Kieran",)),
    ("Apple iPad of Jane Doe", ()),
    ("Apple Jane-iPhone", ()),
    ("Apple iPhone 12 Pro Max", ()),
    ("Google Pixel 7 Pro", ()),
    ("Nothing Phone (1)", ()),
    ("samsung Galaxy Note 20 Ultra", ()),
    ("OnePlus Nord 2", ()),
    ("Essential Phone", ()),
    ("Canon Canon EOS 5D Mark IV", ()),
    ("Sony Xperia 10 IV", ()),
    ("motorola moto g Power", ()),
    ("Xiaomi Redmi Note 12 Pro", ()),
    ("HUAWEI P30 Lite", ()),
    ("Apple MacBook Air", ()),
    ("Apple iPhone SE", ()),
)


def _score_masked(sentences: tuple[tuple[str, tuple[str, ...]], ...], make: Callable[[], Redactor]) -> Score:
    """Each sentence read as a person's words by a new redactor from ``make``: a masked value is right
    when it is one of the sentence's names exactly as written."""
    right = wrong = missed = listed = 0
    for n, (text, names) in enumerate(sentences):
        r = make()
        r.text(text, f"S/{n} text", free=True)
        masked = [e.value for e in r.log]
        unsure = {c.words for c in r.names_to_check()}
        right += sum(1 for m in masked if m in names)
        wrong += sum(1 for m in masked if m not in names)
        missing = [x for x in names if x not in masked]
        missed += len(missing)
        listed += sum(1 for x in missing if x in unsure)
    return Score(len(sentences), right, wrong, missed, listed)


def score_officers(sentences: tuple[tuple[str, tuple[str, ...]], ...] = OFFICERS) -> Score:
    """``OFFICERS`` read by the redactor of a case whose audit log records ``ACTORS`` and which knows
    ``OFFICERS_KNOWN``."""
    return _score_masked(sentences, lambda: Redactor(PARTIES, OFFICERS_KNOWN, actors=case_actors(ACTORS)))


def score_start(sentences: tuple[tuple[str, tuple[str, ...]], ...] = KNOWN_START) -> Score:
    """``KNOWN_START`` read by the redactor of a case that knows ``START_KNOWN``."""
    return _score_masked(sentences, lambda: Redactor(PARTIES, START_KNOWN))


def score_ordinary(sentences: tuple[str, ...] = ORDINARY) -> Score:
    """``ORDINARY`` read by the redactor of a case that knows ``START_KNOWN``, a device's owner and the
    officers: every mask is wrong (each counted), and "listed" counts the words listed to check."""
    wrong = listed = 0
    for n, text in enumerate(sentences):
        r = Redactor(PARTIES, START_KNOWN, actors=case_actors(ACTORS), owners=("Priya Sharma",))
        r.text(text, f"S/{n} text", free=True)
        wrong += len(r.log)
        listed += len(r.names_to_check())
    return Score(len(sentences), 0, wrong, 0, listed)


def score_devices(devices: tuple[tuple[str, tuple[str, ...]], ...] = DEVICES) -> Score:
    """The owners ``device_owners`` finds in ``DEVICES``: right when one of the device's owners."""
    right = wrong = missed = 0
    for device, owners in devices:
        found = device_owners([device], PARTIES)
        right += sum(1 for o in found if o in owners)
        wrong += sum(1 for o in found if o not in owners)
        missed += sum(1 for o in owners if o not in found)
    return Score(len(devices), right, wrong, missed, 0)


#: written on 30 November after the rules above were settled, and not tuned on: (text, the names in it
#: to mask, as written), read by the redactor of a case that records ``ACTORS`` and knows
#: ``START_KNOWN``
HELD_OUT_30NOV: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("DC Jones rang Rose at home", ("Rose",)),
    ("Sgt Malik said Mark was upset", ("Mark",)),
    ("Rose rang me crying", ("Rose",)),
    ("Hope was with him all night", ("Hope",)),
    ("Will's car was outside again", ("Will",)),
    ("Dawn and her sister saw it", ("Dawn",)),
    ("Hope you got home ok", ()),
    ("Will he ever stop", ()),
    ("Statement from DC Sarah Jones attached", ()),
    ("Helen Ward advised charge", ()),
    ("Reviewed; Tom Reid disagreed with Kelly Price", ("Kelly Price",)),
    ("PC Hughes and Mr Doyle attended", ("Doyle",)),
    ("Insp Grey told Ms Patel to ring back", ("Patel",)),
)
#: the same, for device names: (EXIF make and model, owners)
DEVICES_HELD_OUT_30NOV: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Apple iPhone 15 Pro Emma", ("Emma",)),
    ("samsung Kelly Galaxy A52", ("Kelly",)),
    ("Google Pixel 8 of Ahmed Khan", ("Ahmed Khan",)),
    ("Apple iPad Pro 11", ()),
    ("OPPO Find X5 Lite", ()),
    ("samsung Galaxy Tab S8", ()),
    ("Apple Emma-iPad", ("Emma",)),
    ("Fairphone 4", ()),
)


def score_held_out_30nov(sentences: tuple[tuple[str, tuple[str, ...]], ...] = HELD_OUT_30NOV) -> Score:
    """``HELD_OUT_30NOV`` read by the redactor of a case that records ``ACTORS`` and knows ``START_KNOWN``."""
    return _score_masked(sentences, lambda: Redactor(PARTIES, START_KNOWN, actors=case_actors(ACTORS)))
