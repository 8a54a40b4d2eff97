"""Search in Devanagari, Bengali, Tamil and the other Indic scripts matches words with their vowel signs
and virama (content review 5, defect 5), and a character that draws nothing never splits a word (defect
2): the same hits and snippets on SQLite and PostgreSQL, and a case indexed as schema 0017 did finds them
after `case upgrade` (schema 0018, which builds the index again)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from alembic import command

from footprint.case import Case
from footprint.settings import Settings
from footprint.store.engine import _alembic_config, current_revision, head_revision, make_engine, migrate
from footprint.store.search_snippet import snippets, words_in
from footprint.store.search_words import search_words
from tests.store.conftest import pg_url  # noqa: F401  (the fixture)
from tests.store.search_cases import backend_url, chat_case, found
from tests.store.test_search_clusters import _index_as_0017_did

HEAD = head_revision()  # the newest schema: what an upgrade ends at

TAMIL = "நான் உன்னை கொல்லுவேன்"  # "I will kill you"
MESSAGES = (
    "मेरा घर यहाँ है",  # line 1: Hindi, "my house is here" (the review's hi.csv)
    "मोर नाच रहा है",  # "the peacock is dancing"
    "मैं तुम्हें मार दूंगा, कल रात तुम्हारे घर आऊंगा",  # "I will beat you, tomorrow night I come to your house"
    "আমার মোরগ",  # Bengali, "my rooster"
    "আমি তোকে মারব",  # line 5: Bengali, "I will beat you"
    TAMIL,
    unicodedata.normalize("NFD", TAMIL),  # its two-part vowel sign written as its parts
    "I will k\u2063ill you",  # INVISIBLE SEPARATOR
    "I will k\u200eill you",  # LEFT-TO-RIGHT MARK
    "I will k\U000e0020ill you",  # line 10: TAG SPACE
    "I will k\u3164ill you",  # HANGUL FILLER
    "I will k\u034fill you",  # COMBINING GRAPHEME JOINER
)

#: query -> (lines found, snippet of the first)
EXPECTED = {
    "मार": (["line 3"], "मैं तुम्हें «मार» दूंगा, कल रात तुम्हारे घर आऊंगा"),
    "मेरा": (["line 1"], "«मेरा» घर यहाँ है"),
    "मोर": (["line 2"], "«मोर» नाच रहा है"),
    "तुम्हें": (["line 3"], "मैं «तुम्हें» मार दूंगा, कल रात तुम्हारे घर आऊंगा"),
    "तुम*": (["line 3"], "मैं «तुम्हें» मार दूंगा, कल रात «तुम्हारे» घर आऊंगा"),
    "মোরগ": (["line 4"], "আমার «মোরগ»"),
    "মার*": (["line 5"], "আমি তোকে «মারব»"),
    "கொல்லுவேன்": (["line 6", "line 7"], "நான் உன்னை «கொல்லுவேன்»"),
    "kill": (
        ["line 8", "line 9", "line 10", "line 11", "line 12"],
        "I will «k\u2063ill» you",
    ),
}

#: queries that find nothing: letters without their vowel signs, a syllable of a longer word
NOT_FOUND = ("म", "मर", "मारा", "तु", "মার", "কোল", "கொல", "ill")


def test_indic_words_keep_their_vowel_signs_and_virama() -> None:
    assert len({tuple(search_words(w)) for w in ("मार", "मेरा", "मोर", "मर")}) == 4
    assert [len(search_words(m)) for m in MESSAGES[:7]] == [4, 4, 9, 2, 3, 3, 3]  # a word is a word
    assert search_words("क़ातिल") == search_words("क\u093cातिल")  # a letter written whole is its parts
    assert search_words(TAMIL) == search_words(unicodedata.normalize("NFD", TAMIL))


@pytest.mark.parametrize(
    "char",
    [
        *"\u2061\u2062\u2063\u2064\u180e\u115f\u1160\u3164\uffa0\u200e\u200f\u202a\u202e\u2066\u2069\u034f",
        "\U000e0001",
        "\U000e0020",
        "\U000e007f",
        "\U0001d173",
        "\U0001d17a",
    ],
)
def test_a_character_that_draws_nothing_never_splits_a_word(char: str) -> None:
    message = f"I will k{char}ill you"
    assert search_words(message) == ["i", "will", "kill", "you"]
    assert [(w.start, w.end) for w in words_in(message)] == [(0, 1), (2, 6), (7, 12), (13, 16)]
    assert snippets([message], f"k{char}ill") == [f"I will «k{char}ill» you"]


def test_snippets_mark_whole_indic_words() -> None:
    assert snippets(list(MESSAGES[:3]), "मार") == [*MESSAGES[:2], EXPECTED["मार"][1]]
    long = "मैं तुम्हें मार दूंगा, कल रात तुम्हारे घर आऊंगा और तुम्हें सबक सिखाऊंगा ठीक से"
    assert snippets([long], "तुम्हें") == ["मैं «तुम्हें» मार दूंगा, कल रात तुम्हारे घर आऊंगा और «तुम्हें» सबक…"]


def _case(directory: Path, url: str | None, tmp_path: Path) -> Case:
    return chat_case(directory, url, tmp_path, MESSAGES, "R v Indic")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_indic_words_are_found_whole_and_only_with_their_vowel_signs(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    url = backend_url(backend, request)
    case = _case(tmp_path / "case", url, tmp_path)
    assert found(case, EXPECTED) == EXPECTED
    assert {q: case.store.search_count(q) for q in EXPECTED} == {q: len(v[0]) for q, v in EXPECTED.items()}
    assert {q: case.store.search(q) for q in NOT_FOUND} == dict.fromkeys(NOT_FOUND, [])
    case.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_case_indexed_at_0017_finds_indic_words_after_the_upgrade(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    directory = tmp_path / "case"
    url = backend_url(backend, request)
    case = _case(directory, url, tmp_path)
    config = _alembic_config()
    with case.store.engine.begin() as conn:  # the case as Footprint at schema 0017 left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0017")
    _index_as_0017_did(case)
    before = {q: [h.locator for h in case.store.search(q)] for q in ("मार", "kill")}
    assert before == {"मार": [], "kill": []}  # the index holds the words as 0017 made them
    case.close()
    engine = make_engine(Case.database_url(directory, Settings(actor="tester", role="investigator")))
    assert migrate(engine, str(directory)) == "0017"
    engine.dispose()
    case = Case.open(directory, Settings(actor="tester", role="investigator"))
    assert current_revision(case.store.engine) == HEAD
    assert found(case, EXPECTED) == EXPECTED
    case.close()
