"""Where a person lives and goes, found in free text by a few explainable patterns.

No model and no network: postcodes, street addresses (with or without a house number, in any case),
flat numbers and named places of daily life (schools, nurseries, hospitals, GP surgeries, a named
workplace; a school or nursery in lower case too) are found by named rules (``A1``–``A7``) and
masked; towns and cities are only listed (``P1``) for a person to check, because a town is often
needed to understand the evidence. Each stop list is written here: words that make "close the door",
"on the way" or "the St John Ambulance" no address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from footprint.report.alternation import AFTER_ESCAPE, Alternation
from footprint.report.names import BRANDS, COMMON, MONTHS_DAYS

#: what each rule finds; ``A…`` are masked, ``P…`` only listed
RULES = {
    "A1": "a UK postcode in any case or spacing (LS6 2QT, ls62qt)",
    "A2": "a house number and a street name ending in a street word, in any case (14 rosebank close,"
    " 14ROSEBANK CLOSE)",
    "A3": "capitalised words ending in a street word, without a house number (Rosebank Close, Otley Rd)",
    "A4": "a street name in any case after 'on', 'in', 'at', 'near', … (on rosebank close)",
    "A5": "a flat or apartment number (flat 3)",
    "A6": "a named school, nursery, hospital, GP surgery or clinic (St Mary's Primary, Leeds General"
    " Infirmary), or a named workplace ('works at X')",
    "A7": "a school, nursery or infirmary named in lower case (st mary's primary school, rosebank academy)",
    "P1": "a town or city (listed, not masked: a town is often needed to understand the evidence)",
}
#: street words: with a house number or capitalised, each is read as ending a street's name
STREET_WORDS = (
    "Road Rd Street St Close Lane Avenue Ave Drive Way Crescent Court Gardens Place Terrace Grove Mews"
    " Boulevard Parade Hill Park Square Row Walk View Rise Green Vale Wharf"
).split()
#: street words read after a preposition in lower case (not "way", "place", "court", "drive", "park":
#: "on the way", "at her place", "for a drive")
LOWER_STREET_WORDS = "road rd street close lane avenue ave crescent terrace grove mews gardens".split()
#: a street word that ends a street's name only with a house number ("Hyde Park", "Castle Hill" alone
#: are places anyone may name)
NUMBERED_ONLY = frozenset("hill park square row walk view rise green vale wharf".split())
#: words that end a named place of daily life
PLACE_WORDS = (
    "Primary School Academy Nursery College University Hospital Infirmary Surgery Clinic Practice"
    " Infants Juniors Preschool Pre-School"
).split()
#: words that cannot make a street's or place's name by themselves ("the Way", "Primary School", "My
#: Way"): articles, pronouns, prepositions, quantities and kinds of school or hospital
FUNCTION = frozenset(
    "the a an my your his her our their its this that these those on in at of to for from by with into"
    " onto off out up down over under near and or but is was are were be am i you he she we they it me"
    " him us them not no so if then when all any some every each one two three four five six seven eight"
    " nine ten hours hour minutes minute mins min days day weeks week months years miles mile times quid"
    " pounds mph km yards doors houses memory half test hard milky which whose very primary secondary"
    " high junior infant infants grammar general medical health dental community private state catholic"
    " local sixth form school hospital college university nursery surgery clinic practice new old"
    " magistrates crown family county youth supreme appeal tennis food outside inside behind opposite"
    " beside across round around along past next".split()
)
#: the words before "Court" that make it a court of law ("Leeds Crown Court")
COURTS = frozenset("magistrates magistrates' crown family county youth supreme appeal high".split())
_STOP = FUNCTION | COMMON | MONTHS_DAYS | BRANDS
#: towns and cities listed (not masked) wherever written; more are found by the disclosure officer
TOWNS = frozenset(
    "london manchester birmingham leeds liverpool bristol sheffield newcastle nottingham leicester"
    " coventry bradford cardiff swansea newport edinburgh glasgow aberdeen dundee belfast brighton oxford"
    " cambridge york hull derby plymouth southampton portsmouth reading norwich exeter bath wigan bolton"
    " salford stockport preston blackpool blackburn burnley sunderland wakefield huddersfield halifax"
    " harrogate ripon selby skipton keighley ilkley otley pudsey castleford pontefract doncaster"
    " rotherham barnsley scarborough whitby middlesbrough darlington durham gateshead carlisle lancaster"
    " chester crewe warrington oldham rochdale bury stoke wolverhampton walsall dudley telford shrewsbury"
    " worcester gloucester cheltenham swindon luton northampton peterborough lincoln"
    " grimsby ipswich colchester chelmsford southend basildon maidstone canterbury dover crawley"
    " guildford woking slough watford stevenage croydon bournemouth poole salisbury taunton torquay"
    " truro wrexham bangor".split()
)
_POSTCODE = re.compile(
    # not inside a file's or folder's name: "…-31475-db52db/" is no postcode DB5 2DB
    r"(?<![A-Za-z0-9_/\\.-])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)(?:[ \t]*|[ \t]*-[ \t]*)"
    r"\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9_/\\-])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(?:1st|2nd|3rd|\dth)$", re.IGNORECASE)
_ANY_STREET = "|".join(STREET_WORDS)
# a house number, and a space or the street's name joined to it by three letters ("14ROSEBANK CLOSE")
_NUMBERED = re.compile(
    rf"(?<![\w.,])\d{{1,4}}(?:[a-z]?,?[ \t]+|(?=[^\W\d_]{{3}}))((?:[^\W\d_][\w'’\-]*[ \t]+){{1,3}}?)"
    rf"({_ANY_STREET})(?!\w)",
    re.IGNORECASE,
)
_CAPITAL_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?"
_NAMED_STREET = re.compile(rf"(?<![\w'’])((?:{_CAPITAL_WORD}[ \t]+){{1,3}})({_ANY_STREET})(?!\w)")
_LOWER_STREET = re.compile(
    r"\b(?:on|in|at|off|along|down|up|near|to|from|by|round|around|onto|into|outside)[ \t]+"
    rf"((?:[^\W\d_][\w'’\-]*[ \t]+){{1,2}}?)({'|'.join(LOWER_STREET_WORDS)})(?!\w)",
    re.IGNORECASE,
)
_FLAT = re.compile(r"\b(?:flat|apartment|apt)\.?[ \t]*(?:no\.?[ \t]*|number[ \t]+)?\d{1,4}[a-z]?\b", re.I)
_NAMED_PLACE = re.compile(
    rf"(?<![\w'’])((?:(?:St\.?|Saint|{_CAPITAL_WORD})[ \t]+){{1,4}})"
    rf"((?:Medical|Health)[ \t]+Centre|{'|'.join(PLACE_WORDS)})"
    r"(?:[ \t]+(?:School|Academy|Centre|Hospital))?(?!\w)"
)
#: the ends of a school's, nursery's or infirmary's name read in any case (rule A7); "primary" alone
#: only after "st" or a possessive ("st mary's primary", not "the main primary reason")
_LOWER_PLACE = re.compile(
    r"(?<![\w'’])(primary[ \t]+school|primary|academy|nursery|infants?[ \t]+school|junior[ \t]+school"
    r"|high[ \t]+school|grammar[ \t]+school|infirmary|medical[ \t]+centre|health[ \t]+centre)(?![\w'’])",
    re.IGNORECASE,
)
#: words that make a school, nursery or academy no named place ("football academy", "plant nursery")
GENERIC = frozenset(
    "football dance drama music sports sport stage driving nursing military summer sunday boarding special"
    " free baby babies child children kids kid garden plant day night police royal performing arts art film"
    " theatre swimming tennis golf boxing martial cricket rugby netball gymnastics coding language"
    " languages".split()
)
_WORD_CHAR, _LETTER = re.compile(r"[\w'’]"), re.compile(r"[^\W\d_]")
_WORKPLACE = re.compile(
    r"\b(?:works?|working|worked|job|shifts?|employed)[ \t]+(?:at|for)[ \t]+(?:the[ \t]+)?"
    r"([A-Z][\w&'’\-]*(?:[ \t]+(?:[A-Z][\w&'’\-]*|of|and|&)){0,4})"
)
_WORD_START, _WORD_END = re.compile(rf"(?:(?<![\w'’])|{AFTER_ESCAPE})"), re.compile(r"(?![\w'’])")
_TOWN = Alternation([(t, True) for t in sorted(TOWNS)], before=_WORD_START, after=_WORD_END)
_WORK_WORDS = ("work", "works", "working", "worked", "job", "shift", "shifts", "employed")
_FLAT_WORDS = ("flat", "apartment", "apt")
_FLAT_HINT = re.compile("|".join(_FLAT_WORDS), re.IGNORECASE)  # anywhere, so "flat3" too
#: the words one of the patterns needs: a text without any of them is read by none of those patterns
_NEEDED = Alternation(
    [(w, True) for w in {*STREET_WORDS, *PLACE_WORDS, "Centre", *_WORK_WORDS}],
    before=_WORD_START,
    after=_WORD_END,
)
_STREET_KEYS = frozenset(w.casefold() for w in STREET_WORDS)
_PLACE_KEYS = frozenset(w.casefold() for w in PLACE_WORDS) | {"centre"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Place:
    """An address or place found in a text: where, the words, the rule (``RULES``), whether masked."""

    start: int
    end: int
    words: str
    rule: str

    @property
    def sure(self) -> bool:
        return self.rule.startswith("A")

    @property
    def kind(self) -> str:
        """Its mask's kind: an address (where she lives) or a place (where she goes)."""
        return "PLACE" if self.rule in ("A6", "A7") else "ADDRESS"


def _named(words: str, stop: frozenset[str] = _STOP) -> bool:
    """Whether ``words`` hold a word that is no stop word: "Rosebank", not only "the", "My", "New"."""
    return any(not _stop(w, stop) for w in _WORD.findall(words))


def _stop(word: str, stop: frozenset[str]) -> bool:
    return word.casefold().replace("’", "'").removesuffix("'s") in stop


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` without leading stop words ("The Leeds Road" is masked from "Leeds")."""
    for m in _WORD.finditer(text, start, end):
        if m.group().casefold() not in FUNCTION:
            return m.start(), end
    return start, end


def _street_of(text: str, m: re.Match[str], *, numbered: bool) -> Place | None:
    """A street's name whose words are not all stop words ("2 hours on the road" is none)."""
    words, street = m.group(1), m.group(2)
    if any(w.casefold() in FUNCTION for w in _WORD.findall(words)) and numbered:
        return None  # "3 miles down the lane": a quantity, not a house number
    if not _named(words):
        return None
    if not numbered and street.casefold() in NUMBERED_ONLY:
        return None
    if street.casefold() == "court" and _WORD.findall(words)[-1].casefold() in COURTS:
        return None  # "Leeds Magistrates Court": a court, not a street
    if numbered:
        return Place(m.start(), m.end(), m.group(), "A2")
    start, end = _trimmed(text, m.start(1), m.end())
    return Place(start, end, text[start:end], "A3")


def _word_before(text: str, end: int) -> tuple[int, str] | None:
    """Where the word that spaces or tabs separate from ``end`` starts, and the word (from its first
    letter), or None. Read back from ``end``: a search from the text's start (a pattern ending in ``$``)
    tried every earlier character, so a 60 KB message of long words and place words took 70 seconds."""
    if end and text[end - 1] == "\n":  # a line break just before the place word, read past as it was
        end -= 1
    stop = end
    while stop > 0 and text[stop - 1] in " \t":
        stop -= 1
    begin = stop
    while begin > 0 and _WORD_CHAR.match(text, begin - 1):
        begin -= 1
    if stop == end or not (letter := _LETTER.search(text, begin, stop)):
        return None
    return letter.start(), text[letter.start() : stop]


def _lower_places(text: str) -> list[Place]:
    """Schools, nurseries and infirmaries named in any case: the one to three words before the place
    word, back to the first stop or generic word ("kids at [rosebank academy]")."""
    found = []
    for m in _LOWER_PLACE.finditer(text):
        start, words = m.start(), list[str]()
        while len(words) < 3 and (w := _word_before(text, start)):
            if _stop(w[1], _STOP | GENERIC):
                break
            words.insert(0, w[1].casefold())
            start = w[0]
        alone = m.group(1).casefold() == "primary"
        if words and (
            not alone or words[0] in ("st", "saint") or any(x.endswith(("'s", "’s")) for x in words)
        ):
            found.append(Place(start, m.end(), text[start : m.end()], "A7"))
    return found


def _streets(text: str, *, digits: bool, lower: bool) -> list[Place]:
    """Street addresses: with a house number (``digits``: the text has one), capitalised, and in lower
    case after a preposition (``lower``: the text has a street word those are read with)."""
    found = []
    for m in _NUMBERED.finditer(text) if digits else ():
        if place := _street_of(text, m, numbered=True):
            found.append(place)
    for m in _NAMED_STREET.finditer(text):
        if place := _street_of(text, m, numbered=False):
            found.append(place)
    for m in _LOWER_STREET.finditer(text) if lower else ():
        words = _WORD.findall(m.group(1))
        if words and not any(w.casefold() in _STOP for w in words):
            found.append(Place(m.start(1), m.end(), text[m.start(1) : m.end()], "A4"))
    return found


def find_places(text: str) -> list[Place]:
    """Each address or place in ``text``, in order, none overlapping (the longest where two start
    together); towns are listed (``P1``) only where no address covers them."""
    found: list[Place] = []
    digits = any(c.isdigit() for c in text)
    needed = {at.word.casefold() for at in _NEEDED.finditer(text)}
    if digits:
        for m in _POSTCODE.finditer(text):
            if m.group().isupper() or not _ORDINAL.search(m.group()):
                found.append(Place(m.start(), m.end(), m.group(), "A1"))
    if needed & _STREET_KEYS:
        found += _streets(text, digits=digits, lower=bool(needed.intersection(LOWER_STREET_WORDS)))
    if digits and _FLAT_HINT.search(text):  # "flat3" too
        found += [Place(m.start(), m.end(), m.group(), "A5") for m in _FLAT.finditer(text)]
    if needed & _PLACE_KEYS:
        for m in _NAMED_PLACE.finditer(text):
            if _named(m.group(1)):
                start, end = _trimmed(text, m.start(1), m.end())
                found.append(Place(start, end, text[start:end], "A6"))
        found += _lower_places(text)  # after: where both find the same words, A6 is their rule
    if needed.intersection(_WORK_WORDS):
        for m in _WORKPLACE.finditer(text):
            employer = re.sub(r"(?:[ \t]+(?:of|and|&))+$", "", m.group(1))
            if _named(employer, FUNCTION | COMMON):  # a brand is a workplace here ("works at Tesco")
                found.append(Place(m.start(1), m.start(1) + len(employer), employer, "A6"))
    found += [Place(at.start, at.end, text[at.start : at.end], "P1") for at in _TOWN.finditer(text)]
    found.sort(key=lambda p: (p.start, not p.sure, -(p.end - p.start)))
    out: list[Place] = []
    for p in found:
        if not out or p.start >= out[-1].end:
            out.append(p)
        elif p.sure and p.end > out[-1].end and out[-1].sure and p.start < out[-1].end:
            # two addresses overlapping ("14 Mill Lane" and "Mill Lane, Harrogate"): one span
            last = out[-1]
            out[-1] = Place(last.start, p.end, text[last.start : p.end], last.rule)
    return out


def case_places(columns: Iterable[str], texts: Iterable[str]) -> tuple[str, ...]:
    """The addresses and places the case itself names, to be masked wherever written, in any case:
    each a rule finds in ``texts`` (an order's conditions: "not to enter Rosebank Close") and in
    ``columns`` (an incident's place column), and a column's whole value too where it has a
    capitalised word that is no common word nor town ("home", "Leeds": a town is listed, not masked)."""
    columns = tuple(columns)
    out: set[str] = set()
    for value in columns:
        value = " ".join(value.split())
        if any(w[0].isupper() and not _stop(w, _STOP | TOWNS) for w in _WORD.findall(value)):
            out.add(value)  # "Kirkstall Retail Park", not "Outside her flat" nor "Leeds"
    for value in (*columns, *texts):
        out.update(p.words for p in find_places(value) if p.sure)
    return tuple(sorted(out, key=lambda p: (-len(p), p)))
