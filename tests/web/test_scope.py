"""The review app shows a signed-in advocate only what the complainant supplied (store.scope).

Every route has a scope decision below; a new route without one fails
``test_every_route_has_a_scope_decision``.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from footprint.analyse.base import FindingDraft
from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.ids import KEY_FILE, OpaqueIds, case_key
from tests.conftest import store_findings
from tests.scopecase import POLICE_WORDS, ScopeCase, build

from .test_sign_in import PASSWORD, _csrf, _sign_in

OPAQUE = re.compile(r'href="/(items|findings|links)/([^"]+)"')

#: every route: how it treats a role that sees part of the case
DECISIONS = {
    ("GET", "/"): (
        "reads no case content: the content notice, before any message is shown; with no users, ?key= (the"
        " address `serve` printed) begins the browser's session, as the acting user named at the start"
    ),
    ("GET", "/favicon.ico"): "reads no case content",
    ("GET", "/login"): "reads no case content",
    ("POST", "/login"): "reads no case content",
    ("POST", "/logout"): "reads no case content",
    ("GET", "/findings"): "narrowed",
    ("GET", "/findings/{finding_id}"): "narrowed: a finding she cannot see is not found",
    ("POST", "/findings/{finding_id}/decision"): (
        "narrowed: a finding she cannot see is not found; a note only while any exhibit is withheld"
    ),
    ("GET", "/items"): (
        "narrowed: her exhibits only; one she cannot see is not found; a search (?q=) finds and counts"
        " only their items"
    ),
    ("GET", "/items/{item_id}"): "narrowed: an item she cannot see is not found",
    ("POST", "/items/{item_id}/findings"): (
        "narrowed: an item she cannot see is not found; a suggestion (noted) while any exhibit is withheld"
    ),
    ("GET", "/links"): "narrowed",
    ("GET", "/links/{link_id}"): "narrowed: a link she cannot see is not found",
    (
        "POST",
        "/links/{link_id}/decision",
    ): "narrowed: a link she cannot see is not found (as_complainant too); refused while any exhibit is withheld",
    ("GET", "/persons"): (
        "narrowed; to an advocate, the suggestion forms list only the accounts she sees and the people her"
        " material shows"
    ),
    ("POST", "/persons/suggestion"): (
        "narrowed: an account she cannot see, or a person her material does not show, is refused as an"
        " unknown one (`link-suggest`, `account suggest`); allowed while exhibits are withheld; refused to"
        " every other role"
    ),
    ("GET", "/suggestions"): (
        "refused (403) while any exhibit is withheld, as `footprint suggestions` is: the officer's queue of"
        " advocates' notes and suggestions; not in her nav"
    ),
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
    ids = _opaque(scoped)
    hidden = [
        *(f"/items/{ids.name('item', i)}" for i in scoped.police),
        *(f"/findings/{ids.name('finding', f)}" for f in scoped.hidden_findings),
        *(f"/links/{ids.name('link', x)}" for x in scoped.hidden_links),
    ]
    for path in hidden:
        page = app_for.get(path)
        assert page.status_code == 404, path
        assert not [w for w in POLICE_WORDS if w in page.text], path
    shown = [
        *(f"/items/{ids.name('item', i)}" for i in scoped.hers),
        *(f"/findings/{ids.name('finding', f)}" for f in scoped.visible_findings),
        f"/links/{ids.name('link', scoped.visible_link)}",
    ]
    for path in shown:
        page = app_for.get(path)
        assert page.status_code == 200, path
        assert not [w for w in POLICE_WORDS if w in page.text], path


def test_an_advocate_may_not_decide_on_what_she_cannot_see(scoped: ScopeCase, app_for: TestClient) -> None:
    _sign_in(app_for, "Ann Advocate")
    token = _csrf(app_for.get("/findings").text)
    ids = _opaque(scoped)
    hidden = ids.name("finding", scoped.hidden_findings[0])
    refused = app_for.post(
        f"/findings/{hidden}/decision", data={"action": "note", "reason": "seen", "csrf": token}
    )
    assert refused.status_code == 404
    assert f"there is no finding {hidden}; open the list of findings" in refused.text
    item = ids.name("item", scoped.police[0])
    recorded = app_for.post(
        f"/items/{item}/findings",
        data={"category": "threat_violence", "reason": "x", "words": "", "span": "", "csrf": token},
    )
    assert recorded.status_code == 404
    assert f"there is no item {item}; open the list of findings" in recorded.text
    link = ids.name("link", scoped.hidden_links[0])
    for confirm in ({}, {"as_complainant": "yes"}):  # confirming the account is hers finds it no better
        linked = app_for.post(
            f"/links/{link}/decision", data={"action": "accept", "reason": "x", "csrf": token, **confirm}
        )
        assert linked.status_code == 404
        assert f"there is no link {link}; open the list of links" in linked.text
    assert all(e.action == "web sign-in" or "view" in e.action for e in _entries(scoped, "Ann Advocate"))


def test_an_investigator_sees_every_page(scoped: ScopeCase, app_for: TestClient) -> None:
    _sign_in(app_for, "DC Ivy")
    assert "police-only finding" in app_for.get("/findings").text
    assert '<p class="count">2 items match the search.' in app_for.get("/items?q=police*").text
    for path in (f"/items/{scoped.police[0]}", f"/findings/{scoped.hidden_findings[0]}"):
        assert app_for.get(path).status_code == 200, path
    assert app_for.get(f"/links/{scoped.hidden_links[0]}").status_code == 200


def _opaque(scoped: ScopeCase) -> OpaqueIds:
    """The opaque ids the app shows an advocate of this case."""
    return OpaqueIds(case_key(scoped.case.dir), scoped.case.store.unscoped_engine)


def _her_pages(client: TestClient) -> dict[str, str]:
    """Every page an advocate can reach from the lists by following their links, by address."""
    seen: dict[str, str] = {}
    todo = ["/findings", "/items", "/links", "/persons", "/items?q=me"]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        page = client.get(path)
        assert page.status_code == 200, path
        seen[path] = page.text
        todo.extend(f"/{kind}/{name}" for kind, name in OPAQUE.findall(page.text))
    return seen


def test_an_advocate_sees_ids_that_tell_her_nothing_of_what_she_cannot_see(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    # the case's ids had been shown to her: her chat's items 1 and 2, then the police chat's 3 and 4
    # (hidden), so her finding ids 1, 2, then 4 told her another finding lies between them
    _sign_in(app_for, "Ann Advocate")
    pages = _her_pages(app_for)
    ids = _opaque(scoped)
    hers = {
        "items": {ids.name("item", i) for i in scoped.hers},
        "findings": {ids.name("finding", f) for f in scoped.visible_findings},
        "links": {ids.name("link", scoped.visible_link)},
    }
    linked = {
        kind: {name for page in pages.values() for k, name in OPAQUE.findall(page) if k == kind}
        for kind in hers
    }
    assert linked == hers  # every one of hers is reachable, each by an id of 16 letters and digits 2-7
    assert all(re.fullmatch(r"[a-z2-7]{16}", name) for names in linked.values() for name in names)
    for path, text in pages.items():
        # (a link within the page, href="#suggest", and the search that returns to it, /persons#suggest, name
        # no id)
        main = text.split("<main", 1)[1].replace("/persons#suggest", "/persons")
        shown = re.findall(r'(?<!href=")#([0-9a-z]+)', main)
        assert [n for n in shown if not re.fullmatch(r"[a-z2-7]{16}", n)] == [], path
    # the case's own ids are not hers to use: her item 1 is not found, in the words of an id naming nothing
    for kind, number in (("items", scoped.hers[0]), ("findings", scoped.visible_findings[0])):
        page = app_for.get(f"/{kind}/{number}")
        assert page.status_code == 404
        what = kind[:-1]
        assert f"there is no {what} {number}; open the list of findings" in page.text


def test_a_hidden_item_finding_or_link_is_not_found_as_an_id_naming_nothing(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    _sign_in(app_for, "Ann Advocate")
    ids = _opaque(scoped)
    made_up = "abcdefghijklmnop"
    for kind, what, number in (
        ("items", "item", scoped.police[0]),
        ("findings", "finding", scoped.hidden_findings[0]),
        ("links", "link", scoped.hidden_links[0]),
    ):
        name = ids.name(what, number)
        hidden, nothing = app_for.get(f"/{kind}/{name}"), app_for.get(f"/{kind}/{made_up}")
        assert (hidden.status_code, nothing.status_code) == (404, 404)
        assert hidden.text.replace(name, made_up) == nothing.text, kind


def test_an_advocate_decides_and_records_by_her_ids_and_is_told_of_problems_in_them(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    _sign_in(app_for, "Ann Advocate")
    ids = _opaque(scoped)
    finding = ids.name("finding", scoped.visible_findings[1])
    opened = app_for.get(f"/findings/{finding}").text
    decided = app_for.post(
        f"/findings/{finding}/decision",
        data={"action": "note", "reason": "his words", "csrf": _csrf(opened), "seen": ""},
    )
    assert (decided.status_code, decided.headers["location"]) == (303, f"/findings/{finding}")
    store = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store
    assert {f.id: (f.decision, f.noted) for f in store.findings()}[scoped.visible_findings[1]] == (None, True)
    (decision,) = [e for e in store.audit_entries() if e.action == "review note"]
    seen = re.search(r'name="seen" value="([^"]*)"', app_for.get(f"/findings/{finding}").text)
    assert seen is not None and seen.group(1) == ids.name(
        "decision", json.loads(decision.details)["decision_id"]
    )
    item = ids.name("item", scoped.hers[0])
    form = {"category": "threat_violence", "reason": "x", "words": "", "span": "0:999", "csrf": _csrf(opened)}
    refused = app_for.post(f"/items/{item}/findings", data=form)
    assert refused.status_code == 400
    assert f"span 0:999 is not within the text of item {item} (0:" in refused.text
    recorded = app_for.post(f"/items/{item}/findings", data={**form, "span": ""})
    assert recorded.status_code == 303
    told = app_for.get(recorded.headers["location"]).text
    assert "suggested (threat_violence); it counts once the officer in the case confirms it." in told
    again = app_for.post(f"/items/{item}/findings", data={**form, "span": ""})
    new = recorded.headers["location"].removeprefix("/findings/")
    assert f"item {item} already has finding #{new} of category" in again.text
    assert f"add a note to #{new} instead" in again.text


def test_an_advocates_ids_are_the_same_after_a_restart_and_the_key_is_the_servers_alone(
    scoped: ScopeCase, settings: Settings
) -> None:
    addresses = []
    for _ in range(2):
        with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as client:
            _sign_in(client, "Ann Advocate")
            addresses.append(sorted(OPAQUE.findall(client.get("/findings").text)))
    assert addresses[0] == addresses[1] and len(addresses[0]) == 3
    key = scoped.case.dir / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and len(key.read_bytes()) == 32


def test_an_investigator_sees_the_ids_of_the_command_line(scoped: ScopeCase, app_for: TestClient) -> None:
    _sign_in(app_for, "DC Ivy")
    listed = app_for.get("/items?exhibit=JD/1").text
    assert OPAQUE.findall(listed) == [("items", str(i)) for i in scoped.hers]
    page = app_for.get(f"/findings/{scoped.hidden_findings[0]}")
    assert page.status_code == 200 and f"<h1>Finding #{scoped.hidden_findings[0]}: " in page.text


def _entries(scoped: ScopeCase, actor: str) -> list[object]:
    store = Case.open(scoped.case.dir, Settings(actor="t", database_url=None)).store
    return [e for e in store.audit_entries() if e.actor == actor]


def test_an_advocate_who_sees_part_of_the_case_is_offered_a_note_and_not_a_decision(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    _sign_in(app_for, "Ann Advocate")
    ids = _opaque(scoped)
    finding = ids.name("finding", scoped.visible_findings[1])
    page = app_for.get(f"/findings/{finding}").text
    assert re.findall(r'<button type="submit" name="action" value="(\w+)"', page) == ["note"]
    assert "confirming or dismissing a finding is for the officer in the case" in page
    refused = app_for.post(
        f"/findings/{finding}/decision", data={"action": "confirm", "reason": "x", "csrf": _csrf(page)}
    )
    assert refused.status_code == 403
    assert "confirming a finding is weighed with evidence that role cannot see" in refused.text
    link = app_for.get(f"/links/{ids.name('link', scoped.visible_link)}").text
    assert 'action="/links/' not in link and "is for the officer in the case" in link
    item = app_for.get(f"/items/{ids.name('item', scoped.hers[0])}").text
    assert "Suggest finding</button>" in item
    app_for.post("/logout", data={"csrf": _csrf(page)})
    _sign_in(app_for, "DC Ivy")
    officer = app_for.get(f"/findings/{scoped.visible_findings[1]}").text
    assert re.findall(r'<button type="submit" name="action" value="(\w+)"', officer) == [
        "confirm",
        "dismiss",
        "note",
    ]


def test_the_app_opens_on_a_content_notice_that_a_keyboard_passes_with_one_link(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    # the app opened straight on the findings: "I will kill you" before any warning (advocate review)
    signed = app_for.post(
        "/login",
        data={"user": "Ann Advocate", "password": PASSWORD, "csrf": _csrf(app_for.get("/login").text)},
    )
    assert (signed.status_code, signed.headers["location"]) == (303, "/")
    start = app_for.get("/")
    assert start.status_code == 200
    main = start.text.split('<main id="main">', 1)[1]
    assert (
        "<p>They show the words of the messages in this case as they were sent. Messages in cases of this"
        " kind often hold threats, sexual abuse and slurs. Images are never shown here.</p>"
    ) in main
    # the first thing in the page the keyboard reaches after the page's own links is the way on, a link
    focusable = re.findall(r"<(a|button|input|select|textarea)\b[^>]*>", main)
    assert focusable[0] == "a"
    assert '<a href="/findings" id="continue" class="button">Continue to the findings</a>' in main
    assert "tabindex" not in main.split('id="continue"')[0]
    assert not any(word in start.text for word in ("you will regret leaving me", *POLICE_WORDS))


def test_an_analysers_words_name_findings_and_items_by_her_ids(
    scoped: ScopeCase, app_for: TestClient
) -> None:
    # an explanation naming "finding #4" or "item 7" showed her the case's ids, whose gaps tell her how much
    # she is not shown (found when her command line was given her own numbers, 30 November)
    request, item = scoped.visible_findings[1], scoped.hers[0]
    words = f'sent after her request (finding #{request}) and item {item}; he wrote "you\'re #1"'
    store_findings(
        scoped.case, "contact", [FindingDraft(scoped.hers[1], "contact_after_request", 0.9, words)]
    )
    ids = _opaque(scoped)
    _sign_in(app_for, "Ann Advocate")
    said = (
        f"sent after her request (finding #{ids.name('finding', request)}) and item {ids.name('item', item)};"
        " he wrote &#34;you&#39;re #1&#34;"
    )
    listed = app_for.get("/findings?category=contact_after_request")
    assert said in listed.text and f"#{request})" not in listed.text
    [name] = [n for k, n in OPAQUE.findall(listed.text) if k == "findings"]
    assert said in app_for.get(f"/findings/{name}").text
