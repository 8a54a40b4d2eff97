"""Cyrillic and Greek letters drawn like Latin ones, and the words in which detection reads them as those
Latin letters (``fold_lookalikes``): used by the detector's normaliser to read "кill" as "kill", and by
``footprint.language`` so that a message detection so read is not named as written in another script."""

from __future__ import annotations

import re

# Cyrillic and Greek lower-case letters drawn like a Latin one ("кill" with a Cyrillic к), read as that
# letter inside a word that also has Latin letters: a word all in Cyrillic or Greek is left as it is
# (with the Cyrillic palochka "ӏ", drawn as "l" or "I": "kiӏӏ", and "һ")
CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁԛԝкмвһӏαοκνρτυχιε",
    "aeopcyxijsdqwkmbhlaokvptuxie",
)
# Latin letters of other languages drawn like English ones (UTS #39 confusables): dotless "ı" (Turkish),
# "ɩ" (LATIN SMALL LETTER IOTA) and "ĸ" (kra); read so by detection only, as language detection must
# see Turkish words as they are written ("hayır")
LATIN_CONFUSABLE = str.maketrans("ıɩĸ", "iik")
_BOTH = str.maketrans({**CONFUSABLE, **LATIN_CONFUSABLE})
# each run of letters, then whether it has a Latin one: a pattern asking for both at once tried every
# start in a run with none ("é" 24,000 times took 11 seconds to read for detection, 100,000 minutes)
_WORD, _LATIN = re.compile(r"[^\W\d_]+"), re.compile(r"[a-z]")


def fold_lookalikes(lowered: str, *, latin: bool = False) -> str:
    """``lowered`` (lower-case text) with the look-alike letters of each word that also has a Latin letter
    written as those Latin letters, one for one (offsets stay the same); with ``latin``, the Latin
    look-alikes (``LATIN_CONFUSABLE``) too."""
    if lowered.isascii():
        return lowered
    table = _BOTH if latin else CONFUSABLE
    return _WORD.sub(
        lambda m: m[0] if m[0].isascii() or not _LATIN.search(m[0]) else m[0].translate(table), lowered
    )
