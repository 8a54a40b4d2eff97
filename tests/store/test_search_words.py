"""Search words for PostgreSQL are exactly the words FTS5 indexes; long texts fit PostgreSQL's limits."""

from __future__ import annotations

import re
import sqlite3

from footprint.store.search_words import (
    MAX_POSITION,
    MAX_REPEATS,
    OVERLAP,
    fts5_snippets,
    search_words,
    tsquery,
    tsvector_parts,
    without_invisible,
)

TEXTS = (
    "Café CAFÉ cafe\u0301 13/03/2023 IMG_20230313.jpg jane.doe@example.co.uk https://x.org/a?b=c#d",
    "don't it’s l'homme — «quoted» 😀🔪👍🏽 x² ½ Ⅻ ﬁne Straße Ærø Łódź İstanbul",
    "Привет ΣΊΣΥΦΟΣ ς 東京タワー مرحبا नमस्ते 안녕하세요 \u0301leading and trailing\u0301 a\u0301\u0302b",
    "tab\tnew\nline\u00a0nbsp\u2028sep\u200bzero-width\u200dzwj \ufeffbom \U0001f600\ue000private",
    "",
    "   ",
)


def _fts5_words(text: str) -> list[str]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", (text,))
    words = [w for (w,) in conn.execute("SELECT term FROM v ORDER BY offset")]
    conn.close()
    return words


def test_search_words_are_the_words_fts5_indexes() -> None:
    for text in TEXTS:  # FTS5 is given the text without invisible characters (as the index is)
        assert search_words(text) == _fts5_words(without_invisible(text)), text
    assert search_words(TEXTS[3])[4:] == ["sepzero", "widthzwj", "bom", "\ue000private"]
    assert search_words(TEXTS[0]) == [
        "cafe", "cafe", "cafe", "13", "03", "2023", "img", "20230313", "jpg",
        "jane", "doe", "example", "co", "uk", "https", "x", "org", "a", "b", "c", "d",
    ]  # fmt: skip


def test_a_word_too_long_for_postgresql_is_cut_to_2046_bytes() -> None:
    assert search_words("é" * 1500 + " short") == ["e" * 1500, "short"]  # folded: 1 byte each
    assert search_words("ж" * 1500) == ["ж" * 1023]  # 2 bytes each


def test_a_short_text_is_one_tsvector_with_positions() -> None:
    assert tsvector_parts("Meet me, meet ME") == ["'meet':1 'me':2 'meet':3 'me':4"]
    assert tsvector_parts("") == [""]
    assert tsquery(["the", "caf"], prefix=True) == "'the' <-> 'caf':*"


def _positions(part: str) -> list[tuple[str, int]]:
    return [(w, int(p)) for w, p in re.findall(r"'([^']*)':(\d+)", part)]


def test_a_long_text_is_cut_into_overlapping_parts_within_postgresqls_limits() -> None:
    words = [f"w{i}" for i in range(33_000)]
    parts = [_positions(p) for p in tsvector_parts(" ".join(words))]
    assert [len(p) for p in parts] == [MAX_POSITION, MAX_POSITION, 33_000 - 2 * (MAX_POSITION - OVERLAP)]
    assert parts[1][0] == (f"w{MAX_POSITION - OVERLAP}", 1)  # the next part repeats the last 64 words
    assert [w for w, _ in parts[0]] + [w for p in parts[1:] for w, _ in p[OVERLAP:]] == words


def test_a_word_repeated_more_than_256_times_starts_a_new_part() -> None:
    parts = [_positions(p) for p in tsvector_parts("hay " * 600 + "needle")]
    assert [len(p) for p in parts] == [MAX_REPEATS, MAX_REPEATS, 600 - 2 * (MAX_REPEATS - OVERLAP) + 1]
    assert parts[-1][-1] == ("needle", 600 - 2 * (MAX_REPEATS - OVERLAP) + 1)


def test_snippets_are_cut_as_fts5_cuts_them() -> None:
    texts = ["a very long message " * 5 + "about the café on 13/03/2023 " + "and more words " * 5, "CAFE"]
    assert fts5_snippets(texts, '"cafe"') == [
        "…very long message about the «café» on 13/03/2023 and more…",
        "«CAFE»",
    ]


def test_characters_across_unicode_are_split_and_folded_as_fts5_does() -> None:
    # every 499th code point (the whole range was checked once, every code point, at 0004)
    chars = [chr(c) for c in range(1, 0x110000, 499) if not 0xD800 <= c <= 0xDFFF]
    texts = [f"{c}a{c}{c} b{c} {c}" for c in chars]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts))
    indexed: dict[int, list[str]] = {i: [] for i in range(len(texts))}
    for doc, term in conn.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        indexed[doc].append(term)
    conn.close()
    differ = [hex(ord(c)) for i, c in enumerate(chars) if search_words(texts[i]) != indexed[i]]
    assert (len(chars), differ) == (2_229, [])
