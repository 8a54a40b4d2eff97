"""Items, search hits and findings come in time order whatever precision their stored UTC text has."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from footprint.analyse.base import FindingDraft
from footprint.analyse.conduct.orders import add_order
from footprint.case import Case
from footprint.parties import add_person
from footprint.pipeline import AddOptions, add_exhibit
from footprint.settings import Settings
from footprint.store import schema
from footprint.store.orders import list_orders
from footprint.synth.writers import write_csv
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
    drafts.append(FindingDraft(item_id=None, category="course_of_conduct", score=0.5, explanation="the case"))
    store_findings(mixed, "planted", drafts)
    by_ref = {i.id: i.exhibit for i in mixed.store.iter_items()}
    got = [(by_ref.get(f.item_id or 0), f.explanation) for f in mixed.store.findings()]
    # the case-level finding first, then those on undated items, then in time order
    assert got == [(None, "the case"), *timeorder.IN_TIME_ORDER[-1:], *timeorder.IN_TIME_ORDER[:-1]]


def test_an_accounts_first_and_last_seen_and_its_names_are_in_time_order(case: Case, tmp_path: Path) -> None:
    export = tmp_path / "dce_export.csv"
    write_csv(
        export,
        ["AuthorID", "Author", "Date", "Content", "Attachments", "Reactions"],
        [
            ["1111", "alex.suspect", "2023-03-14T09:15:00.1230000+00:00", "you again", "", ""],
            ["1111", "alex.2", "2023-03-14T09:15:00.0000000+00:00", "hello?", "", ""],
            ["1111", "alex.suspect", "2023-03-14T09:15:00.0500000+00:00", "answer", "", ""],
        ],
    )
    add_exhibit(case, export, AddOptions(producer="Jane Doe"))
    [account] = [a for a in case.store.accounts() if a.key == "discord:1111"]
    assert (account.first_seen_utc, account.last_seen_utc) == (
        "2023-03-14T09:15:00Z",
        "2023-03-14T09:15:00.123Z",
    )
    assert account.names == ("alex.2", "alex.suspect")  # in the order first seen
    # a second exhibit widens the span by time too
    later = tmp_path / "dce_export_2.csv"
    write_csv(
        later,
        ["AuthorID", "Author", "Date", "Content", "Attachments", "Reactions"],
        [["1111", "alex.suspect", "2023-03-14T09:15:00.9990000+00:00", "still here", "", ""]],
    )
    add_exhibit(case, later, AddOptions(producer="Jane Doe"))
    [account] = [a for a in case.store.accounts() if a.key == "discord:1111"]
    assert (account.first_seen_utc, account.last_seen_utc) == (
        "2023-03-14T09:15:00Z",
        "2023-03-14T09:15:00.999Z",
    )


def test_court_orders_are_listed_in_the_order_they_were_made(mixed: Case) -> None:
    add_person(mixed, "Jane Doe", "complainant")
    add_person(mixed, "Alex Suspect", "suspect")
    for _ in range(2):
        add_order(
            mixed,
            type="restraining",
            made="2024-03-01 10:00",
            expires=None,
            protects="Jane Doe",
            against="Alex Suspect",
            conditions=["not to contact Jane Doe"],
        )
    with mixed.store.unscoped_engine.begin() as conn:  # as a case holding made times of two precisions
        for order_id, made in ((1, "2024-03-01T10:00:00.5Z"), (2, "2024-03-01T10:00:00Z")):
            conn.execute(
                update(schema.court_order).where(schema.court_order.c.id == order_id).values(made_utc=made)
            )
    assert [(o.id, o.made_utc) for o in list_orders(mixed.store.engine)] == [
        (2, "2024-03-01T10:00:00Z"),
        (1, "2024-03-01T10:00:00.5Z"),
    ]
