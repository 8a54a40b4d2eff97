"""A message's language, guessed offline from its alphabet, for the ``lang`` attributes of the report and
the review app.

Items store no language (no parser records one and no analyser detects one), so a screen reader read every
message as English, the page's language: Greek in English sounds (WCAG 2.2 SC 3.1.2). The guess is made
only where the letters leave no doubt: nearly all of them (``SHARE``) in a script that one language alone
writes among those likely in a case (Greek, Hebrew, Georgian, Armenian, Thai, Korean, the scripts of
several Indian languages; kana among Han characters is Japanese), or Arabic script holding letters that
Arabic writes and Persian, Urdu and Pashto do not; Cyrillic is Russian only with Russian's own letters (ы,
э) and none of another language's, Ukrainian only with Ukrainian's own (ї, є, ґ) and none of another's.
Text in the Latin alphabet, Cyrillic without those letters, Han
characters alone (Chinese or Japanese), Devanagari (Hindi, Marathi, Nepali) and Bengali script (Bengali,
Assamese) gets no guess, nor does text with too few letters: the attribute is left out, never guessed wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from markupsafe import Markup

# Share of a text's letters that must be in one script, and the fewest letters, for a guess.
SHARE = 0.8
MIN_LETTERS = 3
#: the characters read of a long message (an e-mail's body): its beginning says its alphabet
READ = 2000

# (first, last, script) code point blocks, sorted; a script named here by a BCP 47 tag is that language's.
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x04FF, "cyrillic"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0A00, 0x0A7F, "pa"),  # Gurmukhi
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0C80, 0x0CFF, "kn"),
    (0x0D00, 0x0D7F, "ml"),
    (0x0D80, 0x0DFF, "si"),
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "ko"),  # Hangul jamo
    (0x1780, 0x17FF, "km"),
    (0x1F00, 0x1FFF, "el"),  # Greek with accents
    (0x3040, 0x30FF, "ja"),  # hiragana and katakana
    (0x3130, 0x318F, "ko"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
)
_STARTS = [b[0] for b in _BLOCKS]
# a letter (not a digit, mark or stop), and a letter of those blocks: text with fewer than MIN_LETTERS of
# these (English with a curly quote or an emoji, the common case) is passed over at once
_LETTER = re.compile(r"[^\W\d_]")
_BLOCK_LETTER = re.compile(r"(?=[^\W\d_])[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b, _ in _BLOCKS) + "]")
# Letters of Persian, Urdu and Pashto (and Kurdish, Sindhi and others) that Arabic does not write ...
_NOT_ARABIC = frozenset("پچژگکیۀٹڈڑںےھۓټډړښږځڅڼۍېڤڕۆێۇۋڵ")
# ... and letters Arabic writes that Persian and Urdu spell otherwise (yeh, kaf, alef maksura, teh marbuta).
_ARABIC = frozenset("يكىة")
# Cyrillic: Russian's own letters, and letters of other languages Russian lacks (Belarusian ў, Ukrainian
# і ї є ґ, Serbian and Macedonian ј љ њ ћ ђ џ ѓ ќ ѕ, Kazakh, Tatar, Mongolian and others' ә ғ қ ң ө ұ ү һ …);
# Ukrainian's own, and letters Ukrainian lacks
_RUSSIAN = frozenset("ыэЫЭ")
_NOT_RUSSIAN = frozenset("іїєґўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳІЇЄҐЎЈЉЊЋЂЏЃЌЅ")
_UKRAINIAN = frozenset("їєґЇЄҐ")
_NOT_UKRAINIAN = frozenset("ыэъёўјљњћђџѓќѕәғқңөұүһҗҙҫӑӗӳЫЭЪЁЎЈЉЊЋЂЏЃЌЅ")
# Yiddish's digraphs: Hebrew script without them is Hebrew.
_YIDDISH = frozenset("װױײ")


def _script(char: str) -> str | None:
    code = ord(char)
    at = bisect_right(_STARTS, code) - 1
    if at >= 0 and code <= _BLOCKS[at][1]:
        return _BLOCKS[at][2]
    return None


def script_language(text: str) -> str | None:
    """The BCP 47 tag of the language ``text`` is written in, when its letters show it beyond doubt
    (``"el"``, ``"ar"``, ``"he"``), else None: English, text in an alphabet several languages share, mixed
    text, or too few letters."""
    text = text[:READ]
    if text.isascii():
        return None
    found = _BLOCK_LETTER.findall(text)
    if len(found) < MIN_LETTERS:
        return None
    letters = len(_LETTER.findall(text))
    counts: Counter[str | None] = Counter({None: letters - len(found)})
    for char, n in Counter(found).items():  # each distinct letter once
        counts[_script(char)] += n
    kana = counts.get("ja", 0)
    if kana and kana + counts.get("han", 0) >= SHARE * letters:
        return "ja"  # kana among the Han characters: Japanese (Chinese writes no kana)
    script, count = max(counts.items(), key=lambda kv: kv[1])
    if script in (None, "han") or count < SHARE * letters:
        return None
    if script == "arabic":
        chars = set(text)
        return "ar" if chars & _ARABIC and not chars & _NOT_ARABIC else None
    if script == "hebrew":
        return None if set(text) & _YIDDISH else "he"
    if script == "cyrillic":
        chars = set(text)
        if chars & _RUSSIAN and not chars & _NOT_RUSSIAN:
            return "ru"
        return "uk" if chars & _UKRAINIAN and not chars & _NOT_UKRAINIAN else None
    return script


def lang_attribute(text: str) -> Markup:
    """`` lang="el"`` for the element showing message ``text`` when its alphabet shows its language, else
    nothing."""
    tag = script_language(text)
    return Markup(f' lang="{tag}"') if tag else Markup("")
