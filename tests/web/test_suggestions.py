"""The review app's page of advocates' notes and suggestions (``web.suggestions``): what waits for a
deciding user, each linked to its finding, paged; refused to an advocate who sees part of the case."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from footprint.case import Case
from footprint.parties import add_person, attribute_account
from footprint.review import decide, history, record_finding
from footprint.review.suggest import suggest_attribution, suggest_link
from footprint.settings import Settings
from footprint.store import schema
from footprint.store.access_rows import access_entries
from footprint.users import add_user
from footprint.web import create_app
from tests.scopecase import ScopeCase, build

from .test_sign_in import PASSWORD, _csrf, _sign_in

HOSTILE = '<script>alert(1)</script> "he" & \u202eher'
ROW = re.compile(r"<tr>\s*(<td data-label=\"Made\">.*?)</tr>", re.S)


@pytest.fixture
def scoped(tmp_path: Path) -> Iterator[ScopeCase]:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    case = Case.init(tmp_path / "case", name="R v Scope", tz="Europe/London", settings=settings)
    built = build(case, tmp_path / "inputs")
    add_user(case, "Ann Advocate", "advocate", PASSWORD)
    add_user(case, "DC Ivy", "investigator", PASSWORD)
    add_user(case, "Observer", "viewer", PASSWORD)
    yield built
    case.close()


@pytest.fixture
def app(scoped: ScopeCase) -> Iterator[TestClient]:
    settings = Settings(actor="tester", role="investigator", database_url=None)
    with TestClient(create_app(scoped.case.dir, settings), follow_redirects=False) as client:
        yield client


def _cells(row: str) -> list[str]:
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_a_deciding_user_sees_what_waits_and_opens_each_finding(scoped: ScopeCase, app: TestClient) -> None:
    case = scoped.case
    threat = scoped.visible_findings[1]
    ann = case.acting_as("Ann Advocate", "advocate")
    decide(ann, threat, "note", HOSTILE)
    suggested = record_finding(ann, scoped.hers[1], "distress", "she was crying", None)
    decide(case.acting_as("DC Ivy", "investigator"), suggested.finding_id, "confirm", "her statement")
    noted_at, suggested_at = history(case, threat)[0].at_utc, history(case, suggested.finding_id)[0].at_utc
    confirmed_at = history(case, suggested.finding_id)[-1].at_utc
    assert _sign_in(app, "DC Ivy") == 303
    findings = app.get("/findings").text
    assert findings.count('href="/suggestions"') == 2  # the nav, and the findings page's own link
    page = app.get("/suggestions")
    assert page.status_code == 200
    assert '<a href="/suggestions" aria-current="page">' in page.text
    assert "<caption>Notes and suggestions waiting for a decision, oldest first</caption>" in page.text
    assert (
        '<p class="count">1 waiting for a deciding user; 1 decided since and 0 on findings replaced since'
        " (shown with “all”).</p>"
    ) in page.text
    assert [_cells(r) for r in ROW.findall(page.text)] == [
        [
            noted_at,
            'Ann Advocate (advocate)<br><span class="small">noted on it</span>',
            f'<a href="/findings/{threat}">#{threat}</a> threat_violence<br><span class="small">JD/1 <span'
            ' class="mono">line 1</span></span>',
            "",
            "&lt;script&gt;alert(1)&lt;/script&gt; &#34;he&#34; &amp; [U+202E RIGHT-TO-LEFT OVERRIDE]her",
            "none yet",
        ]
    ]
    assert "<script>" not in page.text
    every = app.get("/suggestions?show=all").text
    rows = [_cells(r) for r in ROW.findall(every)]
    assert rows[1] == [
        suggested_at,
        'Ann Advocate (advocate)<br><span class="small">suggested the finding</span>',
        f'<a href="/findings/{suggested.finding_id}">#{suggested.finding_id}</a> distress<br><span'
        ' class="small">JD/1 <span class="mono">line 2</span></span>',
        "please stop contacting me",
        "she was crying",
        f'confirmed by DC Ivy (investigator) at {confirmed_at}: <span class="text">her statement</span>',
    ]
    assert app.get(f"/findings/{threat}").status_code == 200
    with case.store.unscoped_engine.connect() as conn:
        views = [(e.command, json.loads(e.arguments), e.lines_shown) for e in access_entries(conn, None)]
    assert [v for v in views if v[0] == "web /suggestions"] == [
        ("web /suggestions", {"show": "waiting", "page": 1}, 1),
        ("web /suggestions", {"show": "all", "page": 1}, 2),
    ]


def test_an_advocate_and_a_viewer_are_refused_the_page_and_not_offered_it(
    scoped: ScopeCase, app: TestClient
) -> None:
    decide(scoped.case.acting_as("Ann Advocate", "advocate"), scoped.visible_findings[1], "note", HOSTILE)
    assert _sign_in(app, "Ann Advocate") == 303
    assert "/suggestions" not in app.get("/findings").text
    refused = app.get("/suggestions?show=all")
    assert refused.status_code == 403
    assert (
        "the queue of what advocates noted and suggested is not shown to a user acting as &#39;advocate&#39;:"
        " that role sees only the exhibits the complainant supplied, and 1 exhibit(s) in this case were not"
        " supplied by her."
    ) in refused.text
    assert "alert(1)" not in refused.text
    app.post("/logout", data={"csrf": _csrf(app.get("/findings").text)})
    assert _sign_in(app, "Observer") == 303
    assert "/suggestions" not in app.get("/findings").text
    viewer = app.get("/suggestions")
    assert viewer.status_code == 403
    assert "Observer acts as &#39;viewer&#39;, which may read findings but not decide on them" in viewer.text


def test_the_page_is_paged_as_the_list_of_findings(
    scoped: ScopeCase, app: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("footprint.web.views.PAGE_SIZE", 2)
    ann = scoped.case.acting_as("Ann Advocate", "advocate")
    for n in range(3):
        decide(ann, scoped.visible_findings[1], "note", f"note {n}")
    _sign_in(app, "DC Ivy")
    first, second = app.get("/suggestions").text, app.get("/suggestions?show=waiting&page=2").text
    assert [_cells(r)[4] for r in ROW.findall(first)] == ["note 0", "note 1"]
    assert [_cells(r)[4] for r in ROW.findall(second)] == ["note 2"]
    assert "3 to 3 on this page (2 of 2)." in second
    assert '<a href="/suggestions?show=waiting&amp;page=2" rel="next">later →</a>' in first
    assert '<a href="/suggestions?show=waiting&amp;page=1" rel="prev">← earlier</a>' in second
    assert app.get("/suggestions?page=3").status_code == 404
    assert app.get("/suggestions?show=every").status_code == 400


def test_her_suggested_link_and_attribution_are_listed_with_the_commands_that_decide_them(
    scoped: ScopeCase, app: TestClient
) -> None:
    case = scoped.case
    add_person(case, "Craig Smith", "suspect")
    ann = case.acting_as("Ann Advocate", "advocate")
    suggest_link(ann, "whatsapp:Jane Doe", "whatsapp:Craig Smith", HOSTILE)
    suggest_attribution(ann, "whatsapp:Craig Smith", "Craig Smith", "his photo")
    attribute_account(
        case.acting_as("DC Ivy", "investigator"), "whatsapp:Craig Smith", "Craig Smith", "his phone"
    )
    with case.store.engine.connect() as conn:
        linked, attributed = conn.execute(select(schema.suggestion.c.at_utc).order_by(schema.suggestion.c.id))
    [decided] = (e.at_utc for e in case.store.audit_entries() if e.action == "account attribute")
    folder = case.dir
    assert _sign_in(app, "DC Ivy") == 303
    page = app.get("/suggestions?show=all")
    assert "<script>" not in page.text
    got = [_cells(r) for r in ROW.findall(page.text)]
    want = [
        [
            linked.at_utc,
            'Ann Advocate (advocate)<br><span class="small">suggested the link</span>',
            'Link 1: <span class="mono">whatsapp:Jane Doe</span> ~ <span class="mono">whatsapp:Craig Smith</span>',
            "",
            "&lt;script&gt;alert(1)&lt;/script&gt; &#34;he&#34; &amp; [U+202E RIGHT-TO-LEFT OVERRIDE]her",
            f"none yet: accept or reject the link with <code>footprint link-accept {folder} &#39;whatsapp:Jane"
            f" Doe&#39; &#39;whatsapp:Craig Smith&#39; --reason TEXT</code> <code>footprint link-reject {folder}"
            " &#39;whatsapp:Jane Doe&#39; &#39;whatsapp:Craig Smith&#39; --reason TEXT</code>",
        ],
        [
            attributed.at_utc,
            'Ann Advocate (advocate)<br><span class="small">suggested the attribution</span>',
            'Attribution 2: <span class="mono">whatsapp:Craig Smith</span> to Craig Smith',
            "",
            "his photo",
            f'attributed <span class="mono">whatsapp:Craig Smith</span> to Craig Smith by DC Ivy (investigator)'
            f' at {decided}: <span class="text">his phone</span> (as she suggested)',
        ],
    ]
    assert got == want
    assert (
        '<p class="count">1 waiting for a deciding user; 1 decided since and 0 on findings replaced since.</p>'
    ) in page.text
