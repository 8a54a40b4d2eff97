"""Requests another site or page makes through the reviewer's browser are refused and not audited; with
no users each browser still gets its own form secret."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from footprint.case import Case

from .conftest import finding_id, opened, page_views

# what Chromium sends for <img src="http://127.0.0.1:8765/..."> in a page opened from file:// or a website
IMG_FROM_ANOTHER_SITE = {
    "Sec-Fetch-Site": "cross-site",
    "Sec-Fetch-Mode": "no-cors",
    "Sec-Fetch-Dest": "image",
}
# ... and from a page served by another port of this computer (the same site, another origin)
IMG_FROM_ANOTHER_PORT = {
    "Sec-Fetch-Site": "same-site",
    "Sec-Fetch-Mode": "no-cors",
    "Sec-Fetch-Dest": "image",
}
# an older browser without Sec-Fetch-*: the page's address as Referer
OLD_BROWSER = {"Referer": "http://127.0.0.1:3000/evil.html"}
TYPED = {"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
REFUSED = "this request came from another site or page, so it was refused and not recorded"


@pytest.mark.parametrize("headers", [IMG_FROM_ANOTHER_SITE, IMG_FROM_ANOTHER_PORT, OLD_BROWSER])
def test_a_page_elsewhere_cannot_view_or_search_in_the_reviewers_name(
    client: TestClient, planted: Case, headers: dict[str, str]
) -> None:
    before = len(list(planted.store.audit_entries()))
    fid = finding_id(planted, "threat_to_kill")
    assert page_views(planted) == []
    for path in ("/items?q=how+to+delete+the+evidence", f"/findings/{fid}", "/findings"):
        response = client.get(path, headers=headers)
        assert response.status_code == 403
        assert REFUSED in response.text
    assert len(list(planted.store.audit_entries())) == before
    assert page_views(planted) == []  # the search would have been forged as the reviewer's


def test_the_reviewer_typing_the_address_or_following_the_apps_links_is_served(
    client: TestClient, planted: Case
) -> None:
    assert client.get("/items?q=kill", headers=TYPED).status_code == 200
    own = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    assert client.get("/findings", headers=own).status_code == 200
    assert client.get("/findings", headers={"Referer": "http://127.0.0.1:8765/items"}).status_code == 200
    assert [(route, args) for _, _, route, args, _ in page_views(planted)] == [
        ("/items", {"q": "kill", "page": 1}),
        *[("/findings", {"category": "all", "status": "all", "page": 1})] * 2,
    ]


def test_with_no_users_each_browser_has_its_own_form_secret(client: TestClient, planted: Case) -> None:
    # the one server-wide secret was the same for every browser; now a session cookie carries its own
    fid = finding_id(planted, "threat_to_kill")
    page = client.get(f"/findings/{fid}")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    data = {"action": "confirm", "reason": "clear threat", "csrf": found.group(1), "seen": ""}
    with opened(client.app, follow_redirects=False) as other:  # given the key too: a session of its own
        refused = other.post(f"/findings/{fid}/decision", data=data)
    assert refused.status_code == 403
    assert "this form is out of date or came from another site" in refused.text
