"""Items, search hits and findings come in time order whatever precision their stored UTC text has."""

from __future__ import annotations

from pathlib import Path

import pytest

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.settings import Settings
from tests import timeorder
from tests.conftest import store_findings


def _case(tmp_path: Path, url: str | None) -> Case:
    settings = Settings(actor="tester", role="investigator", database_url=url)
    case = Case.init(tmp_path / "case", name="R v Order", tz="Europe/London", settings=settings)
    return timeorder.build(case, tmp_path / "exports")


@pytest.fixture(params=["sqlite", "postgresql"])
def mixed(request: pytest.FixtureRequest, tmp_path: Path) -> Case:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    case = _case(tmp_path, url)
    request.addfinalizer(case.close)
    return case


def test_items_in_time_order_to_the_microsecond_then_exhibit_then_file_order(mixed: Case) -> None:
    got = [(i.exhibit, i.text) for i in mixed.store.iter_items(chronological=True)]
    assert got == timeorder.IN_TIME_ORDER


def test_stored_times_are_read_back_exactly_as_stored(mixed: Case) -> None:
    stored = {text: at for rows in timeorder.STORED.values() for text, at in rows}
    assert {i.text: i.sent_at_utc for i in mixed.store.iter_items()} == stored


def test_search_hits_in_time_order(mixed: Case) -> None:
    texts = {i.id: i.text for i in mixed.store.iter_items()}
    got = [texts[h.item_id] for h in mixed.store.search("second")]
    assert got == ["on the second", "on the second, second exhibit", "one second later"]
    got = [texts[h.item_id] for h in mixed.store.search("tenth")]
    assert got == ["a tenth", "a tenth as milliseconds"]
    got = [texts[h.item_id] for h in mixed.store.search("hundred OR microsecond OR time")]
    assert got == []  # every term is required


def test_findings_in_time_order(mixed: Case) -> None:
    ids = {i.text: i.id for i in mixed.store.iter_items()}
    drafts = [
        FindingDraft(item_id=ids[text], category="threat_violence", score=0.5, explanation=text)
        for rows in timeorder.STORED.values()
        for text, _ in rows
    ]
    store_findings(mixed, "planted", drafts)
    by_ref = {i.id: i.exhibit for i in mixed.store.iter_items()}
    got = [(by_ref[f.item_id], f.explanation) for f in mixed.store.findings() if f.item_id is not None]
    # findings on undated items come first (with case-level findings), then in time order
    assert got == timeorder.IN_TIME_ORDER[-1:] + timeorder.IN_TIME_ORDER[:-1]
