"""People's names Footprint was not given, recognised in free text by a few explainable patterns.

No model and no network: each name is found by a named rule over the words of one text, so the
redaction log can say why it was masked. The sure rules (``N1``–``N6``) are masked; the unsure ones
(``L1``–``L4``) are only listed for the disclosure officer to check, never masked. ``N6`` and ``L4``
read a known person's first name or surname alone (``recognise_known``). The people working the case
are no private third parties: a name after a police rank (PC Sarah Jones) and the name of an
investigator, reviewer or prosecutor the audit log records (``case_actors``) are kept, neither masked
nor listed, unless the name is a known private person's (given, or a known person's first name or
surname: the redactor masks those). Word lists are written here
(no third-party data): months, days, brands and apps, places, and common words that are capitalised
for other reasons; and, shipped beside this module, names that are also ordinary words
(``name_words.txt``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import takewhile

import yaml

from footprint.visible import is_mark

#: what each rule finds; ``N…`` are masked, ``L…`` only listed
RULES = {
    "N1": "a title and a capitalised name (Mr Patel, Dr Hughes); not a police rank (PC Jones is kept)",
    "N2": "a greeting or sign-off and a capitalised name (Hi Sarah, love, Tom, - Priya)",
    "N3": "'my/his/her name is' and a capitalised name",
    "N4": "a capitalised name with a relation (Tom's mum, my mate Connor)",
    "N5": "two or three capitalised words not at a sentence's start (Sarah Jones)",
    "L1": "one capitalised word not at a sentence's start",
    "L2": "capitalised words at a sentence's start before a name or a verb of saying or seeing",
    "L3": "a name recognised by a masking rule that shares its first word with a party's name",
    "N6": "a known person's first name or surname alone, with its capital (Sam, for Sam Okoro); one that"
    " is also an ordinary word only after a greeting or a title, as a sign-off (Hi Will), or at a"
    " sentence's start before a verb of telling or seeing, 'is/was' and a state, 'and' and a name, or as a"
    " possessive (Will told me, Hope is scared, Rose's mum)",
    "L4": "a known person's first name or surname alone that is also an ordinary word (Will, Mark, Rose),"
    " mid-sentence, or at a sentence's start before 'came' or 'went'",
}

#: police ranks and titles: the name after one is an officer's (rule ``K1``), kept
RANKS = frozenset(
    "PC DC DS DI DCI DSI DSU PS Sgt DSgt Insp Supt PCSO Officer Constable Sergeant Inspector"
    " Superintendent Detective".split()
)
TITLES = RANKS | frozenset(
    "Mr Mrs Ms Miss Mx Dr Prof Rev Sir Dame Lady Lord Cllr Nurse"
    " Auntie Aunty Aunt Uncle Nan Nana Nanna Gran Granny Grandma Grandad Grandpa Cousin".split()
)
#: the roles of the people working the case (their names are kept, rule ``K2``); an advocate or a
#: viewer may be anyone, and is not one
WORKING_ROLES = frozenset({"investigator", "prosecutor", "reviewer"})
GREETINGS = frozenset(
    "hi hiya hello hey heya dear morning evening afternoon night thanks thankyou cheers bye ta oi yo".split()
)
SIGN_OFFS = frozenset("love from cheers thanks regards xx xxx x".split())
RELATIONS = frozenset(
    "mum mam mom mummy dad daddy mother father sister brother son daughter wife husband partner"
    " boyfriend girlfriend fiance fiancee ex friend mate mates nan nana gran granny cousin aunt auntie"
    " uncle kids kid baby children family house flat place car phone number new dog".split()
)
#: verbs of telling or seeing: a person, not an ordinary word, does these
TELLING = frozenset(
    "said says told tells saw sees rang rings called calls texted texts messaged asked asks knows knew"
    " thinks thought wants wanted reckons heard".split()
)
SAYING = TELLING | frozenset("came comes went".split())
#: after "is" or "was": a person's state ("Hope is scared"), not an ordinary word's ("Dawn was breaking")
STATES = frozenset(
    "scared frightened terrified afraid worried upset angry crying sobbing hurt injured pregnant ill sick"
    " poorly fine ok okay safe home staying living sorry asleep awake with".split()
)
_BE = frozenset("is was isn't wasn't isnt wasnt".split())
_AND_WHO = frozenset("i me him her".split())
MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december jan feb mar"
    " apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon"
    " tue tues wed thu thur thurs fri sat sun christmas xmas easter halloween ramadan eid diwali".split()
)
BRANDS = frozenset(
    "amazon apple google facebook instagram insta whatsapp snapchat snap tiktok twitter youtube"
    " telegram signal discord messenger netflix spotify uber deliveroo ebay paypal tesco asda sainsbury"
    " sainsburys aldi lidl morrisons primark boots argos iphone android samsung microsoft xbox"
    " playstation ps5 nintendo mcdonalds kfc greggs costa starbucks nhs dvla hmrc dwp bbc itv sky"
    " vodafone ee o2 three bt virgin love island hinge tinder bumble grindr zoom teams skype gmail"
    " outlook hotmail yahoo vinted depop gumtree rightmove monzo barclays lloyds natwest hsbc santander"
    " halifax nationwide pay".split()
)
PLACES = frozenset(
    "england wales scotland ireland britain uk london manchester birmingham leeds liverpool bristol"
    " sheffield newcastle nottingham leicester coventry bradford cardiff swansea edinburgh glasgow"
    " belfast brighton oxford cambridge york hull derby plymouth southampton portsmouth reading"
    " norwich exeter bath wigan bolton salford stockport preston blackpool sunderland wakefield"
    " croydon hackney camden islington brixton peckham soho europe spain france america ibiza dubai"
    " road street avenue lane close drive way crescent place gardens court terrace grove hill park"
    " square mews row walk view rise station centre hospital school college university prison court"
    " police"
    # the kinds of place a phone's saved place or a location's description names ("51.5, -0.12 — Gym"
    # ended like a sign-off, "- Priya", and was masked as a name); none a surname ("Church", "Hall" and
    # "Temple" are, and are left out)
    " gym pub cafe café restaurant takeaway chippy office shop supermarket library pharmacy chemist"
    " dentist gp surgery clinic nursery hotel airport cinema theatre museum stadium pool leisure salon"
    " garage mosque synagogue gurdwara bus train tram carpark".split()
)
#: words capitalised for other reasons (a sentence's start, shouting one word, a heading)
COMMON = frozenset(
    "the a an and but or so if then when where what who why how which that this these those there here"
    " i im i'm ive i've id i'd ill i'll you your youre you're yours he his him she her hers we us our they"
    " them their it its it's is are was were be been being am do does did done dont don't doesnt didnt"
    " cant can't wont won't will would shall should can could may might must have has had having not no"
    " yes yeah yep nope ok okay oh ah ha haha lol omg wtf ffs fyi btw please pls thanks thank sorry just"
    " only also too very really well still even now never always ever again soon later today tonight"
    " tomorrow yesterday morning night evening weekend week month year all any some every each both"
    " more most much many lots few other another such same own one two three four five six seven eight"
    " nine ten first last next new old good bad great nice happy merry sad mad big little long short"
    " right wrong sure true false fine hope wish love like hate want need know think see look said say"
    " tell told call ring text message send sent get got go going went come coming came stop leave let"
    " make made take took give gave keep put meet meeting let's lets wait watch listen read answer"
    " reply home work school mum mam mom dad mummy daddy nan gran babe baby hun hon darling sweetie"
    " love mate bro sis guys everyone everybody anyone someone nobody nothing something anything"
    " everything people person man woman boy girl lad lads ladies sir madam officer sunshine there"
    " about after before from into onto over under with without within between through during until"
    " since because though although while as at by for in of off on out up down to not birthday"
    " friday happy new year day black cyber boxing good mothers fathers valentines day station"
    " universal credit social services court order bail non molestation restraining protection"
    " happy birthday congratulations congrats welcome hello hi hey dear bye cheers regards kind best"
    " warm god jesus christ lord heaven hell live life dead death kill die police crown ask show bring"
    " help thank".split()
)


def _listed_words(name: str) -> frozenset[str]:
    """The words of a list shipped beside this module: one a line, lower case, "#" a comment."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip().casefold()))


def _abuse_words() -> frozenset[str]:
    """Each word of the detector's abuse lexicons ("slag", "fat cow", "stupid slut"): written in Title
    Case ("you Dirty Slag", "You Fat Cow") they are no name, and masking them as one made the quoted
    evidence unreadable (new-code review 2, defect 3). The lexicons are read as data, not compiled."""
    text = resources.files("footprint").joinpath("rules", "detect", "abuse.yaml").read_text(encoding="utf-8")
    specs = yaml.safe_load(text).get("lexicons") or []
    return frozenset(w.casefold() for spec in specs for term in spec.get("terms") or [] for w in term.split())


STOP = (
    MONTHS_DAYS
    | BRANDS
    | PLACES
    | COMMON
    | frozenset(t.casefold() for t in TITLES)
    | _abuse_words()
    | _listed_words("not_names.txt")
)


#: first names and surnames that are also ordinary words (Will, Mark, Rose, Baker): such a known
#: person's name alone is masked only where a greeting or title shows it is a name
ORDINARY_NAMES = _listed_words("name_words.txt") | STOP

# a word: letters, joined by a hyphen or apostrophe (O'Brien, Smith-Jones, Tom's); read in ``_lettered``
# text, so that a letter's combining marks are part of its word
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PREFIXES = ("Mc", "Mac", "O'", "O’", "D'", "D’")
_NAME_IS = re.compile(r"\b(?:my|his|her|their|your)\s+name\s*(?:is|was|'s|’s)\s+$", re.IGNORECASE)
_RELATION_BEFORE = re.compile(r"\b(?:my|his|her|their|your|our)\s+(?:\w+)\s+$", re.IGNORECASE)
_KISSES = re.compile(r"x+", re.IGNORECASE)
_DASH_BEFORE = re.compile(r"(?:^|\s)[-–—]+\s*$")
_SIGN_OFF_TAIL = re.compile(r"[\W\dx]*", re.IGNORECASE)  # after a sign-off's name: "x", "!!", emoji
_SENTENCE_END = ".!?\n…:;"
_LOOK_BACK = 40
_OPENERS = " \t\"'“‘(*_[<>"


@dataclass(frozen=True)
class Recognised:
    """A name found in a text: where, the words, the rule (``RULES``), and whether it is masked."""

    start: int
    end: int
    name: str
    rule: str

    @property
    def sure(self) -> bool:
        return self.rule.startswith("N")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str  # without a possessive 's
    possessive: bool
    shaped: bool  # capitalised like a name
    stop: bool  # a month, day, brand, place or common word
    initial: bool  # the first word of a sentence


def name_shaped(word: str) -> bool:
    """Capitalised like a name: ``Sarah``, ``McDonald``, ``O'Brien``, ``Smith-Jones`` (not ``NHS``)."""
    if not word[0].isupper():
        return False  # most words: read no further
    for part in word.split("-"):
        for prefix in _PREFIXES:
            if part.startswith(prefix) and len(part) > len(prefix) + 1:
                part = part[len(prefix) :]
                break
        if len(part) < 2 or not part[0].isupper() or not part[1:].islower():
            return False
    return True


class _Letters(dict[int, str]):
    """Each character as ``_WORD`` is to read it: a combining mark as a letter, worked out once."""

    def __missing__(self, code: int) -> str:
        char = self[code] = "a" if is_mark(chr(code)) else chr(code)
        return char


_LETTERS = _Letters()


def _lettered(text: str) -> str:
    """``text`` with each combining mark read as a letter (same length): "Wójcik" written decomposed
    (NFD) is one word, not "Wo" and "jcik"."""
    return text if text.isascii() else text.translate(_LETTERS)


def _words(text: str, stop: frozenset[str]) -> list[_Word]:
    out = []
    for m in _WORD.finditer(_lettered(text)):
        word, possessive = text[m.start() : m.end()], False
        if word[-2:] in ("'s", "’s") and len(word) > 2:
            word, possessive = word[:-2], True
        at = m.start()
        while at and text[at - 1] in _OPENERS:
            at -= 1
        key = word.casefold().replace("’", "'")
        out.append(
            _Word(
                m.start(),
                m.start() + len(word),
                word,
                possessive,
                name_shaped(word),
                key in STOP or key in stop or key.replace("'", "") in STOP,
                not at or text[at - 1] in _SENTENCE_END,
            )
        )
    return out


def _before(text: str, at: int) -> str:
    """The few characters before ``at``: what a rule looks back at (never the whole text before)."""
    return text[max(0, at - _LOOK_BACK) : at]


def _joined(text: str, a: _Word, b: _Word) -> bool:
    """Whether ``b`` follows ``a`` with only spaces between (one name's words)."""
    return not a.possessive and text[a.end : b.start].isspace() and "\n" not in text[a.end : b.start]


def _name_after(text: str, words: list[_Word], n: int) -> list[_Word]:
    """The capitalised words of a name starting at word ``n`` (one to three), or none."""
    run: list[_Word] = []
    while n < len(words) and len(run) < 3:
        w = words[n]
        if not w.shaped or w.stop or (run and not _joined(text, run[-1], w)):
            break
        run.append(w)
        if w.possessive:
            break
        n += 1
    return run


def _signed_off(text: str, words: list[_Word]) -> _Word | None:
    """The text's last word when it is a sign-off's name (after "love," or a dash, kisses after it)."""
    signed = [w for w in words if not _KISSES.fullmatch(w.text)]
    if not signed:
        return None
    last = signed[-1]
    if not last.shaped or not _SIGN_OFF_TAIL.fullmatch(text, last.end):
        return None
    prev = signed[-2] if len(signed) > 1 else None
    after_sign_off = prev is not None and prev.text.casefold() in SIGN_OFFS
    return last if after_sign_off or _DASH_BEFORE.search(_before(text, last.start)) else None


def case_actors(actors: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], ...]:
    """The names of the people working the case, from the audit log's (actor, role) pairs: each
    investigator's, reviewer's and prosecutor's name of two or more words, without its rank, as its
    words in lower case ("DC Sarah Jones": ``("sarah", "jones")``)."""
    out = set()
    for actor, role in actors:
        if role not in WORKING_ROLES:
            continue
        words = [w for w in _WORD.findall(actor) if w not in RANKS]
        if len(words) > 1:
            out.add(tuple(w.casefold() for w in words))
    return tuple(sorted(out))


def _staff(run: list[_Word], staff: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``run``, of two or more words, is (part of) the name of a person working the case."""
    words = {w.text.casefold() for w in run}
    return len(run) > 1 and any(words <= set(name) for name in staff)


def recognise(
    text: str,
    keep: frozenset[str] = frozenset(),
    stop: frozenset[str] = frozenset(),
    staff: tuple[tuple[str, ...], ...] = (),
) -> list[Recognised]:
    """Each name found in ``text``, in order, none overlapping; those sharing a word with ``keep`` (a
    party's names, lower case) are listed (``L3``), never masked; ``stop``: more words that are no
    name (places the case names). An officer's name is kept, neither masked nor listed: after a police
    rank (``RANKS``), or of two or more words of a name of ``staff`` (``case_actors``); and so is any
    name in ``text`` whose every word is one of such a kept name's."""
    words = _words(text, stop)
    found: dict[int, tuple[list[_Word], str]] = {}  # first word's index: the words and the rule

    def add(n: int, run: list[_Word], rule: str) -> None:
        if run and n not in found:
            found[n] = (run, rule)

    for n, w in enumerate(words):
        nxt = n + 1
        between = text[w.end : words[nxt].start] if nxt < len(words) else ""
        if w.text in TITLES and not w.possessive and re.fullmatch(r"\.?\s+", between):
            add(nxt, _name_after(text, words, nxt), "K1" if w.text in RANKS else "N1")
        elif w.text.casefold() in GREETINGS and w.initial and re.fullmatch(r"\s*,?\s*", between):
            add(nxt, _name_after(text, words, nxt), "N2")
        if w.shaped and not w.stop and _NAME_IS.search(_before(text, w.start)):
            add(n, _name_after(text, words, n), "N3")
        if w.possessive and w.shaped and not w.stop and nxt < len(words):
            if words[nxt].text.casefold() in RELATIONS:
                add(n, [w], "N4")
        if n and w.shaped and not w.stop and words[n - 1].text.casefold() in RELATIONS:
            if _RELATION_BEFORE.search(_before(text, w.start)):
                add(n, _name_after(text, words, n), "N4")
    last = _signed_off(text, words)
    if last is not None and not last.stop:
        add(words.index(last), [last], "N2")
    covered = {id(w) for run, _ in found.values() for w in run}
    n = 0
    while n < len(words):
        w = words[n]
        if id(w) in covered or not w.shaped or w.stop:
            n += 1
            continue
        run = _name_after(text, words, n)
        run = run[: next((k for k, x in enumerate(run) if id(x) in covered), len(run))]
        if w.initial:
            after = words[n + len(run)] if n + len(run) < len(words) else None
            if len(run) > 1 or (after is not None and after.text.casefold() in SAYING and not w.possessive):
                add(n, run, "L2")
        else:
            add(n, run, "N5" if len(run) > 1 else "L1")
        n += max(len(run), 1)
    found = {n: (run, "K2" if _staff(run, staff) else rule) for n, (run, rule) in found.items()}
    officers = {w.text.casefold() for run, rule in found.values() if rule.startswith("K") for w in run}
    out: list[Recognised] = []
    for n in sorted(found):
        run, rule = found[n]
        if out and run[0].start < out[-1].end:
            continue
        if all(w.text.casefold() in keep or w.text.casefold() in officers for w in run):
            continue  # a party's name ("Hi Jane"), not a third party's; an officer's ("PC Jones")
        if rule.startswith("N") and run[0].text.casefold() in keep:
            rule = "L3"  # "Jane Patel": perhaps the party, perhaps another Jane
        out.append(Recognised(run[0].start, run[-1].end, text[run[0].start : run[-1].end], rule))
    return _everywhere(text, out)


def _everywhere(text: str, found: list[Recognised]) -> list[Recognised]:
    """``found`` with each name a sure rule masks also masked wherever else the text writes it, as
    written, by that rule: "Sarah Jones you will regret this, I will kill you Sarah Jones" had its
    second name masked and its first left readable (new-code review 2, defect 5)."""
    sure = {r.name: r.rule for r in found if r.sure}
    if not sure:
        return found
    out = [r for r in found if r.sure]
    for name, rule in sure.items():
        for m in re.finditer(rf"(?<![\w'’]){re.escape(name)}(?![\w])", text):
            if not any(r.start < m.end() and m.start() < r.end for r in out):
                out.append(Recognised(m.start(), m.end(), name, rule))
    out += [r for r in found if not r.sure and not any(o.start < r.end and r.start < o.end for o in out)]
    return sorted(out, key=lambda r: r.start)


def party_words(keep: frozenset[str]) -> frozenset[str]:
    """Each word of the parties' names and ids (lower case): a name with one of them is not masked."""
    return frozenset(w for k in keep for w in _WORD.findall(k) if len(w) > 1)


def known_parts(names: Iterable[str], keep: frozenset[str]) -> dict[str, str]:
    """Each first name or surname (``Sam``, ``Okoro``) of a known person's name of two or more words
    (``Sam Okoro``), with its capital, mapped to that name; a word two names share maps to itself. Left
    out: a word of a party's name or id (``keep``, lower case: ``party_words``), a title, and a word of
    fewer than 3 letters."""
    out: dict[str, str] = {}
    for name in names:
        words = _WORD.findall(name)
        if len(words) < 2:
            continue
        for word in words:
            if not name_shaped(word):
                word = word[:1].upper() + word[1:].lower()  # "SAM OKORO", "sam okoro": "Sam"
            if len(word) < 3 or not name_shaped(word) or word.casefold() in keep or word in TITLES:
                continue
            out[word] = name if out.get(word, name) == name else word
    return out


def _greeted(text: str, words: list[_Word], n: int) -> bool:
    """Whether word ``n`` follows a title or a greeting at a sentence's start, as rules N1 and N2 read
    them, or is a sign-off's name."""
    if n:
        prev = words[n - 1]
        between = text[prev.end : words[n].start]
        if prev.text in TITLES and not prev.possessive and re.fullmatch(r"\.?\s+", between):
            return True
        if prev.text.casefold() in GREETINGS and prev.initial and re.fullmatch(r"\s*,?\s*", between):
            return True
    return _signed_off(text, words) is words[n]


def _in_a_longer_name(text: str, words: list[_Word], n: int) -> bool:
    """Whether word ``n`` is joined to another capitalised word that may be a name ("Sam Jones"): that is
    another person's name, for ``recognise`` to read, not a known person's first name alone."""
    before = n > 0 and words[n - 1].shaped and not words[n - 1].stop and _joined(text, words[n - 1], words[n])
    after = n + 1 < len(words) and words[n + 1].shaped and not words[n + 1].stop
    return before or (after and _joined(text, words[n], words[n + 1]))


def _subject(words: list[_Word], n: int) -> bool:
    """Whether word ``n``, at a sentence's start, is what a person is and an ordinary word is not: the
    one who tells or sees ("Will told me", "Rose saw it"), is in a state ("Hope is scared", not "Dawn was
    breaking"), is with someone ("Will and Priya", "Mark and I"), or has something ("Rose's mum")."""
    w = words[n]
    if not w.initial:
        return False
    if w.possessive:
        return True
    after = list(takewhile(lambda x: not x.initial, words[n + 1 : n + 3]))  # within the sentence
    said = [x.text.casefold() for x in after]
    if not said:
        return False
    if said[0] in TELLING:
        return True
    if len(said) < 2:
        return False
    if said[0] in _BE:
        return said[1] in STATES
    return said[0] == "and" and (said[1] in _AND_WHO or (after[1].shaped and not after[1].stop))


def recognise_known(text: str, parts: Mapping[str, str]) -> list[Recognised]:
    """Each known person's first name or surname standing alone in ``text`` (``parts``: ``known_parts``),
    as written with its capital, in order: masked (``N6``); one that is also an ordinary word
    (``ORDINARY_NAMES``: Will, Mark, Rose) only after a greeting or a title, as a sign-off, or at a
    sentence's start where a person is meant (``_subject``: "Will told me", "Hope is scared"); otherwise
    listed (``L4``) mid-sentence or at a sentence's start before "came" or "went", and left alone at a
    sentence's start ("Will you", "Mark my words", "Rose early", "Hope is all I have")."""
    words = _words(text, frozenset())
    out = []
    for n, w in enumerate(words):
        name = w.text if w.text.isascii() else unicodedata.normalize("NFC", w.text)  # as ``parts`` are
        if name not in parts or _in_a_longer_name(text, words, n):
            continue
        if w.text.casefold() not in ORDINARY_NAMES or _greeted(text, words, n) or _subject(words, n):
            rule = "N6"
        elif not w.initial or (
            not w.possessive and n + 1 < len(words) and words[n + 1].text.casefold() in SAYING
        ):
            rule = "L4"
        else:
            continue
        out.append(Recognised(w.start, w.end, name, rule))
    return out
