"""The review app shows a signed-in advocate only what the complainant supplied (store.scope).

Every route has a scope decision below; a new route without one fails
``test_every_route_has_a_scope_decision``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from tests.scopecase import POLICE_WORDS, ScopeCase, build

from .test_sign_in import PASSWORD, _csrf, _sign_in

#: every route: how it treats a role that sees part of the case
DECISIONS = {
    ("GET", "/"): "redirects",
    ("GET", "/favicon.ico"): "reads no case content",
    ("GET", "/login"): "reads no case content",
    ("POST", "/login"): "reads no case content",
    ("POST", "/logout"): "reads no case content",
    ("GET", "/findings"): "narrowed",
    ("GET", "/findings/{finding_id}"): "narrowed: a finding she cannot see is not found",
    ("POST", "/findings/{finding_id}/decision"): "narrowed: a finding she cannot see is not found",
    ("GET", "/items"): (
        "narrowed: her exhibits only; one she cannot see is not found; a search (?q=) finds and counts"
        " only their items"
    ),
    ("GET", "/items/{item_id}"): "narrowed: an item she cannot see is not found",
    ("POST", "/items/{item_id}/findings"): "narrowed: an item she cannot see is not found",
    ("GET", "/links"): "narrowed",
    ("GET", "/links/{link_id}"): "narrowed: a link she cannot see is not found",
    ("POST", "/links/{link_id}/decision"): "narrowed: a link she cannot see is not found",
    ("GET", "/persons"): "narrowed",
    ("GET", "/password"): "reads no case content",
    ("POST", "/password"): "reads no case content",
}


@pytest.fixture
def scoped(tmp_path: Path) -> ScopeCase:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    add_user(case, "DC Ivy", "investigator", PASSWORD)
    return built


@pytest.fixture
def app_for(scoped: ScopeCase, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as client:
        yield client


def test_every_route_has_a_scope_decision(scoped: ScopeCase, settings: Settings) -> None:
    app = create_app(scoped.case.dir, settings)
    routes = {(m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods}
    assert routes == set(DECISIONS)


def test_an_advocate_sees_only_pages_resting_on_what_she_supplied(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    assert _sign_in(app_for, "Ann Advocate") == 303
    pages = {
        path: app_for.get(path) for path in ("/findings", "/links", "/persons", "/items", "/items?q=police*")
    }
    for path, page in pages.items():
        assert page.status_code == 200, path
        assert not [w for w in POLICE_WORDS if w in page.text], path
    assert "her chat only" in pages["/findings"].text and "police-only finding" not in pages["/findings"].text
    assert "3 finding" in pages["/findings"].text
    assert "whatsapp:Craig Smith" in pages["/persons"].text
    # the police chat's two items match for an investigator; for her none does, and none is counted
    assert '<p class="count">0 items match the search.</p>' in pages["/items?q=police*"].text
    hers = app_for.get("/items?q=me").text
    assert '<p class="count">2 items match the search. Items 1 to 2, in time order.</p>' in hers
    police, unknown = app_for.get("/items?exhibit=PC/1"), app_for.get("/items?exhibit=PC/9")
    assert (police.status_code, unknown.status_code) == (404, 404)
    assert police.text.replace("PC/1", "PC/9") == unknown.text  # the same answer as for no such exhibit
    hidden = [
        *(f"/items/{i}" for i in scoped.police),
        *(f"/findings/{f}" for f in scoped.hidden_findings),
        *(f"/links/{x}" for x in scoped.hidden_links),
    ]
    for path in hidden:
        page = app_for.get(path)
        assert page.status_code == 404, path
        assert not [w for w in POLICE_WORDS if w in page.text], path
    shown = [
        *(f"/items/{i}" for i in scoped.hers),
        *(f"/findings/{f}" for f in scoped.visible_findings),
        f"/links/{scoped.visible_link}",
    ]
    for path in shown:
        page = app_for.get(path)
        assert page.status_code == 200, path
        assert not [w for w in POLICE_WORDS if w in page.text], path


def test_an_advocate_may_not_decide_on_what_she_cannot_see(scoped: ScopeCase, app_for: TestClient) -> None:
    _sign_in(app_for, "Ann Advocate")
    token = _csrf(app_for.get("/findings").text)
    hidden = scoped.hidden_findings[0]
    refused = app_for.post(
        f"/findings/{hidden}/decision", data={"action": "confirm", "reason": "seen", "csrf": token}
    )
    assert refused.status_code == 404
    assert f"no finding {hidden} in this case" in refused.text
    recorded = app_for.post(
        f"/items/{scoped.police[0]}/findings",
        data={"category": "threat_violence", "reason": "x", "words": "", "span": "", "csrf": token},
    )
    assert recorded.status_code == 404
    linked = app_for.post(
        f"/links/{scoped.hidden_links[0]}/decision", data={"action": "accept", "reason": "x", "csrf": token}
    )
    assert linked.status_code == 404
    assert all(e.action == "web sign-in" or "view" in e.action for e in _entries(scoped, "Ann Advocate"))


def test_an_investigator_sees_every_page(scoped: ScopeCase, app_for: TestClient) -> None:
    _sign_in(app_for, "DC Ivy")
    assert "police-only finding" in app_for.get("/findings").text
    assert '<p class="count">2 items match the search.' in app_for.get("/items?q=police*").text
    for path in (f"/items/{scoped.police[0]}", f"/findings/{scoped.hidden_findings[0]}"):
        assert app_for.get(path).status_code == 200, path
    assert app_for.get(f"/links/{scoped.hidden_links[0]}").status_code == 200


def _entries(scoped: ScopeCase, actor: str) -> list[object]:
    store = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store
    return [e for e in store.audit_entries() if e.actor == actor]
