"""A device's owner named in an image's EXIF make and model ("Priya Sharma's iPhone").

The screenshots parser keeps an image's EXIF Make and Model, joined, as its item's ``device`` detail and
in its raw record (no other EXIF field that may name a person is read: not Artist, CameraOwnerName,
HostComputer, XPAuthor, ImageDescription nor UserComment). A phone named after its owner writes the name
there, with a possessive ("Priya Sharma's iPhone") or without ("iPhone Priya Sharma", "Priya Sharma
iPhone", "Priya-Sharma-iPhone", "Galaxy S21 of Priya"). A disclosure copy masks each such owner's name
wherever it is written, as a given name is, with its own reason in the redaction log
(``redact.DEVICE_OWNER``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile

from footprint.report.names import STOP, name_shaped, party_words

#: the key of the item's detail holding its EXIF make and model
DEVICE = "device"
#: makers of phones and cameras, as EXIF writes their Make: never part of an owner's name
MAKERS = frozenset(
    "apple samsung google huawei honor xiaomi redmi poco oneplus oppo vivo realme motorola lenovo sony"
    " nokia hmd lg htc zte alcatel tcl asus nothing fairphone doro blackberry microsoft canon nikon"
    " fujifilm fuji olympus panasonic leica ricoh pentax kodak gopro dji".split()
)
#: a device's kind, as a model or a device's name writes it: a name beside one is its owner's
DEVICE_WORDS = frozenset(
    "iphone ipad ipod galaxy pixel phone mobile macbook imac mac tablet laptop xperia".split()
)
#: words of models' names that are capitalised like a name ("Essential Phone", "Pixel 7 Pro")
MODEL_WORDS = frozenset(
    "essential pro max ultra plus mini lite note edge fold flip air nord magic find mate smart power play"
    " stylus neo prime fan edition tab watch one active xcover reno nova enjoy zenfone rog moto digital"
    " camera eos coolpix powershot cyber shot go book surface studio touch classic compact sport style"
    " series model".split()
)
#: the word before an owner's name in a device's name ("Galaxy S21 of Priya", "iPhone de Priya")
_OF = frozenset("of de di da du von".split())
#: one token of a device's name: a word (possessive or not) and what may close it
_TOKEN = re.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*?)(['’][sS])?[,.;:]?")
_MAX_WORDS = 3


@dataclass(frozen=True)
class _Token:
    word: str  # "" for a model's number or sign ("S21", "(1)")
    possessive: bool
    capital: bool  # capitalised, and no maker's nor common word: a possessive's owner may be in capitals
    name: bool  # capitalised like a name, and no model's word either
    device: bool


def _tokens(device: str) -> list[_Token]:
    """The device name's words, a word joined to a device's kind by "-" or "_" parted from it
    ("Priya-Sharma-iPhone": Priya, Sharma, iPhone; "Anne-Marie" stays one)."""
    out = []
    for token in device.split():
        parts = re.split(r"[-_]", token)
        for part in parts if any(p.casefold() in DEVICE_WORDS for p in parts) else [token]:
            m = _TOKEN.fullmatch(part)
            word = m.group(1) if m else ""
            key = word.casefold()
            capital = bool(word) and word[0].isupper() and key not in MAKERS and key not in STOP
            out.append(
                _Token(
                    word,
                    bool(m and m.group(2)),
                    capital,
                    capital and name_shaped(word) and key not in MODEL_WORDS and key not in DEVICE_WORDS,
                    key in DEVICE_WORDS,
                )
            )
    return out


def _names_before(tokens: list[_Token], end: int, *, possessive: bool) -> list[str]:
    """The one to three words before ``end`` (the possessive's own among them) that name its owner."""
    run: list[str] = []
    n = end
    while n > 0 and len(run) < _MAX_WORDS:
        t = tokens[n - 1]
        if not (t.capital if possessive else t.name) or (t.possessive and n != end):
            break
        run.insert(0, t.word)
        n -= 1
    return run


def _names_from(tokens: list[_Token], start: int) -> list[str]:
    """The one to three name words from ``start`` that end the device's name, or none."""
    run = [t.word for t in takewhile(lambda t: t.name and not t.possessive, tokens[start:])]
    return run if run and start + len(run) == len(tokens) and len(run) <= _MAX_WORDS else []


def _owners_in(device: str) -> list[list[str]]:
    """Each run of words ``device`` names as its owner: before a possessive ("Priya Sharma's iPhone"),
    before a device's kind ("Priya Sharma iPhone"), after "of" ("Galaxy S21 of Priya"), or ending it
    after a device's kind and its model ("iPhone 13 Priya Sharma")."""
    tokens = _tokens(device)
    found = []
    for n, t in enumerate(tokens):
        if t.possessive:
            found.append(_names_before(tokens, n + 1, possessive=True))
        elif t.device:
            found.append(_names_before(tokens, n, possessive=False))
            model = list(
                takewhile(
                    lambda x: not x.name and not x.device and x.word.casefold() not in _OF, tokens[n + 1 :]
                )
            )
            found.append(_names_from(tokens, n + 1 + len(model)))
        elif t.word.casefold() in _OF and n:
            found.append(_names_from(tokens, n + 1))
    return [run for run in found if run]


def device_owners(devices: Iterable[str], keep: frozenset[str]) -> tuple[str, ...]:
    """Each person a device's name says it belongs to (``_owners_in``), leaving out a maker's name, a
    model's, and a party's own (each word one of the words of ``keep``, the parties' names and ids: her
    own phone)."""
    parties = party_words(keep)
    found = {
        " ".join(run)
        for device in devices
        for run in _owners_in(device)
        if not all(w.casefold() in parties for w in run)
    }
    return tuple(sorted(found))
