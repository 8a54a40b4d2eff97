"""What search folds beyond FTS5's ``unicode61 remove_diacritics 2``, so a word is found as an
investigator types it, on SQLite and PostgreSQL alike (``search_words`` applies it to both).

- **Han and kana** (Chinese, Japanese) are written without spaces, so FTS5 made a whole run of them one
  word, and ``杀`` (kill) was not found in ``我会杀了你``. Each Han or kana character is a word of its own;
  a query's run of them becomes the phrase of its characters, which must follow one another.
- **Arabic and Hebrew vowel points** (harakat, niqqud: marks that are usually left out) and the Arabic
  elongation (tatweel) are dropped, so ``سأقتلك`` finds ``سَأَقْتُلُكِ`` and the reverse (FTS5 split a word
  at each of them); so is a hamza or madda over a letter (``أ``, ``آ``, ``ؤ`` read as ``ا``, ``ا``, ``و``),
  which is also often left out and may be written as a mark after the letter.
- **Decimal digits of every script** are read as ASCII digits, so ``07700`` finds ``٠٧٧٠٠`` (Arabic-Indic),
  ``۰۷۷۰۰`` (Extended Arabic-Indic), ``०७७००`` (Devanagari) and the reverse.
- **Letters with no decomposition** that are typed plainly: ``ł→l``, ``ø→o``, ``đ→d``, ``ð→d``, ``ħ→h``,
  ``ŧ→t``, ``ŀ→l``, ``ı→i``, ``ß→ss``, ``æ→ae``, ``œ→oe``, ``þ→th``, ``ĳ→ij`` (capitals too, as FTS5 folds
  case first).
- **Letter forms** drawn to look like plain letters (fullwidth ``ｋ``, mathematical ``𝕜``, circled ``ⓚ``,
  halfwidth kana) are read as the letter.
"""

from __future__ import annotations

import unicodedata

#: letters NFKD leaves whole (so FTS5's remove_diacritics keeps them) that are typed as plain letters
LETTERS = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ĳ": "ij",
}

#: Arabic and Hebrew marks that are written or left out at will: dropped, as an accent is
_OPTIONAL_MARKS = (
    *range(0x0591, 0x05C8),  # Hebrew cantillation and points (niqqud)
    *range(0x0610, 0x061B),  # Arabic honorific and Quranic marks
    *range(0x064B, 0x0660),  # harakat: fathatan … sukun, madda, hamza above and below
    0x0670,  # superscript alef
    *range(0x06D6, 0x06EE),  # Quranic annotation marks
    *range(0x08D3, 0x0900),  # Arabic Extended-A marks
)
OPTIONAL_MARKS = frozenset(c for c in map(chr, _OPTIONAL_MARKS) if unicodedata.category(c) == "Mn")
TATWEEL = "\u0640"

#: blocks whose letters are written without spaces between words: each is a search word of its own
_HAN_KANA = (
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31FF),  # bopomofo extended, katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x1B000, 0x1B16F),  # kana supplement and extensions
    (0x20000, 0x323AF),  # CJK extensions B to H, compatibility supplement
)

#: compatibility forms read as the letter they draw
_LOOK_ALIKE_FORMS = ("<font>", "<wide>", "<narrow>", "<circle>")


def han_or_kana(char: str) -> bool:
    """Whether ``char`` is a Han or kana letter (a word of its own for search)."""
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN_KANA) and unicodedata.category(char)[0] in "LN"


def plain_form(char: str) -> str:
    """``char``, or the plain letter or digit a look-alike form of it draws (``ｋ``, ``𝕜``, ``ⓚ`` → ``k``)."""
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith(_LOOK_ALIKE_FORMS):
        plain = unicodedata.normalize("NFKD", char)
        if len(plain) == 1:
            return plain
    return char


def dropped(char: str) -> bool:
    """Whether search leaves ``char`` out of a word: an Arabic or Hebrew vowel point, or tatweel."""
    return char in OPTIONAL_MARKS or char == TATWEEL


def without_optional_marks(char: str) -> str:
    """``char`` without the optional marks it holds precomposed (``أ`` is ``ا`` with HAMZA ABOVE: ``ا``),
    so a letter written whole and the letter followed by its mark are one."""
    parts = unicodedata.normalize("NFD", char)
    if len(parts) > 1 and all(mark in OPTIONAL_MARKS for mark in parts[1:]):
        return parts[0]
    return char


def ascii_digit(char: str) -> str | None:
    """The ASCII digit a decimal digit of any script stands for (``٧`` → ``7``); None for others."""
    value = unicodedata.decimal(char, None)
    return None if value is None else str(value)
