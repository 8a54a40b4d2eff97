"""Thousands of literal words found in one reading of a text, exactly where the regular expression
``BEFORE(?:word1|word2|…)AFTER`` finds them.

Python's ``re`` tries every alternative at every place one could start, so 5,000 third-party names took
minutes over a case's messages. An Aho–Corasick automaton (the one detection's lexicons use) reads the
text once, on its characters folded; each place it finds a fold is then confirmed by ``re`` itself, so
what is found, and which word, is what the alternation would give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import ahocorasick  # type: ignore[import-not-found]


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
        self._before = before
        self._after = after
        self._caseless: dict[int, re.Pattern[str]] = {}
        by_fold: dict[str, list[int]] = {}
        for n, (word, _) in enumerate(self._words):
            by_fold.setdefault(fold(word), []).append(n)
        self._automaton = ahocorasick.Automaton()
        for key, indices in by_fold.items():
            self._automaton.add_word(key, (len(key), tuple(indices)))
        self._automaton.make_automaton()

    def finditer(self, text: str) -> Iterator[Found]:
        """Each word found in ``text``, in order, none overlapping."""
        ascii_text = text.isascii()
        at: dict[int, list[int]] = {}
        for last, (length, indices) in self._automaton.iter(fold(text)):
            at.setdefault(last + 1 - length, []).extend(indices)
        pos = 0
        for start in sorted(at):
            if start < pos or not self._before.match(text, start):
                continue
            for n in sorted(at[start]):
                word = self._words[n][0]
                end = start + len(word)
                if self._is_at(n, text, start, ascii_text) and self._after.match(text, end):
                    yield Found(start, end, word)
                    pos = end
                    break

    def _is_at(self, n: int, text: str, start: int, ascii_text: bool) -> bool:
        """Whether word ``n``, found folded at ``start``, is written in ``text`` there as ``re`` would
        match it (``ascii_text``: ``text`` is all ASCII)."""
        word, caseless = self._words[n]
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
