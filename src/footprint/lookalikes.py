"""Cyrillic and Greek letters drawn like Latin ones, and the words in which detection reads them as those
Latin letters (``fold_lookalikes``): used by the detector's normaliser to read "кill" as "kill", and by
``footprint.language`` so that a message detection so read is not named as written in another script."""

from __future__ import annotations

import re

# Cyrillic and Greek lower-case letters drawn like a Latin one ("кill" with a Cyrillic к), read as that
# letter inside a word that also has Latin letters: a word all in Cyrillic or Greek is left as it is
CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁԛԝкмвαοκνρτυχιε",
    "aeopcyxijsdqwkmbaokvptuxie",
)
_MIXED_WORD = re.compile(r"[^\W\d_]*[a-z][^\W\d_]*")


def fold_lookalikes(lowered: str) -> str:
    """``lowered`` (lower-case text) with the look-alike letters of each word that also has a Latin letter
    written as those Latin letters, one for one (offsets stay the same)."""
    return lowered if lowered.isascii() else _MIXED_WORD.sub(_latin, lowered)


def _latin(m: re.Match[str]) -> str:
    """A word of Latin letters with look-alikes from other scripts mixed in, all in Latin letters."""
    word = m.group(0)
    return word if word.isascii() else word.translate(CONFUSABLE)
