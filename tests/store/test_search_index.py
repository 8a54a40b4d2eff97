"""The full-text index catches up on the first search after an ingest, and only then."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.store import schema as t


def _indexed_upto(case: Case) -> int | None:
    with case.store.engine.connect() as conn:
        return conn.execute(select(t.search_index.c.indexed_upto)).scalar()


def _add(case: Case, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(f"14/03/2024, 09:15 - Ann: hello\n14/03/2024, 09:16 - Ben: {text}\n", encoding="utf-8")
    add_exhibit(case, path, AddOptions(producer="Jane Doe"))


def test_search_indexes_what_was_added_since_the_last_search(case: Case, tmp_path: Path) -> None:
    _add(case, tmp_path, "one.txt", "meet me at the station")
    assert _indexed_upto(case) == 0  # ingest leaves indexing to the first search
    assert [(h.item_id, h.exhibit) for h in case.store.search("station")] == [(2, "JD/1")]
    assert _indexed_upto(case) == 2
    _add(case, tmp_path, "two.txt", "the station again")
    assert _indexed_upto(case) == 2
    assert [(h.item_id, h.exhibit) for h in case.store.search("station")] == [(2, "JD/1"), (4, "JD/2")]
    assert [h.item_id for h in case.store.search("hello")] == [1, 3]  # each item indexed once
    assert _indexed_upto(case) == 4
