"""Thousands of literal words found in one reading of a text, exactly where the regular expression
``BEFORE(?:word1|word2|…)AFTER`` finds them.

Python's ``re`` tries every alternative at every place one could start, so 5,000 third-party names took
minutes over a case's messages. An Aho–Corasick automaton (the one detection's lexicons use) reads the
text once, on its characters folded; each place it finds a fold is then confirmed by ``re`` itself, so
what is found, and which word, is what the alternation would give.

Words and text are compared composed (NFC): "Łucja Wójcik" is found where a message writes it decomposed
(NFD, as macOS keyboards do), at the places in the text as written, whole letters with their accents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick  # type: ignore[import-not-found]

from footprint.visible import is_mark

# after a JSON escape in a raw record (``\n``, ``\t``, ``\u00a0``; not an escaped backslash's ``\\n``) a word
# starts, though the escape ends in a letter or digit
AFTER_ESCAPE = r"(?<=(?<!\\)\\[nrtbf])|(?<=(?<!\\)\\u[0-9A-Fa-f]{4})"


def fold_char(char: str) -> str:
    """One character's fold: its lower case's first character, upper-cased, first character of that.
    Characters ``re`` takes for one another ignoring case share a fold (``k`` and KELVIN SIGN, ``s`` and
    LONG S, ``i``, ``ı`` and ``İ``); some that share one are not taken for one another (``ß`` and ``s``),
    which is why a fold found is confirmed. One character: offsets in a folded text are the text's."""
    return char.lower()[0].upper()[0]


class _Folds(dict[int, str]):
    """Each character's fold, worked out once."""

    def __missing__(self, code: int) -> str:
        fold = self[code] = fold_char(chr(code))
        return fold


_FOLDS = _Folds()


def fold(text: str) -> str:
    """``text`` with each character folded (same length)."""
    return text.upper() if text.isascii() else text.translate(_FOLDS)


@dataclass(frozen=True)
class Composed:
    """A text composed (NFC), and where each of its places is in the text as written."""

    text: str
    starts: tuple[int, ...]  # a place a match starts, in the text as written (its letter's start)
    ends: tuple[int, ...]  # a place a match ends, in the text as written (after its letter's marks)


def composed(text: str) -> Composed | None:
    """``text`` composed (NFC) with its places mapped back, or None when it is composed already. Each
    letter with the marks after it is composed on its own; where that is not the whole text's composition
    (Hangul syllables built from letters), the whole text stands as one."""
    if unicodedata.is_normalized("NFC", text):
        return None
    cuts = [n for n, c in enumerate(text) if n == 0 or not unicodedata.combining(c)] + [len(text)]
    parts = [unicodedata.normalize("NFC", text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    whole = unicodedata.normalize("NFC", text)
    if "".join(parts) != whole:
        return Composed(whole, (0,) * len(whole) + (len(text),), (0,) + (len(text),) * len(whole))
    starts: list[int] = []
    ends: list[int] = [0]
    for a, b, part in zip(cuts, cuts[1:], parts, strict=False):
        starts += [a] * len(part)
        ends += [b] * len(part)
    return Composed(whole, (*starts, len(text)), tuple(ends))


@dataclass(frozen=True)
class Found:
    """Where one word was found, and which (as given, not as written in the text)."""

    start: int
    end: int
    word: str


class Alternation:
    """``BEFORE(?:w1|w2|…)AFTER`` over literal words, each matched in its own capitals or ignoring case
    (as ``(?i:…)``): where it matches, the first word in the given order that is there with ``after``
    holding; then on from its end, like ``re.finditer``."""

    def __init__(
        self, words: Sequence[tuple[str, bool]], *, before: re.Pattern[str], after: re.Pattern[str]
    ) -> None:
        """``words``: each non-empty word and whether it is matched ignoring case, in the alternation's
        order; ``before`` and ``after``: zero-width patterns that must match where a word starts and ends
        (``(?<!\\w)``, ``(?!\\w)``)."""
        self._words = tuple(words)
        self._forms = tuple(unicodedata.normalize("NFC", word) for word, _ in self._words)
        self._before = before
        self._after = after
        self._caseless: dict[int, re.Pattern[str]] = {}
        by_fold: dict[str, list[int]] = {}
        for n, form in enumerate(self._forms):
            by_fold.setdefault(fold(form), []).append(n)
        self._automaton = ahocorasick.Automaton()
        for key, indices in by_fold.items():
            self._automaton.add_word(key, (len(key), tuple(indices)))
        self._automaton.make_automaton()

    def finditer(self, text: str) -> Iterator[Found]:
        """Each word found in ``text``, in order, none overlapping; found composed (NFC), and where it is
        written, with no mark after it."""
        ascii_text = text.isascii()
        places = None if ascii_text else composed(text)
        if places is not None:
            for found in self._finditer(places.text, False):
                yield Found(places.starts[found.start], places.ends[found.end], found.word)
        else:
            yield from self._finditer(text, ascii_text)

    def _finditer(self, text: str, ascii_text: bool) -> Iterator[Found]:
        """Each word found in composed ``text``, in order, none overlapping."""
        at: dict[int, list[int]] = {}
        for last, (length, indices) in self._automaton.iter(fold(text)):
            at.setdefault(last + 1 - length, []).extend(indices)
        pos = 0
        for start in sorted(at):
            if start < pos or not self._before.match(text, start):
                continue
            for n in sorted(at[start]):
                end = start + len(self._forms[n])
                if (
                    self._is_at(n, text, start, ascii_text)
                    and self._after.match(text, end)
                    and (ascii_text or end == len(text) or not is_mark(text[end]))
                ):
                    yield Found(start, end, self._words[n][0])
                    pos = end
                    break

    def _is_at(self, n: int, text: str, start: int, ascii_text: bool) -> bool:
        """Whether word ``n``, found folded at ``start``, is written in ``text`` there as ``re`` would
        match it (``ascii_text``: ``text`` is all ASCII)."""
        word, caseless = self._forms[n], self._words[n][1]
        if not caseless:
            return text.startswith(word, start)
        if ascii_text and word.isascii():  # ASCII letters fold alike exactly when re takes them alike
            return True
        pattern = self._caseless.get(n)
        if pattern is None:
            pattern = self._caseless[n] = re.compile(re.escape(word), re.IGNORECASE)
        return pattern.match(text, start) is not None


def alternation(
    words: Sequence[tuple[str, bool]], *, before: re.Pattern[str], after: re.Pattern[str]
) -> Alternation | None:
    """An ``Alternation`` of ``words``, or None when there are none."""
    return Alternation(words, before=before, after=after) if words else None
