"""The review app's lists on a big case: the findings a page at a time, with links to the others; a page of
messages (or one message) reading only its own items' findings; a later page of messages assembling only
its own items."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.model import Finding
from footprint.store.queries import CaseQueries
from footprint.web import views

from .conftest import page_views

ROW = re.compile(r'<td data-label="Finding"><a href="/findings/(\d+)">')


def test_the_findings_list_is_paged_with_links_to_the_next_and_previous_pages(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    every = [f.id for f in planted.store.findings()]
    pages = -(-len(every) // 2)
    assert pages >= 3
    first = client.get("/findings").text
    assert [int(x) for x in ROW.findall(first)] == every[:2]
    assert f"{len(every)} of {len(every)} finding(s) shown, 1 to 2 on this page (1 of {pages})." in first
    assert '<nav aria-label="Pages of findings">' in first and "earlier findings" not in first
    # the next page starts after this page's last finding; the last page is read back from the end
    filters = "/findings?category=&amp;status=all&amp;page="
    assert f'<a href="{filters}2&amp;after={every[1]}" rel="next">later findings →</a>' in first
    assert f'<a href="{filters}{pages}&amp;before=end">last page ({pages})</a>' in first
    second = client.get(f"/findings?page=2&after={every[1]}").text
    assert [int(x) for x in ROW.findall(second)] == every[2:4]
    assert (
        f"1 to 2 on this page (1 of {pages})" not in second
        and f"3 to 4 on this page (2 of {pages})." in second
    )
    assert f'<a href="{filters}1&amp;before={every[2]}" rel="prev">← earlier findings</a>' in second
    last = client.get(f"/findings?page={pages}&before=end").text
    assert [int(x) for x in ROW.findall(last)] == every[(pages - 1) * 2 :] and "later findings" not in last
    # an old address by page number alone still shows the same page
    assert client.get("/findings?page=2").text == second
    assert client.get(f"/findings?page={pages}").text == last
    past = client.get(f"/findings?page={pages + 1}")
    assert past.status_code == 404 and f"there is no page {pages + 1}; open the list of findings" in past.text
    bad = client.get("/findings?page=0")
    assert bad.status_code == 404 and "there is no page 0; open the list of findings" in bad.text
    after_last = client.get(f"/findings?page={pages + 1}&after={every[-1]}")
    assert after_last.status_code == 404 and f"there is no page {pages + 1}; open the list" in after_last.text
    unknown = client.get("/findings?page=2&after=999999")
    assert unknown.status_code == 404 and "there is no page 2; open the list of findings" in unknown.text
    both = client.get(f"/findings?page=2&after={every[1]}&before={every[4]}")
    assert both.status_code == 404 and "a page starts after one finding or before one, not both" in both.text
    viewed = [args for _, _, route, args, _ in page_views(planted) if route == "/findings"]
    assert viewed[:3] == [
        {"category": "all", "status": "all", "page": 1},
        {"category": "all", "status": "all", "page": 2, "after": every[1]},
        {"category": "all", "status": "all", "page": pages, "before": "end"},
    ]


def _walked(client: TestClient, address: str) -> list[list[int]]:
    """Every page of a list from ``address`` on, each reached by the link to the page after it."""
    found = []
    while True:
        page = client.get(address).text
        found.append([int(x) for x in ROW.findall(page)])
        later = re.search(r'<a href="([^"]+)" rel="next">', page)
        if later is None:
            return found
        address = later.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("status", ["all", "unreviewed", "confirmed"])
def test_walking_the_pages_by_their_links_shows_what_the_page_numbers_showed(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch, status: str
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    filters = f"/findings?category=&status={status}&page="
    walked = _walked(client, filters + "1")
    numbered = [
        [int(x) for x in ROW.findall(client.get(f"{filters}{n}").text)] for n in range(1, len(walked) + 1)
    ]
    assert walked == numbered and sum(walked, []) == [
        f.id for f in planted.store.findings() if status in ("all", f.decision or "unreviewed")
    ]
    assert client.get(f"{filters}{len(walked) + 1}").status_code == 404
    # and backwards, from the last page by the links to the page before each
    page, back = client.get(f"{filters}{len(walked)}&before=end").text, []
    while True:
        back.insert(0, [int(x) for x in ROW.findall(page)])
        earlier = re.search(r'<a href="([^"]+)" rel="prev">', page)
        if earlier is None:
            break
        page = client.get(earlier.group(1).replace("&amp;", "&")).text
    assert back == numbered


def test_a_filtered_page_keeps_its_filters_in_its_links(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    wanted = [f.id for f in planted.store.findings() if f.decision is None]
    assert len(wanted) == 9
    page = client.get("/findings?status=unreviewed&page=2").text
    assert [int(x) for x in ROW.findall(page)] == wanted[1:2]
    assert f"9 of {len(planted.store.findings())} finding(s) shown, 2 to 2 on this page (2 of 9)." in page
    assert (
        f'href="/findings?category=&amp;status=unreviewed&amp;page=1&amp;before={wanted[1]}" rel="prev"'
        in page
    )
    assert (
        f'href="/findings?category=&amp;status=unreviewed&amp;page=3&amp;after={wanted[1]}" rel="next"'
        in page
    )
    confirmed = client.get("/findings?category=monitoring&status=confirmed").text
    assert [int(x) for x in ROW.findall(confirmed)] == [
        f.id for f in planted.store.findings("monitoring") if f.decision == "confirmed"
    ]
    assert "Pages of findings" not in confirmed  # one page: no links to others


def _spy_findings(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every read of findings from now on: its filters and how many findings it returned."""
    calls: list[dict[str, Any]] = []
    read = CaseQueries.findings

    def spy(self: CaseQueries, *args: Any, **kwargs: Any) -> list[Finding]:
        found = read(self, *args, **kwargs)
        calls.append({"args": args, **kwargs, "returned": len(found)})
        return found

    monkeypatch.setattr(CaseQueries, "findings", spy)
    return calls


def test_message_pages_read_only_the_findings_of_the_messages_they_show(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = planted.store.findings()
    item = next(f.item_id for f in every if f.item_id is not None)
    on_item = sum(f.item_id == item for f in every)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    calls = _spy_findings(monkeypatch)
    for address in ("/items", "/items?exhibit=JD/1&page=2", "/items?q=kill", f"/items/{item}"):
        assert client.get(address).status_code == 200, address
    # no page reads every finding: a list counts its items' findings in SQL, a message reads its own
    assert calls == [{"args": (), "items": [item], "returned": on_item}]
    assert len(every) > on_item
    calls.clear()
    escalation = next(f for f in every if f.category == "escalation")
    dismissed = [f.id for f in every if f.decision == "dismissed"]
    assert client.get(f"/findings/{escalation.id}").status_code == 200
    # an escalation's page weighs what was dismissed since: those findings, not every one
    assert calls == [
        {"args": (), "finding_id": escalation.id, "returned": 1},
        {"args": (), "ids": dismissed, "returned": len(dismissed)},
    ]


def test_a_later_page_of_messages_assembles_only_its_own_items(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    items = [i.id for i in planted.store.iter_items("JD/1")]
    assembled: list[int] = []
    assemble = CaseQueries._assemble

    def spy(self: CaseQueries, conn: Any, rows: Any) -> Any:
        assembled.extend(r.id for r in rows)
        return assemble(self, conn, rows)

    monkeypatch.setattr(CaseQueries, "_assemble", spy)
    page = client.get("/items?exhibit=JD/1&page=3").text
    assert "Items 5 to 6 of exhibit JD/1." in page
    # the page's two items and the next one (to know there is a next page), none before them
    assert assembled == items[4:7] and len(items) > 7
