"""Search finds words in other scripts as an investigator types them (review i18n, defects 6 and 12), with
the same hits and snippets on SQLite and PostgreSQL, and a case made before schema 0017 finds them after
`case upgrade`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner, Result
from sqlalchemy import text

from footprint.case import Case
from footprint.cli import cli
from footprint.integrity import verify_case
from footprint.settings import Settings
from footprint.store.engine import _alembic_config, current_revision, head_revision, make_engine, migrate
from footprint.store.search_words import without_invisible
from tests.store.search_cases import backend_url, chat_case

HEAD = head_revision()  # the newest schema: what an upgrade ends at

MESSAGES = (
    "我要杀了你，贱人",  # line 1
    "你这个婊子，我会找到你",
    "سَأَقْتُلُكِ يا فاطمة",
    "سأقتلك الليلة",
    "اتصل على ٠٧٧٠٠ ٩٠٠١٢٣",  # line 5
    "رقمي ۰۷۷۰۰۹۰۰۱۲۳",
    "call 07700 900123 now",
    "Łucja Wójcik is a liar",
    "फ़ोन करो ०७७०० पर",
    "Søren og Ærø, Straße, ĐORĐE, DİYARBAKIR ılık",  # line 10
    "I will k\u200dill you, you wh\u200core 👨\u200d👩\u200d👧\u200d👦",
    "I will ｋｉｌｌ you 𝕜𝕚𝕝𝕝",
    "東京タワーで会おう",
)

#: query -> (lines found, snippet of the first)
EXPECTED = {
    "杀": (["line 1"], "我要«杀»了你，贱人"),
    "婊子": (["line 2"], "你这个«婊子»，我会找到你"),
    "贱人": (["line 1"], "我要杀了你，«贱人»"),
    '"杀了你"': (["line 1"], "我要«杀了你»，贱人"),
    "杀了你*": (["line 1"], "我要«杀了你»，贱人"),
    "タワー": (["line 13"], "東京«タワー»で会おう"),
    "سأقتلك": (["line 3", "line 4"], "«سَأَقْتُلُكِ» يا فاطمة"),
    "سَأَقْتُلُكِ": (["line 3", "line 4"], "«سَأَقْتُلُكِ» يا فاطمة"),
    "07700": (["line 5", "line 7", "line 9"], "اتصل على «٠٧٧٠٠» ٩٠٠١٢٣"),
    "٠٧٧٠٠٩٠٠١٢٣": (["line 6"], "رقمي «۰۷۷۰۰۹۰۰۱۲۳»"),
    '"07700 900123"': (["line 5", "line 7"], "اتصل على «٠٧٧٠٠ ٩٠٠١٢٣»"),
    "lucja": (["line 8"], "«Łucja» Wójcik is a liar"),
    "soren aero strasse dorde diyarbakir": (
        ["line 10"],
        "«Søren» og «Ærø», «Straße», «ĐORĐE», «DİYARBAKIR» ılık",
    ),
    "ilik": (["line 10"], "Søren og Ærø, Straße, ĐORĐE, DİYARBAKIR «ılık»"),
    "kill": (["line 11", "line 12"], "I will «k\u200dill» you, you wh\u200core 👨\u200d👩\u200d👧\u200d👦"),
    "whore": (["line 11"], "I will k\u200dill you, you «wh\u200core» 👨\u200d👩\u200d👧\u200d👦"),
}


def _case(directory: Path, url: str | None, tmp_path: Path) -> Case:
    return chat_case(directory, url, tmp_path, MESSAGES, "R v Scripts")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_words_in_other_scripts_are_found_as_typed(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    case = _case(tmp_path / "case", backend_url(backend, request), tmp_path)
    found = {}
    for query in EXPECTED:
        hits = case.store.search(query)
        found[query] = ([h.locator for h in hits], hits[0].snippet if hits else None)
        assert case.store.search_count(query) == len(hits), query
    assert found == EXPECTED
    assert case.store.search("杀 婊子") == []  # every term required, as in any search
    assert [h.locator for h in case.store.search("杀*")] == ["line 1"]
    case.close()


def _index_as_0016_did(case: Case) -> None:
    """The search index as the code before schema 0017 built it: FTS5's own words of the text without
    invisible characters (SQLite: FTS5 itself; PostgreSQL: those words as tsvectors)."""
    words = sqlite3.connect(":memory:")
    words.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    words.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    with case.store.engine.begin() as conn:
        items = conn.execute(text("SELECT id, text FROM item ORDER BY id")).all()
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO item_fts(item_fts) VALUES ('delete-all')"))
            for item_id, item_text in items:
                conn.execute(
                    text("INSERT INTO item_fts(rowid, text) VALUES (:i, :t)"),
                    {"i": item_id, "t": without_invisible(item_text)},
                )
        else:
            conn.execute(text("CREATE TABLE item_words_1 PARTITION OF item_words FOR VALUES IN (1)"))
            for item_id, item_text in items:
                words.execute(
                    "INSERT INTO t(rowid, x) VALUES (?, ?)", (item_id, without_invisible(item_text))
                )
                terms = [
                    w
                    for (w,) in words.execute("SELECT term FROM v WHERE doc = ? ORDER BY offset", (item_id,))
                ]
                vector = " ".join(f"'{w}':{i}" for i, w in enumerate(terms, 1))
                conn.execute(
                    text("INSERT INTO item_words VALUES (:i, 0, CAST(:w AS tsvector), 1)"),
                    {"i": item_id, "w": vector},
                )
        conn.execute(text("UPDATE search_index SET indexed_upto = (SELECT max(id) FROM item)"))
    words.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_case_made_before_0017_finds_them_after_case_upgrade_and_still_verifies(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    directory = tmp_path / "case"
    case = _case(directory, backend_url(backend, request), tmp_path)
    config = _alembic_config()
    with case.store.engine.begin() as conn:  # the case as Footprint at schema 0016 left it
        config.attributes["connection"] = conn
        command.downgrade(config, "0016")
    _index_as_0016_did(case)
    before = {q: [h.locator for h in case.store.search(q)] for q in ("杀", "婊子", "07700", "lucja", "kill")}
    assert before == {"杀": [], "婊子": [], "07700": ["line 7"], "lucja": [], "kill": ["line 11"]}
    with case.store.engine.connect() as conn:
        kept = conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all()
        audit = conn.execute(text("SELECT * FROM audit ORDER BY 1")).all()
    case.close()
    if (
        backend == "sqlite"
    ):  # the command (in-process it leaves PostgreSQL's connection open: the library there)
        upgraded = CliRunner().invoke(cli, ["--actor", "tester", "case", "upgrade", str(directory)])
        assert (upgraded.exit_code, upgraded.output) == (0, f"Case upgraded from schema 0016 to {HEAD}\n")
    else:
        engine = make_engine(Case.database_url(directory, Settings(actor="tester", role="investigator")))
        assert migrate(engine, str(directory)) == "0016"
        engine.dispose()
    case = Case.open(directory, Settings(actor="tester", role="investigator"))
    assert current_revision(case.store.engine) == HEAD
    for query, (lines, first) in EXPECTED.items():
        hits = case.store.search(query)
        assert ([h.locator for h in hits], hits[0].snippet) == (lines, first), query
    with case.store.engine.connect() as conn:
        assert conn.execute(text("SELECT id, text, sha256 FROM item ORDER BY id")).all() == kept
        after = conn.execute(text("SELECT * FROM audit ORDER BY 1")).all()
    assert after[: len(audit)] == audit and len(after) == len(audit) + (backend == "sqlite")  # + the upgrade
    assert verify_case(case).problems == []
    case.close()


def test_the_search_listing_keeps_the_joiners_and_writes_out_what_every_listing_writes_out(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    _case(tmp_path / "case", None, tmp_path).close()
    found = run_cli("search", str(tmp_path / "case"), "kill")
    assert found.output.splitlines() == [
        "BE/1 line 11 14/03/2024 09:20:00 GMT (+00:00) whatsapp:Ann Example: I will «k\u200dill» you, you"
        " wh\u200core 👨\u200d👩\u200d👧\u200d👦",
        "BE/1 line 12 14/03/2024 09:21:00 GMT (+00:00) whatsapp:Ann Example: I will «ｋｉｌｌ» you «𝕜𝕚𝕝𝕝»",
        "2 hit(s)",
    ]
    chat = tmp_path / "WhatsApp Chat with Cy Example.txt"
    chat.write_text("14/03/2024, 10:00 - Cy Example: I will k\u200bill you\n", encoding="utf-8")
    assert run_cli("add", str(tmp_path / "case"), str(chat), "--producer", "Ben Example").exit_code == 0
    zero_width = run_cli("search", str(tmp_path / "case"), "kill", "--json").stdout.splitlines()[-1]
    assert json.loads(zero_width)["snippet"] == "I will «k\u200bill» you"  # the message as it is
    shown = run_cli("search", str(tmp_path / "case"), '"will kill you"').output.splitlines()[-2]
    assert shown.endswith("whatsapp:Cy Example: I «will k\\u200bill you»")  # written out, as in `items`
