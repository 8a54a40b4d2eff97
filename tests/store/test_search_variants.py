"""Search finds a word however its letters were written for one another: Persian's yeh and keheh as
Arabic's, Arabic presentation forms as the letters they draw, kana with a spacing voicing mark, and
Devanagari's candrabindu and Gurmukhi's tippi as the anusvara and bindi, Urdu's and Kurdish letters as
the Arabic letters typed for them; the same hits and snippets on SQLite and PostgreSQL."""

from __future__ import annotations

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
from footprint.store import search_words as words_module
from footprint.store.engine import _alembic_config, current_revision, head_revision, make_engine, migrate
from footprint.store.search_snippet import words_in
from footprint.store.search_words import search_words
from tests.store.search_cases import backend_url, chat_case, found

MESSAGES = (
    "بکشمت امشب",  # line 1: Persian, "I'll kill you tonight", with keheh
    "بكشمت",  # Arabic kaf
    "میدونم کجایی",  # Persian yeh: "I know where you are"
    "ﺳﺄﻗﺘﻠﻚ ﻻ ﺗﻬﺮﺑﻲ",  # Arabic in presentation forms: "I will kill you, don't run"
    "お前はハ゛カだ",  # line 5: a spacing voicing mark
    "मैं तुम्हें मारूँगा",  # candrabindu: "I will kill you"
    "मैं तुम्हें मारूंगा",  # anusvara
    "ਮੈਂ ਤੈਨੂੰ ਮਾਰਾਂਗਾ",  # Gurmukhi with tippi
    "میں تمہیں مار دوں گا",  # Urdu with heh goal and noon ghunna: "I will kill you"
    "تمهين ڈھونڈ لوں گا",  # line 10: the same "you" as an Arabic keyboard types it; Urdu doachashmee
    "ئەتکوژم",  # Kurdish (Sorani) with ae: "I will kill you"
)

#: query -> (lines found, snippet of the first)
EXPECTED = {
    "بكشمت": (["line 1", "line 2"], "«بکشمت» امشب"),
    "بکشمت": (["line 1", "line 2"], "«بکشمت» امشب"),
    "كجايي": (["line 3"], "میدونم «کجایی»"),
    "سأقتلك": (["line 4"], "«ﺳﺄﻗﺘﻠﻚ» ﻻ ﺗﻬﺮﺑﻲ"),
    "لا": (["line 4"], "ﺳﺄﻗﺘﻠﻚ «ﻻ» ﺗﻬﺮﺑﻲ"),
    "バカ": (["line 5"], "お前は«ハ゛カ»だ"),
    "मारूंगा": (["line 6", "line 7"], "मैं तुम्हें «मारूँगा»"),
    "मारूँगा": (["line 6", "line 7"], "मैं तुम्हें «मारूँगा»"),
    "ਤੈਨੂੰ": (["line 8"], "ਮੈਂ «ਤੈਨੂੰ» ਮਾਰਾਂਗਾ"),
    "تمہیں": (["line 9", "line 10"], "میں «تمہیں» مار دوں گا"),
    "تمهين": (["line 9", "line 10"], "میں «تمہیں» مار دوں گا"),
    "ڈهونڈ": (["line 10"], "تمهين «ڈھونڈ» لوں گا"),
    "يهتكوژم": (["line 11"], "«ئەتکوژم»"),
}

#: what the search index at schema 0019 found of them (each written another way: not found)
AT_0019 = {
    "بكشمت": ["line 2"],
    "سأقتلك": [],
    "バカ": [],
    "मारूंगा": ["line 7"],
    "تمهين": ["line 10"],
}

#: what the search index at schema 0020 found of them (Urdu's and Kurdish letters not yet folded)
AT_0020 = {
    "بكشمت": ["line 1", "line 2"],
    "تمهين": ["line 10"],
    "تمہیں": ["line 9"],
    "يهتكوژم": [],
}


def test_persian_letters_are_the_arabic_letters_typed_for_them() -> None:
    assert search_words("بکشمت بكشمت کجایی كجايي") == ["بكشمت", "بكشمت", "كجايي", "كجايي"]
    assert {k: v for k, v in search_fold.ARABIC_LETTERS.items() if k in "ىةٱیک"} == {
        "ى": "ي",
        "ة": "ه",
        "ٱ": "ا",
        "ی": "ي",
        "ک": "ك",
    }


def test_urdu_and_kurdish_letters_are_the_arabic_letters_typed_for_them() -> None:
    assert search_words("تمہیں تمهين نہیں ۂ ۓ ۀ ۃ کھ ئەتکوژم") == [
        "تمهين",
        "تمهين",
        "نهين",
        "ه",  # heh goal with hamza: its hamza dropped, as over any letter
        "ي",  # yeh barree with hamza
        "ه",  # heh with yeh above
        "ه",
        "كه",
        "يهتكوژم",  # its yeh with hamza read as yeh, the hamza dropped as over any letter
    ]
    assert search_words("ٹ ڈ ڑ ڵ ڕ ۆ") == ["ٹ", "ڈ", "ڑ", "ڵ", "ڕ", "ۆ"]  # letters of their own: kept


def test_arabic_presentation_forms_are_the_letters_they_draw() -> None:
    assert search_words("ﺳﺄﻗﺘﻠﻚ سأقتلك ﻻ ﻷ ﷲ") == ["ساقتلك", "ساقتلك", "لا", "لا", "الله"]
    assert search_fold.arabic_form_parts("ﻛ") == "ك"
    assert search_fold.arabic_form_parts("ﻻ") == "لا"
    assert search_fold.arabic_form_parts("ك") is None  # the letter itself
    assert search_fold.arabic_form_parts("ﬡ") is None  # a Hebrew wide form: not Arabic


def test_a_kana_with_a_spacing_voicing_mark_is_the_composed_letter() -> None:
    assert search_words("か゛ が ハ゜ パ") == ["が", "が", "パ", "パ"]
    assert search_words("あ゛") == ["あ"]  # no such letter: the mark is no part of the word, as before


def test_nasal_marks_written_for_one_another_are_one() -> None:
    assert search_words("मारूँगा") == search_words("मारूंगा")
    assert search_words("ਤੈਨੂੰ") == search_words("ਤੈਨੂਂ")
    assert search_words("मार") != search_words("मारं")  # a nasal mark is still part of the word


def test_a_texts_words_for_snippets_are_its_search_words() -> None:
    for message in (*MESSAGES, "ﷺ ok", "か゛か゛", "ﱞ x"):
        assert [w.word for w in words_in(message)] == search_words(message), message
    assert [(w.start, w.end) for w in words_in("ﻻ ok")] == [(0, 1), (2, 4)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_such_words_are_found_whichever_way_they_were_written(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    case = chat_case(tmp_path / "case", backend_url(backend, request), tmp_path, MESSAGES, "R v Variants")
    assert found(case, EXPECTED) == EXPECTED
    case.close()


def _fold_as_0019_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search words as the code at schema 0019 made them: none of these letters read for another."""
    monkeypatch.setattr(search_fold, "ARABIC_LETTERS", {"ى": "ي", "ة": "ه", "ٱ": "ا"})
    monkeypatch.setattr(search_fold, "NASAL_MARKS", {})
    monkeypatch.setattr(search_fold, "_SPACING_MARKS", {})
    monkeypatch.setattr(search_fold, "arabic_form_parts", lambda char: None)
    _forget_folding()


def _fold_as_0020_did(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search words as the code at schema 0020 made them: Urdu's and Kurdish letters kept as written."""
    monkeypatch.setattr(search_fold, "ARABIC_LETTERS", {"ى": "ي", "ة": "ه", "ٱ": "ا", "ی": "ي", "ک": "ك"})
    _forget_folding()


def _forget_folding() -> None:
    words_module._FOLDING.clear()
    words_module._CLUSTER_FOLDING.clear()


EARLIER = {"0019": (_fold_as_0019_did, AT_0019), "0020": (_fold_as_0020_did, AT_0020)}


@pytest.mark.parametrize("revision", sorted(EARLIER))
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_case_indexed_at_an_earlier_schema_finds_them_after_case_upgrade_and_still_verifies(
    backend: str,
    revision: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fold_as_it_did, found_then = EARLIER[revision]
    directory = tmp_path / "case"
    case = chat_case(directory, backend_url(backend, request), tmp_path, MESSAGES, "R v Variants")
    config = _alembic_config()
    with case.store.engine.begin() as conn:  # the case as Footprint at that schema left it: index emptied
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    try:
        fold_as_it_did(monkeypatch)  # and built again by that code at its first search
        assert {q: [h.locator for h in case.store.search(q)] for q in found_then} == found_then
    finally:
        monkeypatch.undo()
        _forget_folding()
    with case.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all()
    case.close()
    if backend == "sqlite":
        upgraded = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(directory)])
        assert (upgraded.exit_code, upgraded.output) == (
            0,
            f"Case upgraded from schema {revision} to {head_revision()}\n",
        )
    else:
        engine = make_engine(Case.database_url(directory, Settings(actor="tester", role="investigator")))
        assert migrate(engine, str(directory)) == revision
        engine.dispose()
    case = Case.open(directory, Settings(actor="tester", role="investigator"))
    assert current_revision(case.store.engine) == head_revision()
    assert found(case, EXPECTED) == EXPECTED
    with case.store.engine.connect() as conn:
        assert conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all() == kept
    assert verify_case(case).problems == []
    case.close()
