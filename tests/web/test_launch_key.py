"""With no users, the app opens only in a browser given the key of this start (the address `footprint
serve` prints): any other account on this computer can reach 127.0.0.1, and would act as the named user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from markupsafe import escape

from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user
from footprint.web import create_app
from footprint.web.wording import NO_KEY, USERS_ADDED, WRONG_KEY
from tests.audited import said

from .conftest import LOCAL, finding_id, page_views
from .test_sign_in import _csrf

NEIGHBOUR = ("127.0.0.1", 40001)  # another account on this computer: the same address as hers
HERS = ("127.0.0.1", 40002)


@pytest.fixture
def app(planted: Case, settings: Settings) -> FastAPI:
    return create_app(planted.dir, settings)


@pytest.fixture
def neighbour(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL, client=NEIGHBOUR, follow_redirects=False) as browser:
        yield browser


def _audit(case: Case) -> list[tuple[str, str, str, str, dict[str, object]]]:
    return [(e.actor, e.action, e.object, e.justification, said(e)) for e in case.store.audit_entries()]


def test_without_the_key_nothing_is_shown_decided_or_audited(
    neighbour: TestClient, planted: Case, app: FastAPI
) -> None:
    before = _audit(planted)
    fid = finding_id(planted, "threat_to_kill")
    assert page_views(planted) == []
    for path in (
        "/",
        "/findings",
        f"/findings/{fid}",
        "/items",
        "/items?q=kill",
        "/links",
        "/persons",
        "/login",
    ):
        response = neighbour.get(path, follow_redirects=True)  # /login: to / (no one signs in)
        assert response.status_code == 403, path
        assert f'<p class="problem" role="alert">{escape(NO_KEY)}</p>' in response.text
        assert "R v Test" not in response.text and "tester" not in response.text  # not even whose case
    data = {"action": "dismiss", "reason": "just banter", "csrf": "", "seen": ""}
    assert neighbour.post(f"/findings/{fid}/decision", data=data).status_code == 403
    assert (_audit(planted), page_views(planted)) == (before, [])
    assert next(f for f in planted.store.findings() if f.id == fid).decision is None


def test_the_key_begins_a_session_in_that_browser_only(app: FastAPI, planted: Case) -> None:
    key = app.state.launch_key
    with (
        TestClient(app, base_url=LOCAL, client=HERS, follow_redirects=False) as hers,
        TestClient(app, base_url=LOCAL, client=NEIGHBOUR, follow_redirects=False) as neighbour,
    ):
        opened = hers.get(f"/?key={key}")
        assert (opened.status_code, opened.headers["location"]) == (303, "/")  # the key leaves the address
        cookie = opened.headers["set-cookie"]
        assert cookie.startswith("footprint_session=") and key not in cookie
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
        assert "Acting as <strong>tester</strong> (investigator)." in hers.get("/").text
        assert hers.get("/findings").status_code == 200
        assert neighbour.get("/findings").status_code == 403  # her session is hers
        assert hers.get(f"/?key={key}").status_code == 303  # opened again: a new session
    assert [a for a in _audit(planted) if a[1].startswith("web")] == [
        (
            "tester",
            "web sign-in",
            "tester",
            "with the key `footprint serve` printed",
            {"client": "127.0.0.1"},
        ),
        (
            "tester",
            "web sign-in",
            "tester",
            "with the key `footprint serve` printed",
            {"client": "127.0.0.1"},
        ),
        ("tester", "web sign-out", "tester", "signed in again in this browser", {}),  # the session before
        ("tester", "web sign-out", "tester", "session ended (server stopped)", {}),
    ]
    assert [view[:4] for view in page_views(planted)] == [  # a read: in the access log
        ("tester", "investigator", "/findings", {"category": "all", "status": "all", "page": 1})
    ]


def test_a_wrong_key_is_refused_and_audited_without_it_and_bounded(
    neighbour: TestClient, app: FastAPI, planted: Case
) -> None:
    for n in range(8):
        refused = neighbour.get(f"/?key=guess-{n}")
        assert refused.status_code == 403
        assert f'<p class="problem" role="alert">{escape(WRONG_KEY)}</p>' in refused.text
        assert "guess-" not in refused.text
    assert neighbour.get(f"/?key={app.state.launch_key}").status_code == 303  # the lock holds back guesses
    assert neighbour.get("/findings").status_code == 200
    here = {"client": "127.0.0.1"}
    assert [a for a in _audit(planted) if a[1].startswith("web sign-in")] == [
        *[("(not signed in)", "web sign-in refused", "tester", "a wrong key", here)] * 5,
        ("(not signed in)", "web sign-in locked", "tester", "a wrong key", here),
        ("tester", "web sign-in", "tester", "with the key `footprint serve` printed", here),
    ]
    assert "guess-" not in repr(_audit(planted))


def test_the_key_is_kept_nowhere_in_the_case(app: FastAPI, planted: Case, tmp_path: Path) -> None:
    key = app.state.launch_key
    with TestClient(app, base_url=LOCAL, follow_redirects=False) as browser:
        assert browser.get(f"/?key={key}").status_code == 303
        fid = finding_id(planted, "threat_to_kill")
        token = _csrf(browser.get(f"/findings/{fid}").text)
        data = {"action": "confirm", "reason": "explicit", "csrf": token, "seen": ""}
        assert browser.post(f"/findings/{fid}/decision", data=data).status_code == 303
    assert key not in repr(_audit(planted))
    held = [p for p in planted.dir.rglob("*") if p.is_file() and key.encode() in p.read_bytes()]
    assert held == []  # not in case.db, its journal, case.json or web-ids.key


def test_another_start_has_another_key(planted: Case, settings: Settings, app: FastAPI) -> None:
    earlier = app.state.launch_key
    with TestClient(create_app(planted.dir, settings), base_url=LOCAL, follow_redirects=False) as browser:
        assert browser.get(f"/?key={earlier}").status_code == 403


def test_once_users_are_added_the_key_no_longer_opens_a_running_server(
    app: FastAPI, planted: Case, tmp_path: Path
) -> None:
    # a server started with no users went on letting in whoever had the key, acting as the investigator,
    # after `user add` (new-code review 4)
    key = app.state.launch_key
    with TestClient(app, base_url=LOCAL, client=HERS, follow_redirects=False) as hers:
        assert hers.get(f"/?key={key}").status_code == 303
        assert hers.get("/findings").status_code == 200
        add_user(planted, "DC Ann Reviewer", "reviewer", "a long enough password 1")
        for path in ("/findings", f"/?key={key}"):
            refused = hers.get(path)
            assert refused.status_code == 403, path
            assert f'<p class="problem" role="alert">{escape(USERS_ADDED)}</p>' in refused.text
    assert (
        "tester",
        "web sign-out",
        "tester",
        "the case has users now: the key no longer opens it",
        {},
    ) in _audit(planted)
