"""Searching the messages in the review app (``/items?q=``): the same search as ``footprint search``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.pipeline import AddOptions, add_exhibit
from footprint.web import views
from tests.report.planted import HOSTILE

from .conftest import page_views

RLO = "[U+202E RIGHT-TO-LEFT OVERRIDE]"


def _rows(page: str) -> list[str]:
    """The first cell of each row of the page's table: the item's link."""
    if "<tbody>" not in page:
        return []
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        row.split('<td data-label="Message">', 1)[1].split("</td>", 1)[0] for row in body.split("<tr>")[1:]
    ]


def test_a_search_finds_the_messages_of_every_exhibit_in_time_order(
    client: TestClient, planted: Case
) -> None:
    page = client.get("/items?q=stop")
    assert page.status_code == 200
    hits = planted.store.search("stop")
    assert [(h.exhibit, h.locator) for h in hits] == [("JD/1", "line 2"), ("JD/2", "line 3")]
    assert _rows(page.text) == [f'<a href="/items/{h.item_id}">#{h.item_id}</a>' for h in hits]
    assert '<p class="count">2 items match the search. Items 1 to 2, in time order.</p>' in page.text
    assert '<td data-label="Where">JD/2 <span class="mono">line 3</span></td>' in page.text
    assert '<td data-label="Text" class="text">«Stop» contacting me</td>' in page.text
    assert '<input type="search" name="q" value="stop"' in page.text
    assert page_views(planted) == [("tester", "investigator", "/items", {"q": "stop", "page": 1}, 2)]
    assert [e for e in planted.store.audit_entries() if e.action == "web search"] == []  # a read


@pytest.mark.parametrize("query", ['"stop messaging"', "kil*", "you will", "Stop", "café", "!!!"])
def test_the_app_finds_what_footprint_search_finds(client: TestClient, planted: Case, query: str) -> None:
    page = client.get("/items", params={"q": query})
    hits = planted.store.search(query)
    assert _rows(page.text) == [f'<a href="/items/{h.item_id}">#{h.item_id}</a>' for h in hits]
    counted = f"{len(hits)} item{'' if len(hits) == 1 else 's'} match{'es' if len(hits) == 1 else ''}"
    assert f'<p class="count">{counted} the search.' in page.text


def test_one_hit_matches_and_none_is_said_plainly(client: TestClient) -> None:
    one = client.get("/items?q=kill").text
    assert '<p class="count">1 item matches the search. Items 1 to 1, in time order.</p>' in one
    none = client.get("/items?q=nowhere").text
    assert '<p class="count">0 items match the search.</p>' in none and "<tbody>" not in none


def test_the_hits_are_paged_like_the_list_and_the_query_kept_in_each_address(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    query = '<stop> "me"'  # carried whole, encoded, from page to page
    hits = planted.store.search(query)
    assert len(hits) == 2
    first = client.get("/items", params={"q": query}).text
    assert "2 items match the search. Items 1 to 1, in time order." in first
    assert _rows(first) == [f'<a href="/items/{hits[0].item_id}">#{hits[0].item_id}</a>']
    assert '<a href="/items?q=%3Cstop%3E%20%22me%22&amp;page=2">later matches →</a>' in first
    assert "earlier matches" not in first
    second = client.get("/items", params={"q": query, "page": "2"}).text
    assert "2 items match the search. Items 2 to 2, in time order." in second
    assert _rows(second) == [f'<a href="/items/{hits[1].item_id}">#{hits[1].item_id}</a>']
    assert '<a href="/items?q=%3Cstop%3E%20%22me%22&amp;page=1">← earlier matches</a>' in second
    assert "later matches" not in second
    past = client.get("/items", params={"q": query, "page": "3"})
    assert past.status_code == 404 and "there is no page 3; open the list of messages" in past.text
    assert "<tbody>" not in past.text
    assert [(args, shown) for _, _, _, args, shown in page_views(planted)] == [
        ({"q": query, "page": 1}, 1),
        ({"q": query, "page": 2}, 1),
    ]


def test_a_hostile_query_is_echoed_inert(client: TestClient) -> None:
    query = '<script>alert(1)</script>" autofocus onfocus="alert(2) \u202egnp.exe'
    page = client.get("/items", params={"q": query})
    assert page.status_code == 200
    shown = f"&lt;script&gt;alert(1)&lt;/script&gt;&#34; autofocus onfocus=&#34;alert(2) {RLO}gnp.exe"
    assert f'<input type="search" name="q" value="{shown}"' in page.text
    assert f"<q>{shown}</q>" in page.text
    assert "<script>" not in page.text and "\u202e" not in page.text and 'onfocus="' not in page.text


def test_a_hit_on_hostile_text_is_inert(client: TestClient, planted: Case) -> None:
    page = client.get("/items?q=onerror").text
    [hit] = planted.store.search("onerror")
    assert hit.item_id == next(i.id for i in planted.store.iter_items() if i.text == HOSTILE)
    assert "&lt;img src=x «onerror»=alert(2)&gt;" in page
    assert "<script>" not in page and "<img" not in page and "\u202e" not in page


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 400, "the search is empty; type words or a quoted phrase, e.g. &#34;new number&#34;"),
        ("  ", 400, "the search is empty; type words or a quoted phrase, e.g. &#34;new number&#34;"),
        (
            "x" * 501,
            400,
            "the search is 501 characters long; search for at most 500 (a few words or a phrase)",
        ),
        ("kill\x00", 400, "the search holds a control character (U+0000); search without it"),
        ("kill\x1b[2J", 400, "the search holds a control character (U+001B); search without it"),
    ],
)
def test_an_empty_overlong_or_control_query_is_refused_on_the_apps_error_page(
    client: TestClient, planted: Case, query: str, status: int, message: str
) -> None:
    page = client.get("/items", params={"q": query})
    assert page.status_code == status
    assert f'<p class="problem" role="alert">{message}</p>' in page.text
    assert (
        "<title>Not accepted · R v Test · Footprint</title>" in page.text
        and "<h1>Not accepted</h1>" in page.text
    )
    assert page_views(planted) == []


@pytest.mark.parametrize("number", ["0", "50"])
def test_a_search_page_that_is_no_number_or_past_the_end_is_refused_as_for_the_list(
    client: TestClient, number: str
) -> None:
    page = client.get(f"/items?q=stop&page={number}")
    assert page.status_code == 404 and f"there is no page {number}; open the list of messages" in page.text


def test_a_copy_found_by_a_search_says_what_it_repeats(
    client: TestClient, planted: Case, tmp_path: Path
) -> None:
    # a second export of the chat (a folder holding it): each of its lines is a copy of JD/1's
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(tmp_path / "inputs" / "WhatsApp Chat with John Smith.txt", again / "_chat.txt")
    add_exhibit(planted, again, AddOptions(producer="Jane Doe", date_order="dmy"))
    page = client.get("/items?q=kill").text
    assert "2 items match the search." in page
    assert '<span class="mono">line 5</span> <span class="small">(copy of JD/1 line 5)</span>' in page


def test_a_search_can_be_narrowed_to_one_exhibit_and_the_pages_keep_it(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    hits = planted.store.search("stop")
    assert [(h.exhibit, h.locator) for h in hits] == [("JD/1", "line 2"), ("JD/2", "line 3")]
    page = client.get("/items", params={"q": "stop", "exhibit": "JD/2"}).text
    assert _rows(page) == [f'<a href="/items/{hits[1].item_id}">#{hits[1].item_id}</a>']
    assert '<p class="count">1 item matches the search. Items 1 to 1, in time order.</p>' in page
    assert '<p class="small">Searched for: <q>stop</q>, in exhibit JD/2</p>' in page
    assert '<option value="JD/2" selected>' in page.split('role="search"', 1)[1]
    every = client.get("/items", params={"q": "stop"}).text
    assert '<p class="small">Searched for: <q>stop</q>, in every exhibit</p>' in every
    assert '<a href="/items?q=stop&amp;page=2">later matches →</a>' in every
    assert [h.exhibit for h in planted.store.search("you")] == ["JD/1"] * 3
    within = client.get("/items", params={"q": "you", "exhibit": "JD/1", "page": "2"}).text
    assert '<a href="/items?q=you&amp;exhibit=JD/1&amp;page=1">← earlier matches</a>' in within
    assert '<a href="/items?q=you&amp;exhibit=JD/1&amp;page=3">later matches →</a>' in within
    assert [(args, shown) for _, _, _, args, shown in page_views(planted)] == [
        ({"q": "stop", "exhibit": "JD/2", "page": 1}, 1),
        ({"q": "stop", "page": 1}, 1),
        ({"q": "you", "exhibit": "JD/1", "page": 2}, 1),
    ]


def test_a_search_of_an_exhibit_the_user_cannot_see_is_refused_as_an_unknown_one(client: TestClient) -> None:
    page = client.get("/items", params={"q": "stop", "exhibit": "XX/9"})
    assert page.status_code == 404
    assert "there is no exhibit &#39;XX/9&#39;; open the list of messages" in page.text
    assert "<tbody>" not in page.text
