"""Search words: how text is split and folded for search, the same on SQLite (FTS5) and PostgreSQL.

The words start from FTS5's ``unicode61`` tokeniser (``remove_diacritics 2``): text is split into runs
of letters and digits, case and accents folded (``Café`` is the word ``cafe``, and ``13/03/2023`` the
three words ``13 03 2023``). ``search_fold`` folds further what FTS5 leaves apart (each Han or kana
character a word, Arabic vowel points dropped, digits of every script as ASCII, ``ł`` as ``l``, each
Thai, Lao, Khmer or Burmese grapheme cluster a word, kana voicing marks composed, Indic vowel signs and
virama kept in the word, characters that draw nothing dropped). The text is split
here, in Python: each character is shown once to FTS5 in an in-memory SQLite database, which says
whether it separates words, is dropped (a combining accent) or folds to which character; the answer is
kept, and a text is then folded with ``str.translate`` and split on spaces (a text in those four
scripts, or with a separate kana voicing mark, is also read by its neighbouring characters: the kana
and its mark composed before, the clusters marked as words after). SQLite's FTS5 is
given the words joined by spaces (``indexed_text``), and PostgreSQL the same words as a ``tsvector``
with their positions, so phrases and prefixes match alike. PostgreSQL's own parser splits and folds
otherwise, and its ``unaccent`` extension needs a superuser. Snippets are cut in Python from the text
as it is (``search_snippet``), on both back ends.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Sequence

from footprint.store import search_fold
from footprint.visible import READ_PAST

TOKENIZE = "unicode61 remove_diacritics 2"  # as item_fts was made by migration 0001

# PostgreSQL's limits on a tsvector: a word of at most 2,046 bytes, positions up to 16,383, at most
# 256 positions of one word, 1 MB in all. A longer text is indexed in overlapping parts.
MAX_WORD_BYTES = 2046
MAX_POSITION = 16_383
MAX_REPEATS = 256
MAX_PART_BYTES = 900_000
OVERLAP = 64  # words repeated at the start of the next part: phrases up to 65 words span parts


def _fts5(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute(f"CREATE VIRTUAL TABLE item_fts USING fts5(text, tokenize='{TOKENIZE}')")
    return conn


class _Folding(dict[int, str]):
    """What each character becomes in search words, learnt the first time it is seen: ``" "`` a
    separator, ``""`` dropped, ``" 杀 "`` a word of its own (Han, kana), otherwise what it folds to.

    A character is first read through ``search_fold`` (a look-alike form as its letter, an Arabic or
    Hebrew vowel point dropped, a digit of any script as an ASCII digit, a Thai, Lao, Khmer or Burmese
    mark as its private-use stand-in); FTS5 then says how it splits and folds it (shown to it once in
    an in-memory SQLite database), and ``search_fold.plain_letter`` folds a few letters further (``ł``
    to ``l``, ``ى`` to ``ي``). FTS5 treats each character on its own (checked against every
    code point), so a text folded with this table and split on spaces gives the search words. Every
    character of a word is one FTS5 keeps as it is (tested), so FTS5 given the words joined by spaces
    indexes exactly those words: SQLite and PostgreSQL index the same words. A folded character is
    never a quote, a backslash or white space (FTS5 keeps only letters, digits and private-use
    characters), so words need no escaping in a tsvector literal or in COPY's text format; should FTS5
    ever keep one, it is taken as a separator here.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._conn = _fts5(sqlite3.connect(":memory:", check_same_thread=False))
        self._conn.execute("CREATE VIRTUAL TABLE item_terms USING fts5vocab(item_fts, instance)")

    def __missing__(self, code: int) -> str:
        char = search_fold.without_optional_marks(search_fold.plain_form(chr(code)))
        # "k\u200bill" and "k\u2063ill" are searched as they read, "kill"
        if char in READ_PAST or search_fold.dropped(char):
            folded = ""
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be stored on either back end
            folded = " "
        elif parts := search_fold.indic_parts(char) or search_fold.arabic_form_parts(char):
            # an Indic letter or vowel sign written whole, an Arabic letter's shape or a ligature
            folded = "".join([self[ord(part)] for part in parts])
        elif stand_in := search_fold.kept_mark(char):  # a Thai, Lao, Khmer, Burmese or Indic mark
            folded = stand_in
        else:
            folded = search_fold.ascii_digit(char) or self.fts5(char)
            folded = search_fold.plain_letter(folded)
            if len(folded) == 1 and search_fold.han_or_kana(folded):
                folded = f" {folded} "
        self[code] = folded
        return folded

    def fts5(self, char: str) -> str:
        """What FTS5 itself makes of ``char``: ``" "`` a separator, ``""`` dropped, or the one character
        it folds to."""
        with self._lock:
            self._conn.execute("INSERT INTO item_fts(rowid, text) VALUES (1, ?)", (f"x{char}y",))
            words = [w for (w,) in self._conn.execute("SELECT term FROM item_terms ORDER BY offset")]
            self._conn.execute("DELETE FROM item_fts")
        one = len(words) == 1 and words[0][:1] == "x" and words[0][-1:] == "y"
        kept = words[0][1:-1] if one else " "  # two words (or anything else): a separator
        return kept if len(kept) <= 1 and not (kept.isspace() or kept in ("'", "\\")) else " "


_FOLDING = _Folding()


class _ClusterFolding(dict[int, str]):
    """What each character becomes in a text with Thai, Lao, Khmer or Burmese in it: as in ``_FOLDING``,
    with the markers ``search_fold.clusters_joined`` joins clusters by (one ``str.translate``, not two)."""

    def __missing__(self, code: int) -> str:
        self[code] = search_fold.with_cluster_markers(_FOLDING[code])
        return self[code]


_CLUSTER_FOLDING = _ClusterFolding()
_DROP_INVISIBLE = dict.fromkeys(map(ord, READ_PAST))


def without_invisible(text: str) -> str:
    """``text`` without the characters that draw nothing but would split a word (``visible.READ_PAST``):
    what is indexed, searched for and cut into snippets, on either back end."""
    return text.translate(_DROP_INVISIBLE)


def search_words(text: str) -> list[str]:
    """The search words of ``text``, in order (a word PostgreSQL cannot hold is cut short)."""
    if text.isascii() or search_fold.CONTEXT.search(text) is None:  # each character folded on its own
        words = text.translate(_FOLDING).split()
    else:  # kana voicing marks composed first, then Thai, Lao, Khmer and Burmese clusters a word each
        words = search_fold.clusters_joined(
            search_fold.with_kana_composed(text).translate(_CLUSTER_FOLDING)
        ).split()
    if len(text) * 4 > MAX_WORD_BYTES and any(len(w) * 4 > MAX_WORD_BYTES for w in words):
        words = [fit(w) for w in words]
    return words


def fit(word: str) -> str:
    """``word`` cut to the longest word PostgreSQL holds (2,046 bytes)."""
    return word.encode()[:MAX_WORD_BYTES].decode(errors="ignore")


def folded(char: str) -> str:
    """What ``char`` becomes in search words (see :class:`_Folding`)."""
    return _FOLDING[ord(char)]


def indexed_text(text: str) -> str:
    """What FTS5 is given for ``text`` on SQLite: its search words joined by spaces, which FTS5 splits
    into those same words."""
    return " ".join(search_words(text))


def tsvector_parts(text: str) -> list[str]:
    """``text``'s words as ``tsvector`` literals with positions: one, or overlapping parts of a long text."""
    words = search_words(text)
    if len(words) <= MAX_REPEATS or (
        len(words) <= MAX_POSITION
        and sum(len(w) + 8 for w in words) * 4 <= MAX_PART_BYTES
        and max(Counter(words).values()) <= MAX_REPEATS
    ):
        return [_literal(words)]
    parts: list[str] = []
    start = 0
    while True:
        seen: Counter[str] = Counter()
        size = 0
        end = start
        while end < len(words) and end - start < MAX_POSITION:
            word = words[end]
            size += len(word.encode()) + 8
            if seen[word] == MAX_REPEATS or size > MAX_PART_BYTES:
                break
            seen[word] += 1
            end += 1
        parts.append(_literal(words[start:end]))
        if end == len(words):
            return parts
        start = max(end - OVERLAP, start + 1)


def copy_text(items: Iterable[tuple[int, str]]) -> str:
    """``item_words`` rows (item id, part, words) of ``items`` (id, text), in COPY's text format.

    Search words hold no tab, newline or backslash, so nothing needs escaping.
    """
    return "".join(
        [
            f"{item_id}\t{part}\t{words}\n"
            for item_id, text in items
            for part, words in enumerate(tsvector_parts(text))
        ]
    )


def _literal(words: Sequence[str]) -> str:
    return " ".join([f"'{w}':{i}" for i, w in enumerate(words, 1)])


def tsquery(words: Sequence[str], prefix: bool) -> str:
    """A ``tsquery`` literal for one FTS5 phrase: its words in a row, the last a prefix if asked."""
    terms = [f"'{w}'" for w in words]
    if prefix:
        terms[-1] += ":*"
    return " <-> ".join(terms)


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def query_terms(query: str) -> list[tuple[list[str], bool]]:
    """Each term of what a user typed (a "quoted phrase" or a word) as its search words, and whether a
    trailing ``*`` makes its last word a prefix; a term with no word in it (``!``) is left out."""
    terms: list[tuple[list[str], bool]] = []
    for match in _TOKEN.finditer(without_invisible(query)):
        phrase, word = match.group(1), match.group(2)
        prefix = phrase is None and word.endswith("*") and len(word) > 1
        words = search_words(word.rstrip("*") if prefix else phrase if phrase is not None else word)
        if words:
            terms.append((words, prefix))
    return terms


def fts5_query(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: one phrase of search words per term, all required.

    Search words hold only letters and digits, so nothing in the query is read as an FTS5 operator; a
    trailing ``*`` on a word keeps its prefix meaning.
    """
    return " ".join(
        '"' + " ".join(words) + '"' + ("*" if prefix else "") for words, prefix in query_terms(query)
    )


def pg_tsqueries(query: str) -> list[str]:
    """The same query for PostgreSQL: one ``tsquery`` per term, every one required, its words in a row."""
    return [tsquery(words, prefix) for words, prefix in query_terms(query)]
