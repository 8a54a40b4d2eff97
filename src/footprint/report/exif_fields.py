"""A device's owner named in an image's EXIF make and model ("Priya Sharma's iPhone").

The screenshots parser keeps an image's EXIF Make and Model, joined, as its item's ``device`` detail and
in its raw record (no other EXIF field that may name a person is read: not Artist, CameraOwnerName,
HostComputer, XPAuthor, ImageDescription nor UserComment). A phone named after its owner writes the name
there. A disclosure copy masks each such owner's name wherever it is written, as a given name is, with
its own reason in the redaction log (``redact.DEVICE_OWNER``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from footprint.report.names import STOP, party_words

#: the key of the item's detail holding its EXIF make and model
DEVICE = "device"
#: makers of phones and cameras, as EXIF writes their Make: never part of an owner's name
MAKERS = frozenset(
    "apple samsung google huawei honor xiaomi redmi poco oneplus oppo vivo realme motorola lenovo sony"
    " nokia hmd lg htc zte alcatel tcl asus nothing fairphone doro blackberry microsoft canon nikon"
    " fujifilm fuji olympus panasonic leica ricoh pentax kodak gopro dji".split()
)
#: one word of a name, and whether it is possessive ("Priya", "Sharma's", "O'Neill")
_WORD = re.compile(r"([^\W\d_]+(?:[-'’][^\W\d_]+)*?)(['’][sS])?(?![\w'’-])")
_MAX_WORDS = 3


def device_owners(devices: Iterable[str], keep: frozenset[str]) -> tuple[str, ...]:
    """Each person a device's name says it belongs to: the one to three capitalised words before a
    possessive ("Priya Sharma" in "Apple Priya Sharma's iPhone"), leaving out a maker's name and a
    party's own (each word one of the words of ``keep``, the parties' names and ids: her own phone)."""
    parties = party_words(keep)
    found: set[str] = set()
    for device in devices:
        run: list[str] = []
        end = 0
        for m in _WORD.finditer(device):
            word = m.group(1)
            if not word[0].isupper() or word.casefold() in MAKERS or word.casefold() in STOP:
                run = []
                continue
            if run and not device[end : m.start()].isspace():
                run = []
            run = [*run, word][-_MAX_WORDS:]
            end = m.end()
            if m.group(2):
                if not all(w.casefold() in parties for w in run):
                    found.add(" ".join(run))
                run = []
    return tuple(sorted(found))
