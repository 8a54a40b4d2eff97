"""The review app's lists on a big case: the findings a page at a time, with links to the others; a page of
messages (or one message) reading only its own items' findings; a later page of messages assembling only
its own items."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.model import Finding
from footprint.store.queries import CaseQueries
from footprint.web import views

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
    assert '<a href="/findings?category=&amp;status=all&amp;page=2" rel="next">later findings →</a>' in first
    assert f'<a href="/findings?category=&amp;status=all&amp;page={pages}">last page ({pages})</a>' in first
    second = client.get("/findings?page=2").text
    assert [int(x) for x in ROW.findall(second)] == every[2:4]
    assert (
        '<a href="/findings?category=&amp;status=all&amp;page=1" rel="prev">← earlier findings</a>' in second
    )
    last = client.get(f"/findings?page={pages}").text
    assert [int(x) for x in ROW.findall(last)] == every[(pages - 1) * 2 :] and "later findings" not in last
    past = client.get(f"/findings?page={pages + 1}")
    assert past.status_code == 404 and f"there is no page {pages + 1}; open the list of findings" in past.text
    bad = client.get("/findings?page=0")
    assert bad.status_code == 404 and "there is no page 0; open the list of findings" in bad.text
    audited = [
        json.loads(e.details) for e in planted.store.audit_entries() if e.action == "web view findings"
    ]
    assert audited[:2] == [{"category": "all", "status": "all", "page": n} for n in (1, 2)]


def test_a_filtered_page_keeps_its_filters_in_its_links(
    client: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    wanted = [f.id for f in planted.store.findings() if f.decision is None]
    assert len(wanted) == 9
    page = client.get("/findings?status=unreviewed&page=2").text
    assert [int(x) for x in ROW.findall(page)] == wanted[1:2]
    assert f"9 of {len(planted.store.findings())} finding(s) shown, 2 to 2 on this page (2 of 9)." in page
    assert 'href="/findings?category=&amp;status=unreviewed&amp;page=1" rel="prev"' in page
    assert 'href="/findings?category=&amp;status=unreviewed&amp;page=3" rel="next"' in page
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
