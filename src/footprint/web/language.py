"""The language of a message, guessed from its alphabet only when that is safe (WCAG 3.1.2).

Nothing in the case records a message's language (no parser or analyser stores one), so a screen reader
would read Greek or Arabic with an English voice. Most alphabets are written for one language, or for one
language whose own letters tell it from the others that share it (Russian's ы and э, Ukrainian's ї and є;
Arabic's own letters, among them one that Persian and Urdu spell otherwise, and none that they add). A
message is given a language only when four in five of its letters (three at least) are of one such
alphabet and nothing in them points to a second language; otherwise (Latin letters, which many languages
share, Chinese characters without kana, Devanagari, a mixed message) none is given and the page's own
English stands. Offline and cheap: it reads each letter's Unicode name.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from markupsafe import Markup

#: an alphabet (the first word of its letters' Unicode names) written for one language -> its BCP 47 tag
ONE_LANGUAGE = {
    "GREEK": "el",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "HANGUL": "ko",
    "THAI": "th",
    "LAO": "lo",
    "KHMER": "km",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
}
#: the share of a message's letters one alphabet must hold before its language is given, and the fewest
SHARE = 0.8
MIN_LETTERS = 3
#: the characters read of a long message (an e-mail's body): its beginning says its alphabet
READ = 2000
# the letters of Arabic itself: Persian, Urdu, Kurdish and others add letters beyond them (پ ک ی ے ڵ) ...
_ARABIC = {chr(c) for c in range(0x0621, 0x064B)}
# ... and of those, letters Persian and Urdu spell otherwise (yeh, kaf, alef maksura, teh marbuta): one of
# them must be there, as a short Persian message may hold none of its own letters
_ONLY_ARABIC = set("يكىة")
# Cyrillic: Russian's own letters, and letters of other languages Russian lacks (Belarusian ў, Ukrainian
# і ї є ґ, Serbian and Macedonian ј љ њ ћ ђ џ ѓ ќ ѕ, Kazakh, Tatar, Mongolian and others' ә ғ қ ң ө ұ ү һ …)
_RUSSIAN = set("ыэ")
_NOT_RUSSIAN = set("іїєґўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳ")
_UKRAINIAN = set("їєґ")
_NOT_UKRAINIAN = set("ыэъёўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳ")
# Hebrew letters and ligatures of Yiddish, not Hebrew
_YIDDISH = set("װױײ")


@lru_cache(maxsize=8192)  # letters, not messages: a few thousand at most
def _alphabet(letter: str) -> str:
    name = unicodedata.name(letter, "")
    first = name.split(" ", 1)[0]
    return "JAPANESE" if first in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA") else first


def language_of(text: str) -> str | None:
    """The language ``text`` is written in as a BCP 47 tag, or None when its alphabet does not say (read
    from its first ``READ`` characters)."""
    read = text[:READ]
    if read.isascii():  # Latin letters only: no language to tell (and most messages, at once)
        return None
    letters = [c for c in read if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    counts = Counter(_alphabet(c) for c in letters)
    alphabet, most = counts.most_common(1)[0]
    if counts["JAPANESE"] and alphabet in ("CJK", "JAPANESE"):  # kanji among kana: the kana say Japanese
        alphabet, most = "JAPANESE", counts["CJK"] + counts["JAPANESE"]
    if most < SHARE * len(letters):
        return None
    own = {c.lower() for c in letters}
    if alphabet in ONE_LANGUAGE:
        return ONE_LANGUAGE[alphabet]
    if alphabet == "JAPANESE":
        return "ja"
    if alphabet == "ARABIC":
        arabic = {c for c in own if _alphabet(c) == "ARABIC"}
        return "ar" if arabic <= _ARABIC and arabic & _ONLY_ARABIC else None
    if alphabet == "HEBREW":
        return None if own & _YIDDISH else "he"
    if alphabet == "CYRILLIC":
        if own & _RUSSIAN and not own & _NOT_RUSSIAN:
            return "ru"
        if own & _UKRAINIAN and not own & _NOT_UKRAINIAN:
            return "uk"
    return None


def lang_attribute(text: str) -> Markup:
    """`` lang="…"`` for the element showing a message in ``text``'s language; nothing when unknown."""
    found = language_of(text)
    return Markup(f' lang="{found}"') if found else Markup("")
