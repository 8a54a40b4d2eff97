"""The same queries find the same items, in the same order, with the same snippets, on SQLite and
on PostgreSQL. Needs FOOTPRINT_TEST_PG_URL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings

pytestmark = pytest.mark.postgres

# One message a line (the time of the 12th is earlier than the 11th's: hits come in time order).
MESSAGES = (
    "Meet me at the café on 13/03/2023 at 10:15",
    "cafe\u0301 written with a combining accent, and CAFÉ in capitals",
    "I sent IMG_20230313_101500.jpg and report-final.v2.pdf",
    "write to jane.doe+private@example.co.uk or JD@Example.ORG",
    "it is on https://www.example.com/path/page?q=1&r=two#frag and http://192.168.0.1:8080",
    "don't, it's over, it’s done — l'homme est là",
    "😀😡 you 🔪 again 👍🏽",
    "Привет, Мария! ΣΊΣΥΦΟΣ σίσυφος ς",
    "東京タワーで会おう مرحبا بك नमस्ते 안녕하세요",
    "Straße Ærø Łódź ﬁne ½ x² Ⅻ İstanbul",
    'hostile: "quoted" AND OR NOT NEAR(a b) ^col: -minus {brace} [br] \\ back \'; DROP TABLE item;--',
    "I will kill you",
    "kill you will you",
    "locate the location, call the locksmith",
    "x' | 'y & z <-> w :* !n",
    "1.5 1,000 -7 3e10 0x1F 07700 900456 +44",
)

QUERIES = (
    "cafe", "café", "CAFE", "Café", "caf*", "cafe\u0301", '"the café"',
    "2023", "13/03/2023", "03", '"13 03"', "13/03", "10:15",
    "img", "20230313", "IMG_20230313_101500.jpg", "jpg", "pdf", "v2", "report-final", "final.v2",
    "jane", "jane.doe", "private", "example", "co.uk", "jane.doe+private@example.co.uk", "jd", "example.org",
    "https", "www.example.com", "example.com/path", "q=1", "frag", "192", "168.0.1", "8080",
    "don't", "don", "t", "it's", "it’s", "l'homme", "homme", "la", "là",
    "😀", "🔪", "you", "again 👍🏽", "👍",
    "привет", "мария", "МАРИЯ", "σίσυφος", "ΣΊΣΥΦΟΣ", "σισυφος", "ς", "σ",
    "東京タワーで会おう", "東京", "مرحبا", "नमस्ते", "नमस*", "안녕하세요",
    "straße", "strasse", "aerø", "ærø", "lodz", "łódź", "fine", "ﬁne", "fi*", "½", "2", "xii", "Ⅻ", "istanbul",
    "i̇stanbul",
    '"will kill"', '"kill will"', '"kill you"', "kil*", '"I will" kil*', "will-kill", "kill&you", "you will",
    '"you will"', '"will you"', "loc*", "lock*", "location*", "locat*", '"the loc*"', "l*", "*",
    "AND", "OR", "NOT", "NEAR(a b)", "NEAR", '"', '""', "'", "''", "**", "!", ":*", "^col", "col:",
    "-minus", "minus", "{brace}", "[br]", "\\", "'; DROP TABLE item;--", "drop table", "x' | 'y",
    "x | y", "z <-> w", "w:*", "!n", "a & b", "(a b)", '"unbalanced', "unbalanced\"", "hostile: \"quoted",
    "1.5", "5", "1,000", "000", "-7", "3e10", "0x1f", "07700", "+44 07700", '"07700 900456"', "*44", "4*",
    "", "   ", "\t",
)  # fmt: skip


def _case(directory: Path, url: str | None, tmp_path: Path) -> Case:
    case = Case.init(
        directory,
        name="R v Parity",
        tz="Europe/London",
        settings=Settings(actor="tester", role="investigator", database_url=url),
    )
    lines = []
    for i, message in enumerate(MESSAGES):
        minute = 30 - i if i == 11 else 30 + i
        lines.append(f"14/03/2024, 09:{minute:02d} - Ann Example: {message}")
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    return case


def test_every_query_finds_the_same_items_in_the_same_order_with_the_same_snippets(
    tmp_path: Path, pg_url: str
) -> None:
    lite = _case(tmp_path / "lite", None, tmp_path)
    pg = _case(tmp_path / "pg", pg_url, tmp_path)
    found = 0
    for query in QUERIES:
        expected = [(h.item_id, h.locator, h.sent_at_utc, h.snippet) for h in lite.store.search(query)]
        assert [
            (h.item_id, h.locator, h.sent_at_utc, h.snippet) for h in pg.store.search(query)
        ] == expected, query
        found += bool(expected)
    assert found == 120  # most queries find something: the comparison is not between empty lists
    # the differences docs/store.md used to list, now gone
    assert [h.snippet for h in pg.store.search("cafe")] == [
        "Meet me at the «café» on 13/03/2023 at 10:15",
        "«cafe\u0301» written with a combining accent, and «CAFÉ» in capitals",
    ]
    assert [h.locator for h in pg.store.search("2023")] == ["line 1"]
    assert [h.locator for h in pg.store.search("example")] == ["line 4", "line 5"]
    assert [h.locator for h in pg.store.search("you")] == ["line 12", "line 7", "line 13"]  # time order
    lite.close()
    pg.close()


def test_every_query_counts_and_pages_its_hits_alike_on_both_back_ends(tmp_path: Path, pg_url: str) -> None:
    # the review app shows "N items match" and pages the hits: the count and each page come from the search
    lite = _case(tmp_path / "lite", None, tmp_path)
    pg = _case(tmp_path / "pg", pg_url, tmp_path)
    for query in QUERIES:
        every = [h.item_id for h in lite.store.search(query, limit=len(MESSAGES))]
        for store in (lite.store, pg.store):
            assert store.search_count(query) == len(every), query
            assert [h.item_id for h in store.search(query, limit=2, offset=1)] == every[1:3], query
    assert lite.store.search_count("you") == 3
    lite.close()
    pg.close()


def _long_case(directory: Path, url: str | None, tmp_path: Path) -> Case:
    case = Case.init(
        directory,
        name="R v Long",
        tz="Europe/London",
        settings=Settings(actor="tester", role="investigator", database_url=url),
    )
    long_text = " ".join(f"w{i}" for i in range(20_000)) + " needle in the haystack"
    repeated = "hay " * 600 + "last straw"
    chat = tmp_path / "WhatsApp Chat with Ann Example.txt"
    chat.write_text(
        f"14/03/2024, 09:15 - Ann Example: first w7 {long_text}\n14/03/2024, 09:16 - Ann Example: {repeated}\n",
        encoding="utf-8",
    )
    add_exhibit(case, chat, AddOptions(producer="Ben Example"))
    return case


def test_a_text_longer_than_a_postgresql_tsvector_is_found_as_on_sqlite(tmp_path: Path, pg_url: str) -> None:
    lite = _long_case(tmp_path / "lite", None, tmp_path)
    pg = _long_case(tmp_path / "pg", pg_url, tmp_path)
    queries = (
        "needle", '"in the haystack"', "first needle", "w7 w19999", '"w16350 w16351"', '"hay last straw"',
        '"hay hay"', "straw", "w2*",
    )  # fmt: skip
    for query in queries:
        expected = [h.locator for h in lite.store.search(query)]
        assert [h.locator for h in pg.store.search(query)] == expected, query
    assert [h.locator for h in pg.store.search("first needle")] == ["line 1"]  # words 20,000 apart
    assert [h.locator for h in pg.store.search('"hay last straw"')] == ["line 2"]  # after 600 repeats
    with pg.store.engine.connect() as conn:
        assert conn.execute(text("SELECT item_id, count(*) FROM item_words GROUP BY 1 ORDER BY 1")).all() == [
            (1, 2),
            (2, 3),
        ]
    lite.close()
    pg.close()


def test_two_first_searches_at_once_index_each_item_once(tmp_path: Path, pg_url: str) -> None:
    made = _case(tmp_path / "pg", pg_url, tmp_path)
    with made.store.transaction() as tx:  # as migration 0004 leaves a case: the add's words are not there
        tx.conn.execute(text("DELETE FROM item_words"))
        tx.conn.execute(text("UPDATE search_index SET indexed_upto = 0"))
    made.close()
    cases = [Case.open(tmp_path / "pg", Settings(actor=a, role="investigator")) for a in ("one", "two")]
    start = threading.Barrier(2)
    found: list[list[int]] = []

    def search(case: Case) -> None:
        start.wait()
        found.append([h.item_id for h in case.store.search("cafe")])

    threads = [threading.Thread(target=search, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [[1, 2], [1, 2]]
    with cases[0].store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), count(DISTINCT item_id) FROM item_words")).one() == (
            16,
            16,
        )
    for case in cases:
        case.close()
