"""The full-text index: on SQLite it catches up on the first search after an ingest, and only then;
on PostgreSQL an add writes its items' words (tests needing FOOTPRINT_TEST_PG_URL)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from footprint.case import Case
from footprint.errors import ParseError
from footprint.model import ParseWarning
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema as t
from footprint.store.case_store import CaseStore, StoreTx


def _indexed_upto(case: Case) -> int | None:
    with case.store.engine.connect() as conn:
        return conn.execute(select(t.search_index.c.indexed_upto)).scalar()


def _add(case: Case, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(f"14/03/2024, 09:15 - Ann: hello\n14/03/2024, 09:16 - Ben: {text}\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))


def test_search_on_sqlite_indexes_what_was_added_since_the_last_search(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path, "one.txt", "meet me at the station")
    assert _indexed_upto(case) == 0  # ingest leaves indexing to the first search
    assert [(h.item_id, h.exhibit) for h in case.store.search("station")] == [(2, "JD/1")]
    assert _indexed_upto(case) == 2
    _add(case, tmp_path, "two.txt", "the station again")
    assert _indexed_upto(case) == 2
    assert [(h.item_id, h.exhibit) for h in case.store.search("station")] == [(2, "JD/1"), (4, "JD/2")]
    assert [h.item_id for h in case.store.search("hello")] == [1, 3]  # each item indexed once
    assert _indexed_upto(case) == 4


def _pg_case(tmp_path: Path, url: str, parallel_from: int = 1 << 20) -> Case:
    settings = Settings(
        actor="tester", role="investigator", database_url=url, parallel_parse_min_bytes=parallel_from
    )
    return Case.init(tmp_path / "pg", name="R v Words", tz="Europe/London", settings=settings)


def _words(case: Case) -> list[tuple[int, int, str]]:
    with case.store.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(text("SELECT item_id, part, words::text FROM item_words ORDER BY 1, 2"))
        ]


def _word_tables(case: Case) -> dict[str, int]:
    """Each partition of ``item_words`` and how many rows it holds."""
    with case.store.engine.connect() as conn:
        return dict(
            conn.execute(
                text(
                    "SELECT p.inhrelid::regclass::text, (SELECT count(*) FROM item_words w"
                    " WHERE w.tableoid = p.inhrelid) FROM pg_inherits p"
                    " WHERE p.inhparent = 'item_words'::regclass"
                )
            ).all()
        )


def _add_lines(case: Case, tmp_path: Path, name: str, count: int) -> None:
    path = tmp_path / name
    path.write_text(
        "".join(f"14/03/2024, 09:2{i} - Ben: hello station\n" for i in range(count)), encoding="utf-8"
    )
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))


@pytest.mark.postgres
@pytest.mark.parametrize("parallel_from", [1 << 20, 0], ids=["in the writer", "in the parsing process"])
def test_an_add_on_postgresql_indexes_its_words_so_the_first_search_has_none_left(
    tmp_path: Path, pg_url: str, parallel_from: int
) -> None:
    case = _pg_case(tmp_path, pg_url, parallel_from)
    _add(case, tmp_path, "one.txt", "Meet me at the Café")
    assert _indexed_upto(case) == 2
    assert _words(case) == [(1, 0, "'hello':1"), (2, 0, "'at':3 'cafe':5 'me':2 'meet':1 'the':4")]
    assert _word_tables(case) == {"item_words_1": 0, "item_words_2": 2}  # more new than indexed: a table
    with case.store.engine.connect() as conn:  # the planner knows item_words as a whole (a search joins it)
        stats = "SELECT attname FROM pg_stats WHERE tablename = 'item_words' AND inherited ORDER BY 1"
        assert conn.execute(text(stats)).scalars().all() == ["generation", "item_id", "part", "words"]
    _add(case, tmp_path, "two.txt", "the station")  # fewer new items than indexed: into the newest table
    assert _indexed_upto(case) == 4
    assert _words(case)[2:] == [(3, 0, "'hello':1"), (4, 0, "'station':2 'the':1")]
    assert _word_tables(case) == {"item_words_1": 0, "item_words_2": 4}
    with case.store.transaction() as tx:
        assert tx.index_new_text() == 0
    assert [h.item_id for h in case.store.search("cafe")] == [2]
    assert [h.item_id for h in case.store.search("hello")] == [1, 3]
    case.close()


@pytest.mark.postgres
def test_an_add_also_indexes_the_items_an_earlier_search_had_not(tmp_path: Path, pg_url: str) -> None:
    case = _pg_case(tmp_path, pg_url)
    _add(case, tmp_path, "one.txt", "meet me")
    with case.store.transaction() as tx:  # as migration 0004 leaves a case: items, no words
        tx.conn.execute(text("DELETE FROM item_words"))
        tx.conn.execute(text("UPDATE search_index SET indexed_upto = 0"))
    _add(case, tmp_path, "two.txt", "the station")
    assert _indexed_upto(case) == 4
    assert [item_id for item_id, _part, _words in _words(case)] == [1, 2, 3, 4]
    assert [h.item_id for h in case.store.search("meet")] == [2]
    case.close()


@pytest.mark.postgres
def test_a_failed_add_on_postgresql_leaves_no_words(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _pg_case(tmp_path, pg_url)
    _add(case, tmp_path, "one.txt", "meet me")

    def fail(self: StoreTx, exhibit_id: int, warnings: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(StoreTx, "add_warnings", fail)  # after the items and their words are written
    with pytest.raises(ParseError, match=r"could not be read \(OSError: disk full\)"):
        _add(case, tmp_path, "two.txt", "the station")
    with pytest.raises(ParseError, match=r"could not be read \(OSError: disk full\)"):
        _add_lines(case, tmp_path, "three.txt", 3)  # more new items than indexed: its own table, then none
    assert _indexed_upto(case) == 2
    assert [item_id for item_id, _part, _words in _words(case)] == [1, 2]
    assert _word_tables(case) == {"item_words_1": 0, "item_words_2": 2}
    monkeypatch.undo()
    _add(case, tmp_path, "two.txt", "the station")  # the same session: its temporary table went too
    assert [h.item_id for h in case.store.search("station")] == [4]
    _add_lines(case, tmp_path, "three.txt", 5)
    assert _word_tables(case) == {"item_words_1": 0, "item_words_2": 4, "item_words_3": 5}
    case.close()


@pytest.mark.postgres
def test_a_search_from_another_session_does_not_wait_for_an_add_that_more_than_doubles_the_case(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = _pg_case(tmp_path, pg_url)
    _add(case, tmp_path, "one.txt", "meet me")  # items 1 and 2, indexed
    # a colleague in the review app: a search that waited on a lock fails after 300 ms instead
    colleague = CaseStore(create_engine(pg_url, connect_args={"options": "-c lock_timeout=300"}))
    seen: list[list[tuple[int, str]]] = []
    add_warnings = StoreTx.add_warnings

    def search_meanwhile(self: StoreTx, exhibit_id: int, warnings: Iterable[ParseWarning]) -> int:
        # the add's items and words are written (four new items: the index more than doubles), not committed
        seen.extend([(h.item_id, h.exhibit) for h in colleague.search(q)] for q in ("hello", "station"))
        return add_warnings(self, exhibit_id, warnings)

    monkeypatch.setattr(StoreTx, "add_warnings", search_meanwhile)
    _add_lines(case, tmp_path, "two.txt", 4)
    assert seen == [[(1, "JD/1")], []]  # the case as it was until the add committed
    assert [h.item_id for h in colleague.search("hello")] == [1, 3, 4, 5, 6]
    assert [h.item_id for h in colleague.search("station")] == [3, 4, 5, 6]
    colleague.engine.dispose()
    case.close()
