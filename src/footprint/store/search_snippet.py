"""The snippet of a search hit: up to twelve words of the message around what matched, the matched words
between « ».

It is cut in Python from the message's own text, the same on SQLite and PostgreSQL, so it keeps every
character the message holds: the joiners inside a word (``k\u200dill``) and of an emoji sequence, and
the marks of a letter (a highlight that ends on ``ك`` takes its kasra, ``كِ``, with it). The text
listings then write out what they write out of any message (``visible``). The window of words is chosen
as FTS5's ``snippet()`` chose it (``fts5_aux.c``), so snippets read as they did.
"""

from __future__ import annotations

from dataclasses import dataclass

from footprint.store import search_fold
from footprint.store.search_words import fit, folded, query_terms
from footprint.visible import is_mark

WORDS = 12  # words in a snippet, as snippet(item_fts, 0, '«', '»', '…', 12) gave
OPEN, CLOSE, MORE = "«", "»", "…"


@dataclass(frozen=True)
class Word:
    """A search word of a text and where it is written there (``text[start:end]``)."""

    word: str
    start: int
    end: int


def words_in(text: str) -> list[Word]:
    """The search words of ``text`` (as ``search_words`` makes them), each with the characters it is
    written with: the marks and dropped characters inside it and right after it included, a kana and its
    separate voicing mark together, and a Thai, Lao, Khmer or Burmese cluster whole."""
    voiced = search_fold.voiced_kana(text)
    folds: list[str] = []  # what each character (a voiced kana: its two) becomes
    spans: list[tuple[int, int]] = []  # the characters it is written with
    i = 0
    while i < len(text):
        size = 2 if i in voiced else 1
        folds.append(folded(voiced.get(i) or text[i]))
        spans.append((i, i + size))
        i += size
    joined = "".join(folds)
    owner = [at for at, fold in enumerate(folds) for _ in fold]  # each folded character's fold
    cuts = search_fold.cluster_cuts(joined)
    found: list[Word] = []
    first = -1  # where the word being read starts in ``joined``
    for at, char in enumerate([*joined, " "]):
        if first >= 0 and (char == " " or at in cuts):
            start, end = spans[owner[first]][0], spans[owner[at - 1]][1]
            found.append(Word(fit(joined[first:at]), start, end))
            first = -1
        if first < 0 and char != " ":
            first = at
    return _with_what_follows(text, folds, spans, found)


def _with_what_follows(
    text: str, folds: list[str], spans: list[tuple[int, int]], found: list[Word]
) -> list[Word]:
    """``found`` with each word taking the dropped characters right after it (``k\u200b``), and the
    marks FTS5 splits at (a virama, a voicing mark left alone): they are written with its letter."""
    by_end = {word.end: at for at, word in enumerate(found)}
    for fold, (start, end) in zip(folds, spans, strict=True):
        at = by_end.pop(start, None)
        if at is None:
            continue
        if fold == "" or (fold == " " and is_mark(text[start])):
            found[at] = Word(found[at].word, found[at].start, end)
            by_end[end] = at
    return found


def _instances(words: list[str], terms: list[tuple[list[str], bool]]) -> list[tuple[int, int, int]]:
    """Where each term matches: (first word, term, number of words), in the order of the words."""
    found: list[tuple[int, int, int]] = []
    for at in range(len(words)):
        for term, (phrase, prefix) in enumerate(terms):
            end = at + len(phrase)
            if end > len(words) or words[at : end - 1] != phrase[:-1]:
                continue
            last = words[end - 1]
            if last.startswith(phrase[-1]) if prefix else last == phrase[-1]:
                found.append((at, term, len(phrase)))
    return found


def _score(instances: list[tuple[int, int, int]], position: int) -> tuple[int, int]:
    """The score of the window of twelve words from ``position`` (1,000 for each term's first match in it,
    1 for each further one) and where the window centred on its matches would start."""
    score, first, last = 0, -1, 0
    seen: set[int] = set()
    for at, term, size in instances:
        if position <= at < position + WORDS:
            score += 1 if term in seen else 1000
            seen.add(term)
            first = at if first < 0 else first
            last = at + size
    return score, first - int((WORDS - (last - first)) / 2)  # C's division, as FTS5 does it


def _sentences(text: str, words: list[Word]) -> list[int]:
    """The words that start a sentence, as FTS5 tells them: the first, and each after a space that
    follows ``.`` or ``:``."""
    starts = [0]
    for at, word in enumerate(words[1:], 1):
        before = text[: word.start]
        stripped = before.rstrip(" \t\n\r")
        if len(stripped) < len(before) and stripped.endswith((".", ":")):
            starts.append(at)
    return starts


def _window(text: str, words: list[Word], instances: list[tuple[int, int, int]]) -> int:
    """The first word of the snippet, chosen as FTS5's ``snippet()`` chooses it: of the windows centred
    on the matches from each match on, the one where the most terms match, a window from the start of
    the sentence before a match counting 100 more (120 from the text's start)."""
    count = len(words)
    if count <= WORDS:
        return 0
    sentences = _sentences(text, words)
    best, best_start = 0, 0
    for position, _, _ in instances:
        score, start = _score(instances, position)
        if score > best:
            best, best_start = score, max(min(start, count - WORDS), 0)
        sentence = max(s for s in sentences if s <= position)
        if sentence < position:
            score = _score(instances, sentence)[0] + (120 if sentence == 0 else 100)
            if score > best:
                best, best_start = score, sentence
    return best_start


def snippet(text: str, terms: list[tuple[list[str], bool]]) -> str:
    """The snippet of ``text`` for a query's ``terms`` (``search_words.query_terms``); the whole text,
    unmarked, when no term matches in it (a hit is found by these same words, so only should the index
    ever disagree with the text: the reader then sees the whole message rather than nothing)."""
    words = words_in(text)
    instances = _instances([w.word for w in words], terms)
    if not instances:
        return text
    first = _window(text, words, instances)
    last = min(first + WORDS, len(words))
    marked: list[tuple[int, int]] = []
    for at, _, size in instances:
        low, high = max(at, first), min(at + size, last)
        if low >= high:
            continue
        start, end = words[low].start, words[high - 1].end
        if marked and start < marked[-1][1]:  # overlapping matches are marked as one
            start, end = marked[-1][0], max(end, marked[-1][1])
            marked.pop()
        marked.append((start, end))
    begin = words[first].start if first else 0
    out = [MORE] if first else []
    for start, end in marked:
        out += [text[begin:start], OPEN, text[start:end], CLOSE]
        begin = end
    if last < len(words):
        out += [text[begin : words[last - 1].end], MORE]
    else:
        out.append(text[begin:])
    return "".join(out)


def snippets(texts: list[str], query: str) -> list[str]:
    """The snippet of each text for ``query``, as a user typed it."""
    terms = query_terms(query)
    return [snippet(text, terms) for text in texts]
