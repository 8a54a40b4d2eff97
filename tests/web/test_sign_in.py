"""The review app once the case has users: everyone signs in and acts in the role the case gives them."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

import footprint.web.app
from footprint.case import Case
from footprint.settings import Settings
from footprint.users import add_user, disable_user
from footprint.web import create_app
from footprint.web.sessions import Session, Sessions
from tests.audited import said

from .conftest import finding_id, page_views

PASSWORD = "correct horse battery"


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


@pytest.fixture
def team(planted: Case, settings: Settings) -> Iterator[TestClient]:
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    add_user(planted, "Observer", "viewer", PASSWORD)
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as client:
        yield client


def _sign_in(client: TestClient, name: str, password: str = PASSWORD) -> int:
    token = _csrf(client.get("/login").text)
    return client.post("/login", data={"user": name, "password": password, "csrf": token}).status_code


def test_pages_need_a_signed_in_user(team: TestClient, planted: Case) -> None:
    for path in ("/findings", f"/findings/{finding_id(planted, 'threat_to_kill')}", "/findings/abc"):
        response = team.get(path)
        assert (response.status_code, response.headers["location"]) == (303, "/login")
    login = team.get("/login").text
    assert "Not signed in." in login
    assert "R v Test" not in login and "Footprint review" in login  # a stranger is not told the case


def test_a_wrong_password_is_refused_and_audited(team: TestClient, planted: Case) -> None:
    token = _csrf(team.get("/login").text)
    response = team.post("/login", data={"user": "DC Ann Reviewer", "password": "guess", "csrf": token})
    assert response.status_code == 403
    assert "the name or the password is wrong, or the user is disabled; try again" in response.text
    assert "footprint_session" not in response.headers.get("set-cookie", "")
    assert [e.object for e in planted.store.audit_entries() if e.action == "web sign-in refused"] == [
        "DC Ann Reviewer"
    ]


def test_a_sign_in_form_from_elsewhere_is_refused(team: TestClient, planted: Case) -> None:
    response = team.post("/login", data={"user": "DC Ann Reviewer", "password": PASSWORD, "csrf": "x"})
    assert response.status_code == 403
    refused = [
        (e.actor, e.role, e.object, e.justification)
        for e in planted.store.audit_entries()
        if e.action == "web sign-in refused"
    ]
    assert refused == [
        ("(not signed in)", "none", "DC Ann Reviewer", "the form is out of date or came from another site")
    ]


def test_a_sign_in_form_with_a_non_ascii_secret_is_refused_not_a_server_error(team: TestClient) -> None:
    response = team.post("/login", data={"user": "DC Ann Reviewer", "password": PASSWORD, "csrf": "ünïcode"})
    assert response.status_code == 403
    assert "this form is out of date or came from another site" in response.text
    assert "footprint_session" not in response.headers.get("set-cookie", "")


def test_a_name_with_a_nul_is_refused_and_audited_even_when_locked_out(
    team: TestClient, planted: Case
) -> None:
    for _ in range(6):
        assert _sign_in(team, "DC Ann\x00Reviewer", "wrong password") == 403
    assert [e.action for e in planted.store.audit_entries() if e.object == "DC Ann\u2400Reviewer"] == [
        *["web sign-in refused"] * 5,
        "web sign-in locked",
    ]


def test_a_sign_in_posted_by_another_site_is_refused_even_with_the_secret(team: TestClient) -> None:
    # someone with an account reads the sign-in secret themselves, then has a colleague's browser post
    # their name and password (login CSRF): the colleague would then decide under the wrong name
    token = _csrf(team.get("/login").text)
    data = {"user": "DC Ann Reviewer", "password": PASSWORD, "csrf": token}
    response = team.post("/login", data=data, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "this request came from another site or page, so it was refused and not recorded" in response.text
    assert "footprint_session" not in response.headers.get("set-cookie", "")
    assert team.post("/login", data=data, headers={"Sec-Fetch-Site": "same-origin"}).status_code == 303


def test_a_huge_name_is_refused_and_audited_cut_short(team: TestClient, planted: Case) -> None:
    # anyone who reaches the sign-in page must not be able to write megabytes into the audit log
    assert _sign_in(team, "x" * 1_000_000, "wrong password") == 403
    assert [e.object for e in planted.store.audit_entries() if e.action == "web sign-in refused"] == [
        "x" * 200 + "…"
    ]


def test_a_reviewer_signs_in_decides_and_signs_out(team: TestClient, planted: Case) -> None:
    assert _sign_in(team, "DC Ann Reviewer") == 303
    cookie = team.cookies.get("footprint_session")
    assert cookie
    fid = finding_id(planted, "threat_to_kill")
    page = team.get(f"/findings/{fid}").text
    assert "Acting as <strong>DC Ann Reviewer</strong> (reviewer)." in page
    token = _csrf(page)
    response = team.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "explicit", "csrf": token}
    )
    assert response.status_code == 303
    assert "confirmed</span> by <strong>DC Ann Reviewer</strong>" in team.get(f"/findings/{fid}").text
    assert team.post("/logout", data={"csrf": token}).headers["location"] == "/login"
    assert team.get("/findings").headers["location"] == "/login"
    acted = [
        (e.actor, e.role, e.action) for e in planted.store.audit_entries() if e.actor == "DC Ann Reviewer"
    ]
    assert acted == [
        ("DC Ann Reviewer", "reviewer", "web sign-in"),
        ("DC Ann Reviewer", "reviewer", "review confirm"),
        ("DC Ann Reviewer", "reviewer", "web sign-out"),
    ]  # the views are reads: in the access log, as the signed-in user
    assert [view[:4] for view in page_views(planted)] == [
        ("DC Ann Reviewer", "reviewer", "/findings/{finding_id}", {"finding": fid})
    ] * 2


def test_the_session_cookie_is_http_only_and_same_site(team: TestClient) -> None:
    token = _csrf(team.get("/login").text)
    response = team.post("/login", data={"user": "Observer", "password": PASSWORD, "csrf": token})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie


def test_a_viewer_reads_but_may_not_decide(team: TestClient, planted: Case) -> None:
    _sign_in(team, "Observer")
    fid = finding_id(planted, "threat_to_kill")
    page = team.get(f"/findings/{fid}").text
    assert "Your role (viewer) may read findings but not decide on them." in page
    token = _csrf(page)  # the sign-out form's secret
    response = team.post(
        f"/findings/{fid}/decision", data={"action": "confirm", "reason": "x", "csrf": token}
    )
    assert response.status_code == 403
    assert (
        "Observer acts as &#39;viewer&#39;, which may read findings but not decide on them" in response.text
    )


def test_disabling_a_user_ends_their_access_at_once(team: TestClient, planted: Case) -> None:
    _sign_in(team, "DC Ann Reviewer")
    assert team.get("/findings").status_code == 200
    disable_user(planted, "DC Ann Reviewer", "left the team")
    assert team.get("/findings").headers["location"] == "/login"
    assert _sign_in(team, "DC Ann Reviewer") == 403


def test_the_sign_in_secret_does_not_post_decisions(team: TestClient, planted: Case) -> None:
    login_secret = _csrf(team.get("/login").text)
    _sign_in(team, "DC Ann Reviewer")
    fid = finding_id(planted, "threat_to_kill")
    data = {"action": "confirm", "reason": "x", "csrf": login_secret}
    assert team.post(f"/findings/{fid}/decision", data=data).status_code == 403


def test_five_refused_sign_ins_lock_the_name_out(team: TestClient, planted: Case) -> None:
    for _ in range(5):
        assert _sign_in(team, "DC Ann Reviewer", "wrong password") == 403
    token = _csrf(team.get("/login").text)
    response = team.post("/login", data={"user": "DC Ann Reviewer", "password": PASSWORD, "csrf": token})
    assert response.status_code == 403
    assert (
        "DC Ann Reviewer is locked out for 15 minutes after 5 refused sign-ins; try again later, or ask the"
        " case&#39;s investigator"
    ) in response.text
    assert "footprint_session" not in response.headers.get("set-cookie", "")
    assert [e.action for e in planted.store.audit_entries() if e.object == "DC Ann Reviewer"][-6:] == [
        *["web sign-in refused"] * 5,
        "web sign-in locked",
    ]
    assert _sign_in(team, "Observer") == 303  # other names are not affected


def test_concurrent_wrong_passwords_get_no_more_than_five_tries(
    team: TestClient, planted: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    # uvicorn runs the sign-in in a thread pool: ten guesses at once must not all slip past the lock-out
    real = footprint.web.app.sign_in

    def slow_sign_in(case: Case, name: str, password: str, **where: str) -> object:
        time.sleep(0.3)
        return real(case, name, password, **where)

    monkeypatch.setattr(footprint.web.app, "sign_in", slow_sign_in)
    token = _csrf(team.get("/login").text)
    statuses: list[int] = []

    def guess(n: int) -> None:
        data = {"user": "DC Ann Reviewer", "password": f"wrong guess {n}", "csrf": token}
        statuses.append(team.post("/login", data=data).status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [403] * 10
    actions = [e.action for e in planted.store.audit_entries() if e.object == "DC Ann Reviewer"]
    assert actions.count("web sign-in refused") == 5
    assert actions.count("web sign-in locked") == 1  # the other four: one entry when the server stops


class _EndedMeanwhile(dict[str, Session]):
    """A session store in which another thread ends each session just after it is looked up."""

    def get(self, key: str, default: Session | None = None) -> Session | None:  # type: ignore[override]
        found = super().get(key, default)
        self.pop(key, None)
        return found


def test_an_expired_session_ended_by_another_thread_meanwhile_is_no_error() -> None:
    sessions = Sessions()
    sid = sessions.start("DC Ann Reviewer", "credential")
    sessions._open = _EndedMeanwhile(
        {sid: Session("DC Ann Reviewer", "csrf", expires=0.0, credential="credential", active=0.0)}
    )
    assert sessions.get(sid) is None


def test_signing_in_again_ends_the_session_the_browser_had(team: TestClient) -> None:
    assert _sign_in(team, "DC Ann Reviewer") == 303
    first = team.cookies.get("footprint_session")
    assert _sign_in(team, "Observer") == 303
    assert team.cookies.get("footprint_session") != first
    team.cookies.clear()
    team.cookies.set("footprint_session", str(first))
    assert team.get("/findings").headers["location"] == "/login"


def test_guessing_from_one_client_is_bounded_in_the_audit_and_locks_out_no_one_else(
    planted: Case, settings: Settings
) -> None:
    # each of 100 anonymous sign-ins was an audit entry, and five wrong passwords locked the real
    # reviewer out wherever they were
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    app = create_app(planted.dir, settings)
    with TestClient(app, follow_redirects=False, client=("10.0.0.66", 4000)) as attacker:
        for n in range(100):
            assert _sign_in(attacker, ["DC Ann Reviewer", "nobody1", "nobody2"][n % 3], "wrong") == 403
        with TestClient(app, follow_redirects=False, client=("10.0.0.5", 4000)) as reviewer:
            assert _sign_in(reviewer, "DC Ann Reviewer") == 303
    entries = [
        (e.action, e.object, e.justification, said(e))
        for e in planted.store.audit_entries()
        if e.action.startswith("web sign-in")
    ]
    names = ("DC Ann Reviewer", "nobody1", "nobody2")
    attacker = {"client": "10.0.0.66"}
    assert entries == [
        *[("web sign-in refused", n, "", attacker) for n in names] * 5,
        *[("web sign-in locked", n, "", attacker) for n in names],
        ("web sign-in", "DC Ann Reviewer", "", {"client": "10.0.0.5"}),
        # when the server stops, the attempts each lock refused after its first: 34, 33 and 33 in all
        *[
            ("web sign-in locked", n, "further attempts while locked", {"attempts": k, "client": "10.0.0.66"})
            for n, k in zip(names, (28, 27, 27), strict=True)
        ],
    ]


def test_sign_in_forms_with_a_wrong_secret_are_bounded_in_the_audit_too(
    planted: Case, settings: Settings
) -> None:
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    with TestClient(create_app(planted.dir, settings), follow_redirects=False) as attacker:
        for n in range(30):
            attacker.post("/login", data={"user": f"nobody{n}", "password": "x", "csrf": "forged"})
    entries = [
        (e.action, e.justification) for e in planted.store.audit_entries() if e.action.startswith("web")
    ]
    assert entries == [
        *[("web sign-in refused", "the form is out of date or came from another site")] * 20,
        ("web sign-in locked", ""),
        ("web sign-in locked", "further attempts while locked"),  # the other 9, as the server stopped
    ]


def test_every_sign_in_refused_or_not_records_where_it_came_from(planted: Case, settings: Settings) -> None:
    # only the lock-out entry named the client: a guess, or a stolen password's use, could not be traced
    add_user(planted, "DC Ann Reviewer", "reviewer", PASSWORD)
    with TestClient(
        create_app(planted.dir, settings), client=("10.0.0.7", 5000), follow_redirects=False
    ) as browser:
        assert _sign_in(browser, "DC Ann Reviewer", "wrong password") == 403
        assert _sign_in(browser, "nobody", PASSWORD) == 403
        assert (
            browser.post("/login", data={"user": "Observer", "password": "x", "csrf": "old"}).status_code
            == 403
        )
        assert _sign_in(browser, "DC Ann Reviewer") == 303
    entries = [
        (e.action, e.object, e.justification, said(e))
        for e in planted.store.audit_entries()
        if e.action.startswith("web sign-in")
    ]
    there = {"client": "10.0.0.7"}
    assert entries == [
        ("web sign-in refused", "DC Ann Reviewer", "", there),
        ("web sign-in refused", "nobody", "", there),
        ("web sign-in refused", "Observer", "the form is out of date or came from another site", there),
        ("web sign-in", "DC Ann Reviewer", "", there),
    ]
