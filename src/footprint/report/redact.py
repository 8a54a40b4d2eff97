"""Disclosure copies: mask third-party phone numbers, emails, addresses, names and coordinates, consistently
per value."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import phonenumbers

from footprint.ingest.phones import PHONE_PLATFORMS, parsed_e164
from footprint.report.alternation import AFTER_ESCAPE, Alternation, alternation
from footprint.report.coordinates import Coordinates
from footprint.report.locations import find_locations
from footprint.report.names import ORDINARY_NAMES, known_parts, party_words, recognise, recognise_known
from footprint.report.names import RULES as NAME_RULES
from footprint.report.places import RULES as PLACE_RULES
from footprint.report.places import find_places
from footprint.report.spans import Spans
from footprint.visible import plain_spaces

# starts only where a run of such characters starts, so a long run without "@" is read once, not once
# from every character (a 1 MB message took hours)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
_DIGITS = re.compile(r"\+?\d[\d\s().\-]{6,}\d")
# an e-mail address written with "(at)" or "[at]", and "(dot)" or "." (``priya(at)example(dot)com``)
_AT_DOT = re.compile(r"\s*[(\[]dot[)\]]\s*|\.", re.IGNORECASE)
_EMAIL_AT = re.compile(
    r"(?<![A-Za-z0-9._%+\-])([A-Za-z0-9._%+\-]+)\s*[(\[]at[)\]]\s*"
    r"((?:[A-Za-z0-9\-]+(?:\s*[(\[]dot[)\]]\s*|\.))+[A-Za-z]{2,})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# a profile's id in a link: facebook.com/profile.php?id=100012345678, ?user_id=…, &uid=…
_PROFILE_ID = re.compile(r"(?:profile\.php\?id=|[?&](?:user_?id|uid)=)(\d{5,})", re.IGNORECASE)
_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")  # a postcode's letters and digits, no space
# where a name, an account's id and a name joined into a Meta thread folder's name may start and end
_WORD_START, _WORD_END = re.compile(rf"(?:(?<!\w)|{AFTER_ESCAPE})"), re.compile(r"(?!\w)")
_ID_START = re.compile(r"(?<![A-Za-z0-9])", re.IGNORECASE)
_ID_END = re.compile(r"(?![A-Za-z0-9])", re.IGNORECASE)
_SLUG_START = re.compile(r"(?<![0-9a-z])", re.IGNORECASE)
_SLUG_END = re.compile(r"(?=_\d|[^0-9a-z]|$)", re.IGNORECASE)
KINDS = ("PHONE", "EMAIL", "ADDRESS", "PLACE", "NAME", "ACCOUNT", "LOCATION", "LINK")
# A name shorter than this ("A", "Jo") cannot be told from a letter or word in text: it is masked where it
# is a speaker's, participant's or account's name (and in a raw record's fields), never looked for in text.
MIN_TEXT_NAME = 3
# A name shorter than this ("Tom", "Will") is masked in text only with the capitals it was given, so the
# word "will" is not; a longer name in any capitals.
CASELESS_NAME = 6
_PLATFORM = re.compile(r"[a-z][a-z0-9_]*:")
#: a platform's id for an account with a digit is looked for in text from this length; a shorter one, or
#: one with no digit (``bob``, ``ab1``), could be anyone's word there: it is masked only where it stands
#: as an id (``_HANDLE``, ``_ID_FIELD``, a field holding it whole)
MIN_ID = 6
# Telegram keys a person "user123…" and their chat with you "123…": one id, one mask
_TELEGRAM_PEER = re.compile(rf"(?:user|channel|chat)(\d{{{MIN_ID},}})")
# a raw record's field that holds a number: ``"date_unixtime": "1678785300"``, ``"ids": ["1", "2"]``
_NUMBER_FIELD = re.compile(r'"([A-Za-z_][A-Za-z0-9_]*)"\s*:\s*(\[[\d\s",]*\]|"\d+"|\d+)')
_ALNUM = re.compile(r"[A-Za-z0-9]+")
# Where an id too short (or too like a word) to look for in text stands as an id: after "@" or a
# platform's "PLATFORM:" in any text ("@bob", "discord:bob"), and in a raw record's fields and the names
# of conversations, as a whole quoted value or key, or a part of a key between ":" and "-"
# ("from": "bob", discord:dm:bob-ab1)
_HANDLE = re.compile(r"(?:(?<![A-Za-z0-9_.])@|\b[a-z][a-z0-9_]*:)([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)", re.I)
_ID_FIELD = re.compile(r"(?:(?<=[\"':@\-])|^)([^\"':@\-\s]+)(?=[\"':\-]|$)")
#: a file name's extension (``.jpg``, ``.vcf``, ``.opus``): kept when the name is masked
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
#: digits that may be a phone number joined into a file name (``photo_of_07700900123.jpg``)
_DIGIT_RUN = re.compile(r"(?<!\d)\+?\d{10,15}(?!\d)")
#: what ends a file name written in text (``sent photo_of_07700900123.jpg (file attached)``)
_NOT_IN_NAME = frozenset(" \t\r\n\"'<>()[]{},;|/\\")
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
#: the last word of a raw field's name that makes its number a time or an id, never a phone number
TIME_OR_ID_WORDS = frozenset(
    {"id", "ids", "date", "time", "timestamp", "unixtime", "at", "ts", "ms", "seconds", "epoch"}
)
#: what a redacted copy gives in place of an original's SHA-256: with it, a reader could refill a mask
#: with guesses and hash each until one matches the original
HASH_WITHHELD = (
    "withheld in a redacted copy (it would confirm a guess at what is masked);"
    " available on request from the disclosure officer"
)


@dataclass(frozen=True)
class Carried:
    """The names the rules recognised and masked in an item's text (``Redactor.item_text``), to be masked
    with the same mask wherever the item's details and raw record write the same words."""

    pattern: Alternation | None = None
    # each name as written in the text: the key its mask is kept under, and why it was masked there
    names: dict[str, tuple[str, str]] = field(default_factory=dict)


NOTHING_CARRIED = Carried()


@dataclass(frozen=True)
class RedactionEntry:
    """One masked occurrence: which mask, what kind, the original value and where it was."""

    mask: str
    kind: str
    value: str
    where: str
    why: str  # a given name or id, or the pattern or rule that found it


@dataclass(frozen=True)
class LeftInText:
    """A third party's name left unmasked in text, because there it cannot be told from an ordinary word."""

    name: str
    mask: str  # its mask where it was masked (as a speaker, or as written), "" when nowhere
    count: int
    first: str  # where the first one left is
    why: str


@dataclass(frozen=True)
class NameToCheck:
    """Words in a message's text that may be a person's name, left unmasked for a person to check."""

    words: str
    where: str
    rule: str
    why: str

    @property
    def kind(self) -> str:
        """What the words may be: a "place" (a town, rule ``P1``) or a "name"."""
        return "place" if self.rule.startswith("P") else "name"


GIVEN_NAME = "given name (a person with role other, an account not attributed to a party, or --redact-name)"
GIVEN_ID = "given id (an account not attributed to a party)"
#: why an id or name is masked whose account a link ties to the suspect's (``disclosure_rows.
#: linked_to_suspect``): as a third party's until a person attributes it, saying so (the MG6D lists each)
LINKED_ACCOUNT = "an account not attributed to a party, though a link ties it to the suspect's"
#: why a party's own account id is masked: the disclosure officer gave it (``--redact-name``)
ASKED_ID = "given id (a party's account the disclosure officer asked to mask, --redact-name)"
DEVICE_OWNER = "a device's owner, named in an image's EXIF make and model (Priya's iPhone)"
GIVEN_PLACE = "given place (an incident's place column, or found in a court order's conditions)"
#: each rule that finds a name or a place, by its letter and number (``N5``, ``A2``, ``P1``)
RULES = {**NAME_RULES, **PLACE_RULES}
_Match = tuple[int, int, str, str, str]  # start, end, kind, normalised value, why
#: how a name the rules recognised in a person's words is logged ("recognised name, rule N2: …")
RECOGNISED = "recognised name"
#: added to its reason where an item's text's recognised name is masked in the item's other fields
CARRIED_WHY = "; recognised in the item's text"

#: a text up to this long is read once and what was found in it kept (up to SEEN texts)
SEEN_LENGTH = 200
SEEN = 20_000
#: the shortest joined-up name looked for in a thread's folder name (shorter ones are too common)
MIN_SLUG = 6


def _slug(name: str) -> str:
    """A name as Meta joins it into a thread folder's name: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _name_key(name: str) -> str:
    """What one name's mask is kept under: ``@Handle`` and ``handle`` are one name."""
    return name.lower().removeprefix("@")


def _written_forms(names: Iterable[str]) -> set[str]:
    """The names, each handle (``@victim_example``) also without its "@", as a raw record has it, and
    each name of two or more words also joined by "-" and by "_" (``Priya-Sharma-iPhone``, a device's
    name)."""
    out = set(names)
    out |= {n[1:] for n in out if n.startswith("@") and len(n) > 1}
    return out | {joined for n in out for joined in _joined(n)}


def _composed(name: str) -> str:
    """A name given to be masked, trimmed and composed (NFC), as the text it is looked for in is read."""
    return unicodedata.normalize("NFC", name.strip())


def _joined(name: str) -> tuple[str, ...]:
    """A name of two or more words joined by "-" and by "_" (``Priya-Sharma``, ``Priya_Sharma``)."""
    words = name.split()
    return tuple(sep.join(words) for sep in "-_") if len(words) > 1 else ()


def _times_and_ids(text: str) -> list[tuple[int, int]]:
    """Where a raw record's field named as a time or an id holds a number (``date_unixtime``,
    ``createdAt``, ``recipientId``): such a number is not taken for a phone number."""
    spans = []
    for m in _NUMBER_FIELD.finditer(text):
        words = _WORDS.findall(m.group(1))
        if words and words[-1].lower() in TIME_OR_ID_WORDS:
            spans.append(m.span(2))
    return spans


def _names_pattern(names: Sequence[str], *, text: bool) -> Alternation | None:
    """Whole-word alternatives, longest first; short names only with their own capitals. In ``text``,
    names too short to look for there are left out."""
    wanted = sorted((n for n in names if not text or len(n) >= MIN_TEXT_NAME), key=lambda n: (-len(n), n))
    return alternation([(n, len(n) >= CASELESS_NAME) for n in wanted], before=_WORD_START, after=_WORD_END)


@dataclass
class Redactor:
    """Masks third-party identifiers; parties' own identifiers and names are kept."""

    keep: frozenset[str]
    names: tuple[str, ...] = ()
    # keys (``PLATFORM:ID``) of accounts not attributed to a party: their ids are masked wherever they stand
    accounts: tuple[str, ...] = ()
    # why some of those accounts' ids are masked, where not for GIVEN_ID (a link ties the account to the
    # suspect's; a party's the officer asked to mask), by key; and their names (an SMS account's name is
    # often its number) with the same reason
    reasons: Mapping[str, str] = field(default_factory=dict)
    name_reasons: Mapping[str, str] = field(default_factory=dict)
    masks: dict[tuple[str, str], str] = field(default_factory=dict)
    log: list[RedactionEntry] = field(default_factory=list)
    # per short name: how many times it was left in text, and where first
    left: dict[str, tuple[int, str]] = field(default_factory=dict)
    # words that may be a name, listed and not masked (each where, words and rule once)
    unsure: dict[tuple[str, str, str], NameToCheck] = field(default_factory=dict)
    # addresses and places the case itself names (``places.case_places``): masked wherever written
    places: tuple[str, ...] = ()
    # people an image's device is named after (``exif_fields.device_owners``): masked as given names are,
    # with their own reason
    owners: tuple[str, ...] = ()
    # the people working the case, from the audit log (``names.case_actors``): their names, recognised in
    # a person's words, are kept (rule K2), as a name after a police rank is (K1)
    actors: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        # how many masks of each kind there are (counted once, not again for each new mask: thousands took
        # seconds)
        self._per_kind = Counter(kind for kind, _ in self.masks)
        # what was found in a short text read before (a speaker's key, a raw record's fields): found once
        self._seen: dict[tuple[str, bool, bool, bool], tuple[tuple[_Match, ...], tuple[_Match, ...]]] = {}
        self._party_words = party_words(self.keep)
        wanted_places = sorted({p for p in self.places if p.strip()}, key=lambda p: (-len(p), p))
        self._places = alternation([(p, True) for p in wanted_places], before=_WORD_START, after=_WORD_END)
        given = {n for n in map(_composed, self.names) if n and not {n.lower(), _name_key(n)} & self.keep}
        owners = {n for n in map(_composed, self.owners) if n and n.lower() not in self.keep} - given
        # why each name is masked, by its key: a given name's reason wins over a device owner's
        self._why = {_name_key(n): DEVICE_OWNER for n in owners} | {_name_key(n): GIVEN_NAME for n in given}
        self._why |= {
            k: why for n, why in self.name_reasons.items() if (k := _name_key(_composed(n))) in self._why
        }
        named = given | owners
        # a name of two or more words joined by "-" or "_" ("Priya-Sharma-iPhone", a device's name) is
        # the same name, with its mask
        self._joined = {_name_key(j): _name_key(n) for n in named for j in _joined(n)}
        wanted = sorted(_written_forms(named))
        self._names = _names_pattern(wanted, text=True)
        self._fields = _names_pattern(wanted, text=False)
        self._exact = {n if len(n) < CASELESS_NAME else n.casefold(): n for n in wanted}
        # Meta names a thread's folder after its people, joined up: "alexsuspect_1234567890"
        self._slugs = {slug: self._key(n) for n in wanted if len(slug := _slug(n)) >= MIN_SLUG}
        self._slug_pattern = alternation(
            [(s, True) for s in sorted(self._slugs, key=len, reverse=True)],
            before=_SLUG_START,
            after=_SLUG_END,
        )
        # a known person's first name or surname alone ("Sam" of Sam Okoro): its mask is the name's where
        # only one known name has it; counted where written in other capitals, unless an ordinary word
        parts = known_parts(named, self._party_words)
        self._parts = {p: _name_key(n) for p, n in parts.items()}
        self._parts_pattern = alternation([(p, False) for p in parts], before=_WORD_START, after=_WORD_END)
        self._parts_left = {p.casefold(): p for p in parts if p.casefold() not in ORDINARY_NAMES}
        self._parts_any_case = alternation(
            [(p, True) for p in self._parts_left.values()], before=_WORD_START, after=_WORD_END
        )
        short = [n for n in wanted if len(n) < CASELESS_NAME]
        self._short = {n.casefold(): n for n in short}
        self._any_case = alternation([(n, True) for n in short], before=_WORD_START, after=_WORD_END)
        ids, self._short_ids = self._account_ids({n.casefold() for n in wanted})
        # an id of letters and digits only is looked up word by word (thousands of accounts cost nothing);
        # the few with other characters (email addresses) are looked for as a pattern
        self._word_ids = {i: v for i, v in ids.items() if _ALNUM.fullmatch(i)}
        self._ids = {i: v for i, v in ids.items() if i not in self._word_ids}
        self._id_pattern = alternation(
            [(i, True) for i in sorted(self._ids, key=lambda i: (-len(i), i))],
            before=_ID_START,
            after=_ID_END,
        )

    def _key(self, name: str) -> str:
        """What ``name``'s mask is kept under, a name joined by "-" or "_" under its own."""
        key = _name_key(name)
        return self._joined.get(key, key)

    def _account_ids(
        self, names: set[str]
    ) -> tuple[dict[str, tuple[str, str, str]], dict[str, tuple[str, str, str]]]:
        """Each third-party account's id as it may be written, with the kind and value it is masked as:
        a phone number (on a phone platform) or email address as those are in text, else an ACCOUNT.
        Second, the ids looked for only where an id stands (``short_ids``): shorter than MIN_ID, or
        without a digit, and not a name (a name is masked as a name)."""
        ids: dict[str, tuple[str, str, str]] = {}
        short: dict[str, tuple[str, str, str]] = {}
        for key in self.accounts:
            why = self.reasons.get(key, GIVEN_ID)
            platform, _, native = key.partition(":")
            native = native.strip()
            if not native or native.lower() in self.keep:
                continue  # a party's
            phone = parsed_e164(native) if platform in PHONE_PLATFORMS else None
            if phone is not None and phone not in self.keep:
                ids[native.lower()] = ("PHONE", phone, why)
            elif _EMAIL.fullmatch(native):
                ids[native.lower()] = ("EMAIL", native.lower(), why)
            elif phone is not None:
                continue
            elif len(native) >= MIN_ID and any(c.isdigit() for c in native):
                ids[native.lower()] = ("ACCOUNT", native.lower(), why)
                if peer := _TELEGRAM_PEER.fullmatch(native):
                    ids.setdefault(peer.group(1), ("ACCOUNT", native.lower(), why))
            elif native.casefold() not in names and not any(c.isspace() for c in native):
                short[native.lower()] = ("ACCOUNT", native.lower(), why)
        return ids, {i: v for i, v in short.items() if i not in ids}

    def _mask(self, kind: str, norm: str, value: str, where: str, why: str) -> str:
        key = (kind, norm)
        mask = self.masks.get(key)
        if mask is None:
            count = self._per_kind[kind] = self._per_kind[kind] + 1
            mask = self.masks[key] = f"[{kind}-{count}]"
        self.log.append(RedactionEntry(mask, kind, value, where, why))
        return mask

    def _matches(
        self,
        text: str,
        where: str,
        *,
        fields: bool = False,
        count: bool = True,
        file: bool = False,
        free: bool = False,
    ) -> tuple[_Match, ...]:
        """Every identifier to mask in ``text``, in order, none overlapping. ``fields``: a raw record's
        fields or a name of a conversation or file (names however short; ids where they stand);
        ``file``: the whole of ``text`` is a file name's stem; ``free``: a message's text, where names
        nobody gave are recognised too (``names.recognise``), and the unsure ones listed."""
        key = (text, fields, file, free)
        seen = self._seen.get(key)
        if seen is None:
            seen = self._find(text, fields=fields, file=file, free=free)
            if len(text) <= SEEN_LENGTH:
                if len(self._seen) >= SEEN:
                    self._seen.clear()
                self._seen[key] = seen
        chosen, unsure = seen
        if count:
            if not fields:
                self._count_left(text, where, chosen, free=free)
            for _start, _end, _kind, words, rule in unsure:
                self.unsure.setdefault((where, words, rule), NameToCheck(words, where, rule, RULES[rule]))
        return chosen

    def _find(
        self, text: str, *, fields: bool, file: bool, free: bool
    ) -> tuple[tuple[_Match, ...], tuple[_Match, ...]]:
        """What ``_matches`` gives, uncounted, and the words listed as possible names."""
        text = plain_spaces(text)  # one for one: offsets found are the text's
        found: list[_Match] = []
        if self._short_ids:  # looked up token by token, like the longer ids
            for pattern in (_HANDLE, _ID_FIELD) if fields else (_HANDLE,):
                for m in pattern.finditer(text):
                    if hit := self._short_ids.get(m.group(1).lower()):
                        found.append((m.start(1), m.end(1), *hit))
        # account ids first: where a phone match has the same span, the id's wins
        if self._word_ids:
            for m in _ALNUM.finditer(text):
                if hit := self._word_ids.get(m.group().lower()):
                    found.append((m.start(), m.end(), *hit))
        if self._id_pattern is not None:
            for at in self._id_pattern.finditer(text):  # as the id it is, however written ("İ", "ı")
                found.append((at.start, at.end, *self._ids[at.word]))
        for m in _EMAIL.finditer(text):
            if m.group().lower() not in self.keep:
                found.append((m.start(), m.end(), "EMAIL", m.group().lower(), "pattern: e-mail address"))
        found += self._disguised(text)
        if _DIGITS.search(text):
            numbers = _times_and_ids(text) if fields else []
            matcher = (
                phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
                if _enough_digits(text, numbers)
                else ()
            )
            for pm in matcher:
                if not _plausible(text, pm.start, pm.end) or any(
                    a < pm.end and pm.start < b for a, b in numbers
                ):
                    continue
                norm = phonenumbers.format_number(pm.number, phonenumbers.PhoneNumberFormat.E164)
                if norm not in self.keep:
                    found.append((pm.start, pm.end, "PHONE", norm, "pattern: phone number"))
            found += self._phones_in_file_names(text, whole=file)
        # a party's own too: her photos place her home
        for c in find_locations(text):
            found.append((c.start, c.end, c.kind, c.place, c.why))
        if self._places is not None:  # before the patterns: where one finds the same words, it wins
            for at in self._places.finditer(text):
                found.append((at.start, at.end, "ADDRESS", _place_key(at.word), GIVEN_PLACE))
        unsure: list[_Match] = []
        for p in find_places(text):
            if p.sure and (norm := _place_key(p.words)).lower() not in self.keep:
                found.append((p.start, p.end, p.kind, norm, f"pattern, rule {p.rule}: {RULES[p.rule]}"))
            elif not p.sure and free:  # a town: listed for a person to check, in messages' text
                unsure.append((p.start, p.end, "", p.words, p.rule))
        names = self._fields if fields else self._names
        if names is not None:  # in a file name, "_" parts words: photo_of_Tom_Other.jpg
            for at in names.finditer(text.replace("_", " ") if file else text):
                # "İPEK" is İpek's mask
                key = self._key(at.word)
                found.append((at.start, at.end, "NAME", key, self._why.get(key, GIVEN_NAME)))
        if fields:
            found += self._slug_matches(text)
        if free:  # after the given names: where one is found at the same place, it wins
            found += self._known_parts(text, unsure)
            towns = Spans(
                (u[0], u[1]) for u in unsure
            )  # and the known names listed: one row for the same words
            for r in recognise(text, self._party_words, staff=self.actors):
                if r.sure and r.name.lower() not in self.keep:
                    why = f"{RECOGNISED}, rule {r.rule}: {RULES[r.rule]}"
                    found.append((r.start, r.end, "NAME", _name_key(r.name), why))
                elif not r.sure and not towns.overlaps(r.start, r.end):
                    unsure.append((r.start, r.end, "", r.name, r.rule))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        chosen: list[_Match] = []
        for f in found:
            if not chosen or f[0] >= chosen[-1][1]:
                chosen.append(f)
        taken = Spans((c[0], c[1]) for c in chosen)
        return tuple(chosen), tuple(u for u in unsure if not taken.overlaps(u[0], u[1]))

    def _known_parts(self, text: str, unsure: list[_Match]) -> list[_Match]:
        """A known person's first name or surname alone (``names.recognise_known``), to mask; those
        only listed (``L4``) are added to ``unsure``."""
        if self._parts_pattern is None or next(self._parts_pattern.finditer(text), None) is None:
            return []
        found: list[_Match] = []
        for r in recognise_known(text, self._parts):
            if r.sure:
                why = f"{RECOGNISED}, rule {r.rule}: {RULES[r.rule]}"
                found.append((r.start, r.end, "NAME", self._parts[r.name], why))
            else:
                unsure.append((r.start, r.end, "", r.name, r.rule))
        return found

    def _disguised(self, text: str) -> list[_Match]:
        """An e-mail address written to dodge harvesters (``priya.patel(at)example(dot)com``), masked as
        the address it is, and a profile's id in a link (``profile.php?id=100012345678``) as an account's;
        a party's own are kept."""
        found: list[_Match] = []
        if "at" in text.lower():
            for m in _EMAIL_AT.finditer(text):
                norm = f"{m.group(1)}@{_AT_DOT.sub('.', m.group(2))}".lower()
                if norm not in self.keep:
                    found.append(
                        (m.start(), m.end(), "EMAIL", norm, "pattern: e-mail address written with (at)")
                    )
        if "id=" in text:
            for m in _PROFILE_ID.finditer(text):
                if m.group(1) not in self.keep:
                    found.append(
                        (m.start(1), m.end(1), "ACCOUNT", m.group(1), "pattern: profile id in a link")
                    )
        return found

    def _phones_in_file_names(self, text: str, *, whole: bool) -> list[_Match]:
        """Phone numbers joined into a file name (``photo_of_07700900123.jpg``), which ``_plausible``
        leaves alone elsewhere: in ``text`` that is a file name's stem (``whole``), or in a word of text
        that ends in a file name's extension."""
        found = []
        end, named = 0, whole  # the end of the word the last run was in, and whether it is a file name
        for m in _DIGIT_RUN.finditer(text):
            if not whole and m.start() >= end:  # a new word: each character is read once
                end = m.end()
                while end < len(text) and text[end] not in _NOT_IN_NAME:
                    end += 1
                named = bool(_EXTENSION.search(text[m.end() : end].rstrip(".:!?")))
            if not named:
                continue
            norm = parsed_e164(m.group())
            if norm is not None and norm not in self.keep:
                found.append((m.start(), m.end(), "PHONE", norm, "pattern: phone number in a file name"))
        return found

    def _count_left(self, text: str, where: str, chosen: Sequence[_Match], *, free: bool) -> None:
        """Note each short name (in any capitals) that stays in the text unmasked; in ``free`` text, each
        known person's first name or surname that is no ordinary word, too (written in other capitals)."""
        starts = [c[0] for c in chosen]  # in order and not overlapping
        for pattern, names in ((self._any_case, self._short), (self._parts_any_case, self._parts_left)):
            if pattern is None or (names is self._parts_left and not free):
                continue
            for m in pattern.finditer(text):
                n = bisect.bisect_right(starts, m.start) - 1
                if n >= 0 and m.start < chosen[n][1]:
                    continue
                name = names[m.word.casefold()]
                if names is self._parts_left and text[m.start : m.end] == name:
                    continue  # with its capital: the rules read it ("Sam Jones" is another Sam)
                count, first = self.left.get(name, (0, where))
                self.left[name] = (count + 1, first)

    def left_in_text(self) -> tuple[LeftInText, ...]:
        """Each short name left in text unmasked, with how often, where first, and why."""
        out = []
        for name, (count, first) in sorted(self.left.items()):
            mask = self.masks.get(("NAME", self._parts.get(name, _name_key(name))), "")
            part = name in self._parts and name not in self._short.values()
            why = (
                "a known person's first name or surname alone is masked in text only where written with"
                " its capital (rule N6): these are written in other capitals"
                if part
                else f"a name of fewer than {MIN_TEXT_NAME} characters cannot be told from a letter or word"
                " in text: it is masked only where it names a speaker, participant or account"
                if len(name) < MIN_TEXT_NAME
                else f"a name of fewer than {CASELESS_NAME} characters is masked in text only as written,"
                " so that an ordinary word is not: these are written in other capitals"
            )
            out.append(LeftInText(name, mask, count, first, why))
        return tuple(out)

    def _name_of(self, native: str) -> str | None:
        """The third party's name ``native`` is (a short one only in its own capitals), else None."""
        name = self._exact.get(native) or self._exact.get(native.casefold())
        return name if name is not None and (len(name) >= CASELESS_NAME or name == native) else None

    def masks_name(self, name: str) -> bool:
        """Whether ``name`` is one this redactor masks wherever it names someone."""
        return self._name_of(name.strip()) is not None

    def field(self, value: str, where: str) -> str:
        """A speaker's, participant's or account's name or key (``PLATFORM:ID``): masked whole when it is
        a third party's name, however short; otherwise masked as text."""
        prefix = m.group() if (m := _PLATFORM.match(value)) else ""
        native = value[len(prefix) :].strip()
        name = self._name_of(native)
        if name is not None:
            key = self._key(name)
            return prefix + self._mask("NAME", key, native, where, self._why.get(key, GIVEN_NAME))
        if short := self._short_ids.get(native.lower()):
            kind, norm, why = short
            return prefix + self._mask(kind, norm, native, where, why)
        return self.text(value, where)

    def place(self, value: str, place: str, where: str, why: str) -> str:
        """``value`` masked whole as the place ``place`` (``coordinates.place_in_fields``: a latitude or
        longitude kept in a field of its own, which alone is no place)."""
        return self._mask("LOCATION", place, value, where, why)

    def file_name(self, value: str, where: str) -> str:
        """A file's name (an attachment's, an exhibit's) with every identifier masked wherever it stands
        in it, a phone number joined to other characters too (``photo_of_[PHONE-1].jpg``); names as in
        a field; the extension kept (``[PHONE-1].vcf``)."""
        ext = m.group() if (m := _EXTENSION.search(value)) else ""
        stem = value[: len(value) - len(ext)]
        return self._apply(stem, self._matches(stem, where, fields=True, file=True), where)[0] + ext

    def record(
        self,
        value: str | None,
        text: str,
        where: str,
        files: Sequence[str] = (),
        carried: Carried = NOTHING_CARRIED,
    ) -> str:
        """A raw record as read: its message ``text`` masked as text, the rest (the speaker, the time,
        the record's fields) with every third party's name masked, however short; each of ``files``
        (the item's attachments' names) masked as ``file_name`` masks it; the names ``carried`` from
        the item's text wherever the rest writes them (``item_text``)."""
        if not value:
            return value or ""
        at = value.rfind(text) if text else -1
        if at < 0:
            return self.names_masked(value, where, files, carried)
        end = at + len(text)
        found = self._with_files(text, self._matches(text, where, count=False, free=True), files, where)
        return (
            self.names_masked(value[:at], where, files, carried)
            + self._apply(text, found, where)[0]  # counted as the text
            + self.names_masked(value[end:], where, files, carried)
        )

    def names_masked(
        self, value: str, where: str, files: Sequence[str] = (), carried: Carried = NOTHING_CARRIED
    ) -> str:
        """``value`` with every third party's name masked, however short (a raw record's fields, the
        name of a conversation or file: ``WhatsApp Chat with B``), and other identifiers as in text;
        each of ``files`` as ``file_name`` masks it; the names ``carried`` from an item's text too."""
        found = self._with_files(value, self._matches(value, where, fields=True), files, where)
        return self._apply(value, self._with_carried(value, found, carried), where)[0]

    def item_text(
        self, value: str, where: str, files: Sequence[str] = (), *, places: Sequence[Coordinates] = ()
    ) -> tuple[str, Callable[[int], int], Carried]:
        """An item's text masked as ``text_with_offsets`` masks a person's words (``free``), and the names
        the rules recognised and masked in it: ``record`` and ``text`` mask them, with the same mask,
        wherever the item's raw record and details write the same words (a UFED location's text
        ``51.5, -0.12 — Sarah`` is written from its ``Description`` field, which rule N2 cannot read)."""
        found = self._text_matches(value, where, files, free=True, places=places)
        masked, mapper = self._apply(value, found, where)
        return masked, mapper, self._carried(value, found)

    def _carried(self, value: str, found: Sequence[_Match]) -> Carried:
        """The names the rules recognised among ``found`` in ``value``, each as written there."""
        names: dict[str, tuple[str, str]] = {}
        for start, end, _kind, key, why in found:
            if why.startswith(RECOGNISED):
                names.setdefault(value[start:end], (key, why + CARRIED_WHY))
        if not names:
            return NOTHING_CARRIED
        return Carried(_names_pattern(sorted(names), text=False), names)

    def _with_carried(self, value: str, chosen: Sequence[_Match], carried: Carried) -> Sequence[_Match]:
        """``chosen``, with each place ``value`` writes a name ``carried`` from an item's text (a whole
        word, a short name in its own capitals as ``_names_pattern`` reads one) masked where nothing
        else is."""
        if carried.pattern is None:
            return chosen
        spans = [(m.start, m.end, "NAME", *carried.names[m.word]) for m in carried.pattern.finditer(value)]
        taken = Spans((c[0], c[1]) for c in chosen)
        extra = [span for span in spans if not taken.overlaps(span[0], span[1])]
        return sorted([*chosen, *extra], key=lambda c: c[0]) if extra else chosen

    def _with_files(
        self, value: str, chosen: Sequence[_Match], files: Sequence[str], where: str
    ) -> tuple[_Match, ...]:
        """``chosen``, with each place ``value`` holds one of ``files`` whole masked as ``file_name``
        masks that name (``<attached: Priya_Patel_payslip.pdf>`` as ``[NAME-1]_payslip.pdf``): a name
        masked in the attachment list is masked wherever the item names the file."""
        spans: list[tuple[int, int]] = []
        extra: list[_Match] = []
        for name in sorted(set(files), key=lambda n: (-len(n), n)):
            ext = m.group() if (m := _EXTENSION.search(name)) else ""
            stem = name[: len(name) - len(ext)]
            inside = self._matches(stem, where, fields=True, file=True) if stem else ()
            at = value.find(name) if inside else -1
            while at >= 0:
                if not any(a < at + len(name) and at < b for a, b in spans):
                    spans.append((at, at + len(name)))
                    extra += [(at + m[0], at + m[1], *m[2:]) for m in inside]
                at = value.find(name, at + len(name))
        if not extra:
            return tuple(chosen)
        kept = [c for c in chosen if not any(c[0] < b and a < c[1] for a, b in spans)]
        return tuple(sorted([*kept, *extra], key=lambda c: c[0]))

    def _slug_matches(self, text: str) -> list[_Match]:
        if self._slug_pattern is None:
            return []
        why = f"{GIVEN_NAME}, joined into a thread folder's name"
        return [(m.start, m.end, "NAME", self._slugs[m.word], why) for m in self._slug_pattern.finditer(text)]

    def slugs_masked(self, value: str, where: str) -> str:
        """``value`` with each third party's name masked where Meta joined it into a thread folder's name
        (``…/inbox/alexsuspect_1234567890/message_1.json``): for locators and the words that cite them."""
        return self._apply(value, self._slug_matches(value), where)[0]

    def text(
        self,
        value: str | None,
        where: str,
        files: Sequence[str] = (),
        carried: Carried = NOTHING_CARRIED,
        *,
        free: bool = False,
    ) -> str:
        """The value with third-party identifiers masked (``None`` becomes empty); each of ``files``
        (an item's attachments' names) as ``file_name`` masks it; the names ``carried`` from an item's
        text (``item_text``: an item's details) too; ``free``: a person's words (a message, an
        examiner's note, a reviewer's reason), where names nobody gave are recognised too."""
        if not value:
            return value or ""
        found = self._text_matches(value, where, files, free=free)
        return self._apply(value, self._with_carried(value, found, carried), where)[0]

    def text_with_offsets(
        self,
        value: str | None,
        where: str,
        files: Sequence[str] = (),
        *,
        free: bool = False,
        places: Sequence[Coordinates] = (),
    ) -> tuple[str, Callable[[int], int]]:
        """Mask the value; also return a function mapping old character offsets to new ones. ``free``: a
        person's words (``text``), where names nobody gave are recognised too; each of ``files`` (an item's
        attachments' names) as ``file_name`` masks it; ``places`` found in it otherwise (a pair the item's
        record names too, ``disclosure_rows``) masked too, instead of what they overlap."""
        if not value:
            return value or "", _same
        return self._apply(value, self._text_matches(value, where, files, free=free, places=places), where)

    def _text_matches(
        self, value: str, where: str, files: Sequence[str], *, free: bool, places: Sequence[Coordinates] = ()
    ) -> tuple[_Match, ...]:
        """What ``text_with_offsets`` masks in ``value``."""
        found = self._with_files(value, self._matches(value, where, free=free), files, where)
        if places:
            extra = [(c.start, c.end, c.kind, c.place, c.why) for c in places]
            placed = Spans((c.start, c.end) for c in places)
            kept = [f for f in found if not placed.overlaps(f[0], f[1])]
            found = tuple(sorted([*kept, *extra], key=lambda f: f[0]))
        return found

    def names_to_check(self) -> tuple[NameToCheck, ...]:
        """Words in messages' text that may be names, not masked: for the disclosure officer to check."""
        return tuple(self.unsure.values())

    def _apply(self, value: str, matches: Sequence[_Match], where: str) -> tuple[str, Callable[[int], int]]:
        """``value`` with each match masked, and the offset mapper."""
        if not matches:
            return value, _same
        parts: list[str] = []
        # each mask's old start, old end and new end (looked up by halves: a finding's spans in a long
        # text with thousands of masks were each read past every mask before them)
        old_starts: list[int] = []
        old_ends: list[int] = []
        new_ends: list[int] = []
        pos = 0
        out_len = 0
        for start, end, kind, norm, why in matches:
            parts.append(value[pos:start])
            out_len += start - pos
            mask = self._mask(kind, norm, value[start:end], where, why)
            parts.append(mask)
            out_len += len(mask)
            old_starts.append(start)
            old_ends.append(end)
            new_ends.append(out_len)
            pos = end
        parts.append(value[pos:])

        def mapper(offset: int) -> int:
            n = bisect.bisect_left(old_starts, offset) - 1  # the last mask that starts before it
            if n < 0:
                return offset
            if offset < old_ends[n]:
                return new_ends[n]  # inside a mask: its end
            return offset + new_ends[n] - old_ends[n]

        return "".join(parts), mapper


@functools.lru_cache(maxsize=4096)
def _plausible(text: str, start: int, end: int) -> bool:
    """A phone number stands alone (not part of a file name or reference) and has 10 or more digits."""
    digits = sum(c.isdigit() for c in text[start:end])
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    alone = not (before.isalnum() or before in "-_/") and not (after.isalnum() or after in "_/")
    return digits >= 10 and alone


def _enough_digits(text: str, skipped: Sequence[tuple[int, int]]) -> bool:
    """Whether ``text`` has, outside the ``skipped`` spans (a raw record's times and ids), the 10 digits
    a phone number ``_plausible`` takes needs (a number overlapping such a span is not kept either):
    without them the phone number matcher, most of the masking's time, could find nothing that is kept."""
    digits = sum(c.isdigit() for c in text)
    for a, b in skipped:
        digits -= sum(c.isdigit() for c in text[a:b])
    return digits >= 10


def _place_key(words: str) -> str:
    """What one address's mask is kept under: ``ls62qt`` and ``LS6 2QT`` are one postcode, ``14
    Rosebank Close,`` and ``14 rosebank close`` one street."""
    joined = "".join(words.upper().replace("-", " ").split())  # "ls6-2qt" too
    if _POSTCODE.fullmatch(joined):
        return f"{joined[:-3]} {joined[-3:]}"
    return " ".join(words.upper().replace(",", " ").split())


def _same(offset: int) -> int:
    return offset
