"""Search words as SQLite's FTS5 makes them, so that PostgreSQL search finds what SQLite's finds.

A case on SQLite is searched through FTS5's ``unicode61`` tokeniser (``remove_diacritics 2``): text is
split into runs of letters and digits, case and accents folded (``Café`` is the word ``cafe``, and
``13/03/2023`` the three words ``13 03 2023``). PostgreSQL's own parser splits and folds otherwise,
and its ``unaccent`` extension needs a superuser. So for a case on PostgreSQL the text is split here,
in Python, by the same tokeniser: each character is shown once to FTS5 in an in-memory SQLite
database, which says whether it separates words, is dropped (a combining accent) or folds to which
character; the answer is kept, and a text is then folded with ``str.translate`` and split on spaces.
The words go to PostgreSQL as a ``tsvector`` with their positions, so phrases and prefixes match as
in FTS5. Snippets of PostgreSQL hits are cut by FTS5's own ``snippet`` in the same way.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from footprint.visible import INVISIBLE

TOKENIZE = "unicode61 remove_diacritics 2"  # as item_fts was made by migration 0001
SNIPPET = "snippet(item_fts, 0, '«', '»', '…', 12)"

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
    """What each character becomes in search words, learnt from FTS5 the first time it is seen:
    ``" "`` a separator, ``""`` dropped, otherwise the one character it folds to.

    FTS5 treats each character on its own (checked against every code point), so a text folded
    with this table and split on spaces gives FTS5's words. A folded character is never a quote,
    a backslash or white space (FTS5 keeps only letters, digits and private-use characters), so
    words need no escaping in a tsvector literal or in COPY's text format; should FTS5 ever keep
    one, it is taken as a separator here.
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._conn = _fts5(sqlite3.connect(":memory:", check_same_thread=False))
        self._conn.execute("CREATE VIRTUAL TABLE item_terms USING fts5vocab(item_fts, instance)")

    def __missing__(self, code: int) -> str:
        folded = " "
        if chr(code) in INVISIBLE:  # drawn as nothing: "k\u200bill" is searched as it reads, "kill"
            folded = ""
        elif not 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be stored on either back end
            with self._lock:
                self._conn.execute("INSERT INTO item_fts(rowid, text) VALUES (1, ?)", (f"x{chr(code)}y",))
                words = [w for (w,) in self._conn.execute("SELECT term FROM item_terms ORDER BY offset")]
                self._conn.execute("DELETE FROM item_fts")
            one = len(words) == 1 and words[0][:1] == "x" and words[0][-1:] == "y"
            kept = words[0][1:-1] if one else " "  # two words (or anything else): a separator
            if len(kept) <= 1 and not (kept.isspace() or kept in ("'", "\\")):
                folded = kept
        self[code] = folded
        return folded


_FOLDING = _Folding()
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def without_invisible(text: str) -> str:
    """``text`` without the characters that draw nothing but would split a word (``visible.INVISIBLE``):
    what is indexed, searched for and cut into snippets, on either back end."""
    return text.translate(_DROP_INVISIBLE)


def without_invisible_sql(column: str) -> str:
    """SQLite's expression for :func:`without_invisible` of ``column`` (FTS5 is given the text so)."""
    sql = column
    for char in sorted(INVISIBLE):
        sql = f"replace({sql}, char({ord(char)}), '')"
    return sql


def search_words(text: str) -> list[str]:
    """The words FTS5 indexes for ``text``, in order (a word PostgreSQL cannot hold is cut short)."""
    words = text.translate(_FOLDING).split()
    if len(text) * 4 > MAX_WORD_BYTES and any(len(w) * 4 > MAX_WORD_BYTES for w in words):
        words = [_fit(w) for w in words]
    return words


def _fit(word: str) -> str:
    return word.encode()[:MAX_WORD_BYTES].decode(errors="ignore")


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


def fts5_snippets(texts: Sequence[str], match: str) -> list[str]:
    """FTS5's snippet of each text for the FTS5 query ``match``, cut from the text as it was indexed."""
    with _fts5(sqlite3.connect(":memory:")) as conn:
        conn.executemany(
            "INSERT INTO item_fts(rowid, text) VALUES (?, ?)", enumerate(map(without_invisible, texts))
        )
        cut = dict(
            conn.execute(f"SELECT rowid, {SNIPPET} FROM item_fts WHERE item_fts MATCH ?", (match,)).fetchall()
        )
    conn.close()
    # A text FTS5 does not match (only when a word cut to 2,046 bytes matched on PostgreSQL) is shown whole.
    return [cut.get(i, text) for i, text in enumerate(texts)]


_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _terms(query: str) -> Iterator[tuple[str, bool]]:
    """Each term of what a user typed: a "quoted phrase" or a word, and whether a trailing ``*``
    makes its last word a prefix."""
    for match in _TOKEN.finditer(without_invisible(query)):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if phrase.strip():
                yield phrase, False
            continue
        prefix = word.endswith("*") and len(word) > 1
        yield (word.rstrip("*") if prefix else word), prefix


def fts5_query(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: quoted phrases and words, all required.

    Every term is quoted, so FTS5 operators and punctuation in the query are taken literally;
    a trailing ``*`` on a word keeps its prefix meaning.
    """
    return " ".join(
        '"' + term.replace('"', '""') + '"' + ("*" if prefix else "") for term, prefix in _terms(query)
    )


def pg_tsqueries(query: str) -> list[str]:
    """The same query for PostgreSQL: one ``tsquery`` per term, every one required.

    Each term is split into words by FTS5's own rules (``search_words``) and its words must follow
    one another, as in an FTS5 phrase; a term with no word in it is ignored, as FTS5 ignores it.
    """
    found: list[str] = []
    for term, prefix in _terms(query):
        words = search_words(term)
        if words:
            found.append(tsquery(words, prefix))
    return found
