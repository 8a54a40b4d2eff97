"""Search finds words in Thai, Lao, Khmer and Burmese (each grapheme cluster a word, a query's run of them
a phrase), kana written with a separate voicing mark, and Arabic letters written for one another; the same
hits and snippets on SQLite and PostgreSQL, and a case indexed as schema 0017 did finds them after
`case upgrade` (schema 0018)."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import text

from footprint.case import Case
from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.settings import Settings
from footprint.store import search_fold
from footprint.store.engine import _alembic_config, current_revision, head_revision, make_engine, migrate
from footprint.store.search_snippet import snippets, words_in
from footprint.store.search_words import folded, fts5_query, indexed_text, search_words
from footprint.visible import INVISIBLE, READ_PAST
from tests.store.search_cases import backend_url, chat_case, found

HEAD = head_revision()  # the newest schema: what an upgrade ends at

MESSAGES = (
    "ฉันจะฆ่าแก",  # line 1: Thai, "I will kill you"
    "ฆ่าJohnเลยนะ",  # a Thai word at the start of a run, beside Latin
    "แกต้องตาย ฉันจะฆ่า",  # at the end of a run
    "กำลังไป",
    "ຂ້ອຍຈະຂ້າເຈົ້າ",  # line 5: Lao, "I will kill you"
    "ខ្ញុំនឹងសម្លាប់អ្នក",  # Khmer, "I will kill you"
    "ငါမင်းကိုသတ်မယ်",  # Burmese, "I will kill you"
    "このｶﾞｷ、覚えてろ",  # halfwidth kana with a halfwidth voicing mark
    "お前はハ\u3099カだ",  # katakana with a combining voicing mark
    "お前はバカだ",  # line 10: the same, composed
    "سأقتلك يا فاطمه الليله",  # teh marbuta written as heh
    "انا قادم الى بيتك",  # alef maqsura where yeh is meant
    "سأنتظرك في ٱلمدرسة",  # alef wasla
)

#: query -> (lines found, snippet of the first)
EXPECTED = {
    "ฆ่า": (["line 1", "line 2", "line 3"], "ฉันจะ«ฆ่า»แก"),
    "john": (["line 2"], "ฆ่า«John»เลยนะ"),
    "ฆ่าjohn": (["line 2"], "«ฆ่าJohn»เลยนะ"),
    "ตาย": (["line 3"], "แกต้อง«ตาย» ฉันจะ…"),  # twelve words: here twelve clusters
    "กำ": (["line 4"], "«กำ»ลังไป"),
    "ຂ້າ": (["line 5"], "ຂ້ອຍຈະ«ຂ້າ»ເຈົ້າ"),
    "សម្លាប់": (["line 6"], "ខ្ញុំនឹង«សម្លាប់»អ្នក"),
    "ខ្ញុំ": (["line 6"], "«ខ្ញុំ»នឹងសម្លាប់អ្នក"),
    "သတ်": (["line 7"], "ငါမင်းကို«သတ်»မယ်"),
    "ガキ": (["line 8"], "この«ｶﾞｷ»、覚えてろ"),
    "バカ": (["line 9", "line 10"], "お前は«ハ\u3099カ»だ"),
    "ハ\u3099カ": (["line 9", "line 10"], "お前は«ハ\u3099カ»だ"),
    "فاطمة": (["line 11"], "سأقتلك يا «فاطمه» الليله"),
    "الليلة": (["line 11"], "سأقتلك يا فاطمه «الليله»"),
    "الي": (["line 12"], "انا قادم «الى» بيتك"),
    "المدرسه": (["line 13"], "سأنتظرك في «ٱلمدرسة»"),
}

#: queries that find nothing: half a cluster, a letter without its tone mark or its voicing
NOT_FOUND = ("ฆ", "ฆา", "ฉ", "ញុំ", "ខ", "မင", "ຂາ", "カキ", "ハカ")


def mark(char: str) -> str:
    """The private-use stand-in of a Thai, Lao, Khmer or Burmese mark in search words."""
    stand_in = search_fold.kept_mark(char)
    assert stand_in == chr(0x100000 + ord(char))
    return stand_in


def test_a_thai_lao_khmer_or_burmese_cluster_is_a_word_and_a_querys_run_a_phrase() -> None:
    assert search_words("ฉันจะฆ่าแก") == ["ฉ" + mark("ั"), "น", "จ", "ะ", "ฆ" + mark("่"), "า", "แ", "ก"]
    assert search_words("ฆ่าJohn 2") == ["ฆ" + mark("่"), "า", "john", "2"]
    assert search_words("กำลัง") == ["กำ", "ล" + mark("ั"), "ง"]  # SARA AM is written on its letter
    # the consonant a Khmer coeng or a Burmese virama stacks under the one before is in its cluster
    assert [w.start for w in words_in("ខ្ញុំនឹង")] == [0, 5, 7]
    assert [w.start for w in words_in("မင်္ဂလာ")] == [0, 1, 5]  # မ, င်္ဂ, လာ: kinzi over ဂ
    assert fts5_query("ฆ่า") == f'"ฆ{mark("่")} า"'
    assert search_words("๐๘๑ ໐໙ ០១ ၀၁") == [
        "081",
        "09",
        "01",
        "01",
    ]  # their digits are ASCII digits, as before
    assert search_words("a\u0e48b") == ["a" + mark("\u0e48"), "b"]  # a mark stays with the letter before


def test_kana_with_a_separate_voicing_mark_is_the_composed_letter() -> None:
    assert search_words("か\u3099 が ｶﾞ ガ ﾊﾟ パ ハ\u309a") == ["が", "が", "ガ", "ガ", "パ", "パ", "パ"]
    assert search_words("か\uff9e") == ["が"]  # a halfwidth mark after a full-width kana
    assert search_words("あ\u3099") == ["あ"]  # no composed letter: the mark separates words, as before
    assert search_words("ゝ\u3099") == ["ゞ"]


def test_arabic_letters_written_for_one_another_are_one() -> None:
    assert search_words("على علي فاطمة فاطمه ٱلله الله أحمد إحمد آحمد") == [
        "علي", "علي", "فاطمه", "فاطمه", "الله", "الله", "احمد", "احمد", "احمد",
    ]  # fmt: skip
    assert search_fold.ARABIC_LETTERS.items() >= {"ى": "ي", "ة": "ه", "ٱ": "ا"}.items()


def test_a_texts_words_for_snippets_are_its_search_words() -> None:
    texts = [
        *MESSAGES,
        "ฆ่า\u200bแก ok",
        "\u0e48ก ก\u0e48\u200b\u0e49 x",
        "か\u3099\u3099き",
        "ｶﾞｶﾞ",
        "杀\u200b了 k\u200bill",
    ]
    for message in texts:
        assert [w.word for w in words_in(message)] == search_words(message), message
    assert [(w.start, w.end) for w in words_in("ก\u0e48\u200b\u0e49 x")] == [(0, 4), (5, 6)]
    assert [(w.start, w.end) for w in words_in("ｶﾞｶﾞ")] == [(0, 2), (2, 4)]


def test_the_words_for_snippets_are_the_search_words_of_any_mix_of_these_characters() -> None:
    # search_words marks the clusters with str methods, words_in by cluster_cuts: the same cuts
    letters = "กขำั่\u17d2\u1039ញុ\u103a ab1๕。杀か\u3099ｶﾞ\u200b"
    pick = random.Random(18)
    for _ in range(3_000):
        message = "".join(pick.choice(letters) for _ in range(pick.randint(1, 10)))
        assert [w.word for w in words_in(message)] == search_words(message), ascii(message)


def test_fts5_given_the_joined_words_indexes_exactly_those_words() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(map(indexed_text, MESSAGES)))
    indexed: dict[int, list[str]] = {i: [] for i in range(len(MESSAGES))}
    for doc, term in conn.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        indexed[doc].append(term)
    conn.close()
    assert indexed == {i: search_words(m) for i, m in enumerate(MESSAGES)}


def test_snippets_mark_whole_clusters() -> None:
    assert snippets(["ฉันจะฆ่าแก", "ฆ่า", "ฆา"], "ฆ่า") == ["ฉันจะ«ฆ่า»แก", "«ฆ่า»", "ฆา"]
    assert snippets(["ฉันจะฆ่าแก"], "ฆ*") == ["ฉันจะ«ฆ่»าแก"]  # a prefix: a cluster whole, never half
    assert snippets(["ខ្ញុំនឹងសម្លាប់អ្នក"], "ខ") == ["ខ្ញុំនឹងសម្លាប់អ្នក"]  # no match: the text unmarked


def _case(directory: Path, url: str | None, tmp_path: Path) -> Case:
    return chat_case(directory, url, tmp_path, MESSAGES, "R v Clusters")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_words_in_these_scripts_are_found_with_whole_clusters_marked(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    case = _case(tmp_path / "case", backend_url(backend, request), tmp_path)
    assert found(case, EXPECTED) == EXPECTED
    assert {q: case.store.search_count(q) for q in EXPECTED} == {q: len(v[0]) for q, v in EXPECTED.items()}
    assert {q: case.store.search(q) for q in NOT_FOUND} == dict.fromkeys(NOT_FOUND, [])
    assert [h.locator for h in case.store.search("ฆ่า ตาย")] == ["line 3"]  # every term required
    case.close()


def _as_0017_folded(char: str) -> str:
    """What the code at schema 0017 made of ``char``: a mark of these scripts or of an Indic script, and a
    character that draws nothing (but ``visible.INVISIBLE``), split a word (as FTS5 does); ``ى``, ``ة``,
    ``ٱ`` and an Indic letter written whole (``क़``) were themselves, and anything else was folded as now."""
    if search_fold.kept_mark(char) or char in READ_PAST:
        return " "
    whole = char in search_fold.ARABIC_LETTERS or search_fold.indic_parts(char)
    return char if whole else folded(char)


_0017_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))  # what search dropped at 0017


def _index_as_0017_did(case: Case) -> None:
    """The search index as the code at schema 0017 built it: each character folded on its own (no
    clusters, no composed kana), the words given to FTS5 (SQLite) or as tsvectors (PostgreSQL)."""
    with case.store.engine.begin() as conn:
        items = conn.execute(text("SELECT id, text FROM item ORDER BY id")).all()
        words = {i: "".join(map(_as_0017_folded, t.translate(_0017_INVISIBLE))).split() for i, t in items}
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO item_fts(item_fts) VALUES ('delete-all')"))
            for item_id, item_words in words.items():
                conn.execute(
                    text("INSERT INTO item_fts(rowid, text) VALUES (:i, :t)"),
                    {"i": item_id, "t": " ".join(item_words)},
                )
        else:
            for part in conn.execute(
                text(
                    "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = 'item_words'::regclass"
                )
            ).scalars():
                conn.execute(text(f"DROP TABLE {part}"))
            conn.execute(text("CREATE TABLE item_words_1 PARTITION OF item_words FOR VALUES IN (1)"))
            for item_id, item_words in words.items():
                vector = " ".join(f"'{w}':{i}" for i, w in enumerate(item_words, 1))
                conn.execute(
                    text("INSERT INTO item_words VALUES (:i, 0, CAST(:w AS tsvector), 1)"),
                    {"i": item_id, "w": vector},
                )
        conn.execute(text("UPDATE search_index SET indexed_upto = (SELECT max(id) FROM item)"))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_case_indexed_at_0017_finds_them_after_case_upgrade_and_still_verifies(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    directory = tmp_path / "case"
    case = _case(directory, backend_url(backend, request), tmp_path)
    config = _alembic_config()
    with case.store.engine.begin() as conn:  # the case as Footprint at schema 0017 left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0017")
    _index_as_0017_did(case)
    before = {q: [h.locator for h in case.store.search(q)] for q in ("ฆ่า", "ガキ", "الي", "john", "ハカ")}
    assert before == {"ฆ่า": [], "ガキ": [], "الي": [], "john": [], "ハカ": ["line 9"]}  # ฆ|่|าjohnเลยนะ
    with case.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all()
        audit = conn.execute(text("SELECT * FROM audit ORDER BY 1")).all()
    case.close()
    if backend == "sqlite":  # the command (in-process it leaves PostgreSQL's connection open)
        upgraded = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(directory)])
        assert (upgraded.exit_code, upgraded.output) == (0, f"Case upgraded from schema 0017 to {HEAD}\n")
    else:
        engine = make_engine(Case.database_url(directory, Settings(actor="tester", role="investigator")))
        assert migrate(engine, str(directory)) == "0017"
        engine.dispose()
    case = Case.open(directory, Settings(actor="tester", role="investigator"))
    assert current_revision(case.store.engine) == HEAD
    assert found(case, EXPECTED) == EXPECTED
    assert {q: case.store.search(q) for q in NOT_FOUND} == dict.fromkeys(NOT_FOUND, [])
    with case.store.engine.connect() as conn:
        assert conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all() == kept
        after = conn.execute(text("SELECT * FROM audit ORDER BY 1")).all()
    assert after[: len(audit)] == audit and len(after) == len(audit) + (backend == "sqlite")  # + the upgrade
    if backend == "sqlite":
        assert (after[-1].action, json.loads(after[-1].details)["schema"]) == ("case upgrade", HEAD)
    assert verify_case(case).problems == []
    case.close()
