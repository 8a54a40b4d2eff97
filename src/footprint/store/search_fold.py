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
- **Thai, Lao, Khmer and Burmese** are also written without spaces, and no dictionary is at hand to find
  the words, so each grapheme cluster is a word of its own (a letter with the vowel signs and tone marks
  written on it, and in Khmer and Burmese a consonant stacked under it: ``ฆ่``, ``ខ្ញុំ``) and a query's
  run of them a phrase, as for Han: ``ฆ่า`` (kill) is found in ``ฉันจะฆ่าแก`` but ``ฆ`` is not found in
  ``ฆ่า``. FTS5 splits a word at a combining mark, so each mark of these scripts is kept in the word as a
  private-use stand-in (:func:`kept_mark`), a character FTS5 keeps.
- **Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam and Sinhala**
  keep their vowel signs, virama and other marks in the word, by the same stand-ins: FTS5 dropped them,
  so ``मार`` (kill) was found in ``मेरा`` (my) and ``मोर`` (peacock). These scripts put spaces between
  words, so a word is a word (``तुम्हें`` one word, not its clusters): ``मार`` finds only ``मार``, and
  ``मार*`` the words that begin with it (``मारना``). A letter or vowel sign written whole is its
  parts (:func:`indic_parts`: ``क़`` is ``क`` and NUKTA).
- **Kana with a separate voicing mark** (``か`` + U+3099, halfwidth ``ｶﾞ``) is the composed letter (``が``,
  ``ガ``).
- **Kana with a spacing voicing mark** (``か゛``, U+309B and U+309C, as some keyboards and old software
  write them) is the composed letter too.
- **Arabic letters written for one another**: ``ى`` (alef maqsura) is ``ي``, ``ة`` (teh marbuta) is
  ``ه`` and ``ٱ`` (alef wasla) is ``ا``, as ``أ``, ``إ``, ``آ`` already are (their hamza or madda dropped);
  Persian's ``ی`` (farsi yeh) and ``ک`` (keheh) are ``ي`` and ``ك``, which an Arabic keyboard types for
  them, so ``بکشمت`` finds ``بكشمت``; so are Urdu's ``ہ`` (heh goal), ``ھ`` (heh doachashmee) and ``ۃ``
  read as ``ه``, ``ے`` (yeh barree) as ``ي`` and ``ں`` (noon ghunna) as ``ن``, and Kurdish ``ە`` as ``ه``
  (``تمہیں`` finds ``تمهيں`` and ``تمهين``).
- **Arabic presentation forms** (a letter's initial, medial, final or isolated shape, and ligatures such
  as ``ﻻ``, written as characters of their own by old software and text copied out of some PDFs) are the
  letters they draw (:func:`arabic_form_parts`).
- **Nasal marks written for one another**: Devanagari's candrabindu (``ँ``) is the anusvara (``ं``), so
  ``मारूंगा`` ("I will kill") finds ``मारूँगा``, and Gurmukhi's tippi (``ੰ``) the bindi (``ਂ``).
- **Characters that draw nothing** (``visible.READ_PAST``, the one list detection reads past too) are
  dropped, so ``k`` + U+2063 + ``ill`` is the word ``kill``, not ``k`` and ``ill``.
"""

from __future__ import annotations

import re
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


#: Arabic-script letters written for one another in messages: read as the one an Arabic keyboard types
#: for them (Arabic's own variants; Persian's yeh and keheh; Urdu's heh goal, heh doachashmee, teh marbuta
#: goal, yeh barree and noon ghunna; Kurdish ae)
ARABIC_LETTERS = {
    "ى": "ي",
    "ة": "ه",
    "ٱ": "ا",
    "ی": "ي",
    "ک": "ك",
    "ہ": "ه",
    "ھ": "ه",
    "ۃ": "ه",
    "ے": "ي",
    "ں": "ن",
    "ە": "ه",
}

#: nasal marks written for one another: read as the one they stand for (Devanagari candrabindu as
#: anusvara, Gurmukhi tippi as bindi)
NASAL_MARKS = {"\u0901": "\u0902", "\u0a70": "\u0a02"}

#: Arabic presentation forms A and B: a letter's shape in a word, or a ligature, as a character of its own
_ARABIC_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_SHAPES = ("<initial>", "<medial>", "<final>", "<isolated>", "<compat>")

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


def arabic_form_parts(char: str) -> str | None:
    """The letters (and marks) an Arabic presentation form draws (``ﻛ`` → ``ك``, ``ﻻ`` → ``لا``), each
    folded as if written apart; None for any other character."""
    code = ord(char)
    if not any(low <= code <= high for low, high in _ARABIC_FORMS):
        return None
    if not unicodedata.decomposition(char).startswith(_SHAPES):
        return None
    return unicodedata.normalize("NFKD", char)


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


def plain_letter(char: str) -> str:
    """The letter typed for ``char`` (``ł`` → ``l``, ``ى`` → ``ي``), or ``char`` itself."""
    return LETTERS.get(char) or ARABIC_LETTERS.get(char) or char


#: scripts written without spaces between words, searched by grapheme cluster (``cluster_cuts``)
_SPACELESS = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar (Burmese)
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0xA9E0, 0xA9FF),  # Myanmar extended-B
    (0xAA60, 0xAA7F),  # Myanmar extended-A
)
#: Thai and Lao SARA AM: a letter by category, but written on the letter before it, as a vowel sign is
_AM = "\u0e33\u0eb3"
#: Khmer coeng and Burmese virama: the consonant after them is written beneath the one before
_STACKERS = "\u17d2\u1039"
#: where the private-use stand-ins of these scripts' marks begin (plane 16): ``chr(STAND_IN + ord(mark))``
STAND_IN = 0x100000


def _spaceless(code: int) -> bool:
    return any(low <= code <= high for low, high in _SPACELESS)


#: Indic scripts, written with spaces between words, whose vowel signs, virama and other marks FTS5
#: dropped or split a word at, so ``मार`` (kill) found ``मेरा`` (my): Devanagari, Bengali, Gurmukhi,
#: Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam and Sinhala (content review 5, defect 5)
_INDIC = ((0x0900, 0x0DFF),)


def kept_mark(char: str) -> str | None:
    """The private-use stand-in a combining mark of Thai, Lao, Khmer, Burmese or an Indic script is kept
    as in a word (FTS5 would drop it or split the word at it); None for any other character."""
    code = ord(NASAL_MARKS.get(char, char))
    if unicodedata.category(char)[0] != "M":
        return None
    return chr(STAND_IN + code) if _spaceless(code) or _indic(code) else None


def _indic(code: int) -> bool:
    return any(low <= code <= high for low, high in _INDIC)


def indic_parts(char: str) -> str | None:
    """The letter and marks an Indic letter or vowel sign written whole is made of (``क़`` is ``क`` and
    NUKTA, Tamil ``ொ`` is ``ெ`` and ``ா``), so it is one word with them written apart; None for others."""
    parts = unicodedata.normalize("NFD", char)
    return parts if parts != char and _indic(ord(char)) else None


#: what a character of these scripts is in a cluster, in search words (marks and stackers as stand-ins):
#: a letter (or a symbol FTS5 keeps: their digits are ASCII digits by then), a mark, or a stacker
_LETTER, _MARK, _STACKER = "letter", "mark", "stacker"


def _cluster_kinds() -> dict[str, str]:
    kinds = {}
    for low, high in _SPACELESS:
        for code in range(low, high + 1):
            kinds[chr(code)] = _MARK if chr(code) in _AM else _LETTER
            kinds[chr(STAND_IN + code)] = _STACKER if chr(code) in _STACKERS else _MARK
    return kinds


_KINDS = _cluster_kinds()


def cluster_cuts(words: str) -> set[int]:
    """Where a grapheme cluster of Thai, Lao, Khmer or Burmese begins or ends in ``words`` (folded text).

    A cluster is a letter, the marks written on it (their stand-ins, and SARA AM) and, after a stacker,
    the letter it stacks beneath. So a cluster begins at a letter no stacker stands before, and ends
    after a letter or mark that is followed neither by a mark nor, after a stacker, by a letter. A mark
    after another character (``a\u0e48``) stays with it, as a combining mark is written on it.
    """
    cuts = set()
    for at in range(1, len(words)):
        before, after = _KINDS.get(words[at - 1]), _KINDS.get(words[at])
        joined = before is not None and (after in (_MARK, _STACKER) or (before, after) == (_STACKER, _LETTER))
        if not joined and (before is not None or after == _LETTER):
            cuts.add(at)
    return cuts


# The same, with ``str`` methods (as fast as the folding itself; a regular expression was three times
# slower): each character of a cluster is written between markers, joined where two of them meet as
# ``cluster_cuts`` joins them, the other markers spaces (a mark's opening marker: nothing). Folded text
# holds no control character (FTS5 separates words at them), so the markers are never the text's own.
_OPEN_LETTER, _OPEN_MARK, _CLOSE, _CLOSE_STACKER = "\x04", "\x01", "\x03", "\x05"
_MARKED = {
    ord(char): {
        _LETTER: f"{_OPEN_LETTER}{char}{_CLOSE}",
        _MARK: f"{_OPEN_MARK}{char}{_CLOSE}",
        _STACKER: f"{_OPEN_MARK}{char}{_CLOSE_STACKER}",
    }[kind]
    for char, kind in _KINDS.items()
}
_JOINS = (
    (_CLOSE + _OPEN_MARK, ""),  # a mark or stacker after a letter or mark
    (_CLOSE_STACKER + _OPEN_MARK, ""),  # a mark after a stacker
    (_CLOSE_STACKER + _OPEN_LETTER, ""),  # the letter a stacker stacks
    (_OPEN_MARK, ""),  # a mark after another character: written on it
    (_OPEN_LETTER, " "),
    (_CLOSE, " "),
    (_CLOSE_STACKER, " "),
)


def with_cluster_markers(words: str) -> str:
    """``words`` (folded text) with each character of these scripts between its markers."""
    return words.translate(_MARKED)


def clusters_joined(marked: str) -> str:
    """Folded text with its cluster markers (:func:`with_cluster_markers`) as :func:`cluster_cuts` cuts
    it: a space at each cut, each grapheme cluster of Thai, Lao, Khmer or Burmese a word of its own."""
    for markers, joined in _JOINS:
        marked = marked.replace(markers, joined)
    return marked


#: a kana followed by a separate voicing mark (dakuten, handakuten: combining, spacing or halfwidth)
_VOICING_MARKS = "\u3099\u309a\u309b\u309c\uff9e\uff9f"
#: the spacing voicing marks, as the combining ones they are written for
_SPACING_MARKS = {"\u309b": "\u3099", "\u309c": "\u309a"}
_VOICED = re.compile(f"[\u3040-\u30ff\uff66-\uff9d][{_VOICING_MARKS}]")
#: the characters that make a text's words depend on their neighbours: a text without them is folded
#: character by character
CONTEXT = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _SPACELESS) + _VOICING_MARKS + "]"
)


def voiced_kana(text: str) -> dict[int, str]:
    """Each kana written with a separate voicing mark in ``text``, by where it starts: the composed
    letter (``か\u3099`` and ``ｶﾞ`` → ``が``, ``ガ``), for the kana that have one."""
    found = {}
    for match in _VOICED.finditer(text):
        parts = (_SPACING_MARKS.get(char) or plain_form(char) for char in match.group())
        composed = unicodedata.normalize("NFC", "".join(parts))
        if len(composed) == 1:
            found[match.start()] = composed
    return found


def with_kana_composed(text: str) -> str:
    """``text`` with each kana and separate voicing mark that compose written as the composed letter."""
    if not any(mark in text for mark in _VOICING_MARKS):
        return text
    voiced = voiced_kana(text)
    parts, begin = [], 0
    for start, composed in voiced.items():
        parts += [text[begin:start], composed]
        begin = start + 2
    return "".join(parts) + text[begin:]
