"""Undo obfuscation (leetspeak, s p a c i n g, looooong letters, emoji) keeping offsets into the original."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from footprint.analyse.detect.spelling import (
    LEET_CHOICES,
    correction,
    deleet,
    lexicon,
    unmask,
)
from footprint.lookalikes import fold_lookalikes
from footprint.visible import READ_PAST, is_mark

# Emoji that carry meaning in threats and abuse become words the rules can match.
EMOJI: dict[str, str] = {
    "\U0001f52a": "emoji_knife",  # 🔪
    "\U0001f5e1": "emoji_knife",  # 🗡
    "\U0001f52b": "emoji_gun",  # 🔫
    "\U0001f480": "emoji_skull",  # 💀
    "\u2620": "emoji_skull",  # ☠
    "\u26b0": "emoji_coffin",  # ⚰
    "\U0001faa6": "emoji_grave",  # 🪦
    "\U0001fa78": "emoji_blood",  # 🩸
    "\U0001f4a3": "emoji_bomb",  # 💣
    "\U0001f525": "emoji_fire",  # 🔥
    "\U0001fa93": "emoji_axe",  # 🪓
    "\U0001f346": "emoji_aubergine",  # 🍆
    "\U0001f4a6": "emoji_droplets",  # 💦
    "\U0001f595": "emoji_middle_finger",  # 🖕
}
LEET = str.maketrans({k: v[0] for k, v in LEET_CHOICES.items()})
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"})

_SUSPECT = re.compile(
    r"[0-9@$!|+][a-z]|[a-z'][0-9@$!|+*]|([a-z])\1\1|(?<![a-z])[a-z][ .\-_*]+[a-z][ .\-_*]+[a-z](?![a-z])"
)
_TOKEN = re.compile(r"\S+")
_NUMERIC_SUFFIX = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|k|m|s|x)?$")
_SPACED = re.compile(r"(?<![a-z0-9'])[a-z](?:([ .\-_*])[a-z'])(?:\1[a-z'])+(?<=[a-z])(?![a-z0-9])")
_RUN = re.compile(r"([a-z])\1\1+")
_ALPHA = re.compile(r"[a-z]+")
_SEPARATORS = frozenset(" .-_*")
_MASKED = re.compile(r"(?<![a-z0-9*])[a-z][a-z*]*\*[a-z*]*(?![a-z0-9*])")
# a capital I after a small letter ("kiII"): it may stand for "l"
_SMALL_THEN_I = re.compile(r"[a-z]I")
_CAPITAL_I_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-zI]*I[a-zI]*(?![A-Za-z])")


class _Compatible(dict[str, str]):
    """Each character's compatibility form (NFKC) where that is one ASCII letter or digit (fullwidth
    ``ｋ``, mathematical ``𝕜`` and ``𝓀``, circled ``ⓚ``), else the character itself (``½``, ``™``): one
    for one, so offsets stay the text's; worked out once."""

    def __missing__(self, char: str) -> str:
        form = unicodedata.normalize("NFKC", char)
        self[char] = out = form if len(form) == 1 and form.isascii() and form.isalnum() else char
        return out


_COMPATIBLE = _Compatible()


@dataclass(frozen=True)
class Normalised:
    """The original text, its normalised form and where each normalised character came from."""

    text: str
    norm: str
    offsets: tuple[int, ...] | None = None  # None: identity (same length, same places)
    changed: bool = False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original-text span of ``norm[start:end]``."""
        if self.offsets is None:
            return (start, end)
        if end <= start:
            at = self.offsets[min(start, len(self.offsets) - 1)]
            return (at, at)
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        # a squeezed run of letters ("killlll") ends where the run ends in the original
        while last < len(self.text) and self.text[last].lower() == self.text[last - 1].lower() != " ":
            last += 1
        while last < len(self.text) and is_mark(self.text[last]):
            last += 1  # with the last letter's accents or underline
        return (first, max(last, first + 1))


def normalise(text: str, names: Sequence[str] = ()) -> Normalised:
    """Lower-case and undo obfuscation; the complainant's names read as "her"; plain ASCII is fast."""
    lowered = text.lower() if text.isascii() else ""
    named = [m for m in names if m and m.lower() in text.lower()]
    if (
        lowered
        and not named
        and not _SUSPECT.search(lowered)
        and not _SMALL_THEN_I.search(text)
        and not _misspelt(lowered, text)
    ):
        return Normalised(text, lowered)
    result = _slow(text)
    if not named:
        return result
    assert result.offsets is not None
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(m.lower()) for m in sorted(named, key=len)[::-1]) + r")\b"
    )
    s, where = _rewrite(result.norm, list(result.offsets), pattern, lambda m: "her")
    return Normalised(text, s, tuple(where), changed=True)


def _slow(text: str) -> Normalised:
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(_capital_l(text)):
        if c in READ_PAST:
            continue  # draws nothing: "k\u2063ill" is "kill" (content review 5, defect 2)
        word = EMOJI.get(c)
        if word is not None:
            for w in f" {word} ":
                chars.append(w)
                where.append(i)
            continue
        if c >= "\x80":
            if chars and "a" <= chars[-1] <= "z" and is_mark(c):
                continue  # an accent or underline on a Latin letter ("k\u0332i\u0332l\u0332l\u0332")
            c = _COMPATIBLE[c]
        low = c.lower()
        chars.append(low[0] if low else c)
        where.append(i)
    s = "".join(chars).translate(QUOTES)
    s = fold_lookalikes(s, latin=True)
    s = _deleet(s)
    if "*" in s:
        s, where = _rewrite(s, where, _MASKED, _unmasked)
    s, where = _rewrite(s, where, _SPACED, _joined)
    s, where = _rewrite(s, where, _RUN, lambda m: m.group(1))
    fixes = _misspelt(s, text, where)
    if fixes:
        alternatives = "|".join(re.escape(k) for k in sorted(fixes, key=len)[::-1])
        pattern = re.compile(r"(?<![a-z])(?:" + alternatives + r")(?![a-z])")
        s, where = _rewrite(s, where, pattern, lambda m: fixes[m.group(0)])
    return Normalised(text, s, tuple(where), changed=s != text.lower())


def _capital_l(text: str) -> str:
    """``text`` with each capital I inside a word of small letters that stands for "l" written so, one for
    one: "kiII" reads "kill" where "kiii" is no word and "kill" is one; "kIll" stays "kill"."""
    if "I" not in text:
        return text
    vocab = lexicon().vocab
    out = list(text)
    for m in _CAPITAL_I_WORD.finditer(text):
        word = m.group(0)
        as_l = word.replace("I", "l")
        if word.lower() not in vocab and as_l in vocab:
            out[m.start() : m.end()] = as_l
    return "".join(out)


def read_past(text: str, span: tuple[int, int]) -> tuple[str, ...]:
    """The characters that draw nothing (``READ_PAST``) which detection read past after a letter or digit
    inside ``text[span[0]:span[1]]``, as "U+2063", each once: what hid the words from a plain reading (an
    emoji's variation selector, after no letter, is not named)."""
    found: set[str] = set()
    last = ""
    for c in text[span[0] : span[1]]:
        if c not in READ_PAST:
            last = c
        elif last.isalnum():
            found.add(f"U+{ord(c):04X}")
    return tuple(sorted(found))


def _misspelt(s: str, text: str, where: Sequence[int] | None = None) -> dict[str, str]:
    """Unknown tokens and what they read as: a misspelt rule word, or known words run together.

    A word split by one space or separator, one part unknown, reads as the group or abuse word the two
    parts make ("mus lims", "f uck"). A word capitalised as sent in mid-sentence is a name ("Happy
    birthday Ella") and is left alone, unless it is one letter from a group's name or a word of abuse
    ("I hate Mslims").
    """
    lex = lexicon()
    vocab = lex.vocab
    if not vocab:
        return {}
    out: dict[str, str] = {}
    prev: re.Match[str] | None = None
    prev_known = True
    for m in _ALPHA.finditer(s):
        token = m.group(0)
        known = token in vocab
        if not (known and prev_known) and prev is not None and m.start() == prev.end() + 1:
            joined = prev.group(0) + token
            if s[prev.end()] in _SEPARATORS and joined in lex.keys and len(joined) >= 4:
                out[s[prev.start() : m.end()]] = joined
        prev, prev_known = m, known
        if known or token in out:
            continue
        fixed = correction(token)
        if fixed is None:
            continue
        at = where[m.start()] if where is not None else m.start()
        if not fixed[1] and text[at].isupper() and not _sentence_start(text, at):
            continue  # a name, unless it reads as a group's proper name ("Mslims")
        out[token] = fixed[0]
    return out


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``text[at]`` begins a sentence (nothing but spaces and quotes after . ! ? or the start)."""
    before = text[:at].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n"


def _joined(m: re.Match[str]) -> str:
    """Spaced letters joined ("k i l l"), keeping a leading "i" or "a" apart ("i h a t e" -> "i hate")."""
    word = re.sub(r"[ .\-_*]", "", m.group(0))
    lex = lexicon()
    after = _ALPHA.match(word, 1)
    rest = after.group(0) if after else ""
    if word[0] in "ia" and len(word) > 3 and word not in lex.targets and rest in lex.targets:
        return word[0] + " " + word[1:]
    return word


def _unmasked(m: re.Match[str]) -> str:
    word = unmask(m.group(0))
    return word if word is not None else m.group(0)


def _deleet(s: str) -> str:
    """Read digits and symbols inside words as the letters they stand for (same length)."""
    parts: list[str] = []
    last = 0
    for m in _TOKEN.finditer(s):
        token = m.group(0)
        core = token.strip(".,;:?!'\"()[]")
        if (
            any("a" <= ch <= "z" for ch in core)
            and any(ch in LEET_CHOICES for ch in core)
            and not _NUMERIC_SUFFIX.match(core)
            and not core.startswith(("@", "$", "#"))
        ):
            lead = len(token) - len(token.lstrip(".,;:?!'\"()[]"))
            inner = token[lead : lead + len(core)]
            inner = deleet(inner, inner.translate(LEET))
            token = token[:lead] + inner + token[lead + len(core) :]
        parts.append(s[last : m.start()])
        parts.append(token)
        last = m.end()
    parts.append(s[last:])
    return "".join(parts)


def _rewrite(s: str, where: list[int], pattern: re.Pattern[str], repl: object) -> tuple[str, list[int]]:
    """Apply a shortening substitution while keeping each kept character's origin."""
    out: list[str] = []
    pos: list[int] = []
    last = 0
    for m in pattern.finditer(s):
        out.append(s[last : m.start()])
        pos.extend(where[last : m.start()])
        new = repl(m)  # type: ignore[operator]
        assert isinstance(new, str)
        # map each kept char to where it came from (or, for a substitute word, across the match)
        cursor = m.start()
        for k, ch in enumerate(new):
            found = s.find(ch, cursor, m.end())
            if found < 0:
                found = min(m.start() + k, m.end() - 1)
            else:
                cursor = found + 1
            pos.append(where[found])
        out.append(new)
        last = m.end()
    out.append(s[last:])
    pos.extend(where[last:])
    return "".join(out), pos
