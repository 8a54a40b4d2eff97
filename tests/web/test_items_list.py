"""The list of an exhibit's messages in the review app: every item, with or without a finding."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.web import views

from .conftest import page_views


def test_every_message_of_the_first_exhibit_is_listed_with_its_findings(
    client: TestClient, planted: Case
) -> None:
    page = client.get("/items")
    assert page.status_code == 200
    items = list(planted.store.iter_items("JD/1"))
    counts = {i.id: sum(1 for f in planted.store.findings() if f.item_id == i.id) for i in items}
    assert f"Items 1 to {len(items)} of exhibit JD/1." in page.text
    for i in items:
        assert f'<a href="/items/{i.id}">#{i.id}</a>' in page.text
    unflagged = next(i for i in items if counts[i.id] == 0)
    row = page.text[page.text.index(f'<a href="/items/{unflagged.id}">') :]
    assert row.split("</tr>")[0].endswith('<td data-label="Findings">0</td>\n  ')
    assert '<a href="/items" aria-current="page">Messages</a>' in page.text
    assert page_views(planted) == [
        ("tester", "investigator", "/items", {"exhibit": "JD/1", "page": 1}, len(items))
    ]


def test_another_exhibit_and_pages_of_it(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    ids = [i.id for i in planted.store.iter_items("JD/1")]
    first = client.get("/items?exhibit=JD/1").text
    assert "Items 1 to 4 of exhibit JD/1." in first and 'href="/items?exhibit=JD/1&amp;page=2"' in first
    assert f'<a href="/items/{ids[0]}">' in first and f'<a href="/items/{ids[4]}">' not in first
    second = client.get("/items?exhibit=JD/1&page=2").text
    assert "Items 5 to 8 of exhibit JD/1." in second and "← earlier messages" in second
    assert f'<a href="/items/{ids[4]}">' in second
    other = client.get("/items?exhibit=JD/2").text
    assert "Items 1 to 2 of exhibit JD/2." in other and "later messages" not in other


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("exhibit=XX/9", "there is no exhibit &#39;XX/9&#39;; open the list of messages"),
        ("page=0", "there is no page 0; open the list of messages"),
        ("page=two", "there is no page two; open the list of messages"),
        ("exhibit=JD/1&page=99", "there is no page 99; open the list of messages"),
    ],
)
def test_an_unknown_exhibit_or_page_is_refused_in_the_apps_words(
    client: TestClient, query: str, message: str
) -> None:
    page = client.get(f"/items?{query}")
    assert page.status_code == 404 and message in page.text


def test_hostile_text_in_the_list_is_inert(client: TestClient) -> None:
    page = client.get("/items").text
    assert "<script>" not in page and "\u202e" not in page
