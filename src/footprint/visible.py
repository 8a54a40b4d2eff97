"""Hostile text made visible in plain-text outputs: control characters and bidi controls written out.

Message text, file names and names typed by users can hold a terminal escape (``\\x1b``) or a
RIGHT-TO-LEFT OVERRIDE that would reorder what is shown around it. The terminal (``footprint.cli``)
and plain-text files (the draft statements) show them as escapes instead (``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import unicodedata

_CONTROL = {c: f"\\x{c:02x}" for c in range(32) if c not in (9, 10)}
_CONTROL.update({c: f"\\x{c:02x}" for c in (0x7F, *range(0x80, 0xA0))})  # C1: U+009B is CSI
#: the direction embeddings, overrides and isolates: they reorder what is shown around them
_DIRECTION = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_FORMAT = {c: f"\\u{c:04x}" for c in _DIRECTION}
#: characters that draw nothing but split a word for search and for a reader ("k\u200bill" shows as "kill")
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
#: letters and symbols that draw as blank space and mean nothing in a name or a message: the Hangul
#: fillers (U+3164 is the known trick for an "invisible" WhatsApp name), BRAILLE PATTERN BLANK, the Khmer
#: inherent vowels, MONGOLIAN VOWEL SEPARATOR and the invisible mathematical operators
BLANK = (0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x17B4, 0x17B5, 0x180E, *range(0x2061, 0x2065))
#: what is written out wherever text is shown: the invisible characters but the joiners (U+200C, U+200D:
#: emoji sequences and Persian and Indic scripts need them), and the blank ones
SHOWN_INVISIBLE = (0x200B, 0x2060, 0xFEFF, 0x00AD, *BLANK)
_FORMAT.update({c: f"\\u{c:04x}" for c in SHOWN_INVISIBLE})
#: every character that draws nothing, read past where words are read (detection reads "k\u2063ill" as
#: "kill"): INVISIBLE, BLANK but BRAILLE PATTERN BLANK (drawn as a space, it reads as one), the direction
#: marks and controls, COMBINING GRAPHEME JOINER, the variation selectors, the musical beams, ties and
#: slurs, and the tag characters: with them, Unicode's default-ignorable code points
READ_PAST = frozenset(
    chr(c)
    for c in (
        *map(ord, INVISIBLE),
        *(b for b in BLANK if b != 0x2800),
        0x200E,
        0x200F,
        *_DIRECTION,
        *range(0x206A, 0x2070),
        0x034F,
        0x061C,
        *range(0x180B, 0x1810),
        *range(0xFE00, 0xFE10),
        *range(0x1BCA0, 0x1BCA4),
        *range(0x1D173, 0x1D17B),
        *range(0xE0000, 0xE1000),
    )
)
#: every other space (no-break, thin, ideographic…) and every invisible character, as a plain space
_PLAIN_SPACES = {c: " " for c in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_PLAIN_SPACES.update({ord(c): " " for c in INVISIBLE})


def visible(text: str) -> str:
    """Control characters (C0, DEL, C1), bidi overrides and invisible characters that split words written
    out (``\\x1b``, ``\\x9b``, ``\\u202e``, ``\\u200b``), so text cannot drive the terminal, reorder what is
    shown or hide a word in plain sight; tab and newline are kept."""
    return text.translate(_CONTROL).translate(_FORMAT)


def name_key(name: str) -> str:
    """What a name reads as: compatibility forms folded (full-width letters), case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def draws_nothing(text: str) -> bool:
    """Whether ``text`` shows nothing a reader could see: only spaces, format characters (direction
    controls, zero-width characters) and :data:`BLANK` characters (a name "~ \u3164")."""
    return all(c.isspace() or ord(c) in BLANK or unicodedata.category(c) == "Cf" for c in text)


def plain_spaces(text: str) -> str:
    """``text`` with every space but tab and newline, and every invisible character, as a plain space,
    one for one, so offsets in it are offsets in ``text``: what the disclosure copy's rules read, so
    that "14 Rosebank\u00a0Close" is the address "14 Rosebank Close" (new-code review 2, defect 4)."""
    return text.translate(_PLAIN_SPACES)


#: a line break inside one name or record, where it must stay on one line
LINE_BREAK = "\u23ce"


def on_one_line(text: str) -> str:
    """:func:`visible` text on one line: a line break in it shown as ⏎ (a file name, a person's name), so
    it cannot print a line that looks like another, nor be folded into a space by wrapping."""
    return visible(text).replace("\n", LINE_BREAK)


def is_mark(char: str) -> bool:
    """Whether ``char`` is a combining mark (an accent, an underline, a vowel sign): part of the letter
    before it, for a word and for a reader."""
    return unicodedata.category(char)[0] == "M"
