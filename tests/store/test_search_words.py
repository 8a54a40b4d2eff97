"""Search words: FTS5's words, folded further (Han, Arabic points, digits, a few letters); FTS5 indexes
exactly them on SQLite, PostgreSQL holds them; long texts fit PostgreSQL's limits."""

from __future__ import annotations

import re
import sqlite3

from footprint.store import search_fold
from footprint.store.search_snippet import snippets
from footprint.store.search_words import (
    MAX_POSITION,
    MAX_REPEATS,
    OVERLAP,
    folded,
    fts5_query,
    indexed_text,
    search_words,
    tsquery,
    tsvector_parts,
    without_invisible,
)
from footprint.visible import READ_PAST

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


def test_search_words_are_fts5s_words_for_text_without_the_extra_folding() -> None:
    for text in TEXTS[:1] + TEXTS[3:]:  # as FTS5 indexed the text without invisible characters (0011)
        assert search_words(text) == _fts5_words(without_invisible(text)), text
    assert search_words(TEXTS[3])[4:] == ["sepzero", "widthzwj", "bom", "\ue000private"]
    assert search_words(TEXTS[0]) == [
        "cafe", "cafe", "cafe", "13", "03", "2023", "img", "20230313", "jpg",
        "jane", "doe", "example", "co", "uk", "https", "x", "org", "a", "b", "c", "d",
    ]  # fmt: skip
    assert search_words(TEXTS[1])[-5:] == [
        "ﬁne",
        "strasse",
        "aero",
        "lodz",
        "istanbul",
    ]  # ligatures kept, as FTS5


def test_fts5_given_the_joined_words_indexes_exactly_those_words() -> None:
    for text in TEXTS:
        assert _fts5_words(indexed_text(text)) == search_words(text), text


def test_han_and_kana_are_a_word_each_and_a_query_of_them_a_phrase() -> None:
    assert search_words("我会杀了你") == ["我", "会", "杀", "了", "你"]
    assert search_words("東京タワーで会おう, ok") == [
        "東",
        "京",
        "タ",
        "ワ",
        "ー",
        "で",
        "会",
        "お",
        "う",
        "ok",
    ]
    assert fts5_query("婊子") == '"婊 子"'
    assert fts5_query("杀* kill") == '"杀"* "kill"'
    assert search_words("안녕하세요 친구") == ["안녕하세요", "친구"]  # Hangul is written with spaces: as FTS5


def test_arabic_and_hebrew_vowel_points_and_tatweel_are_dropped() -> None:
    assert search_words("سَأَقْتُلُكِ") == search_words("سأقتلك") == search_words("سأقتـــلك") == ["ساقتلك"]
    assert search_words("أ إ آ ؤ") == search_words("\u0627\u0654 \u0627\u0655 \u0627\u0653 \u0648\u0654")
    assert search_words("שָׁלוֹם") == search_words("שלום") == ["שלום"]
    assert _fts5_words("سَأَقْتُلُكِ") == ["س", "أ", "ق", "ت", "ل", "ك"]  # before: a letter a word


def test_digits_of_every_script_are_ascii_digits() -> None:
    assert search_words("٠٧٧٠٠ ٩٠٠١٢٣") == search_words("۰۷۷۰۰ ۹۰۰۱۲۳") == ["07700", "900123"]
    assert search_words("०७७०० ৯০০") == ["07700", "900"]
    assert search_words("０７７ 𝟎𝟕") == ["077", "07"]
    assert search_words("x² ½") == ["x²", "½"]  # superscripts and fractions are not decimal digits: as FTS5


def test_letters_nfkd_leaves_whole_are_typed_plainly() -> None:
    assert search_words("Łucja ŁÓDŹ Søren ĐORĐE Þór Straße ẞ Æsir cœur DIYARBAKIR ıi ħ ŧ ŀl ĳ") == [
        "lucja", "lodz", "soren", "dorde", "thor", "strasse", "ss", "aesir", "coeur", "diyarbakir", "ii",
        "h", "t", "ll", "ij",
    ]  # fmt: skip
    assert sorted(search_fold.LETTERS) == sorted("łøđðħŧŀıßæœþĳ")


def test_look_alike_letter_forms_are_read_as_the_letter() -> None:
    assert search_words("ｋｉｌｌ 𝕜𝕚𝕝𝕝 𝓀𝒾𝓁𝓁 ⓚⓘⓛⓛ ｶﾀ") == ["kill", "kill", "kill", "kill", "カ", "タ"]


def test_every_folded_character_is_one_fts5_keeps_as_it_is() -> None:
    # so FTS5, given the words joined by spaces, indexes the very words PostgreSQL holds (every 97th code
    # point, and every character the extra folding names)
    codes = {*range(1, 0x110000, 97), *map(ord, "".join(search_fold.LETTERS)), *map(ord, "ŁØĐÐĦŦĿẞÆŒÞĲ")}
    codes |= {*map(ord, search_fold.OPTIONAL_MARKS), *range(0x0660, 0x066A), *range(0x3040, 0x3100)}
    codes |= {*range(0x0E00, 0x0F00), *range(0x1000, 0x10A0), *range(0x1780, 0x1800)}  # Thai… stand-ins
    chars = sorted({c for code in codes for c in folded(chr(code)).strip() if not 0xD800 <= code <= 0xDFFF})
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(f"x{c}y" for c in chars))
    kept = {chars[doc] for doc, term in conn.execute("SELECT doc, term FROM v") if term == f"x{chars[doc]}y"}
    conn.close()
    assert len(chars) > 8_000 and sorted(set(chars) - kept) == []


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
    assert snippets(texts, "cafe") == [
        "…very long message about the «café» on 13/03/2023 and more…",
        "«CAFE»",
    ]


def test_snippets_choose_the_words_fts5s_snippet_chose() -> None:
    texts = [
        "First sentence here. Then the café: on 13/03/2023 we met, and more words follow it all day long",
        "<script>alert(1)</script><img src=x onerror=alert(2)> gnp.exe and a few more words here to go",
        " ".join(f"w{i}" for i in range(40)) + ". kill you now: " + " ".join(f"v{i}" for i in range(30)),
        "kill " + "pad " * 20 + "you and kill you, said he, and left. The end of it all is near now",
        "short one: kill",
    ]
    queries = (
        "cafe",
        "kill",
        "kill you",
        '"kill you"',
        "w3*",
        "v29",
        "img src x",
        "sentence then",
        "end near",
    )
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts))
    compared = 0
    for query in queries:
        cut = dict(
            conn.execute(
                "SELECT rowid, snippet(t, 0, '«', '»', '…', 12) FROM t WHERE t MATCH ?", (fts5_query(query),)
            ).fetchall()
        )
        for row, expected in cut.items():
            assert snippets([texts[row]], query) == [expected], (query, row)
            compared += 1
    conn.close()
    assert compared == 13


def test_snippets_keep_the_marks_and_joiners_of_the_message() -> None:
    texts = ["قال سَأَقْتُلُكِ الليلة", "I will k\u200dill you, you wh\u200core 👨\u200d👩\u200d👧", "नमस्ते जी"]
    assert snippets(texts, "سأقتلك kill whore") == [
        "قال «سَأَقْتُلُكِ» الليلة",  # the kasra stays with its letter, inside the mark
        "I will «k\u200dill» you, you «wh\u200core» 👨\u200d👩\u200d👧",
        "नमस्ते जी",
    ]
    assert snippets(texts[2:], "नमस*") == ["«नमस्ते» जी"]  # since 0018 an Indic word is one word, marked whole
    assert snippets(["我会杀了你，贱人"], "杀 贱人") == ["我会«杀»了你，«贱人»"]
    assert snippets(["kill you, kill"], 'kill "kill you"') == ["«kill you», «kill»"]  # overlaps marked once


def test_characters_across_unicode_are_split_and_folded_as_fts5_does_but_for_the_extra_folding() -> None:
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
    differ = [c for i, c in enumerate(chars) if search_words(texts[i]) != indexed[i]]
    extra = [c for c in chars if search_fold.plain_form(c) != c or search_fold.han_or_kana(c)]
    extra += [c for c in chars if search_fold.dropped(c) or search_fold.ascii_digit(c)]
    extra += [c for c in chars if search_fold.kept_mark(c) or c in READ_PAST]
    extra += [c for c in chars if search_fold.arabic_form_parts(c)]
    assert (len(chars), sorted(set(differ) - set(extra))) == (2_229, [])
    # Han, kana, look-alike letters, a Bengali vowel sign, variation selectors, Arabic presentation forms
    assert len(differ) == 205
